//! The upload flow over sockets as the official SDKs drive it: ApplyUpload → COS PUT (single
//! and multipart) with the TempCertificate → CommitUpload (twice) → DescribeMediaInfos →
//! ModifyMediaInfo → ForbidMediaDistribution → DeleteMedia, with the media URL answering 200,
//! 403 and 404 along the way; the certificate confined to its session and to its lifetime.

mod tencent_common;

use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};
use tencent_common::*;

fn path(a: &Value, field: &str) -> String {
    a[field]
        .as_str()
        .unwrap()
        .trim_start_matches('/')
        .to_string()
}

#[tokio::test]
async fn upload_commit_describe_modify_forbid_delete() {
    let tc = Tc::start(false, None).await;
    let class = tc
        .ok("CreateClass", json!({"ParentId": -1, "ClassName": "纪录"}))
        .await["ClassId"]
        .as_i64()
        .unwrap();
    let a = tc
        .ok(
            "ApplyUpload",
            json!({"MediaType": "mp4", "MediaName": "海岸 1", "CoverType": "png",
                   "ClassId": class, "Procedure": "MP4-HD", "SubAppId": SUB_APP}),
        )
        .await;
    let bucket = a["StorageBucket"].as_str().unwrap().to_string();
    assert_eq!(bucket, format!("vod-{SUB_APP}"));
    assert_eq!(a["StorageRegion"], "ap-guangzhou");
    assert!(a["MediaStoragePath"].as_str().unwrap().starts_with('/'));
    let cert = &a["TempCertificate"];
    let expires = cert["ExpiredTime"].as_i64().unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!((now + 3500..=now + 3700).contains(&expires), "{expires}");

    // Committing before the bytes are there fails and makes nothing.
    assert_eq!(
        tc.err("CommitUpload", json!({"VodSessionKey": a["VodSessionKey"]}))
            .await,
        "FailedOperation"
    );
    let video: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let r = tc
        .cos(
            cert,
            "PUT",
            &bucket,
            &path(&a, "MediaStoragePath"),
            &[],
            video.clone(),
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let r = tc
        .cos(
            cert,
            "PUT",
            &bucket,
            &path(&a, "CoverStoragePath"),
            &[],
            png(),
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);

    let c1 = tc
        .ok("CommitUpload", json!({"VodSessionKey": a["VodSessionKey"]}))
        .await;
    let c2 = tc
        .ok("CommitUpload", json!({"VodSessionKey": a["VodSessionKey"]}))
        .await;
    let id = c1["FileId"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 19);
    assert_eq!(
        c2["FileId"], c1["FileId"],
        "a second commit answers the same media"
    );
    assert_eq!(
        tc.err("CommitUpload", json!({"VodSessionKey": "nope"}))
            .await,
        "InvalidParameterValue.VodSessionKey"
    );
    let (s, body) = tc.get(c1["MediaUrl"].as_str().unwrap()).await;
    assert_eq!((s, body == video), (200, true));
    let (s, body) = tc.get(c1["CoverUrl"].as_str().unwrap()).await;
    assert_eq!((s, body), (200, png()));

    let d = tc
        .ok("DescribeMediaInfos", json!({"FileIds": [id, "9999"]}))
        .await;
    assert_eq!(d["NotExistFileIdSet"], json!(["9999"]));
    let m = &d["MediaInfoSet"][0];
    assert_eq!(m["FileId"], id.as_str());
    let b = &m["BasicInfo"];
    assert_eq!(b["Name"], "海岸 1");
    assert_eq!(b["ClassId"], class);
    assert_eq!(b["ClassName"], "纪录");
    assert_eq!(b["Status"], "Normal");
    assert_eq!(b["Type"], "mp4");
    assert_eq!(m["MetaData"]["Size"], video.len());
    // The task flow runs: its renditions appear in TranscodeInfo when it is done.
    let mut done = Value::Null;
    for _ in 0..50 {
        let d = tc
            .ok(
                "DescribeMediaInfos",
                json!({"FileIds": [id], "Filters": ["transcodeInfo"]}),
            )
            .await;
        let set = d["MediaInfoSet"][0]["TranscodeInfo"]["TranscodeSet"].clone();
        assert!(
            d["MediaInfoSet"][0]["BasicInfo"].is_null(),
            "only the asked blocks"
        );
        if set.as_array().is_some_and(|s| !s.is_empty()) {
            done = set;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let defs: Vec<i64> = done
        .as_array()
        .expect("transcoding finished")
        .iter()
        .map(|t| t["Definition"].as_i64().unwrap())
        .collect();
    assert_eq!(defs, vec![0, 100030]);
    let (s, body) = tc.get(done[1]["Url"].as_str().unwrap()).await;
    assert_eq!((s, body == video), (200, true));

    // Edits: tags by difference, class, name, description, cover.
    tc.ok(
        "ModifyMediaInfo",
        json!({"FileId": id, "AddTags": ["a", "b", "c"]}),
    )
    .await;
    let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F'];
    let m = tc
        .ok(
            "ModifyMediaInfo",
            json!({"FileId": id, "AddTags": ["d"], "DeleteTags": ["a"], "ClassId": 0,
                   "Name": "renamed", "Description": "about it",
                   "CoverData": base64::engine::general_purpose::STANDARD.encode(jpeg)}),
        )
        .await;
    let (s, body) = tc.get(m["CoverUrl"].as_str().unwrap()).await;
    assert_eq!((s, body), (200, jpeg.to_vec()));
    let b = tc
        .ok(
            "DescribeMediaInfos",
            json!({"FileIds": [id], "Filters": ["basicInfo"]}),
        )
        .await["MediaInfoSet"][0]["BasicInfo"]
        .clone();
    assert_eq!(b["TagSet"], json!(["b", "c", "d"]));
    assert_eq!(
        (&b["Name"], &b["Description"], &b["ClassId"]),
        (&json!("renamed"), &json!("about it"), &json!(0))
    );
    assert_eq!(
        tc.err(
            "ModifyMediaInfo",
            json!({"FileId": id, "AddTags": ["x"], "DeleteTags": ["x"]})
        )
        .await,
        "InvalidParameterValue.AddTagsAndDeleteTagsConflict"
    );
    assert_eq!(
        tc.err(
            "ModifyMediaInfo",
            json!({"FileId": id, "AddTags": ["x".repeat(33)]})
        )
        .await,
        "InvalidParameterValue.TagTooLong"
    );
    assert_eq!(
        tc.err(
            "ModifyMediaInfo",
            json!({"FileId": id, "Name": "n".repeat(65)})
        )
        .await,
        "InvalidParameterValue.Name"
    );
    assert_eq!(
        tc.err("ModifyMediaInfo", json!({"FileId": id, "ClassId": 424242}))
            .await,
        "InvalidParameterValue.ClassId"
    );
    assert_eq!(
        tc.err("ModifyMediaInfo", json!({"FileId": "1234", "Name": "x"}))
            .await,
        "ResourceNotFound.FileNotExist"
    );
    tc.ok("ModifyMediaInfo", json!({"FileId": id, "ClearTags": 1}))
        .await;

    // Forbid: the URL answers 403 and the status says so; recover undoes it.
    let f = tc
        .ok(
            "ForbidMediaDistribution",
            json!({"FileIds": [id, "77"], "Operation": "forbid"}),
        )
        .await;
    assert_eq!(f["NotExistFileIdSet"], json!(["77"]));
    let media_url = c1["MediaUrl"].as_str().unwrap();
    assert_eq!(tc.get(media_url).await.0, 403);
    // The cover stays visible, so the forbidden media can still be recognised.
    let cover =
        tc.ok("DescribeMediaInfos", json!({"FileIds": [id]})).await["MediaInfoSet"][0]["BasicInfo"]
            ["CoverUrl"]
            .as_str()
            .unwrap_or_default()
            .to_string();
    assert_eq!(tc.get(&cover).await.0, 200, "{cover}");
    let b =
        tc.ok("DescribeMediaInfos", json!({"FileIds": [id]})).await["MediaInfoSet"][0]["BasicInfo"]
            .clone();
    assert_eq!(
        (&b["Status"], &b["TagSet"]),
        (&json!("Forbidden"), &json!([]))
    );
    tc.ok(
        "ForbidMediaDistribution",
        json!({"FileIds": [id], "Operation": "recover"}),
    )
    .await;
    assert_eq!(tc.get(media_url).await.0, 200);
    assert_eq!(
        tc.err(
            "ForbidMediaDistribution",
            json!({"FileIds": [id], "Operation": "hide"})
        )
        .await,
        "InvalidParameterValue.Operation"
    );

    // Delete: gone everywhere.
    tc.ok("DeleteMedia", json!({"FileId": id})).await;
    assert_eq!(tc.get(media_url).await.0, 404);
    let d = tc.ok("DescribeMediaInfos", json!({"FileIds": [id]})).await;
    assert_eq!(d["NotExistFileIdSet"], json!([id]));
    assert_eq!(
        tc.err("DeleteMedia", json!({"FileId": id})).await,
        "ResourceNotFound"
    );
    assert_eq!(
        tc.err("CommitUpload", json!({"VodSessionKey": a["VodSessionKey"]}))
            .await,
        "InvalidParameterValue.VodSessionKey"
    );
}

#[tokio::test]
async fn the_certificate_reaches_only_its_own_session() {
    let tc = Tc::start(false, None).await;
    let a = tc.ok("ApplyUpload", json!({"MediaType": "mp4"})).await;
    let b = tc.ok("ApplyUpload", json!({"MediaType": "mp4"})).await;
    let bucket = a["StorageBucket"].as_str().unwrap();
    let r = tc
        .cos(
            &a["TempCertificate"],
            "PUT",
            bucket,
            &path(&b, "MediaStoragePath"),
            &[],
            b"x".to_vec(),
        )
        .await;
    assert_eq!(r.status().as_u16(), 403, "another session's object");
    let r = tc
        .cos(
            &a["TempCertificate"],
            "PUT",
            bucket,
            "elsewhere.mp4",
            &[],
            b"x".to_vec(),
        )
        .await;
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(
        tc.err("CommitUpload", json!({"VodSessionKey": b["VodSessionKey"]}))
            .await,
        "FailedOperation",
        "nothing landed in b's session"
    );

    // Multipart with the certificate, as upload_file does for a large file.
    let cert = &a["TempCertificate"];
    let key = path(&a, "MediaStoragePath");
    let r = tc
        .cos(cert, "POST", bucket, &key, &[("uploads", "")], vec![])
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let xml = r.text().await.unwrap();
    let upload_id = xml
        .split("<UploadId>")
        .nth(1)
        .unwrap()
        .split("</UploadId>")
        .next()
        .unwrap()
        .to_string();
    let parts = [vec![7u8; 1024 * 1024], vec![9u8; 1000]];
    let mut complete = String::new();
    for (i, part) in parts.iter().enumerate() {
        let n = (i + 1).to_string();
        let r = tc
            .cos(
                cert,
                "PUT",
                bucket,
                &key,
                &[("partNumber", &n), ("uploadId", &upload_id)],
                part.clone(),
            )
            .await;
        assert_eq!(r.status().as_u16(), 200);
        let etag = r.headers()["etag"].to_str().unwrap().replace('"', "&quot;");
        complete.push_str(&format!(
            "<Part><PartNumber>{n}</PartNumber><ETag>{etag}</ETag></Part>"
        ));
    }
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><CompleteMultipartUpload>{complete}</CompleteMultipartUpload>"
    );
    let r = tc
        .cos(
            cert,
            "POST",
            bucket,
            &key,
            &[("uploadId", &upload_id)],
            body.into_bytes(),
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let c = tc
        .ok("CommitUpload", json!({"VodSessionKey": a["VodSessionKey"]}))
        .await;
    let (s, got) = tc.get(c["MediaUrl"].as_str().unwrap()).await;
    assert_eq!((s, got), (200, parts.concat()));
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let tc = Tc::start(false, Some(Duration::from_secs(1))).await;
    let a = tc.ok("ApplyUpload", json!({"MediaType": "mp4"})).await;
    let now = chrono::Utc::now().timestamp();
    assert!(a["TempCertificate"]["ExpiredTime"].as_i64().unwrap() <= now + 1);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let r = tc
        .cos(
            &a["TempCertificate"],
            "PUT",
            a["StorageBucket"].as_str().unwrap(),
            &path(&a, "MediaStoragePath"),
            &[],
            b"late".to_vec(),
        )
        .await;
    // The object store answers an expired temporary key as S3 does: 400 ExpiredToken.
    assert_eq!(r.status().as_u16(), 400);
    let text = r.text().await.unwrap();
    assert!(text.contains("<Code>ExpiredToken</Code>"), "{text}");
    assert_eq!(
        tc.err("CommitUpload", json!({"VodSessionKey": a["VodSessionKey"]}))
            .await,
        "FailedOperation"
    );
}
