use crate::common::*;

/// Every validation rule of the form is enforced before any request: one sentence naming the
/// field, exit code 1, and nothing created on the service.
#[test]
fn metadata_rules_refuse_before_sending() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let f = make_file(dir.path(), "ok.mp4", 1000, 1);
    let f = f.to_str().unwrap();
    let cover_gif = make_file(dir.path(), "c.gif", 100, 2);
    let srt_missing = dir.path().join("missing.srt");
    let long_title = "题".repeat(43);
    let seventeen_tags = (0..17)
        .map(|i| format!("t{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--title".into(), long_title], "--title"),
        (vec!["--title".into(), "  ".into()], "--title"),
        (
            vec!["--description".into(), "d".repeat(1025)],
            "--description",
        ),
        (vec!["--tags".into(), seventeen_tags], "--tags"),
        (vec!["--tags".into(), "海岸线海岸线".into()], "--tags"),
        (
            vec![
                "--thumbnail".into(),
                "time".into(),
                "--thumbnail-interval".into(),
                "101".into(),
            ],
            "--thumbnail-interval",
        ),
        (
            vec![
                "--thumbnail".into(),
                "quantity".into(),
                "--thumbnail-quantity".into(),
                "11".into(),
            ],
            "--thumbnail-quantity",
        ),
        (
            vec!["--thumbnail".into(), "quantity".into()],
            "--thumbnail-quantity",
        ),
        (
            vec!["--thumbnail".into(), "dots".into()],
            "--thumbnail-dots",
        ),
        (
            vec![
                "--thumbnail".into(),
                "dots".into(),
                "--thumbnail-dots".into(),
                "1,x".into(),
            ],
            "--thumbnail-dots",
        ),
        (
            vec![
                "--thumbnail".into(),
                "time".into(),
                "--aspect-ratio".into(),
                "2".into(),
            ],
            "--thumbnail-aspect-ratio",
        ),
        (
            vec!["--thumbnail-interval".into(), "5".into()],
            "--thumbnail",
        ),
        (vec!["--auto-encrypt".into()], "--auto-encrypt"),
        (
            vec!["--cover".into(), cover_gif.to_str().unwrap().into()],
            "--cover",
        ),
        (
            vec![
                "--cover".into(),
                dir.path().join("none.jpg").to_str().unwrap().into(),
            ],
            "--cover",
        ),
        (
            vec![
                "--subtitle".into(),
                format!("en:9:{}", srt_missing.display()),
            ],
            "--subtitle",
        ),
        (
            vec![
                "--subtitle".into(),
                format!("fr:1:{}", srt_missing.display()),
            ],
            "--subtitle",
        ),
        (vec!["--subtitle".into(), "en-1".into()], "--subtitle"),
        (
            vec![
                "--subtitle".into(),
                format!("en:1:{}", srt_missing.display()),
            ],
            "missing.srt",
        ),
        (
            vec!["--template-group".into(), "".into()],
            "--template-group",
        ),
    ];
    for (opts, needle) in cases {
        let mut args: Vec<&str> = vec!["upload"];
        args.extend(opts.iter().map(String::as_str));
        args.push(f);
        server.run(&args).assert_error(needle);
    }
    // The service checks what only it knows: an unknown template group.
    let r = server.run(&["upload", "--template-group", "no-such-group", f]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("VOD."), "{}", r.stderr);
    assert_eq!(server.asset_total(), 0, "nothing was created");
}

#[test]
fn bad_paths_are_refused() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.mp4");
    std::fs::write(&empty, b"").unwrap();
    let txt = make_file(dir.path(), "notes.txt", 10, 1);
    let no_media = dir.path().join("nomedia");
    std::fs::create_dir(&no_media).unwrap();
    std::fs::write(no_media.join("readme.md"), "x").unwrap();
    let good = make_file(dir.path(), "good.mp4", 1000, 2);
    server
        .run(&["upload", dir.path().join("missing.mp4").to_str().unwrap()])
        .assert_error("does not exist");
    server
        .run(&["upload", empty.to_str().unwrap()])
        .assert_error("empty (0 bytes)");
    server
        .run(&["upload", txt.to_str().unwrap()])
        .assert_error("not a supported media file");
    // A folder with nothing to upload: what was left out is named, then the one error.
    let r = server.run(&["upload", no_media.to_str().unwrap()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(lines[0].ends_with("readme.md  left out: not a media format VOD takes (.md)"));
    assert!(lines[1].starts_with("error: no media files found in the given folders"));
    // One bad file in a batch stops the batch before anything is sent.
    server
        .run(&["upload", good.to_str().unwrap(), empty.to_str().unwrap()])
        .assert_error("empty.mp4");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = make_file(dir.path(), "locked.mp4", 100, 3);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // root can read anything; only check when the permission bites.
        if std::fs::File::open(&locked).is_err() {
            server
                .run(&["upload", locked.to_str().unwrap()])
                .assert_error("permission");
        }
    }
    assert_eq!(server.asset_total(), 0);
}

#[test]
fn wrong_secret_key_and_unreachable_endpoint() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let good = make_file(dir.path(), "good.mp4", 1000, 2);
    let r = Run::from(
        server
            .cmd()
            .env(
                "HUAWEICLOUD_SDK_SK",
                "WrongSecretKey000000000000000000000000000",
            )
            .args(["upload", good.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("signature rejected") && r.stderr.contains("secret key"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("APIGW.0301"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("WrongSecretKey"),
        "the secret must never be printed"
    );
    let r = Run::from(
        server
            .cmd()
            .env(
                "HUAWEICLOUD_SDK_SK",
                "WrongSecretKey000000000000000000000000000",
            )
            .args(["assets", "list"])
            .output()
            .unwrap(),
    );
    r.assert_error("signature rejected");

    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = Run::from(
        server
            .cmd()
            .env("VODESK_ENDPOINT", format!("http://127.0.0.1:{port}"))
            .args(["assets", "list"])
            .output()
            .unwrap(),
    );
    r.assert_error("could not be reached");
    let r = Run::from(
        server
            .cmd()
            .env("VODESK_ENDPOINT", "not a url")
            .args(["assets", "list"])
            .output()
            .unwrap(),
    );
    r.assert_error("VODESK_ENDPOINT");
    assert_eq!(server.asset_total(), 0);
}
