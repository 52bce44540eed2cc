//! Leaves a multipart upload unfinished in a bucket, as a crashed uploader does (shared by the
//! CLI's end-to-end tests and the app's tests of the bucket browser).

use vodesk_core::storage::{
    Credentials, Endpoint, KeySigner, ObjectOp, RequestSigner, SignatureFlavor, multipart,
};

/// Begins a multipart upload of `key` in `bucket` at the OBS `endpoint` with the key pair
/// `keys`, and stores parts of the sizes in `parts`, never completing it; its upload id.
pub async fn begin(
    endpoint: &str,
    keys: (&str, &str),
    bucket: &str,
    key: &str,
    parts: &[usize],
) -> String {
    let signer = KeySigner {
        endpoint: Endpoint::parse(endpoint, None).expect("an endpoint"),
        credentials: Credentials::new(keys.0, keys.1),
        flavor: SignatureFlavor::Obs,
        bucket: bucket.into(),
        key: key.into(),
        extras: Vec::new(),
        clock_offset_secs: 0,
    };
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client");
    let id = multipart::initiate(&http, &signer, "video/mp4")
        .await
        .expect("the upload begins");
    for (i, size) in parts.iter().enumerate() {
        let op = ObjectOp::PutPart {
            upload_id: &id,
            part_number: i as u32 + 1,
            content_type: "video/mp4",
            content_md5: None,
        };
        let req = signer.sign(&op).await.expect("a signed part");
        let mut put = http.put(&req.url).body(vec![7u8; *size]);
        for (name, value) in &req.headers {
            put = put.header(name, value);
        }
        let status = put.send().await.expect("the part is sent").status();
        assert_eq!(status, 200, "part {}", i + 1);
    }
    id
}
