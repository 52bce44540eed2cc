//! Human-readable sizes, durations and times, for both faces: the app and the command line.

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

/// Time left: "9s" under a minute, a clock above.
pub fn human_duration(secs: u64) -> String {
    match secs {
        s if s < 60 => t!("duration-seconds", s = s),
        s => clock(s),
    }
}

/// A playing time as players show it: "0:03", "2:05", "1:02:05".
pub fn clock(secs: u64) -> String {
    match secs {
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

/// A time as `yyyy-mm-dd hh:mm` in the local time zone.
pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod local_time_tests {
    use super::local_time;
    use chrono::TimeZone;

    #[test]
    fn times_read_as_local_dates() {
        let t = chrono::Utc
            .with_ymd_and_hms(2026, 11, 21, 9, 14, 18)
            .unwrap();
        let shown = local_time(t);
        assert_eq!(shown.len(), 16, "{shown}");
        assert!(shown.starts_with("2026-11-2"), "{shown}");
    }
}

/// A bandwidth limit in MiB/s as shown ("unlimited" for 0).
pub fn bandwidth(mib: f64) -> String {
    if mib <= 0.0 {
        t!("bandwidth-unlimited")
    } else {
        format!("{mib:.1} MiB/s")
    }
}

/// What [`bandwidth`] shows (or a bare number), typed back.
pub fn parse_bandwidth(typed: &str) -> Option<f64> {
    let t = typed.trim().trim_end_matches("MiB/s").trim();
    // The word as shown now, or in English (typed by habit).
    if t.eq_ignore_ascii_case("unlimited") || t == t!("bandwidth-unlimited") {
        return Some(0.0);
    }
    t.parse().ok()
}
