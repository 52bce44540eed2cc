//! Tencent VOD reply shapes (tencent-aliyun-vod-api.md §A.4–§A.9), as the official SDK models
//! them. Everything is optional or defaulted: unknown fields are ignored, missing ones empty.

use serde::Deserialize;

/// Numbers that may arrive as numbers or numeric strings.
fn lenient_i64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok().map(|f| f as i64),
        _ => None,
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ApiErrorBody {
    pub code: String,
    pub message: String,
}

/// `{"Response": {...}}`, success or `Error`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Envelope {
    pub response: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TempCertificate {
    pub secret_id: String,
    pub secret_key: String,
    pub token: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub expired_time: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ApplyUploadRsp {
    pub storage_bucket: String,
    pub storage_region: String,
    pub vod_session_key: String,
    pub media_storage_path: String,
    pub cover_storage_path: Option<String>,
    pub temp_certificate: Option<TempCertificate>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CommitUploadRsp {
    pub file_id: String,
    pub media_url: Option<String>,
    pub cover_url: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct BasicInfo {
    pub name: Option<String>,
    pub description: Option<String>,
    pub create_time: Option<String>,
    pub update_time: Option<String>,
    pub expire_time: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub class_id: Option<i64>,
    pub class_name: Option<String>,
    pub class_path: Option<String>,
    pub cover_url: Option<String>,
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    pub media_url: Option<String>,
    pub status: Option<String>,
    pub tag_set: Vec<String>,
    pub storage_region: Option<String>,
    pub category: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MetaData {
    #[serde(deserialize_with = "lenient_i64")]
    pub size: Option<i64>,
    pub container: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub bitrate: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub height: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub duration: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeItem {
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub definition: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub bitrate: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub height: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub size: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub duration: Option<i64>,
    pub container: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeInfo {
    pub transcode_set: Vec<TranscodeItem>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MediaInfo {
    pub file_id: String,
    pub basic_info: Option<BasicInfo>,
    pub meta_data: Option<MetaData>,
    pub transcode_info: Option<TranscodeInfo>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SearchMediaRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub total_count: Option<i64>,
    pub media_info_set: Vec<MediaInfo>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeMediaInfosRsp {
    pub media_info_set: Vec<MediaInfo>,
    pub not_exist_file_id_set: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ClassInfo {
    #[serde(deserialize_with = "lenient_i64")]
    pub class_id: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub parent_id: Option<i64>,
    pub name: Option<String>,
    /// The deprecated alias of `Name`.
    pub class_name: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub level: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeAllClassRsp {
    pub class_info_set: Vec<ClassInfo>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CreateClassRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub class_id: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ProcedureTemplate {
    pub name: String,
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    pub comment: Option<String>,
    pub media_process_task: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeProcedureTemplatesRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub total_count: Option<i64>,
    pub procedure_template_set: Vec<ProcedureTemplate>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct NotExistRsp {
    pub not_exist_file_id_set: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TaskRsp {
    pub task_id: String,
}
