use crate::common::*;

fn upload_one(server: &Server, dir: &std::path::Path, name: &str, extra: &[&str]) -> String {
    let f = make_file(dir, name, 150_000, name.len() as u64);
    let mut args = vec!["upload"];
    args.extend_from_slice(extra);
    let p = f.to_str().unwrap().to_string();
    args.push(&p);
    let lines = server.json_lines(&args);
    lines[0]["asset_id"].as_str().expect("asset id").to_string()
}

#[test]
fn list_show_publish_unpublish_edit_delete() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let a = upload_one(&server, dir.path(), "alpha.mp4", &["--no-auto-publish"]);
    let b = upload_one(&server, dir.path(), "beta.mp4", &["--no-auto-publish"]);

    let list = server.json(&["assets", "list", "--query", "alpha"]);
    assert_eq!(list["total"], 1);
    assert_eq!(list["assets"][0]["id"], a.as_str());
    assert_eq!(list["assets"][0]["status"]["raw"], "CREATED");

    let published = server.json_lines(&["assets", "publish", &a, &b]);
    assert_eq!(published.len(), 2);
    assert!(
        published.iter().all(|p| p["status"]["raw"] == "PUBLISHED"),
        "{published:?}"
    );
    assert_eq!(
        server.json(&["assets", "list", "--status", "PUBLISHED"])["total"],
        2
    );

    let un = server.json_lines(&["assets", "unpublish", &b]);
    assert_eq!(un[0]["status"]["raw"], "CREATED");

    let r = server.run(&[
        "assets",
        "edit",
        &a,
        "--title",
        "Alpha renamed",
        "--tags",
        "x,y",
        "--description",
        "desc",
    ]);
    assert!(r.ok(), "{}", r.stderr);
    let d = server.json(&["assets", "show", &a]);
    assert_eq!(d["title"], "Alpha renamed");
    assert_eq!(d["tags"], serde_json::json!(["x", "y"]));
    assert_eq!(d["description"], "desc");

    let del = server.json_lines(&["assets", "delete", &a]);
    assert_eq!(del[0]["status"]["raw"], "DELETED");
    server
        .run(&["assets", "show", &a])
        .assert_error("VOD.10062");
    assert_eq!(server.asset_total(), 1);
}

#[test]
fn people_read_the_status_and_local_times_json_keeps_the_raw_values() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let a = upload_one(&server, dir.path(), "gamma.mp4", &["--no-auto-publish"]);
    let d = server.json(&["assets", "show", &a]);
    let raw = d["created_at"].as_str().expect("created_at in UTC");
    let created: chrono::DateTime<chrono::Utc> = raw.parse().expect("an RFC 3339 time");
    // A POSIX zone eight hours east of UTC (no tz database needed).
    let local = (created + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let in_zone = |args: &[&str]| {
        let out = server.cmd().env("TZ", "CST-8").args(args).output();
        Run::from(out.expect("vodesk runs"))
    };
    let show = in_zone(&["assets", "show", &a]);
    assert!(show.ok(), "{}", show.stderr);
    assert!(
        show.stdout.contains("status:       unpublished (CREATED)"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains(&format!("created:      {local}")),
        "{local} in {}",
        show.stdout
    );
    let list = in_zone(&["assets", "list"]);
    assert!(list.stdout.contains(&local), "{local} in {}", list.stdout);
}

#[test]
fn error_cases_are_one_sentence_with_the_code() {
    let server = Server::start(&[]);
    server
        .run(&["assets", "show", "0123456789abcdef0123456789abcdef"])
        .assert_error("VOD.10062");
    server
        .run(&[
            "assets",
            "edit",
            "0123456789abcdef0123456789abcdef",
            "--title",
            "x",
        ])
        .assert_error("VOD.10062");
    server
        .run(&["assets", "edit", "someid"])
        .assert_error("nothing to change");
    server
        .run(&["assets", "list", "--size", "101"])
        .assert_error("--size");
    server
        .run(&["assets", "list", "--since", "yesterday"])
        .assert_error("--since");
    // Unknown ids are reported per item by publish; the command fails.
    let r = server.run(&["assets", "publish", "ffffffffffffffffffffffffffffffff"]);
    assert_eq!(r.code, Some(1), "{}", r.stdout);
}

#[test]
fn transcoding_with_a_template_group_reaches_success() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let groups = server.json(&["templates", "list"]);
    let group = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["transcodes"] == true)
        .expect("a transcoding group")["name"]
        .as_str()
        .unwrap()
        .to_string();
    let id = upload_one(
        &server,
        dir.path(),
        "gamma.mp4",
        &["--template-group", &group],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let d = server.json(&["assets", "show", &id]);
        if d["transcode"]["raw"] == "TRANSCODE_SUCCEED" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "transcode never finished: {d}"
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
}
