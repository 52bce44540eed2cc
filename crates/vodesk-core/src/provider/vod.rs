//! One trait for "a VOD service" (tencent-aliyun-vod-api.md §C). Huawei implements it now;
//! Tencent and Alibaba fit the same shape:
//! - the upload target is a sum type: pre-signed URLs (Huawei) or temporary storage credentials
//!   plus bucket/key (Tencent COS, Alibaba OSS), which the uploader signs itself;
//! - "bytes uploaded", "provider acknowledged" and "asset id known" are separate states, because
//!   Tencent only yields the id at commit;
//! - publishing is a capability (Tencent and Alibaba emulate it).

use async_trait::async_trait;

use crate::model::{
    AssetDetails, AssetSummary, Category, MediaType, TemplateGroup, UploadMetadata,
};
use crate::provider::error::ApiError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderKind {
    Huawei,
    Tencent,
    Aliyun,
}

/// What a provider can do natively.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Explicit publish / unpublish.
    pub publish: bool,
    /// Multipart parts are authorized one call at a time by the VOD service (Huawei); otherwise
    /// the client signs storage requests with temporary credentials.
    pub per_call_part_authorization: bool,
    /// Temporary credentials can be refreshed for the same object (Alibaba).
    pub refreshable_credentials: bool,
    /// Most category levels allowed.
    pub category_levels: u32,
}

/// Where the bytes of an upload go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadTarget {
    /// The service hands out pre-signed URLs (Huawei OBS).
    Presigned {
        video_url: String,
        cover_url: Option<String>,
        subtitle_urls: Vec<String>,
        /// Bucket and key of the media object, for per-call multipart authorization.
        bucket: String,
        object: String,
        location: Option<String>,
    },
    /// Temporary credentials for a storage bucket (Tencent COS, Alibaba OSS).
    StsCredentials {
        storage: StorageFlavour,
        endpoint: String,
        bucket: String,
        key: String,
        access_key: String,
        secret_key: String,
        security_token: Option<String>,
        /// Unix seconds.
        expires_at: Option<i64>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageFlavour {
    Cos,
    Oss,
}

/// An upload session as the provider opened it. `asset_id` is `None` until the provider tells
/// it (Tencent: at commit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadSession {
    pub provider: ProviderKind,
    /// Handle to finish the session: Huawei asset id, Tencent `VodSessionKey`, Alibaba `VideoId`.
    pub handle: String,
    pub asset_id: Option<String>,
    pub target: UploadTarget,
}

/// The file an upload session is opened for.
#[derive(Clone, Debug)]
pub struct UploadFile {
    pub file_name: String,
    pub media: MediaType,
    pub size: u64,
    /// Base64 MD5 of the whole file, when known before the upload.
    pub md5_b64: Option<String>,
    pub cover_md5_b64: Option<String>,
}

/// How an upload session ended, as reported to the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadEnd {
    Uploaded,
    Failed,
    Cancelled,
}

/// One asset's outcome in a batch call (publish, unpublish, delete).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ItemResult {
    pub asset_id: String,
    pub ok: bool,
    /// The provider's status or reason.
    pub detail: String,
}

#[derive(Clone, Debug, Default)]
pub struct AssetQuery {
    pub text: Option<String>,
    pub status: Vec<String>,
    pub category_id: Option<i64>,
    pub media_type: Vec<String>,
    pub created_from: Option<String>,
    pub created_to: Option<String>,
    pub page: u32,
    pub page_size: u32,
    pub oldest_first: bool,
}

#[derive(Clone, Debug, Default)]
pub struct AssetPage {
    pub total: Option<i64>,
    pub assets: Vec<AssetSummary>,
}

/// A metadata edit; `None` fields stay as they are.
#[derive(Clone, Debug, Default)]
pub struct MetadataEdit {
    pub title: Option<String>,
    pub description: Option<String>,
    pub category_id: Option<i64>,
    pub tags: Option<Vec<String>>,
}

#[async_trait]
pub trait VodProvider: Send + Sync {
    fn kind(&self) -> ProviderKind;
    fn capabilities(&self) -> Capabilities;

    async fn open_upload(
        &self,
        file: &UploadFile,
        meta: &UploadMetadata,
    ) -> Result<UploadSession, ApiError>;
    /// Reports the end of an upload; returns the asset id once known.
    async fn finish_upload(
        &self,
        session: &UploadSession,
        end: UploadEnd,
    ) -> Result<Option<String>, ApiError>;

    async fn list_assets(&self, query: &AssetQuery) -> Result<AssetPage, ApiError>;
    async fn asset_details(&self, asset_id: &str) -> Result<AssetDetails, ApiError>;
    async fn publish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError>;
    async fn unpublish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError>;
    async fn delete(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError>;
    async fn edit_metadata(&self, asset_id: &str, edit: &MetadataEdit) -> Result<(), ApiError>;

    async fn categories(&self) -> Result<Vec<Category>, ApiError>;
    async fn create_category(
        &self,
        name: &str,
        parent_id: Option<i64>,
    ) -> Result<Category, ApiError>;
    async fn rename_category(&self, id: i64, name: &str) -> Result<Category, ApiError>;
    async fn delete_category(&self, id: i64) -> Result<(), ApiError>;

    /// Processing presets offered for uploads (Huawei template groups, Tencent procedures,
    /// Alibaba template groups / workflows).
    async fn presets(&self) -> Result<Vec<TemplateGroup>, ApiError>;
}
