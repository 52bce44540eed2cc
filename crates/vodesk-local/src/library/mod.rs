//! The asset library every API personality shares: one SQLite asset store with its lifecycle
//! simulation, categories, presets, list filters, digests and object-key layout. It speaks in
//! neutral terms; personalities parse their wire format into these calls and render the results.
//!
//! Storage layout in the object store (all in one bucket, `vod-<tenant>`): see [`layout`].

pub mod assets;
pub mod categories;
mod digest;
pub mod duration;
mod error;
pub mod extras;
pub mod filter;
mod frames;
pub mod images;
pub mod imports;
pub mod jobs;
pub mod layout;
pub mod lifecycle;
pub mod media;
mod objects;
mod png;
pub mod presets;
mod processing;
pub mod rows;
mod schema;
pub mod sessions;
mod settle;
pub mod workflows;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};

use rusqlite::Connection;
use vodesk_objstore::{ObjectStore, PresignRequest};

pub use error::{Error, OpenError, Result};
pub use layout::Layout;
pub use objects::{bucket_and_key, path_and_query};
pub use processing::Outcome;

/// Lifetime of the pre-signed URLs handed out (upload, download, snapshots).
pub const URL_LIFETIME_SECS: u64 = 24 * 3600;

pub struct LibraryOptions {
    /// Directory for `vod.db` (created if missing).
    pub data_dir: PathBuf,
    pub objects: ObjectStore,
    /// The account the assets belong to (Huawei: the project id); names the bucket and the
    /// first segment of every object key.
    pub tenant: String,
    /// What a new library's preset table starts with ([`presets::defaults`] unless a
    /// personality names its presets differently).
    pub presets: Vec<presets::Preset>,
    /// How new asset ids look.
    pub ids: IdStyle,
    /// The bucket a new library gets; `None`: `vod-<tenant>` (see [`layout::bucket_for`]).
    pub bucket: Option<String>,
}

/// The shape of new asset ids: each cloud's clients may show or check them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdStyle {
    /// 32 hex digits (Huawei `asset_id`).
    Hex32,
    /// 19 decimal digits, no leading zero (Tencent `FileId`).
    Digits19,
}

impl IdStyle {
    pub fn generate(self) -> String {
        use rand::Rng;
        match self {
            IdStyle::Hex32 => assets::new_asset_id(),
            IdStyle::Digits19 => rand::rng()
                .random_range(1_000_000_000_000_000_000u64..=9_999_999_999_999_999_999)
                .to_string(),
        }
    }
}

pub struct Library {
    db: Mutex<Connection>,
    objects: ObjectStore,
    object_router: OnceLock<axum::Router>,
    layout: Layout,
    ids: IdStyle,
    /// Some asset has (or is about to get) an expiry: until then the per-call sweep does
    /// nothing at all. Never cleared, so an expiry noted while a sweep runs is not lost.
    expiring: std::sync::atomic::AtomicBool,
    /// One settling of landed uploads at a time: concurrent calls would each take in the same
    /// landed object (reading it, making its cover) and all but one would be thrown away.
    settling: tokio::sync::Mutex<()>,
    /// ffprobe and ffmpeg, when the machine has them.
    tools: vodesk_media::Tools,
    /// How many of them run at once: a batch of landed videos must not start one per upload.
    media_slots: tokio::sync::Semaphore,
    /// The library itself, for background work it starts ([`Library::shared`]).
    me: OnceLock<std::sync::Weak<Library>>,
}

impl Library {
    pub fn open(options: LibraryOptions) -> std::result::Result<Self, OpenError> {
        std::fs::create_dir_all(&options.data_dir)
            .map_err(|e| OpenError(format!("{}: {e}", options.data_dir.display())))?;
        let conn = schema::open(&options.data_dir, &options.presets)?;
        // The bucket name is chosen once and kept, even if the credentials change later.
        let bucket = match schema::meta_get(&conn, "bucket")? {
            Some(b) => b,
            None => {
                let b = options
                    .bucket
                    .unwrap_or_else(|| layout::bucket_for(&options.tenant));
                schema::meta_set(&conn, "bucket", &b)?;
                b
            }
        };
        options
            .objects
            .ensure_bucket(&bucket)
            .map_err(|e| OpenError(format!("cannot create the VOD bucket {bucket}: {e}")))?;
        let expiring = conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM assets WHERE expires_at IS NOT NULL)",
                [],
                |r| r.get::<_, bool>(0),
            )
            .map_err(|e| OpenError(e.to_string()))?;
        Ok(Library {
            expiring: std::sync::atomic::AtomicBool::new(expiring),
            db: Mutex::new(conn),
            objects: options.objects,
            object_router: OnceLock::new(),
            layout: Layout::new(bucket, &options.tenant),
            ids: options.ids,
            settling: tokio::sync::Mutex::new(()),
            tools: vodesk_media::Tools::system(),
            media_slots: tokio::sync::Semaphore::new(2),
            me: OnceLock::new(),
        })
    }

    /// A fresh id for a new asset.
    pub fn new_id(&self) -> String {
        self.ids.generate()
    }

    /// An asset is being given an expiry: sweeps have work from now on.
    pub fn note_expiry(&self) {
        self.expiring
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether a sweep can find anything (no asset ever had an expiry otherwise).
    pub fn may_expire(&self) -> bool {
        self.expiring.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The one connection; every multi-row change runs in one transaction on it.
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn objects(&self) -> &ObjectStore {
        &self.objects
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The library's own bucket (`target.bucket` of created assets).
    pub fn bucket(&self) -> &str {
        &self.layout.bucket
    }

    /// A pre-signed URL for `method` on `bucket/key`, valid for [`URL_LIFETIME_SECS`].
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

    pub fn bucket_exists(&self, bucket: &str) -> Result<bool> {
        Ok(self.objects.bucket_exists(bucket)?)
    }

    /// Whether `bucket/key` holds an object (a failing store counts as no).
    pub fn object_exists(&self, bucket: &str, key: &str) -> bool {
        matches!(self.objects.head_object(bucket, key), Ok(Some(_)))
    }
}
