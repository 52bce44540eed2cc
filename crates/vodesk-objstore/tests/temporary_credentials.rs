//! Temporary credentials over real loopback sockets: a key issued at runtime signs requests for
//! its own objects in every scheme, only with its token, only until it expires; the long-term
//! key keeps working everywhere.

mod common;

use std::time::Duration;

use common::*;
use vodesk_objstore::auth::obs_v2::Flavor;
use vodesk_objstore::{Credential, PresignRequest, Scope, presign};

const BUCKET: &str = "media";
const KEY: &str = "uploads/clip one.mp4";
const PATH: &str = "/media/uploads/clip%20one.mp4";

/// A served store with two buckets and a temporary key for `KEY` alone, valid for `lifetime`.
async fn setup(lifetime: Duration) -> (tempfile::TempDir, Server, Credential) {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket(BUCKET).expect("bucket");
    s.store.ensure_bucket("other").expect("bucket");
    let cred = s
        .store
        .issue_temporary(Scope::object(BUCKET, KEY), lifetime);
    (dir, s, cred)
}

/// GETs `key` through a V2 pre-signed URL made with `signer`, its token as the signed
/// `x-amz-security-token` sub-resource.
async fn presigned_get(s: &Server, signer: Signer<'_>, key: &str) -> reqwest::Response {
    let req = PresignRequest {
        method: "GET".into(),
        bucket: BUCKET.into(),
        key: key.into(),
        subresources: signer
            .token
            .map(|t| ("x-amz-security-token".to_string(), Some(t.to_string())))
            .into_iter()
            .collect(),
        expires_in_secs: 600,
        ..Default::default()
    };
    let expires = chrono::Utc::now().timestamp() + 600;
    let url = presign::presign_at(&s.base, signer.ak, signer.sk, &req, expires);
    s.http.get(url).send().await.expect("get")
}

async fn code(resp: reqwest::Response) -> (u16, String) {
    let (status, code, _) = error_code(resp).await;
    (status, code)
}

#[tokio::test]
async fn temporary_key_signs_its_own_object_in_every_scheme() {
    let (_dir, s, cred) = setup(Duration::from_secs(600)).await;
    let t = Signer::of(&cred);
    let body = data(5_000, 1);

    let resp = s
        .v2_as(t, Flavor::Obs, "PUT", PATH, &[], body.clone())
        .await;
    assert_eq!(resp.status(), 200, "OBS header");
    let resp = s.v2_as(t, Flavor::Aws, "GET", PATH, &[], vec![]).await;
    assert_eq!(resp.status(), 200, "AWS V2 header");
    assert_eq!(resp.bytes().await.expect("body").as_ref(), body.as_slice());
    let (rb, _, _) = s.v4_builder_as(t, "HEAD", PATH, &[], "UNSIGNED-PAYLOAD");
    assert_eq!(rb.send().await.expect("head").status(), 200, "SigV4 header");
    let resp = presigned_get(&s, t, KEY).await;
    assert_eq!(resp.status(), 200, "pre-signed");
    // Multipart on its own key works too (initiate is an object-level request).
    let resp = s
        .v2_as(
            t,
            Flavor::Obs,
            "POST",
            &format!("{PATH}?uploads"),
            &[],
            vec![],
        )
        .await;
    assert_eq!(resp.status(), 200, "initiate multipart");

    // The long-term key still reaches everything: the bucket list, listings, other buckets.
    assert_eq!(s.v2("GET", "/", &[], vec![]).await.status(), 200);
    assert_eq!(s.v2("GET", "/media", &[], vec![]).await.status(), 200);
    assert_eq!(
        s.v2("PUT", "/other/x", &[], b"x".to_vec()).await.status(),
        200
    );
    assert_eq!(s.v2("GET", PATH, &[], vec![]).await.status(), 200);
}

#[tokio::test]
async fn temporary_key_is_refused_outside_its_scope() {
    let (_dir, s, cred) = setup(Duration::from_secs(600)).await;
    assert_eq!(
        s.v2("PUT", "/other/secret.bin", &[], b"s".to_vec())
            .await
            .status(),
        200
    );
    let t = Signer::of(&cred);
    let denied = (403, "AccessDenied".to_string());

    for (method, path) in [
        ("PUT", "/media/uploads/another.mp4"),
        ("PUT", "/other/uploads/clip%20one.mp4"),
        ("GET", "/other/secret.bin"),
        ("GET", "/media"),
        ("GET", "/"),
        ("DELETE", "/media"),
    ] {
        let resp = s
            .v2_as(t, Flavor::Obs, method, path, &[], b"x".to_vec())
            .await;
        assert_eq!(code(resp).await, denied, "{method} {path}");
    }
    let (rb, _, _) = s.v4_builder_as(t, "GET", "/other/secret.bin", &[], "UNSIGNED-PAYLOAD");
    assert_eq!(code(rb.send().await.expect("get")).await, denied, "SigV4");
    let resp = presigned_get(&s, t, "uploads/another.mp4").await;
    assert_eq!(code(resp).await, denied, "pre-signed");
    // Its own key, but copied from outside the scope.
    let resp = s
        .v2_as(
            t,
            Flavor::Aws,
            "PUT",
            PATH,
            &[("x-amz-copy-source", "/other/secret.bin")],
            vec![],
        )
        .await;
    assert_eq!(code(resp).await, denied, "copy");
    assert!(
        s.store.head_object(BUCKET, KEY).expect("head").is_none(),
        "nothing was written"
    );

    // A prefix scope reaches every key under the prefix and nothing else.
    let cred = s
        .store
        .issue_temporary(Scope::prefix(BUCKET, "uploads/"), Duration::from_secs(600));
    let p = Signer::of(&cred);
    let resp = s
        .v2_as(
            p,
            Flavor::Aws,
            "PUT",
            "/media/uploads/a/b.mp4",
            &[],
            b"x".to_vec(),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = s
        .v2_as(
            p,
            Flavor::Aws,
            "PUT",
            "/media/elsewhere.mp4",
            &[],
            b"x".to_vec(),
        )
        .await;
    assert_eq!(code(resp).await, denied);
}

#[tokio::test]
async fn temporary_key_needs_its_own_token() {
    let (_dir, s, cred) = setup(Duration::from_secs(600)).await;
    let unknown = (403, "InvalidAccessKeyId".to_string());
    let invalid = (400, "InvalidToken".to_string());
    let bare = Signer::of(&cred).with_token(None);
    let wrong = Signer::of(&cred).with_token(Some("not-the-token"));
    let other = s
        .store
        .issue_temporary(Scope::object(BUCKET, KEY), Duration::from_secs(600));
    let borrowed = Signer::of(&cred).with_token(other.security_token.as_deref());

    for (signer, want) in [(bare, &unknown), (wrong, &invalid), (borrowed, &invalid)] {
        for flavor in [Flavor::Obs, Flavor::Aws] {
            let resp = s
                .v2_as(signer, flavor, "PUT", PATH, &[], b"x".to_vec())
                .await;
            assert_eq!(&code(resp).await, want, "{flavor:?} {:?}", signer.token);
        }
        let (rb, _, _) = s.v4_builder_as(signer, "PUT", PATH, &[], "UNSIGNED-PAYLOAD");
        let resp = rb.body("x").send().await.expect("put");
        assert_eq!(&code(resp).await, want, "SigV4 {:?}", signer.token);
        let resp = presigned_get(&s, signer, KEY).await;
        assert_eq!(&code(resp).await, want, "pre-signed {:?}", signer.token);
    }
    assert!(s.store.head_object(BUCKET, KEY).expect("head").is_none());

    // A revoked key is unknown again.
    s.store.key_ring().revoke(&cred.access_key);
    let resp = s
        .v2_as(Signer::of(&cred), Flavor::Obs, "PUT", PATH, &[], vec![])
        .await;
    assert_eq!(code(resp).await, unknown);
}

#[tokio::test]
async fn temporary_key_expires() {
    let (_dir, s, cred) = setup(Duration::from_secs(2)).await;
    let t = Signer::of(&cred);
    let resp = s
        .v2_as(t, Flavor::Obs, "PUT", PATH, &[], b"x".to_vec())
        .await;
    assert_eq!(resp.status(), 200);

    tokio::time::sleep(Duration::from_millis(3_100)).await;
    let expired = (400, "ExpiredToken".to_string());
    let resp = s.v2_as(t, Flavor::Obs, "GET", PATH, &[], vec![]).await;
    assert_eq!(code(resp).await, expired, "header");
    let resp = presigned_get(&s, t, KEY).await;
    assert_eq!(code(resp).await, expired, "pre-signed");
    // The long-term key is not affected.
    assert_eq!(s.v2("GET", PATH, &[], vec![]).await.status(), 200);
}
