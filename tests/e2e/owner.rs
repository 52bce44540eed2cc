//! One owner per account's uploads: `vodesk upload --resume` started while a first `vodesk
//! upload` still runs says which process holds the uploads, waits for it, and then finds its
//! jobs done — never working on the same job, never making a second asset.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn a_second_upload_process_waits_for_the_first_and_uploads_nothing_twice() {
    let server = Server::start(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (0..3)
        .map(|i| make_file(dir.path(), &format!("held{i}.mp4"), 2_500_000, 40 + i))
        .collect();
    let first = server
        .cmd()
        .args(["--json", "upload", "--concurrency", "1", "--bwlimit", "1M"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = first.id();
    // Once the first has journaled its jobs.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let jobs = server.json(&["uploads", "list"]);
        if jobs.as_array().is_some_and(|j| j.len() == files.len()) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the first upload never queued its files"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let second = server.run(&["--json", "upload", "--resume"]);
    let first = Run::from(first.wait_with_output().unwrap());
    assert!(first.ok(), "{}", first.stderr);
    assert!(second.ok(), "{}", second.stderr);
    assert!(
        second.stderr.contains(&format!(
            "held by another vodesk, process {pid} (vodesk upload)"
        )),
        "{}",
        second.stderr
    );
    // The second reports the first's assets; the service has one asset per file.
    let by_path = |r: &Run| {
        let mut v: Vec<(String, String)> = r
            .json_lines()
            .iter()
            .filter(|l| l.get("path").is_some())
            .map(|l| {
                assert_eq!(l["status"], "done", "{l}");
                (
                    l["path"].as_str().unwrap().to_string(),
                    l["asset_id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(by_path(&first).len(), files.len());
    assert_eq!(by_path(&second), by_path(&first));
    assert_eq!(server.asset_total(), files.len() as i64);
}
