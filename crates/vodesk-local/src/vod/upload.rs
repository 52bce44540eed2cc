//! Confirm upload (§7) and what happens once an original is in place: size and head MD5s for the
//! duplication check, `video_md5` verification, snapshots and the "grabbed" cover.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use bytes::Bytes;
use serde_json::json;

use super::Ctx;
use super::db::{self, AssetRow, Snapshot};
use super::errors::{ApiError, ApiResult};
use super::lifecycle::{now_ms, png};
use super::request::Body;
use super::routes::{Call, ok_json};

/// The facts gathered about a freshly uploaded original.
pub struct Uploaded {
    pub size: i64,
    pub head_1024: String,
    pub head_1025: String,
    pub snapshots: Vec<Snapshot>,
    pub thumbs_failed: bool,
    /// Cover to use when the asset has no custom cover (snapshot or grabbed frame).
    pub default_cover: Option<String>,
}

fn wrong_state() -> ApiError {
    ApiError::bad_state("the current status of the media asset does not allow upload confirmation")
}

/// Checks the object, verifies `expect_md5` (Base64 of the binary MD5), generates snapshots.
pub async fn inspect(
    ctx: &Ctx,
    a: &AssetRow,
    bucket: &str,
    key: &str,
    expect_md5: Option<&str>,
) -> ApiResult<Uploaded> {
    let info = ctx.objects.head_object(bucket, key)?.ok_or_else(|| {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "VOD.10060",
            format!(
                "Media asset is not uploaded successfully: the object {bucket}/{key} does not exist. \
                 Upload the file to video_upload_url (or complete the multipart upload) first."
            ),
        )
    })?;
    let multipart = info.etag.contains('-');
    let digest = ctx
        .digest_object(bucket, key, expect_md5.is_some() && multipart)
        .await?;
    if let Some(want_b64) = expect_md5 {
        let want = base64::engine::general_purpose::STANDARD
            .decode(want_b64)
            .map(hex::encode)
            .unwrap_or_default();
        let got = if multipart {
            digest.full.clone().unwrap_or_default()
        } else {
            info.etag.trim_matches('"').to_ascii_lowercase()
        };
        if want != got {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "VOD.10053",
                format!(
                    "The request parameter is illegal, illegal field: video_md5. The uploaded file's \
                     MD5 is {got} but video_md5 announced {want}; upload the file again."
                ),
            ));
        }
    }
    let (snapshots, thumbs_failed) = take_snapshots(ctx, a).await;
    let default_cover = match a.thumbnail.as_ref() {
        Some(t) if !snapshots.is_empty() => {
            let pos = t["cover_position"].as_i64().unwrap_or(1).max(1) as usize;
            Some(snapshots[pos.min(snapshots.len()) - 1].key.clone())
        }
        _ => grab_cover(ctx, a).await,
    };
    Ok(Uploaded {
        size: info.size as i64,
        head_1024: digest.head_1024,
        head_1025: digest.head_1025,
        snapshots,
        thumbs_failed,
        default_cover,
    })
}

/// The "first frame" cover of assets without a custom cover type: a generated image at
/// `{prefix}/cover0` (kept if the client already uploaded one there).
async fn grab_cover(ctx: &Ctx, a: &AssetRow) -> Option<String> {
    if super::validate::is_audio(&a.video_type) {
        return None;
    }
    let key = format!("{}/cover0", ctx.asset_prefix(&a.asset_id));
    if matches!(ctx.objects.head_object(&ctx.bucket, &key), Ok(Some(_))) {
        return Some(key);
    }
    // Every grabbed cover is the same picture: encode it once, not on every confirm.
    static GRABBED: std::sync::OnceLock<Bytes> = std::sync::OnceLock::new();
    let image = GRABBED
        .get_or_init(|| Bytes::from(png(160, 90, [30, 60, 110])))
        .clone();
    match ctx
        .objects
        .put_object_shared(&ctx.bucket, &key, "image/png", image)
        .await
    {
        Ok(_) => Some(key),
        Err(e) => {
            tracing::warn!("cover for {}: {e}", a.asset_id);
            None
        }
    }
}

async fn take_snapshots(ctx: &Ctx, a: &AssetRow) -> (Vec<Snapshot>, bool) {
    let Some(t) = a.thumbnail.as_ref() else {
        return (vec![], false);
    };
    let kind = t["type"].as_str().unwrap_or("time");
    let offsets: Vec<i64> = match kind {
        "dots" => t["dots"]
            .as_array()
            .map(|d| d.iter().filter_map(|v| v.as_i64()).collect())
            .unwrap_or_default(),
        "quantity" => {
            let n = t["quantity"].as_i64().unwrap_or(1).clamp(1, 10);
            let step = t["quantity_time"].as_i64().unwrap_or(0).max(1);
            (0..n).map(|i| i * step).collect()
        }
        _ => {
            let step = t["time"].as_i64().unwrap_or(12);
            if step == 0 {
                vec![0]
            } else {
                vec![0, step, 2 * step]
            }
        }
    };
    let prefix = ctx.asset_prefix(&a.asset_id);
    let mut out = Vec::new();
    for (i, offset) in offsets.iter().enumerate() {
        let key = format!("{prefix}/snapshot/{kind}_{}.png", i + 1);
        let shade = (i as u8).wrapping_mul(40);
        let image = Bytes::from(png(160, 90, [40 + shade, 90, 160u8.wrapping_sub(shade)]));
        if let Err(e) = ctx
            .objects
            .put_object(&ctx.bucket, &key, "image/png", image)
            .await
        {
            tracing::warn!("snapshot for {}: {e}", a.asset_id);
            return (out, true);
        }
        out.push(Snapshot {
            offset: *offset,
            key,
        });
    }
    (out, false)
}

/// Applies an inspection result to the row: uploaded, processing clock started.
pub fn apply(a: &mut AssetRow, up: Uploaded) {
    let now = now_ms();
    a.size = up.size;
    a.head_md5 = Some(up.head_1024);
    a.head_md5_1025 = Some(up.head_1025);
    a.confirmed_at = Some(now);
    a.last_modified = now;
    a.snapshots = up.snapshots;
    a.thumbs_failed = up.thumbs_failed;
    if a.cover_type.is_none()
        && !a
            .cover_key
            .as_ref()
            .is_some_and(|k| k.contains("/snapshot/"))
    {
        a.cover_key = up.default_cover;
    }
}

/// `POST /v1.0/{p}/asset/status/uploaded`.
pub async fn confirm(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let asset_id = body.req_str("asset_id")?;
    let status = body.req_str("status")?;
    if !matches!(status.as_str(), "CREATED" | "FAILED" | "CANCELLED") {
        return Err(ApiError::illegal_403(
            "status",
            "must be CREATED, FAILED or CANCELLED",
        ));
    }
    let not_found = || ApiError::no_asset(StatusCode::FORBIDDEN, format!("asset_id {asset_id}"));
    let a = db::get_asset(&ctx.db(), &asset_id)?.ok_or_else(not_found)?;

    if status != "CREATED" {
        let mut stale = None;
        {
            let conn = ctx.db();
            let mut a = db::get_asset(&conn, &asset_id)?.ok_or_else(not_found)?;
            if a.status == "CREATING" {
                a.status = status;
            } else if let Some(p) = a.pending.take() {
                stale = Some(p.object_key);
            } else {
                return Err(wrong_state());
            }
            a.last_modified = now_ms();
            a.save(&conn)?;
        }
        if let Some(key) = stale {
            let _ = ctx.objects.delete_object(&ctx.bucket, &key);
        }
        return ok_json(json!({"asset_id": asset_id}));
    }

    let (bucket, key, md5) = if a.status == "CREATING" {
        (a.bucket.clone(), a.object_key.clone(), a.video_md5.clone())
    } else if let Some(p) = &a.pending {
        (
            ctx.bucket.clone(),
            p.object_key.clone(),
            p.video_md5.clone(),
        )
    } else {
        return Err(wrong_state());
    };
    let up = inspect(ctx, &a, &bucket, &key, md5.as_deref()).await?;

    let mut replaced = None;
    {
        let conn = ctx.db();
        let mut cur = db::get_asset(&conn, &asset_id)?.ok_or_else(not_found)?;
        if cur.status == "CREATING" && a.status == "CREATING" && cur.object_key == key {
            cur.status = "CREATED".into();
            cur.published = cur.auto_publish;
        } else if cur.pending.as_ref().is_some_and(|p| p.object_key == key) {
            let p = cur.pending.take().unwrap_or_default();
            if cur.owns_object && cur.object_key != p.object_key {
                replaced = Some((cur.bucket.clone(), cur.object_key.clone()));
            }
            cur.bucket = ctx.bucket.clone();
            cur.object_key = p.object_key;
            cur.video_type = p.video_type;
            cur.video_name = p.video_name;
            cur.video_md5 = p.video_md5;
            cur.owns_object = true;
            cur.status = "CREATED".into();
        } else {
            return Err(wrong_state());
        }
        apply(&mut cur, up);
        cur.save(&conn)?;
    }
    if let Some((b, k)) = replaced {
        let _ = ctx.objects.delete_object(&b, &k);
    }
    ok_json(json!({"asset_id": asset_id}))
}
