//! OBS integration (§13): bucket authorization, reproduction (copy from an authorized bucket into
//! the VOD bucket, or reference it with `storage_mode` 1) and upload by URL (only URLs of this
//! service's own object endpoint are fetched — nothing off-machine).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::meta;
use crate::http::{self, Body, Call};
use crate::huawei::errors::{ApiError, ApiResult};
use crate::huawei::{Ctx, validate};
use crate::library::bucket_and_key;
use crate::library::imports::{self, Source};

/// `PUT /v1.0/{p}/asset/authority` `{"bucket","operation":"1"|"0"}` → 200, empty body.
pub fn bucket_authority(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let bucket = body
        .opt_str("bucket")
        .map_err(|_| ApiError::illegal_403("bucket", "must be a string"))?
        .filter(|b| !b.is_empty())
        .ok_or_else(|| ApiError::illegal_403("bucket", "the field is required"))?;
    let operation = match body.map.get("operation") {
        Some(Value::String(s)) if s == "0" || s == "1" => s.clone(),
        Some(Value::Number(n)) if n.as_i64() == Some(0) || n.as_i64() == Some(1) => n.to_string(),
        _ => {
            return Err(ApiError::illegal_403(
                "operation",
                "must be \"1\" (grant) or \"0\" (revoke)",
            ));
        }
    };
    if !ctx.lib.bucket_exists(&bucket)? {
        return Err(ApiError::illegal_403(
            "bucket",
            format!("the bucket {bucket} does not exist"),
        ));
    }
    imports::authorize(&ctx.lib.db(), &bucket, operation == "1")?;
    Ok(StatusCode::OK.into_response())
}

/// `POST /v1.0/{p}/asset/reproduction`.
pub async fn reproduction(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let video_type =
        validate::video_type(&body.req_str("video_type")?, validate::REPRODUCTION_EXTRA)?;
    let input = body
        .opt_obj("input")?
        .ok_or_else(|| ApiError::illegal("input", "{bucket, location, object} is required"))?;
    let bucket = input
        .opt_str("bucket")?
        .filter(|b| !b.is_empty())
        .ok_or_else(|| ApiError::illegal("input.bucket", "the field is required"))?;
    let object = input
        .opt_str("object")?
        .filter(|o| !o.is_empty())
        .ok_or_else(|| ApiError::illegal("input.object", "the field is required"))?;
    let storage_mode = body.opt_int_in("storage_mode", 0, 1)?.unwrap_or(0);
    if video_type == "HLS" && storage_mode != 1 {
        return Err(ApiError::illegal(
            "storage_mode",
            "HLS sources need storage_mode 1",
        ));
    }
    let meta = meta::parse(&ctx.lib.db(), &body)?;
    if !imports::is_authorized(&ctx.lib.db(), &bucket)? {
        return Err(ApiError::illegal(
            "input.bucket",
            format!(
                "VOD is not authorized on bucket {bucket} (PUT /v1.0/{{project_id}}/asset/authority first)"
            ),
        ));
    }
    ctx.lib.require_object(&bucket, &object)?;
    let source = Source {
        bucket: &bucket,
        key: &object,
        keep_in_place: storage_mode == 1,
        origin: "reproduction",
    };
    let asset_id = ctx.lib.import(meta, video_type, source).await?;
    Ok(http::json(json!({ "asset_id": asset_id })))
}

/// `POST /v1.0/{p}/asset/upload_by_url` — per-item results.
pub async fn upload_by_url(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let items = body
        .opt_array("upload_metadatas")?
        .ok_or_else(|| ApiError::illegal("upload_metadatas", "the field is required"))?;
    if items.is_empty() || items.len() > 16 {
        return Err(ApiError::illegal(
            "upload_metadatas",
            "1 to 16 items per call",
        ));
    }
    let mut results = Vec::new();
    for item in items {
        let url = item
            .get("url")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        match pull_one(ctx, &item).await {
            Ok(asset_id) => results.push(json!({"url": url, "asset_id": asset_id,
                                                "error_code": null, "error_msg": null})),
            Err(e) => results.push(json!({"url": url, "asset_id": "",
                                          "error_code": e.code, "error_msg": e.msg})),
        }
    }
    Ok(http::json(json!({ "upload_assets": results })))
}

async fn pull_one(ctx: &Ctx, item: &Value) -> ApiResult<String> {
    let Value::Object(map) = item else {
        return Err(ApiError::illegal(
            "upload_metadatas",
            "each item must be an object",
        ));
    };
    let body = Body::from_map(map.clone());
    let video_type = validate::video_type(&body.req_str("video_type")?, validate::URL_PULL_EXTRA)?;
    let url = body.req_str("url")?;
    let meta = meta::parse(&ctx.lib.db(), &body)?;
    let parsed = url::Url::parse(&url).map_err(|_| ApiError::illegal("url", "not a valid URL"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ApiError::illegal(
            "url",
            "only http and https URLs can be pulled",
        ));
    }
    let ext = format!(".{}", video_type.to_ascii_lowercase());
    if !parsed.path().to_ascii_lowercase().ends_with(&ext) {
        return Err(ApiError::illegal(
            "url",
            format!("the URL must end with the file extension {ext}"),
        ));
    }
    if !ctx.lib.is_own_url(&parsed) {
        return Err(ApiError::illegal(
            "url",
            "the local VOD service only pulls from its own object endpoint (no off-machine downloads)",
        ));
    }
    let answered = ctx.lib.own_url_status(&url).await?;
    if answered != StatusCode::OK {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "VOD.10003",
            format!("The specified key does not exist. (pulling the URL answered {answered})"),
        ));
    }
    let (bucket, key) =
        bucket_and_key(&url).ok_or_else(|| ApiError::illegal("url", "not an object URL"))?;
    let source = Source {
        bucket: &bucket,
        key: &key,
        keep_in_place: false,
        origin: "url",
    };
    Ok(ctx.lib.import(meta, video_type, source).await?)
}
