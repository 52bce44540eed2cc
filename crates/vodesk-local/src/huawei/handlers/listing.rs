//! Reading assets: list (§9.1) and details (§9.2).

use axum::response::Response;
use serde_json::{Value, json};

use super::render::{base_info, cover_url, durations, original_url, outputs, thumbnail_info};
use crate::http::{self, Call};
use crate::huawei::errors::{ApiError, ApiResult};
use crate::huawei::status::{self, format_time, parse_time};
use crate::huawei::{Ctx, validate};
use crate::library::assets::{self, uploaded};
use crate::library::filter::{self, AssetFilter, Page};
use crate::library::lifecycle::{Progress, Stage, now_ms};
use crate::library::{categories, presets};

/// `GET /v1.0/{p}/asset/details?asset_id=&categories=`.
pub fn details(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
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
        let conn = ctx.lib.db();
        let a = assets::load(&conn, &asset_id)?;
        (a, categories::names(&conn)?, presets::all(&conn)?)
    };
    let p = Progress::of(&a, now_ms());
    let mut out = json!({"asset_id": a.asset_id});
    if want("base_info") {
        out["base_info"] = base_info(ctx, &a, &cats);
    }
    if want("transcode_info") {
        let done = p.transcode == Stage::Succeeded;
        out["transcode_info"] = json!({
            "template_group_name": a.template_group.clone().unwrap_or_default(),
            "output": outputs(ctx, &a, &p, &groups),
            "exec_desc": if done { "Transcode success" } else { "" },
            "transcode_status": status::transcode(p.transcode),
        });
    }
    if want("thumbnail_info") {
        out["thumbnail_info"] = thumbnail_info(ctx, &a, &p);
    }
    if want("review_info") {
        let passed = p.review == Stage::Succeeded;
        out["review_info"] = json!({"review_status": status::review(p.review), "exec_desc": "",
            "suggestion": if passed { "pass" } else { "" }});
    }
    Ok(http::json(out))
}

/// The list query (§9.1) as a library filter, checked in the documented order.
fn parse_filter(call: &Call) -> ApiResult<AssetFilter> {
    let q = &call.query;
    let page = q.int_in("page", 0, i64::from(i32::MAX))?.unwrap_or(0);
    let size = q.int_in("size", 1, 100)?.unwrap_or(10);
    let newest_first = match q.get("order").unwrap_or("desc") {
        "asc" => false,
        "desc" => true,
        _ => return Err(ApiError::illegal("order", "must be asc or desc")),
    };
    let ids = q.all("asset_id");
    if ids.len() > 10 {
        return Err(ApiError::illegal("asset_id", "at most 10 asset ids"));
    }
    let mut statuses = Vec::new();
    for s in q.all("status") {
        statuses.extend(
            status::filters(&s)
                .ok_or_else(|| ApiError::illegal("status", format!("unknown status {s}")))?,
        );
    }
    let time = |key: &str| -> ApiResult<Option<i64>> {
        q.get(key)
            .map(|t| {
                parse_time(t).ok_or_else(|| ApiError::illegal(key, "must be yyyymmddhhmmss (UTC)"))
            })
            .transpose()
    };
    let created_from = time("start_time")?;
    // The end second is included whole.
    let created_to = time("end_time")?.map(|ms| ms + 999);
    let category = q.int("category_id")?;
    let tags = match q.get("tags") {
        Some(t) => validate::tags(t)?
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        None => vec![],
    };
    let text = q.get("query_string").map(str::to_string);
    let media_types = q.all("media_type");
    if media_types.len() > 20 {
        return Err(ApiError::illegal("media_type", "at most 20 formats"));
    }
    Ok(AssetFilter {
        ids,
        statuses,
        created_from,
        created_to,
        category,
        tags,
        text,
        media_types: media_types.iter().map(|t| t.to_ascii_uppercase()).collect(),
        page: Page::numbered(page, size),
        newest_first,
        ..Default::default()
    })
}

/// `GET /v1.0/{p}/asset/list`.
pub fn list(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let filter = parse_filter(call)?;
    let now = now_ms();
    let (total, rows, cats) = {
        let conn = ctx.lib.db();
        let (total, rows) = filter::find(&conn, &filter, now)?;
        (total, rows, categories::names(&conn)?)
    };
    let assets: Vec<Value> = rows
        .iter()
        .map(|a| {
            let p = Progress::of(a, now);
            let (duration, duration_ms) = durations(a);
            let covers: Vec<Value> = cover_url(ctx, a, false)
                .filter(|_| uploaded(a))
                .map(|u| vec![json!({"cover_url": u})])
                .unwrap_or_default();
            json!({
                "asset_id": a.asset_id,
                "title": a.title,
                "description": a.description,
                "duration": duration,
                "duration_ms": duration_ms,
                "size": a.size,
                "original_url": original_url(ctx, a),
                "category": cats.get(&a.category_id).cloned().unwrap_or_default(),
                "covers": covers,
                "create_time": format_time(a.create_time),
                "asset_status": status::asset(p.asset),
                "transcode_status": status::transcode(p.transcode),
                "thumbnail_status": status::thumbnail(p.thumbnails),
                "review_status": status::review(p.review),
                "exec_desc": status::exec_desc(&p),
                "media_type": a.video_type,
            })
        })
        .collect();
    Ok(http::json(
        json!({"total": total.min(20_000), "assets": assets}),
    ))
}
