use crate::common::*;

#[test]
fn categories_and_templates() {
    let server = Server::start(&[]);
    let tree = server.json(&["categories", "list"]);
    assert!(
        !tree.as_array().unwrap().is_empty(),
        "default categories exist"
    );

    let top = server.json(&["categories", "add", "电影"]);
    let top_id = top["id"].as_i64().unwrap().to_string();
    let mid = server.json(&["categories", "add", "动作", "--parent", &top_id]);
    let mid_id = mid["id"].as_i64().unwrap().to_string();
    let low = server.json(&["categories", "add", "港片", "--parent", &mid_id]);
    let low_id = low["id"].as_i64().unwrap().to_string();
    server
        .run(&["categories", "add", "太深", "--parent", &low_id])
        .assert_error("VOD.10066");

    let tree = server.json(&["categories", "list"]);
    let found = find(&tree, "港片").expect("third level listed");
    assert_eq!(found["id"].as_i64().unwrap().to_string(), low_id);

    server.json(&["categories", "rename", &top_id, "Movies"]);
    let tree = server.json(&["categories", "list"]);
    assert!(find(&tree, "Movies").is_some());
    assert!(find(&tree, "电影").is_none());

    server
        .run(&["categories", "add", &"长".repeat(22)])
        .assert_error("64 bytes");
    server
        .run(&["categories", "rename", "999999", "x"])
        .assert_error("VOD.10064");

    server.json(&["categories", "remove", &low_id]);
    let tree = server.json(&["categories", "list"]);
    assert!(find(&tree, "港片").is_none());

    // Uploading into a category that does not exist is refused by the service.
    let dir = tempfile::tempdir().unwrap();
    let f = make_file(dir.path(), "c.mp4", 1000, 9);
    server
        .run(&["upload", "--category", "424242", f.to_str().unwrap()])
        .code
        .filter(|c| *c == 1)
        .expect("fails");
    assert_eq!(server.asset_total(), 0, "nothing created");

    let groups = server.json(&["templates", "list"]);
    let groups = groups.as_array().unwrap();
    assert!(
        groups.iter().any(|g| g["transcodes"] == false),
        "{groups:?}"
    );
    assert!(groups.len() >= 2);
}
