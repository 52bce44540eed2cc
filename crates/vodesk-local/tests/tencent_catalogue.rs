//! The catalogue over sockets: SearchMedia (text, names, class subtrees, tags, status, paging,
//! sort), class CRUD with its 4-level limit, task flows (DescribeProcedureTemplates,
//! ProcessMediaByProcedure), and PullUpload followed to FINISH.

mod tencent_common;

use std::time::Duration;

use serde_json::{Value, json};
use tencent_common::*;

async fn class(tc: &Tc, parent: i64, name: &str) -> i64 {
    tc.ok(
        "CreateClass",
        json!({"ParentId": parent, "ClassName": name}),
    )
    .await["ClassId"]
        .as_i64()
        .unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v["MediaInfoSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["FileId"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn classes_nest_four_levels() {
    let tc = Tc::start(false, None).await;
    let l0 = class(&tc, -1, "L0").await;
    let l1 = class(&tc, l0, "L1").await;
    let l2 = class(&tc, l1, "L2").await;
    let l3 = class(&tc, l2, "L3").await;
    assert_eq!(
        tc.err("CreateClass", json!({"ParentId": l3, "ClassName": "L4"}))
            .await,
        "FailedOperation.ClassLevelLimitExceeded"
    );
    assert_eq!(
        tc.err("CreateClass", json!({"ParentId": l0, "ClassName": "L1"}))
            .await,
        "FailedOperation.ClassNameDuplicate"
    );
    assert_eq!(
        tc.err("CreateClass", json!({"ParentId": 98765, "ClassName": "x"}))
            .await,
        "FailedOperation.ParentIdNoFound"
    );
    assert_eq!(
        tc.err(
            "CreateClass",
            json!({"ParentId": -1, "ClassName": "x".repeat(65)})
        )
        .await,
        "InvalidParameterValue.ClassName"
    );
    let all = tc.ok("DescribeAllClass", json!({})).await["ClassInfoSet"].clone();
    let find = |id: i64| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|c| c["ClassId"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        (find(l0)["ParentId"].as_i64(), find(l0)["Level"].as_i64()),
        (Some(-1), Some(0))
    );
    assert_eq!(find(l3)["Level"], 3);
    assert_eq!(find(l2)["SubClassIdSet"], json!([l3]));
    assert_eq!(find(l1)["ClassName"], "L1");
    assert!(all.as_array().unwrap().iter().all(|c| c["ClassId"] != 0));

    tc.ok("ModifyClass", json!({"ClassId": l3, "ClassName": "L3b"}))
        .await;
    assert_eq!(
        tc.err("ModifyClass", json!({"ClassId": 55555, "ClassName": "x"}))
            .await,
        "ResourceNotFound"
    );
    assert_eq!(
        tc.err("DeleteClass", json!({"ClassId": l2})).await,
        "UnsupportedOperation.ClassNotEmpty"
    );
    // A class holding media is not empty either; once they move, it can go.
    let id = tc.upload(json!({"ClassId": l3}), b"x").await;
    assert_eq!(
        tc.err("DeleteClass", json!({"ClassId": l3})).await,
        "UnsupportedOperation.ClassNotEmpty"
    );
    tc.ok("ModifyMediaInfo", json!({"FileId": id, "ClassId": 0}))
        .await;
    tc.ok("DeleteClass", json!({"ClassId": l3})).await;
    tc.ok("DeleteClass", json!({"ClassId": l2})).await;
    let b =
        tc.ok("DescribeMediaInfos", json!({"FileIds": [id]})).await["MediaInfoSet"][0]["BasicInfo"]
            .clone();
    assert_eq!(b["ClassId"], 0);
    assert_eq!(
        tc.err("DeleteClass", json!({"ClassId": l3})).await,
        "ResourceNotFound"
    );
}

#[tokio::test]
async fn search_filters_pages_and_sorts() {
    let tc = Tc::start(false, None).await;
    let top = class(&tc, -1, "Nature").await;
    let sub = class(&tc, top, "Coast").await;
    let other = class(&tc, -1, "Newsroom").await;
    let mut made = Vec::new();
    for (i, (name, cls)) in [
        ("Coast at dawn", sub),
        ("Coast at noon", sub),
        ("Forest", top),
        ("Evening news", other),
        ("Untitled", 0),
    ]
    .iter()
    .enumerate()
    {
        let id = tc
            .upload(
                json!({"MediaName": name, "ClassId": cls}),
                format!("m{i}").as_bytes(),
            )
            .await;
        made.push(id);
        // Distinct creation times for the sort.
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tc.ok(
        "ModifyMediaInfo",
        json!({"FileId": made[0], "AddTags": ["sea"], "Description": "waves and sand"}),
    )
    .await;
    tc.ok(
        "ModifyMediaInfo",
        json!({"FileId": made[2], "AddTags": ["trees", "green"]}),
    )
    .await;
    // A session never committed is not a media.
    tc.ok(
        "ApplyUpload",
        json!({"MediaType": "mp4", "MediaName": "Coast pending"}),
    )
    .await;

    let all = tc.ok("SearchMedia", json!({"Limit": 50})).await;
    assert_eq!(all["TotalCount"], 5);
    let mut newest = made.clone();
    newest.reverse();
    assert_eq!(ids(&all), newest, "newest first by default");
    let asc = tc
        .ok(
            "SearchMedia",
            json!({"Sort": {"Field": "CreateTime", "Order": "Asc"}, "Limit": 50}),
        )
        .await;
    assert_eq!(ids(&asc), made);

    let coast = tc.ok("SearchMedia", json!({"Names": ["coast"]})).await;
    assert_eq!(coast["TotalCount"], 2);
    let prefix = tc.ok("SearchMedia", json!({"NamePrefixes": ["Fo"]})).await;
    assert_eq!(ids(&prefix), vec![made[2].clone()]);
    let text = tc.ok("SearchMedia", json!({"Text": "waves"})).await;
    assert_eq!(ids(&text), vec![made[0].clone()]);
    let desc = tc
        .ok("SearchMedia", json!({"Descriptions": ["SAND"]}))
        .await;
    assert_eq!(ids(&desc), vec![made[0].clone()]);
    let tree = tc
        .ok(
            "SearchMedia",
            json!({"ClassIds": [top], "Sort": {"Field": "CreateTime", "Order": "Asc"}}),
        )
        .await;
    assert_eq!(
        ids(&tree),
        made[0..3].to_vec(),
        "a class includes its subclasses"
    );
    let zero = tc.ok("SearchMedia", json!({"ClassIds": [0]})).await;
    assert_eq!(ids(&zero), vec![made[4].clone()]);
    let tags = tc
        .ok(
            "SearchMedia",
            json!({"Tags": ["sea", "green"], "Sort": {"Field": "CreateTime", "Order": "Asc"}}),
        )
        .await;
    assert_eq!(ids(&tags), vec![made[0].clone(), made[2].clone()]);

    let page = tc
        .ok(
            "SearchMedia",
            json!({"Offset": 1, "Limit": 2, "Sort": {"Field": "CreateTime", "Order": "Asc"}}),
        )
        .await;
    assert_eq!(page["TotalCount"], 5);
    assert_eq!(ids(&page), made[1..3].to_vec());
    assert!(page["MediaInfoSet"][0]["BasicInfo"]["Name"].is_string());
    let only = tc
        .ok("SearchMedia", json!({"Limit": 1, "Filters": ["metaData"]}))
        .await;
    assert!(only["MediaInfoSet"][0]["BasicInfo"].is_null());
    assert_eq!(only["MediaInfoSet"][0]["MetaData"]["Size"], 2);

    tc.ok(
        "ForbidMediaDistribution",
        json!({"FileIds": [made[1]], "Operation": "forbid"}),
    )
    .await;
    let forbidden = tc.ok("SearchMedia", json!({"Status": ["Forbidden"]})).await;
    assert_eq!(ids(&forbidden), vec![made[1].clone()]);
    let normal = tc.ok("SearchMedia", json!({"Status": ["Normal"]})).await;
    assert_eq!(normal["TotalCount"], 4);

    let range = tc
        .ok("SearchMedia", json!({"CreateTime": {"After": "2000-01-01T00:00:00Z", "Before": "2001-01-01T00:00:00Z"}}))
        .await;
    assert_eq!(range["TotalCount"], 0);
    assert_eq!(
        tc.err("SearchMedia", json!({"Offset": 4990, "Limit": 20}))
            .await,
        "InvalidParameterValue"
    );
    assert_eq!(
        tc.err("SearchMedia", json!({"Sort": {"Field": "Name"}}))
            .await,
        "InvalidParameterValue"
    );
}

#[tokio::test]
async fn task_flows_are_listed_and_run() {
    let tc = Tc::start(false, None).await;
    let all = tc
        .ok("DescribeProcedureTemplates", json!({"Limit": 100}))
        .await;
    let names: Vec<&str> = all["ProcedureTemplateSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["LongVideoPreset", "MP4-HD", "HLS-Adaptive"]);
    assert_eq!(all["TotalCount"], 3);
    let custom = tc
        .ok(
            "DescribeProcedureTemplates",
            json!({"Type": "Custom", "Names": ["MP4-HD"]}),
        )
        .await;
    assert_eq!(custom["TotalCount"], 1);
    assert_eq!(
        custom["ProcedureTemplateSet"][0]["MediaProcessTask"]["TranscodeTaskSet"][0]["Definition"],
        100030
    );
    assert_eq!(
        tc.err(
            "ApplyUpload",
            json!({"MediaType": "mp4", "Procedure": "Nope"})
        )
        .await,
        "InvalidParameter.ProcedureNameNotExist"
    );

    let id = tc.upload(json!({}), b"plain").await;
    let info = tc.ok("DescribeMediaInfos", json!({"FileIds": [id]})).await;
    assert!(info["MediaInfoSet"][0]["TranscodeInfo"].is_null());
    let task = tc
        .ok(
            "ProcessMediaByProcedure",
            json!({"FileId": id, "ProcedureName": "HLS-Adaptive"}),
        )
        .await["TaskId"]
        .as_str()
        .unwrap()
        .to_string();
    let d = tc.ok("DescribeTaskDetail", json!({"TaskId": task})).await;
    assert_eq!(d["TaskType"], "Procedure");
    assert_ne!(d["Status"], "FINISH");
    let mut status = String::new();
    for _ in 0..50 {
        let d = tc.ok("DescribeTaskDetail", json!({"TaskId": task})).await;
        status = d["Status"].as_str().unwrap().to_string();
        if status == "FINISH" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(status, "FINISH");
    let info = tc.ok("DescribeMediaInfos", json!({"FileIds": [id]})).await;
    let adaptive =
        &info["MediaInfoSet"][0]["AdaptiveDynamicStreamingInfo"]["AdaptiveDynamicStreamingSet"][0];
    assert_eq!(adaptive["Package"], "HLS");
    assert_eq!(
        tc.get(adaptive["Url"].as_str().unwrap()).await,
        (200, b"plain".to_vec())
    );
    assert_eq!(
        tc.err("DescribeTaskDetail", json!({"TaskId": "nope"}))
            .await,
        "ResourceNotFound"
    );
}

/// A loopback HTTP server with one file, as a user's own web server would be.
async fn file_server(data: Vec<u8>) -> String {
    let app = axum::Router::new().route(
        "/clips/{name}",
        axum::routing::get(
            move |axum::extract::Path(name): axum::extract::Path<String>| {
                let data = data.clone();
                async move {
                    if name == "sea.mp4" {
                        (axum::http::StatusCode::OK, data)
                    } else {
                        (axum::http::StatusCode::NOT_FOUND, vec![])
                    }
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

async fn follow(tc: &Tc, task: &str) -> Value {
    for _ in 0..100 {
        let d = tc.ok("DescribeTaskDetail", json!({"TaskId": task})).await;
        if d["Status"] == "FINISH" {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("task {task} never finished");
}

#[tokio::test]
async fn pull_upload_fetches_loopback_urls() {
    let tc = Tc::start(false, None).await;
    let data: Vec<u8> = (0..50_000u32).map(|i| (i % 7) as u8).collect();
    let base = file_server(data.clone()).await;
    let news = class(&tc, -1, "Pulled").await;
    let task = tc
        .ok(
            "PullUpload",
            json!({"MediaUrl": format!("{base}/clips/sea.mp4"), "MediaName": "from the web",
                   "ClassId": news, "SessionContext": "ctx-1"}),
        )
        .await["TaskId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(task.contains("-PullUpload-"), "{task}");
    let d = follow(&tc, &task).await;
    assert_eq!(d["TaskType"], "PullUpload");
    let p = &d["PullUploadTask"];
    assert_eq!(p["ErrCode"], 0, "{d}");
    assert_eq!(p["SessionContext"], "ctx-1");
    let id = p["FileId"].as_str().unwrap();
    assert_eq!(p["MediaBasicInfo"]["Name"], "from the web");
    assert_eq!(p["MediaBasicInfo"]["ClassId"], news);
    let (s, got) = tc.get(p["FileUrl"].as_str().unwrap()).await;
    assert_eq!((s, got == data), (200, true));
    let info = tc.ok("DescribeMediaInfos", json!({"FileIds": [id]})).await;
    assert_eq!(info["MediaInfoSet"][0]["MetaData"]["Size"], data.len());

    // A URL answering 404 finishes the task with an error and no media.
    let task = tc
        .ok(
            "PullUpload",
            json!({"MediaUrl": format!("{base}/clips/gone.mp4")}),
        )
        .await["TaskId"]
        .as_str()
        .unwrap()
        .to_string();
    let d = follow(&tc, &task).await;
    assert_ne!(d["PullUploadTask"]["ErrCode"], 0, "{d}");
    assert_eq!(d["PullUploadTask"]["FileId"], "");
    assert_eq!(tc.ok("SearchMedia", json!({})).await["TotalCount"], 1);

    assert_eq!(
        tc.err(
            "PullUpload",
            json!({"MediaUrl": "http://example.com/a.mp4"})
        )
        .await,
        "InvalidParameterValue.MediaUrl"
    );
    assert_eq!(
        tc.err(
            "PullUpload",
            json!({"MediaUrl": format!("{base}/clips/noext")})
        )
        .await,
        "InvalidParameterValue.MediaType"
    );
}

#[tokio::test]
async fn media_expire_at_their_expire_time() {
    let tc = Tc::start(false, None).await;
    let iso = |secs: i64| {
        (chrono::Utc::now() + chrono::Duration::seconds(secs))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    assert_eq!(
        tc.err(
            "ApplyUpload",
            json!({"MediaType": "mp4", "ExpireTime": iso(-60)})
        )
        .await,
        "InvalidParameterValue.ExpireTime"
    );
    let soon = tc
        .upload(json!({"ExpireTime": iso(3)}), b"short-lived")
        .await;
    let kept = tc.upload(json!({}), b"kept").await;
    let later = tc.upload(json!({}), b"later").await;
    // An expiry set afterwards, and one cleared again ("never").
    tc.ok(
        "ModifyMediaInfo",
        json!({"FileId": later, "ExpireTime": iso(3)}),
    )
    .await;
    tc.ok(
        "ModifyMediaInfo",
        json!({"FileId": later, "ExpireTime": "9999-12-31T23:59:59Z"}),
    )
    .await;
    let d = tc
        .ok("DescribeMediaInfos", json!({"FileIds": [soon, kept]}))
        .await;
    let expiry = |i: usize| d["MediaInfoSet"][i]["BasicInfo"]["ExpireTime"].clone();
    assert_ne!(expiry(0), json!("9999-12-31T23:59:59Z"));
    assert_eq!(expiry(1), json!("9999-12-31T23:59:59Z"));

    tokio::time::sleep(std::time::Duration::from_millis(4200)).await;
    let d = tc
        .ok(
            "DescribeMediaInfos",
            json!({"FileIds": [soon, kept, later]}),
        )
        .await;
    assert_eq!(d["NotExistFileIdSet"], json!([soon]));
    assert_eq!(ids(&d), [kept, later]);
}
