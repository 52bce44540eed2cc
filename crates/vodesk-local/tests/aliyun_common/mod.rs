//! Test harness for the Alibaba personality: a real service on loopback; an ACS3-HMAC-SHA256
//! and an RPC HMAC-SHA1 signer written from tencent-aliyun-vod-api.md §B.2–§B.3, and an OSS V1
//! signer from §B.6 (independent of the crate's verifiers and of vodesk-core), sending
//! requests the way the Tea SDK, the classic SDK and oss2 do.
#![allow(dead_code)]

use std::time::Duration;

use base64::Engine as _;
use hmac::{KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;
use sha2::{Digest, Sha256};
use vodesk_local::{AliyunCredentials, RunningService, ServeConfig};

pub const AK: &str = "LTAI5tLocalTest000000001";
pub const SECRET: &str = "LocalTestAccessKeySecret000001";

/// The id of the built-in "No Transcoding" group is looked up, not assumed.
pub const NO_TRANSCODING: &str = "No Transcoding";

const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// RFC 3986 percent-encoding (a space is `%20`, `*` is `%2A`).
pub fn enc(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

pub struct Ali {
    pub service: Option<RunningService>,
    pub dir: tempfile::TempDir,
    pub endpoint: String,
    pub oss: String,
    pub http: reqwest::Client,
}

/// Options to sign a call differently or break it on purpose.
#[derive(Clone, Default)]
pub struct Opts {
    pub access_key: Option<String>,
    pub secret: Option<String>,
    /// Unix seconds of the signature's time.
    pub time: Option<i64>,
    /// Sign with the classic SDK's RPC HMAC-SHA1 instead of ACS3.
    pub rpc: bool,
}

/// A whole reply.
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    pub fn code(&self) -> &str {
        self.body["Code"].as_str().unwrap_or("")
    }
}

/// Where an upload goes and the key to write it with (`UploadAddress` + `UploadAuth`).
#[derive(Clone, Debug)]
pub struct Target {
    pub endpoint: String,
    pub bucket: String,
    pub key: String,
    pub access_key: String,
    pub secret: String,
    pub token: String,
    pub expiration: String,
}

fn b64_json(v: &Value) -> Value {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(v.as_str().expect("a Base64 string"))
        .expect("Base64");
    serde_json::from_slice(&raw).expect("JSON inside")
}

impl Target {
    /// The target of a `CreateUploadVideo` / `RefreshUploadVideo` / `CreateUploadImage` reply.
    pub fn of(reply: &Value) -> Target {
        let address = b64_json(&reply["UploadAddress"]);
        let auth = b64_json(&reply["UploadAuth"]);
        let s = |v: &Value| v.as_str().expect("a string").to_string();
        Target {
            endpoint: s(&address["Endpoint"]),
            bucket: s(&address["Bucket"]),
            key: s(&address["FileName"]),
            access_key: s(&auth["AccessKeyId"]),
            secret: s(&auth["AccessKeySecret"]),
            token: s(&auth["SecurityToken"]),
            expiration: s(&auth["Expiration"]),
        }
    }
}

fn hmac256(key: &[u8], msg: &str) -> Vec<u8> {
    let mut m = hmac::Hmac::<Sha256>::new_from_slice(key).unwrap();
    m.update(msg.as_bytes());
    m.finalize().into_bytes().to_vec()
}

fn hmac1(key: &[u8], msg: &str) -> String {
    let mut m = hmac::Hmac::<sha1::Sha1>::new_from_slice(key).unwrap();
    m.update(msg.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
}

fn iso(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

impl Ali {
    pub async fn start(throttle: bool, sts: Option<Duration>) -> Ali {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = ServeConfig::new(dir.path().to_path_buf());
        config.throttle = throttle;
        config.aliyun_credentials = Some(AliyunCredentials {
            access_key_id: AK.into(),
            access_key_secret: SECRET.into(),
        });
        config.aliyun_sts_lifetime = sts;
        let service = RunningService::start(config).await.expect("service starts");
        Ali {
            endpoint: service.info.aliyun_endpoint.clone(),
            oss: service.info.aliyun_oss_endpoint.clone(),
            service: Some(service),
            dir,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    fn host(&self) -> String {
        self.endpoint.trim_start_matches("http://").to_string()
    }

    /// A signed `POST /?<params>` with an empty body, as both SDKs send VOD calls.
    pub async fn call(&self, action: &str, params: &[(&str, &str)], o: &Opts) -> Reply {
        let now = o.time.unwrap_or_else(|| chrono::Utc::now().timestamp());
        let ak = o.access_key.clone().unwrap_or_else(|| AK.into());
        let secret = o.secret.clone().unwrap_or_else(|| SECRET.into());
        let nonce = format!("{:032x}", rand_u128());
        let mut req = if o.rpc {
            let mut all: Vec<(String, String)> = params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            for (k, v) in [
                ("Action", action),
                ("Version", "2017-03-21"),
                ("Format", "JSON"),
                ("RegionId", "cn-shanghai"),
                ("AccessKeyId", &ak),
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureVersion", "1.0"),
                ("SignatureNonce", &nonce),
                ("SignatureType", ""),
                ("Timestamp", &iso(now)),
            ] {
                all.push((k.to_string(), v.to_string()));
            }
            let mut sorted: Vec<String> = all
                .iter()
                .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
                .collect();
            sorted.sort();
            let canonical = sorted.join("&");
            let signature = hmac1(
                format!("{secret}&").as_bytes(),
                &format!("POST&%2F&{}", enc(&canonical)),
            );
            let query = format!("{canonical}&Signature={}", enc(&signature));
            self.http.post(format!("{}/?{query}", self.endpoint))
        } else {
            let mut sorted: Vec<String> = params
                .iter()
                .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
                .collect();
            sorted.sort();
            let query = sorted.join("&");
            let empty = hex::encode(Sha256::digest(b""));
            let headers = [
                ("accept", "application/json".to_string()),
                ("host", self.host()),
                ("x-acs-action", action.to_string()),
                ("x-acs-content-sha256", empty.clone()),
                ("x-acs-date", iso(now)),
                ("x-acs-signature-nonce", nonce.clone()),
                ("x-acs-version", "2017-03-21".to_string()),
            ];
            let canonical_headers: String =
                headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
            let signed = headers
                .iter()
                .map(|(k, _)| *k)
                .collect::<Vec<_>>()
                .join(";");
            let creq = format!("POST\n/\n{query}\n{canonical_headers}\n{signed}\n{empty}");
            let sts = format!(
                "ACS3-HMAC-SHA256\n{}",
                hex::encode(Sha256::digest(creq.as_bytes()))
            );
            let sig = hex::encode(hmac256(secret.as_bytes(), &sts));
            let mut rb = self.http.post(format!("{}/?{query}", self.endpoint));
            for (k, v) in headers.iter().filter(|(k, _)| *k != "host") {
                rb = rb.header(*k, v);
            }
            rb.header(
                "authorization",
                format!("ACS3-HMAC-SHA256 Credential={ak},SignedHeaders={signed},Signature={sig}"),
            )
        };
        req = req.header("user-agent", "vodesk-local-tests");
        let resp = req.send().await.expect("sent");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).expect("JSON reply");
        assert!(
            body["RequestId"].as_str().is_some_and(|r| !r.is_empty()),
            "{body}"
        );
        assert_eq!(
            headers
                .get("x-acs-request-id")
                .and_then(|v| v.to_str().ok()),
            body["RequestId"].as_str(),
            "x-acs-request-id names the request"
        );
        Reply {
            status,
            body,
            headers,
        }
    }

    /// The reply of a call that must succeed.
    pub async fn ok(&self, action: &str, params: &[(&str, &str)]) -> Value {
        let r = self.call(action, params, &Opts::default()).await;
        assert_eq!(r.status, 200, "{action}: {}", r.body);
        r.body
    }

    /// The (status, code) of a call that must fail.
    pub async fn err(&self, action: &str, params: &[(&str, &str)]) -> (u16, String) {
        let r = self.call(action, params, &Opts::default()).await;
        assert_ne!(r.status, 200, "{action} should fail: {}", r.body);
        (r.status, r.code().to_string())
    }

    /// The id of the template group named `name`.
    pub async fn group(&self, name: &str) -> String {
        let list = self.ok("ListTranscodeTemplateGroup", &[]).await;
        list["TranscodeTemplateGroupList"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["Name"] == name)
            .unwrap_or_else(|| panic!("no group {name}: {list}"))["TranscodeTemplateGroupId"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// An OSS request signed with the target's STS key, as oss2 sends it to a loopback
    /// endpoint: path style `/<bucket>/<key>`, `Date`, `x-oss-security-token`, `OSS ak:sig`.
    /// `query` holds sub-resources (a `None` value is sent bare, like `?uploads`).
    pub async fn oss(
        &self,
        t: &Target,
        method: &str,
        key: &str,
        query: &[(&str, Option<&str>)],
        body: Vec<u8>,
    ) -> reqwest::Response {
        let date = chrono::Utc::now()
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        let content_type = if method == "PUT" && query.is_empty() {
            "video/mp4"
        } else {
            ""
        };
        let mut subs: Vec<String> = query
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.to_string(),
            })
            .collect();
        subs.sort();
        let resource = if subs.is_empty() {
            format!("/{}/{key}", t.bucket)
        } else {
            format!("/{}/{key}?{}", t.bucket, subs.join("&"))
        };
        let sts = format!(
            "{method}\n\n{content_type}\n{date}\nx-oss-security-token:{}\n{resource}",
            t.token
        );
        let sig = hmac1(t.secret.as_bytes(), &sts);
        let wire_key: String = key.split('/').map(enc).collect::<Vec<_>>().join("/");
        let qs: Vec<String> = query
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={}", enc(v)),
                None => k.to_string(),
            })
            .collect();
        let mut url = format!("{}/{}/{wire_key}", t.endpoint, t.bucket);
        if !qs.is_empty() {
            url = format!("{url}?{}", qs.join("&"));
        }
        let mut rb = self
            .http
            .request(method.parse().unwrap(), url)
            .header("date", date)
            .header("x-oss-security-token", &t.token)
            .header("authorization", format!("OSS {}:{sig}", t.access_key));
        if !content_type.is_empty() {
            rb = rb.header("content-type", content_type);
        }
        rb.body(body).send().await.expect("OSS request sent")
    }

    /// `CreateUploadVideo` with `extra` parameters; the video id and its upload target.
    pub async fn create(&self, title: &str, extra: &[(&str, &str)]) -> (String, Target) {
        let mut p = vec![("Title", title), ("FileName", "clip.mp4")];
        p.extend_from_slice(extra);
        let r = self.ok("CreateUploadVideo", &p).await;
        (r["VideoId"].as_str().unwrap().to_string(), Target::of(&r))
    }

    /// A video uploaded with one PUT, in the "No Transcoding" group unless `extra` says
    /// otherwise; its id.
    pub async fn upload(&self, title: &str, extra: &[(&str, &str)], data: &[u8]) -> String {
        let group = self.group(NO_TRANSCODING).await;
        let mut p = vec![("TemplateGroupId", group.as_str())];
        p.extend_from_slice(extra);
        let (id, t) = self.create(title, &p).await;
        let r = self.oss(&t, "PUT", &t.key, &[], data.to_vec()).await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        id
    }

    /// `GetVideoInfo`'s `Video`.
    pub async fn video(&self, id: &str) -> Value {
        self.ok("GetVideoInfo", &[("VideoId", id)]).await["Video"].clone()
    }

    /// Polls until the video shows `want` (within `secs`); the statuses seen on the way.
    pub async fn wait_for(&self, id: &str, want: &str, secs: u64) -> Vec<String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(secs);
        let mut seen: Vec<String> = Vec::new();
        loop {
            let s = self.video(id).await["Status"].as_str().unwrap().to_string();
            if seen.last() != Some(&s) {
                seen.push(s.clone());
            }
            if s == want {
                return seen;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{id} never reached {want}: {seen:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn get(&self, url: &str) -> (u16, Vec<u8>) {
        let r = self.http.get(url).send().await.expect("GET sent");
        (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
    }
}

fn rand_u128() -> u128 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    let t = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0) as u128;
    (t << 16) ^ u128::from(N.fetch_add(1, Ordering::Relaxed))
}

/// Bytes that differ from position to position.
pub fn data(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u32).wrapping_mul(31).wrapping_add(u32::from(seed)) as u8)
        .collect()
}

/// A "fast start" MP4 of `ms` milliseconds: `ftyp`, `moov` with its movie header (time scale
/// 1000), then `len` bytes of media data.
pub fn mp4(ms: u32, len: usize) -> Vec<u8> {
    let wrap = |kind: &[u8], body: &[u8]| {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    };
    let mut mvhd = vec![0u8; 12];
    mvhd.extend_from_slice(&1000u32.to_be_bytes());
    mvhd.extend_from_slice(&ms.to_be_bytes());
    mvhd.extend_from_slice(&[0u8; 80]);
    [
        wrap(b"ftyp", b"isom\0\0\x02\0isomiso2mp41"),
        wrap(b"moov", &wrap(b"mvhd", &mvhd)),
        wrap(b"mdat", &data(len, 5)),
    ]
    .concat()
}

/// The body of a CompleteMultipartUpload naming the parts' ETags in order (from part 1).
pub fn complete_xml(etags: &[String]) -> Vec<u8> {
    let parts: String = etags
        .iter()
        .enumerate()
        .map(|(i, e)| {
            format!(
                "<Part><PartNumber>{}</PartNumber><ETag>{e}</ETag></Part>",
                i + 1
            )
        })
        .collect();
    format!("<CompleteMultipartUpload>{parts}</CompleteMultipartUpload>").into_bytes()
}

/// The text of the first `<name>` element of an XML document.
pub fn xml_text(doc: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = doc.find(&open)? + open.len();
    let end = doc[start..].find(&format!("</{name}>"))? + start;
    Some(doc[start..end].to_string())
}
