//! OBS/S3-compatible object store for the local VOD service.
//!
//! Objects live as files under `<data_dir>/objects`, indexed in SQLite (`<data_dir>/objects.db`).
//! Writes go to a temporary file first and become visible only when the index row is committed,
//! so a crash never leaves a half-visible object.
//!
//! CONTRACT (used by `vodesk-local`): the public items below are relied upon by the VOD API.
//! Keep their signatures stable; add to them freely.

use std::path::PathBuf;

/// Settings for [`ObjectStore::open`].
#[derive(Clone, Debug)]
pub struct ObjectStoreConfig {
    /// Directory that holds `objects.db` and the object files (created if missing).
    pub data_dir: PathBuf,
    /// Access key id accepted by the endpoint and used for the pre-signed URLs it hands out.
    pub access_key: String,
    /// Secret key matching `access_key`.
    pub secret_key: String,
    /// Region name reported for buckets and expected in SigV4 credential scopes (any region is accepted).
    pub region: String,
}

/// Metadata of one stored object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectInfo {
    pub bucket: String,
    pub key: String,
    pub size: u64,
    /// Hex MD5 for single-part objects, `<hex>-<n>` for multipart ones (no quotes).
    pub etag: String,
    pub content_type: String,
    /// Unix seconds.
    pub last_modified: i64,
}

/// One pre-signed URL to be generated, OBS/AWS-V2 query-string style
/// (`AWSAccessKeyId`, `Expires`, `Signature`), path-style: `{base}/{bucket}/{key}?...`.
#[derive(Clone, Debug, Default)]
pub struct PresignRequest {
    pub method: String,
    pub bucket: String,
    pub key: String,
    /// If set, the requester must send exactly this `Content-Type`.
    pub content_type: Option<String>,
    /// If set, the requester must send exactly this `Content-MD5`.
    pub content_md5: Option<String>,
    /// Sub-resources that become part of the URL and of the signature, e.g. `("uploads", None)`,
    /// `("partNumber", Some("3"))`, `("uploadId", Some(id))`.
    pub subresources: Vec<(String, Option<String>)>,
    /// Lifetime of the URL in seconds.
    pub expires_in_secs: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("object store database error: {0}")]
    Db(String),
    #[error("object store file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("no such bucket: {0}")]
    NoSuchBucket(String),
    #[error("no such key: {0}/{1}")]
    NoSuchKey(String, String),
    #[error("invalid bucket name: {0}")]
    InvalidBucketName(String),
}

/// Cheap to clone; all clones share one index and one directory.
#[derive(Clone)]
pub struct ObjectStore {
    _private: (),
}

impl ObjectStore {
    /// Opens (or creates) the store in `config.data_dir`.
    pub fn open(_config: ObjectStoreConfig) -> Result<Self, StoreError> {
        todo!("vodesk-objstore: open")
    }

    /// Base URL the endpoint is reachable at, e.g. `http://127.0.0.1:7362` (no trailing slash).
    /// Set once the listener is bound; used to build pre-signed URLs and `Location`s.
    pub fn set_base_url(&self, _url: &str) {
        todo!()
    }

    pub fn base_url(&self) -> String {
        todo!()
    }

    /// Creates the bucket if it does not exist (idempotent).
    pub fn ensure_bucket(&self, _name: &str) -> Result<(), StoreError> {
        todo!()
    }

    pub fn bucket_exists(&self, _name: &str) -> Result<bool, StoreError> {
        todo!()
    }

    /// Full pre-signed URL (see [`PresignRequest`]).
    pub fn presign_url(&self, _req: &PresignRequest) -> String {
        todo!()
    }

    pub fn head_object(&self, _bucket: &str, _key: &str) -> Result<Option<ObjectInfo>, StoreError> {
        todo!()
    }

    /// Deletes the object if present (no error when absent).
    pub fn delete_object(&self, _bucket: &str, _key: &str) -> Result<(), StoreError> {
        todo!()
    }

    /// Server-side copy (used by VOD "reproduction" from a user bucket into the VOD bucket).
    pub async fn copy_object(
        &self,
        _src_bucket: &str,
        _src_key: &str,
        _dst_bucket: &str,
        _dst_key: &str,
    ) -> Result<ObjectInfo, StoreError> {
        todo!()
    }

    /// Stores `data` as an object (used for small generated objects such as snapshot images).
    pub async fn put_object(
        &self,
        _bucket: &str,
        _key: &str,
        _content_type: &str,
        _data: bytes::Bytes,
    ) -> Result<ObjectInfo, StoreError> {
        todo!()
    }

    /// The HTTP endpoint: ListBuckets, ListObjects (v1 and v2), Get/Head/Put/Delete object,
    /// multipart (initiate, upload part, list parts, complete, abort). Path-style addressing.
    pub fn router(&self) -> axum::Router {
        todo!()
    }
}
