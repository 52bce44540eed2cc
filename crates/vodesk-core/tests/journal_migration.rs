//! A journal written by vodesk 0.1 — the release before the provider seam — migrates when it is
//! first opened, and the uploads it left unfinished resume to one byte-exact asset each.
//!
//! `data/journal-v1.tar.xz` holds that release's journal and its local service's data as they
//! were at a kill point, made with the binary of commit dabd463 (`cargo build --bin vodesk`):
//! `vodesk serve --data D/local` ran; `vodesk --json upload --concurrency 2 --parts 1
//! --part-size 1M --bwlimit 2M done.mp4 big.mp4 mid.mp4 later.mp4` was SIGKILLed once big.mp4
//! had two parts journaled, then `vodesk --json upload --concurrency 1 --bwlimit 1M mid2.mp4
//! queued.mp4` was SIGKILLed one second after mid2.mp4's asset was created; the service was
//! stopped and both databases checkpointed. So the journal holds three finished uploads and
//! three interrupted ones: a multipart upload with stored parts (big.mp4, 24 MiB), a single PUT
//! whose asset exists without its bytes (mid2.mp4, 15 MB), and a job never started
//! (queued.mp4). The media files were made by [`content`] under /tmp/fx/media; here they are
//! made again and the journal's paths pointed at them (their size and mtime as journaled).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use md5::{Digest, Md5};
use vodesk_core::credentials::{Provider, Secret};
use vodesk_core::engine::{Added, BringBack, Engine, EngineConfig, JobSpec, JobState, Journal};
use vodesk_core::model::{AssetState, UploadMetadata};
use vodesk_core::provider::VodService;
use vodesk_core::provider::api::{AssetQuery, StorageKind};
use vodesk_core::provider::connect::{Account, Loopback, connect};
use vodesk_local::{RunningService, ServeConfig};

/// The bytes of each fixture file: deterministic, and different in every MiB.
fn content(size: usize, seed: u8) -> Vec<u8> {
    (0..size)
        .map(|i| {
            (i as u8).wrapping_mul(13).wrapping_add(seed)
                ^ (i >> 11) as u8
                ^ ((i >> 20) as u8).wrapping_mul(7)
        })
        .collect()
}

/// Name, size and seed of every file the fixture's journal knows.
const FILES: [(&str, usize, u8); 6] = [
    ("big.mp4", 24 * 1024 * 1024, 1),
    ("mid.mp4", 15_000_000, 2),
    ("later.mp4", 400 * 1024, 3),
    ("done.mp4", 300 * 1024, 4),
    ("mid2.mp4", 15_000_000, 5),
    ("queued.mp4", 200 * 1024, 6),
];

/// Unpacks the fixture into `root` (`journal.db`, `local/`) and makes its media in
/// `root/media`, pointing the journal's jobs at them.
fn unpack(root: &Path) {
    let archive = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/journal-v1.tar.xz");
    let status = std::process::Command::new("tar")
        .arg("xJf")
        .arg(&archive)
        .arg("-C")
        .arg(root)
        .status()
        .expect("tar runs");
    assert!(status.success(), "the fixture unpacks");
    let media = root.join("media");
    std::fs::create_dir_all(&media).unwrap();
    let db = rusqlite::Connection::open(root.join("journal.db")).unwrap();
    let version: i64 = db
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 0, "the fixture is a journal of the last release");
    for (name, size, seed) in FILES {
        let path = media.join(name);
        std::fs::write(&path, content(size, seed)).unwrap();
        let (id, mtime_ns): (i64, i64) = db
            .query_row(
                "SELECT id, mtime_ns FROM jobs WHERE CAST(path AS TEXT) LIKE ?1",
                [format!("%/{name}")],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let mtime = UNIX_EPOCH + Duration::from_nanos(mtime_ns as u64);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        db.execute(
            "UPDATE jobs SET path = ?2 WHERE id = ?1",
            rusqlite::params![id, path.to_str().unwrap().as_bytes()],
        )
        .unwrap();
    }
}

fn md5_hex(b: &[u8]) -> String {
    hex::encode(Md5::digest(b))
}

async fn downloaded_md5(vod: &Arc<dyn VodService>, asset_id: &str) -> String {
    let d = vod.asset_details(asset_id).await.unwrap();
    let url = d.download_url.expect("a download URL");
    md5_hex(&reqwest::get(&url).await.unwrap().bytes().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journal_of_the_last_release_migrates_and_its_uploads_finish_byte_exact() {
    let dir = tempfile::tempdir().unwrap();
    unpack(dir.path());
    let mut config = ServeConfig::new(dir.path().join("local"));
    config.throttle = false;
    let service = RunningService::start(config).await.unwrap();
    let vod = connect(&Account::loopback(Loopback {
        kind: vodesk_core::provider::ProviderKind::Huawei,
        region: service.info.region.clone(),
        endpoint: service.info.vod_endpoint.clone(),
        object_endpoint: service.info.object_endpoint.clone(),
        scope: service.credentials.project_id.clone(),
        access_key: service.credentials.access_key.clone(),
        secret_key: Secret::new(service.credentials.secret_key.clone()),
    }))
    .unwrap();

    // The migration: the old jobs read back as provider-neutral sessions of this account.
    let journal = Arc::new(Journal::open(&dir.path().join("journal.db")).unwrap());
    let version: i64 = rusqlite::Connection::open(dir.path().join("journal.db"))
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    let account = vod.account_key();
    let unfinished = journal.unfinished(&account).unwrap();
    let name = |r: &vodesk_core::engine::job::JobRecord| {
        r.spec
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let names: Vec<String> = unfinished.iter().map(name).collect();
    assert_eq!(names, ["big.mp4", "mid2.mp4", "queued.mp4"]);
    let big = &unfinished[0];
    let session = big.session.clone().expect("big.mp4 has its session");
    assert_eq!(session.provider, Provider::Huawei);
    assert_eq!(session.storage, StorageKind::Authorized);
    assert_eq!(session.asset_id.as_deref(), Some(session.handle.as_str()));
    assert!(session.bucket.is_some() && session.key.is_some());
    assert!(big.upload_id.is_some());
    assert_eq!(journal.parts(big.id).unwrap().len(), 2);
    assert!(unfinished[1].session.is_some() && unfinished[1].upload_id.is_none());
    assert!(unfinished[2].session.is_none());
    let continued = [
        session.handle.clone(),
        unfinished[1].asset_id().unwrap().to_string(),
    ];

    // The interrupted uploads continue, each to one asset holding exactly the file's bytes.
    let config = EngineConfig {
        part_size: 1024 * 1024,
        ..Default::default()
    };
    let (engine, _events) = Engine::new(vod.clone(), journal.clone(), config);
    let back = engine.bring_back_unfinished(BringBack::All).unwrap();
    assert_eq!(back.len(), 3);
    engine.wait_idle().await;
    let media = dir.path().join("media");
    for rec in &back {
        let v = engine.view(rec.id).unwrap();
        assert_eq!(v.state, JobState::Done, "{v:?}");
        let asset = v.asset_id.unwrap();
        let file = std::fs::read(&rec.spec.path).unwrap();
        assert_eq!(
            downloaded_md5(&vod, &asset).await,
            md5_hex(&file),
            "{}",
            name(rec)
        );
    }
    for (rec, asset) in back.iter().zip(&continued) {
        assert_eq!(
            engine.view(rec.id).unwrap().asset_id.as_deref(),
            Some(asset.as_str()),
            "{} continued its own asset",
            name(rec)
        );
    }
    // One live asset per file: nothing was created twice.
    let all = vod
        .list_assets(
            &AssetQuery {
                page_size: 100,
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    let mut titles: Vec<String> = all
        .assets
        .iter()
        .filter(|a| !matches!(a.status.state, AssetState::Failed | AssetState::Cancelled))
        .map(|a| a.title.clone())
        .collect();
    titles.sort();
    assert_eq!(titles, ["big", "done", "later", "mid", "mid2", "queued"]);

    // A file the old release finished counts as uploaded: adding it again creates nothing.
    let added = engine
        .add(JobSpec {
            path: media.join("done.mp4"),
            media: "MP4".into(),
            metadata: UploadMetadata {
                title: "done".into(),
                ..Default::default()
            },
            skip_duplicates: false,
            again: false,
        })
        .await
        .unwrap();
    assert!(matches!(added, Added::AlreadyUploaded { .. }), "{added:?}");
    service.shutdown().await;
}
