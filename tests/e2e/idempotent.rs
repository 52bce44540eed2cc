//! Uploading is idempotent: running `vodesk upload` again on files this account already uploaded
//! (same size, modification time and content hashes) names the assets they went to and creates
//! nothing, unless `--again` asks for another copy; a file changed since is a new file.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The result line of `path` in a `--json` upload run.
fn result_of<'a>(lines: &'a [serde_json::Value], path: &Path) -> &'a serde_json::Value {
    lines
        .iter()
        .find(|l| l["path"] == path.to_str().unwrap())
        .unwrap_or_else(|| panic!("no result line for {}: {lines:?}", path.display()))
}

fn summary(lines: &[serde_json::Value]) -> &serde_json::Value {
    &lines
        .iter()
        .find(|l| l.get("summary").is_some())
        .unwrap_or_else(|| panic!("no summary line: {lines:?}"))["summary"]
}

/// Uploads `files` (`vodesk --json upload FILE…`) and returns each one's asset id.
fn upload_fresh(server: &Server, files: &[&PathBuf]) -> Vec<String> {
    let mut args = vec!["upload"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let lines = server.json_lines(&args);
    files
        .iter()
        .map(|f| {
            let l = result_of(&lines, f);
            assert_eq!(l["status"], "done", "{l}");
            l["asset_id"].as_str().expect("asset id").to_string()
        })
        .collect()
}

#[test]
fn a_finished_upload_run_again_names_its_assets_and_creates_nothing() {
    let server = Server::start(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    let a = make_file(dir.path(), "again-a.mp4", 200_000, 61);
    let b = make_file(dir.path(), "again-b.mp3", 1_300_000, 62);
    let first = upload_fresh(&server, &[&a, &b]);
    assert_ne!(first[0], first[1]);
    assert_eq!(server.asset_total(), 2);

    // The same command again: each file is reported with the first run's asset, nothing sent.
    let lines = server.json_lines(&["upload", a.to_str().unwrap(), b.to_str().unwrap()]);
    for (f, id) in [(&a, &first[0]), (&b, &first[1])] {
        let l = result_of(&lines, f);
        assert_eq!(l["status"], "already_uploaded", "{l}");
        assert_eq!(l["asset_id"], id.as_str(), "{l}");
    }
    let s = summary(&lines);
    assert_eq!(s["already_uploaded"], 2, "{s}");
    assert_eq!(s["uploaded"], 0, "{s}");
    assert_eq!(s["failed"], 0, "{s}");
    assert_eq!(s["bytes_sent"], 0, "nothing is sent: {s}");
    // The service still has exactly one asset per file.
    assert_eq!(server.asset_total(), 2);
    let list = server.json(&["assets", "list", "--size", "100"]);
    let mut ids: Vec<&str> = list["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    ids.sort();
    let mut expected: Vec<&str> = first.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(ids, expected);

    // --again uploads it once more, as a second asset.
    let lines = server.json_lines(&["upload", "--again", a.to_str().unwrap()]);
    let l = result_of(&lines, &a);
    assert_eq!(l["status"], "done", "{l}");
    let second = l["asset_id"].as_str().expect("asset id").to_string();
    assert_ne!(second, first[0], "a new asset");
    assert_eq!(summary(&lines)["uploaded"], 1);
    assert_eq!(server.asset_total(), 3);
    // Run again without --again, it names one of its assets and creates nothing.
    let lines = server.json_lines(&["upload", a.to_str().unwrap()]);
    let l = result_of(&lines, &a);
    assert_eq!(l["status"], "already_uploaded", "{l}");
    let named = l["asset_id"].as_str().unwrap();
    assert!(named == first[0] || named == second, "{l}");
    assert_eq!(server.asset_total(), 3);

    // A file changed since (the same size, other bytes) is a new file: uploaded as new.
    let b = make_file(dir.path(), "again-b.mp3", 1_300_000, 63);
    let lines = server.json_lines(&["upload", b.to_str().unwrap()]);
    let l = result_of(&lines, &b);
    assert_eq!(l["status"], "done", "{l}");
    let changed = l["asset_id"].as_str().expect("asset id");
    assert_ne!(changed, first[1], "a new asset for the changed file");
    let s = summary(&lines);
    assert_eq!(s["uploaded"], 1, "{s}");
    assert_eq!(s["already_uploaded"], 0, "{s}");
    assert_eq!(server.asset_total(), 4);
    // Its bytes are the new ones.
    let d = server.json(&["assets", "show", changed]);
    let (status, bytes) = http_get(d["download_url"].as_str().expect("download url"));
    assert_eq!(status, 200);
    assert_eq!(md5_bytes(&bytes), md5_file(&b));
}

#[test]
fn the_human_output_says_already_uploaded_as_the_asset() {
    let server = Server::start(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    let f = make_file(dir.path(), "told.mp4", 150_000, 64);
    let id = upload_fresh(&server, &[&f]).remove(0);

    let r = server.run(&["upload", f.to_str().unwrap()]);
    assert!(r.ok(), "{} {}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(&format!("already uploaded as {id}")),
        "stdout: {}\nstderr: {}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stdout.contains(f.to_str().unwrap()),
        "the file is named: {}",
        r.stdout
    );
    assert!(
        r.stderr.contains("1 already uploaded"),
        "the summary counts it: {}",
        r.stderr
    );
    assert_eq!(server.asset_total(), 1, "nothing created");
}
