//! HTTP front: authentication, then dispatch on path shape, method and sub-resources.
//!
//! S3 routes by query parameters (`?uploads`, `?uploadId`, `?delete`, ...), and signatures need
//! the raw encoded path, so one fallback handler parses the request itself.

mod bucket;
mod multipart;
mod object;
mod service;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

use crate::auth::{self, RequestView};
use crate::blobs::random_hex;
use crate::credentials::Scope;
use crate::error::S3Error;
use crate::index::Meta;
use crate::ingest::BodyMode;
use crate::query::Query;
use crate::store::Shared;

pub(crate) fn router(inner: Shared) -> Router {
    Router::new().fallback(dispatch).with_state(inner)
}

/// Everything a handler needs about one authenticated request.
pub(crate) struct Ctx {
    pub inner: Shared,
    pub method: Method,
    pub headers: HeaderMap,
    pub query: Query,
    pub body: Body,
    pub mode: BodyMode,
}

impl Ctx {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    }

    /// `x-amz-meta-*` / `x-obs-meta-*` headers, kept verbatim to be echoed back.
    pub fn user_meta(&self) -> Meta {
        self.headers
            .iter()
            .filter(|(k, _)| {
                k.as_str().starts_with("x-amz-meta-") || k.as_str().starts_with("x-obs-meta-")
            })
            .filter_map(|(k, v)| {
                v.to_str()
                    .ok()
                    .map(|v| (k.as_str().to_string(), v.to_string()))
            })
            .collect()
    }
}

enum Target {
    Service,
    Bucket(String),
    Object(String, String),
}

const MAX_KEY_BYTES: usize = 1024;

fn parse_target(raw_path: &str) -> Result<Target, S3Error> {
    let path = raw_path.strip_prefix('/').unwrap_or(raw_path);
    if path.is_empty() {
        return Ok(Target::Service);
    }
    let invalid_uri = || {
        S3Error::new(
            StatusCode::BAD_REQUEST,
            "InvalidURI",
            "Couldn't parse the specified URI.",
        )
    };
    let (bucket_raw, key_raw) = path.split_once('/').unwrap_or((path, ""));
    let bucket = percent_decode_str(bucket_raw)
        .decode_utf8()
        .map_err(|_| invalid_uri())?
        .into_owned();
    if key_raw.is_empty() {
        return Ok(Target::Bucket(bucket));
    }
    let key = percent_decode_str(key_raw)
        .decode_utf8()
        .map_err(|_| invalid_uri())?
        .into_owned();
    if key.len() > MAX_KEY_BYTES {
        return Err(S3Error::new(
            StatusCode::BAD_REQUEST,
            "KeyTooLongError",
            "Your key is too long",
        ));
    }
    Ok(Target::Object(bucket, key))
}

async fn dispatch(State(inner): State<Shared>, req: Request) -> Response {
    let request_id = random_hex(8).to_ascii_uppercase();
    let head = req.method() == Method::HEAD;
    let path = req.uri().path().to_string();
    let mut resp = match handle(inner, req).await {
        Ok(r) => r,
        Err(mut e) => {
            if e.resource.is_none() {
                e = e.with_resource(path);
            }
            tracing::debug!(
                code = e.code,
                status = e.status.as_u16(),
                "object store request failed"
            );
            e.into_response_with(&request_id, head)
        }
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        h.insert("x-amz-request-id", v.clone());
        h.insert("x-obs-request-id", v.clone());
        h.insert("x-amz-id-2", v);
    }
    h.insert(header::SERVER, HeaderValue::from_static("OBS"));
    resp
}

async fn handle(inner: Shared, req: Request) -> Result<Response, S3Error> {
    let (parts, body) = req.into_parts();
    let query = Query::parse(parts.uri.query());
    let raw_path = parts.uri.path();
    let grant = auth::authenticate(
        &*inner.keys,
        &RequestView {
            method: parts.method.as_str(),
            raw_path,
            query: &query,
            headers: &parts.headers,
            now: crate::time::now_secs(),
        },
    )?;
    let target = parse_target(raw_path)?;
    if let Some(scope) = &grant.scope {
        check_scope(scope, &target, &parts.headers)?;
    }
    let ctx = Ctx {
        inner,
        method: parts.method,
        headers: parts.headers,
        query,
        body,
        mode: grant.mode,
    };
    match target {
        Target::Service => service::handle(ctx).await,
        Target::Bucket(b) => bucket::handle(ctx, b).await,
        Target::Object(b, k) => object::handle(ctx, b, k).await,
    }
}

/// A scoped (temporary) key reaches only its own objects: never the bucket list, bucket-level
/// requests only with a whole-bucket scope, and a copy only from a source within scope too.
fn check_scope(scope: &Scope, target: &Target, headers: &HeaderMap) -> Result<(), S3Error> {
    let inside = match target {
        Target::Service => false,
        Target::Bucket(b) => scope.allows(b, None),
        Target::Object(b, k) => {
            scope.allows(b, Some(k))
                && object::copy_source(headers)
                    .and_then(|s| object::parse_copy_source(s).ok())
                    .is_none_or(|(sb, sk)| scope.allows(&sb, Some(&sk)))
        }
    };
    if inside {
        Ok(())
    } else {
        Err(S3Error::access_denied("Access Denied"))
    }
}

pub(crate) fn xml_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

pub(crate) fn empty(status: StatusCode) -> Response {
    let mut r = status.into_response();
    if status != StatusCode::NO_CONTENT {
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
    }
    r
}

pub(crate) fn quoted(etag: &str) -> String {
    format!("\"{etag}\"")
}

/// Checks a `Content-MD5` header (Base64 of the binary digest) against `actual`.
pub(crate) fn check_content_md5(header: Option<&str>, actual: &[u8; 16]) -> Result<(), S3Error> {
    use base64::Engine;
    let Some(h) = header else { return Ok(()) };
    let expected = base64::engine::general_purpose::STANDARD
        .decode(h.trim())
        .ok()
        .filter(|d| d.len() == 16)
        .ok_or_else(|| {
            S3Error::new(
                StatusCode::BAD_REQUEST,
                "InvalidDigest",
                "The Content-MD5 you specified was invalid.",
            )
        })?;
    if expected.as_slice() != actual {
        return Err(S3Error::new(
            StatusCode::BAD_REQUEST,
            "BadDigest",
            "The Content-MD5 you specified did not match what we received.",
        ));
    }
    Ok(())
}

/// Parses an integer query parameter, S3-style errors for garbage.
pub(crate) fn int_param(
    q: &Query,
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, S3Error> {
    match q.get(name) {
        None | Some("") => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(|n| (n as usize).min(max))
            .ok_or_else(|| {
                S3Error::invalid_argument(format!(
                    "Provided {name} not an integer or within integer range"
                ))
            }),
    }
}
