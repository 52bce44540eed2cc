//! What the library refuses, in neutral terms; each personality gives these its own codes.

use crate::library::lifecycle::Task;

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The database or the object store failed (never the caller's fault).
    Internal(String),
    NoAsset(String),
    /// A processing task is still running on the asset.
    Busy(Task),
    /// The asset is not waiting for an upload confirmation.
    NotAwaitingUpload,
    /// The object a confirmation speaks of is not in the store.
    NotUploaded {
        bucket: String,
        key: String,
    },
    /// The uploaded object's MD5 (hex) is not the one announced.
    Md5Mismatch {
        got: String,
        want: String,
    },
    /// The key is not a finished snapshot of an asset.
    NotASnapshot,
    NoCategory(i64),
    /// A sibling already has this name.
    CategoryExists(String),
    CategoryTooDeep,
    TooManySubcategories(i64),
    HasSubcategories,
    /// The built-in default category is neither renamed nor deleted.
    BuiltInCategory,
    NoObject {
        bucket: String,
        key: String,
    },
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Internal(format!("database: {e}"))
    }
}

impl From<vodesk_objstore::StoreError> for Error {
    fn from(e: vodesk_objstore::StoreError) -> Self {
        Error::Internal(format!("object store: {e}"))
    }
}

/// The library could not be opened.
#[derive(Debug, thiserror::Error)]
#[error("VOD database error: {0}")]
pub struct OpenError(pub String);

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        OpenError(e.to_string())
    }
}
