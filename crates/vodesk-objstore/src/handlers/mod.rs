//! HTTP front: addressing, authentication, then dispatch on path shape, method and
//! sub-resources.
//!
//! S3 routes by query parameters (`?uploads`, `?uploadId`, `?delete`, ...), and signatures need
//! the raw encoded path, so one fallback handler parses the request itself. The same pipeline
//! serves two dialects: OBS/S3 (path-style) and COS (virtual-host addressing from the `Host`
//! header as well, COS error documents and ids); every signature scheme is accepted on both.

mod bucket;
mod header_case;
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

/// Which cloud's conventions an endpoint follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Obs,
    Cos,
    /// Alibaba OSS on loopback: path style, documents without a namespace, `x-oss-request-id`.
    Oss,
}

impl Dialect {
    /// Whether replies carry the body's CRC-64 (`x-oss-hash-crc64ecma`), as OSS does.
    pub(crate) fn reports_crc(self) -> bool {
        self == Dialect::Oss
    }

    /// A time inside a document. oss2 parses them with a literal `.000Z`, so OSS gets whole
    /// seconds; the others keep the milliseconds.
    pub(crate) fn time(self, ms: i64) -> String {
        match self {
            Dialect::Oss => crate::time::iso8601_ms(ms.div_euclid(1000) * 1000),
            Dialect::Obs | Dialect::Cos => crate::time::iso8601_ms(ms),
        }
    }

    /// A reply document: OSS writes no namespace, OBS and COS the S3 one.
    pub(crate) fn xml(self, root: &str) -> crate::xml::XmlOut {
        match self {
            Dialect::Oss => crate::xml::XmlOut::new_plain(root),
            Dialect::Obs | Dialect::Cos => crate::xml::XmlOut::new(root),
        }
    }
}

#[derive(Clone)]
struct Endpoint {
    inner: Shared,
    dialect: Dialect,
}

pub(crate) fn router(inner: Shared, dialect: Dialect) -> Router {
    Router::new()
        .fallback(dispatch)
        .with_state(Endpoint { inner, dialect })
}

/// Everything a handler needs about one authenticated request.
pub(crate) struct Ctx {
    pub inner: Shared,
    pub dialect: Dialect,
    pub method: Method,
    pub headers: HeaderMap,
    pub query: Query,
    pub body: Body,
    pub mode: BodyMode,
}

impl Ctx {
    /// A reply document in this endpoint's convention.
    pub fn xml(&self, root: &str) -> crate::xml::XmlOut {
        self.dialect.xml(root)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    }

    /// `x-amz-meta-*` / `x-obs-meta-*` / `x-oss-meta-*` headers, kept verbatim to be echoed back.
    pub fn user_meta(&self) -> Meta {
        self.headers
            .iter()
            .filter(|(k, _)| {
                ["x-amz-meta-", "x-obs-meta-", "x-oss-meta-"]
                    .iter()
                    .any(|p| k.as_str().starts_with(p))
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

fn invalid_uri() -> S3Error {
    S3Error::new(
        StatusCode::BAD_REQUEST,
        "InvalidURI",
        "Couldn't parse the specified URI.",
    )
}

fn decode(raw: &str) -> Result<String, S3Error> {
    Ok(percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| invalid_uri())?
        .into_owned())
}

/// Path-style: `/bucket/key`.
fn parse_target(raw_path: &str) -> Result<Target, S3Error> {
    let path = raw_path.strip_prefix('/').unwrap_or(raw_path);
    if path.is_empty() {
        return Ok(Target::Service);
    }
    let (bucket_raw, key_raw) = path.split_once('/').unwrap_or((path, ""));
    let bucket = decode(bucket_raw)?;
    if key_raw.is_empty() {
        return Ok(Target::Bucket(bucket));
    }
    object_target(bucket, decode(key_raw)?)
}

/// The bucket of a COS virtual-host name, `<bucket>.cos.<region>.myqcloud.com` (or the newer
/// `….tencentcos.cn`), port ignored.
pub(crate) fn cos_host_bucket(host: &str) -> Option<&str> {
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    let (bucket, rest) = host.split_once(".cos.")?;
    let region = rest
        .strip_suffix(".myqcloud.com")
        .or_else(|| rest.strip_suffix(".tencentcos.cn"))?;
    (!bucket.is_empty() && !region.is_empty() && !region.contains('.')).then_some(bucket)
}

/// Virtual-host: the path is the key (`/` for the bucket itself).
fn parse_host_target(bucket: &str, raw_path: &str) -> Result<Target, S3Error> {
    let key_raw = raw_path.strip_prefix('/').unwrap_or(raw_path);
    if key_raw.is_empty() {
        return Ok(Target::Bucket(bucket.to_string()));
    }
    object_target(bucket.to_string(), decode(key_raw)?)
}

fn object_target(bucket: String, key: String) -> Result<Target, S3Error> {
    if key.len() > MAX_KEY_BYTES {
        return Err(S3Error::new(
            StatusCode::BAD_REQUEST,
            "KeyTooLongError",
            "Your key is too long",
        ));
    }
    Ok(Target::Object(bucket, key))
}

async fn dispatch(State(endpoint): State<Endpoint>, req: Request) -> Response {
    let request_id = random_hex(8).to_ascii_uppercase();
    let head = req.method() == Method::HEAD;
    let path = req.uri().path().to_string();
    let dialect = endpoint.dialect;
    let mut resp = match handle(endpoint, req).await {
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
            e.into_response_with(dialect, &request_id, head)
        }
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        match dialect {
            Dialect::Obs => {
                h.insert("x-amz-request-id", v.clone());
                h.insert("x-obs-request-id", v.clone());
                h.insert("x-amz-id-2", v);
            }
            Dialect::Cos => {
                h.insert("x-cos-request-id", v.clone());
                h.insert("x-cos-trace-id", v);
            }
            Dialect::Oss => {
                h.insert("x-oss-request-id", v);
            }
        }
    }
    let server = match dialect {
        Dialect::Obs => "OBS",
        Dialect::Cos => "tencent-cos",
        Dialect::Oss => "AliyunOSS",
    };
    h.insert(header::SERVER, HeaderValue::from_static(server));
    if dialect == Dialect::Cos
        && resp.headers().contains_key(header::ETAG)
        && let Some(spellings) = header_case::spellings().await
    {
        resp.extensions_mut().extend(spellings.clone());
    }
    resp
}

async fn handle(endpoint: Endpoint, req: Request) -> Result<Response, S3Error> {
    let inner = endpoint.inner;
    let (parts, body) = req.into_parts();
    let query = Query::parse(parts.uri.query());
    let raw_path = parts.uri.path();
    let host_bucket = match endpoint.dialect {
        Dialect::Cos => parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .and_then(cos_host_bucket),
        Dialect::Obs | Dialect::Oss => None,
    };
    let target = match host_bucket {
        Some(bucket) => parse_host_target(bucket, raw_path)?,
        None => parse_target(raw_path)?,
    };
    let path_bucket = match (&target, host_bucket) {
        (Target::Bucket(b) | Target::Object(b, _), None) => Some(b.as_str()),
        _ => None,
    };
    let grant = auth::authenticate(
        &*inner.keys,
        &RequestView {
            method: parts.method.as_str(),
            raw_path,
            path_bucket,
            query: &query,
            headers: &parts.headers,
            now: crate::time::now_secs(),
        },
    )?;
    if let Some(scope) = &grant.scope {
        check_scope(scope, &target, &parts.method, &query, &parts.headers)?;
    }
    let ctx = Ctx {
        inner,
        dialect: endpoint.dialect,
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
/// requests only with a whole-bucket scope (or a multipart-upload listing restricted to its own
/// keys), and a copy only from a source within scope too.
fn check_scope(
    scope: &Scope,
    target: &Target,
    method: &Method,
    query: &Query,
    headers: &HeaderMap,
) -> Result<(), S3Error> {
    let inside = match target {
        Target::Service => false,
        Target::Bucket(b) if *method == Method::GET && query.has("uploads") => {
            scope.allows_listing(b, query.get("prefix").unwrap_or(""))
        }
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

/// Adds the CRC-64 header when the body's CRC was computed (OSS).
pub(crate) fn set_crc(resp: &mut Response, crc64: Option<u64>) {
    if let Some(v) = crc64.and_then(|c| HeaderValue::from_str(&c.to_string()).ok()) {
        resp.headers_mut().insert(crate::crc64::HEADER, v);
    }
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
