//! The CLI on the local service's Tencent personality (the built-in Local-Tencent profile):
//! uploads (single PUT and COS multipart) with a class, task flow, tags and description, the
//! catalogue (search, edit, playback forbidden / allowed, delete), classes four levels deep,
//! a crash resumed from the certificate kept in the keychain, injected faults and bad input.

use std::process::Stdio;
use std::time::Duration;

use crate::common::*;
use crate::keyring::Keyring;

const MIB: usize = 1024 * 1024;

/// A 2×2 RGB PNG.
const PNG_2X2: &[u8] = include_bytes!("../data/cover-2x2.png");

/// The MD5 of a media's original as served (playback allowed).
fn stored_md5(server: &Server, id: &str) -> String {
    let d = &server.tencent_json(&["assets", "show", id])[0];
    served_md5(d["download_url"].as_str().expect("a download URL"))
}

/// The MD5 of what `url` serves; a few tries, as the fault tests inject failures on the media
/// URLs too.
fn served_md5(url: &str) -> String {
    served_md5s(vec![url.to_string()]).remove(0)
}

/// [`served_md5`] of many URLs, eight at a time on one client.
fn served_md5s(urls: Vec<String>) -> Vec<String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(8));
        let mut tasks = tokio::task::JoinSet::new();
        for (i, url) in urls.into_iter().enumerate() {
            let (http, gate) = (http.clone(), gate.clone());
            tasks.spawn(async move {
                let _permit = gate.acquire().await.unwrap();
                for _ in 0..20 {
                    if let Ok(r) = http.get(&url).send().await
                        && r.status() == 200
                        && let Ok(bytes) = r.bytes().await
                    {
                        return (i, md5_bytes(&bytes));
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                panic!("{url} never answered 200");
            });
        }
        let mut out = vec![String::new(); tasks.len()];
        while let Some(r) = tasks.join_next().await {
            let (i, md5) = r.expect("a download task");
            out[i] = md5;
        }
        out
    })
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
    // A cover rides in the same session (ApplyUpload's CoverStoragePath).
    let png = dir.path().join("cover.png");
    std::fs::write(&png, PNG_2X2).unwrap();
    let lines = server.tencent_json(&[
        "upload",
        "--cover",
        png.to_str().unwrap(),
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
    let (status, bytes) = http_get(d["cover_url"].as_str().expect("a cover URL"));
    assert_eq!(
        (status, bytes.as_slice()),
        (200, PNG_2X2),
        "the uploaded cover"
    );

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

    // A new cover from an image file; a file that is not the image its name says is refused
    // before anything is sent.
    let jpg = dir.path().join("new cover.jpg");
    let jpeg: &[u8] = b"\xFF\xD8\xFF\xE0 a stand-in JPEG body";
    std::fs::write(&jpg, jpeg).unwrap();
    server.tencent_json(&["assets", "edit", &ids[0], "--cover", jpg.to_str().unwrap()]);
    let d = &server.tencent_json(&["assets", "show", &ids[0]])[0];
    let (status, bytes) = http_get(d["cover_url"].as_str().expect("a cover URL"));
    assert_eq!((status, bytes.as_slice()), (200, jpeg));
    let fake = dir.path().join("fake.png");
    std::fs::write(&fake, b"text, not a picture").unwrap();
    let r = Run::from(
        server
            .tencent_cmd()
            .args(["assets", "edit", &ids[0], "--cover", fake.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    r.assert_error("not a PNG image");

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
        (vec!["--thumbnail", "time"], "--thumbnail is not available"),
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

    // An expiry: a future date is kept with the media, a past one refused, a non-date named.
    let lines = server.tencent_json(&["upload", "--again", "--expire-at", "2099-06-30", path]);
    let id = result_for(&lines, path)["asset_id"]
        .as_str()
        .unwrap()
        .to_string();
    let d = &server.tencent_json(&["assets", "show", &id])[0];
    assert_eq!(d["expires_at"], "2099-06-30T23:59:59Z", "{d}");
    for (when, needle) in [
        ("2001-01-01", "is in the past"),
        ("soon", "\"soon\" is not a date"),
    ] {
        let r = Run::from(
            server
                .tencent_cmd()
                .args(["upload", "--again", "--expire-at", when, path])
                .output()
                .unwrap(),
        );
        r.assert_error(needle);
    }
}

#[test]
fn two_hundred_files_under_injected_faults_on_the_tencent_endpoints_end_byte_exact() {
    let server = Server::start_tencent(&["--no-throttle", "--faults", "0.2"]);
    let dir = tempfile::tempdir().unwrap();
    // Mostly single PUTs, a few COS multipart uploads.
    let files: Vec<_> = (0..200)
        .map(|i| {
            let size = if i % 50 == 0 {
                3 * MIB
            } else {
                20_000 + i * 37
            };
            make_file(dir.path(), &format!("f{i:03}.mp4"), size, i as u64)
        })
        .collect();
    let lines = server.tencent_json(&["upload", "--part-size", "1M", dir.path().to_str().unwrap()]);
    // Every media's original, by the URLs of two list pages (not one command per file).
    let mut urls = std::collections::HashMap::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut args = vec!["assets", "list", "--size", "100"];
        if let Some(c) = &cursor {
            args.extend(["--cursor", c.as_str()]);
        }
        let page = server.tencent_json(&args).remove(0);
        for a in page["assets"].as_array().unwrap() {
            urls.insert(
                a["id"].as_str().unwrap().to_string(),
                a["original_url"].as_str().unwrap().to_string(),
            );
        }
        match page["next"].as_str() {
            Some(n) => cursor = Some(n.to_string()),
            None => break,
        }
    }
    assert_eq!(urls.len(), 200, "one media per file");
    let wanted: Vec<String> = files
        .iter()
        .map(|f| {
            let r = result_for(&lines, f.to_str().unwrap());
            assert_eq!(r["status"], "done", "{r}");
            urls[r["asset_id"].as_str().unwrap()].clone()
        })
        .collect();
    for (f, got) in files.iter().zip(served_md5s(wanted)) {
        assert_eq!(got, md5_file(f), "{}", f.display());
    }
    // Management calls under the same faults.
    for _ in 0..5 {
        server.tencent_json(&["assets", "list"]);
        server.tencent_json(&["categories", "list"]);
    }
}

/// `vodesk upload` on Local-Tencent with the test keychain, SIGKILLed after `after`.
fn killed_tencent_upload(server: &Server, keyring: &Keyring, path: &str, after: Duration) {
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
    std::thread::sleep(after);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn killed_uploads_continue_the_same_cos_upload_with_the_kept_certificate() {
    let keyring = Keyring::start();
    let server = Server::start_tencent(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    let size = 24 * MIB;
    // 24 MiB in 2 MiB parts at 8 MiB/s: about 3 s to cut into, at five points.
    for (i, after_ms) in [300u64, 800, 1300, 1900, 2500].into_iter().enumerate() {
        let file = make_file(dir.path(), &format!("resumed{i}.mp4"), size, 77 + i as u64);
        let path = file.to_str().unwrap();
        killed_tencent_upload(&server, &keyring, path, Duration::from_millis(after_ms));

        let mut listed = server.tencent_cmd();
        keyring.apply(&mut listed);
        let jobs = Run::from(listed.args(["--json", "uploads", "list"]).output().unwrap());
        let jobs: serde_json::Value = serde_json::from_str(jobs.stdout.trim()).unwrap();
        let done_before = jobs
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["path"] == path)
            .map_or(0, |j| j["parts_done"].as_u64().unwrap_or(0));
        if done_before > 0 {
            assert!(
                keyring.vodesk_items().contains("upload-session#"),
                "trial {i}: the session's certificate is in the keychain: {}",
                keyring.vodesk_items()
            );
        }

        let mut again = server.tencent_cmd();
        keyring.apply(&mut again);
        let r = Run::from(
            again
                .args(["--json", "upload", "--part-size", "2M", path])
                .output()
                .unwrap(),
        );
        assert!(r.ok(), "trial {i}: {}", r.stderr);
        let lines = r.json_lines();
        let result = result_for(&lines, path);
        assert_eq!(result["status"], "done", "trial {i}: {result}");
        assert!(
            result.get("note").is_none(),
            "trial {i}: no new session: {result}"
        );
        let summary = lines.iter().find(|l| l.get("summary").is_some()).unwrap();
        let sent = summary["summary"]["bytes_sent"].as_u64().unwrap();
        assert!(
            sent <= (size as u64) - done_before * 2 * MIB as u64,
            "trial {i}: only missing parts are sent again: {sent} with {done_before} parts stored"
        );
        let id = result["asset_id"].as_str().unwrap();
        assert_eq!(stored_md5(&server, id), md5_file(&file), "trial {i}");
        let list = &server.tencent_json(&["assets", "list", "--query", &format!("resumed{i}")])[0];
        assert_eq!(list["total"], 1, "trial {i}: one media: {list}");
        assert!(
            !keyring.vodesk_items().contains("upload-session#"),
            "trial {i}: the certificate leaves the keychain with the session"
        );
    }
}
