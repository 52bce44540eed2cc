//! Asset operations: create (§4), update video/cover/subtitles (§10.5), update metadata (§10.4),
//! publish/unpublish (§10.1–2), delete (§10.3), set cover (§10.6), duplication check (§8).

use axum::response::Response;
use serde_json::{Value, json};

use super::meta;
use super::render::{base_info, outputs};
use crate::http::{self, Body, Call};
use crate::huawei::errors::{ApiError, ApiResult};
use crate::huawei::{Ctx, status, validate};
use crate::library::assets::{
    self, CoverChange, Deletion, MediaChange, MetaChange, NewUpload, SubtitleRequest, VideoChange,
    uploaded,
};
use crate::library::lifecycle::{Progress, now_ms};
use crate::library::media::{
    SUBTITLE_CONTENT_TYPE, cover_content_type, is_audio, media_content_type,
};
use crate::library::{bucket_and_key, categories, presets};

fn upload_url(ctx: &Ctx, key: &str, content_type: &str) -> String {
    ctx.lib
        .presign("PUT", ctx.lib.bucket(), key, Some(content_type))
}

fn subtitle_urls<'a>(ctx: &Ctx, keys: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    keys.into_iter()
        .map(|k| upload_url(ctx, k, SUBTITLE_CONTENT_TYPE))
        .collect()
}

fn parse_subtitles(body: &Body, video_type: &str) -> ApiResult<Vec<SubtitleRequest>> {
    let subs = match body.opt_array("subtitles")? {
        Some(a) => validate::subtitles(&a)?,
        None => vec![],
    };
    if !subs.is_empty() && is_audio(video_type) {
        return Err(ApiError::illegal(
            "subtitles",
            "audio assets cannot have subtitles",
        ));
    }
    Ok(subs)
}

/// A non-empty optional string field, validated.
fn non_empty<T>(
    body: &Body,
    key: &str,
    check: impl FnOnce(&str) -> ApiResult<T>,
) -> ApiResult<Option<T>> {
    match body.opt_str(key)? {
        Some(v) if !v.is_empty() => check(&v).map(Some),
        _ => Ok(None),
    }
}

fn md5_field(body: &Body, key: &str) -> ApiResult<Option<String>> {
    non_empty(body, key, |m| validate::md5_b64(key, m))
}

/// `POST /v1.0/{p}/asset`.
pub fn create(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let video_name = validate::video_name(&body.req_str("video_name")?)?;
    let video_type = validate::video_type(&body.req_str("video_type")?, &[])?;
    let video_md5 = md5_field(&body, "video_md5")?;
    let cover_type = non_empty(&body, "cover_type", validate::cover_type)?;
    let cover_md5 = md5_field(&body, "cover_md5")?;
    let subtitles = parse_subtitles(&body, &video_type)?;

    let conn = ctx.lib.db();
    let row = ctx.lib.create(
        &conn,
        NewUpload {
            meta: meta::parse(&conn, &body)?,
            video_type,
            video_name,
            video_md5,
            cover_type,
            cover_md5,
            subtitles,
        },
    )?;
    drop(conn);

    let cover_key = ctx
        .lib
        .layout()
        .cover_key(&row.asset_id, row.cover_type.as_deref());
    let cover_type = cover_content_type(row.cover_type.as_deref());
    Ok(http::json(json!({
        "asset_id": row.asset_id,
        "video_upload_url": upload_url(ctx, &row.object_key, &media_content_type(&row.video_type)),
        "cover_upload_url": upload_url(ctx, &cover_key, &cover_type),
        "subtitle_upload_urls": subtitle_urls(ctx, row.subtitles.iter().map(|s| &s.object_key)),
        "target": {"bucket": ctx.lib.bucket(), "location": ctx.region, "object": row.object_key},
    })))
}

/// `PUT /v1.0/{p}/asset`: new upload URLs for the video, the cover and/or subtitles.
pub fn update_asset(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let asset_id = body.req_str("asset_id")?;
    let new_type = non_empty(&body, "video_type", |t| validate::video_type(t, &[]))?;
    let new_name = non_empty(&body, "video_name", validate::video_name)?;
    let video_md5 = md5_field(&body, "video_md5")?;
    if let Some(c) = body.opt_int_in("cover_id", 0, 7)?
        && c != 0
    {
        return Err(ApiError::illegal(
            "cover_id",
            "only cover_id 0 is supported",
        ));
    }
    let cover_type = non_empty(&body, "cover_type", validate::cover_type)?;
    let cover_md5 = md5_field(&body, "cover_md5")?;

    let conn = ctx.lib.db();
    let a = assets::load(&conn, &asset_id).map_err(ApiError::missing_is_403)?;
    let subtitles = parse_subtitles(&body, new_type.as_deref().unwrap_or(&a.video_type))?;
    let wants_video = new_type.is_some() || new_name.is_some() || video_md5.is_some();
    let wants_cover = cover_type.is_some() || cover_md5.is_some() || body.has("cover_id");
    let change = MediaChange {
        video: wants_video.then_some(VideoChange {
            video_type: new_type,
            video_name: new_name,
            md5: video_md5,
        }),
        cover: wants_cover.then_some(CoverChange {
            cover_type,
            md5: cover_md5,
        }),
        subtitles,
    };
    let targets = ctx.lib.change_media(&conn, a, change)?;
    drop(conn);

    let mut out = json!({"asset_id": asset_id});
    if let Some((key, video_type)) = &targets.video {
        out["video_upload_url"] = json!(upload_url(ctx, key, &media_content_type(video_type)));
    }
    if let Some((key, cover_type)) = &targets.cover {
        let content_type = cover_content_type(cover_type.as_deref());
        out["cover_upload_url"] = json!(upload_url(ctx, key, &content_type));
    }
    out["subtitle_upload_urls"] = json!(subtitle_urls(ctx, &targets.subtitles));
    Ok(http::json(out))
}

/// `PUT /v1.0/{p}/asset/info` → 204.
pub fn update_meta(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let asset_id = body.req_str("asset_id")?;
    let change = MetaChange {
        title: body
            .opt_str("title")?
            .map(|t| validate::title(&t))
            .transpose()?,
        description: body
            .opt_str("description")?
            .map(|d| validate::description(&d))
            .transpose()?,
        tags: body
            .opt_str("tags")?
            .map(|t| validate::tags(&t))
            .transpose()?,
        category_id: body.opt_int("category_id")?,
    };
    assets::update_meta(&ctx.lib.db(), &asset_id, change)?;
    Ok(http::no_content())
}

/// `PUT /v1.0/{p}/asset/cover` with `{"thumbnailUrl"}` → 204.
pub fn set_cover(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let url = body.req_str("thumbnailUrl")?;
    let (bucket, key) = bucket_and_key(&url).ok_or(crate::library::Error::NotASnapshot)?;
    ctx.lib.cover_from_snapshot(&bucket, &key)?;
    Ok(http::no_content())
}

/// `GET /v1.0/{p}/asset/duplication?size=&md5=`.
pub fn duplication(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let size = call
        .query
        .int("size")?
        .filter(|s| *s >= 0)
        .ok_or_else(|| ApiError::illegal("size", "a file size in bytes is required"))?;
    let md5 = call.query.required("md5")?.to_ascii_lowercase();
    if md5.len() != 32 || !md5.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::illegal(
            "md5",
            "must be the hex MD5 of the file's first 1024 bytes",
        ));
    }
    let ids = assets::duplicates(&ctx.lib.db(), size, &md5)?;
    Ok(http::json(
        json!({"is_duplicated": i32::from(!ids.is_empty()), "asset_ids": ids}),
    ))
}

/// `POST /v1.0/{p}/asset/status/publish|unpublish`: per-asset results in the 200 body.
pub fn publish(ctx: &Ctx, call: &Call, publish: bool) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let ids = body
        .str_list("asset_id")?
        .filter(|l| !l.is_empty())
        .ok_or_else(|| ApiError::illegal_403("asset_id", "one or more asset ids are required"))?;
    let now = now_ms();
    let (published, cats, groups) = {
        let mut conn = ctx.lib.db();
        let cats = categories::names(&conn)?;
        let groups = presets::all(&conn)?;
        (
            assets::set_published(&mut conn, &ids, publish, now)?,
            cats,
            groups,
        )
    };
    let results: Vec<Value> = published
        .into_iter()
        .map(|(id, asset)| match asset {
            None => json!({"asset_id": id, "status": "UNCREATED",
                           "description": "no asset", "is_multi_transcode": false}),
            Some(a) => {
                let description = match (uploaded(&a), publish) {
                    (true, _) => "",
                    (false, true) => {
                        "the asset is not uploaded (only CREATED assets can be published)"
                    }
                    (false, false) => "the asset is not uploaded",
                };
                let p = Progress::of(&a, now);
                let play: Vec<Value> = outputs(ctx, &a, &p, &groups)
                    .into_iter()
                    .map(|o| {
                        json!({"play_type": o["play_type"], "group_id": o["group_id"],
                               "group_name": o["group_name"], "url": o["url"],
                               "encrypted": o["encrypted"], "meta_data": o["meta_data"]})
                    })
                    .collect();
                json!({
                    "asset_id": a.asset_id,
                    "status": status::merged(&p),
                    "description": description,
                    "is_multi_transcode": false,
                    "base_info": base_info(ctx, &a, &cats),
                    "play_info_array": play,
                })
            }
        })
        .collect();
    Ok(http::json(json!({"asset_info_array": results})))
}

/// `DELETE /v1.0/{p}/asset?asset_id=…` (repeated keys or comma-joined).
pub fn delete(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let ids = call.query.all("asset_id");
    if ids.is_empty() {
        return Err(ApiError::illegal_403(
            "asset_id",
            "one or more asset ids are required",
        ));
    }
    if let Some(t) = call.query.get("delete_type")
        && t != "origin"
    {
        return Err(ApiError::illegal_403(
            "delete_type",
            "must be origin or omitted",
        ));
    }
    let results: Vec<Value> = ctx
        .lib
        .delete(ids, now_ms())?
        .into_iter()
        .map(|(id, outcome)| match outcome {
            Deletion::Missing => {
                json!({"asset_id": id, "status": "FAILED", "description": "no asset"})
            }
            Deletion::Busy(task) => json!({"asset_id": id, "status": "FAILED",
                "description": format!("cannot delete while {}", status::running(task))}),
            Deletion::Done => json!({"asset_id": id, "status": "DELETED"}),
        })
        .collect();
    Ok(http::json(json!({"delete_result_array": results})))
}
