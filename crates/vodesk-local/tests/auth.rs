//! Signature verification, project id, unknown APIs, request ids and malformed bodies over real
//! sockets.

mod common;

use common::{Harness, SignOpts, q};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signatures_are_verified() {
    let h = Harness::start(true).await;
    let c = &h.client;
    let query = q(&[("id", "0")]);

    let ok = c.get("/v1.0/{p}/asset/category", &query).await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    assert!(ok.headers.get("x-request-id").is_some());

    for (what, opts) in [
        (
            "wrong SK",
            SignOpts {
                sk: Some("nope".into()),
                ..Default::default()
            },
        ),
        (
            "unknown AK",
            SignOpts {
                ak: Some("OTHERAK".into()),
                ..Default::default()
            },
        ),
        (
            "no Authorization",
            SignOpts {
                no_auth: true,
                ..Default::default()
            },
        ),
    ] {
        let r = c
            .call_opts("GET", "/v1.0/{p}/asset/category", &query, None, &opts)
            .await;
        assert_eq!(r.status, 401, "{what}");
        assert_eq!(r.code(), "APIGW.0301", "{what}");
        assert_eq!(
            r.body["error_msg"],
            "Incorrect IAM authentication information: verify aksk signature fail",
            "{what}"
        );
        assert!(r.headers.get("x-request-id").is_some(), "{what}");
    }

    // A body changed after signing.
    let r = c
        .call_opts(
            "POST",
            "/v1.0/{p}/asset/category",
            &[],
            Some(&json!({"name": "x"})),
            &SignOpts {
                tamper_body: true,
                ..Default::default()
            },
        )
        .await;
    assert_eq!((r.status, r.code()), (401, "APIGW.0301"));

    // Clock skew beyond 15 minutes.
    let skewed = (chrono::Utc::now() - chrono::Duration::minutes(20))
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let r = c
        .call_opts(
            "GET",
            "/v1.0/{p}/asset/category",
            &query,
            None,
            &SignOpts {
                date: Some(skewed),
                ..Default::default()
            },
        )
        .await;
    assert_eq!((r.status, r.code()), (401, "APIGW.0301"));
    assert!(
        r.body["error_msg"]
            .as_str()
            .unwrap()
            .ends_with("signature expired")
    );

    // Within 15 minutes is fine.
    let near = (chrono::Utc::now() + chrono::Duration::minutes(10))
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let r = c
        .call_opts(
            "GET",
            "/v1.0/{p}/asset/category",
            &query,
            None,
            &SignOpts {
                date: Some(near),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(r.status, 200);

    // Query values that need encoding (space, slash, CJK, comma, tilde) verify.
    let r = c
        .get(
            "/v1.0/{p}/asset/list",
            &q(&[
                ("query_string", "my video/clip & 50% 中文"),
                ("tags", "a,b~c"),
                ("size", "5"),
            ]),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn project_routes_and_bodies() {
    let h = Harness::start(true).await;
    let c = &h.client;

    let r = c
        .get(
            "/v1.0/ffffffffffffffffffffffffffffffff/asset/category",
            &q(&[("id", "0")]),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10057"));

    let r = c.get("/v1.0/{p}/asset/nothing", &[]).await;
    assert_eq!((r.status, r.code()), (404, "APIGW.0101"));
    let r = c.call("PATCH", "/v1.0/{p}/asset", &[], None).await;
    assert_eq!((r.status, r.code()), (404, "APIGW.0101"));

    // Malformed JSON → 400 VOD.10053; the raw body is signed as sent, so build it by hand.
    for bad in ["{", "[]", "\"x\"", ""] {
        let r = raw_post(c, "/v1.0/{p}/asset", bad).await;
        assert_eq!((r.0, r.1.as_str()), (400, "VOD.10053"), "{bad:?}");
    }
    // Wrong JSON types are field errors, not panics.
    let r = c
        .post(
            "/v1.0/{p}/asset",
            json!({"title": 5, "video_name": "a.mp4", "video_type": "MP4"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10053"));
    assert!(r.body["error_msg"].as_str().unwrap().contains("title"));
}

/// Posts a raw (possibly invalid) body with a correct signature.
async fn raw_post(c: &common::Client, path: &str, body: &str) -> (u16, String) {
    use hmac::{KeyInit, Mac};
    use sha2::{Digest, Sha256};
    let path = path.replace("{p}", common::PROJECT);
    let date = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let host = c.host();
    let creq = format!(
        "POST\n{path}/\n\nhost:{host}\nx-sdk-date:{date}\n\nhost;x-sdk-date\n{}",
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let sts = format!(
        "SDK-HMAC-SHA256\n{date}\n{}",
        hex::encode(Sha256::digest(creq.as_bytes()))
    );
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(common::SK.as_bytes()).unwrap();
    mac.update(sts.as_bytes());
    let sig = hex::encode(mac.finalize().into_bytes());
    let r = c
        .http
        .post(format!("{}{path}", c.endpoint))
        .header("x-sdk-date", &date)
        .header(
            "authorization",
            format!(
                "SDK-HMAC-SHA256 Access={}, SignedHeaders=host;x-sdk-date, Signature={sig}",
                common::AK
            ),
        )
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let v: serde_json::Value =
        serde_json::from_slice(&r.bytes().await.unwrap()).unwrap_or_default();
    (status, v["error_code"].as_str().unwrap_or("").to_string())
}
