//! A service started on fixed Huawei ports still starts when the ports its Tencent endpoints
//! would take next to them are busy: they move to free ports, and the start-up info says where.

use vodesk_local::{RunningService, ServeConfig};

#[tokio::test]
async fn busy_neighbouring_ports_move_the_tencent_endpoints_elsewhere() {
    // Four consecutive ports: the VOD port is free, the Tencent one (VOD + 2) is held.
    let (base, _held) = loop {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let p = probe.local_addr().unwrap().port();
        drop(probe);
        if p > 60_000 {
            continue;
        }
        if let Ok(held) = std::net::TcpListener::bind(("127.0.0.1", p + 2)) {
            break (p, held);
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new(dir.path().to_path_buf());
    config.listen = ([127, 0, 0, 1], base).into();
    config.object_listen = Some(([127, 0, 0, 1], 0).into());
    let service = RunningService::start(config).await.expect("starts");
    assert_eq!(
        service.info.vod_endpoint,
        format!("http://127.0.0.1:{base}")
    );
    let busy = format!("http://127.0.0.1:{}", base + 2);
    assert_ne!(service.info.tencent_endpoint, busy);
    let port: u16 = service
        .info
        .tencent_endpoint
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
        "it listens there"
    );
    service.shutdown().await;
}
