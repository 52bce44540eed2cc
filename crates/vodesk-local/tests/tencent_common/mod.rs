//! Test harness for the Tencent personality: a real service on loopback, a small TC3 signer
//! written from tencent-aliyun-vod-api.md §A.2 (independent of the crate's verifier and of
//! vodesk-core), and COS requests signed with the object store's q-sign helper the way
//! cos-python-sdk-v5 sends them (virtual-host `Host`, security token).
#![allow(dead_code)]

use std::time::Duration;

use hmac::{KeyInit, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use vodesk_local::{Credentials, RunningService, ServeConfig, TencentCredentials};
use vodesk_objstore::auth::cos;

pub const SECRET_ID: &str = "AKIDTESTTENCENT00000000000000000001";
pub const SECRET_KEY: &str = "TencentTestSecretKey000000000001";
pub const SUB_APP: u64 = 1_500_000_001;

pub struct Tc {
    pub service: Option<RunningService>,
    pub dir: tempfile::TempDir,
    pub endpoint: String,
    pub cos: String,
    pub region: String,
    pub http: reqwest::Client,
}

/// Options to break a call on purpose.
#[derive(Clone, Default)]
pub struct Opts {
    pub secret_id: Option<String>,
    pub secret_key: Option<String>,
    pub timestamp: Option<i64>,
    pub get: bool,
    pub authorization: Option<String>,
    pub no_region: bool,
}

impl Tc {
    pub async fn start(throttle: bool, cert: Option<Duration>) -> Tc {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = ServeConfig::new(dir.path().to_path_buf());
        config.throttle = throttle;
        config.credentials = Some(Credentials {
            access_key: "HWAK".into(),
            secret_key: "HWSK".into(),
            project_id: "0123456789abcdef0123456789abcdef".into(),
        });
        config.tencent_credentials = Some(TencentCredentials {
            secret_id: SECRET_ID.into(),
            secret_key: SECRET_KEY.into(),
            sub_app_id: SUB_APP,
        });
        config.tencent_cert_lifetime = cert;
        let service = RunningService::start(config).await.expect("service starts");
        Tc {
            endpoint: service.info.tencent_endpoint.clone(),
            cos: service.info.tencent_cos_endpoint.clone(),
            region: service.info.tencent_region.clone(),
            service: Some(service),
            dir,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    pub fn host(&self) -> String {
        self.endpoint.trim_start_matches("http://").to_string()
    }

    /// The whole reply (`{"Response": …}`) of a signed call; asserts HTTP 200.
    pub async fn raw(&self, action: &str, params: &Value, o: &Opts) -> Value {
        let ts = o
            .timestamp
            .unwrap_or_else(|| chrono::Utc::now().timestamp());
        let (body, query, content_type) = if o.get {
            let mut pairs = Vec::new();
            flatten("", params, &mut pairs);
            let q: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}={}", cos::encode(k), cos::encode(v)))
                .collect();
            (
                String::new(),
                q.join("&"),
                "application/x-www-form-urlencoded",
            )
        } else {
            (params.to_string(), String::new(), "application/json")
        };
        let host = self.host();
        let method = if o.get { "GET" } else { "POST" };
        let payload = hex::encode(Sha256::digest(body.as_bytes()));
        let creq = format!(
            "{method}\n/\n{query}\ncontent-type:{content_type}\nhost:{host}\n\ncontent-type;host\n{payload}"
        );
        let date = chrono::DateTime::from_timestamp(ts, 0)
            .unwrap()
            .format("%Y-%m-%d")
            .to_string();
        let sts = format!(
            "TC3-HMAC-SHA256\n{ts}\n{date}/vod/tc3_request\n{}",
            hex::encode(Sha256::digest(creq.as_bytes()))
        );
        let key = o.secret_key.clone().unwrap_or_else(|| SECRET_KEY.into());
        let mac = |k: &[u8], m: &str| {
            let mut h = hmac::Hmac::<Sha256>::new_from_slice(k).unwrap();
            h.update(m.as_bytes());
            h.finalize().into_bytes().to_vec()
        };
        let signing = mac(
            &mac(&mac(format!("TC3{key}").as_bytes(), &date), "vod"),
            "tc3_request",
        );
        let sig = hex::encode(mac(&signing, &sts));
        let id = o.secret_id.clone().unwrap_or_else(|| SECRET_ID.into());
        let auth = o.authorization.clone().unwrap_or_else(|| {
            format!(
                "TC3-HMAC-SHA256 Credential={id}/{date}/vod/tc3_request, SignedHeaders=content-type;host, Signature={sig}"
            )
        });
        let url = if o.get {
            format!("{}/?{query}", self.endpoint)
        } else {
            format!("{}/", self.endpoint)
        };
        let mut req = self
            .http
            .request(method.parse().unwrap(), url)
            .header("content-type", content_type)
            .header("x-tc-action", action)
            .header("x-tc-version", "2018-07-17")
            .header("x-tc-timestamp", ts.to_string())
            .header("authorization", auth)
            .body(body);
        if !o.no_region {
            req = req.header("x-tc-region", "ap-guangzhou");
        }
        let resp = req.send().await.expect("sent");
        assert_eq!(
            resp.status().as_u16(),
            200,
            "Tencent answers every call with 200"
        );
        let v: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).expect("JSON reply");
        assert!(
            v["Response"]["RequestId"]
                .as_str()
                .is_some_and(|r| !r.is_empty()),
            "{v}"
        );
        v
    }

    /// The `Response` of a call that must succeed.
    pub async fn ok(&self, action: &str, params: Value) -> Value {
        let v = self.raw(action, &params, &Opts::default()).await;
        assert!(v["Response"]["Error"].is_null(), "{action}: {v}");
        v["Response"].clone()
    }

    /// The error code of a call that must fail.
    pub async fn err(&self, action: &str, params: Value) -> String {
        self.err_opts(action, params, &Opts::default()).await
    }

    pub async fn err_opts(&self, action: &str, params: Value, o: &Opts) -> String {
        let v = self.raw(action, &params, o).await;
        v["Response"]["Error"]["Code"]
            .as_str()
            .unwrap_or_else(|| panic!("{action} should fail: {v}"))
            .to_string()
    }

    /// A COS request for `bucket` as cos-python-sdk-v5 sends it (virtual host, token, q-sign).
    pub async fn cos(
        &self,
        cert: &Value,
        method: &str,
        bucket: &str,
        key: &str,
        query: &[(&str, &str)],
        body: Vec<u8>,
    ) -> reqwest::Response {
        let host = format!("{bucket}.cos.{}.myqcloud.com", self.region);
        let token = cert["Token"].as_str().unwrap().to_string();
        let len = body.len().to_string();
        let headers = [
            ("Host", host.as_str()),
            ("Content-Length", len.as_str()),
            ("x-cos-security-token", token.as_str()),
        ];
        let now = chrono::Utc::now().timestamp();
        let time = format!("{};{}", now - 60, now + 10_000);
        let path = format!("/{key}");
        let auth = cos::authorization(
            cert["SecretId"].as_str().unwrap(),
            cert["SecretKey"].as_str().unwrap(),
            &time,
            method,
            &path,
            query,
            &headers,
        );
        let wire: String = path
            .split('/')
            .map(cos::encode)
            .collect::<Vec<_>>()
            .join("/");
        let qs: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{}={}", cos::encode(k), cos::encode(v)))
            .collect();
        let url = if qs.is_empty() {
            format!("{}{wire}", self.cos)
        } else {
            format!("{}{wire}?{}", self.cos, qs.join("&"))
        };
        self.http
            .request(method.parse().unwrap(), url)
            .header("host", host)
            .header("authorization", auth)
            .header("x-cos-security-token", token)
            .header("content-length", len)
            .body(body)
            .send()
            .await
            .expect("COS request sent")
    }

    pub async fn get(&self, url: &str) -> (u16, Vec<u8>) {
        let r = self.http.get(url).send().await.expect("GET sent");
        (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
    }

    /// ApplyUpload → COS PUT → CommitUpload; the FileId.
    pub async fn upload(&self, extra: Value, data: &[u8]) -> String {
        let mut p = json!({"MediaType": "mp4", "SubAppId": SUB_APP});
        if let (Value::Object(m), Value::Object(e)) = (&mut p, extra) {
            m.extend(e);
        }
        let a = self.ok("ApplyUpload", p).await;
        let key = a["MediaStoragePath"]
            .as_str()
            .unwrap()
            .trim_start_matches('/');
        let bucket = a["StorageBucket"].as_str().unwrap();
        let r = self
            .cos(
                &a["TempCertificate"],
                "PUT",
                bucket,
                key,
                &[],
                data.to_vec(),
            )
            .await;
        assert_eq!(r.status().as_u16(), 200, "{}", r.text().await.unwrap());
        let c = self
            .ok("CommitUpload", json!({"VodSessionKey": a["VodSessionKey"]}))
            .await;
        c["FileId"].as_str().unwrap().to_string()
    }
}

/// The SDK's GET flattening: `a.0=…`, `a.b=…`.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(m) => m.iter().for_each(|(k, v)| flatten(&key(k), v, out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| flatten(&key(&i.to_string()), v, out)),
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

/// A small PNG (signature and IHDR only; enough for a type check).
pub fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[0, 0, 0, 13]);
    v.extend_from_slice(b"IHDR");
    v.extend_from_slice(&[
        0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
    ]);
    v
}
