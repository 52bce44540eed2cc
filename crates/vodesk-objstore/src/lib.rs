//! OBS/S3-compatible object store for the local VOD service.
//!
//! Objects live as files under `<data_dir>/blobs`, indexed in SQLite (`<data_dir>/objects.db`).
//! Writes go to a fresh file and become visible only when the index row is committed, so a crash
//! never leaves a half-visible object. A completed multipart object is the manifest of its part
//! files (see `content`), never a copy of them.
//!
//! CONTRACT (used by `vodesk-local`): the public items below are relied upon by the VOD API.
//! Keep their signatures stable; add to them freely.

mod blobs;
mod chunked;
mod content;
mod crc64;
mod credentials;
mod error;
mod handlers;
mod index;
mod ingest;
mod multipart;
mod query;
mod store;
mod time;
mod xml;

/// Signature algorithms (OBS/AWS V2 HMAC-SHA1 and SigV4), public so that clients and tests can
/// sign requests exactly the way the endpoint verifies them.
pub mod auth;
/// Pre-signed URL construction (the same code [`ObjectStore::presign_url`] uses).
pub mod presign;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use store::Inner;

pub use credentials::{Credential, CredentialStore, KeyRing, KeyScope, Scope};
pub use handlers::Dialect;

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
    inner: Arc<Inner>,
}

impl ObjectStore {
    /// Opens (or creates) the store in `config.data_dir`.
    ///
    /// Also removes what an interrupted process left behind (temp files, uncommitted blobs).
    pub fn open(config: ObjectStoreConfig) -> Result<Self, StoreError> {
        Ok(ObjectStore {
            inner: Arc::new(Inner::open(&config)?),
        })
    }

    /// Base URL the endpoint is reachable at, e.g. `http://127.0.0.1:7362` (no trailing slash).
    /// Set once the listener is bound; used to build pre-signed URLs and `Location`s.
    pub fn set_base_url(&self, url: &str) {
        let mut guard = self
            .inner
            .base_url
            .write()
            .unwrap_or_else(|e| e.into_inner());
        *guard = url.trim_end_matches('/').to_string();
    }

    pub fn base_url(&self) -> String {
        self.inner.base_url()
    }

    /// Creates the bucket if it does not exist (idempotent).
    pub fn ensure_bucket(&self, name: &str) -> Result<(), StoreError> {
        if !store::valid_bucket_name(name) {
            return Err(StoreError::InvalidBucketName(name.to_string()));
        }
        index::bucket_create(&self.inner.index.lock(), name, time::now_ms())?;
        Ok(())
    }

    pub fn bucket_exists(&self, name: &str) -> Result<bool, StoreError> {
        self.inner.bucket_exists(name)
    }

    /// Full pre-signed URL (see [`PresignRequest`]), made with the store's long-term key.
    pub fn presign_url(&self, req: &PresignRequest) -> String {
        let expires_at = time::now_secs()
            .saturating_add(i64::try_from(req.expires_in_secs).unwrap_or(i64::MAX / 2));
        let key = self.inner.keys.permanent();
        presign::presign_at(
            &self.inner.base_url(),
            &key.access_key,
            &key.secret_key,
            req,
            expires_at,
        )
    }

    /// A temporary key (with a security token) that the endpoint accepts within `scope` for
    /// `lifetime`: what a VOD personality hands a client that signs its own object requests.
    pub fn issue_temporary(&self, scope: Scope, lifetime: Duration) -> Credential {
        self.inner.keys.issue(scope, lifetime)
    }

    /// The keys the endpoint accepts, shared with every clone of the store: a personality with
    /// its own key format registers (and revokes) credentials here.
    pub fn key_ring(&self) -> Arc<KeyRing> {
        self.inner.keys.clone()
    }

    pub fn head_object(&self, bucket: &str, key: &str) -> Result<Option<ObjectInfo>, StoreError> {
        let row = index::object_get(&self.inner.index.lock(), bucket, key)?;
        Ok(row.map(|r| store::row_to_info(bucket, &r)))
    }

    /// The first `len` bytes of an object (all of it when shorter), read from its files directly
    /// rather than through the HTTP endpoint; `None` when there is no such object.
    pub async fn read_head(
        &self,
        bucket: &str,
        key: &str,
        len: u64,
    ) -> Result<Option<bytes::Bytes>, StoreError> {
        let inner = self.inner.clone();
        let (b, k) = (bucket.to_string(), key.to_string());
        tokio::task::spawn_blocking(move || inner.read_head(&b, &k, len))
            .await
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
    }

    /// The files an object's bytes are, in order, each whole: what a program that reads files
    /// (ffprobe) can be given instead of a URL. `None` when there is no such object.
    pub fn files_of(
        &self,
        bucket: &str,
        key: &str,
    ) -> Result<Option<Vec<std::path::PathBuf>>, StoreError> {
        self.inner.files_of(bucket, key)
    }

    /// Deletes the object if present (no error when absent).
    pub fn delete_object(&self, bucket: &str, key: &str) -> Result<(), StoreError> {
        self.inner.delete_object(bucket, key)
    }

    /// Server-side copy (used by VOD "reproduction" from a user bucket into the VOD bucket).
    pub async fn copy_object(
        &self,
        src_bucket: &str,
        src_key: &str,
        dst_bucket: &str,
        dst_key: &str,
    ) -> Result<ObjectInfo, StoreError> {
        let inner = self.inner.clone();
        let (sb, sk, db, dk) = (
            src_bucket.to_string(),
            src_key.to_string(),
            dst_bucket.to_string(),
            dst_key.to_string(),
        );
        let row = tokio::task::spawn_blocking(move || inner.copy_object(&sb, &sk, &db, &dk, None))
            .await
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
            .map_err(|e| s3_to_store(e, src_bucket, src_key))?;
        Ok(store::row_to_info(dst_bucket, &row))
    }

    /// Stores `data` as an object (used for small generated objects such as snapshot images).
    pub async fn put_object(
        &self,
        bucket: &str,
        key: &str,
        content_type: &str,
        data: bytes::Bytes,
    ) -> Result<ObjectInfo, StoreError> {
        self.put_bytes(bucket, key, content_type, data, false).await
    }

    /// As [`ObjectStore::put_object`], for a small body that many objects repeat (the VOD
    /// service's grabbed cover): stored once per process and hard-linked per object where the
    /// file system allows. Each object stays independent: deleting one leaves the others.
    pub async fn put_object_shared(
        &self,
        bucket: &str,
        key: &str,
        content_type: &str,
        data: bytes::Bytes,
    ) -> Result<ObjectInfo, StoreError> {
        self.put_bytes(bucket, key, content_type, data, true).await
    }

    async fn put_bytes(
        &self,
        bucket: &str,
        key: &str,
        content_type: &str,
        data: bytes::Bytes,
        shared: bool,
    ) -> Result<ObjectInfo, StoreError> {
        let inner = self.inner.clone();
        let (b, k, ct) = (
            bucket.to_string(),
            key.to_string(),
            content_type.to_string(),
        );
        let row =
            tokio::task::spawn_blocking(move || -> Result<index::ObjectRow, error::S3Error> {
                inner.require_bucket(&b)?;
                let (temp, md5) = if shared {
                    inner.write_temp_shared(&data)?
                } else {
                    inner.write_temp(&data)?
                };
                let ct = if ct.is_empty() {
                    store::DEFAULT_CONTENT_TYPE.to_string()
                } else {
                    ct
                };
                inner.commit_object(
                    &b,
                    &k,
                    temp,
                    data.len() as u64,
                    hex::encode(md5),
                    ct,
                    Vec::new(),
                )
            })
            .await
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
            .map_err(|e| s3_to_store(e, bucket, key))?;
        Ok(store::row_to_info(bucket, &row))
    }

    /// The HTTP endpoint: ListBuckets, ListObjects (v1 and v2), Get/Head/Put/Delete object,
    /// multipart (initiate, upload part, list parts, complete, abort). Path-style addressing.
    pub fn router(&self) -> axum::Router {
        handlers::router(self.inner.clone(), Dialect::Obs)
    }

    /// The same endpoint as Tencent COS: the bucket also comes from a virtual-host `Host`
    /// (`<bucket>.cos.<region>.myqcloud.com`, while the client connects to loopback), errors
    /// are COS documents (`Code, Message, Resource, RequestId, TraceId`) with
    /// `x-cos-request-id`, and q-sign signatures are verified like every other scheme.
    pub fn cos_router(&self) -> axum::Router {
        handlers::router(self.inner.clone(), Dialect::Cos)
    }

    /// The same endpoint as Alibaba OSS on loopback: path style (as `UploadAddress.Endpoint`
    /// with an IP host is used), OSS V1 signatures among the others, documents without a
    /// namespace, `x-oss-request-id`.
    pub fn oss_router(&self) -> axum::Router {
        handlers::router(self.inner.clone(), Dialect::Oss)
    }
}

/// Maps an HTTP-level error back to the library error type for the Rust API.
fn s3_to_store(e: error::S3Error, bucket: &str, key: &str) -> StoreError {
    match e.code {
        "NoSuchBucket" => StoreError::NoSuchBucket(
            e.extra
                .iter()
                .find(|(n, _)| *n == "BucketName")
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| bucket.to_string()),
        ),
        "NoSuchKey" => StoreError::NoSuchKey(bucket.to_string(), key.to_string()),
        "InvalidBucketName" => StoreError::InvalidBucketName(bucket.to_string()),
        _ => StoreError::Io(std::io::Error::other(format!("{}: {}", e.code, e.message))),
    }
}
