//! The Huawei VOD REST API subset (huawei-vod-api.md), with signature verification,
//! validation, asset lifecycle, categories, template groups and throttling.

use std::path::PathBuf;

use vodesk_objstore::ObjectStore;

use crate::credentials::Credentials;

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

#[derive(Clone)]
pub struct VodService {
    _private: (),
}

impl VodService {
    pub fn open(_options: VodOptions) -> Result<Self, VodError> {
        todo!("vodesk-local: VodService::open")
    }

    pub fn router(&self) -> axum::Router {
        todo!()
    }
}
