//! The store as Alibaba OSS on loopback, the way oss2 and the VOD upload SDK talk to the
//! `UploadAddress.Endpoint` of a local service: path style, `OSS ak:sig` with the upload's STS
//! key and `x-oss-security-token`, documents without a namespace, `x-oss-request-id`.

mod common;

use std::time::Duration;

use common::*;
use vodesk_objstore::Scope;
use vodesk_objstore::auth::obs_v2::Flavor;

const BUCKET: &str = "outin-local0123";

/// An OSS endpoint with the bucket and an upload's STS key for the keys under `sv/`.
async fn oss_with_sts(dir: &std::path::Path) -> (Server, vodesk_objstore::Credential) {
    let s = start_oss(dir).await;
    s.store.ensure_bucket(BUCKET).unwrap();
    let sts = s
        .store
        .issue_temporary(Scope::prefix(BUCKET, "sv/"), Duration::from_secs(600));
    (s, sts)
}

#[tokio::test]
async fn uploads_with_an_sts_key_signed_as_oss_and_answers_in_oss_form() {
    let dir = tempfile::tempdir().unwrap();
    let (s, sts) = oss_with_sts(dir.path()).await;
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

/// CRC-64/XZ written bit by bit from its definition (reflected ECMA-182 polynomial, all-ones
/// initial and final values), independent of the store's table-driven one.
fn crc64_xz(data: &[u8]) -> u64 {
    let mut crc = !0u64;
    for b in data {
        crc ^= u64::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xC96C_5795_D787_0F42
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn crc_header(r: &reqwest::Response) -> Option<u64> {
    r.headers()
        .get("x-oss-hash-crc64ecma")?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// What oss2 checks when the headers are there: the CRC of a PUT, of each part, of the
/// completed object and of a GET; and what its resumable upload reads from a fresh upload's
/// part list (a numeric NextPartNumberMarker, IsTruncated, times with `.000Z`).
#[tokio::test]
async fn crc64_on_put_parts_complete_and_get_and_oss2_shaped_part_lists() {
    assert_eq!(crc64_xz(b"123456789"), 0x995d_c9bb_df19_39fa);
    let dir = tempfile::tempdir().unwrap();
    let (s, sts) = oss_with_sts(dir.path()).await;
    let signer = Signer::of(&sts);
    let call = |method: &'static str, path: String, body: Vec<u8>| {
        let s = &s;
        async move { s.v2_as(signer, Flavor::Oss, method, &path, &[], body).await }
    };

    let r = call(
        "PUT",
        format!("/{BUCKET}/sv/check.bin"),
        b"123456789".to_vec(),
    )
    .await;
    assert_eq!(crc_header(&r), Some(0x995d_c9bb_df19_39fa));
    let r = call("GET", format!("/{BUCKET}/sv/check.bin"), vec![]).await;
    assert_eq!(crc_header(&r), Some(0x995d_c9bb_df19_39fa));

    let r = call("POST", format!("/{BUCKET}/sv/two.mp4?uploads"), vec![]).await;
    let id = xml_text(&r.text().await.unwrap(), "UploadId").unwrap();
    let r = call("GET", format!("/{BUCKET}/sv/two.mp4?uploadId={id}"), vec![]).await;
    let doc = r.text().await.unwrap();
    assert_eq!(
        xml_text(&doc, "NextPartNumberMarker").as_deref(),
        Some("0"),
        "{doc}"
    );
    assert_eq!(xml_text(&doc, "IsTruncated").as_deref(), Some("false"));

    let (one, two) = (data(150_000, 1), data(20_000, 2));
    let mut etags = Vec::new();
    for (n, part) in [(1, &one), (2, &two)] {
        let r = call(
            "PUT",
            format!("/{BUCKET}/sv/two.mp4?partNumber={n}&uploadId={id}"),
            part.clone(),
        )
        .await;
        assert_eq!(crc_header(&r), Some(crc64_xz(part)), "part {n}");
        etags.push(r.headers()["etag"].to_str().unwrap().to_string());
    }
    let r = call("GET", format!("/{BUCKET}/sv/two.mp4?uploadId={id}"), vec![]).await;
    let doc = r.text().await.unwrap();
    assert_eq!(xml_text(&doc, "NextPartNumberMarker").as_deref(), Some("2"));
    let modified = xml_text(&doc, "LastModified").unwrap();
    assert!(modified.ends_with(".000Z"), "{modified}");

    let complete = format!(
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{}</ETag></Part>\
         <Part><PartNumber>2</PartNumber><ETag>{}</ETag></Part></CompleteMultipartUpload>",
        etags[0], etags[1]
    );
    let r = call(
        "POST",
        format!("/{BUCKET}/sv/two.mp4?uploadId={id}"),
        complete.into_bytes(),
    )
    .await;
    assert_eq!(r.status(), 200);
    let whole = [one.as_slice(), two.as_slice()].concat();
    assert_eq!(crc_header(&r), Some(crc64_xz(&whole)));
    let r = call("GET", format!("/{BUCKET}/sv/two.mp4"), vec![]).await;
    assert_eq!(crc_header(&r), Some(crc64_xz(&whole)));
    assert_eq!(r.bytes().await.unwrap().as_ref(), whole.as_slice());
}
