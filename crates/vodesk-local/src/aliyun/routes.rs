//! Request pipeline: every call is `POST /?<params>` (empty body) or `GET /?<params>` →
//! signature (ACS3 or RPC) → version and action (`x-acs-*` headers or the query) → throttling →
//! uploads that landed are settled → the action. Success is HTTP 200 with JSON carrying
//! `RequestId`; an error is its own status with the documented error document. Every answer
//! names its request in `x-acs-request-id`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Ctx;
use super::auth::{AliRequest, KnownKey, query_pairs, verify};
use super::errors::{AliError, AliResult};
use super::handlers::{audit, categories, images, media, search, templates, upload, url_upload};
use super::params;
use super::throttle::Action;
use crate::http::{self, Body};

/// Calls carry everything in the query; a body, if any, is small.
const MAX_BODY: usize = 1024 * 1024;

/// The actions served, by their wire name.
const ACTIONS: &[&str] = &[
    "CreateUploadVideo",
    "RefreshUploadVideo",
    "CreateUploadImage",
    "GetImageInfo",
    "GetVideoInfo",
    "GetVideoInfos",
    "GetVideoList",
    "SearchMedia",
    "GetMezzanineInfo",
    "GetPlayInfo",
    "UpdateVideoInfo",
    "UpdateVideoInfos",
    "DeleteVideo",
    "AddCategory",
    "GetCategories",
    "UpdateCategory",
    "DeleteCategory",
    "ListTranscodeTemplateGroup",
    "CreateAudit",
    "GetAuditHistory",
    "UploadMediaByURL",
    "GetURLUploadInfos",
];

pub fn router(ctx: Arc<Ctx>) -> Router {
    http::guarded(ctx, dispatch, on_panic)
}

fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    reply(
        Err(AliError::internal("a handler panicked")),
        &request_id(),
        "vod.cn-shanghai.aliyuncs.com",
    )
}

/// An Alibaba-style request id: an upper-case UUID.
fn request_id() -> String {
    http::request_uuid().to_ascii_uppercase()
}

/// The JSON answer of `result` under request id `rid`; errors name `host` as their `HostId`.
fn reply(result: AliResult<Value>, rid: &str, host: &str) -> Response {
    let (status, body, retry_after) = match result {
        Ok(Value::Object(mut m)) => {
            m.insert("RequestId".into(), json!(rid));
            (StatusCode::OK, Value::Object(m), None)
        }
        Ok(_) => (StatusCode::OK, json!({ "RequestId": rid }), None),
        Err(e) => (
            StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST),
            json!({
                "RequestId": rid,
                "HostId": host,
                "Code": e.code,
                "Message": e.message,
                "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}&product=vod", e.code),
            }),
            e.retry_after,
        ),
    };
    let mut resp = (status, axum::Json(body)).into_response();
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(rid) {
        h.insert("x-acs-request-id", v);
    }
    if let Some(secs) = retry_after {
        h.insert("x-acs-retry-after", HeaderValue::from(secs));
    }
    resp
}

async fn dispatch(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let rid = request_id();
    let host = ctx.public_url.split_once("://").map_or("", |(_, h)| h);
    reply(handle(&ctx, req).await, &rid, host)
}

async fn handle(ctx: &Arc<Ctx>, req: Request) -> AliResult<Value> {
    let (parts, body) = req.into_parts();
    if parts.method != Method::GET && parts.method != Method::POST {
        return Err(AliError::new(
            405,
            "UnsupportedHTTPMethod",
            format!("{} is not supported: calls are POST or GET /", parts.method),
        ));
    }
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let body = http::read_body(body, MAX_BODY)
        .await
        .ok_or_else(|| AliError::new(400, "InvalidParameter", "The request body exceeds 1 MB."))?;

    let creds = &ctx.creds;
    verify(
        &AliRequest {
            method: parts.method.as_str(),
            raw_query: &raw_query,
            headers: &parts.headers,
            body: &body,
        },
        |ak| {
            (ak == creds.access_key_id).then(|| KnownKey {
                secret: creds.access_key_secret.clone(),
                security_token: None,
            })
        },
        chrono::Utc::now().timestamp(),
    )?;

    let pairs = query_pairs(&raw_query);
    let query = |name: &str| {
        pairs
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    };
    let version = http::header(&parts.headers, "x-acs-version")
        .or_else(|| query("Version"))
        .ok_or_else(|| AliError::missing("Version"))?;
    if version != super::API_VERSION {
        return Err(AliError::new(
            400,
            "InvalidVersion",
            format!(
                "Specified parameter Version {version} is not valid (VOD is {}).",
                super::API_VERSION
            ),
        ));
    }
    let asked = http::header(&parts.headers, "x-acs-action")
        .or_else(|| query("Action"))
        .ok_or_else(|| AliError::missing("Action"))?;
    let action = ACTIONS
        .iter()
        .copied()
        .find(|a| *a == asked)
        .ok_or_else(|| {
            AliError::new(
                404,
                "InvalidAction.NotFound",
                format!(
                    "Specified api {asked} is not found or not served by the local VOD service."
                ),
            )
        })?;

    if let Some(throttle) = &ctx.throttle {
        throttle
            .check(&ctx.creds.access_key_id, Action(action))
            .map_err(|retry| AliError {
                retry_after: Some(retry),
                ..AliError::new(
                    400,
                    "Throttling.User",
                    "Request was denied due to user flow control.",
                )
            })?;
    }
    // No commit call: a video whose object arrived since the last call moves on now, before
    // anything reads it (§B.6).
    ctx.lib.settle_landed().await?;
    run(ctx, action, &params::from_pairs(&pairs)).await
}

async fn run(ctx: &Arc<Ctx>, action: &str, p: &Body) -> AliResult<Value> {
    match action {
        "CreateUploadVideo" => upload::create_video(ctx, p),
        "RefreshUploadVideo" => upload::refresh_video(ctx, p),
        "CreateUploadImage" => upload::create_image(ctx, p),
        "GetImageInfo" => images::get(ctx, p),
        "GetVideoInfo" => media::get_one(ctx, p),
        "GetVideoInfos" => media::get_many(ctx, p),
        "GetVideoList" => search::list(ctx, p),
        "SearchMedia" => search::search(ctx, p),
        "GetMezzanineInfo" => media::mezzanine(ctx, p),
        "GetPlayInfo" => media::play_info(ctx, p),
        "UpdateVideoInfo" => media::update_one(ctx, p),
        "UpdateVideoInfos" => media::update_many(ctx, p),
        "DeleteVideo" => media::delete(ctx, p),
        "AddCategory" => categories::add(ctx, p),
        "GetCategories" => categories::get(ctx, p),
        "UpdateCategory" => categories::update(ctx, p),
        "DeleteCategory" => categories::delete(ctx, p),
        "ListTranscodeTemplateGroup" => templates::list(ctx, p),
        "CreateAudit" => audit::create(ctx, p),
        "GetAuditHistory" => audit::history(ctx, p),
        "UploadMediaByURL" => url_upload::submit(ctx, p),
        "GetURLUploadInfos" => url_upload::infos(ctx, p),
        _ => Err(AliError::new(
            404,
            "InvalidAction.NotFound",
            format!("{action} is not served"),
        )),
    }
}
