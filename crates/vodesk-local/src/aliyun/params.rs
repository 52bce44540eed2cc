//! Business parameters as Alibaba sends them: strings in the query, lists comma-separated or
//! JSON, limits counted in characters on some actions and bytes on others (§B.5, §B.8).

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::errors::{AliError, AliResult};
use crate::http::Body;
use crate::library::categories;

/// Query parameters every call carries for the gateway, not for the action.
const COMMON: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Timestamp",
    "SecurityToken",
    "RegionId",
];

/// The action's parameters from the decoded query; an empty value counts as absent.
pub fn from_pairs(pairs: &[(String, String)]) -> Body {
    let map: Map<String, Value> = pairs
        .iter()
        .filter(|(k, v)| !v.is_empty() && !COMMON.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    Body::from_map(map)
}

/// How a limit is counted.
#[derive(Clone, Copy)]
pub enum Unit {
    Chars,
    Bytes,
}

impl Unit {
    fn len(self, s: &str) -> usize {
        match self {
            Unit::Chars => s.chars().count(),
            Unit::Bytes => s.len(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Unit::Chars => "characters",
            Unit::Bytes => "bytes",
        }
    }
}

/// An optional text of at most `max` units.
pub fn text(p: &Body, key: &str, max: usize, unit: Unit) -> AliResult<Option<String>> {
    match p.opt_str(key)? {
        Some(s) if unit.len(&s) > max => Err(AliError::invalid(
            key,
            format!("at most {max} {}", unit.name()),
        )),
        other => Ok(other),
    }
}

/// A required title: not blank, at most 128 units.
pub fn title(p: &Body, unit: Unit) -> AliResult<String> {
    text(p, "Title", 128, unit)?
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| AliError::missing("Title"))
}

/// `Tags`: comma-separated, at most 16 of at most 32 units; normalised `a,b,c`.
pub fn tags(p: &Body, unit: Unit) -> AliResult<Option<String>> {
    let Some(raw) = p.opt_str("Tags")? else {
        return Ok(None);
    };
    normal_tags(&raw, unit).map(Some)
}

/// A tag string normalised (trimmed, empty tags dropped, repeats once), within the limits.
pub fn normal_tags(raw: &str, unit: Unit) -> AliResult<String> {
    let mut list: Vec<&str> = Vec::new();
    for t in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if unit.len(t) > 32 {
            return Err(AliError::invalid(
                "Tags",
                format!("the tag {t} is longer than 32 {}", unit.name()),
            ));
        }
        if !list.contains(&t) {
            list.push(t);
        }
    }
    if list.len() > 16 {
        return Err(AliError::invalid("Tags", "at most 16 tags"));
    }
    Ok(list.join(","))
}

/// A required comma-separated list of 1 to `max` ids.
pub fn id_list(p: &Body, key: &str, max: usize) -> AliResult<Vec<String>> {
    let raw = p.opt_str(key)?.ok_or_else(|| AliError::missing(key))?;
    let mut ids: Vec<String> = Vec::new();
    for id in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    if ids.is_empty() {
        return Err(AliError::missing(key));
    }
    if ids.len() > max {
        return Err(AliError::invalid(key, format!("at most {max} ids")));
    }
    Ok(ids)
}

/// `PageNo` (from 1, default 1) and `PageSize` (1 to `max`, default 10).
pub fn page(p: &Body, max: i64) -> AliResult<(i64, i64)> {
    let no = p.opt_int_in("PageNo", 1, i64::MAX / 1000)?.unwrap_or(1);
    let size = p.opt_int_in("PageSize", 1, max)?.unwrap_or(10);
    Ok((no, size))
}

/// `SortBy`: `CreationTime:Desc` (the default) or `CreationTime:Asc`; whether newest first.
pub fn newest_first(p: &Body) -> AliResult<bool> {
    match p.opt_str("SortBy")?.as_deref().map(str::trim) {
        None | Some("CreationTime:Desc") => Ok(true),
        Some("CreationTime:Asc") => Ok(false),
        Some(other) => Err(AliError::invalid(
            "SortBy",
            format!("{other} is neither CreationTime:Desc nor CreationTime:Asc"),
        )),
    }
}

/// An ISO 8601 UTC time as Unix milliseconds.
pub fn time(p: &Body, key: &str) -> AliResult<Option<i64>> {
    p.opt_str(key)?.map(|s| iso_ms(key, &s)).transpose()
}

pub fn iso_ms(key: &str, s: &str) -> AliResult<i64> {
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| AliError::invalid(key, "must be a UTC time like 2026-12-03T10:00:00Z"))
}

/// A JSON array of at most `max` objects carried as a string (`UpdateContent`, `AuditContent`).
pub fn json_objects(p: &Body, key: &str, max: usize) -> AliResult<Vec<Body>> {
    let raw = p.opt_str(key)?.ok_or_else(|| AliError::missing(key))?;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&raw) else {
        return Err(AliError::invalid(key, "must be a JSON array"));
    };
    if items.is_empty() {
        return Err(AliError::missing(key));
    }
    if items.len() > max {
        return Err(AliError::invalid(key, format!("at most {max} items")));
    }
    items
        .into_iter()
        .map(|v| match v {
            Value::Object(m) => Ok(Body::from_map(m)),
            _ => Err(AliError::invalid(key, "every item must be a JSON object")),
        })
        .collect()
}

/// The library category of an optional `CateId` (it must exist).
pub fn category(conn: &Connection, p: &Body) -> AliResult<Option<i64>> {
    match p.opt_int("CateId")? {
        None => Ok(None),
        Some(id) if id > 0 && categories::get(conn, id)?.is_some() => Ok(Some(id)),
        Some(id) => Err(AliError::invalid("CateId", format!("no category {id}"))),
    }
}

/// The extension of a file name, upper case (the library's format); required.
pub fn extension(key: &str, name: &str) -> AliResult<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((_, ext))
            if !ext.is_empty()
                && ext.len() <= 10
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            Ok(ext.to_ascii_uppercase())
        }
        _ => Err(AliError::invalid(
            key,
            format!("{name} has no file extension (like .mp4)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_counted_and_measured() {
        assert_eq!(normal_tags(" a, b,,a ", Unit::Bytes).unwrap(), "a,b");
        let many = (0..17).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        assert!(normal_tags(&many, Unit::Chars).is_err());
        // 11 three-byte characters: 11 characters, 33 bytes.
        let long = "海".repeat(11);
        assert!(normal_tags(&long, Unit::Chars).is_ok());
        assert!(normal_tags(&long, Unit::Bytes).is_err());
    }

    #[test]
    fn extensions() {
        assert_eq!(extension("FileName", "a/b c.Mp4").unwrap(), "MP4");
        assert!(extension("FileName", "noext").is_err());
        assert!(extension("FileName", "dir.d/noext").is_err());
        assert!(extension("FileName", "x.").is_err());
    }
}
