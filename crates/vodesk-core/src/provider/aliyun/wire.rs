//! Alibaba VOD reply shapes (tencent-aliyun-vod-api.md §B.5). `CreateUploadVideo` and
//! `RefreshUploadVideo` give the upload target and its STS credential as Base64-encoded JSON;
//! both are parsed leniently (unknown keys ignored, numbers that may be strings).

use base64::Engine as _;
use serde::Deserialize;

use crate::provider::error::{ApiError, ErrorKind};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CreateUploadVideoRsp {
    pub request_id: Option<String>,
    pub video_id: String,
    pub upload_address: String,
    pub upload_auth: String,
}

/// Where the bytes go: the OSS endpoint (with its scheme), the bucket and the object key.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadAddress {
    pub endpoint: String,
    pub bucket: String,
    pub file_name: String,
    /// Where an M3U8 upload's segments go.
    pub object_prefix: Option<String>,
}

/// The STS credential of one upload. Never printed: `Debug` hides the secret and the token.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadAuth {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    /// The credential's lifetime in seconds, as a number or a string (3000 documented).
    #[serde(deserialize_with = "lenient_secs")]
    pub expiration: Option<i64>,
}

impl std::fmt::Debug for UploadAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadAuth")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &"<redacted>")
            .field("expiration", &self.expiration)
            .finish()
    }
}

/// [INF] The lifetime when the reply does not say: the documented 3000 s.
pub const DEFAULT_LIFETIME_SECS: i64 = 3000;

impl UploadAuth {
    /// The moment (Unix seconds) the credential ends, counted from `received_at`.
    pub fn expires_at(&self, received_at: i64) -> i64 {
        received_at + self.expiration.unwrap_or(DEFAULT_LIFETIME_SECS)
    }
}

fn lenient_secs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Decodes one of the Base64 JSON fields; `what` names it in the error.
pub fn decode<T: serde::de::DeserializeOwned>(what: &str, b64: &str) -> Result<T, ApiError> {
    let bad = |why: String| {
        ApiError::new(
            ErrorKind::MalformedResponse,
            format!("{what} could not be read ({why})"),
        )
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| bad(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))
}

impl UploadAddress {
    /// The bucket's own host: Alibaba's upload SDK puts the bucket before the endpoint's host.
    /// An endpoint whose host is an IP address or `localhost` is addressed path style instead
    /// (the local service), so `None`.
    pub fn bucket_host(&self) -> Option<String> {
        let url = url::Url::parse(&self.endpoint).ok()?;
        match url.host()? {
            url::Host::Domain(d) if d != "localhost" => Some(format!("{}.{d}", self.bucket)),
            _ => None,
        }
    }
}

/// A number that may come as a string (`"3.6"`) or not at all.
fn lenient_f64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::Number(n)) => n.as_f64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

fn lenient_i64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(lenient_f64(d)?.map(|f| f as i64))
}

/// A list the replies give either bare (`[…]`) or wrapped in an object of one key
/// (`{"Snapshot": […]}`, `{"Video": […]}`), as the SDK models differ per action.
fn wrapped_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let v = Option::<serde_json::Value>::deserialize(d)?;
    let list = match v {
        Some(serde_json::Value::Array(a)) => a,
        Some(serde_json::Value::Object(m)) => match m.into_iter().next() {
            Some((_, serde_json::Value::Array(a))) => a,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    Ok(list
        .into_iter()
        .filter_map(|x| serde_json::from_value(x).ok())
        .collect())
}

/// One video as `GetVideoInfo(s)`, `GetVideoList` and `SearchMedia` give it (§B.8).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Video {
    pub video_id: String,
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient_f64")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub size: Option<i64>,
    #[serde(rename = "CoverURL")]
    pub cover_url: Option<String>,
    pub status: Option<String>,
    pub audit_status: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub cate_id: Option<i64>,
    pub cate_name: Option<String>,
    /// Comma-separated.
    pub tags: Option<String>,
    pub creation_time: Option<String>,
    pub modification_time: Option<String>,
    pub template_group_id: Option<String>,
    pub storage_location: Option<String>,
    pub app_id: Option<String>,
    #[serde(deserialize_with = "wrapped_list")]
    pub snapshots: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVideoInfoRsp {
    pub video: Option<Video>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVideoInfosRsp {
    #[serde(deserialize_with = "wrapped_list")]
    pub video_list: Vec<Video>,
    pub non_exist_video_ids: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVideoListRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub total: Option<i64>,
    #[serde(deserialize_with = "wrapped_list")]
    pub video_list: Vec<Video>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SearchMediaItem {
    pub media_id: String,
    pub media_type: Option<String>,
    pub creation_time: Option<String>,
    pub video: Option<Video>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SearchMediaRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub total: Option<i64>,
    pub scroll_token: Option<String>,
    #[serde(deserialize_with = "wrapped_list")]
    pub media_list: Vec<SearchMediaItem>,
}

/// The original file (`GetMezzanineInfo`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Mezzanine {
    #[serde(rename = "FileURL")]
    pub file_url: Option<String>,
    pub file_name: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub size: Option<i64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub height: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub bitrate: Option<i64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub fps: Option<f64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetMezzanineInfoRsp {
    pub mezzanine: Option<Mezzanine>,
}

/// One playable stream (`GetPlayInfo`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct PlayInfo {
    #[serde(rename = "PlayURL")]
    pub play_url: String,
    pub definition: Option<String>,
    pub format: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub size: Option<i64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub height: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub bitrate: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub encrypt: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetPlayInfoRsp {
    #[serde(deserialize_with = "wrapped_list")]
    pub play_info_list: Vec<PlayInfo>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CategoryInfo {
    #[serde(deserialize_with = "lenient_i64")]
    pub cate_id: Option<i64>,
    pub cate_name: Option<String>,
    #[serde(deserialize_with = "lenient_i64")]
    pub parent_id: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub level: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub sub_total: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetCategoriesRsp {
    #[serde(deserialize_with = "wrapped_list")]
    pub sub_categories: Vec<CategoryInfo>,
    #[serde(deserialize_with = "lenient_i64")]
    pub sub_total: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AddCategoryRsp {
    pub category: Option<CategoryInfo>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TemplateGroup {
    pub transcode_template_group_id: String,
    pub name: Option<String>,
    pub is_default: Option<String>,
    pub locked: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListTemplateGroupsRsp {
    #[serde(deserialize_with = "wrapped_list")]
    pub transcode_template_group_list: Vec<TemplateGroup>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DeleteVideoRsp {
    pub non_exist_video_ids: Vec<String>,
    pub forbidden_video_ids: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CreateUploadImageRsp {
    pub image_id: String,
    #[serde(rename = "ImageURL")]
    pub image_url: String,
    pub upload_address: String,
    pub upload_auth: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadJob {
    pub job_id: String,
    #[serde(rename = "SourceURL")]
    pub source_url: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadMediaByUrlRsp {
    pub upload_jobs: Vec<UploadJob>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UrlUploadInfo {
    pub job_id: String,
    #[serde(rename = "UploadURL")]
    pub upload_url: Option<String>,
    pub media_id: Option<String>,
    pub status: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetUrlUploadInfosRsp {
    #[serde(rename = "URLUploadInfoList", deserialize_with = "wrapped_list")]
    pub url_upload_info_list: Vec<UrlUploadInfo>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_bare_or_wrapped_and_numbers_as_strings() {
        let list: GetVideoListRsp = serde_json::from_str(
            r#"{"Total":"2","VideoList":{"Video":[{"VideoId":"a","Duration":"3.5","Snapshots":{"Snapshot":["s1"]}},{"VideoId":"b","Size":7}]}}"#,
        )
        .unwrap();
        assert_eq!(list.total, Some(2));
        assert_eq!(list.video_list.len(), 2);
        assert_eq!(list.video_list[0].duration, Some(3.5));
        assert_eq!(list.video_list[0].snapshots, vec!["s1".to_string()]);
        assert_eq!(list.video_list[1].size, Some(7));
        let infos: GetVideoInfosRsp = serde_json::from_str(
            r#"{"VideoList":[{"VideoId":"a","CoverURL":"http://c"}],"NonExistVideoIds":["z"]}"#,
        )
        .unwrap();
        assert_eq!(infos.video_list[0].cover_url.as_deref(), Some("http://c"));
        assert_eq!(infos.non_exist_video_ids, vec!["z".to_string()]);
    }

    fn b64(json: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(json)
    }

    #[test]
    fn the_upload_address_and_auth_decode_leniently() {
        let address: UploadAddress = decode(
            "UploadAddress",
            &b64(
                r#"{"Endpoint":"https://oss-cn-shanghai.aliyuncs.com","Bucket":"outin-0123","FileName":"sv/3f2a/3f2a.mp4","Extra":1}"#,
            ),
        )
        .unwrap();
        assert_eq!(address.file_name, "sv/3f2a/3f2a.mp4");
        assert_eq!(
            address.bucket_host().as_deref(),
            Some("outin-0123.oss-cn-shanghai.aliyuncs.com")
        );
        let local = UploadAddress {
            endpoint: "http://127.0.0.1:7365".into(),
            ..address.clone()
        };
        assert_eq!(local.bucket_host(), None, "path style on loopback");

        for (json, secs) in [
            (
                r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":"3600"}"#,
                3600,
            ),
            (
                r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":3000}"#,
                3000,
            ),
            (
                r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t"}"#,
                3000,
            ),
        ] {
            let auth: UploadAuth = decode("UploadAuth", &b64(json)).unwrap();
            assert_eq!(auth.expires_at(1_000), 1_000 + secs, "{json}");
            let shown = format!("{auth:?}");
            assert!(
                !shown.contains("\"s\"") && !shown.contains("\"t\""),
                "{shown}"
            );
        }
        let e = decode::<UploadAuth>("UploadAuth", "not base64!").unwrap_err();
        assert_eq!(e.kind, ErrorKind::MalformedResponse);
        assert!(e.message.starts_with("UploadAuth could not be read"));
    }
}
