//! What the provider clients share about talking to an API over HTTP: the HTTP client, the
//! pace of each action, the server's clock as learnt from its `Date` header (signatures carry a
//! timestamp the server checks within a tolerance), and the `Host` a request is signed with.

use std::sync::atomic::{AtomicI64, Ordering};

/// Server time minus local time, learnt from replies; changed only when it moves by more than
/// the server's tolerance, so one slow reply does not shift every later signature.
pub struct ServerClock {
    offset: AtomicI64,
    tolerance_secs: i64,
}

impl ServerClock {
    pub fn new(tolerance_secs: i64) -> Self {
        ServerClock {
            offset: AtomicI64::new(0),
            tolerance_secs,
        }
    }

    pub fn offset_secs(&self) -> i64 {
        self.offset.load(Ordering::Relaxed)
    }

    /// The server's now, as far as it is known.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + chrono::Duration::seconds(self.offset_secs())
    }

    /// Learns from a reply's `Date` header.
    pub fn learn(&self, headers: &reqwest::header::HeaderMap) {
        if let Some(server) = headers
            .get("date")
            .and_then(|v| v.to_str().ok())
            .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
        {
            let offset = server.timestamp() - chrono::Utc::now().timestamp();
            if (offset - self.offset_secs()).abs() > self.tolerance_secs {
                self.offset.store(offset, Ordering::Relaxed);
            }
        }
    }
}

/// An API endpoint must name a host.
pub fn require_host(url: &url::Url) -> Result<(), crate::provider::error::ApiError> {
    if url.host_str().is_none() {
        return Err(crate::provider::error::ApiError::new(
            crate::provider::error::ErrorKind::BadParameter,
            format!("endpoint \"{url}\" has no host"),
        ));
    }
    Ok(())
}

/// The `Host` of `url` as a request names it: the port only when it is not the default.
pub fn authority(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

/// What a provider client holds to reach its API.
pub struct ApiTransport {
    pub http: reqwest::Client,
    pub pacer: crate::provider::pacing::Pacer<&'static str>,
    pub clock: ServerClock,
}

/// A reply read whole.
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: bytes::Bytes,
}

impl ApiTransport {
    /// Sends `req` and reads the reply whole, learning the server's clock from it; a transport
    /// failure names `endpoint`.
    pub async fn exchange(
        &self,
        req: reqwest::RequestBuilder,
        endpoint: &str,
    ) -> Result<Reply, crate::provider::error::ApiError> {
        let transport = |e: reqwest::Error| crate::provider::http::transport_error(&e, endpoint);
        let resp = req.send().await.map_err(transport)?;
        let status = resp.status().as_u16();
        self.clock.learn(resp.headers());
        let headers = resp.headers().clone();
        let body = resp.bytes().await.map_err(transport)?;
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    pub fn new(
        endpoint: &url::Url,
        http: &crate::provider::http::HttpOptions,
        pacing: bool,
        clock_tolerance_secs: i64,
    ) -> Result<Self, crate::provider::error::ApiError> {
        require_host(endpoint)?;
        Ok(ApiTransport {
            http: crate::provider::http::build_client(http)?,
            pacer: crate::provider::pacing::Pacer::new(pacing),
            clock: ServerClock::new(clock_tolerance_secs),
        })
    }
}
