//! The account's object storage: browsing buckets and importing what they hold (or what a URL
//! points at) into the catalogue.

use async_trait::async_trait;
use serde::Serialize;

use crate::model::{MediaType, UploadMetadata};
use crate::provider::error::ApiError;
use crate::storage::{BucketInfo, ListObjectsQuery, ObjectListPage};

/// One URL to import, with the metadata its asset gets.
#[derive(Clone, Debug)]
pub struct UrlImport {
    pub url: String,
    pub media: MediaType,
    pub metadata: UploadMetadata,
}

/// What became of one URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UrlImported {
    pub url: String,
    pub asset_id: Option<String>,
    /// The service's reason (and code) when it refused the URL.
    pub error: Option<String>,
}

#[async_trait]
pub trait Buckets: Send + Sync {
    async fn list_buckets(&self) -> Result<Vec<BucketInfo>, ApiError>;
    async fn list_objects(
        &self,
        bucket: &str,
        query: &ListObjectsQuery,
    ) -> Result<ObjectListPage, ApiError>;
    /// Lets the VOD service read the bucket (or not any more).
    async fn authorize_bucket(&self, bucket: &str, grant: bool) -> Result<(), ApiError>;
    /// Makes an asset of a stored object; returns its id.
    async fn import_object(
        &self,
        bucket: &str,
        key: &str,
        media: &MediaType,
        metadata: &UploadMetadata,
    ) -> Result<String, ApiError>;
    /// Imports media from URLs (at most [`crate::model::Limits::url_imports_max`] a call).
    async fn import_urls(&self, items: &[UrlImport]) -> Result<Vec<UrlImported>, ApiError>;
}
