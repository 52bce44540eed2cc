//! Management calls (list, details, categories, presets, buckets, publish) retry what a retry
//! can cure, as uploads do: against a service failing 20 % of requests (5xx, resets, delays,
//! 429 bursts) every one of 50 commands succeeds.

use crate::common::*;

#[test]
fn fifty_management_commands_succeed_against_a_faulty_service() {
    let mut server = Server::start_on_fixed_ports(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    let f = make_file(dir.path(), "managed.mp4", 150_000, 77);
    let up = server.json_lines(&["upload", f.to_str().unwrap()]);
    let asset = up[0]["asset_id"].as_str().expect("uploaded").to_string();
    server = server.restart_with(&["--no-throttle", "--faults", "0.2"]);
    let commands: [&[&str]; 5] = [
        &["assets", "show", &asset],
        &["assets", "list"],
        &["categories", "list"],
        &["templates", "list"],
        &["buckets", "list"],
    ];
    let mut failures = Vec::new();
    for i in 0..50 {
        let args = commands[i % commands.len()];
        let r = server.run(args);
        if !r.ok() {
            failures.push(format!("{args:?}: {}", r.stderr));
        }
    }
    let r = server.run(&["assets", "publish", &asset]);
    if !r.ok() {
        failures.push(format!("publish: {}", r.stderr));
    }
    assert!(
        failures.is_empty(),
        "{} of 51 failed: {failures:#?}",
        failures.len()
    );
    // What was read under faults is right: the asset's details name it.
    server = server.restart_with(&["--no-throttle"]);
    let d = server.json(&["assets", "show", &asset]);
    assert_eq!(d["id"], asset.as_str());
    assert_eq!(d["status"]["raw"], "PUBLISHED");
}
