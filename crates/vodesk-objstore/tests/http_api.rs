//! End-to-end over real loopback sockets: pre-signed URLs, header auth, objects, multipart,
//! listings, persistence and interrupted uploads.

mod common;

use common::*;
use vodesk_objstore::{PresignRequest, presign};

fn presign_req(method: &str, bucket: &str, key: &str) -> PresignRequest {
    PresignRequest {
        method: method.into(),
        bucket: bucket.into(),
        key: key.into(),
        expires_in_secs: 600,
        ..Default::default()
    }
}

#[tokio::test]
async fn presigned_put_then_get_returns_exact_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket("media").expect("bucket");
    let body = data(300_000, 1);
    let key = "videos/clip one+ü.mp4";
    let mut put = presign_req("PUT", "media", key);
    put.content_type = Some("video/mp4".into());
    let url = s.store.presign_url(&put);
    let resp = s
        .http
        .put(&url)
        .header("content-type", "video/mp4")
        .body(body.clone())
        .send()
        .await
        .expect("put");
    assert_eq!(resp.status(), 200);
    let etag = resp.headers()["etag"].to_str().expect("etag").to_string();
    assert_eq!(etag, format!("\"{}\"", md5_hex(&body)));

    let resp = s
        .http
        .get(s.store.presign_url(&presign_req("GET", "media", key)))
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "video/mp4");
    assert_eq!(resp.headers()["etag"].to_str().expect("etag"), etag);
    assert!(resp.headers().contains_key("last-modified"));
    assert!(resp.headers().contains_key("x-amz-request-id"));
    assert!(resp.headers().contains_key("x-obs-request-id"));
    assert_eq!(resp.bytes().await.expect("bytes").as_ref(), body.as_slice());

    let info = s
        .store
        .head_object("media", key)
        .expect("head")
        .expect("exists");
    assert_eq!(
        (info.size, info.etag.as_str(), info.content_type.as_str()),
        (300_000, md5_hex(&body).as_str(), "video/mp4")
    );

    // Ranges: 206 with the right slice, 416 past the end.
    let resp = s
        .http
        .get(s.store.presign_url(&presign_req("GET", "media", key)))
        .header("range", "bytes=100-199")
        .send()
        .await
        .expect("range");
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.headers()["content-range"], "bytes 100-199/300000");
    assert_eq!(resp.bytes().await.expect("bytes").as_ref(), &body[100..200]);
    let resp = s
        .http
        .get(s.store.presign_url(&presign_req("GET", "media", key)))
        .header("range", "bytes=300000-")
        .send()
        .await
        .expect("range");
    assert_eq!(error_code(resp).await.0, 416);
}

#[tokio::test]
async fn presigned_url_failures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket("media").expect("bucket");
    let mut put = presign_req("PUT", "media", "a.bin");
    put.content_type = Some("application/octet-stream".into());
    let url = s.store.presign_url(&put);

    // Tampered signature.
    let tampered = url.replacen("Signature=", "Signature=x", 1);
    let resp = s
        .http
        .put(&tampered)
        .header("content-type", "application/octet-stream")
        .body("x")
        .send()
        .await
        .expect("put");
    assert_eq!(resp.headers()["content-type"], "application/xml");
    let (status, code, _) = error_code(resp).await;
    assert_eq!((status, code.as_str()), (403, "SignatureDoesNotMatch"));

    // Content-Type other than the signed one.
    let resp = s
        .http
        .put(&url)
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .expect("put");
    assert_eq!(error_code(resp).await.1, "SignatureDoesNotMatch");

    // Expired.
    let expired = presign::presign_at(
        &s.base,
        AK,
        SK,
        &presign_req("GET", "media", "a.bin"),
        chrono::Utc::now().timestamp() - 5,
    );
    let (status, code, message) = error_code(s.http.get(&expired).send().await.expect("get")).await;
    assert_eq!(
        (status, code.as_str(), message.as_str()),
        (403, "AccessDenied", "Request has expired")
    );

    // Unknown access key.
    let other = presign::presign_at(
        &s.base,
        "NOTMYKEY",
        SK,
        &presign_req("GET", "media", "a.bin"),
        chrono::Utc::now().timestamp() + 60,
    );
    assert_eq!(
        error_code(s.http.get(&other).send().await.expect("get"))
            .await
            .1,
        "InvalidAccessKeyId"
    );

    // Anonymous.
    let (status, code, _) = error_code(
        s.http
            .get(format!("{}/media/a.bin", s.base))
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert_eq!((status, code.as_str()), (403, "AccessDenied"));

    // Content-MD5 signed and sent, but the body differs.
    let mut put = presign_req("PUT", "media", "b.bin");
    put.content_md5 = Some(md5_b64(b"expected body"));
    let url = s.store.presign_url(&put);
    let resp = s
        .http
        .put(&url)
        .header("content-md5", md5_b64(b"expected body"))
        .body("another body")
        .send()
        .await
        .expect("put");
    assert_eq!(
        error_code(resp).await,
        (
            400,
            "BadDigest".into(),
            "The Content-MD5 you specified did not match what we received.".into()
        )
    );
    assert!(
        s.store
            .head_object("media", "b.bin")
            .expect("head")
            .is_none()
    );
    let resp = s
        .http
        .put(&url)
        .header("content-md5", md5_b64(b"expected body"))
        .body("expected body")
        .send()
        .await
        .expect("put");
    assert_eq!(resp.status(), 200);

    // Clock skew on header auth.
    let resp = s
        .http
        .get(format!("{}/media", s.base))
        .header("date", "Tue, 04 Mar 2025 08:00:00 GMT")
        .header(
            "authorization",
            format!("AWS {AK}:AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        )
        .send()
        .await
        .expect("get");
    assert_eq!(error_code(resp).await.1, "RequestTimeTooSkewed");
}

#[tokio::test]
async fn multipart_via_presigned_urls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket("media").expect("bucket");
    let key = "big/movie.mp4";
    let mut init = presign_req("POST", "media", key);
    init.subresources = vec![("uploads".into(), None)];
    init.content_type = Some("video/mp4".into());
    let resp = s
        .http
        .post(s.store.presign_url(&init))
        .header("content-type", "video/mp4")
        .send()
        .await
        .expect("init");
    assert_eq!(resp.status(), 200);
    let upload_id = xml_text(&resp.text().await.expect("body"), "UploadId").expect("upload id");

    let parts = [data(150 * 1024, 2), data(120 * 1024, 3), data(1000, 4)];
    let mut etags = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let mut req = presign_req("PUT", "media", key);
        req.subresources = vec![
            ("partNumber".into(), Some((i + 1).to_string())),
            ("uploadId".into(), Some(upload_id.clone())),
        ];
        let resp = s
            .http
            .put(s.store.presign_url(&req))
            .body(part.clone())
            .send()
            .await
            .expect("part");
        assert_eq!(resp.status(), 200);
        let etag = resp.headers()["etag"].to_str().expect("etag").to_string();
        assert_eq!(etag, format!("\"{}\"", md5_hex(part)));
        etags.push(etag);
    }

    // List parts, paged by one.
    let mut req = presign_req("GET", "media", key);
    req.subresources = vec![("uploadId".into(), Some(upload_id.clone()))];
    let url = s.store.presign_url(&req);
    let page = s
        .http
        .get(format!("{url}&max-parts=2"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("text");
    assert_eq!(xml_all(&page, "PartNumber"), ["1", "2"]);
    assert_eq!(xml_text(&page, "IsTruncated").as_deref(), Some("true"));
    let page = s
        .http
        .get(format!("{url}&max-parts=2&part-number-marker=2"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("text");
    assert_eq!(xml_all(&page, "PartNumber"), ["3"]);
    assert_eq!(xml_text(&page, "IsTruncated").as_deref(), Some("false"));

    let mut complete = presign_req("POST", "media", key);
    complete.subresources = vec![("uploadId".into(), Some(upload_id.clone()))];
    let complete_url = s.store.presign_url(&complete);
    let body_for = |tags: &[String], numbers: &[u32]| {
        let mut b = String::from("<CompleteMultipartUpload>");
        for (n, t) in numbers.iter().zip(tags) {
            b.push_str(&format!(
                "<Part><PartNumber>{n}</PartNumber><ETag>{t}</ETag></Part>"
            ));
        }
        b.push_str("</CompleteMultipartUpload>");
        b
    };

    // Wrong ETag -> InvalidPart; descending -> InvalidPartOrder; small middle part -> EntityTooSmall.
    let wrong = vec![
        etags[0].clone(),
        "\"00000000000000000000000000000000\"".into(),
        etags[2].clone(),
    ];
    let resp = s
        .http
        .post(&complete_url)
        .body(body_for(&wrong, &[1, 2, 3]))
        .send()
        .await
        .expect("complete");
    assert_eq!(error_code(resp).await.0, 400);
    let resp = s
        .http
        .post(&complete_url)
        .body(body_for(&wrong, &[1, 2, 3]))
        .send()
        .await
        .expect("complete");
    assert_eq!(error_code(resp).await.1, "InvalidPart");
    let resp = s
        .http
        .post(&complete_url)
        .body(body_for(&[etags[1].clone(), etags[0].clone()], &[2, 1]))
        .send()
        .await
        .expect("complete");
    assert_eq!(error_code(resp).await.1, "InvalidPartOrder");
    let resp = s
        .http
        .post(&complete_url)
        .body(body_for(
            &[etags[0].clone(), etags[2].clone(), etags[1].clone()],
            &[1, 3, 4],
        ))
        .send()
        .await
        .expect("complete");
    assert_eq!(error_code(resp).await.1, "InvalidPart");
    let resp = s
        .http
        .post(&complete_url)
        .body(body_for(&[etags[2].clone(), etags[1].clone()], &[3, 4]))
        .send()
        .await
        .expect("complete");
    assert_eq!(error_code(resp).await.1, "InvalidPart");

    // Success, ETags given without quotes this time.
    let unquoted: Vec<String> = etags
        .iter()
        .map(|e| e.trim_matches('"').to_string())
        .collect();
    let resp = s
        .http
        .post(&complete_url)
        .body(body_for(&unquoted, &[1, 2, 3]))
        .send()
        .await
        .expect("complete");
    assert_eq!(resp.status(), 200);
    let doc = resp.text().await.expect("text");
    let mut concat_md5s = Vec::new();
    for p in &parts {
        concat_md5s.extend(hex::decode(md5_hex(p)).expect("hex"));
    }
    let expected_etag = format!("{}-3", md5_hex(&concat_md5s));
    assert_eq!(
        xml_text(&doc, "ETag"),
        Some(format!("&quot;{expected_etag}&quot;"))
    );

    let whole: Vec<u8> = parts.concat();
    let resp = s
        .http
        .get(s.store.presign_url(&presign_req("GET", "media", key)))
        .send()
        .await
        .expect("get");
    assert_eq!(resp.headers()["content-type"], "video/mp4");
    assert_eq!(
        resp.bytes().await.expect("bytes").as_ref(),
        whole.as_slice()
    );
    let info = s
        .store
        .head_object("media", key)
        .expect("head")
        .expect("exists");
    assert_eq!(info.etag, expected_etag);

    // The upload is gone: completing again or aborting -> NoSuchUpload.
    let resp = s
        .http
        .post(&complete_url)
        .body(body_for(&unquoted, &[1, 2, 3]))
        .send()
        .await
        .expect("complete");
    assert_eq!(
        error_code(resp).await,
        (404, "NoSuchUpload".into(), error_message_no_such_upload())
    );

    // Small non-last part on a fresh upload -> EntityTooSmall; abort -> 204.
    let resp = s
        .http
        .post(s.store.presign_url(&init))
        .header("content-type", "video/mp4")
        .send()
        .await
        .expect("init");
    let id2 = xml_text(&resp.text().await.expect("body"), "UploadId").expect("upload id");
    let mut small_tags = Vec::new();
    for n in 1..=2u32 {
        let mut req = presign_req("PUT", "media", key);
        req.subresources = vec![
            ("partNumber".into(), Some(n.to_string())),
            ("uploadId".into(), Some(id2.clone())),
        ];
        let resp = s
            .http
            .put(s.store.presign_url(&req))
            .body(vec![n as u8; 10])
            .send()
            .await
            .expect("part");
        small_tags.push(resp.headers()["etag"].to_str().expect("etag").to_string());
    }
    let mut complete2 = presign_req("POST", "media", key);
    complete2.subresources = vec![("uploadId".into(), Some(id2.clone()))];
    let resp = s
        .http
        .post(s.store.presign_url(&complete2))
        .body(body_for(&small_tags, &[1, 2]))
        .send()
        .await
        .expect("complete");
    assert_eq!(error_code(resp).await.1, "EntityTooSmall");
    let mut abort = presign_req("DELETE", "media", key);
    abort.subresources = vec![("uploadId".into(), Some(id2))];
    let resp = s
        .http
        .delete(s.store.presign_url(&abort))
        .send()
        .await
        .expect("abort");
    assert_eq!(resp.status(), 204);
    // The completed object is untouched by the aborted upload.
    assert_eq!(
        s.store
            .head_object("media", key)
            .expect("head")
            .expect("exists")
            .etag,
        expected_etag
    );
}

fn error_message_no_such_upload() -> String {
    "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.".into()
}

#[tokio::test]
async fn listing_pages_with_prefix_delimiter_and_markers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket("list").expect("bucket");
    let mut keys = Vec::new();
    for i in 0..1100 {
        keys.push(format!("flat/{i:05}.txt"));
    }
    for d in ["a", "b", "c"] {
        for i in 0..3 {
            keys.push(format!("tree/{d}/{i}.jpg"));
        }
    }
    keys.push("tree/top 1.jpg".into());
    keys.push("tree/top+2.jpg".into());
    for k in &keys {
        s.store
            .put_object("list", k, "text/plain", bytes::Bytes::from(k.clone()))
            .await
            .expect("put");
    }

    // v1: > 1000 keys paged with NextMarker.
    let resp = s.v2("GET", "/list?prefix=flat/", &[], vec![]).await;
    assert_eq!(resp.status(), 200);
    let page1 = resp.text().await.expect("text");
    assert_eq!(xml_all(&page1, "Key").len(), 1000);
    assert_eq!(xml_text(&page1, "IsTruncated").as_deref(), Some("true"));
    let next = xml_text(&page1, "NextMarker").expect("next marker");
    assert_eq!(next, "flat/00999.txt");
    let page2 = s
        .v2(
            "GET",
            &format!("/list?prefix=flat/&marker={next}"),
            &[],
            vec![],
        )
        .await
        .text()
        .await
        .expect("text");
    let got2 = xml_all(&page2, "Key");
    assert_eq!(got2.len(), 100);
    assert_eq!(got2.first().map(String::as_str), Some("flat/01000.txt"));
    assert_eq!(xml_text(&page2, "IsTruncated").as_deref(), Some("false"));

    // Delimiter with a small max-keys: folders and files arrive exactly once across pages.
    let mut marker = String::new();
    let (mut prefixes, mut files) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let q = format!(
            "/list?prefix=tree/&delimiter=/&max-keys=2&marker={}",
            sigv4_enc(&marker)
        );
        let page = s
            .v4(
                "GET",
                &q,
                &[],
                vodesk_objstore::auth::sigv4::EMPTY_SHA256,
                vec![],
            )
            .await
            .text()
            .await
            .expect("text");
        for p in xml_all(&page, "Prefix")
            .into_iter()
            .filter(|p| p != "tree/")
        {
            prefixes.push(p);
        }
        files.extend(xml_all(&page, "Key"));
        if xml_text(&page, "IsTruncated").as_deref() != Some("true") {
            break;
        }
        marker = xml_text(&page, "NextMarker").expect("next marker");
    }
    assert_eq!(prefixes, ["tree/a/", "tree/b/", "tree/c/"]);
    assert_eq!(files, ["tree/top 1.jpg", "tree/top+2.jpg"]);

    // ListObjectsV2 with continuation tokens and URL encoding.
    let mut token: Option<String> = None;
    let mut all = Vec::new();
    loop {
        let mut q = "/list?list-type=2&prefix=tree/&max-keys=4&encoding-type=url".to_string();
        if let Some(t) = &token {
            q.push_str(&format!("&continuation-token={}", sigv4_enc(t)));
        }
        let page = s
            .v2("GET", &q, &[], vec![])
            .await
            .text()
            .await
            .expect("text");
        let count: usize = xml_text(&page, "KeyCount")
            .expect("key count")
            .parse()
            .expect("int");
        let keys = xml_all(&page, "Key");
        assert_eq!(count, keys.len());
        all.extend(keys);
        match xml_text(&page, "NextContinuationToken") {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(all.len(), 11);
    assert!(all.contains(&"tree/top%201.jpg".to_string()));
    assert!(all.contains(&"tree/top%2B2.jpg".to_string()));

    // Bucket operations: not empty, batch delete, then delete.
    let (status, code, _) = error_code(s.v2("DELETE", "/list", &[], vec![]).await).await;
    assert_eq!((status, code.as_str()), (409, "BucketNotEmpty"));
    let resp = s
        .v2("GET", "/", &[], vec![])
        .await
        .text()
        .await
        .expect("text");
    assert_eq!(xml_all(&resp, "Name"), ["list"]);
    for chunk in keys.chunks(1000) {
        let mut body = String::from("<Delete><Quiet>true</Quiet>");
        for k in chunk {
            body.push_str(&format!(
                "<Object><Key>{}</Key></Object>",
                k.replace('&', "&amp;")
            ));
        }
        body.push_str("</Delete>");
        let md5 = md5_b64(body.as_bytes());
        let resp = s
            .v2(
                "POST",
                "/list?delete",
                &[("content-md5", md5.as_str())],
                body.into_bytes(),
            )
            .await;
        assert_eq!(resp.status(), 200);
    }
    let resp = s.v2("DELETE", "/list", &[], vec![]).await;
    assert_eq!(resp.status(), 204);
    assert!(!s.store.bucket_exists("list").expect("exists"));
}

fn sigv4_enc(s: &str) -> String {
    vodesk_objstore::auth::sigv4::uri_encode(s, false)
}

#[tokio::test]
async fn sigv4_payload_modes() {
    use sha2::Digest;
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    let resp = s
        .v4(
            "PUT",
            "/sig4",
            &[],
            vodesk_objstore::auth::sigv4::EMPTY_SHA256,
            vec![],
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = s.v4("HEAD", "/sig4", &[], "UNSIGNED-PAYLOAD", vec![]).await;
    assert_eq!(resp.status(), 200);

    // Real payload hash: verified.
    let body = data(70_000, 9);
    let hash = hex::encode(sha2::Sha256::digest(&body));
    let resp = s
        .v4("PUT", "/sig4/hashed.bin", &[], &hash, body.clone())
        .await;
    assert_eq!(resp.status(), 200);
    let resp = s
        .v4("PUT", "/sig4/hashed.bin", &[], &hash, data(70_000, 10))
        .await;
    assert_eq!(error_code(resp).await.1, "XAmzContentSHA256Mismatch");
    let resp = s
        .v4("GET", "/sig4/hashed.bin", &[], "UNSIGNED-PAYLOAD", vec![])
        .await;
    assert_eq!(resp.bytes().await.expect("bytes").as_ref(), body.as_slice());

    // Signed aws-chunked body.
    let payload = data(200_000, 11);
    let decoded_len = payload.len().to_string();
    let extra = [
        ("content-encoding", "aws-chunked"),
        ("x-amz-decoded-content-length", decoded_len.as_str()),
    ];
    let (rb, seed, (amz_date, scope)) = s.v4_builder(
        "PUT",
        "/sig4/chunked.bin",
        &extra,
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    );
    let day = &scope[..8];
    let key = vodesk_objstore::auth::sigv4::signing_key(SK, day, "local-1", "s3");
    let mut wire = Vec::new();
    let mut prev = seed;
    for chunk in payload.chunks(65536).chain(std::iter::once(&[][..])) {
        let sts = vodesk_objstore::auth::sigv4::chunk_string_to_sign(
            &amz_date,
            &scope,
            &prev,
            &hex::encode(sha2::Sha256::digest(chunk)),
        );
        let sig = vodesk_objstore::auth::sigv4::signature(&key, &sts);
        wire.extend(format!("{:x};chunk-signature={sig}\r\n", chunk.len()).into_bytes());
        wire.extend_from_slice(chunk);
        wire.extend_from_slice(b"\r\n");
        prev = sig;
    }
    let resp = rb.body(wire.clone()).send().await.expect("put");
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["etag"].to_str().expect("etag"),
        format!("\"{}\"", md5_hex(&payload))
    );
    let got = s
        .v4("GET", "/sig4/chunked.bin", &[], "UNSIGNED-PAYLOAD", vec![])
        .await
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(got.as_ref(), payload.as_slice());

    // A corrupted chunk is refused and nothing changes.
    let (rb, _, _) = s.v4_builder(
        "PUT",
        "/sig4/chunked2.bin",
        &extra,
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    );
    let mut bad = wire;
    bad[1000] ^= 0xff;
    assert_eq!(
        error_code(rb.body(bad).send().await.expect("put")).await.1,
        "SignatureDoesNotMatch"
    );
    assert!(
        s.store
            .head_object("sig4", "chunked2.bin")
            .expect("head")
            .is_none()
    );

    // Unsigned aws-chunked with a trailing checksum (newer botocore).
    let (rb, _, _) = s.v4_builder(
        "PUT",
        "/sig4/trailer.bin",
        &[
            ("content-encoding", "aws-chunked"),
            ("x-amz-trailer", "x-amz-checksum-crc32"),
        ],
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    );
    let mut wire = Vec::new();
    for chunk in payload.chunks(50_000) {
        wire.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
        wire.extend_from_slice(chunk);
        wire.extend_from_slice(b"\r\n");
    }
    wire.extend_from_slice(b"0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
    assert_eq!(rb.body(wire).send().await.expect("put").status(), 200);
    let got = s
        .v4("GET", "/sig4/trailer.bin", &[], "UNSIGNED-PAYLOAD", vec![])
        .await
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(got.as_ref(), payload.as_slice());

    // Copy, then delete (204 even when absent), then 404 without body on HEAD.
    let resp = s
        .v4(
            "PUT",
            "/sig4/copy.bin",
            &[("x-amz-copy-source", "/sig4/trailer.bin")],
            "UNSIGNED-PAYLOAD",
            vec![],
        )
        .await;
    assert_eq!(resp.status(), 200);
    let got = s
        .v4("GET", "/sig4/copy.bin", &[], "UNSIGNED-PAYLOAD", vec![])
        .await
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(got.as_ref(), payload.as_slice());
    for _ in 0..2 {
        assert_eq!(
            s.v4("DELETE", "/sig4/copy.bin", &[], "UNSIGNED-PAYLOAD", vec![])
                .await
                .status(),
            204
        );
    }
    let resp = s
        .v4("HEAD", "/sig4/copy.bin", &[], "UNSIGNED-PAYLOAD", vec![])
        .await;
    assert_eq!(resp.status(), 404);
    assert!(resp.bytes().await.expect("bytes").is_empty());
    let (status, code, _) = error_code(
        s.v4("GET", "/sig4/copy.bin", &[], "UNSIGNED-PAYLOAD", vec![])
            .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (404, "NoSuchKey"));
}

#[tokio::test]
async fn objects_survive_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = data(123_456, 5);
    {
        let s = start(dir.path()).await;
        s.store.ensure_bucket("keep").expect("bucket");
        let url = s
            .store
            .presign_url(&presign_req("PUT", "keep", "dir/file.bin"));
        assert_eq!(
            s.http
                .put(&url)
                .body(body.clone())
                .send()
                .await
                .expect("put")
                .status(),
            200
        );
        // Replace once, so that the old blob has to disappear.
        let url = s
            .store
            .presign_url(&presign_req("PUT", "keep", "dir/file.bin"));
        assert_eq!(
            s.http
                .put(&url)
                .body(body.clone())
                .send()
                .await
                .expect("put")
                .status(),
            200
        );
    }
    let s = start(dir.path()).await;
    let info = s
        .store
        .head_object("keep", "dir/file.bin")
        .expect("head")
        .expect("still there");
    assert_eq!(info.size, body.len() as u64);
    let got = s
        .http
        .get(
            s.store
                .presign_url(&presign_req("GET", "keep", "dir/file.bin")),
        )
        .send()
        .await
        .expect("get");
    assert_eq!(got.bytes().await.expect("bytes").as_ref(), body.as_slice());
    assert_eq!(count_files(&dir.path().join("blobs")), 1);
}

#[tokio::test]
async fn dropped_upload_leaves_no_object() {
    use tokio::io::AsyncWriteExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket("media").expect("bucket");
    let url = s
        .store
        .presign_url(&presign_req("PUT", "media", "partial.bin"));
    let path_query = url.trim_start_matches(&s.base).to_string();
    let addr = s.base.trim_start_matches("http://").to_string();
    let mut sock = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let head =
        format!("PUT {path_query} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 10000000\r\n\r\n");
    sock.write_all(head.as_bytes()).await.expect("head");
    sock.write_all(&data(2_000_000, 6))
        .await
        .expect("some body");
    sock.flush().await.expect("flush");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    drop(sock);
    // Give the server a moment to notice the reset and clean up.
    let mut clean = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        if count_files(&dir.path().join("blobs")) == 0 {
            clean = true;
            break;
        }
    }
    assert!(clean, "a partly written file was left behind");
    assert!(
        s.store
            .head_object("media", "partial.bin")
            .expect("head")
            .is_none()
    );
    assert_eq!(count_files(&dir.path().join("blobs")), 0);
    let resp = s
        .http
        .get(
            s.store
                .presign_url(&presign_req("GET", "media", "partial.bin")),
        )
        .send()
        .await
        .expect("get");
    assert_eq!(error_code(resp).await.1, "NoSuchKey");
}
