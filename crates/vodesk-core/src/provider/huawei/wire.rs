//! Huawei VOD request bodies and the response shapes that are not model types
//! (huawei-vod-api.md §4–§13). Requests skip `None` fields; responses tolerate anything.

use serde::{Deserialize, Serialize};

use super::assets_wire::{
    AssetRow, BaseInfo, FileAddr, TemplateGroupWire, lenient_i64, lenient_string,
};
use super::status::HwAssetStatus;
use crate::model::MediaType;
use crate::model::metadata::{CoverType, Thumbnail, ThumbnailKind, UploadMetadata};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ThumbnailReq {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dots: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity_time: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_position: Option<u32>,
    pub format: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
}

impl From<&Thumbnail> for ThumbnailReq {
    fn from(t: &Thumbnail) -> Self {
        ThumbnailReq {
            kind: match t.kind {
                ThumbnailKind::Time => "time",
                ThumbnailKind::Dots => "dots",
                ThumbnailKind::Quantity => "quantity",
            },
            time: t.interval,
            dots: t.dots.clone(),
            quantity: t.quantity,
            quantity_time: t.quantity_time,
            cover_position: t.cover_position,
            format: 1,
            aspect_ratio: t.aspect_ratio,
            max_length: t.max_length,
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReviewReq {
    pub template_id: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SubtitleReq {
    pub id: u8,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub md5: Option<String>,
}

/// The metadata fields shared by create asset, OBS reproduction and upload by URL (§4.1,
/// §13.2, §13.3).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MetadataFields {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Always explicit: SDK generations disagree on the default.
    pub auto_publish: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_group_name: Option<String>,
    pub auto_encrypt: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<ThumbnailReq>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewReq>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_name: Option<String>,
}

impl From<&UploadMetadata> for MetadataFields {
    fn from(meta: &UploadMetadata) -> Self {
        MetadataFields {
            title: meta.title.clone(),
            description: meta.description.clone().filter(|d| !d.is_empty()),
            category_id: meta.category_id,
            tags: tags_field(&meta.tags),
            auto_publish: meta.auto_publish as u8,
            template_group_name: meta.preset.clone(),
            auto_encrypt: meta.auto_encrypt as u8,
            thumbnail: meta.thumbnail.as_ref().map(ThumbnailReq::from),
            review: meta
                .review_template_id
                .clone()
                .map(|template_id| ReviewReq { template_id }),
            workflow_name: meta.workflow_name.clone(),
        }
    }
}

/// `POST /v1.0/{project_id}/asset` (§4.1), every field.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CreateAssetReq {
    #[serde(flatten)]
    pub meta: MetadataFields,
    pub video_name: String,
    pub video_type: String,
    /// Base64 of the binary MD5 of the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_md5: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_md5: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subtitles: Vec<SubtitleReq>,
    /// A string here, an integer elsewhere (§16.7).
    pub auto_preheat: String,
}

pub fn tags_field(tags: &[String]) -> Option<String> {
    (!tags.is_empty()).then(|| tags.join(","))
}

impl CreateAssetReq {
    /// Builds the request for a file named `video_name` of format `media`.
    pub fn from_metadata(meta: &UploadMetadata, video_name: &str, media: &MediaType) -> Self {
        CreateAssetReq {
            meta: meta.into(),
            video_name: video_name.to_string(),
            video_type: media.code.clone(),
            video_md5: None,
            cover_type: cover_type_code(meta),
            cover_md5: None,
            subtitles: subtitle_reqs(meta),
            auto_preheat: if meta.auto_preheat { "1" } else { "0" }.to_string(),
        }
    }
}

/// The `cover_type` of a job's cover file, if it has one.
pub fn cover_type_code(meta: &UploadMetadata) -> Option<&'static str> {
    meta.cover
        .as_deref()
        .and_then(CoverType::from_path)
        .map(CoverType::code)
}

/// The `subtitles` entries of a job's subtitle files (create asset and update asset alike).
pub fn subtitle_reqs(meta: &UploadMetadata) -> Vec<SubtitleReq> {
    meta.subtitles
        .iter()
        .map(|s| SubtitleReq {
            id: s.id,
            kind: "SRT",
            language: s.language.code(),
            name: s.path.file_name().map(|n| n.to_string_lossy().into_owned()),
            md5: None,
        })
        .collect()
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CreateAssetRsp {
    pub asset_id: String,
    pub video_upload_url: Option<String>,
    pub cover_upload_url: Option<String>,
    pub subtitle_upload_urls: Option<Vec<String>>,
    pub target: Option<FileAddr>,
}

/// Where a new asset's cover and subtitles go (pre-signed PUT URLs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtraUrls {
    pub cover: Option<String>,
    pub subtitles: Vec<String>,
}

impl CreateAssetRsp {
    pub fn extra_urls(&self) -> ExtraUrls {
        ExtraUrls {
            cover: self.cover_upload_url.clone(),
            subtitles: self.subtitle_upload_urls.clone().unwrap_or_default(),
        }
    }
}

/// `PUT /v1.0/{project_id}/asset` (§10.5): replace video, cover or subtitles.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct UpdateAssetReq {
    pub asset_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_md5: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_id: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_md5: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subtitles: Vec<SubtitleReq>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct UpdateAssetRsp {
    pub asset_id: Option<String>,
    pub video_upload_url: Option<String>,
    pub cover_upload_url: Option<String>,
    pub subtitle_upload_urls: Option<Vec<String>>,
}

/// `PUT /v1.0/{project_id}/asset/info` (§10.4).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct UpdateMetaReq {
    pub asset_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
}

/// Per-asset result of publish / unpublish (§10.1).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct AssetInfo {
    pub asset_id: String,
    pub status: Option<HwAssetStatus>,
    pub description: Option<String>,
    pub base_info: Option<BaseInfo>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssetInfoArray {
    pub asset_info_array: Vec<AssetInfo>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct DeleteResult {
    pub asset_id: String,
    pub status: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeleteRsp {
    pub delete_result_array: Vec<DeleteResult>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct DuplicationRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub is_duplicated: Option<i64>,
    pub asset_ids: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListAssetsRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub total: Option<i64>,
    pub assets: Vec<AssetRow>,
}

/// One entry of the v1.0 category query (ids are strings there).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoryV1 {
    #[serde(deserialize_with = "lenient_i64")]
    pub id: Option<i64>,
    pub name: String,
    pub children: Vec<CategoryV1>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoryInfoV2 {
    #[serde(deserialize_with = "lenient_i64")]
    pub id: Option<i64>,
    pub name: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoryV2 {
    #[serde(deserialize_with = "lenient_i64")]
    pub id: Option<i64>,
    pub name: String,
    pub sub_categories: Vec<CategoryInfoV2>,
}

/// Create/rename response (`projectId` is camelCase).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoryRsp {
    #[serde(deserialize_with = "lenient_i64")]
    pub id: Option<i64>,
    pub name: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub parent_id: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub level: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TemplateGroupsRsp {
    pub template_group_list: Vec<TemplateGroupWire>,
    #[serde(deserialize_with = "lenient_i64")]
    pub total: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuthorityRsp {
    pub sign_str: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssetIdRsp {
    pub asset_id: String,
}

/// `POST /v1.0/{project_id}/asset/reproduction` (§13.2).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReproductionReq {
    #[serde(flatten)]
    pub meta: MetadataFields,
    pub video_type: String,
    pub auto_preheat: u8,
    pub input: InputAddr,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct InputAddr {
    pub bucket: String,
    pub location: String,
    pub object: String,
}

impl ReproductionReq {
    pub fn from_metadata(meta: &UploadMetadata, media: &MediaType, input: InputAddr) -> Self {
        ReproductionReq {
            meta: meta.into(),
            video_type: media.code.clone(),
            auto_preheat: meta.auto_preheat as u8,
            input,
        }
    }
}

/// One item of `POST /v1.0/{project_id}/asset/upload_by_url` (§13.3).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct UrlUploadItem {
    #[serde(flatten)]
    pub meta: MetadataFields,
    pub video_type: String,
    pub url: String,
    pub auto_preheat: u8,
}

impl UrlUploadItem {
    pub fn from_metadata(meta: &UploadMetadata, media: &MediaType, url: &str) -> Self {
        UrlUploadItem {
            meta: meta.into(),
            video_type: media.code.clone(),
            url: url.to_string(),
            auto_preheat: meta.auto_preheat as u8,
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct UrlUploadResult {
    pub url: Option<String>,
    pub asset_id: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    pub error_code: Option<String>,
    pub error_msg: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UrlUploadRsp {
    pub upload_assets: Vec<UrlUploadResult>,
}
