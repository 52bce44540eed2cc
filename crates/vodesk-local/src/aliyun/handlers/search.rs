//! `GetVideoList` and `SearchMedia` (§B.8). Both filter on what a video shows now (its status
//! is derived from the lifecycle), so the videos are filtered here rather than in SQL, then
//! sorted by creation time and paged. `GetVideoList` reaches only the first 5000 matches.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::aliyun::Ctx;
use crate::aliyun::errors::{AliError, AliResult};
use crate::aliyun::match_expr::{self, Cond, Field};
use crate::aliyun::params;
use crate::aliyun::render::{Seen, Snapshots, extras_of, status};
use crate::http::Body;
use crate::library::filter::{self, AssetFilter, Page};
use crate::library::lifecycle::now_ms;
use crate::library::rows::AssetRow;

/// The statuses a video can show (§B.7).
const STATUSES: &[&str] = &[
    "Uploading",
    "UploadFail",
    "UploadSucc",
    "Transcoding",
    "TranscodeFail",
    "Checking",
    "Blocked",
    "Normal",
    "ProduceFail",
];

/// `GetVideoList` answers from the first this many matches only.
const LIST_WINDOW: i64 = 5000;

fn check_statuses(key: &str, list: &[String]) -> AliResult<()> {
    match list.iter().find(|s| !STATUSES.contains(&s.as_str())) {
        Some(bad) => Err(AliError::invalid(
            key,
            format!("{bad} is not a video status"),
        )),
        None => Ok(()),
    }
}

/// Every video matching `filter` (creation time and category), in its order, whose status at
/// `now` passes `keep`.
fn videos(
    ctx: &Ctx,
    mut filter: AssetFilter,
    now: i64,
    keep: impl Fn(&AssetRow) -> bool,
) -> AliResult<Vec<AssetRow>> {
    filter.page = Page {
        offset: 0,
        size: i64::MAX,
    };
    let (_, rows) = filter::find(&ctx.lib.db(), &filter, now)?;
    Ok(rows.into_iter().filter(|a| keep(a)).collect())
}

/// The page `(no, size)` of `all`, each video rendered with its extras.
fn render_page(
    ctx: &Ctx,
    all: &[AssetRow],
    (no, size): (i64, i64),
    now: i64,
    snapshots: Snapshots,
) -> AliResult<Vec<Value>> {
    let page = Page::numbered(no - 1, size).of(all.iter().cloned());
    let conn = ctx.lib.db();
    let xs: HashMap<String, Map<String, Value>> = extras_of(&conn, &page)?;
    let seen = Seen::load(ctx, &conn)?.at(now);
    drop(conn);
    Ok(page
        .iter()
        .map(|a| seen.video(a, &xs[&a.asset_id], snapshots))
        .collect())
}

pub fn list(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let statuses: Vec<String> = p
        .opt_str("Status")?
        .map(|s| {
            s.split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    check_statuses("Status", &statuses)?;
    let category = params::category(&ctx.lib.db(), p)?;
    let (no, size) = params::page(p, 100)?;
    let filter = AssetFilter {
        category,
        created_from: params::time(p, "StartTime")?,
        created_to: params::time(p, "EndTime")?,
        newest_first: params::newest_first(p)?,
        ..Default::default()
    };
    let now = now_ms();
    let all = videos(ctx, filter, now, |a| {
        statuses.is_empty() || statuses.iter().any(|s| s == status(a, now))
    })?;
    let window = &all[..all.len().min(LIST_WINDOW as usize)];
    let page = render_page(ctx, window, (no, size), now, Snapshots::Wrapped)?;
    Ok(json!({"Total": all.len(), "VideoList": {"Video": page}}))
}

/// Whether `a` (with status `shown`) meets one `Match` condition.
fn meets(a: &AssetRow, shown: &str, cond: &Cond) -> bool {
    match cond {
        Cond::Created(from, to) => {
            from.is_none_or(|f| a.create_time >= f) && to.is_none_or(|t| a.create_time <= t)
        }
        Cond::Field(f, values) => values.iter().any(|v| match f {
            Field::Title => a.title.to_lowercase().contains(&v.to_lowercase()),
            Field::VideoId => &a.asset_id == v,
            Field::CateId => v.trim().parse::<i64>().ok() == Some(a.category_id),
            Field::Tags => a.tags.split(',').any(|t| t == v),
            Field::Status => shown == v,
        }),
    }
}

pub fn search(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let kind = p.opt_str("SearchType")?.unwrap_or_else(|| "video".into());
    if !["video", "audio", "image", "attached"].contains(&kind.as_str()) {
        return Err(AliError::invalid(
            "SearchType",
            "must be video, audio, image or attached",
        ));
    }
    let conds = match p.opt_str("Match")? {
        Some(m) => match_expr::parse(&m)?,
        None => vec![],
    };
    for c in &conds {
        if let Cond::Field(Field::Status, list) = c {
            check_statuses("Match", list)?;
        }
    }
    let (no, size) = params::page(p, 100)?;
    let newest_first = params::newest_first(p)?;
    let now = now_ms();
    // Only videos are media here: audio files are videos of an audio format, and images and
    // attached media are not searched.
    let all = if kind == "video" {
        let filter = AssetFilter {
            newest_first,
            ..Default::default()
        };
        videos(ctx, filter, now, |a| {
            let shown = status(a, now);
            conds.iter().all(|c| meets(a, shown, c))
        })?
    } else {
        vec![]
    };
    let page = render_page(ctx, &all, (no, size), now, Snapshots::Plain)?;
    let media: Vec<Value> = page
        .into_iter()
        .map(|mut v| {
            // SearchMedia's video model has a few fields of its own.
            if let Value::Object(m) = &mut v {
                m.insert("SpriteSnapshots".into(), json!([]));
                m.insert("MediaSource".into(), json!("general"));
                m.insert("PreprocessStatus".into(), json!(""));
                m.insert("TranscodeMode".into(), json!(""));
            }
            json!({
                "MediaType": "video",
                "MediaId": v["VideoId"],
                "CreationTime": v["CreationTime"],
                "Video": v,
            })
        })
        .collect();
    Ok(json!({
        "Total": all.len(),
        "ScrollToken": crate::http::request_id(),
        "MediaList": media,
    }))
}
