//! Human-readable sizes and durations for the UI.

/// "1 file", "3 files": a count and its noun.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else if v < 10.0 {
        format!("{v:.1} {}", UNITS[u])
    } else {
        format!("{v:.0} {}", UNITS[u])
    }
}

pub fn human_duration(secs: u64) -> String {
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}:{:02}", s / 60, s % 60),
        s => format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_well() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(640 * 1024 * 1024), "640 MB");
        assert_eq!(human_duration(9), "9s");
        assert_eq!(human_duration(125), "2:05");
        assert_eq!(human_duration(3725), "1:02:05");
    }
}

/// The API's `yyyymmddhhmmss` (UTC) as `yyyy-mm-dd hh:mm` in local time; other text as it is.
pub fn api_time(raw: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(raw.trim(), "%Y%m%d%H%M%S")
        .map(|t| {
            t.and_utc()
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| raw.to_string())
}

#[cfg(test)]
mod api_time_tests {
    use super::api_time;

    #[test]
    fn api_times_read_as_dates() {
        let shown = api_time("20261121091418");
        assert_eq!(shown.len(), 16, "{shown}");
        assert!(shown.starts_with("2026-11-2"), "{shown}");
        assert_eq!(api_time("soon"), "soon");
    }
}

/// A bandwidth limit in MiB/s as shown ("unlimited" for 0).
pub fn bandwidth(mib: f64) -> String {
    if mib <= 0.0 {
        "unlimited".into()
    } else {
        format!("{mib:.1} MiB/s")
    }
}

/// What [`bandwidth`] shows (or a bare number), typed back.
pub fn parse_bandwidth(typed: &str) -> Option<f64> {
    let t = typed.trim().trim_end_matches("MiB/s").trim();
    if t.eq_ignore_ascii_case("unlimited") {
        return Some(0.0);
    }
    t.parse().ok()
}
