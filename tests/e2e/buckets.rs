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
