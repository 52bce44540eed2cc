//! Field rules of huawei-vod-api.md §4.1 (shared by create, update, reproduction and URL pull).

use base64::Engine;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult};
use crate::http::Body;
use crate::library::assets::SubtitleRequest;
#[cfg(test)]
use crate::library::media::media_content_type;
use crate::library::media::{AUDIO_TYPES, VIDEO_TYPES};
/// Extra formats accepted by `asset/reproduction` (§13.2).
pub const REPRODUCTION_EXTRA: &[&str] = &["RMVB", "WEBM"];
/// Extra formats accepted by `asset/upload_by_url` (§13.3).
pub const URL_PULL_EXTRA: &[&str] = &["M3U8"];

pub const TITLE_MAX: usize = 128;
pub const DESCRIPTION_MAX: usize = 1024;
pub const VIDEO_NAME_MAX: usize = 128;
pub const TAGS_MAX: usize = 16;
pub const TAG_MAX_BYTES: usize = 16;

/// Upper-cases and checks a format against the video+audio lists (plus `extra`).
/// Unknown → 403 `VOD.10063`; missing/empty → 400 `VOD.10053`.
pub fn video_type(value: &str, extra: &[&str]) -> ApiResult<String> {
    let t = value.trim().to_ascii_uppercase();
    if t.is_empty() {
        return Err(ApiError::illegal("video_type", "the field is required"));
    }
    if VIDEO_TYPES.contains(&t.as_str())
        || AUDIO_TYPES.contains(&t.as_str())
        || extra.contains(&t.as_str())
    {
        Ok(t)
    } else {
        Err(ApiError::unsupported_type(value))
    }
}

pub fn title(value: &str) -> ApiResult<String> {
    if value.trim().is_empty() {
        return Err(ApiError::illegal("title", "the title must not be empty"));
    }
    if value.len() > TITLE_MAX {
        return Err(ApiError::illegal(
            "title",
            format!("at most {TITLE_MAX} bytes (UTF-8), got {}", value.len()),
        ));
    }
    Ok(value.to_string())
}

pub fn description(value: &str) -> ApiResult<String> {
    if value.len() > DESCRIPTION_MAX {
        return Err(ApiError::illegal(
            "description",
            format!(
                "at most {DESCRIPTION_MAX} bytes (UTF-8), got {}",
                value.len()
            ),
        ));
    }
    Ok(value.to_string())
}

pub fn video_name(value: &str) -> ApiResult<String> {
    if value.is_empty() || value.len() > VIDEO_NAME_MAX {
        return Err(ApiError::illegal(
            "video_name",
            format!("must be 1 to {VIDEO_NAME_MAX} bytes"),
        ));
    }
    Ok(value.to_string())
}

/// Comma-separated tags → normalised `a,b,c` (trimmed, empty entries dropped).
pub fn tags(value: &str) -> ApiResult<String> {
    let list: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if list.len() > TAGS_MAX {
        return Err(ApiError::illegal(
            "tags",
            format!("at most {TAGS_MAX} tags, got {}", list.len()),
        ));
    }
    if let Some(t) = list.iter().find(|t| t.len() > TAG_MAX_BYTES) {
        return Err(ApiError::illegal(
            "tags",
            format!("each tag at most {TAG_MAX_BYTES} bytes (UTF-8): \"{t}\""),
        ));
    }
    Ok(list.join(","))
}

/// Base64 of a binary MD5 (16 bytes).
pub fn md5_b64(field: &str, value: &str) -> ApiResult<String> {
    match base64::engine::general_purpose::STANDARD.decode(value.trim()) {
        Ok(b) if b.len() == 16 => Ok(value.trim().to_string()),
        _ => Err(ApiError::illegal(
            field,
            "must be the Base64 encoding of a binary MD5 (16 bytes)",
        )),
    }
}

pub fn cover_type(value: &str) -> ApiResult<String> {
    match value {
        "JPG" | "PNG" => Ok(value.to_string()),
        _ => Err(ApiError::illegal("cover_type", "must be JPG or PNG")),
    }
}

/// 0/1 flag with a default.
pub fn flag(body: &Body, key: &str, default: bool) -> ApiResult<bool> {
    match body.opt_int(key)? {
        None => Ok(default),
        Some(0) => Ok(false),
        Some(1) => Ok(true),
        Some(_) => Err(ApiError::illegal(key, "must be 0 or 1")),
    }
}

pub fn subtitles(items: &[Value]) -> ApiResult<Vec<SubtitleRequest>> {
    if items.len() > 8 {
        return Err(ApiError::illegal("subtitles", "at most 8 subtitles"));
    }
    let mut out: Vec<SubtitleRequest> = Vec::new();
    for item in items {
        let Value::Object(map) = item else {
            return Err(ApiError::illegal(
                "subtitles",
                "each subtitle must be an object",
            ));
        };
        let b = Body::from_map(map.clone());
        let id = b
            .opt_int_in("id", 1, 8)
            .map_err(|_| ApiError::illegal("subtitles.id", "must be 1 to 8"))?
            .ok_or_else(|| ApiError::illegal("subtitles.id", "the field is required"))?;
        if out.iter().any(|s| s.id == id) {
            return Err(ApiError::illegal(
                "subtitles.id",
                format!("id {id} appears twice"),
            ));
        }
        match b.opt_str("type")?.as_deref() {
            Some("SRT") => {}
            _ => return Err(ApiError::illegal("subtitles.type", "must be SRT")),
        }
        let language = match b.opt_str("language")?.as_deref() {
            Some(l @ ("CN" | "EN")) => l.to_string(),
            _ => return Err(ApiError::illegal("subtitles.language", "must be CN or EN")),
        };
        let md5 = match b.opt_str("md5")? {
            Some(m) if !m.is_empty() => Some(md5_b64("subtitles.md5", &m)?),
            _ => None,
        };
        out.push(SubtitleRequest { id, language, md5 });
    }
    Ok(out)
}

/// Thumbnail settings, normalised with their defaults.
pub fn thumbnail(b: &Body) -> ApiResult<Value> {
    let kind = b
        .opt_str("type")
        .map_err(|_| ApiError::illegal("thumbnail.type", "must be a string"))?
        .unwrap_or_default();
    let field = |k: &str| format!("thumbnail.{k}");
    let ranged = |k: &str, min: i64, max: i64| -> ApiResult<Option<i64>> {
        b.opt_int_in(k, min, max).map_err(|_| {
            ApiError::illegal(&field(k), format!("must be an integer from {min} to {max}"))
        })
    };
    let time = ranged("time", 0, 100)?;
    let quantity = ranged("quantity", 1, 10)?;
    let quantity_time = ranged("quantity_time", 0, i64::from(i32::MAX))?;
    let cover_position = ranged("cover_position", 1, i64::from(i32::MAX))?.unwrap_or(1);
    let format = ranged("format", 1, 1)?.unwrap_or(1);
    let aspect_ratio = ranged("aspect_ratio", 0, 1)?.unwrap_or(0);
    let max_length = ranged("max_length", 1, i64::from(i32::MAX))?;
    let dots: Option<Vec<i64>> = match b.opt_array("dots") {
        Err(_) => {
            return Err(ApiError::illegal(
                "thumbnail.dots",
                "must be an array of seconds",
            ));
        }
        Ok(None) => None,
        Ok(Some(a)) => Some(
            a.iter()
                .map(|v| v.as_i64().filter(|d| (0..=i64::from(i32::MAX)).contains(d)))
                .collect::<Option<Vec<i64>>>()
                .ok_or_else(|| {
                    ApiError::illegal("thumbnail.dots", "must be an array of non-negative seconds")
                })?,
        ),
    };
    let mut out = json!({
        "type": kind, "cover_position": cover_position, "format": format,
        "aspect_ratio": aspect_ratio,
    });
    match kind.as_str() {
        "time" => out["time"] = json!(time.unwrap_or(12)),
        "dots" => {
            let dots = dots.filter(|d| !d.is_empty()).ok_or_else(|| {
                ApiError::illegal("thumbnail.dots", "required (non-empty) for type dots")
            })?;
            if dots.len() > 100 {
                return Err(ApiError::illegal("thumbnail.dots", "at most 100 dots"));
            }
            out["dots"] = json!(dots);
        }
        "quantity" => {
            out["quantity"] = json!(quantity.ok_or_else(|| {
                ApiError::illegal("thumbnail.quantity", "required (1 to 10) for type quantity")
            })?);
            out["quantity_time"] = json!(quantity_time.unwrap_or(0));
        }
        _ => {
            return Err(ApiError::illegal(
                "thumbnail.type",
                "must be time, dots or quantity",
            ));
        }
    }
    if let Some(m) = max_length {
        out["max_length"] = json!(m);
    }
    Ok(out)
}

pub fn review(b: &Body) -> ApiResult<Value> {
    let mut out = json!({});
    if let Some(t) = b
        .opt_str("template_id")
        .map_err(|_| ApiError::illegal("review.template_id", "must be a string"))?
    {
        out["template_id"] = json!(t);
    }
    for k in ["interval", "politics", "terrorism", "porn"] {
        if let Some(v) = b
            .opt_int_in(k, 0, 100)
            .map_err(|_| ApiError::illegal(&format!("review.{k}"), "must be 0 to 100"))?
        {
            out[k] = json!(v);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_limits() {
        assert!(title(&"a".repeat(128)).is_ok());
        assert_eq!(title(&"a".repeat(129)).unwrap_err().code, "VOD.10053");
        assert!(title(&"中".repeat(42)).is_ok()); // 126 bytes
        assert!(title(&"中".repeat(43)).is_err()); // 129 bytes
        assert!(title("  ").is_err());
        assert!(description(&"x".repeat(1024)).is_ok());
        assert!(description(&"x".repeat(1025)).is_err());
        assert_eq!(tags(" a, b,,c ").unwrap(), "a,b,c");
        assert!(tags(&vec!["t"; 16].join(",")).is_ok());
        assert!(tags(&vec!["t"; 17].join(",")).is_err());
        assert!(tags(&"x".repeat(16)).is_ok());
        assert!(tags(&"x".repeat(17)).is_err());
        assert!(tags("海岸线海岸").is_ok()); // 15 bytes
        assert!(tags("海岸线海岸线").is_err()); // 18 bytes
    }

    #[test]
    fn formats() {
        assert_eq!(video_type("mp4", &[]).unwrap(), "MP4");
        assert_eq!(video_type("RMVB", &[]).unwrap_err().code, "VOD.10063");
        assert_eq!(video_type("RMVB", REPRODUCTION_EXTRA).unwrap(), "RMVB");
        assert_eq!(media_content_type("MP4"), "video/mp4");
        assert_eq!(media_content_type("MP3"), "audio/mp3");
        assert!(md5_b64("video_md5", "1B2M2Y8AsgTpgAmY7PhCfg==").is_ok());
        assert!(md5_b64("video_md5", "d41d8cd98f00b204e9800998ecf8427e").is_err());
    }

    #[test]
    fn thumbnails_and_subtitles() {
        let t = |v: Value| thumbnail(&Body::from_map(v.as_object().unwrap().clone()));
        assert_eq!(t(json!({"type":"time"})).unwrap()["time"], 12);
        assert!(t(json!({"type":"time","time":101})).is_err());
        assert!(t(json!({"type":"quantity"})).is_err());
        assert!(t(json!({"type":"quantity","quantity":11})).is_err());
        assert!(t(json!({"type":"quantity","quantity":3})).is_ok());
        assert!(t(json!({"type":"dots","dots":[]})).is_err());
        assert!(t(json!({"type":"dots","dots":[1,5]})).is_ok());
        assert!(t(json!({"type":"x"})).is_err());
        assert!(t(json!({"type":"time","aspect_ratio":2})).is_err());
        let ok = json!([{"id":1,"type":"SRT","language":"CN"}]);
        assert_eq!(subtitles(ok.as_array().unwrap()).unwrap().len(), 1);
        for bad in [
            json!([{"id":9,"type":"SRT","language":"CN"}]),
            json!([{"id":1,"type":"VTT","language":"CN"}]),
            json!([{"id":1,"type":"SRT","language":"FR"}]),
            json!([{"id":1,"type":"SRT","language":"CN"},{"id":1,"type":"SRT","language":"EN"}]),
        ] {
            assert!(subtitles(bad.as_array().unwrap()).is_err(), "{bad}");
        }
    }
}
