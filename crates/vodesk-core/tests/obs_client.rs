//! ObsClient against real sockets: the vodesk-objstore endpoint (which verifies OBS signatures)
//! and tiny misbehaving servers.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::http::{StatusCode, header};
use axum::routing::get;
use bytes::Bytes;
use vodesk_core::provider::ErrorKind;
use vodesk_core::storage::xml::{
    CompleteMultipartUploadResult, InitiateMultipartUploadResult, ListPartsResult,
    complete_multipart_upload_body,
};
use vodesk_core::storage::{
    Credentials, ListObjectsQuery, ObsClient, ObsConfig, PresignSpec, PutBody, SignatureFlavor,
    TransferError,
};
use vodesk_objstore::{ObjectStore, ObjectStoreConfig, PresignRequest};

const AK: &str = "TESTAK0000000000001";
const SK: &str = "TestSecretKey/00000000000000000000000+";
const CJK_KEY: &str = "Photos 2024/旅行 写真.jpg";

struct Server {
    _dir: tempfile::TempDir,
    base: String,
    store: ObjectStore,
}

async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    addr
}

async fn start_store() -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = ObjectStore::open(ObjectStoreConfig {
        data_dir: dir.path().to_path_buf(),
        access_key: AK.into(),
        secret_key: SK.into(),
        region: "cn-north-4".into(),
    })
    .expect("open store");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    store.set_base_url(&base);
    let router = store.router();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Server {
        _dir: dir,
        base,
        store,
    }
}

fn client_with(base: &str, sk: &str, offset: i64, flavor: SignatureFlavor) -> ObsClient {
    let mut cfg = ObsConfig::new(base, Credentials::new(AK, sk));
    cfg.clock_offset_secs = offset;
    cfg.signature = flavor;
    ObsClient::new(cfg).expect("client")
}

fn client(base: &str) -> ObsClient {
    client_with(base, SK, 0, SignatureFlavor::Obs)
}

/// Deterministic, non-repeating-ish content so an off-by-one in streaming shows up.
fn content(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| ((i as u32).wrapping_mul(2_654_435_761) >> 13) as u8 ^ seed)
        .collect()
}

fn md5_hex(data: &[u8]) -> String {
    use md5::Digest as _;
    hex::encode(md5::Md5::digest(data))
}

async fn collect(c: &ObsClient, bucket: &str, key: &str) -> Vec<u8> {
    use futures_util::StreamExt as _;
    let mut dl = c.get_object(bucket, key).await.expect("get");
    let mut out = Vec::new();
    while let Some(chunk) = dl.body.next().await {
        out.extend_from_slice(&chunk.expect("chunk"));
    }
    out
}

#[tokio::test]
async fn bucket_browser_round_trip() {
    let srv = start_store().await;
    let c = client(&srv.base);
    c.create_bucket("media", None).await.expect("create");
    // Owning it already is fine for import flows.
    c.create_bucket("media", None).await.expect("create again");
    let buckets = c.list_buckets().await.expect("list buckets");
    assert!(buckets.iter().any(|b| b.name == "media"), "{buckets:?}");

    let dir = tempfile::tempdir().expect("tempdir");
    let data = content(300 * 1024 + 7, 1);
    let path = dir.path().join("upload.bin");
    std::fs::write(&path, &data).expect("write");
    let out = c
        .put_object("media", CJK_KEY, &path, Some("image/jpeg"))
        .await
        .expect("put");
    assert_eq!(out.etag.as_deref(), Some(md5_hex(&data).as_str()));

    for k in [
        "Photos 2024/a.txt",
        "Photos 2024/sub/x.txt",
        "Photos 2024/sub/y.txt",
        "Photos 2024/z+&=%.txt",
        "root.txt",
    ] {
        c.put_object_bytes("media", k, Bytes::from(k.as_bytes().to_vec()), None)
            .await
            .unwrap_or_else(|e| panic!("put {k}: {e}"));
    }

    // One directory view, paged one entry at a time.
    let mut query = ListObjectsQuery {
        prefix: Some("Photos 2024/".into()),
        delimiter: Some("/".into()),
        marker: None,
        max_keys: Some(1),
    };
    let (mut keys, mut prefixes, mut pages) = (Vec::new(), Vec::new(), 0);
    loop {
        let page = c.list_objects("media", &query).await.expect("list");
        pages += 1;
        assert!(page.objects.len() + page.common_prefixes.len() <= 1);
        keys.extend(page.objects.iter().map(|o| o.key.clone()));
        for p in page.common_prefixes {
            if !prefixes.contains(&p) {
                prefixes.push(p);
            }
        }
        if !page.is_truncated {
            break;
        }
        query.marker = Some(page.next_marker.expect("marker when truncated"));
        assert!(pages < 20, "listing does not terminate");
    }
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "Photos 2024/a.txt".to_string(),
            "Photos 2024/z+&=%.txt".to_string(),
            CJK_KEY.to_string(),
        ]
    );
    assert_eq!(prefixes, vec!["Photos 2024/sub/".to_string()]);
    assert!(pages >= 4);

    let all = c
        .list_all_objects("media", None, None)
        .await
        .expect("list all");
    assert_eq!(all.objects.len(), 6);
    let big = all
        .objects
        .iter()
        .find(|o| o.key == CJK_KEY)
        .expect("listed");
    assert_eq!(big.size, data.len() as u64);
    assert_eq!(big.etag.as_deref(), Some(md5_hex(&data).as_str()));
    assert!(big.last_modified.is_some());

    let meta = c.head_object("media", CJK_KEY).await.expect("head");
    assert_eq!(meta.content_length, Some(data.len() as u64));
    assert_eq!(meta.etag.as_deref(), Some(md5_hex(&data).as_str()));
    assert_eq!(meta.content_type.as_deref(), Some("image/jpeg"));
    assert!(meta.last_modified.is_some());

    assert_eq!(collect(&c, "media", CJK_KEY).await, data);
    let mut sink = Vec::new();
    c.download_to("media", CJK_KEY, &mut sink)
        .await
        .expect("download");
    assert_eq!(sink, data);
    let mut dl = c
        .get_object_range("media", CJK_KEY, Some((10, Some(19))))
        .await
        .expect("range");
    let mut part = Vec::new();
    while let Some(chunk) = futures_util::StreamExt::next(&mut dl.body).await {
        part.extend_from_slice(&chunk.expect("chunk"));
    }
    assert_eq!(part, data[10..20]);

    c.delete_object("media", CJK_KEY).await.expect("delete");
    let e = c.head_object("media", CJK_KEY).await.expect_err("gone");
    assert_eq!(e.kind, ErrorKind::NotFound);
    let e = c.get_object("media", CJK_KEY).await.expect_err("gone");
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!(e.code.as_deref(), Some("NoSuchKey"));
    assert!(e.request_id.is_some());
    c.delete_object("media", CJK_KEY)
        .await
        .expect("delete is idempotent");
    let e = c
        .list_objects("nosuchbucket", &ListObjectsQuery::default())
        .await
        .expect_err("no bucket");
    assert_eq!(e.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn aws_v2_signature_is_accepted_too() {
    let srv = start_store().await;
    let c = client_with(&srv.base, SK, 0, SignatureFlavor::AwsV2);
    c.create_bucket("v2bucket", None).await.expect("create");
    c.put_object_bytes(
        "v2bucket",
        "a b/c.txt",
        Bytes::from_static(b"hi"),
        Some("text/plain"),
    )
    .await
    .expect("put");
    assert_eq!(collect(&c, "v2bucket", "a b/c.txt").await, b"hi");
}

#[tokio::test]
async fn wrong_secret_key_is_wrong_credentials() {
    let srv = start_store().await;
    srv.store.ensure_bucket("media").expect("bucket");
    let bad = client_with(&srv.base, "not-the-secret", 0, SignatureFlavor::Obs);
    let e = bad.list_buckets().await.expect_err("rejected");
    assert_eq!(e.kind, ErrorKind::WrongCredentials, "{e}");
    assert_eq!(e.code.as_deref(), Some("SignatureDoesNotMatch"));
    assert_eq!(e.status, Some(403));
    let e = bad
        .list_objects("media", &ListObjectsQuery::default())
        .await
        .expect_err("rejected");
    assert_eq!(e.kind, ErrorKind::WrongCredentials);
    let e = bad
        .put_object_bytes("media", "k", Bytes::from_static(b"x"), None)
        .await
        .expect_err("rejected");
    assert_eq!(e.kind, ErrorKind::WrongCredentials);
    // HEAD replies have no body: a 403 cannot be told apart from a permission problem.
    let e = bad.head_object("media", "k").await.expect_err("rejected");
    assert_eq!(e.status, Some(403));

    let mut cfg = ObsConfig::new(&srv.base, Credentials::new("OTHERAK", SK));
    cfg.signature = SignatureFlavor::Obs;
    let other_ak = ObsClient::new(cfg).expect("client");
    let e = other_ak.list_buckets().await.expect_err("rejected");
    assert_eq!(e.kind, ErrorKind::WrongCredentials);
}

#[tokio::test]
async fn clock_offset_is_applied_to_the_date_header() {
    let srv = start_store().await;
    let skewed = client_with(&srv.base, SK, 20 * 60, SignatureFlavor::Obs);
    let e = skewed.list_buckets().await.expect_err("skewed");
    assert_eq!(e.kind, ErrorKind::ClockSkew, "{e}");
    assert_eq!(e.code.as_deref(), Some("RequestTimeTooSkewed"));
    // Within the 15-minute window the same request works.
    let mut ok = client_with(&srv.base, SK, 20 * 60, SignatureFlavor::Obs);
    ok.set_clock_offset_secs(10 * 60);
    ok.list_buckets().await.expect("within tolerance");
}

#[tokio::test]
async fn unreachable_port_is_unreachable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let c = client(&format!("http://{addr}"));
    let e = c.list_buckets().await.expect_err("refused");
    assert_eq!(e.kind, ErrorKind::Unreachable, "{e}");
    assert!(e.is_retryable());
    let e = c
        .presigned_get_xml::<ListPartsResult>(&format!(
            "http://{addr}/b/k?uploadId=1&Signature=SECRETSIG&x-obs-security-token=TOKEN"
        ))
        .await
        .expect_err("refused");
    assert_eq!(e.kind, ErrorKind::Unreachable);
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains("SECRETSIG") && !shown.contains("TOKEN"),
        "{shown}"
    );
}

#[tokio::test]
async fn garbage_replies_are_malformed_response() {
    let hits = std::sync::Arc::new(AtomicU64::new(0));
    let h = hits.clone();
    let router = Router::new()
        // ListBuckets: 200 with something that is not XML at all.
        .route(
            "/",
            get(move || {
                h.fetch_add(1, Ordering::SeqCst);
                async { (StatusCode::OK, "this is not xml <<<") }
            }),
        )
        // ListObjects: 200 with truncated XML.
        .route(
            "/trunc",
            get(|| async {
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/xml")],
                    "<?xml version=\"1.0\"?><ListBucketResult><Name>trunc</Name><Contents><Key>a</Ke",
                )
            }),
        )
        // Well-formed XML of the wrong document type.
        .route(
            "/wrongdoc",
            get(|| async { (StatusCode::OK, "<Foo><Bar/></Foo>") }),
        )
        // A proxy's HTML error page.
        .route(
            "/proxy",
            get(|| async { (StatusCode::FORBIDDEN, "<html><body>Forbidden</body></html>") }),
        )
        .route(
            "/busy",
            get(|| async {
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(header::RETRY_AFTER, "3")],
                    "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>RID1</RequestId></Error>",
                )
            }),
        )
        .route(
            "/broken",
            get(|| async { (StatusCode::BAD_GATEWAY, "<html>bad gateway</html>") }),
        );
    let addr = serve(router).await;
    let c = client(&format!("http://{addr}"));

    let e = c.list_buckets().await.expect_err("garbage");
    assert_eq!(e.kind, ErrorKind::MalformedResponse, "{e}");
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    for bucket in ["trunc", "wrongdoc", "proxy"] {
        let e = c
            .list_objects(bucket, &ListObjectsQuery::default())
            .await
            .expect_err(bucket);
        assert_eq!(e.kind, ErrorKind::MalformedResponse, "{bucket}: {e}");
    }
    let e = c
        .list_objects("busy", &ListObjectsQuery::default())
        .await
        .expect_err("busy");
    assert_eq!(
        e.kind,
        ErrorKind::Throttled {
            retry_after_secs: Some(3)
        }
    );
    assert_eq!(e.request_id.as_deref(), Some("RID1"));
    let e = c
        .list_objects("broken", &ListObjectsQuery::default())
        .await
        .expect_err("broken");
    assert_eq!(e.kind, ErrorKind::ServerFault);
    let e = c
        .presigned_get_xml::<ListPartsResult>(&format!("http://{addr}/trunc?Signature=x"))
        .await
        .expect_err("garbage");
    assert_eq!(e.kind, ErrorKind::MalformedResponse);
}

/// The upload flow's use of URLs a VOD service hands out: multipart through pre-signed URLs
/// made by the object store itself (as the local VOD service would) and by `presign_url`.
#[tokio::test]
async fn presigned_multipart_upload() {
    let srv = start_store().await;
    srv.store.ensure_bucket("vod").expect("bucket");
    let c = client(&srv.base);
    let key = "asset/视频 1.mp4";
    let presign = |method: &str, subs: Vec<(&str, Option<String>)>, ct: Option<&str>| {
        srv.store.presign_url(&PresignRequest {
            method: method.into(),
            bucket: "vod".into(),
            key: key.into(),
            content_type: ct.map(str::to_string),
            content_md5: None,
            subresources: subs.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            expires_in_secs: 600,
        })
    };

    let init: InitiateMultipartUploadResult = c
        .presigned_post_xml(
            &presign("POST", vec![("uploads", None)], Some("video/mp4")),
            Some("video/mp4"),
            Bytes::new(),
        )
        .await
        .expect("initiate");
    let id = init.upload_id;

    let part1 = content(100 * 1024, 2);
    let part2 = content(1234, 3);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("src.bin");
    let mut whole = vec![0u8; 17];
    whole.extend_from_slice(&part1);
    std::fs::write(&file, &whole).expect("write");

    let etag1 = c
        .presigned_put(
            &presign(
                "PUT",
                vec![
                    ("partNumber", Some("1".into())),
                    ("uploadId", Some(id.clone())),
                ],
                None,
            ),
            None,
            None,
            PutBody::FileRange {
                path: file.clone(),
                offset: 17,
                len: part1.len() as u64,
            },
        )
        .await
        .expect("part 1");
    assert_eq!(etag1, md5_hex(&part1));
    // Our own presign_url must be accepted the same way.
    let md5_2 = vodesk_core::storage::sign::content_md5(&part2);
    let url2 = c
        .presign_url(&PresignSpec {
            method: "PUT",
            bucket: "vod",
            key: Some(key),
            query: &[("partNumber", Some("2")), ("uploadId", Some(&id))],
            content_md5: Some(&md5_2),
            expires_in_secs: 600,
            ..Default::default()
        })
        .expect("presign");
    let etag2 = c
        .presigned_put(
            &url2,
            None,
            Some(&md5_2),
            PutBody::Bytes(Bytes::from(part2.clone())),
        )
        .await
        .expect("part 2");
    assert_eq!(etag2, md5_hex(&part2));

    let parts: ListPartsResult = c
        .presigned_get_xml(&presign("GET", vec![("uploadId", Some(id.clone()))], None))
        .await
        .expect("list parts");
    assert_eq!(parts.parts.len(), 2);
    assert_eq!(parts.parts[0].etag.as_deref(), Some(etag1.as_str()));
    assert_eq!(parts.parts[1].size, Some(part2.len() as u64));

    let body = complete_multipart_upload_body(&[(2, etag2.as_str()), (1, etag1.as_str())]);
    let done: CompleteMultipartUploadResult = c
        .presigned_post_xml(
            &presign("POST", vec![("uploadId", Some(id.clone()))], None),
            None,
            body,
        )
        .await
        .expect("complete");
    assert!(done.etag.as_deref().is_some_and(|e| e.ends_with("-2")));
    let mut expected = part1.clone();
    expected.extend_from_slice(&part2);
    assert_eq!(collect(&c, "vod", key).await, expected);

    // Abort a second upload, after which it is gone.
    let init2: InitiateMultipartUploadResult = c
        .presigned_post_xml(
            &presign("POST", vec![("uploads", None)], None),
            None,
            Bytes::new(),
        )
        .await
        .expect("initiate 2");
    let abort = presign(
        "DELETE",
        vec![("uploadId", Some(init2.upload_id.clone()))],
        None,
    );
    c.presigned_delete(&abort).await.expect("abort");
    let e = c
        .presigned_get_xml::<ListPartsResult>(&presign(
            "GET",
            vec![("uploadId", Some(init2.upload_id))],
            None,
        ))
        .await
        .expect_err("aborted");
    assert_eq!(e.kind, ErrorKind::NotFound, "{e}");

    // A URL signed for another Content-Type is refused as a signature mismatch.
    let e = c
        .presigned_put(
            &presign("PUT", vec![], Some("video/mp4")),
            Some("text/plain"),
            None,
            PutBody::Bytes(Bytes::from_static(b"x")),
        )
        .await
        .expect_err("wrong content type");
    match e {
        TransferError::Api(a) => assert_eq!(a.kind, ErrorKind::WrongCredentials, "{a}"),
        other => panic!("unexpected {other}"),
    }

    // An expired URL (signed by a client whose clock is an hour behind).
    let late = client_with(&srv.base, SK, -3600, SignatureFlavor::Obs);
    let url = late
        .presign_url(&PresignSpec {
            method: "GET",
            bucket: "vod",
            key: Some(key),
            expires_in_secs: 60,
            ..Default::default()
        })
        .expect("presign");
    let e = c
        .presigned_get_xml::<ListPartsResult>(&url)
        .await
        .expect_err("expired");
    assert_eq!(e.kind, ErrorKind::Expired, "{e}");

    // A missing local file is an I/O error, not a service error.
    let e = c
        .presigned_put(
            &url2,
            None,
            None,
            PutBody::FileRange {
                path: dir.path().join("missing"),
                offset: 0,
                len: 1,
            },
        )
        .await
        .expect_err("missing file");
    assert!(matches!(e, TransferError::Io { .. }), "{e}");
}
