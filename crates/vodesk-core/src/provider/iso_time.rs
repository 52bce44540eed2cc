//! The ISO 8601 UTC times Tencent and Alibaba write (`2026-12-03T08:00:00Z`).

use chrono::{DateTime, Utc};

pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub fn format(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
