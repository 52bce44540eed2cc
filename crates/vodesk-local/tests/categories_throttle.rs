//! Categories CRUD with their limits, and per-tenant throttling with the documented limits.

mod common;

use common::{Harness, q};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn categories_crud_and_limits() {
    let h = Harness::start(true).await;
    let c = &h.client;

    // Defaults: Other (-1) and the examples, ids as strings in v1.0.
    let r = c.get("/v1.0/{p}/asset/category", &q(&[("id", "0")])).await;
    assert_eq!(r.status, 200);
    let roots = r.body.as_array().unwrap();
    assert!(
        roots
            .iter()
            .any(|c| c["id"] == "-1" && c["name"] == "Other")
    );
    let doc = roots.iter().find(|c| c["name"] == "纪录片").unwrap();
    assert_eq!(doc["children"][0]["name"], "海岸线");
    assert!(doc["id"].is_string());

    let r = c
        .post("/v1.0/{p}/asset/category", json!({"name": "电影"}))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["level"], 1);
    assert_eq!(r.body["parent_id"], 0);
    assert_eq!(r.body["projectId"], common::PROJECT);
    let l1 = r.body["id"].as_i64().unwrap();
    let r = c
        .post("/v1.0/{p}/asset/category", json!({"name": "电影"}))
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10065"));
    let l2 = c
        .post(
            "/v1.0/{p}/asset/category",
            json!({"name": "L2", "parent_id": l1}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let r = c
        .post(
            "/v1.0/{p}/asset/category",
            json!({"name": "L3", "parent_id": l2}),
        )
        .await;
    assert_eq!(r.body["level"], 3);
    let l3 = r.body["id"].as_i64().unwrap();
    let r = c
        .post(
            "/v1.0/{p}/asset/category",
            json!({"name": "L4", "parent_id": l3}),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10066"));
    let r = c
        .post(
            "/v1.0/{p}/asset/category",
            json!({"name": "x", "parent_id": 987654}),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10064"));
    let r = c
        .post("/v1.0/{p}/asset/category", json!({"name": "n".repeat(65)}))
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10053"));
    let r = c
        .post("/v1.0/{p}/asset/category", json!({"name": "中".repeat(21)}))
        .await; // 63 bytes
    assert_eq!(r.status, 200);
    let r = c
        .post("/v1.0/{p}/asset/category", json!({"parent_id": 0}))
        .await;
    assert_eq!((r.status, r.code()), (400, "VOD.10053"));

    // Rename.
    let r = c
        .put(
            "/v1.0/{p}/asset/category",
            json!({"id": l2, "name": "Renamed"}),
        )
        .await;
    assert_eq!((r.status, r.body["name"].as_str()), (200, Some("Renamed")));
    let r = c
        .put(
            "/v1.0/{p}/asset/category",
            json!({"id": 424242, "name": "x"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "VOD.10064"));

    // v2 query: integer ids and sub_categories.
    let r = c
        .get("/v2/{p}/asset/categories", &q(&[("id", &l1.to_string())]))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body[0]["id"], l1);
    assert_eq!(r.body[0]["sub_categories"][0]["name"], "Renamed");
    let r = c.get("/v2/{p}/asset/categories", &[]).await;
    assert_eq!((r.status, r.code()), (400, "VOD.10053"));

    // Delete: refused with children, then bottom-up; unknown → VOD.10064.
    let r = c
        .call(
            "DELETE",
            "/v1.0/{p}/asset/category",
            &q(&[("id", &l1.to_string())]),
            None,
        )
        .await;
    assert_eq!(r.status, 403);
    for id in [l3, l2, l1] {
        let r = c
            .call(
                "DELETE",
                "/v1.0/{p}/asset/category",
                &q(&[("id", &id.to_string())]),
                None,
            )
            .await;
        assert_eq!(r.status, 204, "{:?}", r.body);
    }
    let r = c
        .get("/v1.0/{p}/asset/category", &q(&[("id", &l1.to_string())]))
        .await;
    assert_eq!(r.code(), "VOD.10064");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_answers_429_after_the_minute_budget() {
    let h = Harness::start(true).await;
    let c = &h.client;
    let query = q(&[("id", "0")]);
    for i in 0..100 {
        let r = c.get("/v1.0/{p}/asset/category", &query).await;
        assert_eq!(r.status, 200, "call {i}");
    }
    let r = c.get("/v1.0/{p}/asset/category", &query).await;
    assert_eq!((r.status, r.code()), (429, "APIGW.0308"));
    assert_eq!(
        r.body["error_msg"],
        "The throttling threshold has been reached: policy user over ratelimit, limit:100, time:1 minute"
    );
    let retry: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    // Other categories keep their own budget.
    let r = c.get("/v1.0/{p}/asset/list", &[]).await;
    assert_eq!(r.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_throttling_when_disabled() {
    let h = Harness::start(false).await;
    let c = &h.client;
    for i in 0..130 {
        let r = c.get("/v1.0/{p}/asset/category", &q(&[("id", "0")])).await;
        assert_eq!(r.status, 200, "call {i}");
    }
}
