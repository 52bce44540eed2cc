//! Huawei's JSON shapes of assets and template groups (huawei-vod-api.md §9, §12.1), parsed into
//! model types by `mapping.rs`. Every field is optional or defaulted: servers omit
//! documented-required fields and send `null`s (§16).

use serde::{Deserialize, Deserializer, Serialize};

use super::status::{HwAssetStatus, HwReviewStatus, HwThumbnailStatus, HwTranscodeStatus};

/// Accepts a number, a numeric string or null (ids and counters arrive in both forms).
pub fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Accepts a string, a number (kept as its text) or null.
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    })
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct CoverInfo {
    pub cover_url: Option<String>,
}

/// One row of the asset list (§9.1).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct AssetRow {
    pub asset_id: String,
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub duration: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub size: Option<i64>,
    pub original_url: Option<String>,
    /// Category name.
    pub category: Option<String>,
    pub covers: Option<Vec<CoverInfo>>,
    /// `yyyymmddhhmmss`, UTC.
    pub create_time: Option<String>,
    pub asset_status: Option<HwAssetStatus>,
    pub transcode_status: Option<HwTranscodeStatus>,
    pub thumbnail_status: Option<HwThumbnailStatus>,
    pub review_status: Option<HwReviewStatus>,
    pub exec_desc: Option<String>,
    pub media_type: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct MetaData {
    pub pack_type: Option<String>,
    pub codec: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub duration: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub video_size: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub height: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub bit_rate: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub frame_rate: Option<i64>,
    pub quality: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct FileAddr {
    pub bucket: Option<String>,
    pub location: Option<String>,
    pub object: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct SubtitleInfo {
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub id: Option<i64>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub language: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct BaseInfo {
    pub title: Option<String>,
    pub video_name: Option<String>,
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    pub create_time: Option<String>,
    pub last_modified: Option<String>,
    pub video_type: Option<String>,
    pub tags: Option<String>,
    pub meta_data: Option<MetaData>,
    pub video_url: Option<String>,
    pub sign_url: Option<String>,
    pub cover_info_array: Option<Vec<CoverInfo>>,
    pub subtitle_info: Option<Vec<SubtitleInfo>>,
    pub source_path: Option<FileAddr>,
    pub output_path: Option<FileAddr>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct TranscodeOutput {
    /// Compare case-insensitively: servers send both `HLS` and `hls`.
    pub play_type: Option<String>,
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    pub group_id: Option<String>,
    pub group_name: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub encrypted: Option<i64>,
    pub quality: Option<String>,
    pub meta_data: Option<MetaData>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct TranscodeInfo {
    pub template_group_name: Option<String>,
    pub output: Option<Vec<TranscodeOutput>>,
    pub exec_desc: Option<String>,
    pub transcode_status: Option<HwTranscodeStatus>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Snapshot {
    #[serde(deserialize_with = "lenient_i64")]
    pub offset: Option<i64>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ThumbnailInfo {
    pub sample: Option<Vec<Snapshot>>,
    pub dots: Option<Vec<Snapshot>>,
    pub quantity: Option<Vec<Snapshot>>,
    pub exec_desc: Option<String>,
    pub thumbnail_status: Option<HwThumbnailStatus>,
}

impl ThumbnailInfo {
    /// Every snapshot URL, in the order the server gave them.
    pub fn snapshot_urls(&self) -> Vec<String> {
        [&self.sample, &self.dots, &self.quantity]
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|s| s.url.clone())
            .collect()
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ReviewInfo {
    pub review_status: Option<HwReviewStatus>,
    pub suggestion: Option<String>,
    pub exec_desc: Option<String>,
}

/// The four sections of the details call (§9.2).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct AssetDetailsRsp {
    pub asset_id: String,
    pub base_info: Option<BaseInfo>,
    pub transcode_info: Option<TranscodeInfo>,
    pub thumbnail_info: Option<ThumbnailInfo>,
    pub review_info: Option<ReviewInfo>,
}

/// A template group as listed (§12.1).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct QualityInfo {
    pub format: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct TemplateGroupWire {
    #[serde(deserialize_with = "lenient_string")]
    pub group_id: Option<String>,
    /// The value to pass as `template_group_name`.
    pub name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub status: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub auto_encrypt: Option<i64>,
    pub quality_info_list: Option<Vec<QualityInfo>>,
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_parsing() {
        let s: AssetRow = serde_json::from_str(
            r#"{"asset_id":"a","duration":null,"size":"12","asset_status":" CREATED ","unknown":1,
                "transcode_status":"SOMETHING_NEW"}"#,
        )
        .unwrap();
        assert_eq!(s.size, Some(12));
        assert_eq!(s.duration, None);
        assert_eq!(s.asset_status, Some(HwAssetStatus::Created));
        assert_eq!(
            s.transcode_status,
            Some(HwTranscodeStatus::Other("SOMETHING_NEW".into()))
        );
        let d: AssetDetailsRsp = serde_json::from_str(
            r#"{"asset_id":"a","transcode_info":{"output":[{"play_type":"hls","group_id":7}]}}"#,
        )
        .unwrap();
        let out = &d.transcode_info.unwrap().output.unwrap()[0];
        assert_eq!(out.group_id.as_deref(), Some("7"));
    }
}
