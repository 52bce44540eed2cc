//! SIGKILL at a chosen request: the service holds that request unanswered (`--stall`), the
//! client is killed while waiting on it, and the resumed job must finish what was left —
//! a cover and subtitles not stored yet, or the confirm of a small file whose bytes were.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

/// The job of `path` in `uploads list`, once the journal holds its asset id.
fn wait_for_asset(server: &Server, path: &str) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let jobs = server.json(&["uploads", "list"]);
        let id = jobs.as_array().and_then(|a| {
            a.iter()
                .find(|j| j["path"] == path)
                .and_then(|j| j["asset_id"].as_str().map(str::to_string))
        });
        if id.is_some() {
            return id;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn cover_and_subtitle_pending_at_a_sigkill_are_sent_on_resume() {
    // The cover PUT never gets an answer: the upload is frozen right after create asset.
    let mut server = Server::start_on_fixed_ports(&["--no-throttle", "--stall", "/cover0"]);
    let dir = tempfile::tempdir().unwrap();
    let clip = make_file(dir.path(), "late-cover.mp4", 300_000, 41);
    let cover = make_file(dir.path(), "cover.jpg", 3000, 42);
    let srt = dir.path().join("late-cover.srt");
    std::fs::write(&srt, "1\n00:00:00,000 --> 00:00:01,000\nlate\n").unwrap();
    let subtitle = format!("en:1:{}", srt.display());
    let args = [
        "upload",
        "--cover",
        cover.to_str().unwrap(),
        "--subtitle",
        &subtitle,
        clip.to_str().unwrap(),
    ];
    let mut child = server
        .cmd()
        .arg("--json")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let created = wait_for_asset(&server, clip.to_str().unwrap());
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let created = created.expect("the asset was created and journaled");
    let d = server.json(&["assets", "show", &created]);
    assert!(
        d["covers"].as_array().is_none_or(|c| c
            .iter()
            .all(|c| c.as_str().is_none_or(|u| http_get(u).0 != 200))),
        "the cover must not be stored before the kill: {d}"
    );

    server = server.restart_with(&["--no-throttle"]);
    // Re-running the same command resumes the job on the same asset.
    let lines = server.json_lines(&args);
    let result = lines
        .iter()
        .find(|l| l["path"] == clip.to_str().unwrap())
        .expect("a result line");
    assert_eq!(result["status"], "done", "{lines:?}");
    assert_eq!(result["asset_id"], created.as_str());
    assert_eq!(server.asset_total(), 1);

    assert_cover_and_subtitle(&server, &created, &cover, &srt);
    assert_eq!(
        server.json(&["uploads", "list"]).as_array().unwrap().len(),
        0
    );
}

/// Files below the data directory of exactly `size` bytes (the stored object of a test file).
fn stored_copies(dir: &std::path::Path, size: u64) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            n += stored_copies(&entry.path(), size);
        } else if meta.len() == size {
            n += 1;
        }
    }
    n
}

#[test]
fn a_small_file_killed_before_its_confirm_is_confirmed_on_resume_without_resending() {
    // The confirm never gets an answer: the upload is frozen after its bytes were stored.
    let mut server =
        Server::start_on_fixed_ports(&["--no-throttle", "--stall", "/asset/status/uploaded"]);
    let dir = tempfile::tempdir().unwrap();
    let size = 300_001u64;
    let clip = make_file(dir.path(), "unconfirmed.mp4", size as usize, 43);
    let path = clip.to_str().unwrap();
    let mut child = server
        .cmd()
        .args(["--json", "upload", path])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let created = wait_for_asset(&server, path);
    let deadline = Instant::now() + Duration::from_secs(60);
    while stored_copies(server.data.path(), size) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let created = created.expect("the asset was created and journaled");
    assert_eq!(
        stored_copies(server.data.path(), size),
        1,
        "stored before the kill"
    );

    server = server.restart_with(&["--no-throttle"]);
    let lines = server.json_lines(&["upload", path]);
    let result = lines.iter().find(|l| l["path"] == path).expect("a result");
    assert_eq!(result["status"], "done", "{lines:?}");
    assert_eq!(result["asset_id"], created.as_str());
    let summary = lines.iter().find(|l| l.get("summary").is_some()).unwrap();
    assert_eq!(summary["summary"]["bytes_sent"], 0, "nothing is sent again");
    assert_eq!(server.asset_total(), 1);
    let d = server.json(&["assets", "show", &created]);
    let (status, bytes) = http_get(d["download_url"].as_str().unwrap());
    assert_eq!(status, 200);
    assert_eq!(md5_bytes(&bytes), md5_file(&clip));
}
