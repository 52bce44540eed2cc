//! Request plumbing every API personality shares: decoded query strings, JSON bodies, request
//! ids, body limits and JSON replies. Malformed input is reported as a neutral [`BadRequest`];
//! each personality renders it in its own error format.

mod body;
pub mod fetch;
mod query;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use rand::Rng;

pub use body::Body;
pub use query::{Query, decode_pairs};

/// What is wrong with a request, before any personality gives it a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadRequest {
    /// `field` is missing or its value is wrong; `why` says how.
    Field { field: String, why: String },
    /// The body is not a JSON object.
    Json(String),
}

impl BadRequest {
    pub fn field(field: &str, why: impl std::fmt::Display) -> Self {
        BadRequest::Field {
            field: field.to_string(),
            why: why.to_string(),
        }
    }
}

/// What an operation gets to see.
pub struct Call {
    pub query: Query,
    pub body: Bytes,
}

/// Equality of secrets (signatures) in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A personality's router: every request goes to `handler` (it routes by itself), and a
/// panic becomes the personality's own "internal error" answer.
pub fn guarded<S, H, T>(
    state: S,
    handler: H,
    on_panic: fn(Box<dyn std::any::Any + Send + 'static>) -> Response,
) -> axum::Router
where
    S: Clone + Send + Sync + 'static,
    H: axum::handler::Handler<T, S>,
    T: 'static,
{
    axum::Router::new()
        .fallback(handler)
        .with_state(state)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(on_panic))
}

/// A header's value, trimmed; `None` when absent, empty or not text.
pub fn header<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// 32 hex digits, for `X-Request-Id`.
pub fn request_id() -> String {
    hex::encode(rand::rng().random::<[u8; 16]>())
}

/// 32 hex digits as a UUID (`8-4-4-4-12`), the shape Tencent's and Alibaba's request ids have.
pub fn request_uuid() -> String {
    let h = request_id();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

pub fn set_request_id(resp: &mut Response, id: &str) {
    if let Ok(v) = HeaderValue::from_str(id) {
        resp.headers_mut().insert("x-request-id", v);
    }
}

/// The whole body, or `None` when it is longer than `limit`.
pub async fn read_body(body: axum::body::Body, limit: usize) -> Option<Bytes> {
    axum::body::to_bytes(body, limit).await.ok()
}

/// 200 with a JSON body.
pub fn json(value: serde_json::Value) -> Response {
    (StatusCode::OK, axum::Json(value)).into_response()
}

pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
