//! Test harness: a real store served on a loopback socket, plus a small AWS-V2/SigV4 signer
//! built on the crate's public signing helpers.
#![allow(dead_code)]

use std::path::Path;

use percent_encoding::percent_decode_str;
use vodesk_objstore::auth::obs_v2::{self, Flavor};
use vodesk_objstore::auth::sigv4;
use vodesk_objstore::{Credential, ObjectStore, ObjectStoreConfig};

pub const AK: &str = "TESTAK00000000000001";
pub const SK: &str = "TestSecretKey/000000000000000000000000+";

/// The key a request is signed with, and the security token it presents (if any).
#[derive(Clone, Copy)]
pub struct Signer<'a> {
    pub ak: &'a str,
    pub sk: &'a str,
    pub token: Option<&'a str>,
}

/// The store's own long-term key.
pub const OWNER: Signer<'static> = Signer {
    ak: AK,
    sk: SK,
    token: None,
};

impl<'a> Signer<'a> {
    pub fn of(c: &'a Credential) -> Self {
        Signer {
            ak: &c.access_key,
            sk: &c.secret_key,
            token: c.security_token.as_deref(),
        }
    }

    pub fn with_token(self, token: Option<&'a str>) -> Self {
        Signer { token, ..self }
    }
}

pub struct Server {
    pub store: ObjectStore,
    pub base: String,
    pub http: reqwest::Client,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub async fn start(dir: &Path) -> Server {
    start_with(dir, ObjectStore::router).await
}

/// [`start`] serving the store as Alibaba OSS on loopback.
pub async fn start_oss(dir: &Path) -> Server {
    start_with(dir, ObjectStore::oss_router).await
}

async fn start_with(dir: &Path, router: fn(&ObjectStore) -> axum::Router) -> Server {
    let store = ObjectStore::open(ObjectStoreConfig {
        data_dir: dir.to_path_buf(),
        access_key: AK.into(),
        secret_key: SK.into(),
        region: "local-1".into(),
    })
    .expect("store opens");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    store.set_base_url(&base);
    let router = router(&store);
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Server {
        store,
        base,
        http: reqwest::Client::new(),
        task,
    }
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

pub fn query_pairs(q: &str) -> Vec<(String, Option<String>)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), Some(decode(v))),
            None => (decode(p), None),
        })
        .collect()
}

pub fn http_date() -> String {
    chrono::Utc::now()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

impl Server {
    /// Sends a request signed with `Authorization: AWS ak:sig` (V2). `path_query` is as on the wire.
    pub async fn v2(
        &self,
        method: &str,
        path_query: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> reqwest::Response {
        self.v2_as(OWNER, Flavor::Aws, method, path_query, headers, body)
            .await
    }

    /// [`Server::v2`] with any key, as `AWS ak:sig` or `OBS ak:sig`; a token travels in the
    /// flavour's `…-security-token` header.
    pub async fn v2_as(
        &self,
        signer: Signer<'_>,
        flavor: Flavor,
        method: &str,
        path_query: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> reqwest::Response {
        let token_header = format!("{}security-token", flavor.header_prefix());
        let mut headers = headers.to_vec();
        if let Some(t) = signer.token {
            headers.push((&token_header, t));
        }
        let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
        let date = http_date();
        let get = |n: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| *v)
                .unwrap_or("")
        };
        let canon = obs_v2::canonical_headers(headers.iter().copied(), flavor);
        let resource = obs_v2::canonical_resource(path, &query_pairs(query), flavor);
        let sts = obs_v2::string_to_sign(
            method,
            get("content-md5"),
            get("content-type"),
            &date,
            &canon,
            &resource,
        );
        let sig = obs_v2::sign(signer.sk, &sts);
        let word = flavor.scheme();
        let mut rb = self
            .http
            .request(
                method.parse().expect("method"),
                format!("{}{}", self.base, path_query),
            )
            .header("date", date)
            .header("authorization", format!("{word} {}:{sig}", signer.ak));
        for (k, v) in headers {
            rb = rb.header(k, v);
        }
        rb.body(body).send().await.expect("request sent")
    }

    /// SigV4 header auth; `payload_hash` goes to `x-amz-content-sha256`.
    pub async fn v4(
        &self,
        method: &str,
        path_query: &str,
        extra: &[(&str, &str)],
        payload_hash: &str,
        body: Vec<u8>,
    ) -> reqwest::Response {
        let (rb, _, _) = self.v4_builder(method, path_query, extra, payload_hash);
        rb.body(body).send().await.expect("request sent")
    }

    /// Returns the builder, the seed signature and the signing material (for aws-chunked bodies).
    pub fn v4_builder(
        &self,
        method: &str,
        path_query: &str,
        extra: &[(&str, &str)],
        payload_hash: &str,
    ) -> (reqwest::RequestBuilder, String, (String, String)) {
        self.v4_builder_as(OWNER, method, path_query, extra, payload_hash)
    }

    /// [`Server::v4_builder`] with any key; a token travels as a signed `x-amz-security-token`.
    pub fn v4_builder_as(
        &self,
        signer: Signer<'_>,
        method: &str,
        path_query: &str,
        extra: &[(&str, &str)],
        payload_hash: &str,
    ) -> (reqwest::RequestBuilder, String, (String, String)) {
        let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
        let now = chrono::Utc::now();
        let amz_date = now.format("%Y%m%dT%H%M%SZ").to_string();
        let day = now.format("%Y%m%d").to_string();
        let host = self.base.trim_start_matches("http://").to_string();
        let mut headers: Vec<(String, String)> = vec![
            ("host".into(), host),
            ("x-amz-content-sha256".into(), payload_hash.into()),
            ("x-amz-date".into(), amz_date.clone()),
        ];
        for (k, v) in extra {
            headers.push((k.to_ascii_lowercase(), v.to_string()));
        }
        if let Some(t) = signer.token {
            headers.push(("x-amz-security-token".into(), t.into()));
        }
        headers.sort();
        let pairs = query_pairs(query);
        let cq = sigv4::canonical_query(
            pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_deref().unwrap_or(""))),
        );
        let creq = sigv4::canonical_request(
            method,
            &sigv4::uri_encode(&decode(path), true),
            &cq,
            &headers,
            payload_hash,
        );
        let scope = format!("{day}/local-1/s3/aws4_request");
        let sts = sigv4::string_to_sign(&amz_date, &scope, &creq);
        let sig = sigv4::signature(&sigv4::signing_key(signer.sk, &day, "local-1", "s3"), &sts);
        let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
        let mut rb = self
            .http
            .request(
                method.parse().expect("method"),
                format!("{}{}", self.base, path_query),
            )
            .header(
                "authorization",
                format!(
                    "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={}, Signature={sig}",
                    signer.ak,
                    names.join(";")
                ),
            );
        for (k, v) in &headers {
            if k != "host" {
                rb = rb.header(k.as_str(), v.as_str());
            }
        }
        (rb, sig, (amz_date, scope))
    }
}

/// Text of the first `<name>` element.
pub fn xml_text(doc: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = doc.find(&open)? + open.len();
    let end = doc[start..].find(&format!("</{name}>"))? + start;
    Some(doc[start..end].to_string())
}

pub fn xml_all(doc: &str, name: &str) -> Vec<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = doc;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(&close) else { break };
        out.push(after[..j].to_string());
        rest = &after[j + close.len()..];
    }
    out
}

pub async fn error_code(resp: reqwest::Response) -> (u16, String, String) {
    let status = resp.status().as_u16();
    let body = resp.text().await.expect("body");
    (
        status,
        xml_text(&body, "Code").unwrap_or_default(),
        xml_text(&body, "Message").unwrap_or_default(),
    )
}

pub fn md5_hex(data: &[u8]) -> String {
    use md5::Digest;
    hex::encode(md5::Md5::digest(data))
}

pub fn md5_b64(data: &[u8]) -> String {
    use base64::Engine;
    use md5::Digest;
    base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(data))
}

/// Deterministic pseudo-random bytes.
pub fn data(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Files below `dir`, at any depth (blobs, temporaries).
pub fn count_files(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        if entry.file_type().expect("type").is_dir() {
            n += count_files(&entry.path());
        } else {
            n += 1;
        }
    }
    n
}
