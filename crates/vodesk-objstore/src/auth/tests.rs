//! The real verifier against requests captured from the official OBS SDK (tests/data).

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

use super::{RequestView, authenticate};
use crate::credentials::KeyRing;
use crate::ingest::BodyMode;
use crate::query::Query;

const VECTORS: &str = include_str!("../../tests/data/huawei-obs-sign.json");
const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "ExampleSecretKey/0000000000000000000000+";
/// `Tue, 04 Mar 2025 08:00:00 GMT`, the instant the vectors were captured.
const T0: i64 = 1_741_075_200;

fn creds() -> KeyRing {
    KeyRing::new(AK, SK)
}

fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("vector file parses")
}

fn headers_of(req: &Value) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in req["headers"].as_object().expect("headers") {
        h.append(
            HeaderName::from_bytes(k.to_ascii_lowercase().as_bytes()).expect("name"),
            HeaderValue::from_str(v.as_str().expect("str")).expect("value"),
        );
    }
    h
}

/// Runs the verifier on one captured request; `path_prefix` turns virtual-hosted into path-style.
fn verify(
    req: &Value,
    path_prefix: &str,
    now: i64,
    tamper: bool,
) -> Result<BodyMode, crate::error::S3Error> {
    let full = req["path"].as_str().expect("path");
    let (path, query) = match full.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (full, None),
    };
    let mut raw_path = format!("{path_prefix}{path}");
    if !path_prefix.is_empty() && raw_path.ends_with('/') && path == "/" {
        // Bucket-level virtual-hosted requests sign `/bucket/`; keep that spelling.
        raw_path = format!("{path_prefix}/");
    }
    let mut headers = headers_of(req);
    if tamper {
        let auth = headers["authorization"]
            .to_str()
            .expect("ascii")
            .to_string();
        let mut bytes = auth.into_bytes();
        let i = bytes.len() - 3;
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        headers.insert(
            "authorization",
            HeaderValue::from_bytes(&bytes).expect("value"),
        );
    }
    let query = Query::parse(query);
    authenticate(
        &creds(),
        &RequestView {
            method: req["method"].as_str().expect("method"),
            raw_path: &raw_path,
            path_bucket: None,
            query: &query,
            headers: &headers,
            now,
        },
    )
    .map(|grant| grant.mode)
}

#[test]
fn verifier_accepts_every_sdk_request() {
    let v = vectors();
    let mut checked = 0;
    for (group, prefix) in [
        ("obs_vhost", "/media-bucket-01"),
        ("v2_vhost", "/media-bucket-01"),
        ("obs_path_requested", ""),
        ("v4_vhost", ""),
    ] {
        for case in v[group].as_array().expect("array") {
            for req in case["requests"].as_array().expect("requests") {
                let server = req["server"].as_str().expect("server");
                // Service-level requests (ListBuckets) go to the bare endpoint: no bucket prefix.
                let prefix = if server.starts_with("obs.") {
                    ""
                } else {
                    prefix
                };
                let label = case["label"].as_str().unwrap_or("?");
                if let Err(e) = verify(req, prefix, T0, false) {
                    panic!("{label}: rejected with {} {:?}", e.code, e.extra);
                }
                let e = verify(req, prefix, T0, true)
                    .err()
                    .unwrap_or_else(|| panic!("{label}: tampered accepted"));
                assert_eq!(e.code, "SignatureDoesNotMatch", "{label}");
                let e = verify(req, prefix, T0 + 16 * 60, false)
                    .err()
                    .unwrap_or_else(|| panic!("{label}: skew accepted"));
                assert_eq!(e.code, "RequestTimeTooSkewed", "{label}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 64);
}

fn verify_url(url: &str, now: i64) -> Result<BodyMode, crate::error::S3Error> {
    let rest = url.split_once("://").expect("scheme").1;
    let (host, path_query) = rest.split_at(rest.find('/').expect("path"));
    let (path, query) = path_query.split_once('?').expect("query");
    let mut headers = HeaderMap::new();
    headers.insert("host", HeaderValue::from_str(host).expect("host"));
    let bucket_prefix = if host.starts_with("media-bucket-01.") {
        "/media-bucket-01"
    } else {
        ""
    };
    let raw_path = if bucket_prefix.is_empty() {
        path.to_string()
    } else {
        format!("{bucket_prefix}{path}")
    };
    let raw_path = if path == "/" && !bucket_prefix.is_empty() {
        format!("{bucket_prefix}/")
    } else {
        raw_path
    };
    // SigV4 signs the Host header and the path as sent, so virtual-hosted URLs keep their path.
    let raw_path = if query.contains("X-Amz-Algorithm") {
        path.to_string()
    } else {
        raw_path
    };
    let query = Query::parse(Some(query));
    authenticate(
        &creds(),
        &RequestView {
            method: "GET",
            raw_path: &raw_path,
            path_bucket: None,
            query: &query,
            headers: &headers,
            now,
        },
    )
    .map(|grant| grant.mode)
}

#[test]
fn verifier_accepts_sdk_presigned_urls_until_they_expire() {
    let v = vectors();
    let mut checked = 0;
    for group in ["presign_obs", "presign_v2", "presign_v4", "presign_path"] {
        for case in v[group].as_array().expect("array") {
            let label = case["label"].as_str().unwrap_or("?");
            let url = case["signedUrl"].as_str().expect("url");
            if let Err(e) = verify_url(url, T0 + 60) {
                panic!("{label}: rejected with {} {:?}", e.code, e.extra);
            }
            let e = verify_url(url, T0 + 3601)
                .err()
                .unwrap_or_else(|| panic!("{label}: expired URL accepted"));
            assert_eq!(
                (e.code, e.message.as_str()),
                ("AccessDenied", "Request has expired"),
                "{label}"
            );
            let tampered = url.replacen("Signature=", "Signature=A", 1);
            let e = verify_url(&tampered, T0 + 60)
                .err()
                .unwrap_or_else(|| panic!("{label}: tampered accepted"));
            assert_eq!(e.code, "SignatureDoesNotMatch", "{label}");
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
}

#[test]
fn unknown_key_and_anonymous_requests_are_refused() {
    let v = vectors();
    let req = &v["obs_path_requested"][2]["requests"][0];
    let full = req["path"].as_str().expect("path");
    let headers = headers_of(req);
    let other = KeyRing::new("SOMEONEELSE", SK);
    let q = Query::default();
    let view = RequestView {
        method: "PUT",
        raw_path: full,
        path_bucket: None,
        query: &q,
        headers: &headers,
        now: T0,
    };
    assert_eq!(
        authenticate(&other, &view).err().map(|e| e.code),
        Some("InvalidAccessKeyId")
    );
    let empty = HeaderMap::new();
    let view = RequestView {
        method: "GET",
        raw_path: "/",
        path_bucket: None,
        query: &q,
        headers: &empty,
        now: T0,
    };
    assert_eq!(
        authenticate(&creds(), &view).err().map(|e| e.code),
        Some("AccessDenied")
    );
}

/// V16 and U13 of the OBS notes: the documented STS requests (header and pre-signed URL, token
/// `EXAMPLE-STS-TOKEN`), checked with the vectors' key registered as a temporary credential.
#[test]
fn documented_sts_requests_need_their_token_until_expiry() {
    use crate::credentials::{Credential, Scope};

    const PATH: &str = "/media-bucket-01/Photos%202024/%E6%97%85%E8%A1%8C%20%E5%86%99%E7%9C%9F.jpg";
    let scope = Scope::object("media-bucket-01", "Photos 2024/旅行 写真.jpg");
    let ring_with = |token: &str, expires_at: i64| {
        let ring = KeyRing::new("LONGTERMAK", "LongTermSecret");
        ring.insert(Credential {
            access_key: AK.into(),
            secret_key: SK.into(),
            security_token: Some(token.into()),
            expires_at: Some(expires_at),
            scope: Some(scope.clone()),
        });
        ring
    };
    let mut header_auth = HeaderMap::new();
    for (k, v) in [
        ("date", "Tue, 04 Mar 2025 08:00:00 GMT"),
        ("x-obs-security-token", "EXAMPLE-STS-TOKEN"),
        (
            "authorization",
            "OBS HPUAEXAMPLEAK0000001:wjnlbjV2FKwp3w8kAAbeY4e02mY=",
        ),
    ] {
        header_auth.insert(k, HeaderValue::from_static(v));
    }
    let url_query = Query::parse(Some(
        "x-obs-security-token=EXAMPLE-STS-TOKEN&Expires=1741078800&AccessKeyId=HPUAEXAMPLEAK0000001&Signature=3TmNvWN961U8iI7r9o4I%2Blf/QBM%3D",
    ));
    let no_query = Query::default();
    let no_headers = HeaderMap::new();
    let requests = [(&header_auth, &no_query), (&no_headers, &url_query)];
    let check = |ring: &KeyRing, headers: &HeaderMap, query: &Query| {
        authenticate(
            ring,
            &RequestView {
                method: "GET",
                raw_path: PATH,
                path_bucket: None,
                query,
                headers,
                now: T0,
            },
        )
    };

    for (i, (headers, query)) in requests.iter().enumerate() {
        let grant = check(&ring_with("EXAMPLE-STS-TOKEN", T0 + 3600), headers, query)
            .unwrap_or_else(|e| panic!("request {i}: {} {:?}", e.code, e.extra));
        assert_eq!(grant.scope.as_ref(), Some(&scope));
        let code = |ring: &KeyRing| check(ring, headers, query).err().map(|e| e.code);
        assert_eq!(
            code(&ring_with("OTHER-TOKEN", T0 + 3600)),
            Some("InvalidToken")
        );
        assert_eq!(
            code(&ring_with("EXAMPLE-STS-TOKEN", T0)),
            Some("ExpiredToken")
        );
    }
    // Without the token the temporary key is unknown.
    let mut bare = header_auth.clone();
    bare.remove("x-obs-security-token");
    let ring = ring_with("EXAMPLE-STS-TOKEN", T0 + 3600);
    assert_eq!(
        check(&ring, &bare, &no_query).err().map(|e| e.code),
        Some("InvalidAccessKeyId")
    );
}

/// oss2 2.19.1's upload requests with an STS key (tencent-aliyun-vod-api.md §B.6), path-style
/// as the local OSS endpoint takes them: accepted with the token, refused without it, and
/// `SecurityTokenExpired` once the key has expired.
#[test]
fn oss_v1_requests_of_the_sdk_are_verified() {
    use crate::credentials::{Credential, Scope};

    const BUCKET: &str = "outin-0123456789abcdef0123456789abcdef";
    const KEY: &str = "sv/3f2a1b0c-18b0c1d2e3f/3f2a1b0c-18b0c1d2e3f.mp4";
    const WHEN: i64 = 1_700_000_000; // Tue, 14 Nov 2023 22:13:20 GMT
    let ring = |expires_at: i64| {
        let ring = KeyRing::new("LONGTERMAK", "LongTermSecret");
        ring.insert(Credential {
            access_key: "STS.NExampleStsAccessKeyId".into(),
            secret_key: "ExampleStsSecret0123456789".into(),
            security_token: Some("CAIS-example-sts-token==".into()),
            expires_at: Some(expires_at),
            scope: Some(Scope::object(BUCKET, KEY)),
        });
        ring
    };
    let path = format!("/{BUCKET}/{KEY}");
    // The last two sign sub-resources only OSS has (`objectMeta` of Bucket.get_object_meta,
    // `sequential` of a sequential multipart upload).
    let cases: [(&str, Option<&str>, &str, &str); 6] = [
        ("PUT", Some("video/mp4"), "", "Yag5I2jm38BnqPn38SPRJC2IBCU="),
        (
            "POST",
            Some("video/mp4"),
            "uploads=",
            "TxHLYUEHK37BPGrliaiJidHBI1k=",
        ),
        (
            "PUT",
            None,
            "uploadId=0004B9894A22E5B1888A1E29F8236E2D&partNumber=1",
            "ZjiXR22beQk2mMaK16Tm7h9xn/8=",
        ),
        (
            "POST",
            None,
            "uploadId=0004B9894A22E5B1888A1E29F8236E2D",
            "ZR9DFj3C06ViJKb7HjJ5OomcQ2M=",
        ),
        ("HEAD", None, "objectMeta=", "lCRe2LoIpXoAL6tCyzysPX/XsVE="),
        (
            "POST",
            Some("video/mp4"),
            "sequential=&uploads=",
            "twUk+IyP4/kiGjrSS8qgFMya4vo=",
        ),
    ];
    for (method, ctype, query, sig) in cases {
        let mut headers = HeaderMap::new();
        headers.insert(
            "date",
            HeaderValue::from_static("Tue, 14 Nov 2023 22:13:20 GMT"),
        );
        headers.insert(
            "x-oss-security-token",
            HeaderValue::from_static("CAIS-example-sts-token=="),
        );
        if let Some(c) = ctype {
            headers.insert("content-type", HeaderValue::from_str(c).unwrap());
        }
        headers.insert(
            "authorization",
            HeaderValue::from_str(&format!("OSS STS.NExampleStsAccessKeyId:{sig}")).unwrap(),
        );
        let q = Query::parse(Some(query).filter(|q| !q.is_empty()));
        let check = |ring: &KeyRing, headers: &HeaderMap| {
            authenticate(
                ring,
                &RequestView {
                    method,
                    raw_path: &path,
                    path_bucket: Some(BUCKET),
                    query: &q,
                    headers,
                    now: WHEN,
                },
            )
        };
        check(&ring(WHEN + 3600), &headers)
            .unwrap_or_else(|e| panic!("{method} {query}: {} {:?}", e.code, e.extra));
        match check(&ring(WHEN - 1), &headers) {
            Err(e) => assert_eq!(e.code, "SecurityTokenExpired", "{method} {query}"),
            Ok(_) => panic!("{method} {query}: an expired key was accepted"),
        }
        let mut no_token = headers.clone();
        no_token.remove("x-oss-security-token");
        assert!(
            check(&ring(WHEN + 3600), &no_token).is_err(),
            "{method} {query}"
        );
    }
}

/// oss2 2.19.1's `Bucket.sign_url("PUT", key, 300, headers={"Content-Type": "video/mp4"})` with
/// an STS key: the token travels as the query parameter `security-token`, signed as a
/// sub-resource. Accepted while the URL and the key last; a changed token is refused.
#[test]
fn oss_presigned_url_with_an_sts_key_is_verified() {
    use crate::credentials::Credential;

    const PATH: &str =
        "/outin-0123456789abcdef0123456789abcdef/sv/3f2a1b0c-18b0c1d2e3f/3f2a1b0c-18b0c1d2e3f.mp4";
    const SIGNED_AT: i64 = 1_700_000_000;
    let ring = |token: &str, expires_at: i64| {
        let ring = KeyRing::new("LONGTERMAK", "LongTermSecret");
        ring.insert(Credential {
            access_key: "STS.NExampleStsAccessKeyId".into(),
            secret_key: "ExampleStsSecret0123456789".into(),
            security_token: Some(token.into()),
            expires_at: Some(expires_at),
            scope: None,
        });
        ring
    };
    let query = Query::parse(Some(
        "security-token=CAIS-example-sts-token%3D%3D&OSSAccessKeyId=STS.NExampleStsAccessKeyId\
         &Expires=1700000300&Signature=dtm%2FhxBt0cOLYmtftGO%2BcgiPlUc%3D",
    ));
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("video/mp4"));
    let check = |ring: &KeyRing, now: i64| {
        authenticate(
            ring,
            &RequestView {
                method: "PUT",
                raw_path: PATH,
                path_bucket: None,
                query: &query,
                headers: &headers,
                now,
            },
        )
        .map(|_| ())
        .map_err(|e| e.code)
    };
    let valid = ring("CAIS-example-sts-token==", SIGNED_AT + 3600);
    assert_eq!(check(&valid, SIGNED_AT + 10), Ok(()));
    assert_eq!(check(&valid, SIGNED_AT + 301), Err("AccessDenied"));
    let other_token = ring("CAIS-other-token==", SIGNED_AT + 3600);
    assert_eq!(check(&other_token, SIGNED_AT + 10), Err("InvalidToken"));
    let expired_key = ring("CAIS-example-sts-token==", SIGNED_AT + 5);
    assert_eq!(
        check(&expired_key, SIGNED_AT + 10),
        Err("SecurityTokenExpired")
    );
}
