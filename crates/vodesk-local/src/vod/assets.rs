//! Asset operations: create (§4), update video/cover/subtitles (§10.5), update metadata (§10.4),
//! list (§9.1), details (§9.2), publish/unpublish (§10.1–2), delete (§10.3), set cover (§10.6),
//! duplication check (§8).

use std::collections::HashMap;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use rand::Rng;
use rusqlite::{Connection, params, params_from_iter};
use serde_json::{Value, json};

use super::Ctx;
use super::categories::{self, OTHER};
use super::db::{self, AssetRow, SubtitleSpec};
use super::errors::{ApiError, ApiResult};
use super::lifecycle::{self, Derived, derive, format_time, merged_status, now_ms, parse_time};
use super::objects::bucket_and_key;
use super::request::Body;
use super::routes::{Call, no_content, ok_json};
use super::templates::{self, TemplateGroup};
use super::validate;

pub fn new_asset_id() -> String {
    hex::encode(rand::rng().random::<[u8; 16]>())
}

/// The metadata shared by create, reproduction and URL pull (§4.1, §13).
pub struct CommonMeta {
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub tags: String,
    pub auto_publish: bool,
    pub template_group: Option<TemplateGroup>,
    pub auto_encrypt: bool,
    pub auto_preheat: String,
    pub thumbnail: Option<Value>,
    pub review: Option<Value>,
    pub workflow_name: Option<String>,
}

impl CommonMeta {
    pub fn parse(conn: &Connection, body: &Body) -> ApiResult<Self> {
        let title = validate::title(&body.req_str("title")?)?;
        let description = match body.opt_str("description")? {
            Some(d) => validate::description(&d)?,
            None => String::new(),
        };
        let category_id = body.opt_int("category_id")?.unwrap_or(OTHER);
        categories::require(conn, category_id)?;
        let tags = match body.opt_str("tags")? {
            Some(t) => validate::tags(&t)?,
            None => String::new(),
        };
        let auto_publish = validate::flag(body, "auto_publish", true)?;
        let template_group = match body.opt_str("template_group_name")? {
            Some(name) if !name.is_empty() => {
                Some(templates::by_name(conn, &name)?.ok_or_else(|| {
                    ApiError::illegal(
                        "template_group_name",
                        format!("no template group named \"{name}\""),
                    )
                })?)
            }
            _ => None,
        };
        let workflow_name = body.opt_str("workflow_name")?.filter(|w| !w.is_empty());
        if workflow_name.is_some() && template_group.is_none() {
            return Err(ApiError::illegal(
                "workflow_name",
                "no such workflow (the local service has none; use template_group_name)",
            ));
        }
        let auto_encrypt = validate::flag(body, "auto_encrypt", false)?;
        if auto_encrypt && template_group.as_ref().is_none_or(|g| g.format != "HLS") {
            return Err(ApiError::illegal(
                "auto_encrypt",
                "encryption needs an HLS transcoding template group",
            ));
        }
        let auto_preheat = match body.map.get("auto_preheat") {
            None | Some(Value::Null) => "0".to_string(),
            Some(Value::String(s)) if s == "0" || s == "1" => s.clone(),
            Some(Value::Number(n)) if n.as_i64() == Some(0) || n.as_i64() == Some(1) => {
                n.to_string()
            }
            Some(_) => return Err(ApiError::illegal("auto_preheat", "must be 0 or 1")),
        };
        let thumbnail = match body.opt_obj("thumbnail")? {
            Some(t) => Some(validate::thumbnail(&t)?),
            None => None,
        };
        let review = match body.opt_obj("review")? {
            Some(r) => Some(validate::review(&r)?),
            None => None,
        };
        Ok(CommonMeta {
            title,
            description,
            category_id,
            tags,
            auto_publish,
            template_group,
            auto_encrypt,
            auto_preheat,
            thumbnail,
            review,
            workflow_name,
        })
    }

    /// A new asset row (status `CREATING`) holding this metadata.
    pub fn into_row(
        self,
        asset_id: String,
        video_type: String,
        video_name: String,
        bucket: String,
        object_key: String,
    ) -> AssetRow {
        let now = now_ms();
        let audio = validate::is_audio(&video_type);
        AssetRow {
            asset_id,
            title: self.title,
            description: self.description,
            video_name,
            category_id: self.category_id,
            tags: self.tags,
            create_time: now,
            last_modified: now,
            status: "CREATING".into(),
            published: false,
            auto_publish: self.auto_publish,
            transcodes: !audio && self.template_group.as_ref().is_some_and(|g| g.transcodes()),
            template_group: self.template_group.map(|g| g.name),
            auto_encrypt: self.auto_encrypt,
            auto_preheat: self.auto_preheat,
            thumbnail: if audio { None } else { self.thumbnail },
            review: self.review,
            workflow_name: self.workflow_name,
            video_type,
            video_md5: None,
            cover_type: None,
            cover_md5: None,
            subtitles: vec![],
            bucket,
            object_key,
            owns_object: true,
            size: 0,
            head_md5: None,
            head_md5_1025: None,
            confirmed_at: None,
            thumbs_failed: false,
            snapshots: vec![],
            cover_key: None,
            pending: None,
            source: "upload".into(),
        }
    }
}

/// Key of an asset's original: `{project}/{asset_id}/{name}.{ext}`.
pub fn video_key(ctx: &Ctx, asset_id: &str, name: &str, video_type: &str) -> String {
    format!(
        "{}/{name}.{}",
        ctx.asset_prefix(asset_id),
        video_type.to_ascii_lowercase()
    )
}

/// `Content-Type` the cover upload URL is signed with: `image/jpg` or `image/png`
/// (`image/<lower-case cover_type>`; `image/jpg` when no cover type was given).
pub fn cover_content_type(cover_type: Option<&str>) -> String {
    format!("image/{}", cover_type.unwrap_or("JPG").to_ascii_lowercase())
}

pub const SUBTITLE_CONTENT_TYPE: &str = "application/octet-stream";

fn subtitle_specs(ctx: &Ctx, asset_id: &str, reqs: &[validate::SubtitleReq]) -> Vec<SubtitleSpec> {
    reqs.iter()
        .map(|s| SubtitleSpec {
            id: s.id,
            kind: "SRT".into(),
            language: s.language.clone(),
            object_key: format!(
                "{}/subtitle_{}_{}.srt",
                ctx.asset_prefix(asset_id),
                s.id,
                s.language.to_ascii_lowercase()
            ),
        })
        .collect()
}

fn subtitle_urls(ctx: &Ctx, subs: &[SubtitleSpec], ids: &[i64]) -> Vec<String> {
    subs.iter()
        .filter(|s| ids.contains(&s.id))
        .map(|s| {
            ctx.presign(
                "PUT",
                &ctx.bucket,
                &s.object_key,
                Some(SUBTITLE_CONTENT_TYPE),
            )
        })
        .collect()
}

fn parse_subtitles(body: &Body, video_type: &str) -> ApiResult<Vec<validate::SubtitleReq>> {
    let subs = match body.opt_array("subtitles")? {
        Some(a) => validate::subtitles(&a)?,
        None => vec![],
    };
    if !subs.is_empty() && validate::is_audio(video_type) {
        return Err(ApiError::illegal(
            "subtitles",
            "audio assets cannot have subtitles",
        ));
    }
    Ok(subs)
}

/// `POST /v1.0/{p}/asset`.
pub fn create(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let video_name = validate::video_name(&body.req_str("video_name")?)?;
    let video_type = validate::video_type(&body.req_str("video_type")?, &[])?;
    let video_md5 = match body.opt_str("video_md5")? {
        Some(m) if !m.is_empty() => Some(validate::md5_b64("video_md5", &m)?),
        _ => None,
    };
    let cover_type = match body.opt_str("cover_type")? {
        Some(c) if !c.is_empty() => Some(validate::cover_type(&c)?),
        _ => None,
    };
    let cover_md5 = match body.opt_str("cover_md5")? {
        Some(m) if !m.is_empty() => Some(validate::md5_b64("cover_md5", &m)?),
        _ => None,
    };
    let subs = parse_subtitles(&body, &video_type)?;

    let asset_id = new_asset_id();
    let object_key = video_key(ctx, &asset_id, &asset_id, &video_type);
    let conn = ctx.db();
    let meta = CommonMeta::parse(&conn, &body)?;
    let mut row = meta.into_row(
        asset_id.clone(),
        video_type.clone(),
        video_name,
        ctx.bucket.clone(),
        object_key.clone(),
    );
    row.video_md5 = video_md5;
    row.cover_type = cover_type.clone();
    row.cover_md5 = cover_md5;
    row.subtitles = subtitle_specs(ctx, &asset_id, &subs);
    let cover_key = row.cover_object_key(&ctx.asset_prefix(&asset_id));
    if cover_type.is_some() {
        row.cover_key = Some(cover_key.clone());
    }
    row.insert(&conn)?;
    drop(conn);

    let ids: Vec<i64> = subs.iter().map(|s| s.id).collect();
    ok_json(json!({
        "asset_id": asset_id,
        "video_upload_url": ctx.presign("PUT", &ctx.bucket, &object_key,
                                        Some(&validate::media_content_type(&video_type))),
        "cover_upload_url": ctx.presign("PUT", &ctx.bucket, &cover_key,
                                        Some(&cover_content_type(cover_type.as_deref()))),
        "subtitle_upload_urls": subtitle_urls(ctx, &row.subtitles, &ids),
        "target": {"bucket": ctx.bucket, "location": ctx.region, "object": object_key},
    }))
}

fn load(conn: &Connection, asset_id: &str, status: StatusCode) -> ApiResult<AssetRow> {
    db::get_asset(conn, asset_id)?
        .ok_or_else(|| ApiError::no_asset(status, format!("asset_id {asset_id}")))
}

/// `PUT /v1.0/{p}/asset`: new upload URLs for the video, the cover and/or subtitles.
pub fn update_asset(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let asset_id = body.req_str("asset_id")?;
    let new_type = match body.opt_str("video_type")? {
        Some(t) if !t.is_empty() => Some(validate::video_type(&t, &[])?),
        _ => None,
    };
    let new_name = match body.opt_str("video_name")? {
        Some(n) if !n.is_empty() => Some(validate::video_name(&n)?),
        _ => None,
    };
    let video_md5 = match body.opt_str("video_md5")? {
        Some(m) if !m.is_empty() => Some(validate::md5_b64("video_md5", &m)?),
        _ => None,
    };
    if let Some(c) = body.opt_int_in("cover_id", 0, 7)?
        && c != 0
    {
        return Err(ApiError::illegal(
            "cover_id",
            "only cover_id 0 is supported",
        ));
    }
    let cover_type = match body.opt_str("cover_type")? {
        Some(c) if !c.is_empty() => Some(validate::cover_type(&c)?),
        _ => None,
    };
    let cover_md5 = match body.opt_str("cover_md5")? {
        Some(m) if !m.is_empty() => Some(validate::md5_b64("cover_md5", &m)?),
        _ => None,
    };

    let conn = ctx.db();
    let mut a = load(&conn, &asset_id, StatusCode::FORBIDDEN)?;
    let subs = parse_subtitles(&body, new_type.as_deref().unwrap_or(&a.video_type))?;
    let d = derive(&a, now_ms());
    if d.processing() {
        return Err(ApiError::bad_state(d.what_is_running()));
    }
    let mut out = json!({"asset_id": asset_id});
    let wants_video = new_type.is_some() || new_name.is_some() || video_md5.is_some();
    if wants_video {
        let video_type = new_type.unwrap_or_else(|| a.video_type.clone());
        let video_name = new_name.unwrap_or_else(|| a.video_name.clone());
        let key = if a.status == "CREATING" {
            // Never uploaded: just retarget the pending upload.
            let key = video_key(ctx, &a.asset_id, &a.asset_id, &video_type);
            a.object_key = key.clone();
            a.video_type = video_type.clone();
            a.video_name = video_name;
            a.video_md5 = video_md5;
            key
        } else {
            // A replacement: the current video stays until the new one is confirmed.
            let key = video_key(ctx, &a.asset_id, &new_asset_id(), &video_type);
            a.pending = Some(db::PendingVideo {
                object_key: key.clone(),
                video_type: video_type.clone(),
                video_name,
                video_md5,
            });
            key
        };
        out["video_upload_url"] = json!(ctx.presign(
            "PUT",
            &ctx.bucket,
            &key,
            Some(&validate::media_content_type(&video_type))
        ));
    }
    if cover_type.is_some() || cover_md5.is_some() || body.has("cover_id") {
        if cover_type.is_some() {
            a.cover_type = cover_type;
        }
        a.cover_md5 = cover_md5;
        let key = a.cover_object_key(&ctx.asset_prefix(&a.asset_id));
        a.cover_key = Some(key.clone());
        out["cover_upload_url"] = json!(ctx.presign(
            "PUT",
            &ctx.bucket,
            &key,
            Some(&cover_content_type(a.cover_type.as_deref()))
        ));
    }
    if !subs.is_empty() {
        let specs = subtitle_specs(ctx, &a.asset_id, &subs);
        a.subtitles.retain(|s| !subs.iter().any(|n| n.id == s.id));
        a.subtitles.extend(specs);
        a.subtitles.sort_by_key(|s| s.id);
        let ids: Vec<i64> = subs.iter().map(|s| s.id).collect();
        out["subtitle_upload_urls"] = json!(subtitle_urls(ctx, &a.subtitles, &ids));
    } else {
        out["subtitle_upload_urls"] = json!([]);
    }
    a.last_modified = now_ms();
    a.save(&conn)?;
    ok_json(out)
}

/// `PUT /v1.0/{p}/asset/info` → 204.
pub fn update_meta(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let asset_id = body.req_str("asset_id")?;
    let title = body
        .opt_str("title")?
        .map(|t| validate::title(&t))
        .transpose()?;
    let description = body
        .opt_str("description")?
        .map(|d| validate::description(&d))
        .transpose()?;
    let tags = body
        .opt_str("tags")?
        .map(|t| validate::tags(&t))
        .transpose()?;
    let category_id = body.opt_int("category_id")?;
    let conn = ctx.db();
    let mut a = load(&conn, &asset_id, StatusCode::BAD_REQUEST)?;
    if let Some(c) = category_id {
        categories::require(&conn, c)?;
        a.category_id = c;
    }
    if let Some(t) = title {
        a.title = t;
    }
    if let Some(d) = description {
        a.description = d;
    }
    if let Some(t) = tags {
        a.tags = t;
    }
    a.last_modified = now_ms();
    a.save(&conn)?;
    no_content()
}

/// `PUT /v1.0/{p}/asset/cover` with `{"thumbnailUrl"}` → 204.
pub fn set_cover(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let url = body.req_str("thumbnailUrl")?;
    let not_found = || {
        ApiError::no_asset(
            StatusCode::BAD_REQUEST,
            "thumbnailUrl is not a snapshot of any asset",
        )
    };
    let (bucket, key) = bucket_and_key(&url).ok_or_else(not_found)?;
    if bucket != ctx.bucket {
        return Err(not_found());
    }
    let asset_id = key.split('/').nth(1).ok_or_else(not_found)?.to_string();
    let conn = ctx.db();
    let mut a = db::get_asset(&conn, &asset_id)?.ok_or_else(not_found)?;
    let d = derive(&a, now_ms());
    if d.thumbnail_status != "THUMBNAIL_SUCCEED" || !a.snapshots.iter().any(|s| s.key == key) {
        return Err(not_found());
    }
    a.cover_key = Some(key);
    a.last_modified = now_ms();
    a.save(&conn)?;
    no_content()
}

/// `GET /v1.0/{p}/asset/duplication?size=&md5=`.
pub fn duplication(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
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
    let conn = ctx.db();
    let mut stmt = conn.prepare(
        "SELECT asset_id FROM assets WHERE size = ?1 AND status = 'CREATED' \
         AND (head_md5 = ?2 OR head_md5_1025 = ?2) ORDER BY create_time",
    )?;
    let ids: Vec<String> = stmt
        .query_map(params![size, md5], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ok_json(json!({"is_duplicated": i32::from(!ids.is_empty()), "asset_ids": ids}))
}

fn placeholder(args: &mut Vec<rusqlite::types::Value>, v: rusqlite::types::Value) -> String {
    args.push(v);
    format!("?{}", args.len())
}

fn category_names(conn: &Connection) -> rusqlite::Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, name FROM categories")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

fn uploaded(a: &AssetRow) -> bool {
    a.status == "CREATED"
}

fn cover_url(ctx: &Ctx, a: &AssetRow, check: bool) -> Option<String> {
    let key = a.cover_key.as_ref()?;
    if check && !matches!(ctx.objects.head_object(&ctx.bucket, key), Ok(Some(_))) {
        return None;
    }
    Some(ctx.presign_get(&ctx.bucket, key))
}

fn exec_desc(d: &Derived) -> String {
    let asset = match d.asset_status {
        "PUBLISHED" => "Asset meta is published",
        "CREATING" => "Asset is being uploaded",
        "FAILED" => "Asset upload failed",
        _ => "Asset meta is created",
    };
    let transcode = match d.transcode_status {
        "TRANSCODE_SUCCEED" => "Transcode success",
        "TRANSCODING" => "Transcoding",
        "WAITING_TRANSCODE" => "Waiting for transcoding",
        _ => "Not transcoded",
    };
    format!("asset_exec_desc:{asset};transcode_exec_desc:{transcode};")
}

fn meta_data(a: &AssetRow) -> Value {
    json!({"pack_type": a.video_type, "codec": "UNKNOWN", "duration": 0, "duration_ms": 0,
           "video_size": a.size, "width": 0, "hight": 0, "height": 0, "bit_rate": 0,
           "frame_rate": 0, "quality": "", "audio_channels": 0})
}

fn base_info(ctx: &Ctx, a: &AssetRow, cats: &HashMap<i64, String>) -> Value {
    let original = uploaded(a).then(|| ctx.presign_get(&a.bucket, &a.object_key));
    let covers: Vec<Value> = cover_url(ctx, a, true)
        .map(|u| vec![json!({"cover_url": u})])
        .unwrap_or_default();
    let subtitles: Vec<Value> = a
        .subtitles
        .iter()
        .filter(|s| {
            matches!(
                ctx.objects.head_object(&ctx.bucket, &s.object_key),
                Ok(Some(_))
            )
        })
        .map(|s| {
            json!({"url": ctx.presign_get(&ctx.bucket, &s.object_key), "id": s.id,
                   "type": s.kind, "language": s.language})
        })
        .collect();
    let mut v = json!({
        "title": a.title,
        "video_name": a.video_name,
        "description": a.description,
        "category_id": a.category_id,
        "category_name": cats.get(&a.category_id).cloned().unwrap_or_default(),
        "create_time": format_time(a.create_time),
        "last_modified": format_time(a.last_modified),
        "video_type": a.video_type,
        "tags": if a.tags.is_empty() { Value::Null } else { json!(a.tags) },
        "meta_data": meta_data(a),
        "video_url": original,
        "sign_url": original,
        "cover_info_array": covers,
        "subtitle_info": subtitles,
    });
    if !a.owns_object {
        v["source_path"] =
            json!({"bucket": a.bucket, "location": ctx.region, "object": a.object_key});
    }
    v
}

fn outputs(ctx: &Ctx, a: &AssetRow, d: &Derived, groups: &[TemplateGroup]) -> Vec<Value> {
    if d.transcode_status != "TRANSCODE_SUCCEED" {
        return vec![];
    }
    let Some(g) = a
        .template_group
        .as_ref()
        .and_then(|n| groups.iter().find(|g| &g.name == n))
    else {
        return vec![];
    };
    let url = ctx.presign_get(&a.bucket, &a.object_key);
    let encrypted = i32::from(a.auto_encrypt);
    let rendition = |q: &templates::Quality| {
        json!({"play_type": g.format, "url": url, "group_id": g.group_id, "group_name": g.name,
               "encrypted": encrypted, "quality": q.quality,
               "meta_data": {"pack_type": g.format, "codec": "H.264", "duration": 0, "duration_ms": 0,
                             "video_size": a.size, "width": q.width, "hight": q.height,
                             "height": q.height, "bit_rate": q.bitrate, "frame_rate": 25,
                             "quality": q.quality, "audio_channels": 2}})
    };
    let mut out = Vec::new();
    if g.format == "HLS" {
        out.push(json!({"play_type": "HLS", "url": url, "group_id": g.group_id, "group_name": g.name,
                        "encrypted": encrypted, "quality": "",
                        "meta_data": {"pack_type": "HLS", "duration": 0, "video_size": 0, "width": 0,
                                      "hight": 0, "height": 0, "bit_rate": 0, "frame_rate": 0}}));
    }
    out.extend(g.qualities.iter().map(rendition));
    out
}

fn thumbnail_info(ctx: &Ctx, a: &AssetRow, d: &Derived) -> Value {
    let mut v = json!({"thumbnail_status": d.thumbnail_status, "exec_desc": ""});
    if d.thumbnail_status == "THUMBNAIL_SUCCEED" {
        let shots: Vec<Value> = a
            .snapshots
            .iter()
            .map(|s| json!({"offset": s.offset, "url": ctx.presign_get(&ctx.bucket, &s.key)}))
            .collect();
        let kind = a
            .thumbnail
            .as_ref()
            .and_then(|t| t["type"].as_str())
            .unwrap_or("time");
        let field = if kind == "time" { "sample" } else { kind };
        v[field] = json!(shots);
        v["exec_desc"] = json!("Thumbnail success");
    }
    v
}

/// `GET /v1.0/{p}/asset/details?asset_id=&categories=`.
pub fn details(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let asset_id = call.query.required("asset_id")?.to_string();
    let sections = call.query.all("categories");
    for s in &sections {
        if !matches!(
            s.as_str(),
            "base_info" | "transcode_info" | "thumbnail_info" | "review_info"
        ) {
            return Err(ApiError::illegal(
                "categories",
                format!("unknown section {s}"),
            ));
        }
    }
    let want = |s: &str| sections.is_empty() || sections.iter().any(|x| x == s);
    let (a, cats, groups) = {
        let conn = ctx.db();
        let a = load(&conn, &asset_id, StatusCode::BAD_REQUEST)?;
        (a, category_names(&conn)?, templates::all(&conn)?)
    };
    let d = derive(&a, now_ms());
    let mut out = json!({"asset_id": a.asset_id});
    if want("base_info") {
        out["base_info"] = base_info(ctx, &a, &cats);
    }
    if want("transcode_info") {
        out["transcode_info"] = json!({
            "template_group_name": a.template_group.clone().unwrap_or_default(),
            "output": outputs(ctx, &a, &d, &groups),
            "exec_desc": if d.transcode_status == "TRANSCODE_SUCCEED" { "Transcode success" } else { "" },
            "transcode_status": d.transcode_status,
        });
    }
    if want("thumbnail_info") {
        out["thumbnail_info"] = thumbnail_info(ctx, &a, &d);
    }
    if want("review_info") {
        out["review_info"] = json!({"review_status": d.review_status, "exec_desc": "",
            "suggestion": if d.review_status == "REVIEW_PASSED" { "pass" } else { "" }});
    }
    ok_json(out)
}

/// `GET /v1.0/{p}/asset/list`.
pub fn list(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let q = &call.query;
    let page = q.int_in("page", 0, i64::from(i32::MAX))?.unwrap_or(0);
    let size = q.int_in("size", 1, 100)?.unwrap_or(10);
    let order = match q.get("order").unwrap_or("desc") {
        "asc" => "ASC",
        "desc" => "DESC",
        _ => return Err(ApiError::illegal("order", "must be asc or desc")),
    };
    let now = now_ms();
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();

    let ids = q.all("asset_id");
    if ids.len() > 10 {
        return Err(ApiError::illegal("asset_id", "at most 10 asset ids"));
    }
    if !ids.is_empty() {
        let ph: Vec<String> = ids
            .iter()
            .map(|i| placeholder(&mut args, i.clone().into()))
            .collect();
        conds.push(format!("asset_id IN ({})", ph.join(",")));
    }
    let statuses = q.all("status");
    if !statuses.is_empty() {
        let mut ors = Vec::new();
        for s in &statuses {
            ors.push(
                lifecycle::status_condition(s, now)
                    .ok_or_else(|| ApiError::illegal("status", format!("unknown status {s}")))?,
            );
        }
        conds.push(format!("({})", ors.join(" OR ")));
    }
    for (key, op) in [("start_time", ">="), ("end_time", "<=")] {
        if let Some(t) = q.get(key) {
            let ms = parse_time(t)
                .ok_or_else(|| ApiError::illegal(key, "must be yyyymmddhhmmss (UTC)"))?;
            let ms = if op == "<=" { ms + 999 } else { ms };
            let p = placeholder(&mut args, ms.into());
            conds.push(format!("create_time {op} {p}"));
        }
    }
    if let Some(c) = q.int("category_id")? {
        let p = placeholder(&mut args, c.into());
        conds.push(format!("category_id = {p}"));
    }
    if let Some(t) = q.get("tags") {
        let tags = validate::tags(t)?;
        let mut ors = Vec::new();
        for tag in tags.split(',').filter(|t| !t.is_empty()) {
            let p = placeholder(&mut args, format!(",{tag},").into());
            ors.push(format!("instr(',' || tags || ',', {p}) > 0"));
        }
        if !ors.is_empty() {
            conds.push(format!("({})", ors.join(" OR ")));
        }
    }
    if let Some(s) = q.get("query_string") {
        let p = placeholder(&mut args, s.to_lowercase().into());
        conds.push(format!(
            "(instr(lower(title), {p}) > 0 OR instr(lower(description), {p}) > 0 OR category_id IN \
             (SELECT id FROM categories WHERE instr(lower(name), {p}) > 0))"
        ));
    }
    let types = q.all("media_type");
    if types.len() > 20 {
        return Err(ApiError::illegal("media_type", "at most 20 formats"));
    }
    if !types.is_empty() {
        let ph: Vec<String> = types
            .iter()
            .map(|t| placeholder(&mut args, t.to_ascii_uppercase().into()))
            .collect();
        conds.push(format!("video_type IN ({})", ph.join(",")));
    }
    let where_clause = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };

    let conn = ctx.db();
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM assets {where_clause}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM assets {where_clause} ORDER BY create_time {order}, asset_id {order} LIMIT {size} OFFSET {}",
        db::ASSET_COLUMNS,
        page.saturating_mul(size)
    ))?;
    let rows: Vec<AssetRow> = stmt
        .query_map(params_from_iter(args.iter()), AssetRow::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let cats = category_names(&conn)?;
    drop(stmt);
    drop(conn);

    let assets: Vec<Value> = rows
        .iter()
        .map(|a| {
            let d = derive(a, now);
            let covers: Vec<Value> = cover_url(ctx, a, false)
                .filter(|_| uploaded(a))
                .map(|u| vec![json!({"cover_url": u})])
                .unwrap_or_default();
            json!({
                "asset_id": a.asset_id,
                "title": a.title,
                "description": a.description,
                "duration": 0,
                "duration_ms": 0,
                "size": a.size,
                "original_url": uploaded(a).then(|| ctx.presign_get(&a.bucket, &a.object_key)),
                "category": cats.get(&a.category_id).cloned().unwrap_or_default(),
                "covers": covers,
                "create_time": format_time(a.create_time),
                "asset_status": d.asset_status,
                "transcode_status": d.transcode_status,
                "thumbnail_status": d.thumbnail_status,
                "review_status": d.review_status,
                "exec_desc": exec_desc(&d),
                "media_type": a.video_type,
            })
        })
        .collect();
    ok_json(json!({"total": total.min(20_000), "assets": assets}))
}

/// `POST /v1.0/{p}/asset/status/publish|unpublish`: per-asset results in the 200 body.
pub fn publish(ctx: &Arc<Ctx>, call: &Call, publish: bool) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let ids = body
        .str_list("asset_id")?
        .filter(|l| !l.is_empty())
        .ok_or_else(|| ApiError::illegal_403("asset_id", "one or more asset ids are required"))?;
    let now = now_ms();
    let mut results = Vec::new();
    let mut conn = ctx.db();
    let cats = category_names(&conn)?;
    let groups = templates::all(&conn)?;
    let tx = conn.transaction()?;
    for id in ids {
        let Some(mut a) = db::get_asset(&tx, &id)? else {
            results.push(
                json!({"asset_id": id, "status": "UNCREATED", "description": "no asset",
                                "is_multi_transcode": false}),
            );
            continue;
        };
        let mut description = String::new();
        if uploaded(&a) {
            if a.published != publish {
                a.published = publish;
                a.last_modified = now;
                tx.execute(
                    "UPDATE assets SET published = ?1, last_modified = ?2 WHERE asset_id = ?3",
                    params![publish as i64, now, a.asset_id],
                )?;
            }
        } else {
            description = if publish {
                "the asset is not uploaded (only CREATED assets can be published)".into()
            } else {
                "the asset is not uploaded".into()
            };
        }
        let d = derive(&a, now);
        let play: Vec<Value> = outputs(ctx, &a, &d, &groups)
            .into_iter()
            .map(|o| {
                json!({"play_type": o["play_type"], "group_id": o["group_id"],
                            "group_name": o["group_name"], "url": o["url"],
                            "encrypted": o["encrypted"], "meta_data": o["meta_data"]})
            })
            .collect();
        results.push(json!({
            "asset_id": a.asset_id,
            "status": merged_status(&a, &d),
            "description": description,
            "is_multi_transcode": false,
            "base_info": base_info(ctx, &a, &cats),
            "play_info_array": play,
        }));
    }
    tx.commit()?;
    ok_json(json!({"asset_info_array": results}))
}

/// Keys an asset owns in the VOD bucket (original if owned, cover, subtitles, snapshots, pending).
fn owned_keys(ctx: &Ctx, a: &AssetRow) -> Vec<(String, String)> {
    let mut keys = Vec::new();
    if a.owns_object {
        keys.push((a.bucket.clone(), a.object_key.clone()));
    }
    let prefix = ctx.asset_prefix(&a.asset_id);
    keys.push((ctx.bucket.clone(), format!("{prefix}/cover0")));
    keys.push((ctx.bucket.clone(), format!("{prefix}/cover0.jpg")));
    keys.push((ctx.bucket.clone(), format!("{prefix}/cover0.png")));
    keys.extend(
        a.subtitles
            .iter()
            .map(|s| (ctx.bucket.clone(), s.object_key.clone())),
    );
    keys.extend(
        a.snapshots
            .iter()
            .map(|s| (ctx.bucket.clone(), s.key.clone())),
    );
    if let Some(p) = &a.pending {
        keys.push((ctx.bucket.clone(), p.object_key.clone()));
    }
    keys
}

/// `DELETE /v1.0/{p}/asset?asset_id=…` (repeated keys or comma-joined).
pub fn delete(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
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
    let now = now_ms();
    let mut results = Vec::new();
    let mut doomed = Vec::new();
    {
        let mut conn = ctx.db();
        let tx = conn.transaction()?;
        for id in ids {
            match db::get_asset(&tx, &id)? {
                None => results.push(json!({"asset_id": id, "status": "FAILED",
                                            "description": "no asset"})),
                Some(a) => {
                    let d = derive(&a, now);
                    if d.processing() {
                        results.push(json!({"asset_id": id, "status": "FAILED",
                                            "description": format!("cannot delete while {}", d.what_is_running())}));
                    } else {
                        db::delete_asset(&tx, &id)?;
                        doomed.extend(owned_keys(ctx, &a));
                        results.push(json!({"asset_id": id, "status": "DELETED"}));
                    }
                }
            }
        }
        tx.commit()?;
    }
    for (bucket, key) in doomed {
        if let Err(e) = ctx.objects.delete_object(&bucket, &key) {
            tracing::warn!("deleting {bucket}/{key}: {e}");
        }
    }
    ok_json(json!({"delete_result_array": results}))
}
