//! The store as Alibaba OSS on loopback, the way oss2 and the VOD upload SDK talk to the
//! `UploadAddress.Endpoint` of a local service: path style, `OSS ak:sig` with the upload's STS
//! key and `x-oss-security-token`, documents without a namespace, `x-oss-request-id`.

mod common;

use std::time::Duration;

use common::*;
use vodesk_objstore::Scope;
use vodesk_objstore::auth::obs_v2::Flavor;

const BUCKET: &str = "outin-local0123";

#[tokio::test]
async fn uploads_with_an_sts_key_signed_as_oss_and_answers_in_oss_form() {
    let dir = tempfile::tempdir().unwrap();
    let s = start_oss(dir.path()).await;
    s.store.ensure_bucket(BUCKET).unwrap();
    let sts = s
        .store
        .issue_temporary(Scope::prefix(BUCKET, "sv/"), Duration::from_secs(600));
    let signer = Signer::of(&sts);

    let body = data(40_000, 5);
    let r = s
        .v2_as(
            signer,
            Flavor::Oss,
            "PUT",
            &format!("/{BUCKET}/sv/clip.mp4"),
            &[("Content-Type", "video/mp4")],
            body.clone(),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("x-oss-request-id"));
    assert_eq!(r.headers()["server"], "AliyunOSS");
    assert_eq!(
        s.store
            .head_object(BUCKET, "sv/clip.mp4")
            .unwrap()
            .unwrap()
            .size,
        40_000
    );

    // Multipart: the documents carry no namespace (oss2 parses them either way, the Alibaba
    // SDKs' models are written without one).
    let r = s
        .v2_as(
            signer,
            Flavor::Oss,
            "POST",
            &format!("/{BUCKET}/sv/big.mp4?uploads"),
            &[],
            vec![],
        )
        .await;
    assert_eq!(r.status(), 200);
    let doc = r.text().await.unwrap();
    assert!(doc.contains("<InitiateMultipartUploadResult>"), "{doc}");
    assert!(!doc.contains("xmlns"), "{doc}");
    let upload_id = xml_text(&doc, "UploadId").unwrap();
    let r = s
        .v2_as(
            signer,
            Flavor::Oss,
            "GET",
            &format!("/{BUCKET}/sv/big.mp4?uploadId={upload_id}"),
            &[],
            vec![],
        )
        .await;
    let doc = r.text().await.unwrap();
    assert!(
        doc.starts_with("<?xml") && doc.contains("<ListPartsResult>"),
        "{doc}"
    );

    // Outside the key's scope: refused, in OSS's form.
    let r = s
        .v2_as(
            signer,
            Flavor::Oss,
            "PUT",
            &format!("/{BUCKET}/elsewhere.mp4"),
            &[],
            b"x".to_vec(),
        )
        .await;
    assert!(r.headers().contains_key("x-oss-request-id"));
    let (status, code, doc) = error_code(r).await;
    assert_eq!((status, code.as_str()), (403, "AccessDenied"));
    assert!(!doc.contains("xmlns"), "{doc}");
}
