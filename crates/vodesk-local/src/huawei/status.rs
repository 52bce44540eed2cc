//! The Huawei words for what the library derives: asset, transcode, thumbnail and review
//! statuses (huawei-vod-api.md §3), their list filters, and the `yyyymmddhhmmss` times.

use crate::library::filter::StatusFilter;
use crate::library::lifecycle::{AssetState, Progress, Stage, Task};

pub fn asset(s: AssetState) -> &'static str {
    match s {
        AssetState::Creating => "CREATING",
        AssetState::Failed | AssetState::Cancelled => "FAILED",
        AssetState::Created => "CREATED",
        AssetState::Published => "PUBLISHED",
    }
}

pub fn transcode(s: Stage) -> &'static str {
    match s {
        Stage::NotRequested => "UN_TRANSCODE",
        Stage::Waiting => "WAITING_TRANSCODE",
        Stage::Running => "TRANSCODING",
        Stage::Succeeded => "TRANSCODE_SUCCEED",
        Stage::Failed => "TRANSCODE_FAILED",
    }
}

pub fn thumbnail(s: Stage) -> &'static str {
    match s {
        Stage::NotRequested => "UN_THUMBNAIL",
        Stage::Waiting | Stage::Running => "THUMBNAILING",
        Stage::Succeeded => "THUMBNAIL_SUCCEED",
        Stage::Failed => "THUMBNAIL_FAILED",
    }
}

pub fn review(s: Stage) -> &'static str {
    match s {
        Stage::NotRequested => "UN_REVIEW",
        Stage::Waiting | Stage::Running => "REVIEWING",
        Stage::Succeeded => "REVIEW_PASSED",
        Stage::Failed => "REVIEW_FAILED",
    }
}

/// The merged `AssetInfo.status` of publish/unpublish responses (§3.3).
pub fn merged(p: &Progress) -> &'static str {
    match p.asset {
        AssetState::Creating => "CREATING",
        AssetState::Failed => "UPLOAD_FAILED",
        AssetState::Cancelled => "CANCELLED",
        AssetState::Published => "PUBLISHED",
        AssetState::Created => match p.transcode {
            Stage::NotRequested => "CREATED",
            stage => transcode(stage),
        },
    }
}

/// What a running task is called in `VOD.10061` messages.
pub fn running(task: Task) -> &'static str {
    match task {
        Task::Transcoding => "the asset is being transcoded",
        Task::Thumbnailing => "snapshots are being taken",
        Task::Reviewing => "the asset is being reviewed",
    }
}

/// `exec_desc` of list entries.
pub fn exec_desc(p: &Progress) -> String {
    let asset = match p.asset {
        AssetState::Published => "Asset meta is published",
        AssetState::Creating => "Asset is being uploaded",
        AssetState::Failed | AssetState::Cancelled => "Asset upload failed",
        AssetState::Created => "Asset meta is created",
    };
    let transcode = match p.transcode {
        Stage::Succeeded => "Transcode success",
        Stage::Running => "Transcoding",
        Stage::Waiting => "Waiting for transcoding",
        _ => "Not transcoded",
    };
    format!("asset_exec_desc:{asset};transcode_exec_desc:{transcode};")
}

/// The library filters a list `status` value stands for; `None` for unknown values.
pub fn filters(value: &str) -> Option<Vec<StatusFilter>> {
    use StatusFilter::*;
    Some(match value {
        "CREATING" => vec![Asset(AssetState::Creating)],
        "FAILED" => vec![Asset(AssetState::Failed), Asset(AssetState::Cancelled)],
        "CREATED" => vec![Asset(AssetState::Created)],
        "PUBLISHED" => vec![Asset(AssetState::Published)],
        "WAITING_TRANSCODE" => vec![Transcode(Stage::Waiting)],
        "TRANSCODING" => vec![Transcode(Stage::Running)],
        "TRANSCODE_SUCCEED" => vec![Transcode(Stage::Succeeded)],
        "TRANSCODE_FAILED" => vec![Transcode(Stage::Failed)],
        "THUMBNAILING" => vec![Thumbnails(Stage::Running)],
        "THUMBNAIL_SUCCEED" => vec![Thumbnails(Stage::Succeeded)],
        "THUMBNAIL_FAILED" => vec![Thumbnails(Stage::Failed)],
        "UN_REVIEW" => vec![Review(Stage::NotRequested)],
        "REVIEWING" => vec![Review(Stage::Running)],
        "REVIEW_PASSED" => vec![Review(Stage::Succeeded)],
        "REVIEW_SUSPICIOUS" | "REVIEW_FAILED" | "REVIEW_BLOCKED" => vec![Review(Stage::Failed)],
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip() {
        let ms = parse_time("20240115083000").unwrap();
        assert_eq!(format_time(ms), "20240115083000");
        assert!(parse_time("2024-01-15").is_none());
    }
}
