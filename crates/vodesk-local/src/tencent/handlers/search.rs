//! `SearchMedia` (§A.8) as a library filter: every given criterion must hold, list criteria
//! match any of their values, `ClassIds` include subclasses. Results are always in creation
//! order (Tencent ranks by relevance when `Text`/`Names`/`Descriptions` are given; the local
//! service does not rank). Filters the local service cannot answer are refused, not ignored.

use serde_json::{Value, json};

use super::media::filters;
use super::{int_list, iso_time, list_max};
use crate::http::Body;
use crate::library::filter::{self, AssetFilter, Page, StatusFilter};
use crate::library::lifecycle::{AssetState, now_ms};
use crate::library::media::{AUDIO_TYPES, VIDEO_TYPES};
use crate::library::presets;
use crate::tencent::Ctx;
use crate::tencent::errors::{TcError, TcResult};
use crate::tencent::render::{Classes, class_in, media_info};

/// `Offset + Limit` may not pass this, and `TotalCount` is capped at it.
const WINDOW: i64 = 5000;

/// A `TimeRange{After, Before}` (After inclusive, Before exclusive) as inclusive ms bounds.
fn range(p: &Body, key: &str) -> TcResult<(Option<i64>, Option<i64>)> {
    match p.opt_obj(key)? {
        None => Ok((None, None)),
        Some(r) => Ok((
            iso_time(&r, "After", None)?,
            iso_time(&r, "Before", None)?.map(|t| t - 1),
        )),
    }
}

fn statuses(p: &Body) -> TcResult<Vec<StatusFilter>> {
    let asked = list_max(p, "Status", 10)?;
    let mut out = Vec::new();
    for s in &asked {
        match s.as_str() {
            "Normal" => out.push(StatusFilter::Asset(AssetState::Published)),
            "Forbidden" => out.push(StatusFilter::Asset(AssetState::Created)),
            // Never set by the local service: matches nothing.
            "SystemForbidden" => {}
            other => {
                return Err(TcError::invalid(
                    None,
                    "Status",
                    format!("unknown status {other}"),
                ));
            }
        }
    }
    if asked.is_empty() {
        // Only committed media are media.
        out = vec![
            StatusFilter::Asset(AssetState::Published),
            StatusFilter::Asset(AssetState::Created),
        ];
    } else if out.is_empty() {
        return Ok(vec![]);
    }
    Ok(out)
}

/// `MediaTypes` and `Categories` together: formats in both, when both are given.
fn formats(p: &Body) -> TcResult<Option<Vec<String>>> {
    let types: Vec<String> = list_max(p, "MediaTypes", 10)?
        .iter()
        .map(|t| t.to_ascii_uppercase())
        .collect();
    let mut of_categories: Vec<String> = Vec::new();
    let categories = list_max(p, "Categories", 3)?;
    for c in &categories {
        let list: &[&str] = match c.as_str() {
            "Video" => VIDEO_TYPES,
            "Audio" => AUDIO_TYPES,
            "Image" => &[],
            other => {
                return Err(TcError::invalid(
                    None,
                    "Categories",
                    format!("unknown category {other}"),
                ));
            }
        };
        of_categories.extend(list.iter().map(|s| s.to_string()));
    }
    Ok(match (types.is_empty(), categories.is_empty()) {
        (true, true) => None,
        (false, true) => Some(types),
        (true, false) => Some(of_categories),
        (false, false) => Some(
            types
                .into_iter()
                .filter(|t| of_categories.contains(t))
                .collect(),
        ),
    })
}

pub fn search(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    for key in [
        "SourceTypes",
        "SourceType",
        "StreamIds",
        "StreamId",
        "Vids",
        "Vid",
        "ExpireTime",
        "ReviewResults",
        "TrtcSdkAppIds",
        "TrtcRoomIds",
        "StreamDomains",
        "StreamPaths",
        "KnowledgeBases",
    ] {
        if p.has(key)
            && p.map
                .get(key)
                .is_some_and(|v| v != &json!([]) && v != &json!(""))
        {
            return Err(TcError::unsupported(format!("Searching by {key}")));
        }
    }
    let offset = p.opt_int_in("Offset", 0, WINDOW)?.unwrap_or(0);
    let limit = p.opt_int_in("Limit", 1, WINDOW)?.unwrap_or(10);
    if offset + limit > WINDOW {
        return Err(TcError::invalid(
            None,
            "Limit",
            "Offset + Limit must not exceed 5000",
        ));
    }
    let newest_first = match p.opt_obj("Sort")? {
        None => true,
        Some(s) => {
            if let Some(f) = s.opt_str("Field")?
                && f != "CreateTime"
            {
                return Err(TcError::invalid(
                    None,
                    "Sort.Field",
                    "only CreateTime is sortable",
                ));
            }
            // The SDK's docstrings spell the order both ways (§D.5).
            match s
                .opt_str("Order")?
                .unwrap_or_else(|| "Desc".into())
                .to_ascii_lowercase()
                .as_str()
            {
                "desc" => true,
                "asc" => false,
                _ => return Err(TcError::invalid(None, "Sort.Order", "must be Asc or Desc")),
            }
        }
    };
    let (mut from, mut to) = range(p, "CreateTime")?;
    // The deprecated single-value bounds, when the range is absent.
    from = from.or(iso_time(p, "StartTime", None)?);
    to = to.or(iso_time(p, "EndTime", None)?.map(|t| t - 1));
    let statuses = statuses(p)?;
    let formats = formats(p)?;
    let mut ids = list_max(p, "FileIds", 10)?;
    ids.extend(p.opt_str("FileId")?.filter(|s| !s.is_empty()));
    let regions = list_max(p, "StorageRegions", 20)?;
    let classes_of_storage = list_max(p, "StorageClasses", 10)?;
    let blocks = filters(p)?;
    let impossible = statuses.is_empty()
        || formats.as_ref().is_some_and(Vec::is_empty)
        || (!regions.is_empty() && !regions.contains(&ctx.region))
        || (!classes_of_storage.is_empty() && !classes_of_storage.iter().any(|c| c == "STANDARD"));
    if impossible {
        return Ok(json!({"TotalCount": 0, "MediaInfoSet": []}));
    }

    let filter = AssetFilter {
        ids,
        statuses,
        created_from: from,
        created_to: to,
        tags: list_max(p, "Tags", 16)?,
        text: p.opt_str("Text")?.filter(|t| !t.is_empty()),
        media_types: formats.unwrap_or_default(),
        category_trees: int_list(p, "ClassIds", 10)?
            .into_iter()
            .map(class_in)
            .collect(),
        title_contains: list_max(p, "Names", 10)?,
        title_prefixes: list_max(p, "NamePrefixes", 10)?,
        description_contains: list_max(p, "Descriptions", 10)?,
        page: Page {
            offset,
            size: limit,
        },
        newest_first,
        ..Default::default()
    };
    let now = now_ms();
    let conn = ctx.lib.db();
    let (total, rows) = filter::find(&conn, &filter, now)?;
    let classes = Classes::load(&conn)?;
    let flows = presets::all(&conn)?;
    drop(conn);
    let infos: Vec<Value> = rows
        .iter()
        .map(|a| media_info(ctx, a, now, &classes, &flows, &blocks))
        .collect();
    Ok(json!({"TotalCount": total.min(WINDOW), "MediaInfoSet": infos}))
}
