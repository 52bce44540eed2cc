//! Asset lifecycle (§3): statuses are derived lazily from the confirm time, so a restart never
//! leaves an asset stuck. After a confirm (`confirmed_at`):
//! * transcoding (template group other than the no-transcoding one): `WAITING_TRANSCODE` for
//!   [`WAIT_MS`], then `TRANSCODING` until [`TRANSCODE_DONE_MS`], then `TRANSCODE_SUCCEED`;
//! * thumbnails (when requested): `THUMBNAILING` until [`THUMB_DONE_MS`], then `THUMBNAIL_SUCCEED`;
//! * review (when requested): `REVIEWING` until [`REVIEW_DONE_MS`], then `REVIEW_PASSED`,
//!   otherwise `UN_REVIEW`.

use super::db::AssetRow;

pub const WAIT_MS: i64 = 1_000;
pub const TRANSCODE_DONE_MS: i64 = 3_000;
pub const THUMB_DONE_MS: i64 = 2_000;
pub const REVIEW_DONE_MS: i64 = 2_000;

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// `yyyymmddhhmmss` (UTC) of a millisecond timestamp.
pub fn format_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%Y%m%d%H%M%S").to_string())
        .unwrap_or_default()
}

/// Milliseconds of a `yyyymmddhhmmss` (UTC) string.
pub fn parse_time(s: &str) -> Option<i64> {
    chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y%m%d%H%M%S")
        .ok()
        .map(|d| d.and_utc().timestamp_millis())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Derived {
    pub asset_status: &'static str,
    pub transcode_status: &'static str,
    pub thumbnail_status: &'static str,
    pub review_status: &'static str,
}

impl Derived {
    /// Transcoding, thumbnailing or reviewing still running (delete / video update refused).
    pub fn processing(&self) -> bool {
        matches!(self.transcode_status, "WAITING_TRANSCODE" | "TRANSCODING")
            || self.thumbnail_status == "THUMBNAILING"
            || self.review_status == "REVIEWING"
    }

    pub fn what_is_running(&self) -> &'static str {
        if matches!(self.transcode_status, "WAITING_TRANSCODE" | "TRANSCODING") {
            "the asset is being transcoded"
        } else if self.thumbnail_status == "THUMBNAILING" {
            "snapshots are being taken"
        } else {
            "the asset is being reviewed"
        }
    }
}

pub fn derive(a: &AssetRow, now: i64) -> Derived {
    let asset_status = match a.status.as_str() {
        "CREATING" => "CREATING",
        "FAILED" | "CANCELLED" => "FAILED",
        _ if a.published => "PUBLISHED",
        _ => "CREATED",
    };
    let elapsed = match (a.status.as_str(), a.confirmed_at) {
        ("CREATED", Some(t)) => Some(now - t),
        _ => None,
    };
    let transcode_status = match elapsed {
        Some(e) if a.transcodes => {
            if e < WAIT_MS {
                "WAITING_TRANSCODE"
            } else if e < TRANSCODE_DONE_MS {
                "TRANSCODING"
            } else {
                "TRANSCODE_SUCCEED"
            }
        }
        _ => "UN_TRANSCODE",
    };
    let thumbnail_status = match elapsed {
        Some(_) if a.thumbnail.is_some() && a.thumbs_failed => "THUMBNAIL_FAILED",
        Some(e) if a.thumbnail.is_some() => {
            if e < THUMB_DONE_MS {
                "THUMBNAILING"
            } else {
                "THUMBNAIL_SUCCEED"
            }
        }
        _ => "UN_THUMBNAIL",
    };
    let review_status = match elapsed {
        Some(e) if a.review.is_some() => {
            if e < REVIEW_DONE_MS {
                "REVIEWING"
            } else {
                "REVIEW_PASSED"
            }
        }
        _ => "UN_REVIEW",
    };
    Derived {
        asset_status,
        transcode_status,
        thumbnail_status,
        review_status,
    }
}

/// The merged `AssetInfo.status` of publish/unpublish responses (§3.3).
pub fn merged_status(a: &AssetRow, d: &Derived) -> &'static str {
    match a.status.as_str() {
        "CREATING" => "CREATING",
        "FAILED" => "UPLOAD_FAILED",
        "CANCELLED" => "CANCELLED",
        _ if a.published => "PUBLISHED",
        _ => match d.transcode_status {
            "WAITING_TRANSCODE" | "TRANSCODING" | "TRANSCODE_SUCCEED" | "TRANSCODE_FAILED" => {
                d.transcode_status
            }
            _ => "CREATED",
        },
    }
}

/// SQL condition (on the `assets` table) equivalent to "the asset shows status `value`" at
/// `now`, for the list filter; `None` for unknown values. Only integers are inlined.
pub fn status_condition(value: &str, now: i64) -> Option<String> {
    let done = "status = 'CREATED' AND confirmed_at IS NOT NULL";
    let t1 = now - WAIT_MS;
    let t2 = now - TRANSCODE_DONE_MS;
    let th = now - THUMB_DONE_MS;
    let rv = now - REVIEW_DONE_MS;
    Some(match value {
        "CREATING" => "status = 'CREATING'".to_string(),
        "FAILED" => "status IN ('FAILED', 'CANCELLED')".to_string(),
        "CREATED" => "(status = 'CREATED' AND published = 0)".to_string(),
        "PUBLISHED" => "(status = 'CREATED' AND published = 1)".to_string(),
        "WAITING_TRANSCODE" => format!("({done} AND transcodes = 1 AND confirmed_at > {t1})"),
        "TRANSCODING" => {
            format!("({done} AND transcodes = 1 AND confirmed_at <= {t1} AND confirmed_at > {t2})")
        }
        "TRANSCODE_SUCCEED" => format!("({done} AND transcodes = 1 AND confirmed_at <= {t2})"),
        "TRANSCODE_FAILED" | "REVIEW_SUSPICIOUS" | "REVIEW_FAILED" | "REVIEW_BLOCKED" => {
            "0".to_string()
        }
        "THUMBNAILING" => format!(
            "({done} AND thumbnail IS NOT NULL AND thumbs_failed = 0 AND confirmed_at > {th})"
        ),
        "THUMBNAIL_SUCCEED" => format!(
            "({done} AND thumbnail IS NOT NULL AND thumbs_failed = 0 AND confirmed_at <= {th})"
        ),
        "THUMBNAIL_FAILED" => format!("({done} AND thumbnail IS NOT NULL AND thumbs_failed = 1)"),
        "UN_REVIEW" => format!("NOT ({done} AND review IS NOT NULL)"),
        "REVIEWING" => format!("({done} AND review IS NOT NULL AND confirmed_at > {rv})"),
        "REVIEW_PASSED" => format!("({done} AND review IS NOT NULL AND confirmed_at <= {rv})"),
        _ => return None,
    })
}

/// A small solid-colour PNG (stored deflate blocks), used as the "grabbed" cover and as snapshots.
pub fn png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            // A faint diagonal stripe so snapshots are not completely flat.
            let shade = if (x + y) % 16 < 2 { 32 } else { 0 };
            raw.extend(rgb.iter().map(|c| c.saturating_add(shade)));
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, c) in chunks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == chunks.len()));
        let len = c.len() as u16;
        zlib.extend(len.to_le_bytes());
        zlib.extend((!len).to_le_bytes());
        zlib.extend_from_slice(c);
    }
    zlib.extend(adler32(&raw).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_is_well_formed() {
        let p = png(64, 36, [40, 90, 160]);
        assert!(p.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(p.ends_with(&[0xae, 0x42, 0x60, 0x82])); // CRC of IEND
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn times_round_trip() {
        let ms = parse_time("20240115083000").unwrap();
        assert_eq!(format_time(ms), "20240115083000");
        assert!(parse_time("2024-01-15").is_none());
    }
}
