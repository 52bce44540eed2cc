//! The COS dialect over real loopback sockets, the way `cos-python-sdk-v5` talks to it: the
//! client connects to loopback but names the bucket in `Host: <bucket>.cos.<region>.myqcloud.com`,
//! signs with q-sign and a temporary key's token, and expects COS's error documents.

mod common;

use std::time::Duration;

use common::*;
use vodesk_objstore::auth::cos;
use vodesk_objstore::{Credential, ObjectStore, ObjectStoreConfig, Scope};

const BUCKET: &str = "vod-media";
const DIR: &str = "1500000001/9000000001/";

struct Cos {
    store: ObjectStore,
    addr: String,
    http: reqwest::Client,
    _task: tokio::task::JoinHandle<()>,
}

async fn serve(dir: &std::path::Path) -> Cos {
    let store = ObjectStore::open(ObjectStoreConfig {
        data_dir: dir.to_path_buf(),
        access_key: AK.into(),
        secret_key: SK.into(),
        region: "ap-guangzhou".into(),
    })
    .expect("store opens");
    store.ensure_bucket(BUCKET).expect("bucket");
    store.ensure_bucket("other-bucket").expect("bucket");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    let router = store.cos_router();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Cos {
        store,
        addr,
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
        _task: task,
    }
}

fn host(bucket: &str) -> String {
    format!("{bucket}.cos.ap-guangzhou.myqcloud.com")
}

/// The SDK's signing window: from a minute ago, for 10000 s.
fn window() -> String {
    let now = chrono::Utc::now().timestamp();
    format!("{};{}", now - 60, now + 10_000)
}

impl Cos {
    /// A virtual-host request for `bucket`, `path` being the key path (`/` for the bucket),
    /// `query` decoded pairs; signs host, content-length and the token like the SDK.
    #[allow(clippy::too_many_arguments)]
    async fn send(
        &self,
        cred: &Credential,
        method: &str,
        bucket: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Vec<u8>,
        time: &str,
    ) -> reqwest::Response {
        let host = host(bucket);
        let len = body.len().to_string();
        let mut headers: Vec<(&str, &str)> = vec![("Host", &host)];
        // Only requests with a body carry a length (a GET has none to sign).
        if matches!(method, "PUT" | "POST") {
            headers.push(("Content-Length", &len));
        }
        if let Some(t) = cred.security_token.as_deref() {
            headers.push(("x-cos-security-token", t));
        }
        let wire_path: String = path
            .split('/')
            .map(cos::encode)
            .collect::<Vec<_>>()
            .join("/");
        let auth = cos::authorization(
            &cred.access_key,
            &cred.secret_key,
            time,
            method,
            path,
            query,
            &headers,
        );
        let qs: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{}={}", cos::encode(k), cos::encode(v)))
            .collect();
        let url = if qs.is_empty() {
            format!("http://{}{wire_path}", self.addr)
        } else {
            format!("http://{}{wire_path}?{}", self.addr, qs.join("&"))
        };
        let mut req = self
            .http
            .request(method.parse().unwrap(), url)
            .header("host", host)
            .header("authorization", auth)
            .body(body);
        if let Some(t) = cred.security_token.as_deref() {
            req = req.header("x-cos-security-token", t);
        }
        // Sent even when 0, as Python's requests does for a POST without a body (reqwest would
        // leave it out, and it is signed).
        if matches!(method, "PUT" | "POST") {
            req = req.header("content-length", len.as_str());
        }
        req.send().await.expect("sent")
    }
}

impl Cos {
    /// `list_multipart_uploads` exactly as `upload_file` sends it.
    async fn list_uploads(&self, cred: &Credential, prefix: &str, t: &str) -> reqwest::Response {
        let q = [
            ("uploads", ""),
            ("prefix", prefix),
            ("delimiter", ""),
            ("key-marker", ""),
            ("upload-id-marker", ""),
            ("max-uploads", "1000"),
            ("encoding-type", "url"),
        ];
        self.send(cred, "GET", BUCKET, "/", &q, vec![], t).await
    }
}

async fn cos_error(resp: reqwest::Response) -> (u16, String, String) {
    let status = resp.status().as_u16();
    assert!(resp.headers().get("x-cos-request-id").is_some());
    let body = resp.text().await.unwrap();
    assert!(body.contains("<TraceId>"), "{body}");
    assert!(body.contains("<RequestId>"), "{body}");
    (status, xml_text(&body, "Code").unwrap_or_default(), body)
}

#[tokio::test]
async fn temporary_key_uploads_single_and_multipart_by_virtual_host() {
    let dir = tempfile::tempdir().unwrap();
    let c = serve(dir.path()).await;
    let cred = c
        .store
        .issue_temporary(Scope::prefix(BUCKET, DIR), Duration::from_secs(600));
    let t = window();

    // Single PUT, then read back.
    let key = format!("{DIR}f0.mp4");
    let body = data(20_000, 3);
    let r = c
        .send(
            &cred,
            "PUT",
            BUCKET,
            &format!("/{key}"),
            &[],
            body.clone(),
            &t,
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["etag"],
        format!("\"{}\"", md5_hex(&body)).as_str()
    );
    assert!(r.headers().get("x-cos-request-id").is_some());
    let info = c.store.head_object(BUCKET, &key).unwrap().unwrap();
    assert_eq!(info.size, 20_000);

    // Multipart as upload_file does it: look for a resumable upload first (bucket level).
    let big = format!("{DIR}视频 a+b.mp4");
    let r = c.list_uploads(&cred, &big, &t).await;
    assert_eq!(r.status(), 200);
    assert!(!r.text().await.unwrap().contains("<Upload>"));

    let r = c
        .send(
            &cred,
            "POST",
            BUCKET,
            &format!("/{big}"),
            &[("uploads", "")],
            vec![],
            &t,
        )
        .await;
    assert_eq!(r.status(), 200, "{:?}", r.headers());
    let upload_id = xml_text(&r.text().await.unwrap(), "UploadId").unwrap();

    let r = c.list_uploads(&cred, &big, &t).await;
    let doc = r.text().await.unwrap();
    assert_eq!(
        xml_text(&doc, "UploadId").as_deref(),
        Some(upload_id.as_str())
    );
    // encoding-type=url: the key comes back percent-encoded, the SDK decodes it.
    assert_eq!(
        xml_all(&doc, "Key"),
        vec![vodesk_objstore::auth::sigv4::uri_encode(&big, true)]
    );

    let parts = [data(1024 * 1024, 1), data(1024 * 1024, 2), data(1000, 4)];
    let mut etags = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let n = (i + 1).to_string();
        let r = c
            .send(
                &cred,
                "PUT",
                BUCKET,
                &format!("/{big}"),
                &[("partNumber", &n), ("uploadId", &upload_id)],
                p.clone(),
                &t,
            )
            .await;
        assert_eq!(r.status(), 200, "part {n}");
        etags.push(r.headers()["etag"].to_str().unwrap().to_string());
    }

    // ListParts pages with part-number-marker / NextPartNumberMarker.
    let r = c
        .send(
            &cred,
            "GET",
            BUCKET,
            &format!("/{big}"),
            &[("uploadId", &upload_id), ("max-parts", "2")],
            vec![],
            &t,
        )
        .await;
    let doc = r.text().await.unwrap();
    assert_eq!(xml_text(&doc, "IsTruncated").as_deref(), Some("true"));
    assert_eq!(xml_text(&doc, "NextPartNumberMarker").as_deref(), Some("2"));
    let r = c
        .send(
            &cred,
            "GET",
            BUCKET,
            &format!("/{big}"),
            &[("uploadId", &upload_id), ("part-number-marker", "2")],
            vec![],
            &t,
        )
        .await;
    let doc = r.text().await.unwrap();
    assert_eq!(xml_text(&doc, "IsTruncated").as_deref(), Some("false"));
    assert_eq!(xml_all(&doc, "PartNumber"), vec!["3"]);

    let complete: String = etags
        .iter()
        .enumerate()
        .map(|(i, e)| {
            format!(
                "<Part><PartNumber>{}</PartNumber><ETag>{}</ETag></Part>",
                i + 1,
                e.replace('"', "&quot;")
            )
        })
        .collect();
    let complete = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><CompleteMultipartUpload>{complete}</CompleteMultipartUpload>"
    );
    let r = c
        .send(
            &cred,
            "POST",
            BUCKET,
            &format!("/{big}"),
            &[("uploadId", &upload_id)],
            complete.into_bytes(),
            &t,
        )
        .await;
    assert_eq!(r.status(), 200);
    let doc = r.text().await.unwrap();
    let etag = xml_text(&doc, "ETag").map(|e| e.replace("&quot;", "\""));
    assert!(etag.is_some_and(|e| e.ends_with("-3\"")), "{doc}");
    let info = c.store.head_object(BUCKET, &big).unwrap().unwrap();
    assert_eq!(info.size, 2 * 1024 * 1024 + 1000);
}

#[tokio::test]
async fn scope_token_signature_and_time_are_enforced() {
    let dir = tempfile::tempdir().unwrap();
    let c = serve(dir.path()).await;
    let cred = c
        .store
        .issue_temporary(Scope::prefix(BUCKET, DIR), Duration::from_secs(600));
    let t = window();
    let key = format!("/{DIR}f0.mp4");

    // Another key of the bucket, another bucket, the bucket listing: AccessDenied.
    for (bucket, path) in [
        (BUCKET, "/1500000001/other/f0.mp4"),
        ("other-bucket", key.as_str()),
        (BUCKET, "/"),
    ] {
        let r = c.send(&cred, "GET", bucket, path, &[], vec![], &t).await;
        let (status, code, _) = cos_error(r).await;
        assert_eq!(
            (status, code.as_str()),
            (403, "AccessDenied"),
            "{bucket}{path}"
        );
    }
    // A listing of uploads beyond its prefix is refused too.
    let r = c
        .send(
            &cred,
            "GET",
            BUCKET,
            "/",
            &[("uploads", ""), ("prefix", "1500000001/")],
            vec![],
            &t,
        )
        .await;
    assert_eq!(cos_error(r).await.0, 403);

    // Wrong secret: SignatureDoesNotMatch; wrong token: InvalidToken; no token: unknown key.
    let mut wrong = cred.clone();
    wrong.secret_key = "nope".into();
    let r = c.send(&wrong, "PUT", BUCKET, &key, &[], vec![1], &t).await;
    assert_eq!(cos_error(r).await.1, "SignatureDoesNotMatch");
    let mut wrong = cred.clone();
    wrong.security_token = Some("not-the-token".into());
    let r = c.send(&wrong, "PUT", BUCKET, &key, &[], vec![1], &t).await;
    assert_eq!(cos_error(r).await.1, "InvalidToken");
    let mut wrong = cred.clone();
    wrong.security_token = None;
    let r = c.send(&wrong, "PUT", BUCKET, &key, &[], vec![1], &t).await;
    assert_eq!(cos_error(r).await.1, "InvalidAccessKeyId");

    // A signing window in the past.
    let now = chrono::Utc::now().timestamp();
    let old = format!("{};{}", now - 7200, now - 3600);
    let r = c.send(&cred, "PUT", BUCKET, &key, &[], vec![1], &old).await;
    let (status, code, body) = cos_error(r).await;
    assert_eq!((status, code.as_str()), (403, "AccessDenied"));
    assert!(body.contains("expired"), "{body}");

    // The key itself expires.
    let short = c
        .store
        .issue_temporary(Scope::prefix(BUCKET, DIR), Duration::from_secs(1));
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let r = c.send(&short, "PUT", BUCKET, &key, &[], vec![1], &t).await;
    assert_eq!(cos_error(r).await.1, "ExpiredToken");
}

#[tokio::test]
async fn path_style_is_accepted_on_the_same_port() {
    let dir = tempfile::tempdir().unwrap();
    let c = serve(dir.path()).await;
    let body = b"path style".to_vec();
    // Signed over `/bucket/key` with the loopback host, by the store's own key.
    let path = format!("/{BUCKET}/clip.mp4");
    let len = body.len().to_string();
    let t = window();
    for signed_path in [path.as_str(), "/clip.mp4"] {
        let auth = cos::authorization(
            AK,
            SK,
            &t,
            "PUT",
            signed_path,
            &[],
            &[("host", &c.addr), ("content-length", &len)],
        );
        let r = c
            .http
            .put(format!("http://{}{path}", c.addr))
            .header("authorization", auth)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "signed over {signed_path}");
    }
    let info = c.store.head_object(BUCKET, "clip.mp4").unwrap().unwrap();
    assert_eq!(info.size, body.len() as u64);
    // A missing object answers a COS error document.
    let auth = cos::authorization(AK, SK, &t, "GET", "/nope", &[], &[("host", &host(BUCKET))]);
    let r = c
        .http
        .get(format!("http://{}/nope", c.addr))
        .header("host", host(BUCKET))
        .header("authorization", auth)
        .send()
        .await
        .unwrap();
    let (status, code, body) = cos_error(r).await;
    assert_eq!((status, code.as_str()), (404, "NoSuchKey"));
    assert!(body.contains("<Resource>"), "{body}");
}

#[tokio::test]
async fn the_etag_header_is_spelled_as_cos_spells_it() {
    // cos-python-sdk-v5 reads `ETag` case-sensitively from the response's header dict: the
    // raw bytes on the wire must say `ETag`, not `etag`.
    let dir = tempfile::tempdir().unwrap();
    let c = serve(dir.path()).await;
    let cred = c
        .store
        .issue_temporary(Scope::prefix(BUCKET, DIR), Duration::from_secs(600));
    let key = format!("{DIR}spelled.mp4");
    let host = host(BUCKET);
    let body = b"spelled bytes".to_vec();
    let len = body.len().to_string();
    let token = cred.security_token.clone().unwrap();
    let headers = [
        ("Host", host.as_str()),
        ("Content-Length", len.as_str()),
        ("x-cos-security-token", token.as_str()),
    ];
    let auth = cos::authorization(
        &cred.access_key,
        &cred.secret_key,
        &window(),
        "PUT",
        &format!("/{key}"),
        &[],
        &headers,
    );
    let request = format!(
        "PUT /{key} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {len}\r\n\
         x-cos-security-token: {token}\r\nAuthorization: {auth}\r\nConnection: close\r\n\r\n"
    );
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut tcp = tokio::net::TcpStream::connect(&c.addr).await.unwrap();
    tcp.write_all(request.as_bytes()).await.unwrap();
    tcp.write_all(&body).await.unwrap();
    let mut answer = Vec::new();
    tcp.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    let head = answer.split("\r\n\r\n").next().unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let etag = format!("\r\nETag: \"{}\"", md5_hex(&body));
    assert!(head.contains(&etag), "{head}");
}
