//! The CLI on the local service's Alibaba personality (the built-in Local-Alibaba profile):
//! uploads (single PUT and OSS multipart) with a category, template group, tags, description and
//! cover, followed until the video is Normal; the catalogue (search, edit, audit block / pass,
//! delete), categories three levels deep; a crash resumed on the same OSS upload with a renewed
//! STS key (also after the key expired); injected faults and bad input.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

const MIB: usize = 1024 * 1024;

/// A 2×2 RGB PNG.
const PNG_2X2: &[u8] = include_bytes!("../data/cover-2x2.png");

fn show(server: &Server, id: &str) -> serde_json::Value {
    server.aliyun_json(&["assets", "show", id]).remove(0)
}

/// Shows the video until its status is `want` (the local service transcodes in moments).
fn wait_status(server: &Server, id: &str, want: &str) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let d = show(server, id);
        if d["status"]["raw"] == want {
            return d;
        }
        assert!(Instant::now() < deadline, "never {want}: {d}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The MD5 of a video's original as served.
fn stored_md5(server: &Server, id: &str) -> String {
    let d = show(server, id);
    let (status, bytes) = http_get(d["download_url"].as_str().expect("a download URL"));
    assert_eq!(status, 200, "{d}");
    md5_bytes(&bytes)
}

fn add_category(server: &Server, name: &str, parent: Option<&str>) -> String {
    let mut args = vec!["categories", "add", name];
    if let Some(p) = parent {
        args.extend(["--parent", p]);
    }
    let c = server.aliyun_json(&args).remove(0);
    c["id"].as_i64().expect("a category id").to_string()
}

#[test]
fn upload_and_manage_videos_through_the_local_alibaba_profile() {
    let server = Server::start_tencent(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();

    // Categories: three levels, a fourth refused; a rename shows in the tree.
    let top = add_category(&server, "专题片", None);
    let mid = add_category(&server, "城市", Some(&top));
    let low = add_category(&server, "夜景", Some(&mid));
    let r = Run::from(
        server
            .aliyun_cmd()
            .args(["categories", "add", "太深", "--parent", &low])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(1), "a fourth level is refused: {}", r.stdout);
    server.aliyun_json(&["categories", "rename", &top, "Documentary"]);
    let tree = &server.aliyun_json(&["categories", "list"])[0];
    assert!(find(tree, "Documentary").is_some() && find(tree, "专题片").is_none());
    assert!(find(tree, "夜景").is_some() && find(tree, "太深").is_none());

    // Template groups are the presets; one of them transcodes.
    let groups = server.aliyun_json(&["templates", "list"]).remove(0);
    let group = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["transcodes"] == true)
        .expect("a transcoding template group");
    let group_id = group["id"].as_str().unwrap().to_string();

    let small = make_file(dir.path(), "夜 small.mp4", 300_000, 1);
    let big = make_file(dir.path(), "big.mp4", 21 * MIB, 2);
    let png = dir.path().join("cover.png");
    std::fs::write(&png, PNG_2X2).unwrap();
    let lines = server.aliyun_json(&[
        "upload",
        "--cover",
        png.to_str().unwrap(),
        "--part-size",
        "5M",
        "--category",
        &low,
        "--template-group",
        &group_id,
        "--tags",
        "夜,city",
        "--description",
        "shot at night",
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
    // Not published at upload: the audit blocks the video once it is taken in.
    let d = wait_status(&server, &ids[0], "Blocked");
    assert_eq!(d["title"], "夜 small");
    assert_eq!(d["description"], "shot at night");
    assert_eq!(d["category_id"].as_i64().unwrap().to_string(), low);
    assert_eq!(d["tags"], serde_json::json!(["夜", "city"]));
    let (status, bytes) = http_get(d["cover_url"].as_str().expect("a cover URL"));
    assert_eq!((status, bytes.as_slice()), (200, PNG_2X2), "the cover");

    // Search by text, category and tag.
    let list = &server.aliyun_json(&["assets", "list", "--query", "small"])[0];
    let found: Vec<&str> = list["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(found, [ids[0].as_str()]);
    let list = &server.aliyun_json(&["assets", "list", "--category", &low])[0];
    assert_eq!(list["assets"].as_array().unwrap().len(), 2, "{list}");
    let list = &server.aliyun_json(&["assets", "list", "--tags", "city"])[0];
    assert_eq!(list["assets"].as_array().unwrap().len(), 2, "{list}");

    // Publishing is the audit's pass: both become Normal and serve the files' bytes.
    let r = server.aliyun_json(&["assets", "publish", &ids[0], &ids[1]]);
    assert!(r.iter().all(|l| l["ok"] != false), "{r:?}");
    for (id, f) in ids.iter().zip([&small, &big]) {
        wait_status(&server, id, "Normal");
        assert_eq!(stored_md5(&server, id), md5_file(f), "{}", f.display());
    }

    // A workflow by ID takes the place of the template group: the video transcodes, then plays.
    let third = make_file(dir.path(), "workflow.mp4", 40_000, 4);
    let lines = server.aliyun_json(&[
        "upload",
        "--workflow",
        vodesk_local::WORKFLOW_ID,
        third.to_str().unwrap(),
    ]);
    let r = result_for(&lines, third.to_str().unwrap());
    assert_eq!(r["status"], "done", "{r}");
    let id = r["asset_id"].as_str().unwrap();
    wait_status(&server, id, "Normal");
    assert_eq!(stored_md5(&server, id), md5_file(&third));

    // A new cover from an image file.
    let jpg = dir.path().join("new cover.jpg");
    let jpeg: &[u8] = b"\xFF\xD8\xFF\xE0 a stand-in JPEG body";
    std::fs::write(&jpg, jpeg).unwrap();
    server.aliyun_json(&["assets", "edit", &ids[0], "--cover", jpg.to_str().unwrap()]);
    let d = show(&server, &ids[0]);
    let (status, bytes) = http_get(d["cover_url"].as_str().expect("a cover URL"));
    assert_eq!((status, bytes.as_slice()), (200, jpeg));

    // Edit (tags replaced as a whole), block, delete.
    server.aliyun_json(&[
        "assets",
        "edit",
        &ids[0],
        "--title",
        "Night",
        "--tags",
        "dawn",
        "--category",
        &top,
    ]);
    let d = show(&server, &ids[0]);
    assert_eq!(d["title"], "Night");
    assert_eq!(d["tags"], serde_json::json!(["dawn"]));
    assert_eq!(d["category_id"].as_i64().unwrap().to_string(), top);
    server.aliyun_json(&["assets", "unpublish", &ids[0]]);
    assert_eq!(show(&server, &ids[0])["status"]["raw"], "Blocked");
    server.aliyun_json(&["assets", "delete", &ids[1]]);
    let r = Run::from(
        server
            .aliyun_cmd()
            .args(["assets", "show", &ids[1]])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(1), "a deleted video is gone: {}", r.stdout);
    r.assert_error("InvalidVideo.NotFound");
}

#[test]
fn bad_input_is_refused_in_alibaba_limits_before_anything_is_sent() {
    let server = Server::start_tencent(&[]);
    let dir = tempfile::tempdir().unwrap();
    let f = make_file(dir.path(), "x.mp4", 1000, 3);
    let path = f.to_str().unwrap();
    // Titles are counted in bytes: 42 Chinese characters fit (126 bytes), 43 do not.
    let fits = "影".repeat(42);
    let lines = server.aliyun_json(&["upload", "--title", &fits, path]);
    assert_eq!(result_for(&lines, path)["status"], "done");
    for (args, needle) in [
        (vec!["--title", &"影".repeat(43) as &str], "128 bytes"),
        (vec!["--description", &"d".repeat(1025)], "1024 bytes"),
        (vec!["--tags", &"t".repeat(33)], "32 bytes"),
        (
            vec!["--tags", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q"],
            "at most 16",
        ),
        (vec!["--auto-encrypt"], "encrypt"),
        (vec!["--workflow", "not an id!"], "not a workflow ID"),
        (
            vec!["--expire-at", "2099-01-01"],
            "--expire-at is not available",
        ),
    ] {
        let mut all = vec!["upload", "--again"];
        all.extend(args.iter().copied());
        all.push(path);
        let r = Run::from(server.aliyun_cmd().args(&all).output().unwrap());
        assert_eq!(r.code, Some(1), "{all:?}: {}", r.stderr);
        assert!(
            r.stderr.to_lowercase().contains(&needle.to_lowercase()),
            "{all:?}: expected {needle:?} in {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    // A well-formed workflow ID the account does not have: the service's refusal, one line.
    let r = Run::from(
        server
            .aliyun_cmd()
            .args(["upload", "--again", "--workflow", &"0".repeat(32), path])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("\"WorkflowId\" is not valid") && r.stderr.contains("1 failed"),
        "{}",
        r.stderr
    );
    let list = &server.aliyun_json(&["assets", "list"])[0];
    assert_eq!(list["assets"].as_array().unwrap().len(), 1, "{list}");
}

#[test]
fn two_hundred_files_under_injected_faults_on_the_alibaba_endpoints_end_byte_exact() {
    let server = Server::start_tencent(&["--no-throttle", "--faults", "0.2"]);
    let dir = tempfile::tempdir().unwrap();
    // Mostly single PUTs, a few OSS multipart uploads.
    let files: Vec<_> = (0..200)
        .map(|i| {
            let size = if i % 50 == 0 {
                12 * MIB
            } else {
                20_000 + i * 37
            };
            make_file(dir.path(), &format!("f{i:03}.mp4"), size, i as u64)
        })
        .collect();
    let lines = server.aliyun_json(&["upload", "--part-size", "1M", dir.path().to_str().unwrap()]);
    let mut ids = std::collections::HashSet::new();
    for f in &files {
        let r = result_for(&lines, f.to_str().unwrap());
        assert_eq!(r["status"], "done", "{r}");
        ids.insert(r["asset_id"].as_str().unwrap().to_string());
    }
    assert_eq!(ids.len(), 200, "one video per file");
    let list = &server.aliyun_json(&["assets", "list", "--size", "100"])[0];
    assert_eq!(list["total"], 200, "no other video: {}", list["total"]);
    // Byte-exact: a sample of small files and every multipart one.
    for (i, f) in files.iter().enumerate().filter(|(i, _)| i % 10 == 0) {
        let id = result_for(&lines, f.to_str().unwrap())["asset_id"]
            .as_str()
            .unwrap()
            .to_string();
        let mut md5 = String::new();
        for _ in 0..20 {
            let d = show(&server, &id);
            if let Some(url) = d["download_url"].as_str()
                && let Some((200, bytes)) = try_http_get(url)
            {
                md5 = md5_bytes(&bytes);
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(md5, md5_file(f), "file {i}");
    }
}

/// `vodesk upload` on Local-Alibaba, SIGKILLed after `after`.
fn killed_upload(server: &Server, path: &str, after: Duration) {
    let mut child = server
        .aliyun_cmd()
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
fn killed_uploads_continue_the_same_oss_upload_with_a_renewed_key() {
    // Keys of 3 s: the last trial resumes after its key has expired.
    let server =
        Server::start_tencent_env(&["--no-throttle"], &[("VODESK_LOCAL_ALIYUN_STS_SECS", "3")]);
    let dir = tempfile::tempdir().unwrap();
    let size = 24 * MIB;
    for (i, after_ms) in [300u64, 800, 1300, 1900, 2500].into_iter().enumerate() {
        let file = make_file(dir.path(), &format!("resumed{i}.mp4"), size, 77 + i as u64);
        let path = file.to_str().unwrap();
        killed_upload(&server, path, Duration::from_millis(after_ms));
        if i == 4 {
            std::thread::sleep(Duration::from_secs(4));
        }
        let jobs = Run::from(
            server
                .aliyun_cmd()
                .args(["--json", "uploads", "list"])
                .output()
                .unwrap(),
        );
        let jobs: serde_json::Value = serde_json::from_str(jobs.stdout.trim()).unwrap();
        let done_before = jobs
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["path"] == path)
            .map_or(0, |j| j["parts_done"].as_u64().unwrap_or(0));

        let r = Run::from(
            server
                .aliyun_cmd()
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
        wait_status(&server, id, "Normal");
        assert_eq!(stored_md5(&server, id), md5_file(&file), "trial {i}");
        let list = &server.aliyun_json(&["assets", "list", "--query", &format!("resumed{i}")])[0];
        assert_eq!(list["total"], 1, "trial {i}: one video: {list}");
    }
}
