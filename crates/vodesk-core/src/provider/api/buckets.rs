//! The account's object storage: browsing buckets and importing what they hold (or what a URL
//! points at) into the catalogue.

use async_trait::async_trait;
use serde::Serialize;

use crate::model::{MediaType, UploadMetadata};
use crate::provider::error::ApiError;
use crate::storage::{BucketInfo, ListObjectsQuery, ObjectListPage, UnfinishedUpload};

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

impl UrlImported {
    /// What became of `url`: a job followed to its asset, one still running (`None`, with the
    /// job's id to say so), or refused.
    pub fn from_outcome(url: &str, outcome: Result<(Option<String>, String), ApiError>) -> Self {
        let (asset_id, error) = match outcome {
            Ok((Some(id), _)) => (Some(id), None),
            Ok((None, job)) => (
                None,
                Some(format!(
                    "still importing (job {job}); it appears in the asset list when done"
                )),
            ),
            Err(e) => (None, Some(e.to_string())),
        };
        UrlImported {
            url: url.to_string(),
            asset_id,
            error,
        }
    }
}

/// The refusal of a cloud without buckets of the user's ([`super::Capabilities::buckets`]).
fn no_buckets(what: &str) -> ApiError {
    ApiError::new(
        crate::provider::error::ErrorKind::BadParameter,
        format!("{what} is not available with this cloud"),
    )
}

/// The bucket operations default to a refusal: only clouds whose capabilities say `buckets`
/// implement them.
#[async_trait]
pub trait Buckets: Send + Sync {
    async fn list_buckets(&self) -> Result<Vec<BucketInfo>, ApiError> {
        Err(no_buckets("The bucket browser"))
    }
    async fn list_objects(
        &self,
        bucket: &str,
        query: &ListObjectsQuery,
    ) -> Result<ObjectListPage, ApiError> {
        let _ = (bucket, query);
        Err(no_buckets("The bucket browser"))
    }
    /// The bucket's multipart uploads begun and never completed nor aborted (their parts are
    /// stored, and billed), with each one's parts.
    async fn unfinished_uploads(&self, bucket: &str) -> Result<Vec<UnfinishedUpload>, ApiError> {
        let _ = bucket;
        Err(no_buckets("The bucket browser"))
    }
    /// Aborts one unfinished upload, freeing its parts.
    async fn abort_upload(&self, bucket: &str, key: &str, upload_id: &str) -> Result<(), ApiError> {
        let _ = (bucket, key, upload_id);
        Err(no_buckets("The bucket browser"))
    }
    /// Lets the VOD service read the bucket (or not any more).
    async fn authorize_bucket(&self, bucket: &str, grant: bool) -> Result<(), ApiError> {
        let _ = (bucket, grant);
        Err(no_buckets("Authorizing a bucket"))
    }
    /// Makes an asset of a stored object; returns its id.
    async fn import_object(
        &self,
        bucket: &str,
        key: &str,
        media: &MediaType,
        metadata: &UploadMetadata,
    ) -> Result<String, ApiError> {
        let _ = (bucket, key, media, metadata);
        Err(no_buckets("Importing from a bucket"))
    }
    /// Imports media from URLs (at most [`crate::model::Limits::url_imports_max`] a call).
    async fn import_urls(&self, items: &[UrlImport]) -> Result<Vec<UrlImported>, ApiError>;
}
