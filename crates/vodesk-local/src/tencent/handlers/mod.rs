//! The actions: each parses Tencent parameters into library calls and renders the result as
//! the `Response` object (the router adds `RequestId`).

pub mod classes;
pub mod media;
pub mod procedures;
pub mod search;
pub mod serve;
pub mod tasks;
pub mod upload;

use rusqlite::Connection;
use serde_json::Value;

use super::errors::{TcError, TcResult};
use crate::http::Body;
use crate::library::assets::AssetMeta;
use crate::library::{categories, media as formats, presets};

/// A new media's library metadata: what uploads and pulls can set on Tencent.
pub fn new_meta(
    title: String,
    category_id: i64,
    preset: Option<presets::Preset>,
    expires_at: Option<i64>,
) -> AssetMeta {
    AssetMeta {
        expires_at,
        title,
        description: String::new(),
        category_id,
        tags: String::new(),
        // Tencent serves a media from its commit on (§A.9).
        auto_publish: true,
        preset,
        auto_encrypt: false,
        auto_preheat: "0".into(),
        thumbnail: None,
        review: None,
        workflow_name: None,
    }
}

/// `FileIds`: 1 to `max` ids.
pub fn file_ids(p: &Body, max: usize) -> TcResult<Vec<String>> {
    let ids = p
        .str_list("FileIds")?
        .filter(|l| !l.is_empty())
        .ok_or_else(|| TcError::missing("FileIds"))?;
    if ids.len() > max {
        return Err(TcError::invalid(
            Some("FileIds"),
            "FileIds",
            format!("at most {max} ids per call"),
        ));
    }
    Ok(ids)
}

/// An optional string of at most `max` characters (`InvalidParameterValue.<code>` otherwise).
pub fn text_max(p: &Body, key: &str, max: usize, code: &str) -> TcResult<Option<String>> {
    match p.opt_str(key)? {
        Some(s) if s.chars().count() > max => Err(TcError::invalid(
            Some(code),
            key,
            format!("at most {max} characters"),
        )),
        other => Ok(other),
    }
}

/// An optional list of at most `max` strings.
pub fn list_max(p: &Body, key: &str, max: usize) -> TcResult<Vec<String>> {
    let list = p.str_list(key)?.unwrap_or_default();
    if list.len() > max {
        return Err(TcError::invalid(None, key, format!("at most {max} items")));
    }
    Ok(list)
}

/// An optional list of integers (numbers, or numeric strings as GET calls carry them).
pub fn int_list(p: &Body, key: &str, max: usize) -> TcResult<Vec<i64>> {
    let items = p.opt_array(key)?.unwrap_or_default();
    if items.len() > max {
        return Err(TcError::invalid(None, key, format!("at most {max} items")));
    }
    items
        .iter()
        .map(|v| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .collect::<Option<Vec<i64>>>()
        .ok_or_else(|| TcError::invalid(None, key, "must be a list of integers"))
}

/// An ISO 8601 time as Unix milliseconds.
pub fn iso_time(p: &Body, key: &str, code: Option<&str>) -> TcResult<Option<i64>> {
    p.opt_str(key)?
        .filter(|s| !s.is_empty())
        .map(|s| {
            chrono::DateTime::parse_from_rfc3339(s.trim())
                .map(|t| t.timestamp_millis())
                .map_err(|_| {
                    TcError::invalid(
                        code,
                        key,
                        "must be an ISO 8601 time like 2026-12-03T08:00:00Z",
                    )
                })
        })
        .transpose()
}

/// `ExpireTime`: `None` when absent, `Some(None)` for "never" (9999-12-31T23:59:59Z, which
/// also clears an expiry), `Some(Some(ms since the epoch))` for a time; a time already past is
/// refused. A time tells `lib` that sweeps have work; expired media are deleted by
/// [`crate::library::Library::sweep_expired`].
pub fn expire_time(p: &Body, lib: &crate::library::Library) -> TcResult<Option<Option<i64>>> {
    let Some(t) = iso_time(p, "ExpireTime", Some("ExpireTime"))? else {
        return Ok(None);
    };
    let never = chrono::DateTime::parse_from_rfc3339(super::render::NEVER)
        .map(|t| t.timestamp_millis())
        .unwrap_or(i64::MAX);
    if t >= never {
        return Ok(Some(None));
    }
    if t <= crate::library::lifecycle::now_ms() {
        return Err(TcError::invalid(
            Some("ExpireTime"),
            "ExpireTime",
            "is in the past; give a later time",
        ));
    }
    lib.note_expiry();
    Ok(Some(Some(t)))
}

/// The library category of an optional `ClassId` parameter (absent or 0: the default class).
pub fn class_param(conn: &Connection, p: &Body) -> TcResult<i64> {
    match p.opt_int("ClassId")? {
        None | Some(0) => Ok(categories::OTHER),
        Some(id) if id > 0 => {
            categories::get(conn, id)?.ok_or_else(|| {
                TcError::invalid(Some("ClassId"), "ClassId", format!("no class {id}"))
            })?;
            Ok(id)
        }
        Some(id) => Err(TcError::invalid(
            Some("ClassId"),
            "ClassId",
            format!("no class {id}"),
        )),
    }
}

/// The library's (upper-case) format of a Tencent `MediaType` (a file extension).
pub fn media_type(raw: &str) -> TcResult<String> {
    let t = raw.trim().trim_start_matches('.').to_ascii_uppercase();
    if formats::VIDEO_TYPES.contains(&t.as_str()) || formats::AUDIO_TYPES.contains(&t.as_str()) {
        Ok(t)
    } else {
        Err(TcError::invalid(
            Some("MediaType"),
            "MediaType",
            format!("{raw} is not a supported media file extension"),
        ))
    }
}

/// The task flow named by `key`, if any (`InvalidParameter.ProcedureNameNotExist` otherwise).
pub fn procedure(conn: &Connection, p: &Body, key: &str) -> TcResult<Option<presets::Preset>> {
    match p.opt_str(key)?.filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(name) => presets::by_name(conn, &name)?.map(Some).ok_or_else(|| {
            TcError::new(
                "InvalidParameter.ProcedureNameNotExist",
                format!("The task flow {name} does not exist."),
            )
        }),
    }
}

/// `StorageRegion`: only the service's own region exists.
pub fn storage_region(p: &Body, region: &str) -> TcResult<()> {
    match p.opt_str("StorageRegion")? {
        Some(r) if !r.is_empty() && r != region => Err(TcError::invalid(
            Some("StorageRegion"),
            "StorageRegion",
            format!("the only storage region is {region}"),
        )),
        _ => Ok(()),
    }
}
