//! The CLI on the local service's Tencent personality (the built-in Local-Tencent profile):
//! uploads (single PUT and COS multipart) with a class, task flow, tags and description, the
//! catalogue (search, edit, playback forbidden / allowed, delete), classes four levels deep,
//! a crash resumed from the certificate kept in the keychain, injected faults and bad input.

use std::process::Stdio;
use std::time::Duration;

use crate::common::*;
use crate::keyring::Keyring;

const MIB: usize = 1024 * 1024;

fn result_for<'a>(lines: &'a [serde_json::Value], path: &str) -> &'a serde_json::Value {
    lines
        .iter()
        .find(|l| l["path"] == path)
        .unwrap_or_else(|| panic!("no result line for {path}: {lines:?}"))
}

/// The MD5 of a media's original as served (playback allowed); a few tries, as the fault
/// tests inject failures on the media URLs too.
fn stored_md5(server: &Server, id: &str) -> String {
    let d = &server.tencent_json(&["assets", "show", id])[0];
    let url = d["download_url"].as_str().expect("a download URL");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for _ in 0..20 {
        let got = rt.block_on(async {
            let r = reqwest::get(url).await.ok()?;
            let status = r.status().as_u16();
            Some((status, r.bytes().await.ok()?))
        });
        if let Some((200, bytes)) = got {
            return md5_bytes(&bytes);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{url} never answered 200: {d}");
}

fn add_class(server: &Server, name: &str, parent: Option<&str>) -> String {
    let mut args = vec!["categories", "add", name];
    if let Some(p) = parent {
        args.extend(["--parent", p]);
    }
    server.tencent_json(&args)[0]["id"]
        .as_i64()
        .expect("a class id")
        .to_string()
}

#[test]
fn upload_and_manage_media_through_the_local_tencent_profile() {
    let server = Server::start_tencent(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();

    // Classes: four levels, a fifth refused; rename shows in the tree.
    let top = add_class(&server, "电影", None);
    let mid = add_class(&server, "动作", Some(&top));
    let low = add_class(&server, "港片", Some(&mid));
    let deepest = add_class(&server, "九十年代", Some(&low));
    let r = Run::from(
        server
            .tencent_cmd()
            .args(["categories", "add", "太深", "--parent", &deepest])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(1), "a fifth level is refused: {}", r.stdout);
    server.tencent_json(&["categories", "rename", &top, "Movies"]);
    let tree = &server.tencent_json(&["categories", "list"])[0];
    assert!(find(tree, "Movies").is_some() && find(tree, "电影").is_none());
    assert!(find(tree, "九十年代").is_some() && find(tree, "太深").is_none());

    // Task flows are the presets.
    let flows = &server.tencent_json(&["templates", "list"])[0];
    let flow = flows.as_array().unwrap()[0]["name"]
        .as_str()
        .expect("a task flow")
        .to_string();

    let small = make_file(dir.path(), "海岸 small.mp4", 300_000, 1);
    let big = make_file(dir.path(), "big.mp4", 21 * MIB, 2);
    let lines = server.tencent_json(&[
        "upload",
        "--part-size",
        "5M",
        "--category",
        &deepest,
        "--task-flow",
        &flow,
        "--tags",
        "海,coast",
        "--description",
        "shot at dawn",
        "--no-auto-publish",
        small.to_str().unwrap(),
        big.to_str().unwrap(),
    ]);
    let mut ids = Vec::new();
    for f in [&small, &big] {
        let r = result_for(&lines, f.to_str().unwrap());
        assert_eq!(r["status"], "done", "{r}");
        ids.push(r["asset_id"].as_str().unwrap().to_string());
    }
    let d = &server.tencent_json(&["assets", "show", &ids[0]])[0];
    assert_eq!(d["title"], "海岸 small");
    assert_eq!(d["description"], "shot at dawn");
    assert_eq!(d["category_id"].as_i64().unwrap().to_string(), deepest);
    let tags: Vec<&str> = d["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(tags, ["海", "coast"]);
    // Not auto-published: playback is forbidden until allowed.
    assert_eq!(d["status"]["raw"], "Forbidden", "{d}");

    // Search by text, class and tag.
    let list = &server.tencent_json(&["assets", "list", "--query", "海岸"])[0];
    let found: Vec<&str> = list["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(found, [ids[0].as_str()]);
    let list = &server.tencent_json(&["assets", "list", "--category", &deepest])[0];
    assert_eq!(list["assets"].as_array().unwrap().len(), 2, "{list}");
    let list = &server.tencent_json(&["assets", "list", "--tags", "coast"])[0];
    assert_eq!(list["assets"].as_array().unwrap().len(), 2, "{list}");

    // A class that holds media is not removed (Tencent refuses it).
    let r = Run::from(
        server
            .tencent_cmd()
            .args(["categories", "remove", &deepest])
            .output()
            .unwrap(),
    );
    r.assert_error("ClassNotEmpty");

    // A forbidden media does not play; allowed, both serve the source's bytes.
    let url = d["download_url"].as_str().unwrap();
    assert_eq!(http_get(url).0, 403, "forbidden media are not served");
    let r = &server.tencent_json(&["assets", "publish", &ids[0], &ids[1]]);
    assert!(r.iter().any(|l| l["ok"] == true), "{r:?}");
    let d = &server.tencent_json(&["assets", "show", &ids[0]])[0];
    assert_eq!(d["status"]["raw"], "Normal", "{d}");
    for (id, f) in ids.iter().zip([&small, &big]) {
        assert_eq!(stored_md5(&server, id), md5_file(f), "{}", f.display());
    }

    // Edit, forbid, delete.
    server.tencent_json(&[
        "assets",
        "edit",
        &ids[0],
        "--title",
        "Coast",
        "--tags",
        "dawn",
        "--category",
        &top,
    ]);
    let d = &server.tencent_json(&["assets", "show", &ids[0]])[0];
    assert_eq!(d["title"], "Coast");
    assert_eq!(d["tags"], serde_json::json!(["dawn"]));
    assert_eq!(d["category_id"].as_i64().unwrap().to_string(), top);
    server.tencent_json(&["assets", "unpublish", &ids[0]]);
    let d = &server.tencent_json(&["assets", "show", &ids[0]])[0];
    assert_eq!(d["status"]["raw"], "Forbidden");
    // The task flow's renditions appear a few seconds after the commit; while it runs the
    // media cannot be deleted (the reason is said), afterwards it can.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let d = &server.tencent_json(&["assets", "show", &ids[1]])[0];
        if d["transcode"]["state"] == "succeeded" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no renditions: {d}");
        std::thread::sleep(Duration::from_millis(200));
    }
    server.tencent_json(&["assets", "delete", &ids[1]]);
    let r = Run::from(
        server
            .tencent_cmd()
            .args(["assets", "show", &ids[1]])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(1), "a deleted media is gone: {}", r.stdout);

    // Emptied (one media moved, one deleted), the class can be removed.
    server.tencent_json(&["categories", "remove", &deepest]);
    let tree = &server.tencent_json(&["categories", "list"])[0];
    assert!(find(tree, "九十年代").is_none());
}

#[test]
fn bad_input_is_refused_in_tencent_limits_before_anything_is_sent() {
    let server = Server::start_tencent(&[]);
    let dir = tempfile::tempdir().unwrap();
    let f = make_file(dir.path(), "x.mp4", 1000, 3);
    let path = f.to_str().unwrap();
    // Tencent counts characters: 64 Chinese characters fit (192 bytes), 65 do not.
    let fits = "影".repeat(64);
    let lines = server.tencent_json(&["upload", "--title", &fits, path]);
    assert_eq!(result_for(&lines, path)["status"], "done");
    for (args, needle) in [
        (vec!["--title", &"影".repeat(65) as &str], "64 characters"),
        (vec!["--description", &"d".repeat(129)], "128 characters"),
        (vec!["--tags", &"t".repeat(33)], "32 characters"),
        (vec!["--auto-encrypt"], "encrypt"),
        (vec!["--thumbnail", "time"], "--thumbnail: is not available"),
    ] {
        let mut all = vec!["upload", "--again"];
        all.extend(args.iter().copied());
        all.push(path);
        let r = Run::from(server.tencent_cmd().args(&all).output().unwrap());
        assert_eq!(r.code, Some(1), "{all:?}: {}", r.stderr);
        assert!(
            r.stderr.to_lowercase().contains(needle),
            "{all:?}: expected {needle:?} in {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    let list = &server.tencent_json(&["assets", "list"])[0];
    assert_eq!(list["assets"].as_array().unwrap().len(), 1, "{list}");
}

#[test]
fn injected_faults_on_the_tencent_endpoints_are_retried_to_the_end() {
    let server = Server::start_tencent(&["--no-throttle", "--faults", "0.2"]);
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (0..4)
        .map(|i| {
            make_file(
                dir.path(),
                &format!("f{i}.mp4"),
                3 * MIB + i * 999,
                i as u64,
            )
        })
        .collect();
    let mut args = vec!["upload", "--part-size", "1M"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let lines = server.tencent_json(&args);
    for f in &files {
        let r = result_for(&lines, f.to_str().unwrap());
        assert_eq!(r["status"], "done", "{r}");
        assert_eq!(
            stored_md5(&server, r["asset_id"].as_str().unwrap()),
            md5_file(f)
        );
    }
    // Management calls under the same faults.
    for _ in 0..10 {
        server.tencent_json(&["assets", "list"]);
        server.tencent_json(&["categories", "list"]);
    }
    let list = &server.tencent_json(&["assets", "list"])[0];
    assert_eq!(
        list["assets"].as_array().unwrap().len(),
        4,
        "one media per file"
    );
}

#[test]
fn a_killed_upload_continues_the_same_cos_upload_with_the_kept_certificate() {
    let keyring = Keyring::start();
    let server = Server::start_tencent(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    let size = 24 * MIB;
    let file = make_file(dir.path(), "resumed.mp4", size, 77);
    let path = file.to_str().unwrap();

    let mut first = server.tencent_cmd();
    keyring.apply(&mut first);
    let mut child = first
        .args([
            "upload",
            "--part-size",
            "2M",
            "--parts",
            "2",
            "--bwlimit",
            "8M",
            path,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        keyring.vodesk_items().contains("upload-session#"),
        "the session's certificate is in the keychain: {}",
        keyring.vodesk_items()
    );

    let mut listed = server.tencent_cmd();
    keyring.apply(&mut listed);
    let jobs = Run::from(listed.args(["--json", "uploads", "list"]).output().unwrap());
    let jobs: serde_json::Value = serde_json::from_str(jobs.stdout.trim()).unwrap();
    let done_before = jobs[0]["parts_done"].as_u64().unwrap_or(0);
    assert!(
        done_before >= 2,
        "parts were stored before the kill: {jobs}"
    );

    let mut again = server.tencent_cmd();
    keyring.apply(&mut again);
    let r = Run::from(
        again
            .args(["--json", "upload", "--part-size", "2M", path])
            .output()
            .unwrap(),
    );
    assert!(r.ok(), "{}", r.stderr);
    let lines = r.json_lines();
    let result = result_for(&lines, path);
    assert_eq!(result["status"], "done", "{result}");
    assert!(result.get("note").is_none(), "no new session: {result}");
    let summary = lines.iter().find(|l| l.get("summary").is_some()).unwrap();
    let sent = summary["summary"]["bytes_sent"].as_u64().unwrap();
    assert!(
        sent <= (size as u64) - done_before * 2 * MIB as u64,
        "only missing parts are sent again: {sent} with {done_before} parts stored"
    );
    let id = result["asset_id"].as_str().unwrap();
    assert_eq!(stored_md5(&server, id), md5_file(&file));
    let list = &server.tencent_json(&["assets", "list"])[0];
    assert_eq!(
        list["assets"].as_array().unwrap().len(),
        1,
        "one media: {list}"
    );
    assert!(
        !keyring.vodesk_items().contains("upload-session#"),
        "the certificate leaves the keychain with the session"
    );
}
