use crate::common::*;

/// 1 MiB goes up in one PUT, 60 MiB through multipart; both come back byte for byte.
#[test]
fn uploads_single_and_multipart_and_bytes_match() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let small = make_file(dir.path(), "small clip.mp4", 1024 * 1024, 1);
    let big = make_file(dir.path(), "大文件.mov", 60 * 1024 * 1024, 2);
    let lines = server.json_lines(&[
        "upload",
        "--title",
        "{name} upload",
        "--tags",
        "e2e,海岸",
        small.to_str().unwrap(),
        big.to_str().unwrap(),
    ]);
    let files: Vec<_> = lines.iter().filter(|l| l.get("path").is_some()).collect();
    assert_eq!(files.len(), 2, "{lines:?}");
    let summary = lines
        .iter()
        .find(|l| l.get("summary").is_some())
        .expect("summary line");
    assert_eq!(summary["summary"]["uploaded"], 2);
    assert_eq!(summary["summary"]["failed"], 0);
    for (line, path, title) in [
        (files[0], &small, "small clip upload"),
        (files[1], &big, "大文件 upload"),
    ] {
        assert_eq!(line["status"], "done");
        let id = line["asset_id"].as_str().expect("asset id");
        let d = server.json(&["assets", "show", id]);
        assert_eq!(d["title"], title);
        assert_eq!(d["tags"], serde_json::json!(["e2e", "海岸"]));
        let url = d["download_url"].as_str().expect("download url");
        let (status, bytes) = http_get(url);
        assert_eq!(status, 200);
        assert_eq!(bytes.len() as u64, std::fs::metadata(path).unwrap().len());
        assert_eq!(
            md5_bytes(&bytes),
            md5_file(path),
            "stored bytes differ for {}",
            path.display()
        );
    }
    // auto_publish is on by default.
    let list = server.json(&["assets", "list", "--status", "PUBLISHED"]);
    assert_eq!(list["total"], 2);
}

/// A folder is walked; non-media files inside it are left out, media files uploaded.
#[test]
fn uploads_a_folder_and_skips_duplicates_on_request() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    make_file(dir.path(), "a/one.mp4", 200_000, 3);
    make_file(dir.path(), "a/b/two.mp3", 100_000, 4);
    std::fs::write(dir.path().join("a/notes.txt"), "not media").unwrap();
    let lines = server.json_lines(&[
        "upload",
        "--no-auto-publish",
        dir.path().join("a").to_str().unwrap(),
    ]);
    let done: Vec<_> = lines.iter().filter(|l| l["status"] == "done").collect();
    assert_eq!(done.len(), 2, "{lines:?}");
    // The text file is named, with the reason, not dropped without a word.
    let left_out = result_for(&lines, dir.path().join("a/notes.txt").to_str().unwrap());
    assert_eq!(left_out["status"], "not_media", "{lines:?}");
    assert_eq!(left_out["note"], "not a media format VOD takes (.txt)");
    let summary = lines
        .iter()
        .find_map(|l| l.get("summary"))
        .expect("summary");
    assert_eq!(summary["not_media"], 1);
    assert_eq!(
        server.json(&["assets", "list", "--status", "unpublished"])["total"],
        2
    );
    // The same folder again with --skip-duplicates creates nothing new (--again: past this
    // account's own record of the files, so the service's duplicate check decides).
    let again = server.json_lines(&[
        "upload",
        "--again",
        "--skip-duplicates",
        dir.path().join("a").to_str().unwrap(),
    ]);
    assert_eq!(
        again.iter().filter(|l| l["status"] == "skipped").count(),
        2,
        "{again:?}"
    );
    assert_eq!(server.asset_total(), 2);
    // People read it too.
    make_file(dir.path(), "c/three.mp4", 1000, 7);
    std::fs::write(dir.path().join("c/shot list.docx"), "x").unwrap();
    let r = server.run(&["upload", dir.path().join("c").to_str().unwrap()]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("shot list.docx  left out: not a media format VOD takes (.docx)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("1 file in the folders is not media and was left out"),
        "{}",
        r.stderr
    );
}

/// Cover and subtitles travel with the asset.
#[test]
fn uploads_cover_and_subtitles() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let clip = make_file(dir.path(), "clip.mp4", 300_000, 5);
    let cover = make_file(dir.path(), "cover.jpg", 2000, 6);
    let srt = dir.path().join("clip.srt");
    std::fs::write(&srt, "1\n00:00:00,000 --> 00:00:01,000\nhello\n").unwrap();
    let lines = server.json_lines(&[
        "upload",
        "--cover",
        cover.to_str().unwrap(),
        "--subtitle",
        &format!("en:1:{}", srt.display()),
        clip.to_str().unwrap(),
    ]);
    let id = lines[0]["asset_id"].as_str().expect("asset id");
    assert_cover_and_subtitle(&server, id, &cover, &srt);
}
