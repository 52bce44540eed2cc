//! Assets as vodesk shows them, whatever the provider: a list row ([`Asset`]) and the details of
//! one ([`AssetDetails`]). Each provider parses its own replies into these (`provider/*/`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::status::{AssetStatus, TaskStatus};

/// One asset as a list shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Asset {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    pub tags: Vec<String>,
    /// Container format of the original, upper case (`MP4`).
    pub format: Option<String>,
    pub duration_secs: Option<i64>,
    pub size_bytes: Option<i64>,
    pub created_at: Option<DateTime<Utc>>,
    pub status: AssetStatus,
    pub transcode: TaskStatus,
    pub thumbnails: TaskStatus,
    pub review: TaskStatus,
    /// The provider's note on the last processing step (why it failed, say).
    pub note: Option<String>,
    pub cover_url: Option<String>,
    pub original_url: Option<String>,
}

/// Technical facts of a media file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaFacts {
    pub container: Option<String>,
    pub codec: Option<String>,
    pub duration_secs: Option<i64>,
    pub size_bytes: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub bit_rate: Option<i64>,
    pub frame_rate: Option<i64>,
}

/// One playable output (a transcoding result, or the original when served as is).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlayOutput {
    /// `HLS`, `DASH`, `MP4`… as the provider names it.
    pub protocol: Option<String>,
    pub quality: Option<String>,
    pub url: String,
    pub encrypted: bool,
    pub facts: Option<MediaFacts>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SubtitleTrack {
    pub id: Option<i64>,
    pub language: Option<String>,
    pub format: Option<String>,
    pub url: Option<String>,
}

/// Where an asset's original is stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredObject {
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub location: Option<String>,
}

/// Everything the service tells about one asset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AssetDetails {
    #[serde(flatten)]
    pub asset: Asset,
    /// The original's file name as uploaded.
    pub file_name: Option<String>,
    pub modified_at: Option<DateTime<Utc>>,
    /// A URL the original can be downloaded from as it is (signed when the service signs).
    pub download_url: Option<String>,
    pub facts: Option<MediaFacts>,
    /// The processing preset applied (its name).
    pub preset_name: Option<String>,
    pub outputs: Vec<PlayOutput>,
    pub covers: Vec<String>,
    /// Snapshot URLs, in the order the service gave them.
    pub snapshots: Vec<String>,
    pub subtitles: Vec<SubtitleTrack>,
    /// When the media deletes itself, if it does.
    pub expires_at: Option<DateTime<Utc>>,
    /// The reviewer's suggestion, when the asset was reviewed.
    pub review_suggestion: Option<String>,
    pub source: Option<StoredObject>,
}
