//! The HTTP client shared by providers: timeouts, proxy, and transport-error mapping.

use std::time::Duration;

use super::error::{ApiError, ErrorKind};
use crate::credentials::Secret;

/// How requests reach the network.
#[derive(Clone, Debug, Default)]
pub enum ProxyMode {
    /// HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY from the environment.
    #[default]
    System,
    /// A profile's own proxy (NO_PROXY still applies).
    Explicit {
        url: String,
        user: Option<String>,
        password: Option<Secret>,
    },
    /// Never a proxy: the embedded local service on loopback.
    Direct,
}

#[derive(Clone, Debug)]
pub struct HttpOptions {
    pub connect_timeout: Duration,
    /// Idle time allowed while reading a response.
    pub read_timeout: Duration,
    pub proxy: ProxyMode,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(120),
            proxy: ProxyMode::System,
        }
    }
}

pub fn build_client(options: &HttpOptions) -> Result<reqwest::Client, ApiError> {
    let mut b = reqwest::Client::builder()
        .connect_timeout(options.connect_timeout)
        .read_timeout(options.read_timeout)
        .user_agent(concat!("vodesk/", env!("CARGO_PKG_VERSION")))
        .pool_max_idle_per_host(32);
    match &options.proxy {
        ProxyMode::System => {}
        ProxyMode::Direct => b = b.no_proxy(),
        ProxyMode::Explicit {
            url,
            user,
            password,
        } => {
            let mut proxy = reqwest::Proxy::all(url.as_str()).map_err(|_| {
                ApiError::new(
                    ErrorKind::BadParameter,
                    format!("proxy \"{url}\" is not a valid URL"),
                )
            })?;
            if let Some(user) = user {
                let password = password.as_ref().map(Secret::expose).unwrap_or_default();
                proxy = proxy.basic_auth(user, password);
            }
            b = b.proxy(proxy.no_proxy(reqwest::NoProxy::from_env()));
        }
    }
    b.build()
        .map_err(|e| ApiError::new(ErrorKind::Other, format!("cannot set up HTTP: {e}")))
}

/// Describes a failure that happened before a full reply arrived.
pub fn transport_error(e: &reqwest::Error, endpoint: &str) -> ApiError {
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "the connection broke while reading the reply"
    } else {
        "request failed"
    };
    // reqwest's Display includes the URL; pre-signed URLs must not reach logs, so show only
    // the endpoint we were given.
    let kind = if e.is_connect() || e.is_timeout() || e.is_request() || e.is_body() {
        ErrorKind::Unreachable
    } else {
        ErrorKind::Other
    };
    let mut source = std::error::Error::source(e);
    let mut cause = String::new();
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    let msg = if cause.is_empty() {
        format!("{endpoint}: {what}")
    } else {
        format!("{endpoint}: {what} ({cause})")
    };
    ApiError::new(kind, msg)
}
