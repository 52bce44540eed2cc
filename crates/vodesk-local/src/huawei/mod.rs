//! The Huawei VOD personality (huawei-vod-api.md): AK/SK signature verification, the route
//! table, throttling, the documented errors, and handlers that parse Huawei JSON into library
//! calls and render the results as Huawei JSON. IAM's project look-up belongs here too.

pub mod auth;
mod errors;
mod handlers;
mod routes;
mod status;
pub mod throttle;
mod validate;

use std::sync::Arc;

use crate::credentials::Credentials;
use crate::library::Library;
use crate::throttle::Throttle;

pub struct HuaweiOptions {
    pub library: Arc<Library>,
    pub credentials: Credentials,
    pub region: String,
    /// Per-tenant throttling as documented (§14).
    pub throttle: bool,
}

/// What every handler sees.
pub(crate) struct Ctx {
    pub lib: Arc<Library>,
    pub creds: Credentials,
    pub region: String,
    pub throttle: Option<Throttle<throttle::ApiCategory>>,
}

#[derive(Clone)]
pub struct HuaweiApi {
    ctx: Arc<Ctx>,
}

impl HuaweiApi {
    pub fn new(options: HuaweiOptions) -> Self {
        HuaweiApi {
            ctx: Arc::new(Ctx {
                lib: options.library,
                creds: options.credentials,
                region: options.region,
                throttle: options.throttle.then(Throttle::default),
            }),
        }
    }

    pub fn router(&self) -> axum::Router {
        routes::router(self.ctx.clone())
    }
}
