//! The Huawei VOD client against the real local service (in-process, over loopback sockets):
//! every operation of the provider layer, including the manual multipart flow.

use std::sync::Arc;
use std::time::Duration;

use crate::engine::identity::dedup_md5;
use crate::engine::{Engine, EngineConfig, JobSpec, JobState, Journal};
use crate::model::metadata::{SubtitleLanguage, SubtitleSpec, Thumbnail, ThumbnailKind};
use crate::model::{MediaType, UploadMetadata};
use crate::provider::http::HttpOptions;
use crate::provider::huawei::HuaweiService;
use crate::provider::huawei::status::HwTranscodeStatus;
use crate::provider::huawei::wire::{CreateAssetReq, UpdateAssetReq};
use crate::provider::huawei::{AkSk, AuthorityQuery, Endpoint, HuaweiConfig, HuaweiVod};
use crate::provider::retry::RetryPolicy;
use crate::provider::{ApiError, ErrorKind};
use crate::storage::client::{PutBody, TransferError};
use crate::storage::sign::redact_url;
use crate::storage::xml::{
    CompleteMultipartUploadResult, InitiateMultipartUploadResult, ListPartsResult, PartInfo,
    complete_multipart_upload_body,
};
use crate::storage::{ObsClient, ObsConfig, SignedRequest, send};
use base64::Engine as _;
use md5::{Digest, Md5};
use reqwest::Method;
use vodesk_local::{Credentials, RunningService, ServeConfig};

struct Fixture {
    service: RunningService,
    vod: Arc<HuaweiVod>,
    dir: tempfile::TempDir,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new(dir.path().join("svc"));
    config.throttle = false;
    config.credentials = Some(Credentials {
        access_key: "CLIENTTESTAK00000001".into(),
        secret_key: "ClientTestSecret00000000000000000000000".into(),
        project_id: "aaaabbbbccccddddeeeeffff00001111".into(),
    });
    let service = RunningService::start(config).await.expect("service starts");
    let vod = Arc::new(client(&service, None));
    Fixture { service, vod, dir }
}

fn client(service: &RunningService, secret: Option<&str>) -> HuaweiVod {
    HuaweiVod::new(HuaweiConfig {
        endpoint: Endpoint::parse(&service.info.vod_endpoint).unwrap(),
        project_id: service.credentials.project_id.clone(),
        credentials: AkSk {
            access_key: service.credentials.access_key.clone(),
            secret_key: secret
                .unwrap_or(&service.credentials.secret_key)
                .to_string(),
            security_token: None,
        },
        http: HttpOptions::default(),
        pacing: false,
        region: service.info.region.clone(),
        retry: RetryPolicy::default(),
    })
    .unwrap()
}

/// The provider seam over `vod` (the engine's view of the same client).
fn seam(service: &RunningService, vod: &Arc<HuaweiVod>) -> Arc<HuaweiService> {
    let obs = ObsClient::new(ObsConfig::new(
        &service.info.object_endpoint,
        vod.config().credentials.clone(),
    ))
    .unwrap();
    Arc::new(HuaweiService::over(vod.clone(), obs))
}

/// The storage calls of a multipart upload on URLs the service authorised.
async fn initiate(
    http: &reqwest::Client,
    url: &str,
    content_type: &str,
) -> Result<String, ApiError> {
    let req = SignedRequest::presigned(Method::POST, url).with_header("Content-Type", content_type);
    let r: InitiateMultipartUploadResult = send::xml(http, &req, bytes::Bytes::new()).await?;
    Ok(r.upload_id)
}

async fn list_parts(http: &reqwest::Client, url: &str) -> Result<Vec<PartInfo>, ApiError> {
    let req = SignedRequest::presigned(Method::GET, url);
    let r: ListPartsResult = send::xml(http, &req, bytes::Bytes::new()).await?;
    Ok(r.parts)
}

async fn complete(
    http: &reqwest::Client,
    url: &str,
    parts: &[(u32, String)],
) -> Result<(), ApiError> {
    let req = SignedRequest::presigned(Method::POST, url);
    let _: CompleteMultipartUploadResult =
        send::xml(http, &req, complete_multipart_upload_body(parts)).await?;
    Ok(())
}

async fn delete(http: &reqwest::Client, url: &str) -> Result<(), ApiError> {
    send::send(http, &SignedRequest::presigned(Method::DELETE, url), None)
        .await
        .map(|_| ())
}

fn data(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn b64_md5(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(b))
}

/// PUTs bytes to a pre-signed URL; service refusals come back as `ApiError`.
async fn put_bytes(
    http: &reqwest::Client,
    url: &str,
    content_type: &str,
    md5: Option<&str>,
    body: Vec<u8>,
) -> Result<String, ApiError> {
    let mut req =
        SignedRequest::presigned(Method::PUT, url).with_header("Content-Type", content_type);
    if let Some(m) = md5 {
        req = req.with_header("Content-MD5", m);
    }
    send::put(http, &req, PutBody::Bytes(body.into()))
        .await
        .map_err(|e| match e {
            TransferError::Api(a) => a,
            other => panic!("unexpected local error: {other}"),
        })
}

async fn get(url: &str) -> Vec<u8> {
    let r = reqwest::get(url).await.unwrap();
    assert_eq!(r.status(), 200, "GET {}", redact_url(url));
    r.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn multipart_by_hand_with_list_parts_complete_and_abort() {
    let f = fixture().await;
    let vod = &f.vod;
    let body = data(3 * 256 * 1024 + 1000, 7);
    let media = MediaType::from_code("MP4").unwrap();
    let meta = UploadMetadata {
        title: "multipart".into(),
        auto_publish: false,
        ..Default::default()
    };
    let mut req = CreateAssetReq::from_metadata(&meta, "m.mp4", &media);
    req.video_md5 = Some(b64_md5(&body));
    let created = vod.create_asset(&req).await.unwrap();
    let target = created.target.clone().unwrap();
    let (bucket, object) = (target.bucket.unwrap(), target.object.unwrap());
    let auth = |verb: &str| AuthorityQuery {
        http_verb: verb.into(),
        bucket: bucket.clone(),
        object_key: object.clone(),
        ..Default::default()
    };
    let url = vod
        .authority(&AuthorityQuery {
            content_type: Some("video/mp4".into()),
            ..auth("POST")
        })
        .await
        .unwrap();
    let upload_id = initiate(vod.http(), &url, "video/mp4").await.unwrap();
    let mut etags = Vec::new();
    for (i, chunk) in body.chunks(256 * 1024).enumerate() {
        let n = i as u32 + 1;
        let md5 = b64_md5(chunk);
        let url = vod
            .authority(&AuthorityQuery {
                content_type: Some("application/octet-stream".into()),
                content_md5: Some(md5.clone()),
                upload_id: Some(upload_id.clone()),
                part_number: Some(n),
                ..auth("PUT")
            })
            .await
            .unwrap();
        // A part whose bytes do not match the signed Content-MD5 is refused.
        if n == 1 {
            let err = put_bytes(
                vod.http(),
                &url,
                "application/octet-stream",
                Some(&md5),
                chunk[1..].to_vec(),
            )
            .await
            .unwrap_err();
            assert!(
                matches!(
                    err.kind,
                    ErrorKind::BadParameter | ErrorKind::WrongCredentials
                ),
                "{err:?}"
            );
        }
        let etag = put_bytes(
            vod.http(),
            &url,
            "application/octet-stream",
            Some(&md5),
            chunk.to_vec(),
        )
        .await
        .unwrap();
        etags.push((n, etag));
    }
    let url = vod
        .authority(&AuthorityQuery {
            upload_id: Some(upload_id.clone()),
            ..auth("GET")
        })
        .await
        .unwrap();
    let parts = list_parts(vod.http(), &url).await.unwrap();
    assert_eq!(parts.len(), 4);
    assert_eq!(
        parts.iter().map(|p| p.size.unwrap_or(0)).sum::<u64>(),
        body.len() as u64
    );
    let url = vod
        .authority(&AuthorityQuery {
            upload_id: Some(upload_id.clone()),
            ..auth("POST")
        })
        .await
        .unwrap();
    complete(vod.http(), &url, &etags).await.unwrap();
    vod.confirm_upload(&created.asset_id, "CREATED")
        .await
        .unwrap();
    let d = vod
        .asset_details(&created.asset_id, &["base_info"])
        .await
        .unwrap();
    let base = d.base_info.unwrap();
    assert_eq!(
        get(base
            .sign_url
            .as_deref()
            .or(base.video_url.as_deref())
            .unwrap())
        .await,
        body
    );

    // Abort: a second asset's upload is abandoned and cancelled; its parts are gone.
    let created = vod.create_asset(&req).await.unwrap();
    let target = created.target.clone().unwrap();
    let auth2 = |verb: &str| AuthorityQuery {
        http_verb: verb.into(),
        bucket: target.bucket.clone().unwrap(),
        object_key: target.object.clone().unwrap(),
        ..Default::default()
    };
    let url = vod
        .authority(&AuthorityQuery {
            content_type: Some("video/mp4".into()),
            ..auth2("POST")
        })
        .await
        .unwrap();
    let upload_id = initiate(vod.http(), &url, "video/mp4").await.unwrap();
    let url = vod
        .authority(&AuthorityQuery {
            upload_id: Some(upload_id.clone()),
            ..auth2("DELETE")
        })
        .await
        .unwrap();
    delete(vod.http(), &url).await.unwrap();
    let url = vod
        .authority(&AuthorityQuery {
            upload_id: Some(upload_id.clone()),
            ..auth2("GET")
        })
        .await
        .unwrap();
    let err = list_parts(vod.http(), &url).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    vod.confirm_upload(&created.asset_id, "CANCELLED")
        .await
        .unwrap();
    // Confirming again is a state error.
    let err = vod
        .confirm_upload(&created.asset_id, "CREATED")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState, "{err:?}");
    f.service.shutdown().await;
}

#[tokio::test]
async fn every_field_duplication_update_cover_and_snapshot_cover() {
    let f = fixture().await;
    let vod = &f.vod;
    let dir = tempfile::tempdir().unwrap();
    let clip = dir.path().join("clip.mp4");
    std::fs::write(&clip, data(400_000, 3)).unwrap();
    let srt = dir.path().join("en.srt");
    std::fs::write(&srt, "1\n00:00:00,000 --> 00:00:01,000\nhi\n").unwrap();
    let cover = dir.path().join("cover.png");
    std::fs::write(&cover, data(3000, 9)).unwrap();
    let groups = vod.all_template_groups().await.unwrap();
    let hls = groups
        .iter()
        .map(|g| super::mapping::preset(g.clone()))
        .find(|g| g.produces_hls())
        .expect("an HLS template group");
    let tree = vod.category_tree().await.unwrap();
    let category = tree.iter().find(|c| c.id > 0).expect("an example category");
    let mut thumb = Thumbnail::new(ThumbnailKind::Quantity);
    thumb.quantity = Some(3);
    thumb.cover_position = Some(2);
    thumb.aspect_ratio = Some(1);
    thumb.max_length = Some(640);
    let meta = UploadMetadata {
        title: "每个字段 every field".into(),
        description: Some("描述".into()),
        tags: vec!["a".into(), "海岸".into()],
        category_id: Some(category.id),
        preset: Some(hls.id.clone()),
        auto_publish: true,
        auto_encrypt: true,
        auto_preheat: true,
        thumbnail: Some(thumb),
        review_template_id: None,
        workflow_name: None,
        expires_at: None,
        cover: Some(cover.clone()),
        subtitles: vec![SubtitleSpec {
            id: 1,
            language: SubtitleLanguage::En,
            path: srt.clone(),
        }],
    };
    assert!(
        meta.validate(&super::service::CAPABILITIES.limits)
            .is_empty()
    );
    let media = MediaType::from_code("MP4").unwrap();
    let journal = Arc::new(Journal::open(&f.dir.path().join("journal.db")).unwrap());
    let (engine, _events) = Engine::new(seam(&f.service, &f.vod), journal, EngineConfig::default());
    let job = engine
        .add(JobSpec {
            path: clip.clone(),
            media: media.code.clone(),
            metadata: meta,
            skip_duplicates: false,
            again: false,
        })
        .await
        .unwrap()
        .job()
        .expect("queued");
    engine.wait_idle().await;
    let view = engine.view(job).unwrap();
    assert_eq!(view.state, JobState::Done, "{view:?}");
    let id = view.asset_id.unwrap();

    let d = vod.asset_details(&id, &[]).await.unwrap();
    let base = d.base_info.clone().unwrap();
    assert_eq!(base.title.as_deref(), Some("每个字段 every field"));
    assert_eq!(base.description.as_deref(), Some("描述"));
    assert_eq!(base.tags.as_deref(), Some("a,海岸"));
    assert_eq!(base.category_id, Some(category.id));
    assert_eq!(
        d.transcode_info
            .as_ref()
            .unwrap()
            .template_group_name
            .as_deref(),
        Some(hls.name.as_str())
    );

    // Duplication check: hex MD5 of the first 1024 bytes plus the size.
    let head = dedup_md5(&clip).unwrap();
    let dup = vod.check_duplication(400_000, &head).await.unwrap();
    assert_eq!(dup.is_duplicated, Some(1));
    assert!(dup.asset_ids.contains(&id));
    let none = vod.check_duplication(400_001, &head).await.unwrap();
    assert_eq!(none.is_duplicated, Some(0));

    // Wait for processing (transcode and snapshots), then set the cover from a snapshot.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let snapshots = loop {
        let d = vod.asset_details(&id, &[]).await.unwrap();
        let urls = d
            .thumbnail_info
            .as_ref()
            .map(|t| t.snapshot_urls())
            .unwrap_or_default();
        let done = d
            .transcode_info
            .as_ref()
            .and_then(|t| t.transcode_status.clone())
            == Some(HwTranscodeStatus::TranscodeSucceed);
        if done && !urls.is_empty() {
            break urls;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "processing never finished: {d:?}"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    vod.set_cover_from_snapshot(&snapshots[0]).await.unwrap();
    let err = vod
        .set_cover_from_snapshot("http://127.0.0.1:1/not-a-snapshot.jpg")
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind, ErrorKind::NotFound | ErrorKind::BadParameter),
        "{err:?}"
    );

    // Replace the cover with a new file through update asset.
    let new_cover = data(5000, 11);
    let rsp = vod
        .update_asset(&UpdateAssetReq {
            asset_id: id.clone(),
            cover_id: Some(0),
            cover_type: Some("PNG"),
            cover_md5: Some(b64_md5(&new_cover)),
            ..Default::default()
        })
        .await
        .unwrap();
    let url = rsp.cover_upload_url.expect("cover upload url");
    put_bytes(vod.http(), &url, "image/png", None, new_cover.clone())
        .await
        .unwrap();
    let d = vod.asset_details(&id, &["base_info"]).await.unwrap();
    let cover_url = d.base_info.unwrap().cover_info_array.unwrap()[0]
        .cover_url
        .clone()
        .unwrap();
    assert_eq!(get(&cover_url).await, new_cover);
    f.service.shutdown().await;
}

#[tokio::test]
async fn categories_v1_v2_and_errors() {
    let f = fixture().await;
    let vod = &f.vod;
    let top = vod.create_category("纪录片测试", None).await.unwrap();
    assert_eq!(top.level, Some(1));
    let child = vod.create_category("子类", Some(top.id)).await.unwrap();
    assert_eq!(child.parent_id, Some(top.id));
    let v1 = vod.query_categories(top.id).await.unwrap();
    assert!(
        v1.iter()
            .any(|c| c.children.iter().any(|k| k.id == child.id)),
        "{v1:?}"
    );
    let v2 = vod.query_categories_v2(&[top.id]).await.unwrap();
    assert_eq!(v2[0].children[0].name, "子类");
    let err = vod.create_category("纪录片测试", None).await.unwrap_err();
    assert_eq!(err.code.as_deref(), Some("VOD.10065"));
    let err = vod.delete_category(987654).await.unwrap_err();
    assert_eq!(err.code.as_deref(), Some("VOD.10064"));
    assert_eq!(err.kind, ErrorKind::NotFound);
    f.service.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_and_clock_skew_correction() {
    let f = fixture().await;
    let wrong = client(&f.service, Some("WrongSecret0000000000000000000000000000"));
    let err = wrong.list_assets(&Default::default()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::WrongCredentials);
    assert_eq!(err.code.as_deref(), Some("APIGW.0301"));
    assert!(err.request_id.is_some(), "the request id is kept");
    assert!(err.to_string().contains("secret key"));

    // A local clock an hour behind: the first attempt is refused as expired, the client learns
    // the offset from the server's Date header and the retry succeeds.
    f.vod.set_clock_offset_secs(-3600);
    f.vod
        .list_assets(&Default::default())
        .await
        .expect("retried with corrected time");
    assert!(
        (f.vod.clock_offset_secs()).abs() < 60,
        "offset corrected to ~0, got {}",
        f.vod.clock_offset_secs()
    );
    f.service.shutdown().await;
}
