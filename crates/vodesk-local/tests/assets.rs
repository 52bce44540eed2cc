//! Asset flows over real sockets: validation, create → PUT → confirm → details → download →
//! publish/unpublish → delete, lifecycle timing, multipart via the authority API, persistence.

mod common;

use std::time::Duration;

use base64::Engine;
use common::{Harness, get_url, put_url, q};
use md5::{Digest, Md5};
use serde_json::{Value, json};

fn media(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn b64_md5(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(data))
}

async fn create(c: &common::Client, extra: Value) -> common::Response {
    let mut body = json!({"title": "Demo 演示", "video_name": "demo.mp4", "video_type": "MP4",
                          "auto_publish": 0});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    c.post("/v1.0/{p}/asset", body).await
}

async fn details(c: &common::Client, id: &str) -> Value {
    let r = c
        .get("/v1.0/{p}/asset/details", &q(&[("asset_id", id)]))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body
}

async fn wait_for(c: &common::Client, id: &str, section: &str, field: &str, want: &str) -> Value {
    for _ in 0..60 {
        let d = details(c, id).await;
        if d[section][field] == want {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{section}.{field} of {id} never became {want}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_validation() {
    let h = Harness::start(true).await;
    let c = &h.client;
    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({"title": ""}), 400, "VOD.10053"),
        (json!({"title": "a".repeat(129)}), 400, "VOD.10053"),
        (json!({"title": "中".repeat(43)}), 400, "VOD.10053"),
        (json!({"description": "d".repeat(1025)}), 400, "VOD.10053"),
        (json!({"tags": vec!["t"; 17].join(",")}), 400, "VOD.10053"),
        (json!({"tags": "x".repeat(17)}), 400, "VOD.10053"),
        (json!({"video_type": "RMVB"}), 403, "VOD.10063"),
        (json!({"video_type": null}), 400, "VOD.10053"),
        (json!({"video_name": ""}), 400, "VOD.10053"),
        (json!({"category_id": 99999}), 403, "VOD.10064"),
        (
            json!({"template_group_name": "no-such-group"}),
            400,
            "VOD.10053",
        ),
        (
            json!({"auto_encrypt": 1, "template_group_name": "HD-MP4"}),
            400,
            "VOD.10053",
        ),
        (json!({"auto_encrypt": 1}), 400, "VOD.10053"),
        (
            json!({"workflow_name": "no-such-workflow"}),
            400,
            "VOD.10053",
        ),
        (json!({"auto_publish": 2}), 400, "VOD.10053"),
        (json!({"cover_type": "GIF"}), 400, "VOD.10053"),
        (
            json!({"video_md5": "d41d8cd98f00b204e9800998ecf8427e"}),
            400,
            "VOD.10053",
        ),
        (
            json!({"thumbnail": {"type": "time", "time": 101}}),
            400,
            "VOD.10053",
        ),
        (
            json!({"thumbnail": {"type": "quantity", "quantity": 11}}),
            400,
            "VOD.10053",
        ),
        (json!({"thumbnail": {"type": "dots"}}), 400, "VOD.10053"),
        (
            json!({"thumbnail": {"type": "sometimes"}}),
            400,
            "VOD.10053",
        ),
        (
            json!({"subtitles": [{"id": 9, "type": "SRT", "language": "CN"}]}),
            400,
            "VOD.10053",
        ),
        (
            json!({"subtitles": [{"id": 1, "type": "VTT", "language": "CN"}]}),
            400,
            "VOD.10053",
        ),
        (
            json!({"subtitles": [{"id": 1, "type": "SRT", "language": "DE"}]}),
            400,
            "VOD.10053",
        ),
    ];
    for (extra, status, code) in cases {
        let r = create(c, extra.clone()).await;
        assert_eq!(
            (r.status, r.code()),
            (status, code),
            "{extra}: {:?}",
            r.body
        );
    }
    // Boundaries that are fine.
    let ok = create(
        c,
        json!({"title": "中".repeat(42), "tags": vec!["标签"; 16].join(","),
               "category_id": 2, "template_group_name": "HD-HLS", "auto_encrypt": 1,
               "thumbnail": {"type": "quantity", "quantity": 10}, "cover_type": "PNG",
               "subtitles": [{"id": 8, "type": "SRT", "language": "EN"}], "video_type": "mp3"}),
    )
    .await;
    // Audio cannot carry subtitles.
    assert_eq!((ok.status, ok.code()), (400, "VOD.10053"));
    let ok = create(
        c,
        json!({"title": "中".repeat(42), "tags": vec!["标签"; 16].join(","),
               "category_id": 2, "template_group_name": "HD-HLS", "auto_encrypt": 1,
               "thumbnail": {"type": "quantity", "quantity": 10}, "cover_type": "PNG",
               "subtitles": [{"id": 8, "type": "SRT", "language": "EN"}]}),
    )
    .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    let id = ok.body["asset_id"].as_str().unwrap();
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(ok.body["subtitle_upload_urls"].as_array().unwrap().len(), 1);
    assert!(
        ok.body["cover_upload_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1")
    );
    assert_eq!(ok.body["target"]["location"], "local-1");
    // The built-in workflow, named without a template group, is accepted.
    let ok = create(c, json!({"workflow_name": vodesk_local::WORKFLOW_NAME})).await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_flow_create_upload_confirm_publish_delete() {
    let h = Harness::start(true).await;
    let c = &h.client;
    let data = media(300_000, 7);
    let r = create(
        c,
        json!({"video_md5": b64_md5(&data), "tags": "news,海岸", "category_id": 1,
                             "cover_type": "JPG"}),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["asset_id"].as_str().unwrap().to_string();
    let url = r.body["video_upload_url"].as_str().unwrap().to_string();
    let target = &r.body["target"];
    assert!(target["object"].as_str().unwrap().contains(&id));
    assert!(url.contains("AWSAccessKeyId=") && url.contains("Signature="));

    // Confirming before the upload fails clearly and leaves the asset CREATING.
    let early = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CREATED"}),
        )
        .await;
    assert_eq!(
        (early.status, early.code()),
        (403, "VOD.10060"),
        "{:?}",
        early.body
    );

    // Wrong Content-Type is refused by the object endpoint; the right one works.
    let bad = put_url(&url, "application/octet-stream", data.clone()).await;
    assert_eq!(bad.status().as_u16(), 403);
    let put = put_url(&url, "video/mp4", data.clone()).await;
    assert_eq!(put.status().as_u16(), 200);
    let cover = put_url(
        r.body["cover_upload_url"].as_str().unwrap(),
        "image/jpg",
        b"\xff\xd8jpeg".to_vec(),
    )
    .await;
    assert_eq!(cover.status().as_u16(), 200);

    // A publish before confirm reports per-asset status, not an HTTP error.
    let p = c
        .post(
            "/v1.0/{p}/asset/status/publish",
            json!({"asset_id": [id.clone(), "f".repeat(32)]}),
        )
        .await;
    assert_eq!(p.status, 200);
    assert_eq!(p.body["asset_info_array"][0]["status"], "CREATING");
    assert_eq!(p.body["asset_info_array"][1]["status"], "UNCREATED");

    let ok = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CREATED"}),
        )
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    assert_eq!(ok.body["asset_id"], id.as_str());
    let again = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CREATED"}),
        )
        .await;
    assert_eq!((again.status, again.code()), (403, "VOD.10061"));

    let d = details(c, &id).await;
    let base = &d["base_info"];
    assert_eq!(base["title"], "Demo 演示");
    assert_eq!(base["video_type"], "MP4");
    assert_eq!(base["category_id"], 1);
    assert_eq!(base["category_name"], "纪录片");
    assert_eq!(base["tags"], "news,海岸");
    assert_eq!(base["meta_data"]["video_size"], 300_000);
    assert_eq!(base["create_time"].as_str().unwrap().len(), 14);
    let (status, bytes) = get_url(base["sign_url"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(
        Md5::digest(&bytes),
        Md5::digest(&data),
        "sign_url returns the uploaded bytes"
    );
    let (_, cover_bytes) =
        get_url(base["cover_info_array"][0]["cover_url"].as_str().unwrap()).await;
    assert_eq!(cover_bytes, b"\xff\xd8jpeg");
    assert_eq!(d["transcode_info"]["transcode_status"], "UN_TRANSCODE");
    assert_eq!(d["review_info"]["review_status"], "UN_REVIEW");

    // Only some sections.
    let r = c
        .get(
            "/v1.0/{p}/asset/details",
            &q(&[("asset_id", &id), ("categories", "base_info")]),
        )
        .await;
    assert!(r.body.get("base_info").is_some() && r.body.get("transcode_info").is_none());

    // Duplication check with the hex MD5 of the first 1024 (and 1025) bytes.
    for n in [1024, 1025] {
        let r = c
            .get(
                "/v1.0/{p}/asset/duplication",
                &q(&[
                    ("size", "300000"),
                    ("md5", &hex::encode(Md5::digest(&data[..n]))),
                ]),
            )
            .await;
        assert_eq!(r.body["is_duplicated"], 1, "{n}");
        assert_eq!(r.body["asset_ids"][0], id.as_str());
    }
    let r = c
        .get(
            "/v1.0/{p}/asset/duplication",
            &q(&[
                ("size", "1"),
                ("md5", &hex::encode(Md5::digest(&data[..1024]))),
            ]),
        )
        .await;
    assert_eq!(r.body["is_duplicated"], 0);

    // List with filters.
    let r = c
        .get(
            "/v1.0/{p}/asset/list",
            &q(&[("status", "CREATED"), ("size", "10")]),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["assets"][0]["asset_status"], "CREATED");
    assert_eq!(r.body["assets"][0]["category"], "纪录片");
    for (k, v, n) in [
        ("status", "PUBLISHED", 0),
        ("tags", "海岸", 1),
        ("tags", "other", 0),
        ("query_string", "演示", 1),
        ("query_string", "纪录", 1),
        ("media_type", "MP3", 0),
        ("category_id", "1", 1),
        ("start_time", "20000101000000", 1),
        ("end_time", "20000101000000", 0),
    ] {
        let r = c.get("/v1.0/{p}/asset/list", &q(&[(k, v)])).await;
        assert_eq!(r.body["total"], n, "{k}={v}: {:?}", r.body);
    }
    let r = c.get("/v1.0/{p}/asset/list", &q(&[("size", "101")])).await;
    assert_eq!((r.status, r.code()), (400, "VOD.10053"));

    // Update metadata (204) with the same validation.
    let r = c
        .put(
            "/v1.0/{p}/asset/info",
            json!({"asset_id": id, "title": "New", "category_id": -1}),
        )
        .await;
    assert_eq!(r.status, 204, "{:?}", r.body);
    let r = c
        .put(
            "/v1.0/{p}/asset/info",
            json!({"asset_id": id, "tags": vec!["t"; 17].join(",")}),
        )
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10053"));
    let r = c
        .put(
            "/v1.0/{p}/asset/info",
            json!({"asset_id": id, "category_id": 4242}),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10064"));
    let r = c
        .put(
            "/v1.0/{p}/asset/info",
            json!({"asset_id": "0".repeat(32), "title": "x"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10062"));
    assert_eq!(details(c, &id).await["base_info"]["title"], "New");

    // Publish / unpublish.
    let p = c
        .post("/v1.0/{p}/asset/status/publish", json!({"asset_id": [id]}))
        .await;
    assert_eq!(p.body["asset_info_array"][0]["status"], "PUBLISHED");
    let r = c
        .get("/v1.0/{p}/asset/list", &q(&[("status", "PUBLISHED")]))
        .await;
    assert_eq!(r.body["total"], 1);
    let p = c
        .post(
            "/v1.0/{p}/asset/status/unpublish",
            json!({"asset_id": [id]}),
        )
        .await;
    assert_eq!(p.body["asset_info_array"][0]["status"], "CREATED");

    // Delete (comma-joined + unknown id) removes the object.
    let sign_url = details(c, &id).await["base_info"]["sign_url"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c
        .call(
            "DELETE",
            "/v1.0/{p}/asset",
            &q(&[("asset_id", &format!("{id},{}", "e".repeat(32)))]),
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    let results = r.body["delete_result_array"].as_array().unwrap();
    assert_eq!(results[0]["status"], "DELETED");
    assert_eq!(results[1]["status"], "FAILED");
    let r = c
        .get("/v1.0/{p}/asset/details", &q(&[("asset_id", &id)]))
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10062"));
    assert_eq!(get_url(&sign_url).await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn md5_mismatch_and_cancel() {
    let h = Harness::start(true).await;
    let c = &h.client;
    let data = media(5000, 1);
    let r = create(c, json!({"video_md5": b64_md5(b"something else")})).await;
    let id = r.body["asset_id"].as_str().unwrap().to_string();
    let put = put_url(
        r.body["video_upload_url"].as_str().unwrap(),
        "video/mp4",
        data,
    )
    .await;
    // The object endpoint may already refuse the body, or VOD refuses it at confirm time.
    if put.status().as_u16() == 200 {
        let r = c
            .post(
                "/v1.0/{p}/asset/status/uploaded",
                json!({"asset_id": id, "status": "CREATED"}),
            )
            .await;
        assert_eq!((r.status, r.code()), (400, "VOD.10053"), "{:?}", r.body);
        assert!(r.body["error_msg"].as_str().unwrap().contains("video_md5"));
    }
    let r = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CANCELLED"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let r = c
        .get("/v1.0/{p}/asset/list", &q(&[("status", "FAILED")]))
        .await;
    assert_eq!(r.body["total"], 1);
    let r = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CREATED"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10061"));
    let r = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "DONE"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10053"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transcoding_thumbnails_cover_and_restart() {
    let mut h = Harness::start(true).await;
    let data = media(70_000, 3);
    let r = create(
        &h.client,
        json!({"template_group_name": "HD-HLS", "auto_publish": 1,
               "thumbnail": {"type": "quantity", "quantity": 3, "cover_position": 2}}),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["asset_id"].as_str().unwrap().to_string();
    assert_eq!(
        put_url(
            r.body["video_upload_url"].as_str().unwrap(),
            "video/mp4",
            data.clone()
        )
        .await
        .status(),
        200
    );
    let r = h
        .client
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CREATED"}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);

    let d = details(&h.client, &id).await;
    assert!(
        matches!(
            d["transcode_info"]["transcode_status"].as_str(),
            Some("WAITING_TRANSCODE" | "TRANSCODING")
        ),
        "{d}"
    );
    // Deleting while processing is refused per item.
    let r = h
        .client
        .call("DELETE", "/v1.0/{p}/asset", &q(&[("asset_id", &id)]), None)
        .await;
    assert_eq!(r.body["delete_result_array"][0]["status"], "FAILED");

    // The service restarts mid-transcode; statuses continue from the stored timestamps.
    h.restart().await;
    let c = &h.client;
    let d = wait_for(
        c,
        &id,
        "transcode_info",
        "transcode_status",
        "TRANSCODE_SUCCEED",
    )
    .await;
    let outputs = d["transcode_info"]["output"].as_array().unwrap();
    assert_eq!(outputs.len(), 4, "HLS: master + 3 renditions");
    let (s, bytes) = get_url(outputs[1]["url"].as_str().unwrap()).await;
    assert_eq!((s, bytes == data), (200, true));
    let d = wait_for(
        c,
        &id,
        "thumbnail_info",
        "thumbnail_status",
        "THUMBNAIL_SUCCEED",
    )
    .await;
    let shots = d["thumbnail_info"]["quantity"].as_array().unwrap().clone();
    assert_eq!(shots.len(), 3);
    let (s, png) = get_url(shots[0]["url"].as_str().unwrap()).await;
    assert_eq!(s, 200);
    assert!(png.starts_with(b"\x89PNG"));
    assert_eq!(d["base_info"]["meta_data"]["video_size"], 70_000);

    // auto_publish=1 → PUBLISHED.
    let r = c
        .get("/v1.0/{p}/asset/list", &q(&[("asset_id", &id)]))
        .await;
    assert_eq!(r.body["assets"][0]["asset_status"], "PUBLISHED");
    assert_eq!(r.body["assets"][0]["transcode_status"], "TRANSCODE_SUCCEED");
    let r = c
        .get(
            "/v1.0/{p}/asset/list",
            &q(&[("status", "TRANSCODE_SUCCEED"), ("status", "CREATING")]),
        )
        .await;
    assert_eq!(r.body["total"], 1);

    // Set cover from a snapshot URL (204); an unknown URL is 400 VOD.10062.
    let third = shots[2]["url"].as_str().unwrap();
    let r = c
        .put("/v1.0/{p}/asset/cover", json!({"thumbnailUrl": third}))
        .await;
    assert_eq!(r.status, 204, "{:?}", r.body);
    let cover = details(c, &id).await["base_info"]["cover_info_array"][0]["cover_url"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(cover.contains("quantity_3.png"), "{cover}");
    let r = c
        .put(
            "/v1.0/{p}/asset/cover",
            json!({"thumbnailUrl": "http://127.0.0.1:1/x/y.png"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10062"));

    // Replace the video (PUT /asset), upload and confirm: the new bytes become the original.
    let newer = media(12_345, 9);
    let r = c
        .put(
            "/v1.0/{p}/asset",
            json!({"asset_id": id, "video_type": "MOV"}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let url = r.body["video_upload_url"].as_str().unwrap();
    assert_eq!(put_url(url, "video/mov", newer.clone()).await.status(), 200);
    let r = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CREATED"}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let d = details(c, &id).await;
    assert_eq!(d["base_info"]["video_type"], "MOV");
    let (_, bytes) = get_url(d["base_info"]["sign_url"].as_str().unwrap()).await;
    assert_eq!(bytes, newer);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn multipart_through_authority() {
    let h = Harness::start(true).await;
    let c = &h.client;
    let r = create(c, json!({})).await;
    let id = r.body["asset_id"].as_str().unwrap().to_string();
    let bucket = r.body["target"]["bucket"].as_str().unwrap().to_string();
    let object = r.body["target"]["object"].as_str().unwrap().to_string();
    let auth = |extra: Vec<(&'static str, String)>| {
        let mut query = q(&[("bucket", &bucket), ("object_key", &object)]);
        query.extend(extra);
        query
    };

    // Not an upload target → VOD.10053.
    let r = c
        .get(
            "/v1.1/{p}/asset/authority",
            &q(&[
                ("http_verb", "POST"),
                ("bucket", "other"),
                ("object_key", &object),
            ]),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10053"));

    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let r = c
        .get(
            "/v1.1/{p}/asset/authority",
            &auth(q(&[("http_verb", "POST"), ("content_type", "video/mp4")])),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let init = http
        .post(r.body["sign_str"].as_str().unwrap())
        .header("content-type", "video/mp4")
        .send()
        .await
        .unwrap();
    assert_eq!(init.status().as_u16(), 200);
    let xml = init.text().await.unwrap();
    let upload_id = xml
        .split("<UploadId>")
        .nth(1)
        .unwrap()
        .split("</UploadId>")
        .next()
        .unwrap()
        .to_string();

    let part1 = media(5 * 1024 * 1024, 1);
    let part2 = media(1000, 2);
    let mut etags = Vec::new();
    for (n, part) in [(1, &part1), (2, &part2)] {
        let md5 = b64_md5(part);
        let r = c
            .get(
                "/v1.1/{p}/asset/authority",
                &auth(q(&[
                    ("http_verb", "PUT"),
                    ("upload_id", &upload_id),
                    ("part_number", &n.to_string()),
                    ("content_md5", &md5),
                    ("content_type", "application/octet-stream"),
                ])),
            )
            .await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        let resp = http
            .put(r.body["sign_str"].as_str().unwrap())
            .header("content-md5", &md5)
            .header("content-type", "application/octet-stream")
            .body(part.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        etags.push(resp.headers()["etag"].to_str().unwrap().to_string());
    }
    let r = c
        .get(
            "/v1.1/{p}/asset/authority",
            &auth(q(&[("http_verb", "POST"), ("upload_id", &upload_id)])),
        )
        .await;
    let complete = format!(
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{}</ETag></Part>\
         <Part><PartNumber>2</PartNumber><ETag>{}</ETag></Part></CompleteMultipartUpload>",
        etags[0], etags[1]
    );
    let resp = http
        .post(r.body["sign_str"].as_str().unwrap())
        .body(complete)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        200,
        "{}",
        resp.text().await.unwrap()
    );

    // Legacy v1.0 returns only the signature fragment.
    let r = c
        .get(
            "/v1.0/{p}/asset/authority",
            &auth(q(&[("http_verb", "GET"), ("upload_id", &upload_id)])),
        )
        .await;
    let frag = r.body["sign_str"].as_str().unwrap();
    assert!(
        frag.starts_with("AWSAccessKeyId=") && frag.contains("Signature="),
        "{frag}"
    );

    let r = c
        .post(
            "/v1.0/{p}/asset/status/uploaded",
            json!({"asset_id": id, "status": "CREATED"}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let d = details(c, &id).await;
    let (_, bytes) = get_url(d["base_info"]["sign_url"].as_str().unwrap()).await;
    let mut whole = part1.clone();
    whole.extend_from_slice(&part2);
    assert_eq!(bytes.len(), whole.len());
    assert!(bytes == whole);

    // After confirm the object is no longer an upload target.
    let r = c
        .get(
            "/v1.1/{p}/asset/authority",
            &auth(q(&[("http_verb", "POST"), ("content_type", "video/mp4")])),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10053"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_import_and_url_pull() {
    let h = Harness::start(true).await;
    let c = &h.client;
    let r = c
        .put(
            "/v1.0/{p}/asset/authority",
            json!({"bucket": "no-such-bucket", "operation": "1"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10053"));

    // Put a source object into the VOD bucket's sibling: use an upload URL to create a file first.
    let r = create(c, json!({})).await;
    let bucket = r.body["target"]["bucket"].as_str().unwrap().to_string();
    let object = r.body["target"]["object"].as_str().unwrap().to_string();
    let data = media(4096, 5);
    assert_eq!(
        put_url(
            r.body["video_upload_url"].as_str().unwrap(),
            "video/mp4",
            data.clone()
        )
        .await
        .status(),
        200
    );

    let repro = json!({"title": "Imported", "video_type": "MP4", "auto_publish": 0,
                       "input": {"bucket": bucket, "location": "local-1", "object": object}});
    let r = c.post("/v1.0/{p}/asset/reproduction", repro.clone()).await;
    assert_eq!(
        (r.status, r.code()),
        (400, "VOD.10053"),
        "bucket not authorized yet"
    );
    let r = c
        .put(
            "/v1.0/{p}/asset/authority",
            json!({"bucket": bucket, "operation": "1"}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let mut missing = repro.clone();
    missing["input"]["object"] = json!("nope.mp4");
    let r = c.post("/v1.0/{p}/asset/reproduction", missing).await;
    assert_eq!((r.status, r.code()), (400, "VOD.10003"));
    let r = c.post("/v1.0/{p}/asset/reproduction", repro).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let new_id = r.body["asset_id"].as_str().unwrap().to_string();
    let d = details(c, &new_id).await;
    let (_, bytes) = get_url(d["base_info"]["sign_url"].as_str().unwrap()).await;
    assert_eq!(bytes, data);

    // URL pull: only this service's object endpoint; the URL must end with the extension.
    let src = d["base_info"]["sign_url"].as_str().unwrap().to_string();
    let items = json!({"upload_metadatas": [
        {"video_type": "MP4", "title": "pulled", "url": src},
        {"video_type": "MP4", "title": "remote", "url": "http://example.com/a.mp4"},
        {"video_type": "MP4", "title": "noext", "url": format!("{}/x/y", h.object_endpoint())},
    ]});
    let r = c.post("/v1.0/{p}/asset/upload_by_url", items).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let res = r.body["upload_assets"].as_array().unwrap();
    assert_eq!(res[0]["error_code"], Value::Null, "{:?}", res[0]);
    assert_eq!(res[1]["error_code"], "VOD.10053");
    assert_eq!(res[2]["error_code"], "VOD.10053");
    let pulled = res[0]["asset_id"].as_str().unwrap();
    let d = details(c, pulled).await;
    let (_, bytes) = get_url(d["base_info"]["sign_url"].as_str().unwrap()).await;
    assert_eq!(bytes, data);
    let too_many: Vec<Value> = (0..17)
        .map(|_| json!({"video_type": "MP4", "title": "t", "url": "http://x/a.mp4"}))
        .collect();
    let r = c
        .post(
            "/v1.0/{p}/asset/upload_by_url",
            json!({"upload_metadatas": too_many}),
        )
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10053"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_survives_restart() {
    let mut h = Harness::start(true).await;
    let r = create(&h.client, json!({"title": "persist"})).await;
    let id = r.body["asset_id"].as_str().unwrap().to_string();
    let r = h
        .client
        .post("/v1.0/{p}/asset/category", json!({"name": "Kept"}))
        .await;
    let cat = r.body["id"].as_i64().unwrap();
    h.restart().await;
    let d = details(&h.client, &id).await;
    assert_eq!(d["base_info"]["title"], "persist");
    let r = h
        .client
        .get("/v1.0/{p}/asset/category", &q(&[("id", &cat.to_string())]))
        .await;
    assert_eq!(r.body[0]["name"], "Kept");
    let r = h
        .client
        .get("/v1.0/{p}/asset/template_group/transcodings", &[])
        .await;
    let names: Vec<&str> = r.body["template_group_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"no_transcoding") && names.contains(&"HD-HLS"),
        "{names:?}"
    );
    assert_eq!(
        r.body["template_group_list"][0]["type"],
        "non_transcoding_template_group"
    );
    let r = h
        .client
        .get("/v2/{p}/asset/template/transcodings", &q(&[("limit", "2")]))
        .await;
    assert_eq!(r.body["total"], 4);
    assert_eq!(r.body["template_group_list"].as_array().unwrap().len(), 2);
}
