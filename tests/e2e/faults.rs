//! With 20 % of requests failing (5xx, resets, delays, 429 bursts) a 200-file batch completes
//! with nothing lost, duplicated or corrupted.

use crate::common::*;

#[test]
fn a_200_file_batch_survives_injected_faults() {
    let mut server = Server::start_on_fixed_ports(&["--no-throttle", "--faults", "0.2"]);
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (0..200)
        .map(|i| {
            make_file(
                dir.path(),
                &format!("f{i:03}.mp4"),
                20_000 + i * 7,
                1000 + i as u64,
            )
        })
        .collect();
    let r = Run::from(
        server
            .cmd()
            .args(["upload", "--json", "--concurrency", "12"])
            .arg(dir.path())
            .output()
            .unwrap(),
    );
    let lines = r.json_lines();
    let failed: Vec<_> = lines.iter().filter(|l| l["status"] == "failed").collect();
    assert!(r.ok(), "{} — failed files: {failed:?}", r.stderr);
    // Verify on a fault-free restart of the same service.
    server = server.restart_with(&["--no-throttle"]);
    let mut ids = std::collections::HashSet::new();
    for f in &files {
        let l = lines
            .iter()
            .find(|l| l["path"] == f.to_str().unwrap())
            .expect("a result per file");
        assert_eq!(l["status"], "done", "{l}");
        let id = l["asset_id"].as_str().unwrap().to_string();
        let d = server.json(&["assets", "show", &id]);
        let (status, bytes) = http_get(d["download_url"].as_str().unwrap());
        assert_eq!(status, 200);
        assert_eq!(md5_bytes(&bytes), md5_file(f), "{}", f.display());
        ids.insert(id);
    }
    assert_eq!(ids.len(), 200);
    let mut total = 0;
    let mut cursor: Option<String> = None;
    loop {
        let mut args = vec!["assets", "list", "--size", "100"];
        if let Some(c) = &cursor {
            args.extend(["--cursor", c.as_str()]);
        }
        let l = server.json(&args);
        let n = l["assets"].as_array().unwrap().len();
        for a in l["assets"].as_array().unwrap() {
            assert!(
                ids.contains(a["id"].as_str().unwrap()),
                "an extra asset: {a}"
            );
            assert_ne!(a["status"]["raw"], "CREATING", "{a}");
        }
        total += n;
        match l["next"].as_str() {
            Some(next) if n > 0 => cursor = Some(next.to_string()),
            _ => break,
        }
    }
    assert_eq!(total, 200, "exactly one asset per file");
}
