//! With no endpoint and no credentials, commands use the embedded local service: a running
//! `vodesk serve` on the default data directory is reused, otherwise one starts in-process.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::*;

fn bare(data: &std::path::Path, home: &std::path::Path) -> Command {
    let mut c = Command::new(bin());
    c.envs(ENGLISH)
        .env("VODESK_LOCAL_DATA", data)
        .env("HOME", home)
        .env_remove("VODESK_ENDPOINT")
        .env_remove("VODESK_OBJECT_ENDPOINT")
        .env_remove("HUAWEICLOUD_SDK_AK")
        .env_remove("HUAWEICLOUD_SDK_SK")
        .env_remove("HUAWEICLOUD_SDK_PROJECT_ID");
    c
}

#[test]
fn reuses_a_running_service_and_starts_one_in_process_otherwise() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("local");
    // A generated-credentials service on the default data directory.
    let mut serve = bare(&data, home.path())
        .args(["serve", "--listen", "127.0.0.1:0", "--json"])
        .arg("--data")
        .arg(&data)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(serve.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let info: serde_json::Value = serde_json::from_str(&line).unwrap();
    let sk = info["sk"]
        .as_str()
        .expect("a generated secret key is shown once")
        .to_string();
    let pid = info["pid"].as_u64().unwrap();
    assert_eq!(pid, serve.id() as u64);
    let stored = std::fs::read_to_string(data.join("credentials.json")).unwrap();
    assert!(stored.contains(&sk));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("credentials.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "credentials file is private");
    }
    let service_file = std::fs::read_to_string(data.join("service.json")).unwrap();
    assert!(
        !service_file.contains(&sk),
        "service.json never carries the secret"
    );

    let out = Run::from(
        bare(&data, home.path())
            .args(["--json", "categories", "add", "复用"])
            .output()
            .unwrap(),
    );
    assert!(out.ok(), "{}", out.stderr);
    // The category landed in the running service: it is listed over its endpoint.
    let r = Run::from(
        Command::new(bin())
            .envs(ENGLISH)
            .env("VODESK_ENDPOINT", info["vod_endpoint"].as_str().unwrap())
            .env(
                "VODESK_OBJECT_ENDPOINT",
                info["object_endpoint"].as_str().unwrap(),
            )
            .env("HUAWEICLOUD_SDK_AK", info["ak"].as_str().unwrap())
            .env("HUAWEICLOUD_SDK_SK", &sk)
            .env(
                "HUAWEICLOUD_SDK_PROJECT_ID",
                info["project_id"].as_str().unwrap(),
            )
            .args(["--json", "categories", "list"])
            .output()
            .unwrap(),
    );
    assert!(
        r.ok() && r.stdout.contains("复用"),
        "{} {}",
        r.stdout,
        r.stderr
    );

    let _ = serve.kill();
    let _ = serve.wait();
    // No service running: the command starts one in-process on the same data and sees the data.
    let r = Run::from(
        bare(&data, home.path())
            .args(["--json", "categories", "list"])
            .output()
            .unwrap(),
    );
    assert!(r.ok(), "{}", r.stderr);
    assert!(r.stdout.contains("复用"), "{}", r.stdout);
}
