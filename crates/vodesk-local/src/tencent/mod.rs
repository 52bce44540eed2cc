//! The Tencent Cloud VOD personality (API version 2018-07-17): TC3-signed POST JSON calls on
//! their own loopback port, answered from the shared library; uploads go to the object store's
//! COS endpoint with temporary keys scoped to the session's object.

use std::sync::Arc;

use axum::Router;

use crate::credentials::TencentCredentials;
use crate::library::Library;

pub struct TencentOptions {
    pub library: Arc<Library>,
    pub credentials: TencentCredentials,
    pub region: String,
    /// Per-account throttling as documented (§A.10).
    pub throttle: bool,
}

pub struct TencentApi {
    options: TencentOptions,
}

impl TencentApi {
    pub fn new(options: TencentOptions) -> Self {
        TencentApi { options }
    }

    pub fn router(&self) -> Router {
        let _ = &self.options;
        Router::new()
    }
}
