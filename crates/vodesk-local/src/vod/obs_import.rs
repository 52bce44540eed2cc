//! OBS integration (§13): bucket authorization, reproduction (copy from an authorized bucket into
//! the VOD bucket, or reference it with `storage_mode` 1) and upload by URL (only URLs of this
//! service's own object endpoint are fetched — nothing off-machine).

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rusqlite::params;
use serde_json::{Value, json};

use super::assets::{CommonMeta, new_asset_id, video_key};
use super::errors::{ApiError, ApiResult};
use super::lifecycle::now_ms;
use super::objects::{bucket_and_key, path_and_query};
use super::request::Body;
use super::routes::{Call, ok_json};
use super::{Ctx, upload, validate};

fn is_authorized(ctx: &Ctx, bucket: &str) -> ApiResult<bool> {
    Ok(ctx.db().query_row(
        "SELECT COUNT(*) FROM authorized_buckets WHERE bucket = ?1",
        [bucket],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// `PUT /v1.0/{p}/asset/authority` `{"bucket","operation":"1"|"0"}` → 200, empty body.
pub fn bucket_authority(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
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
    if !ctx.objects.bucket_exists(&bucket)? {
        return Err(ApiError::illegal_403(
            "bucket",
            format!("the bucket {bucket} does not exist"),
        ));
    }
    let conn = ctx.db();
    if operation == "1" {
        conn.execute(
            "INSERT INTO authorized_buckets(bucket, authorized_at) VALUES (?1, ?2) \
             ON CONFLICT(bucket) DO NOTHING",
            params![bucket, now_ms()],
        )?;
    } else {
        conn.execute(
            "DELETE FROM authorized_buckets WHERE bucket = ?1",
            [&bucket],
        )?;
    }
    Ok(StatusCode::OK.into_response())
}

/// Creates a CREATED asset whose original is `bucket/key` (copied into the VOD bucket unless
/// `keep_in_place`).
async fn import_object(
    ctx: &Ctx,
    meta: CommonMeta,
    video_type: String,
    bucket: &str,
    key: &str,
    keep_in_place: bool,
    source: &str,
) -> ApiResult<String> {
    let asset_id = new_asset_id();
    let video_name = key.rsplit('/').next().unwrap_or(key).to_string();
    let (dst_bucket, dst_key) = if keep_in_place {
        (bucket.to_string(), key.to_string())
    } else {
        let dst_key = video_key(ctx, &asset_id, &asset_id, &video_type);
        ctx.objects
            .copy_object(bucket, key, &ctx.bucket, &dst_key)
            .await?;
        (ctx.bucket.clone(), dst_key)
    };
    let mut row = meta.into_row(
        asset_id.clone(),
        video_type,
        video_name,
        dst_bucket,
        dst_key,
    );
    row.owns_object = !keep_in_place;
    row.source = source.to_string();
    let up = upload::inspect(
        ctx,
        &row,
        &row.bucket.clone(),
        &row.object_key.clone(),
        None,
    )
    .await?;
    row.status = "CREATED".into();
    row.published = row.auto_publish;
    upload::apply(&mut row, up);
    row.insert(&ctx.db())?;
    Ok(asset_id)
}

/// `POST /v1.0/{p}/asset/reproduction`.
pub async fn reproduction(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
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
    let meta = CommonMeta::parse(&ctx.db(), &body)?;
    if !is_authorized(ctx, &bucket)? {
        return Err(ApiError::illegal(
            "input.bucket",
            format!(
                "VOD is not authorized on bucket {bucket} (PUT /v1.0/{{project_id}}/asset/authority first)"
            ),
        ));
    }
    if ctx.objects.head_object(&bucket, &object)?.is_none() {
        return Err(ApiError::no_key(&bucket, &object));
    }
    let asset_id = import_object(
        ctx,
        meta,
        video_type,
        &bucket,
        &object,
        storage_mode == 1,
        "reproduction",
    )
    .await?;
    ok_json(json!({ "asset_id": asset_id }))
}

/// `POST /v1.0/{p}/asset/upload_by_url` — per-item results.
pub async fn upload_by_url(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
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
    ok_json(json!({ "upload_assets": results }))
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
    let meta = CommonMeta::parse(&ctx.db(), &body)?;
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
    let origin = parsed.origin().ascii_serialization();
    if origin != ctx.objects.base_url().trim_end_matches('/') {
        return Err(ApiError::illegal(
            "url",
            "the local VOD service only pulls from its own object endpoint (no off-machine downloads)",
        ));
    }
    let resp = ctx.object_get(&path_and_query(&url), &[]).await?;
    if resp.status() != StatusCode::OK {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "VOD.10003",
            format!(
                "The specified key does not exist. (pulling the URL answered {})",
                resp.status()
            ),
        ));
    }
    drop(resp);
    let (bucket, key) =
        bucket_and_key(&url).ok_or_else(|| ApiError::illegal("url", "not an object URL"))?;
    import_object(ctx, meta, video_type, &bucket, &key, false, "url").await
}
