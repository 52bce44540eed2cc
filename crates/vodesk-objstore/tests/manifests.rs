//! Completed multipart objects are kept as a manifest of their part files: every way of reading,
//! copying, replacing and deleting such an object, and the clean-up on reopen.

mod common;

use common::*;
use vodesk_objstore::PresignRequest;

const BUCKET: &str = "media";

fn req(method: &str, key: &str, sub: Vec<(String, Option<String>)>) -> PresignRequest {
    PresignRequest {
        method: method.into(),
        bucket: BUCKET.into(),
        key: key.into(),
        subresources: sub,
        expires_in_secs: 600,
        ..Default::default()
    }
}

fn upload_sub(id: &str) -> Vec<(String, Option<String>)> {
    vec![("uploadId".into(), Some(id.to_string()))]
}

async fn initiate(s: &Server, key: &str) -> String {
    let url = s
        .store
        .presign_url(&req("POST", key, vec![("uploads".into(), None)]));
    let resp = s.http.post(url).send().await.expect("initiate");
    assert_eq!(resp.status(), 200);
    xml_text(&resp.text().await.expect("body"), "UploadId").expect("upload id")
}

async fn put_part(s: &Server, key: &str, id: &str, n: u32, body: &[u8]) -> String {
    let mut sub = upload_sub(id);
    sub.push(("partNumber".into(), Some(n.to_string())));
    let resp = s
        .http
        .put(s.store.presign_url(&req("PUT", key, sub)))
        .body(body.to_vec())
        .send()
        .await
        .expect("part");
    assert_eq!(resp.status(), 200);
    resp.headers()["etag"].to_str().expect("etag").to_string()
}

async fn complete(s: &Server, key: &str, id: &str, parts: &[(u32, String)]) {
    let mut body = String::from("<CompleteMultipartUpload>");
    for (n, t) in parts {
        body.push_str(&format!(
            "<Part><PartNumber>{n}</PartNumber><ETag>{t}</ETag></Part>"
        ));
    }
    body.push_str("</CompleteMultipartUpload>");
    let resp = s
        .http
        .post(s.store.presign_url(&req("POST", key, upload_sub(id))))
        .body(body)
        .send()
        .await
        .expect("complete");
    assert_eq!(
        resp.status(),
        200,
        "{}",
        resp.text().await.unwrap_or_default()
    );
}

/// Uploads `parts` as a multipart object and returns its bytes.
async fn multipart_object(s: &Server, key: &str, parts: &[Vec<u8>]) -> Vec<u8> {
    let id = initiate(s, key).await;
    let mut tags = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let n = i as u32 + 1;
        tags.push((n, put_part(s, key, &id, n, p).await));
    }
    complete(s, key, &id, &tags).await;
    parts.concat()
}

async fn get(s: &Server, key: &str, range: Option<&str>) -> (u16, Vec<u8>) {
    let mut rb = s.http.get(s.store.presign_url(&req("GET", key, vec![])));
    if let Some(r) = range {
        rb = rb.header("range", r);
    }
    let resp = rb.send().await.expect("get");
    let status = resp.status().as_u16();
    (status, resp.bytes().await.expect("bytes").to_vec())
}

fn three_parts() -> Vec<Vec<u8>> {
    vec![
        data(150 * 1024, 11),
        data(130 * 1024 + 7, 12),
        data(5_000, 13),
    ]
}

#[tokio::test]
async fn ranges_across_part_boundaries_read_the_same_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket(BUCKET).expect("bucket");
    let whole = multipart_object(&s, "m.bin", &three_parts()).await;
    // Completing left the part files as they were: one blob per part, no concatenated copy.
    assert_eq!(count_files(&dir.path().join("blobs")), 3);

    let (status, body) = get(&s, "m.bin", None).await;
    assert_eq!(status, 200);
    assert_eq!(body, whole);
    let p1 = 150 * 1024u64;
    let p2 = p1 + 130 * 1024 + 7;
    let last = whole.len() as u64 - 1;
    for (from, to) in [
        (0, 0),
        (p1 - 10, p1 + 10),
        (p1, p1),
        (p1 - 1, p2),
        (10, last),
        (p2, last),
        (p1 + 5, p2 - 5),
    ] {
        let (status, body) = get(&s, "m.bin", Some(&format!("bytes={from}-{to}"))).await;
        assert_eq!(status, 206, "range {from}-{to}");
        assert_eq!(
            body,
            whole[from as usize..=to as usize],
            "range {from}-{to}"
        );
    }
    let (status, body) = get(&s, "m.bin", Some("bytes=-6000")).await;
    assert_eq!(status, 206);
    assert_eq!(body, whole[whole.len() - 6000..]);

    // The store's direct head read follows the manifest across the first part boundary.
    let head = s
        .store
        .read_head(BUCKET, "m.bin", p1 + 100)
        .await
        .expect("read head")
        .expect("exists");
    assert_eq!(head.as_ref(), &whole[..(p1 + 100) as usize]);
    let all = s
        .store
        .read_head(BUCKET, "m.bin", u64::MAX)
        .await
        .expect("read head")
        .expect("exists");
    assert_eq!(all.as_ref(), whole.as_slice());
    assert!(
        s.store
            .read_head(BUCKET, "absent.bin", 10)
            .await
            .expect("read head")
            .is_none()
    );

    let info = s
        .store
        .head_object(BUCKET, "m.bin")
        .expect("head")
        .expect("exists");
    assert_eq!(info.size, whole.len() as u64);
    assert!(info.etag.ends_with("-3"), "{}", info.etag);
    let resp = s
        .http
        .head(s.store.presign_url(&req("HEAD", "m.bin", vec![])))
        .send()
        .await
        .expect("head");
    assert_eq!(resp.headers()["content-length"], whole.len().to_string());
}

#[tokio::test]
async fn copies_outlive_their_source_and_deletes_leave_no_part_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket(BUCKET).expect("bucket");
    let whole = multipart_object(&s, "src.bin", &three_parts()).await;

    let copied = s
        .store
        .copy_object(BUCKET, "src.bin", BUCKET, "dst.bin")
        .await
        .expect("copy");
    let src_info = s.store.head_object(BUCKET, "src.bin").expect("head");
    assert_eq!(Some(copied.etag.clone()), src_info.map(|i| i.etag));
    // The copy over HTTP too (x-amz-copy-source), into a third key.
    let resp = s
        .v2(
            "PUT",
            &format!("/{BUCKET}/dst2.bin"),
            &[("x-amz-copy-source", &format!("/{BUCKET}/src.bin"))],
            vec![],
        )
        .await;
    assert_eq!(resp.status(), 200);

    s.store.delete_object(BUCKET, "src.bin").expect("delete");
    assert_eq!(get(&s, "src.bin", None).await.0, 404);
    assert_eq!(get(&s, "dst.bin", None).await.1, whole);
    assert_eq!(get(&s, "dst2.bin", None).await.1, whole);

    // Overwriting a manifest object with a single PUT drops its part files.
    let small = data(1000, 14);
    let resp = s
        .http
        .put(s.store.presign_url(&req("PUT", "dst.bin", vec![])))
        .body(small.clone())
        .send()
        .await
        .expect("put");
    assert_eq!(resp.status(), 200);
    assert_eq!(get(&s, "dst.bin", None).await.1, small);
    // dst2 (3 part files) + the new dst.bin (1 file).
    assert_eq!(count_files(&dir.path().join("blobs")), 4);

    // Overwriting with another multipart upload drops the old parts too.
    let again = multipart_object(&s, "dst2.bin", &[data(120 * 1024, 15), data(10, 16)]).await;
    assert_eq!(get(&s, "dst2.bin", None).await.1, again);
    assert_eq!(count_files(&dir.path().join("blobs")), 3);

    // Deleting through HTTP (multi-object delete) leaves no file behind.
    let resp = s
        .v2(
            "POST",
            &format!("/{BUCKET}?delete"),
            &[("content-md5", &md5_b64(b"<Delete><Object><Key>dst.bin</Key></Object><Object><Key>dst2.bin</Key></Object></Delete>"))],
            b"<Delete><Object><Key>dst.bin</Key></Object><Object><Key>dst2.bin</Key></Object></Delete>".to_vec(),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(count_files(&dir.path().join("blobs")), 0);
}

#[tokio::test]
async fn parts_left_out_of_the_completion_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = start(dir.path()).await;
    s.store.ensure_bucket(BUCKET).expect("bucket");
    let parts = three_parts();
    let id = initiate(&s, "pick.bin").await;
    let mut tags = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let n = i as u32 + 1;
        tags.push((n, put_part(&s, "pick.bin", &id, n, p).await));
    }
    // Parts 1 and 3 only.
    complete(&s, "pick.bin", &id, &[tags[0].clone(), tags[2].clone()]).await;
    assert_eq!(
        get(&s, "pick.bin", None).await.1,
        [parts[0].clone(), parts[2].clone()].concat()
    );
    assert_eq!(count_files(&dir.path().join("blobs")), 2);
}

#[tokio::test]
async fn reopened_store_serves_manifests_and_sweeps_unreferenced_parts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let parts = three_parts();
    let (whole, pending_id, pending_part) = {
        let s = start(dir.path()).await;
        s.store.ensure_bucket(BUCKET).expect("bucket");
        let whole = multipart_object(&s, "kept.bin", &parts).await;
        // An upload still in progress at shutdown: its part must survive the reopen.
        let pending_id = initiate(&s, "later.bin").await;
        let tag = put_part(&s, "later.bin", &pending_id, 1, &parts[0]).await;
        // An aborted upload: its part files go at once.
        let aborted = initiate(&s, "gone.bin").await;
        put_part(&s, "gone.bin", &aborted, 1, &parts[1]).await;
        let resp = s
            .http
            .delete(
                s.store
                    .presign_url(&req("DELETE", "gone.bin", upload_sub(&aborted))),
            )
            .send()
            .await
            .expect("abort");
        assert_eq!(resp.status(), 204);
        assert_eq!(count_files(&dir.path().join("blobs")), 4);
        (whole, pending_id, tag)
    };
    // What a process killed between writing a part file and its index commit leaves behind.
    let orphan = dir.path().join("blobs/ab/ab0000000000000000000000000000ff");
    std::fs::write(&orphan, b"orphaned part").expect("orphan");
    std::fs::write(dir.path().join("tmp/halfway"), b"temp").expect("temp");

    let s = start(dir.path()).await;
    assert!(
        !orphan.exists(),
        "an unreferenced part file survived the reopen"
    );
    assert_eq!(count_files(&dir.path().join("tmp")), 0);
    assert_eq!(count_files(&dir.path().join("blobs")), 4);
    assert_eq!(get(&s, "kept.bin", None).await.1, whole);
    let (status, body) = get(&s, "kept.bin", Some("bytes=153590-153700")).await;
    assert_eq!(status, 206);
    assert_eq!(body, whole[153_590..=153_700]);

    // The pending upload completes after the restart.
    let tag2 = put_part(&s, "later.bin", &pending_id, 2, &parts[2]).await;
    complete(
        &s,
        "later.bin",
        &pending_id,
        &[(1, pending_part), (2, tag2)],
    )
    .await;
    assert_eq!(
        get(&s, "later.bin", None).await.1,
        [parts[0].clone(), parts[2].clone()].concat()
    );
}
