//! Injected faults on both endpoints over real sockets.

mod common;

use std::time::{Duration, Instant};

use common::{AK, Client, PROJECT, SK, q};
use vodesk_local::faults::{FaultConfig, FaultMix};
use vodesk_local::{Credentials, RunningService, ServeConfig};

const NONE: FaultMix = FaultMix {
    server_error: 0,
    reset: 0,
    reset_after: 0,
    delay: 0,
    throttle: 0,
};

async fn start(mix: FaultMix, rate: f64) -> (RunningService, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new(dir.path().to_path_buf());
    config.credentials = Some(Credentials {
        access_key: AK.into(),
        secret_key: SK.into(),
        project_id: PROJECT.into(),
    });
    config.faults = FaultConfig {
        rate,
        mix,
        seed: Some(42),
        delay: Duration::from_millis(700),
        burst_len: 3,
        stall: None,
    };
    (RunningService::start(config).await.unwrap(), dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_json_for_vod_and_xml_for_objects() {
    let (svc, _dir) = start(
        FaultMix {
            server_error: 1,
            ..NONE
        },
        1.0,
    )
    .await;
    let c = Client::new(&svc.info.vod_endpoint);
    for _ in 0..6 {
        let r = c.get("/v1.0/{p}/asset/category", &q(&[("id", "0")])).await;
        assert!(matches!(r.status, 500 | 503), "{}", r.status);
        assert!(
            r.code() == "VOD.10051" || r.code() == "APIGW.0201",
            "{:?}",
            r.body
        );
    }
    let r = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("{}/some-bucket/key", svc.info.object_endpoint))
        .send()
        .await
        .unwrap();
    assert!(matches!(r.status().as_u16(), 500 | 503));
    let text = r.text().await.unwrap();
    assert!(text.contains("<Error><Code>"), "{text}");
    svc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resets_delays_and_bursts() {
    let (svc, _dir) = start(FaultMix { reset: 1, ..NONE }, 1.0).await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    for _ in 0..3 {
        let res = http
            .get(format!(
                "{}/v1.0/{PROJECT}/asset/list",
                svc.info.vod_endpoint
            ))
            .send()
            .await;
        // Either the request itself fails or its body does: no usable answer arrives.
        let broken = match res {
            Err(_) => true,
            Ok(r) => r.bytes().await.is_err(),
        };
        assert!(broken);
    }
    svc.shutdown().await;

    let (svc, _dir) = start(FaultMix { delay: 1, ..NONE }, 1.0).await;
    let c = Client::new(&svc.info.vod_endpoint);
    let t = Instant::now();
    let r = c.get("/v1.0/{p}/asset/category", &q(&[("id", "0")])).await;
    assert_eq!(
        r.status, 200,
        "a delayed request still gets the real answer"
    );
    assert!(t.elapsed() >= Duration::from_millis(650));
    svc.shutdown().await;

    let (svc, _dir) = start(
        FaultMix {
            throttle: 1,
            ..NONE
        },
        0.5,
    )
    .await;
    let c = Client::new(&svc.info.vod_endpoint);
    let mut codes = Vec::new();
    for _ in 0..60 {
        let r = c.get("/v1.0/{p}/asset/category", &q(&[("id", "0")])).await;
        if r.status == 429 {
            assert_eq!(r.code(), "APIGW.0308");
            assert_eq!(r.headers["retry-after"], "1");
        }
        codes.push(r.status);
    }
    // A burst is at least three 429s in a row.
    assert!(codes.windows(3).any(|w| w == [429, 429, 429]), "{codes:?}");
    // Bursts end: requests succeed again after the first one.
    let first = codes
        .iter()
        .position(|c| *c == 429)
        .expect("a burst happened");
    assert!(
        codes[first..].contains(&200),
        "a burst never ended: {codes:?}"
    );
    svc.shutdown().await;
}
