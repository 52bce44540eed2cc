//! The one multipart driver of the S3 family over a signer that holds a key pair (the OBS and
//! AWS V2 header signatures), against a real object endpoint on loopback: with the endpoint's
//! own key, and with temporary credentials scoped to one object (as Tencent's and Alibaba's
//! upload sessions hand out), which are refused for any other object.

use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use md5::{Digest, Md5};
use vodesk_core::provider::ErrorKind;
use vodesk_core::storage::{
    Credentials, Endpoint, KeySigner, ObjectOp, RequestSigner, SignatureFlavor, multipart, send,
};
use vodesk_objstore::{ObjectStore, ObjectStoreConfig, Scope};

const AK: &str = "DRIVERTESTAK00000001";
const SK: &str = "DriverTestSecret000000000000000000000000";
const BUCKET: &str = "driver";

async fn store(dir: &std::path::Path) -> (ObjectStore, String) {
    let store = ObjectStore::open(ObjectStoreConfig {
        data_dir: dir.to_path_buf(),
        access_key: AK.into(),
        secret_key: SK.into(),
        region: "local-1".into(),
    })
    .unwrap();
    store.ensure_bucket(BUCKET).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    store.set_base_url(&url);
    let router = store.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (store, url)
}

fn signer(url: &str, creds: Credentials, flavor: SignatureFlavor, key: &str) -> KeySigner {
    KeySigner {
        endpoint: Endpoint::parse(url, None).unwrap(),
        credentials: creds,
        flavor,
        bucket: BUCKET.into(),
        key: key.into(),
        extras: Vec::new(),
        clock_offset_secs: 0,
    }
}

/// Uploads `data` as `parts` parts through the driver; returns what the endpoint then serves.
async fn upload(http: &reqwest::Client, s: &KeySigner, data: &[u8], parts: usize) -> Vec<u8> {
    let id = multipart::initiate(http, s, "video/mp4").await.unwrap();
    let size = data.len().div_ceil(parts);
    let mut etags = Vec::new();
    for (i, chunk) in data.chunks(size).enumerate() {
        let md5 = vodesk_core::storage::sign::content_md5(chunk);
        let op = ObjectOp::PutPart {
            upload_id: &id,
            part_number: i as u32 + 1,
            content_type: "application/octet-stream",
            content_md5: Some(&md5),
        };
        let req = s.sign(&op).await.unwrap();
        let body = futures_util::stream::iter([Ok(Bytes::copy_from_slice(chunk))]).boxed();
        let etag = send::put_stream(http, &req, chunk.len() as u64, body)
            .await
            .unwrap();
        etags.push((i as u32 + 1, etag));
    }
    let listed = multipart::list_parts(http, s, &id).await.unwrap();
    assert_eq!(listed.len(), etags.len());
    multipart::complete(http, s, &id, &etags).await.unwrap();
    // What the endpoint serves now, fetched with the same key.
    let req = vodesk_core::storage::header_signer::sign_call(
        &s.endpoint,
        &s.credentials,
        s.flavor,
        chrono::Utc::now(),
        vodesk_core::storage::header_signer::Call {
            method: reqwest::Method::GET,
            bucket: Some(BUCKET),
            key: Some(&s.key),
            query: Vec::new(),
            headers: Vec::new(),
        },
    )
    .unwrap();
    send::send(http, &req, None)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_driver_uploads_over_header_signatures_and_scoped_temporary_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (store, url) = store(dir.path()).await;
    let http = reqwest::Client::new();
    let data: Vec<u8> = (0..700_000u32).map(|i| (i * 31 % 251) as u8).collect();

    for (flavor, key) in [
        (SignatureFlavor::Obs, "obs/clip.mp4"),
        (SignatureFlavor::AwsV2, "v2/clip.mp4"),
        (SignatureFlavor::Oss, "oss/clip.mp4"),
    ] {
        let s = signer(&url, Credentials::new(AK, SK), flavor, key);
        let got = upload(&http, &s, &data, 3).await;
        assert_eq!(Md5::digest(&got), Md5::digest(&data), "{flavor:?}");
    }

    // Temporary credentials for one object, with their token, as an upload session gives them.
    let temp = store.issue_temporary(
        Scope::object(BUCKET, "session/clip.mp4"),
        Duration::from_secs(600),
    );
    let creds = Credentials {
        access_key: temp.access_key.clone(),
        secret_key: temp.secret_key.clone(),
        security_token: temp.security_token.clone(),
    };
    let s = signer(
        &url,
        creds.clone(),
        SignatureFlavor::AwsV2,
        "session/clip.mp4",
    );
    let got = upload(&http, &s, &data, 2).await;
    assert_eq!(Md5::digest(&got), Md5::digest(&data));
    // The same key for another object is refused.
    let elsewhere = signer(&url, creds, SignatureFlavor::AwsV2, "other/clip.mp4");
    let err = multipart::initiate(&http, &elsewhere, "video/mp4")
        .await
        .unwrap_err();
    assert_eq!(err.code.as_deref(), Some("AccessDenied"), "{err}");
    assert_eq!(err.kind, ErrorKind::PermissionDenied, "{err}");

    // Abort: the upload is gone, and aborting it again counts as done.
    let s = signer(
        &url,
        Credentials::new(AK, SK),
        SignatureFlavor::Obs,
        "aborted.mp4",
    );
    let id = multipart::initiate(&http, &s, "video/mp4").await.unwrap();
    multipart::abort(&http, &s, &id).await.unwrap();
    let gone = multipart::list_parts(&http, &s, &id).await.unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound, "{gone}");
    multipart::abort(&http, &s, &id).await.unwrap();
}
