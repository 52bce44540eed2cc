//! The upload flow over sockets as Alibaba's SDKs drive it: CreateUploadVideo → OSS PUT or
//! multipart with the STS key of UploadAuth → no commit call, the video moves to Normal by
//! itself → GetMezzanineInfo / GetPlayInfo give back the bytes; the key confined to its one
//! object and to its lifetime, RefreshUploadVideo keeping the address; a cover image uploaded
//! with CreateUploadImage and set with UpdateVideoInfo.

mod aliyun_common;

use std::time::Duration;

use aliyun_common::*;

#[tokio::test]
async fn a_single_put_becomes_a_normal_video_whose_file_downloads_as_sent() {
    let ali = Ali::start(false, None).await;
    let group = ali.group(NO_TRANSCODING).await;
    let (id, t) = ali
        .create(
            "海边 clip",
            &[
                ("TemplateGroupId", &group),
                ("Tags", "sea, sand"),
                ("Description", "d"),
            ],
        )
        .await;
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(t.endpoint, ali.oss);
    assert!(
        t.bucket.starts_with("outin-") && t.bucket.len() == 38,
        "{}",
        t.bucket
    );
    assert_eq!(t.key, format!("sv/{id}/{id}.mp4"));
    assert!(t.access_key.starts_with("STS."));
    assert_eq!(t.expiration, "3000");

    let v = ali.video(&id).await;
    assert_eq!(v["Status"], "Uploading");
    assert_eq!(v["Tags"], "sea,sand");
    assert_eq!(v["Title"], "海边 clip");
    // Playback needs Normal; the mezzanine is not there yet.
    assert_eq!(
        ali.err("GetPlayInfo", &[("VideoId", &id)]).await,
        (400, "Forbidden.IllegalStatus".to_string())
    );

    let bytes = mp4(12_345, 300_000);
    let r = ali.oss(&t, "PUT", &t.key, &[], bytes.clone()).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("x-oss-hash-crc64ecma"));
    // No commit call: the next read shows it, straight to Normal without transcoding.
    let v = ali.video(&id).await;
    assert_eq!(v["Status"], "Normal", "{v}");
    assert_eq!(v["Size"], bytes.len());
    // The playing time comes from the file's movie header.
    assert_eq!(v["Duration"], 12.345);
    assert_eq!(v["TemplateGroupId"], group.as_str());

    let m = ali.ok("GetMezzanineInfo", &[("VideoId", &id)]).await;
    assert_eq!(m["Mezzanine"]["FileName"], "clip.mp4");
    assert_eq!(m["Mezzanine"]["Size"], bytes.len());
    assert_eq!(m["Mezzanine"]["Duration"], "12.345");
    let (status, got) = ali.get(m["Mezzanine"]["FileURL"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert!(got == bytes, "the mezzanine is the uploaded bytes");

    let play = ali.ok("GetPlayInfo", &[("VideoId", &id)]).await;
    let list = play["PlayInfoList"]["PlayInfo"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["Format"], "mp4");
    assert_eq!(play["VideoBase"]["Status"], "Normal");
    let (status, got) = ali.get(list[0]["PlayURL"].as_str().unwrap()).await;
    assert_eq!((status, got.len()), (200, bytes.len()));
}

#[tokio::test]
async fn multipart_with_a_transcoding_group_goes_through_transcoding() {
    let ali = Ali::start(false, None).await;
    // No TemplateGroupId: the default group, which transcodes.
    let (id, t) = ali.create("big", &[]).await;
    let r = ali
        .oss(&t, "POST", &t.key, &[("uploads", None)], vec![])
        .await;
    let doc = r.text().await.unwrap();
    let upload_id = xml_text(&doc, "UploadId").unwrap();
    // oss2's resumable upload lists the parts of the fresh upload first.
    let r = ali
        .oss(&t, "GET", &t.key, &[("uploadId", Some(&upload_id))], vec![])
        .await;
    let doc = r.text().await.unwrap();
    assert_eq!(xml_text(&doc, "NextPartNumberMarker").as_deref(), Some("0"));

    let parts = [data(200_000, 1), data(50_000, 2)];
    let mut etags = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let n = (i + 1).to_string();
        let r = ali
            .oss(
                &t,
                "PUT",
                &t.key,
                &[("partNumber", Some(&n)), ("uploadId", Some(&upload_id))],
                part.clone(),
            )
            .await;
        assert_eq!(r.status(), 200);
        etags.push(r.headers()["etag"].to_str().unwrap().to_string());
    }
    assert_eq!(
        ali.video(&id).await["Status"],
        "Uploading",
        "not complete yet"
    );
    let r = ali
        .oss(
            &t,
            "POST",
            &t.key,
            &[("uploadId", Some(&upload_id))],
            complete_xml(&etags),
        )
        .await;
    assert_eq!(r.status(), 200);

    let seen = ali.wait_for(&id, "Normal", 10).await;
    assert_eq!(
        seen.first().map(String::as_str),
        Some("UploadSucc"),
        "{seen:?}"
    );
    assert!(seen.contains(&"Transcoding".to_string()), "{seen:?}");
    let v = ali.video(&id).await;
    assert_eq!(v["Size"], 250_000);
    let play = ali.ok("GetPlayInfo", &[("VideoId", &id)]).await;
    let defs: Vec<&str> = play["PlayInfoList"]["PlayInfo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["Definition"].as_str().unwrap())
        .collect();
    assert!(defs.len() >= 2, "one play info per rendition: {defs:?}");
    let m = ali.ok("GetMezzanineInfo", &[("VideoId", &id)]).await;
    let (_, got) = ali.get(m["Mezzanine"]["FileURL"].as_str().unwrap()).await;
    assert!(got == [parts[0].as_slice(), parts[1].as_slice()].concat());
}

#[tokio::test]
async fn an_expired_key_is_refused_and_a_refreshed_one_finishes_the_upload() {
    let ali = Ali::start(false, Some(Duration::from_secs(2))).await;
    let group = ali.group(NO_TRANSCODING).await;
    let (id, t) = ali.create("slow", &[("TemplateGroupId", &group)]).await;
    assert_eq!(t.expiration, "2");
    let r = ali
        .oss(&t, "POST", &t.key, &[("uploads", None)], vec![])
        .await;
    let upload_id = xml_text(&r.text().await.unwrap(), "UploadId").unwrap();
    let one = data(150_000, 3);
    let part = |n: &'static str| {
        [
            ("partNumber", Some(n)),
            ("uploadId", Some(upload_id.as_str())),
        ]
    };
    let r = ali.oss(&t, "PUT", &t.key, &part("1"), one.clone()).await;
    assert_eq!(r.status(), 200);
    let etag1 = r.headers()["etag"].to_str().unwrap().to_string();

    tokio::time::sleep(Duration::from_millis(2500)).await;
    let two = data(10_000, 4);
    let r = ali.oss(&t, "PUT", &t.key, &part("2"), two.clone()).await;
    assert!(r.status().is_client_error());
    let doc = r.text().await.unwrap();
    assert_eq!(
        xml_text(&doc, "Code").as_deref(),
        Some("SecurityTokenExpired"),
        "{doc}"
    );

    let fresh = Target::of(&ali.ok("RefreshUploadVideo", &[("VideoId", &id)]).await);
    assert_eq!(
        (&fresh.endpoint, &fresh.bucket, &fresh.key),
        (&t.endpoint, &t.bucket, &t.key),
        "same address"
    );
    assert_ne!(fresh.access_key, t.access_key, "a new key");
    let r = ali
        .oss(&fresh, "PUT", &t.key, &part("2"), two.clone())
        .await;
    assert_eq!(r.status(), 200);
    let etag2 = r.headers()["etag"].to_str().unwrap().to_string();
    let r = ali
        .oss(
            &fresh,
            "POST",
            &t.key,
            &[("uploadId", Some(&upload_id))],
            complete_xml(&[etag1, etag2]),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(ali.video(&id).await["Status"], "Normal");
}

#[tokio::test]
async fn an_upload_key_writes_only_its_own_video() {
    let ali = Ali::start(false, None).await;
    let (_, mine) = ali.create("mine", &[]).await;
    let (other_id, other) = ali.create("other", &[]).await;
    let r = ali
        .oss(&mine, "PUT", &other.key, &[], b"intruder".to_vec())
        .await;
    assert_eq!(r.status(), 403);
    let doc = r.text().await.unwrap();
    assert_eq!(xml_text(&doc, "Code").as_deref(), Some("AccessDenied"));
    let r = ali
        .oss(&mine, "POST", &other.key, &[("uploads", None)], vec![])
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(ali.video(&other_id).await["Status"], "Uploading");
    // A wrong secret with the right key id is a signature error, not a write.
    let forged = Target {
        secret: "not-the-secret".into(),
        ..mine.clone()
    };
    let r = ali.oss(&forged, "PUT", &mine.key, &[], b"x".to_vec()).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        xml_text(&r.text().await.unwrap(), "Code").as_deref(),
        Some("SignatureDoesNotMatch")
    );
}

#[tokio::test]
async fn a_cover_image_uploaded_on_its_own_becomes_the_videos_cover() {
    let ali = Ali::start(false, None).await;
    let id = ali.upload("with cover", &[], &data(1000, 9)).await;
    let img = ali
        .ok(
            "CreateUploadImage",
            &[
                ("ImageType", "cover"),
                ("ImageExt", "jpg"),
                ("Title", "poster"),
            ],
        )
        .await;
    let image_id = img["ImageId"].as_str().unwrap().to_string();
    let t = Target::of(&img);
    assert_eq!(t.key, format!("image/cover/{image_id}.jpg"));
    let info = ali.ok("GetImageInfo", &[("ImageId", &image_id)]).await;
    assert_eq!(info["ImageInfo"]["Status"], "Uploading");

    let jpeg = [&[0xffu8, 0xd8, 0xff, 0xe0][..], &data(500, 1)].concat();
    let r = ali.oss(&t, "PUT", &t.key, &[], jpeg.clone()).await;
    assert_eq!(r.status(), 200);
    let info = ali.ok("GetImageInfo", &[("ImageId", &image_id)]).await;
    assert_eq!(info["ImageInfo"]["Status"], "Normal");
    assert_eq!(info["ImageInfo"]["ImageType"], "cover");
    let (status, got) = ali.get(img["ImageURL"].as_str().unwrap()).await;
    assert_eq!((status, got == jpeg), (200, true));

    ali.ok(
        "UpdateVideoInfo",
        &[
            ("VideoId", &id),
            ("CoverURL", img["ImageURL"].as_str().unwrap()),
        ],
    )
    .await;
    let cover = ali.video(&id).await["CoverURL"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, got) = ali.get(&cover).await;
    assert_eq!((status, got == jpeg), (200, true), "the cover is the image");
    // A URL that is not one of the service's images is refused, not fetched.
    assert_eq!(
        ali.err(
            "UpdateVideoInfo",
            &[
                ("VideoId", &id),
                ("CoverURL", "http://example.invalid/a.jpg")
            ]
        )
        .await,
        (400, "InvalidParameter".to_string())
    );
}

#[tokio::test]
async fn a_workflow_takes_the_place_of_the_template_group() {
    let ali = Ali::start(false, None).await;
    let keep = ali.group(NO_TRANSCODING).await;
    let list = ali.ok("ListTranscodeTemplateGroup", &[]).await;
    let default = list["TranscodeTemplateGroupList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["IsDefault"] == "Default")
        .expect("a default group")["TranscodeTemplateGroupId"]
        .clone();
    let workflow = vodesk_local::WORKFLOW_ID;
    let (id, t) = ali
        .create(
            "workflow",
            &[("TemplateGroupId", &keep), ("WorkflowId", workflow)],
        )
        .await;
    assert_eq!(ali.video(&id).await["TemplateGroupId"], default);
    let r = ali.oss(&t, "PUT", &t.key, &[], data(5_000, 9)).await;
    assert_eq!(r.status(), 200);
    let seen = ali.wait_for(&id, "Normal", 10).await;
    assert!(seen.contains(&"Transcoding".to_string()), "{seen:?}");

    // One the account does not have is a parameter error naming WorkflowId.
    let zeros = "0".repeat(32);
    let (status, code) = ali
        .err(
            "CreateUploadVideo",
            &[
                ("Title", "t"),
                ("FileName", "a.mp4"),
                ("WorkflowId", &zeros),
            ],
        )
        .await;
    assert_eq!(status, 400);
    assert!(code.starts_with("InvalidParameter"), "{code}");
}
