//! TC3 verification and the error envelope over real sockets: a good signature, a wrong key,
//! an unknown SecretId, an expired timestamp, a malformed header, GET calls, unknown actions,
//! the SubAppId rule, and throttling (`RequestLimitExceeded`).

mod tencent_common;

use serde_json::json;
use tencent_common::*;

#[tokio::test]
async fn signatures_are_checked_and_errors_come_back_with_200() {
    let tc = Tc::start(false, None).await;
    let ok = tc.ok("DescribeAllClass", json!({})).await;
    assert!(ok["ClassInfoSet"].is_array());

    let wrong_key = Opts {
        secret_key: Some("not-the-key".into()),
        ..Default::default()
    };
    assert_eq!(
        tc.err_opts("DescribeAllClass", json!({}), &wrong_key).await,
        "AuthFailure.SignatureFailure"
    );
    let unknown = Opts {
        secret_id: Some("AKIDUNKNOWN".into()),
        ..Default::default()
    };
    assert_eq!(
        tc.err_opts("DescribeAllClass", json!({}), &unknown).await,
        "AuthFailure.SecretIdNotFound"
    );
    let old = Opts {
        timestamp: Some(chrono::Utc::now().timestamp() - 301),
        ..Default::default()
    };
    assert_eq!(
        tc.err_opts("DescribeAllClass", json!({}), &old).await,
        "AuthFailure.SignatureExpire"
    );
    let within = Opts {
        timestamp: Some(chrono::Utc::now().timestamp() - 200),
        ..Default::default()
    };
    tc.raw("DescribeAllClass", &json!({}), &within).await["Response"]["ClassInfoSet"]
        .as_array()
        .expect("a skew under 5 minutes is accepted");
    let malformed = Opts {
        authorization: Some("TC3-HMAC-SHA256 garbage".into()),
        ..Default::default()
    };
    assert_eq!(
        tc.err_opts("DescribeAllClass", json!({}), &malformed).await,
        "AuthFailure.InvalidAuthorization"
    );

    assert_eq!(tc.err("NoSuchThing", json!({})).await, "InvalidAction");
    assert_eq!(
        tc.err("DescribeAllClass", json!({"SubAppId": 1234})).await,
        "InvalidParameterValue.SubAppId"
    );
    tc.ok("DescribeAllClass", json!({"SubAppId": SUB_APP}))
        .await;
    let no_region = Opts {
        no_region: true,
        ..Default::default()
    };
    assert_eq!(
        tc.err_opts("ApplyUpload", json!({"MediaType": "mp4"}), &no_region)
            .await,
        "MissingParameter"
    );
    assert_eq!(tc.err("ApplyUpload", json!({})).await, "MissingParameter");
    assert_eq!(
        tc.err("ApplyUpload", json!({"MediaType": "exe"})).await,
        "InvalidParameterValue.MediaType"
    );
}

#[tokio::test]
async fn get_calls_are_signed_over_the_query() {
    let tc = Tc::start(false, None).await;
    let id = tc.upload(json!({"MediaName": "get me"}), b"bytes").await;
    let get = Opts {
        get: true,
        ..Default::default()
    };
    let v = tc
        .raw(
            "DescribeMediaInfos",
            &json!({"FileIds": [id, "1"], "Filters": ["basicInfo"]}),
            &get,
        )
        .await;
    let r = &v["Response"];
    assert!(r["Error"].is_null(), "{v}");
    assert_eq!(r["MediaInfoSet"][0]["BasicInfo"]["Name"], "get me");
    assert_eq!(r["NotExistFileIdSet"], json!(["1"]));
    let wrong = Opts {
        get: true,
        secret_key: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        tc.err_opts("DescribeAllClass", json!({}), &wrong).await,
        "AuthFailure.SignatureFailure"
    );
}

#[tokio::test]
async fn a_burst_beyond_the_per_second_limit_is_refused() {
    let tc = Tc::start(true, None).await;
    let (params, opts) = (json!({}), Opts::default());
    let calls = (0..400).map(|_| tc.raw("DescribeAllClass", &params, &opts));
    let replies = futures_util::future::join_all(calls).await;
    let limited = replies
        .iter()
        .filter(|v| v["Response"]["Error"]["Code"] == "RequestLimitExceeded")
        .count();
    let served = replies
        .iter()
        .filter(|v| v["Response"]["Error"].is_null())
        .count();
    assert!(limited > 0, "no call was throttled");
    assert!(served >= 100, "only {served} calls served");
    assert_eq!(limited + served, 400);
    // Another action has its own budget.
    tc.ok("DescribeProcedureTemplates", json!({})).await;
}
