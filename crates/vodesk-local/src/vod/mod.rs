//! The Huawei VOD REST API subset (huawei-vod-api.md), with signature verification,
//! validation, asset lifecycle, categories, template groups and throttling.
//!
//! Storage layout in the object store (all in one VOD bucket, `vod-<project id>`):
//! `{project}/{asset_id}/{asset_id}.{ext}` (original), `{project}/{asset_id}/cover0[.jpg|.png]`
//! (cover), `{project}/{asset_id}/subtitle_{id}_{lang}.srt`, `{project}/{asset_id}/snapshot/…png`.

mod assets;
pub mod auth;
mod authority;
mod categories;
mod db;
mod errors;
mod iam;
pub mod lifecycle;
mod objects;
mod obs_import;
mod request;
mod routes;
mod templates;
pub mod throttle;
mod upload;
mod validate;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use vodesk_objstore::{ObjectStore, PresignRequest};

use crate::credentials::Credentials;

pub use errors::ApiError;

pub struct VodOptions {
    /// Directory for `vod.db` (created if missing).
    pub data_dir: PathBuf,
    pub credentials: Credentials,
    pub region: String,
    pub objects: ObjectStore,
    pub throttle: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum VodError {
    #[error("VOD database error: {0}")]
    Db(String),
}

/// Lifetime of the pre-signed URLs handed out (upload, download, snapshots).
pub const URL_LIFETIME_SECS: u64 = 24 * 3600;

pub(crate) struct Ctx {
    db: Mutex<rusqlite::Connection>,
    pub creds: Credentials,
    pub region: String,
    pub objects: ObjectStore,
    object_router: OnceLock<axum::Router>,
    pub throttle: Option<throttle::Throttle>,
    /// The VOD-owned bucket.
    pub bucket: String,
    /// First path segment of every object key (the project id, made key-safe).
    pub key_root: String,
}

impl Ctx {
    pub fn db(&self) -> MutexGuard<'_, rusqlite::Connection> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn asset_prefix(&self, asset_id: &str) -> String {
        format!("{}/{asset_id}", self.key_root)
    }

    pub fn presign(
        &self,
        method: &str,
        bucket: &str,
        key: &str,
        content_type: Option<&str>,
    ) -> String {
        self.objects.presign_url(&PresignRequest {
            method: method.to_string(),
            bucket: bucket.to_string(),
            key: key.to_string(),
            content_type: content_type.map(str::to_string),
            content_md5: None,
            subresources: vec![],
            expires_in_secs: URL_LIFETIME_SECS,
        })
    }

    pub fn presign_get(&self, bucket: &str, key: &str) -> String {
        self.presign("GET", bucket, key, None)
    }

    fn object_router(&self) -> axum::Router {
        self.object_router
            .get_or_init(|| self.objects.router())
            .clone()
    }
}

#[derive(Clone)]
pub struct VodService {
    ctx: Arc<Ctx>,
}

fn key_safe(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl VodService {
    pub fn open(options: VodOptions) -> Result<Self, VodError> {
        std::fs::create_dir_all(&options.data_dir)
            .map_err(|e| VodError::Db(format!("{}: {e}", options.data_dir.display())))?;
        let conn = db::open(&options.data_dir).map_err(|e| VodError::Db(e.to_string()))?;
        // The bucket name is chosen once and kept, even if the credentials change later.
        let bucket = match db::meta_get(&conn, "bucket").map_err(|e| VodError::Db(e.to_string()))? {
            Some(b) => b,
            None => {
                let mut id = key_safe(&options.credentials.project_id);
                id.truncate(40);
                let b = if id.is_empty() {
                    "vod-local".to_string()
                } else {
                    format!("vod-{}", id.trim_matches('-'))
                };
                db::meta_set(&conn, "bucket", &b).map_err(|e| VodError::Db(e.to_string()))?;
                b
            }
        };
        let mut key_root = key_safe(&options.credentials.project_id);
        if key_root.is_empty() {
            key_root = "local".into();
        }
        options
            .objects
            .ensure_bucket(&bucket)
            .map_err(|e| VodError::Db(format!("cannot create the VOD bucket {bucket}: {e}")))?;
        Ok(VodService {
            ctx: Arc::new(Ctx {
                db: Mutex::new(conn),
                creds: options.credentials,
                region: options.region,
                objects: options.objects,
                object_router: OnceLock::new(),
                throttle: options.throttle.then(throttle::Throttle::default),
                bucket,
                key_root,
            }),
        })
    }

    /// Name of the VOD-owned bucket (`target.bucket` of created assets).
    pub fn bucket(&self) -> &str {
        &self.ctx.bucket
    }

    pub fn router(&self) -> axum::Router {
        routes::router(self.ctx.clone())
    }
}
