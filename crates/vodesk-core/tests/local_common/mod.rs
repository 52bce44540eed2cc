//! What the tests of the Tencent and Alibaba clients against the local service share: the
//! fixture (a service in-process and the account's service), test data, an engine on a journal
//! in the fixture's folder, and a loopback file server for imports by URL.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use md5::{Digest, Md5};
use vodesk_core::engine::{Engine, EngineConfig, JobSpec, Journal};
use vodesk_core::model::UploadMetadata;
use vodesk_core::provider::api::AssetQuery;
use vodesk_core::provider::{RetryPolicy, VodService};
use vodesk_local::RunningService;

pub const MIB: usize = 1024 * 1024;

pub struct Fixture {
    pub service: RunningService,
    pub vod: Arc<dyn VodService>,
    pub dir: tempfile::TempDir,
}

pub fn data(size: usize, seed: u8) -> Vec<u8> {
    (0..size)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed) ^ (i >> 12) as u8)
        .collect()
}

pub fn md5_hex(bytes: &[u8]) -> String {
    hex::encode(Md5::digest(bytes))
}

/// What `url` serves (it must answer 200), never through a proxy.
pub async fn fetch(url: &str) -> Vec<u8> {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let r = http.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200, "{url}");
    r.bytes().await.unwrap().to_vec()
}

/// The MD5 of an asset's original as its download URL serves it.
pub async fn served_md5(vod: &Arc<dyn VodService>, id: &str) -> String {
    let url = vod.asset_details(id).await.unwrap().download_url.unwrap();
    md5_hex(&fetch(&url).await)
}

/// The ids of the first hundred assets.
pub async fn all_ids(vod: &Arc<dyn VodService>) -> Vec<String> {
    let q = AssetQuery {
        page_size: 100,
        ..Default::default()
    };
    let page = vod.list_assets(&q, None).await.unwrap();
    page.assets.into_iter().map(|a| a.id).collect()
}

pub fn engine(f: &Fixture, config: EngineConfig) -> Engine {
    let journal = Arc::new(Journal::open(&f.dir.path().join("journal.db")).unwrap());
    Engine::new(f.vod.clone(), journal, config).0
}

/// Writes `bytes` as `name` in the fixture's folder and queues it with `meta`.
pub async fn queue(f: &Fixture, e: &Engine, name: &str, bytes: &[u8], meta: UploadMetadata) -> i64 {
    let path = f.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    e.add(JobSpec {
        path,
        media: "MP4".into(),
        metadata: meta,
        skip_duplicates: false,
        again: false,
    })
    .await
    .unwrap()
    .job()
    .expect("queued")
}

/// Retries short enough that a test of expiry does not wait on backoff.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        base: Duration::from_millis(20),
        cap: Duration::from_millis(200),
        max_attempts: 4,
        ..Default::default()
    }
}

/// A loopback HTTP server that serves `body` at any path, for imports by URL.
pub async fn file_server(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(move || {
        let body = body.clone();
        async move { body }
    });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}
