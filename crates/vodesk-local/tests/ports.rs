//! A service started on fixed Huawei ports still starts when the ports its Tencent and Alibaba
//! endpoints would take next to them are busy: they move to free ports, and the start-up info
//! says where.

use vodesk_local::{RunningService, ServeConfig};

#[tokio::test]
async fn busy_neighbouring_ports_move_the_tencent_endpoints_elsewhere() {
    // The VOD port is free, the Tencent one (VOD + 2) is held.
    let (base, _held) = base_with_held(&[2]);
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
    let port = port_of(&service.info.tencent_endpoint);
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
        "it listens there"
    );
    service.shutdown().await;
}

/// A free port `p` (below 60000) whose neighbours `p + offset` for each offset can be held.
fn base_with_held(offsets: &[u16]) -> (u16, Vec<std::net::TcpListener>) {
    loop {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let p = probe.local_addr().unwrap().port();
        drop(probe);
        if p > 60_000 {
            continue;
        }
        let held: Vec<_> = offsets
            .iter()
            .filter_map(|o| std::net::TcpListener::bind(("127.0.0.1", p + o)).ok())
            .collect();
        if held.len() == offsets.len() {
            return (p, held);
        }
    }
}

fn port_of(endpoint: &str) -> u16 {
    endpoint.rsplit(':').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn busy_neighbouring_ports_move_the_alibaba_endpoints_elsewhere() {
    let (base, _held) = base_with_held(&[4, 5]);
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new(dir.path().to_path_buf());
    config.listen = ([127, 0, 0, 1], base).into();
    config.object_listen = Some(([127, 0, 0, 1], 0).into());
    let service = RunningService::start(config).await.expect("starts");
    let info = &service.info;
    for (endpoint, busy) in [
        (&info.aliyun_endpoint, base + 4),
        (&info.aliyun_oss_endpoint, base + 5),
    ] {
        let port = port_of(endpoint);
        assert_ne!(port, busy, "{endpoint}");
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
            "{endpoint} listens"
        );
    }
    assert_eq!(info.aliyun_region, "cn-shanghai");
    assert_eq!(info.aliyun_app_id, "app-1000000");
    assert!(info.aliyun_access_key_id.starts_with("LTAI") && info.aliyun_access_key_id.len() == 24);
    assert_eq!(
        info.aliyun_access_key_secret.as_ref().map(String::len),
        Some(30)
    );
    // service.json tells other processes where, never the secret.
    let stored = RunningService::read_service_file(dir.path()).unwrap();
    assert_eq!(stored.aliyun_endpoint, info.aliyun_endpoint);
    assert_eq!(stored.aliyun_access_key_secret, None);
    service.shutdown().await;
}
