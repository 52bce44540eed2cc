//! Fault injection for tests (`vodesk serve --faults RATE`): a share of requests fail with a
//! mix of 5xx, connection resets, long delays and 429 bursts.
//!
//! * server errors: 500 or 503 (JSON `{"error_code","error_msg"}` for the VOD API, XML `<Error>`
//!   for the object endpoint); the request is not processed;
//! * connection resets: the connection is dropped without a response (the request is not
//!   processed); with [`FaultMix::reset_after`] the request *is* processed and then the answer is
//!   lost — the nastiest case for idempotency;
//! * delays: [`FaultConfig::delay`] of silence, then the real answer;
//! * stalls (`--stall PATTERN`): requests whose path contains the pattern are never answered;
//! * throttling bursts: [`FaultConfig::burst_len`] consecutive 429 `APIGW.0308` (VOD) or
//!   503 `SlowDown` (object endpoint) answers with `Retry-After: 1`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::http::request_id;

/// Which endpoint a fault layer wraps (Huawei's VOD API answers JSON errors with an HTTP status,
/// Tencent's HTTP 200 with `Response.Error`, Alibaba's its own JSON document with an HTTP
/// status, the object endpoints XML).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultTarget {
    Vod,
    TencentVod,
    AliyunVod,
    Object,
}

/// Relative weights of the fault kinds (0 disables a kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FaultMix {
    pub server_error: u32,
    pub reset: u32,
    /// Process the request, then drop the connection instead of answering.
    pub reset_after: u32,
    pub delay: u32,
    pub throttle: u32,
}

impl Default for FaultMix {
    fn default() -> Self {
        FaultMix {
            server_error: 1,
            reset: 1,
            reset_after: 0,
            delay: 1,
            throttle: 1,
        }
    }
}

#[derive(Clone, Debug)]
pub struct FaultConfig {
    /// Share of requests (0..=1) that fail.
    pub rate: f64,
    pub mix: FaultMix,
    /// Fixed seed for a reproducible fault sequence (`None`: random).
    pub seed: Option<u64>,
    /// How long a delayed request waits before it is answered.
    pub delay: Duration,
    /// Length of a 429 burst (the triggering request included).
    pub burst_len: u32,
    /// Requests whose path contains this are held unanswered while the service runs: freezes a
    /// client at one chosen request so that a test can kill it exactly there.
    pub stall: Option<String>,
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            rate: 0.0,
            mix: FaultMix::default(),
            seed: None,
            delay: Duration::from_secs(3),
            burst_len: 3,
            stall: None,
        }
    }
}

impl FaultConfig {
    /// The default mix at the given rate.
    pub fn with_rate(rate: f64) -> Self {
        FaultConfig {
            rate,
            ..Default::default()
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    ServerError,
    Reset,
    ResetAfter,
    Delay,
    Throttle,
    /// A later answer of a running 429 burst (does not start a new one).
    ThrottleBurst,
}

struct FaultState {
    config: FaultConfig,
    target: FaultTarget,
    rng: Mutex<StdRng>,
    burst_left: AtomicU32,
}

impl FaultState {
    /// `None`: let the request through untouched.
    fn draw(&self) -> Option<(Kind, bool)> {
        if self
            .burst_left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
        {
            return Some((Kind::ThrottleBurst, false));
        }
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        if rng.random::<f64>() >= self.config.rate {
            return None;
        }
        let m = self.config.mix;
        let kinds = [
            (Kind::ServerError, m.server_error),
            (Kind::Reset, m.reset),
            (Kind::ResetAfter, m.reset_after),
            (Kind::Delay, m.delay),
            (Kind::Throttle, m.throttle),
        ];
        let total: u32 = kinds.iter().map(|(_, w)| *w).sum();
        if total == 0 {
            return None;
        }
        let mut pick = rng.random_range(0..total);
        let coin = rng.random::<bool>();
        for (kind, w) in kinds {
            if pick < w {
                return Some((kind, coin));
            }
            pick -= w;
        }
        None
    }
}

/// Wraps `router` so that the configured share of requests fails.
pub fn apply(router: axum::Router, config: &FaultConfig, target: FaultTarget) -> axum::Router {
    if config.rate <= 0.0 && config.stall.is_none() {
        return router;
    }
    let rng = match config.seed {
        Some(seed) => StdRng::seed_from_u64(seed),
        None => StdRng::from_os_rng(),
    };
    let state = Arc::new(FaultState {
        config: config.clone(),
        target,
        rng: Mutex::new(rng),
        burst_left: AtomicU32::new(0),
    });
    router.layer(axum::middleware::from_fn_with_state(state, inject))
}

async fn inject(State(st): State<Arc<FaultState>>, req: Request, next: Next) -> Response {
    if let Some(stall) = &st.config.stall
        && req.uri().path().contains(stall.as_str())
    {
        tracing::debug!(uri = %req.uri(), "stalled request");
        std::future::pending::<()>().await;
    }
    let Some((kind, coin)) = st.draw() else {
        return next.run(req).await;
    };
    tracing::debug!(?kind, uri = %req.uri(), "injected fault");
    // Tencent's media URLs are files on a CDN, not API calls: their faults are plain HTTP
    // errors, never an API error envelope with status 200.
    let target = if st.target == FaultTarget::TencentVod && req.uri().path().starts_with("/media/")
    {
        FaultTarget::Object
    } else {
        st.target
    };
    match kind {
        Kind::ServerError => server_error(target, coin),
        Kind::Reset => reset(),
        Kind::ResetAfter => {
            let _ = next.run(req).await;
            reset()
        }
        Kind::Delay => {
            tokio::time::sleep(st.config.delay).await;
            next.run(req).await
        }
        Kind::ThrottleBurst => throttled(target),
        Kind::Throttle => {
            // This answer is the first of the burst; the counter covers the rest.
            let rest = st.config.burst_len.saturating_sub(1);
            let _ = st
                .burst_left
                .compare_exchange(0, rest, Ordering::SeqCst, Ordering::SeqCst);
            throttled(target)
        }
    }
}

fn with_headers(mut resp: Response, content_type: &'static str, retry_after: bool) -> Response {
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&request_id()) {
        h.insert("x-request-id", v);
    }
    if retry_after {
        h.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    resp
}

fn json_error(status: StatusCode, code: &str, msg: &str, retry_after: bool) -> Response {
    let body = serde_json::json!({"error_code": code, "error_msg": msg}).to_string();
    with_headers(
        (status, body).into_response(),
        "application/json",
        retry_after,
    )
}

fn xml_error(status: StatusCode, code: &str, msg: &str, retry_after: bool) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{msg}</Message>\
         <RequestId>{}</RequestId><HostId>local</HostId></Error>",
        request_id()
    );
    with_headers(
        (status, body).into_response(),
        "application/xml",
        retry_after,
    )
}

/// Tencent answers every API error with HTTP 200 and `{"Response":{"Error":{..},"RequestId"}}`.
fn tencent_error(code: &str, msg: &str) -> Response {
    let body = serde_json::json!({
        "Response": {"Error": {"Code": code, "Message": msg}, "RequestId": request_id()}
    });
    with_headers(
        (StatusCode::OK, body.to_string()).into_response(),
        "application/json",
        false,
    )
}

/// Alibaba's error document (§B.9), with its request id in `x-acs-request-id` as well.
fn aliyun_error(status: StatusCode, code: &str, msg: &str) -> Response {
    let id = request_id();
    let body = serde_json::json!({
        "RequestId": id, "HostId": "vod.cn-shanghai.aliyuncs.com", "Code": code, "Message": msg,
    });
    let mut resp = with_headers(
        (status, body.to_string()).into_response(),
        "application/json",
        false,
    );
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-acs-request-id", v);
    }
    resp
}

fn server_error(target: FaultTarget, unavailable: bool) -> Response {
    match (target, unavailable) {
        (FaultTarget::TencentVod, false) => {
            tencent_error("InternalError", "Internal error. Please try again later.")
        }
        // A gateway in front answers 503 itself, as any HTTP service can.
        (FaultTarget::TencentVod, true) => json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The service is temporarily unavailable.",
            true,
        ),
        (FaultTarget::AliyunVod, false) => aliyun_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "The request processing has failed due to some unknown error.",
        ),
        (FaultTarget::AliyunVod, true) => aliyun_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
        ),
        (FaultTarget::Vod, false) => json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "VOD.10051",
            "Internal system error.",
            false,
        ),
        (FaultTarget::Vod, true) => json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "APIGW.0201",
            "Request error. The service is temporarily unavailable.",
            true,
        ),
        (FaultTarget::Object, false) => xml_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "We encountered an internal error. Please try again.",
            false,
        ),
        (FaultTarget::Object, true) => xml_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "Please reduce your request rate.",
            true,
        ),
    }
}

fn throttled(target: FaultTarget) -> Response {
    match target {
        FaultTarget::TencentVod => tencent_error(
            "RequestLimitExceeded",
            "Your current request rate exceeds the limit. Please try again later.",
        ),
        FaultTarget::AliyunVod => {
            let mut r = aliyun_error(
                StatusCode::BAD_REQUEST,
                "Throttling.User",
                "Request was denied due to user flow control.",
            );
            r.headers_mut()
                .insert("x-acs-retry-after", HeaderValue::from_static("1"));
            r
        }
        FaultTarget::Vod => json_error(
            StatusCode::TOO_MANY_REQUESTS,
            "APIGW.0308",
            "The throttling threshold has been reached: policy user over ratelimit, limit:100, time:1 minute",
            true,
        ),
        FaultTarget::Object => xml_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "SlowDown",
            "Please reduce your request rate.",
            true,
        ),
    }
}

/// A response whose body fails at once: hyper aborts the connection before anything useful is
/// sent, so the client sees a reset / incomplete message.
fn reset() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected connection reset",
        ))
    });
    Response::new(Body::from_stream(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(config: FaultConfig) -> FaultState {
        FaultState {
            rng: Mutex::new(StdRng::seed_from_u64(config.seed.unwrap_or(1))),
            config,
            target: FaultTarget::Vod,
            burst_left: AtomicU32::new(0),
        }
    }

    #[test]
    fn rate_and_seed_are_honoured() {
        let cfg = FaultConfig {
            rate: 0.3,
            seed: Some(7),
            ..Default::default()
        };
        let a: Vec<_> = {
            let s = state(cfg.clone());
            (0..1000).map(|_| s.draw().map(|d| d.0)).collect()
        };
        let b: Vec<_> = {
            let s = state(cfg.clone());
            (0..1000).map(|_| s.draw().map(|d| d.0)).collect()
        };
        assert_eq!(a, b, "same seed, same sequence");
        let faults = a.iter().filter(|k| k.is_some()).count();
        assert!((200..=400).contains(&faults), "{faults}");
        for k in [Kind::ServerError, Kind::Reset, Kind::Delay] {
            assert!(a.contains(&Some(k)), "{k:?} never drawn");
        }
        assert!(!a.contains(&Some(Kind::ResetAfter)), "weight 0 never drawn");
    }

    #[test]
    fn only_the_chosen_kind() {
        let s = state(FaultConfig {
            rate: 1.0,
            seed: Some(1),
            mix: FaultMix {
                server_error: 0,
                reset: 0,
                reset_after: 0,
                delay: 1,
                throttle: 0,
            },
            ..Default::default()
        });
        for _ in 0..50 {
            assert_eq!(s.draw().map(|d| d.0), Some(Kind::Delay));
        }
    }
}
