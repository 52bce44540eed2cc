//! The Tencent Cloud VOD personality (API version 2018-07-17, tencent-aliyun-vod-api.md §A):
//! TC3-signed calls (`POST /` with JSON, or `GET /?…`) on their own loopback port, answered from
//! the shared library with HTTP 200 `{"Response":{…,"RequestId"}}`; uploads go to the object
//! store's COS endpoint with temporary keys scoped to the session's directory. The same port
//! serves media URLs (`GET /media/…`): 403 while a media is forbidden, 404 once deleted.

mod auth;
mod errors;
mod form;
mod handlers;
mod procedures;
mod render;
mod routes;
mod throttle;

use std::sync::Arc;
use std::time::Duration;

use crate::credentials::TencentCredentials;
use crate::library::Library;
use crate::throttle::Throttle;

pub use procedures::defaults as procedures;

/// Lifetime of an `ApplyUpload` certificate unless configured otherwise. The reference does not
/// document the real service's; one hour covers a large upload on a slow line.
pub const DEFAULT_CERT_LIFETIME: Duration = Duration::from_secs(3600);

/// Overrides [`DEFAULT_CERT_LIFETIME`] at start-up (seconds), e.g. for a test of expiry.
pub const CERT_LIFETIME_ENV: &str = "VODESK_LOCAL_TENCENT_CERT_SECS";

pub struct TencentOptions {
    pub library: Arc<Library>,
    pub credentials: TencentCredentials,
    pub region: String,
    /// Per-account throttling as documented (§A.10).
    pub throttle: bool,
    /// How long `ApplyUpload`'s `TempCertificate` lasts.
    pub cert_lifetime: Duration,
    /// Where this personality is reached (`http://127.0.0.1:PORT`): the base of media URLs.
    pub public_url: String,
}

/// What every handler sees.
pub(crate) struct Ctx {
    pub lib: Arc<Library>,
    pub creds: TencentCredentials,
    pub region: String,
    pub throttle: Option<Throttle<throttle::Action>>,
    pub cert_lifetime: Duration,
    pub public_url: String,
    /// Fetches `PullUpload` URLs (loopback only).
    pub http: reqwest::Client,
}

pub struct TencentApi {
    ctx: Arc<Ctx>,
}

impl TencentApi {
    pub fn new(options: TencentOptions) -> Self {
        // A pull interrupted by the previous run will never finish: say so to whoever asks.
        if let Err(e) = crate::library::jobs::fail_unfinished(
            &options.library.db(),
            "InternalError",
            "the local service restarted while the task ran",
        ) {
            tracing::warn!("closing interrupted Tencent tasks: {e:?}");
        }
        TencentApi {
            ctx: Arc::new(Ctx {
                lib: options.library,
                creds: options.credentials,
                region: options.region,
                throttle: options.throttle.then(Throttle::default),
                cert_lifetime: options.cert_lifetime,
                public_url: options.public_url.trim_end_matches('/').to_string(),
                http: crate::http::fetch::client(),
            }),
        }
    }

    pub fn router(&self) -> axum::Router {
        routes::router(self.ctx.clone())
    }
}

/// The certificate lifetime from [`CERT_LIFETIME_ENV`], if set to a number of seconds.
pub fn cert_lifetime_from_env() -> Option<Duration> {
    crate::env::secs_from_env(CERT_LIFETIME_ENV)
}
