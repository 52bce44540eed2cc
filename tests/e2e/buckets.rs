use crate::common::*;
use vodesk_core::storage::Credentials;
use vodesk_core::storage::client::{ObsClient, ObsConfig, PresignSpec};

fn obs(server: &Server) -> ObsClient {
    ObsClient::new(ObsConfig::new(
        server.object_endpoint.clone(),
        Credentials::new(AK, SK),
    ))
    .unwrap()
}

#[test]
fn buckets_objects_authorize_and_import() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let clip = make_file(dir.path(), "source.mp4", 500_000, 7);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = obs(&server);
    rt.block_on(async {
        client.create_bucket("media-in", None).await.unwrap();
        client
            .put_object(
                "media-in",
                "2026/海岸/source clip.mp4",
                &clip,
                Some("video/mp4"),
            )
            .await
            .unwrap();
        client
            .put_object("media-in", "2026/readme.txt", &clip, None)
            .await
            .unwrap();
    });

    let buckets = server.json(&["buckets", "list"]);
    assert!(
        buckets
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["name"] == "media-in"),
        "{buckets}"
    );

    let top = server.json(&["objects", "media-in"]);
    assert_eq!(top["common_prefixes"][0], "2026/");
    let inner = server.json(&["objects", "media-in", "--prefix", "2026/"]);
    let keys: Vec<&str> = inner["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["2026/readme.txt"]);
    assert_eq!(inner["common_prefixes"][0], "2026/海岸/");
    let paged = server.json(&["objects", "media-in", "--recursive", "--max-keys", "1"]);
    assert_eq!(paged["objects"].as_array().unwrap().len(), 1);
    assert_eq!(paged["is_truncated"], true);

    // Importing before authorizing is refused; after authorizing it works.
    let r = server.run(&["import", "media-in", "2026/海岸/source clip.mp4"]);
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    server.json(&["buckets", "authorize", "media-in"]);
    let imported = server.json(&[
        "import",
        "media-in",
        "2026/海岸/source clip.mp4",
        "--title",
        "Imported {name}",
    ]);
    let id = imported["asset_id"].as_str().expect("asset id").to_string();
    let d = server.json(&["assets", "show", &id]);
    assert_eq!(d["title"], "Imported source clip");
    let url = d["download_url"].as_str().unwrap();
    let (status, bytes) = http_get(url);
    assert_eq!(status, 200);
    assert_eq!(md5_bytes(&bytes), md5_file(&clip));

    server
        .run(&["import", "media-in", "2026/missing.mp4"])
        .assert_error("VOD.10003");
    server
        .run(&["import", "media-in", "2026/readme.txt"])
        .assert_error("not a supported media file");
    server
        .run(&["objects", "no-such-bucket"])
        .assert_error("NoSuchBucket");

    // Import by URL pulls from the local object endpoint.
    let url = client
        .presign_url(&PresignSpec {
            method: "GET",
            bucket: "media-in",
            key: Some("2026/海岸/source clip.mp4"),
            query: &[],
            content_type: None,
            content_md5: None,
            expires_in_secs: 600,
        })
        .unwrap();
    let url_lines = server.json_lines(&["import", "--url", &url]);
    assert!(url_lines[0]["asset_id"].is_string(), "{url_lines:?}");
}

/// An unfinished upload of `key` in the bucket media-in, with parts of `parts` bytes.
async fn begin(server: &Server, key: &str, parts: &[usize]) -> String {
    let endpoint = &server.object_endpoint;
    crate::unfinished::begin(endpoint, (AK, SK), "media-in", key, parts).await
}

#[test]
fn unfinished_uploads_are_listed_with_their_parts_and_aborted() {
    let server = Server::start(&[]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = obs(&server);
    let (crashed, left) = rt.block_on(async {
        client.create_bucket("media-in", None).await.unwrap();
        let a = begin(&server, "2026/海岸 take 1.mp4", &[300_000, 200_000]).await;
        let b = begin(&server, "2026/b.mp4", &[100_000]).await;
        (a, b)
    });

    let listed = server.json(&["buckets", "uploads", "media-in"]);
    let rows = listed.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{listed}");
    let first = rows
        .iter()
        .find(|u| u["upload_id"] == crashed.as_str())
        .unwrap();
    assert_eq!(first["key"], "2026/海岸 take 1.mp4");
    assert_eq!(
        (first["parts"].as_u64(), first["bytes"].as_u64()),
        (Some(2), Some(500_000))
    );
    assert_eq!(first["aborted"], false);
    assert!(
        first["initiated"]
            .as_str()
            .is_some_and(|t| t.starts_with("20"))
    );

    // The human table, and an id that is not there refused in one sentence.
    let human = server.run(&["buckets", "uploads", "media-in"]);
    assert!(
        human.stdout.contains("2026/海岸 take 1.mp4"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("2 unfinished, 0 aborted"),
        "{}",
        human.stdout
    );
    let r = server.run(&["buckets", "uploads", "media-in", "--abort", "nope"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("no unfinished upload with that id"),
        "{}",
        r.stderr
    );
    let r = server.run(&["buckets", "uploads", "media-in", "--abort-older-than", "7w"]);
    assert!(r.stderr.contains("is not an age"), "{}", r.stderr);

    // Nothing is seven days old; one is aborted by its id.
    let none = server.json(&["buckets", "uploads", "media-in", "--abort-older-than", "7d"]);
    assert!(
        none.as_array()
            .unwrap()
            .iter()
            .all(|u| u["aborted"] == false)
    );
    let one = server.json(&["buckets", "uploads", "media-in", "--abort", &crashed]);
    let aborted: Vec<&str> = one
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["aborted"] == true)
        .map(|u| u["upload_id"].as_str().unwrap())
        .collect();
    assert_eq!(aborted, [crashed.as_str()]);
    let after = server.json(&["buckets", "uploads", "media-in"]);
    let ids: Vec<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["upload_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [left.as_str()],
        "the aborted upload is gone from the service"
    );
    // Everything started before now (0 minutes old and more) goes.
    server.json(&["buckets", "uploads", "media-in", "--abort-older-than", "0m"]);
    assert_eq!(
        server.json(&["buckets", "uploads", "media-in"]),
        serde_json::json!([])
    );
    let empty = server.run(&["buckets", "uploads", "media-in"]);
    assert!(
        empty.stdout.contains("media-in has no unfinished uploads"),
        "{}",
        empty.stdout
    );
}
