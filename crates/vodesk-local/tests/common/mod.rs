//! Test harness: a real service on loopback and a small SDK-HMAC-SHA256 signer written from
//! huawei-vod-api.md §2.2 (independent of the crate's verifier and of vodesk-core).
#![allow(dead_code)]

use std::path::PathBuf;

use hmac::{KeyInit, Mac};
use reqwest::header::HeaderMap;
use serde_json::Value;
use sha2::{Digest, Sha256};
use vodesk_local::{Credentials, RunningService, ServeConfig};

pub const AK: &str = "TESTAK0000000000001";
pub const SK: &str = "TestSecretKey0000000000000000000000000001";
pub const PROJECT: &str = "0123456789abcdef0123456789abcdef";

pub struct Harness {
    pub service: Option<RunningService>,
    pub dir: tempfile::TempDir,
    pub client: Client,
}

impl Harness {
    pub async fn start(throttle: bool) -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let service = start_in(dir.path().to_path_buf(), throttle).await;
        let client = Client::new(&service.info.vod_endpoint);
        Harness {
            service: Some(service),
            dir,
            client,
        }
    }

    pub async fn restart(&mut self) {
        if let Some(s) = self.service.take() {
            s.shutdown().await;
        }
        let service = start_in(self.dir.path().to_path_buf(), true).await;
        self.client = Client::new(&service.info.vod_endpoint);
        self.service = Some(service);
    }

    pub fn object_endpoint(&self) -> String {
        self.service.as_ref().unwrap().info.object_endpoint.clone()
    }
}

pub async fn start_in(dir: PathBuf, throttle: bool) -> RunningService {
    let mut config = ServeConfig::new(dir);
    config.throttle = throttle;
    config.credentials = Some(Credentials {
        access_key: AK.into(),
        secret_key: SK.into(),
        project_id: PROJECT.into(),
    });
    RunningService::start(config).await.expect("service starts")
}

/// `quote(s, safe='~')`.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn canonical_query(pairs: &[(&str, String)]) -> String {
    let mut sorted: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    pub raw: Vec<u8>,
}

impl Response {
    pub fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or("")
    }
}

/// Options to break a signature on purpose.
#[derive(Clone, Default)]
pub struct SignOpts {
    pub date: Option<String>,
    pub sk: Option<String>,
    pub ak: Option<String>,
    pub no_auth: bool,
    pub tamper_body: bool,
}

#[derive(Clone)]
pub struct Client {
    pub endpoint: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(endpoint: &str) -> Client {
        Client {
            endpoint: endpoint.to_string(),
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    pub fn host(&self) -> String {
        self.endpoint.trim_start_matches("http://").to_string()
    }

    pub async fn call(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Response {
        self.call_opts(method, path, query, body, &SignOpts::default())
            .await
    }

    /// `path` may contain `{p}` for the project id.
    pub async fn call_opts(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        opts: &SignOpts,
    ) -> Response {
        let path = path.replace("{p}", PROJECT);
        let body_bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let date = opts
            .date
            .clone()
            .unwrap_or_else(|| chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string());
        let cq = canonical_query(query);
        let mut curi = path.split('/').map(enc).collect::<Vec<_>>().join("/");
        if !curi.ends_with('/') {
            curi.push('/');
        }
        let host = self.host();
        let headers = [
            ("content-type", "application/json".to_string()),
            ("host", host.clone()),
            ("x-project-id", PROJECT.to_string()),
            ("x-sdk-date", date.clone()),
        ];
        let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
        let signed = "content-type;host;x-project-id;x-sdk-date";
        let creq = format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            method,
            curi,
            cq,
            canonical_headers,
            signed,
            hex::encode(Sha256::digest(&body_bytes))
        );
        let sts = format!(
            "SDK-HMAC-SHA256\n{date}\n{}",
            hex::encode(Sha256::digest(creq.as_bytes()))
        );
        let sk = opts.sk.clone().unwrap_or_else(|| SK.to_string());
        let mut mac = hmac::Hmac::<Sha256>::new_from_slice(sk.as_bytes()).unwrap();
        mac.update(sts.as_bytes());
        let sig = hex::encode(mac.finalize().into_bytes());
        let ak = opts.ak.clone().unwrap_or_else(|| AK.to_string());
        let url = if cq.is_empty() {
            format!("{}{}", self.endpoint, path)
        } else {
            format!("{}{}?{}", self.endpoint, path, cq)
        };
        let mut sent_body = body_bytes.clone();
        if opts.tamper_body {
            sent_body.push(b' ');
        }
        let mut req = self
            .http
            .request(method.parse().unwrap(), &url)
            .header("content-type", "application/json")
            .header("x-project-id", PROJECT)
            .header("x-sdk-date", &date)
            .body(sent_body);
        if !opts.no_auth {
            req = req.header(
                "authorization",
                format!("SDK-HMAC-SHA256 Access={ak}, SignedHeaders={signed}, Signature={sig}"),
            );
        }
        let resp = req.send().await.expect("request sent");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let raw = resp.bytes().await.expect("body").to_vec();
        let body = serde_json::from_slice(&raw).unwrap_or(Value::Null);
        Response {
            status,
            headers,
            body,
            raw,
        }
    }

    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Response {
        self.call("GET", path, query, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.call("POST", path, &[], Some(&body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Response {
        self.call("PUT", path, &[], Some(&body)).await
    }
}

pub fn q(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

/// Raw HTTP to a pre-signed URL (object endpoint).
pub async fn put_url(url: &str, content_type: &str, data: Vec<u8>) -> reqwest::Response {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .put(url)
        .header("content-type", content_type)
        .body(data)
        .send()
        .await
        .expect("PUT sent")
}

pub async fn get_url(url: &str) -> (u16, Vec<u8>) {
    let r = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(url)
        .send()
        .await
        .expect("GET sent");
    let s = r.status().as_u16();
    (s, r.bytes().await.unwrap().to_vec())
}
