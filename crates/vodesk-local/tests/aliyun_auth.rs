//! Who may call the Alibaba personality and how it says no: ACS3 and the classic SDK's RPC
//! signature both accepted; a wrong secret is SignatureDoesNotMatch whose message carries the
//! server's string to sign after a ':' (the classic SDK splits on it); an unknown key, a clock
//! 20 minutes off, an unknown action, a missing parameter and an unknown video each get their
//! documented code and status; throttling says when to come back.

mod aliyun_common;

use aliyun_common::*;

#[tokio::test]
async fn signatures_keys_and_clocks() {
    let ali = Ali::start(false, None).await;
    // Both signatures reach the action.
    let acs3 = ali.call("GetCategories", &[], &Opts::default()).await;
    assert_eq!(acs3.status, 200, "{}", acs3.body);
    let rpc = Opts {
        rpc: true,
        ..Default::default()
    };
    let r = ali
        .call(
            "CreateUploadVideo",
            &[("Title", "rpc 1*"), ("FileName", "a b.mp4")],
            &rpc,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body["VideoId"].as_str().unwrap().to_string();
    assert_eq!(ali.video(&id).await["Title"], "rpc 1*");

    for o in [
        Opts {
            secret: Some("wrong".into()),
            ..Default::default()
        },
        Opts {
            secret: Some("wrong".into()),
            rpc: true,
            ..Default::default()
        },
    ] {
        let r = ali.call("GetVideoInfo", &[("VideoId", &id)], &o).await;
        assert_eq!((r.status, r.code()), (400, "SignatureDoesNotMatch"));
        let message = r.body["Message"].as_str().unwrap();
        let server_sts = message.split(':').nth(1).expect("a ':' in the message");
        assert!(!server_sts.is_empty(), "{message}");
        assert!(r.body["Recommend"].is_string() && r.body["HostId"].is_string());
    }

    let unknown = Opts {
        access_key: Some("LTAI5tNoSuchKey000000000".into()),
        ..Default::default()
    };
    let r = ali
        .call("GetVideoInfo", &[("VideoId", &id)], &unknown)
        .await;
    assert_eq!(r.code(), "InvalidAccessKeyId.NotFound");
    assert!(r.status >= 400);

    let late = Opts {
        time: Some(chrono::Utc::now().timestamp() - 20 * 60),
        ..Default::default()
    };
    let r = ali.call("GetVideoInfo", &[("VideoId", &id)], &late).await;
    assert_eq!((r.status, r.code()), (400, "InvalidTimeStamp.Expired"));
    // 14 minutes off is within the tolerance.
    let skewed = Opts {
        time: Some(chrono::Utc::now().timestamp() + 14 * 60),
        ..Default::default()
    };
    let r = ali.call("GetVideoInfo", &[("VideoId", &id)], &skewed).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test]
async fn documented_codes_for_bad_calls() {
    let ali = Ali::start(false, None).await;
    assert_eq!(
        ali.err(
            "GetVideoInfo",
            &[("VideoId", "0123456789abcdef0123456789abcdef")]
        )
        .await,
        (404, "InvalidVideo.NotFound".to_string())
    );
    assert_eq!(
        ali.err("NoSuchAction", &[]).await,
        (404, "InvalidAction.NotFound".to_string())
    );
    assert_eq!(
        ali.err("CreateUploadVideo", &[("FileName", "a.mp4")]).await,
        (400, "MissingParameter".to_string())
    );
    assert_eq!(
        ali.err(
            "CreateUploadVideo",
            &[("Title", "t"), ("FileName", "noext")]
        )
        .await,
        (400, "InvalidParameter".to_string())
    );
    let long = "海".repeat(129);
    assert_eq!(
        ali.err(
            "CreateUploadVideo",
            &[("Title", &long), ("FileName", "a.mp4")]
        )
        .await,
        (400, "InvalidParameter".to_string())
    );
    // 128 characters are fine at creation; UpdateVideoInfo counts bytes.
    let (id, _) = ali.create(&"海".repeat(128), &[]).await;
    assert_eq!(
        ali.err(
            "UpdateVideoInfo",
            &[("VideoId", &id), ("Title", &"海".repeat(43))]
        )
        .await,
        (400, "InvalidParameter".to_string())
    );
    let tags = (0..17)
        .map(|i| format!("t{i}"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        ali.err("UpdateVideoInfo", &[("VideoId", &id), ("Tags", &tags)])
            .await,
        (400, "InvalidParameter".to_string())
    );
    let ids = (0..21)
        .map(|i| format!("v{i}"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        ali.err("GetVideoInfos", &[("VideoIds", &ids)]).await.1,
        "InvalidParameter"
    );
}

#[tokio::test]
async fn throttling_names_a_wait() {
    let ali = Ali::start(true, None).await;
    // DeleteCategory allows 10 a second.
    let mut refused = None;
    for _ in 0..15 {
        let r = ali
            .call("DeleteCategory", &[("CateId", "999999")], &Opts::default())
            .await;
        if r.code() == "Throttling.User" {
            refused = Some(r);
            break;
        }
        assert_eq!(r.code(), "NoSuchResource");
    }
    let r = refused.expect("throttled within 15 calls");
    let wait: u64 = r.headers["x-acs-retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait >= 1);
    // Other actions have their own budget.
    assert_eq!(
        ali.call("GetCategories", &[], &Opts::default())
            .await
            .status,
        200
    );
}
