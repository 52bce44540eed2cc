//! The Tencent client behind the seam against the local service's Tencent personality
//! (in-process, over loopback sockets): a certificate that expires mid-upload opens exactly one
//! new session and makes one media; imports by URL are followed to their FileId; the
//! catalogue pages with its cursor and filters in Tencent's terms.

use std::time::{Duration, Instant};

use md5::{Digest, Md5};
use vodesk_core::credentials::Secret;
use vodesk_core::engine::{EngineConfig, JobState, SESSION_RESTARTED};
use vodesk_core::model::{AssetState, MediaType, UploadMetadata};
use vodesk_core::provider::ProviderKind;
use vodesk_core::provider::api::{AssetQuery, UrlImport};
use vodesk_core::provider::connect::{Account, Loopback, connect};
use vodesk_local::{RunningService, ServeConfig, TencentCredentials};

mod local_common;

use local_common::*;

async fn fixture(cert_lifetime: Option<Duration>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new(dir.path().join("svc"));
    config.throttle = false;
    config.tencent_cert_lifetime = cert_lifetime;
    config.tencent_credentials = Some(TencentCredentials {
        secret_id: "AKIDTENCENTLOCALTEST000000000000001".into(),
        secret_key: "TencentLocalTestSecretKey0000001".into(),
        sub_app_id: 1_500_000_042,
    });
    let service = RunningService::start(config).await.unwrap();
    let info = &service.info;
    let vod = connect(&Account::loopback(Loopback {
        kind: ProviderKind::Tencent,
        region: info.tencent_region.clone(),
        endpoint: info.tencent_endpoint.clone(),
        object_endpoint: info.tencent_cos_endpoint.clone(),
        scope: service.tencent_credentials.sub_app_id.to_string(),
        access_key: service.tencent_credentials.secret_id.clone(),
        secret_key: Secret::new(service.tencent_credentials.secret_key.clone()),
    }))
    .unwrap();
    Fixture { service, vod, dir }
}

fn titled(title: &str) -> UploadMetadata {
    UploadMetadata {
        title: title.into(),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_expiring_mid_upload_opens_one_new_session_and_makes_one_media() {
    let f = fixture(Some(Duration::from_secs(2))).await;
    let engine = engine(
        &f,
        EngineConfig {
            part_size: MIB as u64,
            parts_per_file: 2,
            // Slow enough that the 2-second certificate expires after a few parts.
            bandwidth: 4 * MIB as u64,
            retry: quick_retries(),
            ..Default::default()
        },
    );
    let bytes = data(24 * MIB, 5);
    let id = queue(&f, &engine, "long take.mp4", &bytes, titled("long take")).await;
    // Once the first certificate is surely gone, the limit is lifted: the new session's
    // certificate outlives the whole file.
    let deadline = Instant::now() + Duration::from_secs(60);
    while engine.view(id).unwrap().note.is_none() {
        assert!(Instant::now() < deadline, "{:?}", engine.view(id));
        assert!(
            !engine.view(id).unwrap().state.is_terminal(),
            "{:?}",
            engine.view(id)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    engine.set_bandwidth(0);
    engine.wait_idle().await;
    let v = engine.view(id).unwrap();
    assert_eq!(v.state, JobState::Done, "{v:?}");
    assert_eq!(v.note.as_deref(), Some(SESSION_RESTARTED));
    let file_id = v.asset_id.unwrap();
    assert_eq!(
        all_ids(&f.vod).await,
        std::slice::from_ref(&file_id),
        "one media"
    );
    assert_eq!(
        served_md5(&f.vod, &file_id).await,
        hex::encode(Md5::digest(&bytes))
    );
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_by_url_is_followed_to_its_media() {
    let f = fixture(None).await;
    let bytes = data(700_000, 9);
    let base = file_server(bytes.clone()).await;
    let imported = f
        .vod
        .import_urls(&[UrlImport {
            url: format!("{base}/clips/harbour.mp4"),
            media: MediaType::from_code("MP4").unwrap(),
            metadata: UploadMetadata {
                title: "harbour".into(),
                ..Default::default()
            },
        }])
        .await
        .unwrap();
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].error, None, "{imported:?}");
    let id = imported[0].asset_id.clone().expect("a FileId");
    let d = f.vod.asset_details(&id).await.unwrap();
    assert_eq!(d.asset.title, "harbour");
    assert_eq!(
        served_md5(&f.vod, &id).await,
        hex::encode(Md5::digest(&bytes))
    );

    // A URL the service cannot fetch is refused for that URL only, with its reason.
    let refused = f
        .vod
        .import_urls(&[UrlImport {
            url: "ftp://example.invalid/x.mp4".into(),
            media: MediaType::from_code("MP4").unwrap(),
            metadata: UploadMetadata {
                title: "nope".into(),
                ..Default::default()
            },
        }])
        .await
        .unwrap();
    assert!(refused[0].asset_id.is_none());
    assert!(refused[0].error.is_some(), "{refused:?}");
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_pages_filters_and_forbids_in_tencent_terms() {
    let f = fixture(None).await;
    let engine = engine(&f, EngineConfig::default());
    let class = f.vod.create_category("港口", None).await.unwrap();
    for i in 0..5 {
        let meta = UploadMetadata {
            category_id: (i % 2 == 0).then_some(class.id),
            tags: if i == 4 { vec!["night".into()] } else { vec![] },
            ..titled(&format!("港口 clip {i}"))
        };
        let bytes = data(50_000 + i, i as u8);
        queue(&f, &engine, &format!("clip{i}.mp4"), &bytes, meta).await;
        // Distinct creation times keep the order checkable.
        engine.wait_idle().await;
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }

    // Pages of two, newest first, through the opaque cursor: all five, once each, in order.
    let q = AssetQuery {
        page_size: 2,
        ..Default::default()
    };
    let (mut seen, mut cursor) = (Vec::new(), None);
    loop {
        let page = f.vod.list_assets(&q, cursor.as_ref()).await.unwrap();
        assert_eq!(page.total, Some(5));
        seen.extend(page.assets.into_iter().map(|a| a.title));
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let expected: Vec<String> = (0..5).rev().map(|i| format!("港口 clip {i}")).collect();
    assert_eq!(seen, expected);

    let titles = |page: vodesk_core::provider::api::AssetPage| -> Vec<String> {
        page.assets.into_iter().map(|a| a.title).collect()
    };
    // A creation-time range: the middle three, by their own creation times.
    let all = f
        .vod
        .list_assets(
            &AssetQuery {
                oldest_first: true,
                page_size: 10,
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    let created: Vec<_> = all.assets.iter().map(|a| a.created_at.unwrap()).collect();
    let window = AssetQuery {
        created_from: Some(created[1]),
        created_to: Some(created[3]),
        oldest_first: true,
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        titles(f.vod.list_assets(&window, None).await.unwrap()),
        ["港口 clip 1", "港口 clip 2", "港口 clip 3"]
    );
    let in_class = AssetQuery {
        category_id: Some(class.id),
        oldest_first: true,
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        titles(f.vod.list_assets(&in_class, None).await.unwrap()),
        ["港口 clip 0", "港口 clip 2", "港口 clip 4"]
    );
    let tagged = AssetQuery {
        tags: vec!["night".into()],
        page_size: 10,
        ..Default::default()
    };
    let night = f.vod.list_assets(&tagged, None).await.unwrap();
    assert_eq!(titles(night.clone()), ["港口 clip 4"]);

    // Forbidding and allowing playback is what unpublishing and publishing are here.
    let id = night.assets[0].id.clone();
    let r = f.vod.unpublish(std::slice::from_ref(&id)).await.unwrap();
    assert!(r[0].ok, "{r:?}");
    let forbidden = AssetQuery {
        states: vec![AssetState::Unpublished],
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        titles(f.vod.list_assets(&forbidden, None).await.unwrap()),
        ["港口 clip 4"]
    );
    let r = f.vod.publish(std::slice::from_ref(&id)).await.unwrap();
    assert!(r[0].ok, "{r:?}");
    assert!(
        f.vod
            .list_assets(&forbidden, None)
            .await
            .unwrap()
            .assets
            .is_empty()
    );
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_too_slow_for_two_certificates_fails_saying_what_to_change_and_makes_no_media() {
    let f = fixture(Some(Duration::from_secs(1))).await;
    let engine = engine(
        &f,
        EngineConfig {
            part_size: MIB as u64,
            parts_per_file: 1,
            bandwidth: 4 * MIB as u64,
            retry: quick_retries(),
            ..Default::default()
        },
    );
    let id = queue(
        &f,
        &engine,
        "too slow.mp4",
        &data(24 * MIB, 3),
        titled("too slow"),
    )
    .await;
    engine.wait_idle().await;
    let v = engine.view(id).unwrap();
    assert_eq!(v.state, JobState::Failed, "{v:?}");
    let reason = v.reason.unwrap_or_default();
    assert!(reason.contains("expired twice"), "{reason}");
    assert!(reason.contains("bandwidth limit"), "{reason}");
    assert!(
        all_ids(&f.vod).await.is_empty(),
        "no media for a file not sent"
    );
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_racing_its_certificate_uses_every_part_slot() {
    let f = fixture(None).await;
    let engine = engine(
        &f,
        EngineConfig {
            part_size: MIB as u64,
            // One file's share is one part; the certificate's expiry lets it take all four.
            parts_per_file: 1,
            max_parts_in_flight: 4,
            ..Default::default()
        },
    );
    let bytes = data(24 * MIB, 8);
    let id = queue(&f, &engine, "race.mp4", &bytes, titled("race")).await;
    engine.wait_idle().await;
    let v = engine.view(id).unwrap();
    assert_eq!(v.state, JobState::Done, "{v:?}");
    assert!(
        engine.peak_buffer_bytes() > MIB as u64,
        "more than one part was in flight: peak {}",
        engine.peak_buffer_bytes()
    );
    assert!(engine.peak_buffer_bytes() <= 4 * MIB as u64);
    assert_eq!(
        served_md5(&f.vod, &v.asset_id.unwrap()).await,
        hex::encode(Md5::digest(&bytes))
    );
    f.service.shutdown().await;
}
