//! The Alibaba client behind the seam against the local service's Alibaba personality
//! (in-process, over loopback sockets): an STS key that runs out mid-upload is renewed for the
//! same object (one video, no new session); a key OSS refuses as expired is renewed before the
//! next request; a job resumed by a new engine continues its multipart upload; the video is
//! followed to Normal; the catalogue, categories, audit, covers and imports by URL in
//! Alibaba's terms.

use std::sync::Arc;
use std::time::{Duration, Instant};

use vodesk_core::credentials::Secret;
use vodesk_core::engine::{EngineConfig, JobState};
use vodesk_core::model::metadata::CoverImage;
use vodesk_core::model::{AssetState, MediaType, UploadMetadata};
use vodesk_core::provider::api::{AssetQuery, MetadataEdit, UploadFile, UrlImport};
use vodesk_core::provider::connect::{Account, Loopback, connect};
use vodesk_core::provider::{ApiError, ErrorKind, ProviderKind, VodService};
use vodesk_core::storage::ObjectOp;
use vodesk_local::{AliyunCredentials, RunningService, ServeConfig};

mod local_common;

use local_common::*;
/// A 2×2 RGB PNG.
const PNG_2X2: &[u8] = include_bytes!("../../../tests/data/cover-2x2.png");

async fn fixture(sts_lifetime: Option<Duration>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    fixture_in(dir, sts_lifetime).await
}

async fn fixture_in(dir: tempfile::TempDir, sts_lifetime: Option<Duration>) -> Fixture {
    let mut config = ServeConfig::new(dir.path().join("svc"));
    config.throttle = false;
    config.aliyun_sts_lifetime = sts_lifetime;
    config.aliyun_credentials = Some(AliyunCredentials {
        access_key_id: "LTAI5tLocalAliyunTest0001".into(),
        access_key_secret: "LocalAliyunTestSecret000000001".into(),
    });
    let service = RunningService::start(config).await.unwrap();
    let info = &service.info;
    let vod = connect(&Account::loopback(Loopback {
        kind: ProviderKind::Aliyun,
        region: info.aliyun_region.clone(),
        endpoint: info.aliyun_endpoint.clone(),
        object_endpoint: info.aliyun_oss_endpoint.clone(),
        scope: String::new(),
        access_key: service.aliyun_credentials.access_key_id.clone(),
        secret_key: Secret::new(service.aliyun_credentials.access_key_secret.clone()),
    }))
    .unwrap();
    Fixture { service, vod, dir }
}

/// Asks for the video's status until it is `want` (the local service transcodes in moments).
async fn wait_status(vod: &Arc<dyn VodService>, id: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let d = vod.asset_details(id).await.unwrap();
        if d.asset.status.raw == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "never {want}: {:?}",
            d.asset.status
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn titled(title: &str) -> UploadMetadata {
    UploadMetadata {
        title: title.into(),
        auto_publish: true,
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sts_key_running_out_mid_upload_is_renewed_for_the_same_object() {
    let f = fixture(Some(Duration::from_secs(2))).await;
    let engine = engine(
        &f,
        EngineConfig {
            part_size: MIB as u64,
            parts_per_file: 2,
            // Slow enough that the 2-second key is renewed several times on the way.
            bandwidth: 4 * MIB as u64,
            retry: quick_retries(),
            ..Default::default()
        },
    );
    let bytes = data(16 * MIB, 5);
    let id = queue(&f, &engine, "long take.mp4", &bytes, titled("long take")).await;
    engine.wait_idle().await;
    let v = engine.view(id).unwrap();
    assert_eq!(v.state, JobState::Done, "{v:?}");
    assert_eq!(v.note, None, "no new session was opened: {v:?}");
    let video = v.asset_id.unwrap();
    assert_eq!(all_ids(&f.vod).await, std::slice::from_ref(&video));
    wait_status(&f.vod, &video, "Normal").await;
    assert_eq!(served_md5(&f.vod, &video).await, md5_hex(&bytes));
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_oss_refused_as_expired_is_renewed_before_the_next_request() {
    let f = fixture(None).await;
    let path = f.dir.path().join("one.mp4");
    std::fs::write(&path, b"0123456789").unwrap();
    let meta = titled("one");
    let media = MediaType::from_code("MP4").unwrap();
    let file = UploadFile {
        path: &path,
        media: &media,
        size: 10,
        md5_b64: None,
        metadata: &meta,
    };
    let opened = f.vod.open_upload(&file).await.unwrap();
    assert_eq!(
        opened.session.asset_id.as_deref(),
        Some(opened.session.handle.as_str())
    );
    let op = ObjectOp::Put {
        content_type: "video/mp4",
        content_md5: None,
    };
    let key_of = |r: &vodesk_core::storage::SignedRequest| {
        r.headers
            .iter()
            .find(|(n, _)| n == "Authorization")
            .map(|(_, v)| v.split(':').next().unwrap().to_string())
            .unwrap()
    };
    let first = key_of(&opened.signer.sign(&op).await.unwrap());
    assert_eq!(first, key_of(&opened.signer.sign(&op).await.unwrap()));
    opened
        .signer
        .rejected(&ApiError::new(ErrorKind::Expired, "SecurityTokenExpired"));
    let renewed = key_of(&opened.signer.sign(&op).await.unwrap());
    assert_ne!(first, renewed, "a new STS key after the refusal");
    // The renewed key writes the same object: the video takes the bytes and leaves Uploading.
    let req = opened.signer.sign(&op).await.unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut put = http.put(&req.url).body(b"0123456789".to_vec());
    for (n, v) in &req.headers {
        put = put.header(n, v);
    }
    assert_eq!(put.send().await.unwrap().status(), 200);
    wait_status(&f.vod, &opened.session.handle, "Normal").await;
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_resumed_by_a_new_engine_continues_its_multipart_upload() {
    let f = fixture(None).await;
    let bytes = data(12 * MIB, 7);
    let first = engine(
        &f,
        EngineConfig {
            part_size: MIB as u64,
            parts_per_file: 1,
            bandwidth: 2 * MIB as u64,
            ..Default::default()
        },
    );
    let id = queue(&f, &first, "resumed.mp4", &bytes, titled("resumed")).await;
    // Some parts, not all: then this engine stops as a closing app would.
    let deadline = Instant::now() + Duration::from_secs(30);
    while first.view(id).unwrap().bytes_done < 3 * MIB as u64 {
        assert!(Instant::now() < deadline, "{:?}", first.view(id));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.interrupt_all();
    while first.view(id).unwrap().state != JobState::Paused {
        assert!(Instant::now() < deadline, "{:?}", first.view(id));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(first);
    let video = all_ids(&f.vod).await;
    assert_eq!(video.len(), 1, "the video exists from the start");

    let second = engine(&f, EngineConfig::default());
    let back = second
        .bring_back_unfinished(vodesk_core::engine::BringBack::AsLeft)
        .unwrap();
    assert_eq!(back.len(), 1);
    while !second.view(back[0].id).unwrap().state.is_terminal() {
        assert!(Instant::now() < deadline + Duration::from_secs(30));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let v = second.view(back[0].id).unwrap();
    assert_eq!(v.state, JobState::Done, "{v:?}");
    assert_eq!(v.asset_id.as_ref(), Some(&video[0]), "the same video");
    assert_eq!(all_ids(&f.vod).await, video, "still one video");
    wait_status(&f.vod, &video[0], "Normal").await;
    assert_eq!(served_md5(&f.vod, &video[0]).await, md5_hex(&bytes));
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_in_alibaba_terms() {
    let f = fixture(None).await;
    let engine = engine(&f, EngineConfig::default());
    // Categories: three levels, renamed and deleted.
    let top = f.vod.create_category("专题片", None).await.unwrap();
    let mid = f.vod.create_category("港口", Some(top.id)).await.unwrap();
    let low = f.vod.create_category("夜景", Some(mid.id)).await.unwrap();
    let tree = f.vod.categories().await.unwrap();
    let found = tree.iter().find(|c| c.id == top.id).expect("top level");
    assert_eq!(found.children[0].id, mid.id);
    assert_eq!(found.children[0].children[0].id, low.id);
    assert_eq!(found.children[0].children[0].level, Some(3));
    f.vod.rename_category(low.id, "夜晚").await.unwrap();
    let gone = f.vod.create_category("temp", None).await.unwrap();
    f.vod.delete_category(gone.id).await.unwrap();
    let tree = f.vod.categories().await.unwrap();
    assert!(!tree.iter().any(|c| c.id == gone.id));
    assert_eq!(
        tree.iter().find(|c| c.id == top.id).unwrap().children[0].children[0].name,
        "夜晚"
    );

    // Presets are the template groups; one transcodes.
    let presets = f.vod.presets().await.unwrap();
    let group = presets
        .iter()
        .find(|p| p.transcodes)
        .expect("a transcoding group");

    let mut ids = Vec::new();
    for i in 0..3 {
        let meta = UploadMetadata {
            category_id: (i != 1).then_some(mid.id),
            tags: if i == 2 {
                vec!["night".into(), "sea".into()]
            } else {
                vec![]
            },
            preset: Some(group.id.clone()),
            description: Some(format!("clip {i} of the harbour")),
            ..titled(&format!("港口 clip {i}"))
        };
        let bytes = data(60_000 + i, i as u8);
        let job = queue(&f, &engine, &format!("clip{i}.mp4"), &bytes, meta).await;
        engine.wait_idle().await;
        let v = engine.view(job).unwrap();
        assert_eq!(v.state, JobState::Done, "{v:?}");
        ids.push(v.asset_id.unwrap());
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
    for id in &ids {
        wait_status(&f.vod, id, "Normal").await;
    }
    let d = f.vod.asset_details(&ids[2]).await.unwrap();
    assert_eq!(d.asset.tags, ["night", "sea"]);
    assert_eq!(d.asset.category_id, Some(mid.id));
    assert_eq!(
        d.asset.description.as_deref(),
        Some("clip 2 of the harbour")
    );
    assert_eq!(d.asset.status.state, AssetState::Published);

    let titles = |page: vodesk_core::provider::api::AssetPage| -> Vec<String> {
        page.assets.into_iter().map(|a| a.title).collect()
    };
    // Pages of two, newest first, through the cursor.
    let q = AssetQuery {
        page_size: 2,
        ..Default::default()
    };
    let (mut seen, mut cursor) = (Vec::new(), None);
    loop {
        let page = f.vod.list_assets(&q, cursor.as_ref()).await.unwrap();
        assert_eq!(page.total, Some(3));
        seen.extend(page.assets.into_iter().map(|a| a.title));
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen, ["港口 clip 2", "港口 clip 1", "港口 clip 0"]);
    let in_category = AssetQuery {
        category_id: Some(mid.id),
        oldest_first: true,
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        titles(f.vod.list_assets(&in_category, None).await.unwrap()),
        ["港口 clip 0", "港口 clip 2"]
    );
    let by_text = AssetQuery {
        text: Some("clip 1".into()),
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        titles(f.vod.list_assets(&by_text, None).await.unwrap()),
        ["港口 clip 1"]
    );
    let tagged = AssetQuery {
        tags: vec!["night".into()],
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        titles(f.vod.list_assets(&tagged, None).await.unwrap()),
        ["港口 clip 2"]
    );

    // Tags are replaced as a whole.
    f.vod
        .edit_asset(
            &ids[2],
            &MetadataEdit {
                tags: Some(vec!["dawn".into()]),
                title: Some("港口 dawn".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let d = f.vod.asset_details(&ids[2]).await.unwrap();
    assert_eq!(
        (d.asset.title.as_str(), d.asset.tags.clone()),
        ("港口 dawn", vec!["dawn".to_string()])
    );

    // Unpublishing is an audit block; publishing lifts it.
    let r = f
        .vod
        .unpublish(std::slice::from_ref(&ids[0]))
        .await
        .unwrap();
    assert!(r[0].ok, "{r:?}");
    assert_eq!(r[0].status.as_ref().unwrap().raw, "Blocked");
    let blocked = AssetQuery {
        states: vec![AssetState::Unpublished],
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        titles(f.vod.list_assets(&blocked, None).await.unwrap()),
        ["港口 clip 0"]
    );
    let r = f.vod.publish(std::slice::from_ref(&ids[0])).await.unwrap();
    assert_eq!(r[0].status.as_ref().unwrap().raw, "Normal");
    let r = f
        .vod
        .publish(&["0123456789abcdef0123456789abcdef".to_string()])
        .await
        .unwrap();
    assert!(!r[0].ok && r[0].reason.is_some(), "{r:?}");

    // Deleting: each id's outcome.
    let r = f
        .vod
        .delete(
            &[ids[1].clone(), "0123456789abcdef0123456789abcdef".into()],
            vodesk_core::provider::api::DeleteScope::Everything,
        )
        .await
        .unwrap();
    assert!(r[0].ok && !r[1].ok, "{r:?}");
    let e = f.vod.asset_details(&ids[1]).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound, "{e}");
    assert_eq!(e.code.as_deref(), Some("InvalidVideo.NotFound"));
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn covers_are_images_of_their_own_made_the_videos_cover() {
    let f = fixture(None).await;
    let cover = f.dir.path().join("cover.png");
    std::fs::write(&cover, PNG_2X2).unwrap();
    let engine = engine(&f, EngineConfig::default());
    let meta = UploadMetadata {
        cover: Some(cover.clone()),
        auto_publish: false,
        ..titled("with cover")
    };
    let job = queue(&f, &engine, "covered.mp4", &data(40_000, 1), meta).await;
    engine.wait_idle().await;
    let v = engine.view(job).unwrap();
    assert_eq!(v.state, JobState::Done, "{v:?}");
    let id = v.asset_id.unwrap();
    let d = f.vod.asset_details(&id).await.unwrap();
    let url = d.asset.cover_url.expect("a cover");
    assert_eq!(fetch(&url).await, PNG_2X2);
    // Not published at upload: the video is blocked by audit.
    wait_status(&f.vod, &id, "Blocked").await;

    // Replacing the cover later, from another image.
    let jpg = f.dir.path().join("new.jpg");
    std::fs::write(
        &jpg,
        [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0xFF, 0xD9,
        ],
    )
    .unwrap();
    let image = CoverImage::read(&jpg).unwrap();
    f.vod.set_cover_image(&id, &image).await.unwrap();
    let d = f.vod.asset_details(&id).await.unwrap();
    let new_url = d.asset.cover_url.expect("a cover");
    assert_ne!(new_url, url);
    assert_eq!(fetch(&new_url).await, image.bytes);
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_by_url_is_followed_to_its_video() {
    let f = fixture(None).await;
    let bytes = data(700_000, 9);
    let base = file_server(bytes.clone()).await;
    let imported = f
        .vod
        .import_urls(&[UrlImport {
            url: format!("{base}/clips/harbour.mp4"),
            media: MediaType::from_code("MP4").unwrap(),
            metadata: titled("harbour"),
        }])
        .await
        .unwrap();
    assert_eq!(imported[0].error, None, "{imported:?}");
    let id = imported[0].asset_id.clone().expect("a VideoId");
    wait_status(&f.vod, &id, "Normal").await;
    assert_eq!(
        f.vod.asset_details(&id).await.unwrap().asset.title,
        "harbour"
    );
    assert_eq!(served_md5(&f.vod, &id).await, md5_hex(&bytes));
    f.service.shutdown().await;
}
