//! Transcoding template groups (huawei-vod-api.md §12.1).

use serde::{Deserialize, Serialize};

use super::asset::{lenient_i64, lenient_string};

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct QualityInfo {
    pub format: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct TemplateGroup {
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

impl TemplateGroup {
    /// True when any output of the group is HLS (required for encryption).
    pub fn produces_hls(&self) -> bool {
        self.quality_info_list.iter().flatten().any(|q| {
            q.format
                .as_deref()
                .is_some_and(|f| f.to_ascii_uppercase().contains("HLS"))
        })
    }

    /// Output formats, e.g. `MP4, HLS`.
    pub fn formats(&self) -> String {
        let mut f: Vec<String> = self
            .quality_info_list
            .iter()
            .flatten()
            .filter_map(|q| q.format.clone())
            .collect();
        f.dedup();
        f.join(", ")
    }
}
