//! Clock helpers and the date formats S3 clients use.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

pub(crate) fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

pub(crate) fn now_secs() -> i64 {
    Utc::now().timestamp()
}

fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// RFC 1123 (`Tue, 04 Mar 2025 08:00:00 GMT`), used by `Last-Modified` and `Date`.
pub(crate) fn http_date_ms(ms: i64) -> String {
    from_ms(ms).format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// ISO 8601 with milliseconds, used inside listings.
pub(crate) fn iso8601_ms(ms: i64) -> String {
    from_ms(ms).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Accepts RFC 1123 / RFC 2822 (`GMT` or `+0000`) and the SigV4 basic form `20250304T080000Z`.
pub(crate) fn parse_any_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.timestamp());
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ") {
        return Some(dt.and_utc().timestamp());
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%a, %d %b %Y %H:%M:%S GMT") {
        return Some(dt.and_utc().timestamp());
    }
    None
}
