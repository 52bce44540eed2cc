//! The Alibaba Cloud ApsaraVideo VOD personality (API version 2017-03-21, §B): ACS3- or
//! RPC-signed calls (`POST /?<params>` or `GET /?<params>`) on their own loopback port,
//! answered from the shared library with JSON in the Tea SDK's shapes, errors as HTTP 4xx/5xx
//! with `{"RequestId","HostId","Code","Message","Recommend"}`. Uploads go to the object store's
//! OSS endpoint with an STS-like key scoped to the one object; there is no commit call: a video
//! whose object has landed moves on the next time anything reads the library.

pub mod auth;
mod errors;
mod handlers;
mod match_expr;
mod media_urls;
mod params;
mod render;
mod routes;
mod templates;
mod throttle;
mod upload_auth;

use std::sync::Arc;
use std::time::Duration;

use crate::credentials::AliyunCredentials;
use crate::library::Library;
use crate::throttle::Throttle;

pub use templates::defaults as template_groups;

pub const API_VERSION: &str = "2017-03-21";

/// The application every media belongs to (multi-application is not modelled).
pub const APP_ID: &str = "app-1000000";

/// Where object keys of uploads begin, as in Alibaba's `sv/<id>/<id>.mp4`.
pub const KEY_ROOT: &str = "sv";

/// Lifetime of the STS key of an upload unless configured otherwise (§B.5: 3000 s).
pub const DEFAULT_STS_LIFETIME: Duration = Duration::from_secs(3000);

/// Overrides [`DEFAULT_STS_LIFETIME`] at start-up (seconds), e.g. for a test of expiry.
pub const STS_LIFETIME_ENV: &str = "VODESK_LOCAL_ALIYUN_STS_SECS";

pub struct AliyunOptions {
    pub library: Arc<Library>,
    pub credentials: AliyunCredentials,
    /// The region the personality answers for (`cn-shanghai`).
    pub region: String,
    /// Per-account throttling as documented (§B.9).
    pub throttle: bool,
    /// How long the upload keys of `CreateUploadVideo` and the others last.
    pub sts_lifetime: Duration,
    /// Where this personality is reached (`http://127.0.0.1:PORT`).
    pub public_url: String,
    /// The OSS endpoint uploads go to and media URLs point at (`http://127.0.0.1:PORT`).
    pub oss_endpoint: String,
}

/// What every handler sees.
pub(crate) struct Ctx {
    pub lib: Arc<Library>,
    pub creds: AliyunCredentials,
    pub region: String,
    pub throttle: Option<Throttle<throttle::Action>>,
    pub sts_lifetime: Duration,
    pub public_url: String,
    pub oss_endpoint: String,
    /// Fetches `UploadMediaByURL` URLs (loopback only).
    pub http: reqwest::Client,
}

pub struct AliyunApi {
    ctx: Arc<Ctx>,
}

impl AliyunApi {
    pub fn new(options: AliyunOptions) -> Self {
        // A URL upload interrupted by the previous run will never finish: say so.
        if let Err(e) = crate::library::jobs::fail_unfinished(
            &options.library.db(),
            "InternalError",
            "the local service restarted while the upload ran",
        ) {
            tracing::warn!("closing interrupted Alibaba URL uploads: {e:?}");
        }
        AliyunApi {
            ctx: Arc::new(Ctx {
                lib: options.library,
                creds: options.credentials,
                region: options.region,
                throttle: options.throttle.then(Throttle::default),
                sts_lifetime: options.sts_lifetime,
                public_url: options.public_url.trim_end_matches('/').to_string(),
                oss_endpoint: options.oss_endpoint.trim_end_matches('/').to_string(),
                http: crate::http::fetch::client(),
            }),
        }
    }

    pub fn router(&self) -> axum::Router {
        routes::router(self.ctx.clone())
    }
}

/// The STS lifetime from [`STS_LIFETIME_ENV`], if set to a number of seconds.
pub fn sts_lifetime_from_env() -> Option<Duration> {
    crate::env::secs_from_env(STS_LIFETIME_ENV)
}
