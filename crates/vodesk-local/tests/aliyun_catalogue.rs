//! Managing the Alibaba catalogue over sockets: categories in three levels, audits that block
//! and unblock, tags replaced as a whole, SearchMedia's Match, GetVideoList's paging and order,
//! template groups, deletion, and a URL upload followed to its video.

mod aliyun_common;

use std::time::Duration;

use aliyun_common::*;
use serde_json::Value;

fn cate_id(v: &Value) -> String {
    v["Category"]["CateId"].as_i64().unwrap().to_string()
}

#[tokio::test]
async fn categories_nest_three_levels_and_go_with_their_subcategories() {
    let ali = Ali::start(false, None).await;
    let top = ali.ok("AddCategory", &[("CateName", "纪录 top")]).await;
    assert_eq!(top["Category"]["Level"], 0);
    assert_eq!(top["Category"]["ParentId"], -1);
    let top_id = cate_id(&top);
    let mid = ali
        .ok("AddCategory", &[("CateName", "mid"), ("ParentId", &top_id)])
        .await;
    assert_eq!(mid["Category"]["Level"], 1);
    let mid_id = cate_id(&mid);
    let low = ali
        .ok("AddCategory", &[("CateName", "low"), ("ParentId", &mid_id)])
        .await;
    assert_eq!(low["Category"]["Level"], 2);
    let low_id = cate_id(&low);
    assert_eq!(
        ali.err(
            "AddCategory",
            &[("CateName", "too deep"), ("ParentId", &low_id)]
        )
        .await,
        (400, "InvalidParameter".to_string())
    );
    assert_eq!(
        ali.err("AddCategory", &[("CateName", &"x".repeat(65))])
            .await,
        (400, "InvalidParameter".to_string())
    );

    // Level 0 with no CateId and with -1; the built-in default category is not listed.
    for params in [vec![], vec![("CateId", "-1")]] {
        let root = ali.ok("GetCategories", &params).await;
        let names: Vec<&str> = root["SubCategories"]["Category"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["CateName"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"纪录 top"), "{names:?}");
        assert!(!names.contains(&"Other"), "{names:?}");
        assert_eq!(root["SubTotal"].as_u64().unwrap() as usize, names.len());
    }
    let one = ali
        .ok(
            "GetCategories",
            &[("CateId", "-1"), ("PageSize", "1"), ("PageNo", "2")],
        )
        .await;
    assert_eq!(
        one["SubCategories"]["Category"].as_array().unwrap().len(),
        1
    );
    let under = ali.ok("GetCategories", &[("CateId", &top_id)]).await;
    assert_eq!(under["Category"]["CateName"], "纪录 top");
    assert_eq!(under["SubCategories"]["Category"][0]["CateName"], "mid");
    assert_eq!(under["SubCategories"]["Category"][0]["SubTotal"], 1);

    ali.ok(
        "UpdateCategory",
        &[("CateId", &mid_id), ("CateName", "middle")],
    )
    .await;
    let under = ali.ok("GetCategories", &[("CateId", &top_id)]).await;
    assert_eq!(under["SubCategories"]["Category"][0]["CateName"], "middle");

    // A video in the lowest category falls back to none when its tree goes.
    let id = ali.upload("filed", &[("CateId", &low_id)], b"v").await;
    assert_eq!(ali.video(&id).await["CateName"], "low");
    ali.ok("DeleteCategory", &[("CateId", &top_id)]).await;
    for gone in [&top_id, &mid_id, &low_id] {
        assert_eq!(
            ali.err("GetCategories", &[("CateId", gone)]).await,
            (404, "NoSuchResource".to_string())
        );
    }
    assert!(ali.video(&id).await.get("CateId").is_none());
}

#[tokio::test]
async fn audits_block_and_unblock_and_are_kept() {
    let ali = Ali::start(false, None).await;
    let id = ali.upload("reviewed", &[], &data(2000, 1)).await;
    assert_eq!(ali.video(&id).await["AuditStatus"], "Init");
    let block =
        format!(r#"[{{"VideoId":"{id}","Status":"Blocked","Reason":"r1","Comment":"c1"}}]"#);
    ali.ok("CreateAudit", &[("AuditContent", &block)]).await;
    let v = ali.video(&id).await;
    assert_eq!(
        (v["Status"].as_str(), v["AuditStatus"].as_str()),
        (Some("Blocked"), Some("Blocked"))
    );
    assert_eq!(
        ali.err("GetPlayInfo", &[("VideoId", &id)]).await,
        (400, "Forbidden.IllegalStatus".to_string())
    );
    let normal = format!(r#"[{{"VideoId":"{id}","Status":"Normal","Reason":"ok"}}]"#);
    ali.ok("CreateAudit", &[("AuditContent", &normal)]).await;
    assert_eq!(ali.video(&id).await["Status"], "Normal");
    ali.ok("GetPlayInfo", &[("VideoId", &id)]).await;

    let h = ali.ok("GetAuditHistory", &[("VideoId", &id)]).await;
    assert_eq!(h["Status"], "Normal");
    assert_eq!(h["Total"], 2);
    assert_eq!(h["Histories"][0]["Status"], "Normal", "newest first");
    assert_eq!(h["Histories"][1]["Reason"], "r1");
    let asc = ali
        .ok(
            "GetAuditHistory",
            &[("VideoId", &id), ("SortBy", "CreationTime:Asc")],
        )
        .await;
    assert_eq!(asc["Histories"][0]["Comment"], "c1");

    let (waiting, _) = ali.create("not uploaded", &[]).await;
    let early = format!(r#"[{{"VideoId":"{waiting}","Status":"Blocked"}}]"#);
    assert_eq!(
        ali.err("CreateAudit", &[("AuditContent", &early)]).await,
        (400, "Forbidden.IllegalStatus".to_string())
    );
}

#[tokio::test]
async fn updates_search_list_and_delete() {
    let ali = Ali::start(false, None).await;
    let mut ids = Vec::new();
    for (i, title) in ["Harbour at dawn", "harbour at dusk", "Mountain pass"]
        .iter()
        .enumerate()
    {
        let tags = if i == 2 { "hill" } else { "sea,boat" };
        ids.push(
            ali.upload(title, &[("Tags", tags)], &data(100 + i, 1))
                .await,
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let (uploading, _) = ali.create("Harbour draft", &[]).await;

    // Tags replace the whole set; only what is given changes.
    ali.ok(
        "UpdateVideoInfo",
        &[("VideoId", &ids[0]), ("Tags", "dawn, light")],
    )
    .await;
    let v = ali.video(&ids[0]).await;
    assert_eq!(
        (v["Tags"].as_str(), v["Title"].as_str()),
        (Some("dawn,light"), Some("Harbour at dawn"))
    );
    let content = format!(
        r#"[{{"VideoId":"{}","Description":"quiet"}},{{"VideoId":"0123456789abcdef0123456789abcdef","Title":"x"}}]"#,
        ids[1]
    );
    let r = ali
        .ok("UpdateVideoInfos", &[("UpdateContent", &content)])
        .await;
    assert_eq!(r["NonExistVideoIds"][0], "0123456789abcdef0123456789abcdef");
    assert_eq!(ali.video(&ids[1]).await["Description"], "quiet");

    // Title matches substrings, whatever the case; Status `in` a list.
    let found = |r: &Value| -> Vec<String> {
        r["MediaList"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                assert_eq!(m["MediaType"], "video");
                assert_eq!(m["MediaId"], m["Video"]["VideoId"]);
                m["MediaId"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let r = ali
        .ok("SearchMedia", &[("Match", "Title = 'harbour'")])
        .await;
    assert_eq!(r["Total"], 3);
    assert_eq!(r["ScrollToken"].as_str().unwrap().len(), 32);
    let r = ali
        .ok(
            "SearchMedia",
            &[
                (
                    "Match",
                    "Title = 'harbour' and Status in ('Normal','Blocked')",
                ),
                ("SortBy", "CreationTime:Asc"),
            ],
        )
        .await;
    assert_eq!(found(&r), vec![ids[0].clone(), ids[1].clone()]);
    let r = ali
        .ok("SearchMedia", &[("Match", "Status = 'Uploading'")])
        .await;
    assert_eq!(found(&r), vec![uploading.clone()]);
    let r = ali.ok("SearchMedia", &[("Match", "Tags = 'hill'")]).await;
    assert_eq!(found(&r), vec![ids[2].clone()]);
    let r = ali
        .ok(
            "SearchMedia",
            &[("Match", &format!("VideoId in ('{}','{}')", ids[0], ids[2]))],
        )
        .await;
    assert_eq!(r["Total"], 2);
    let r = ali
        .ok(
            "SearchMedia",
            &[(
                "Match",
                "CreationTime = ('2000-01-01T00:00:00Z','2001-01-01T00:00:00Z')",
            )],
        )
        .await;
    assert_eq!(r["Total"], 0);
    assert_eq!(
        ali.err("SearchMedia", &[("Match", "Title = 'a' or Title = 'b'")])
            .await,
        (400, "InvalidParameter".to_string())
    );

    // Newest first by default; pages of 2.
    let page = |r: &Value| -> Vec<String> {
        r["VideoList"]["Video"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                assert!(v["Snapshots"]["Snapshot"].is_array());
                v["VideoId"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let r = ali
        .ok("GetVideoList", &[("Status", "Normal"), ("PageSize", "2")])
        .await;
    assert_eq!(r["Total"], 3);
    assert_eq!(page(&r), vec![ids[2].clone(), ids[1].clone()]);
    let r = ali
        .ok(
            "GetVideoList",
            &[("Status", "Normal"), ("PageSize", "2"), ("PageNo", "2")],
        )
        .await;
    assert_eq!(page(&r), vec![ids[0].clone()]);
    let r = ali
        .ok(
            "GetVideoList",
            &[("SortBy", "CreationTime:Asc"), ("PageSize", "100")],
        )
        .await;
    assert_eq!(r["Total"], 4);
    assert_eq!(page(&r)[0], ids[0]);
    assert_eq!(
        ali.err("GetVideoList", &[("PageSize", "101")]).await.1,
        "InvalidParameter"
    );

    let infos = ali
        .ok(
            "GetVideoInfos",
            &[("VideoIds", &format!("{},nope", ids[0]))],
        )
        .await;
    assert_eq!(infos["VideoList"][0]["VideoId"], ids[0].as_str());
    assert!(infos["VideoList"][0]["Snapshots"].is_array());
    assert_eq!(infos["NonExistVideoIds"][0], "nope");

    let r = ali
        .ok(
            "DeleteVideo",
            &[("VideoIds", &format!("{},{uploading},nope", ids[2]))],
        )
        .await;
    assert_eq!(r["NonExistVideoIds"], serde_json::json!(["nope"]));
    assert_eq!(
        ali.err("GetVideoInfo", &[("VideoId", &ids[2])]).await,
        (404, "InvalidVideo.NotFound".to_string())
    );
}

#[tokio::test]
async fn template_groups_and_a_url_upload_followed_to_its_video() {
    let ali = Ali::start(false, None).await;
    let list = ali.ok("ListTranscodeTemplateGroup", &[]).await;
    let groups = list["TranscodeTemplateGroupList"].as_array().unwrap();
    assert!(groups.iter().any(|g| g["Name"] == NO_TRANSCODING));
    assert_eq!(
        groups
            .iter()
            .filter(|g| g["IsDefault"] == "Default")
            .count(),
        1
    );
    for g in groups {
        let id = g["TranscodeTemplateGroupId"].as_str().unwrap();
        assert!(
            id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        assert_eq!(g["AppId"], "app-1000000");
    }

    // The source: a video already in the service, fetched through its own loopback URL.
    let source = ali.upload("source", &[], &data(5000, 3)).await;
    let m = ali.ok("GetMezzanineInfo", &[("VideoId", &source)]).await;
    let url = m["Mezzanine"]["FileURL"].as_str().unwrap().to_string();
    // The file name the import takes comes from the URL path (`…/<id>.mp4`).
    let encoded = enc(&url);
    let metadata = format!(r#"[{{"SourceURL":"{url}","Title":"pulled","Tags":"imported"}}]"#);
    let group = ali.group(NO_TRANSCODING).await;
    let r = ali
        .ok(
            "UploadMediaByURL",
            &[
                ("UploadURLs", &encoded),
                ("UploadMetadatas", &metadata),
                ("TemplateGroupId", &group),
            ],
        )
        .await;
    let job = r["UploadJobs"][0]["JobId"].as_str().unwrap().to_string();
    assert_eq!(r["UploadJobs"][0]["SourceURL"], url.as_str());

    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let info = loop {
        let r = ali.ok("GetURLUploadInfos", &[("JobIds", &job)]).await;
        let info = r["URLUploadInfoList"][0].clone();
        match info["Status"].as_str().unwrap() {
            "SUCCESS" => break info,
            "PENDING" | "PROCESSING" => {}
            other => panic!("{other}: {info}"),
        }
        assert!(std::time::Instant::now() < deadline, "{info}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(info["FileSize"], "5000");
    let media = info["MediaId"].as_str().unwrap();
    let v = ali.video(media).await;
    assert_eq!(v["Title"], "pulled");
    assert_eq!(v["Tags"], "imported");
    assert_eq!(v["Status"], "Normal");
    let by_url = ali
        .ok("GetURLUploadInfos", &[("UploadURLs", &encoded)])
        .await;
    assert_eq!(by_url["URLUploadInfoList"][0]["JobId"], job.as_str());
    let none = ali
        .ok("GetURLUploadInfos", &[("JobIds", "nosuchjob")])
        .await;
    assert_eq!(none["NonExists"][0], "nosuchjob");

    // Nothing off the machine is fetched.
    assert_eq!(
        ali.err(
            "UploadMediaByURL",
            &[("UploadURLs", "http%3A%2F%2Fexample.com%2Fa.mp4")]
        )
        .await,
        (400, "InvalidParameter".to_string())
    );
}
