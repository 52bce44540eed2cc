//! Object requests: Get/Head/Put/Delete/Copy; multipart sub-resources are routed on.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use percent_encoding::percent_decode_str;

use super::{Ctx, check_content_md5, empty, quoted, set_crc, xml_response};
use crate::content;
use crate::error::S3Error;
use crate::index::{self, ObjectRow};
use crate::ingest::ingest;
use crate::store::{DEFAULT_CONTENT_TYPE, blocking};
use crate::time::{http_date_ms, parse_any_date};

const READ_BUFFER: usize = 256 * 1024;

pub(super) async fn handle(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let q = &ctx.query;
    match ctx.method {
        Method::PUT if q.has("uploadId") || q.has("partNumber") => {
            super::multipart::upload_part(ctx, bucket, key).await
        }
        Method::PUT
            if ctx.headers.contains_key("x-amz-copy-source")
                || ctx.headers.contains_key("x-obs-copy-source") =>
        {
            copy(ctx, bucket, key).await
        }
        Method::PUT => put(ctx, bucket, key).await,
        Method::GET if q.has("uploadId") => super::multipart::list_parts(ctx, bucket, key).await,
        Method::GET | Method::HEAD => get(ctx, bucket, key).await,
        Method::DELETE if q.has("uploadId") => super::multipart::abort(ctx, bucket, key).await,
        Method::DELETE => {
            let inner = ctx.inner.clone();
            blocking(move || {
                inner.require_bucket(&bucket)?;
                Ok(inner.delete_object(&bucket, &key)?)
            })
            .await?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        Method::POST if q.has("uploads") => super::multipart::initiate(ctx, bucket, key).await,
        Method::POST if q.has("uploadId") => super::multipart::complete(ctx, bucket, key).await,
        _ => Err(S3Error::method_not_allowed()),
    }
}

async fn put(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let inner = ctx.inner.clone();
    let b = bucket.clone();
    // Fail before reading a possibly huge body into a bucket that does not exist.
    blocking(move || inner.require_bucket(&b)).await?;
    let content_md5 = ctx.header("content-md5").map(str::to_string);
    let content_type = ctx
        .header("content-type")
        .filter(|c| !c.is_empty())
        .unwrap_or(DEFAULT_CONTENT_TYPE)
        .to_string();
    let mut meta = ctx.user_meta();
    let temp_path = ctx.inner.blobs.fresh_path();
    let got = ingest(temp_path, ctx.body, ctx.mode, ctx.dialect.reports_crc()).await?;
    check_content_md5(content_md5.as_deref(), &got.md5)?;
    // Kept with the object, so that a GET reports it as a header like the user metadata.
    if let Some(crc) = got.crc64 {
        meta.push((crate::crc64::HEADER.to_string(), crc.to_string()));
    }
    let crc64 = got.crc64;
    let etag = hex::encode(got.md5);
    let inner = ctx.inner.clone();
    let row = blocking(move || {
        inner.commit_object(&bucket, &key, got.temp, got.size, etag, content_type, meta)
    })
    .await?;
    let mut r = empty(StatusCode::OK);
    set(r.headers_mut(), header::ETAG, &quoted(&row.etag));
    set_crc(&mut r, crc64);
    Ok(r)
}

fn set(h: &mut HeaderMap, name: HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(name, v);
    }
}

/// The copy source header, in either spelling.
pub(super) fn copy_source(headers: &HeaderMap) -> Option<&str> {
    ["x-amz-copy-source", "x-obs-copy-source"]
        .iter()
        .find_map(|n| headers.get(*n)?.to_str().ok())
        .map(str::trim)
}

/// `x-amz-copy-source: /bucket/key[?versionId=..]`, URL-encoded, leading slash optional.
pub(super) fn parse_copy_source(raw: &str) -> Result<(String, String), S3Error> {
    let raw = raw.split('?').next().unwrap_or("");
    let decoded = percent_decode_str(raw.trim_start_matches('/'))
        .decode_utf8()
        .map_err(|_| S3Error::invalid_argument("Invalid copy source encoding"))?;
    match decoded.split_once('/') {
        Some((b, k)) if !b.is_empty() && !k.is_empty() => Ok((b.to_string(), k.to_string())),
        _ => Err(S3Error::invalid_argument(
            "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
        )),
    }
}

async fn copy(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let source = copy_source(&ctx.headers).unwrap_or("");
    let (src_bucket, src_key) = parse_copy_source(source)?;
    let directive = ctx
        .header("x-amz-metadata-directive")
        .or_else(|| ctx.header("x-obs-metadata-directive"))
        .unwrap_or("COPY");
    let replace = directive.eq_ignore_ascii_case("REPLACE").then(|| {
        let ct = ctx
            .header("content-type")
            .filter(|c| !c.is_empty())
            .unwrap_or(DEFAULT_CONTENT_TYPE)
            .to_string();
        (ct, ctx.user_meta())
    });
    let inner = ctx.inner.clone();
    let row = blocking(move || {
        inner.require_bucket(&bucket)?;
        inner.copy_object(&src_bucket, &src_key, &bucket, &key, replace)
    })
    .await?;
    let mut x = ctx.xml("CopyObjectResult");
    x.elem("LastModified", &ctx.dialect.time(row.modified_ms));
    x.elem("ETag", &quoted(&row.etag));
    Ok(xml_response(StatusCode::OK, x.finish("CopyObjectResult")))
}

enum Range {
    Full,
    Part(u64, u64),
    Unsatisfiable,
}

/// Single byte ranges only; unusable syntax falls back to the whole object (OBS behaviour).
fn parse_range(h: Option<&str>, size: u64) -> Range {
    let Some(spec) = h.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Range::Full;
    };
    if spec.contains(',') {
        return Range::Full;
    }
    let Some((a, b)) = spec.split_once('-') else {
        return Range::Full;
    };
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() {
        let Ok(n) = b.parse::<u64>() else {
            return Range::Full;
        };
        if n == 0 || size == 0 {
            return Range::Unsatisfiable;
        }
        return Range::Part(size.saturating_sub(n), size - 1);
    }
    let Ok(start) = a.parse::<u64>() else {
        return Range::Full;
    };
    let end = if b.is_empty() {
        u64::MAX
    } else {
        match b.parse::<u64>() {
            Ok(e) if e >= start => e,
            _ => return Range::Full,
        }
    };
    if start >= size {
        return Range::Unsatisfiable;
    }
    Range::Part(start, end.min(size - 1))
}

fn etag_matches(list: &str, etag: &str) -> bool {
    list.split(',')
        .map(|t| t.trim().trim_start_matches("W/").trim_matches('"'))
        .any(|t| t == "*" || t == etag)
}

/// Evaluates If-Match / If-None-Match / If-(Un)Modified-Since; `Some(status)` short-circuits.
fn preconditions(ctx: &Ctx, row: &ObjectRow) -> Option<StatusCode> {
    let modified = row.modified_ms.div_euclid(1000);
    if let Some(m) = ctx.header("if-match") {
        if !etag_matches(m, &row.etag) {
            return Some(StatusCode::PRECONDITION_FAILED);
        }
    } else if let Some(t) = ctx.header("if-unmodified-since").and_then(parse_any_date)
        && modified > t
    {
        return Some(StatusCode::PRECONDITION_FAILED);
    }
    if let Some(m) = ctx.header("if-none-match") {
        if etag_matches(m, &row.etag) {
            return Some(StatusCode::NOT_MODIFIED);
        }
    } else if let Some(t) = ctx.header("if-modified-since").and_then(parse_any_date)
        && modified <= t
    {
        return Some(StatusCode::NOT_MODIFIED);
    }
    None
}

async fn get(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let head = ctx.method == Method::HEAD;
    // A concurrent overwrite may unlink the blobs between lookup and open: look up again.
    let mut attempt = 0;
    let (row, range, read) = loop {
        let inner = ctx.inner.clone();
        let (b, k) = (bucket.clone(), key.clone());
        let row = blocking(move || {
            let conn = inner.index.lock();
            match index::object_get(&conn, &b, &k)? {
                Some(r) => Ok(r),
                None if !index::bucket_exists(&conn, &b)? => Err(S3Error::no_such_bucket(&b)),
                None => Err(S3Error::no_such_key(&k)),
            }
        })
        .await?;
        let range = parse_range(ctx.header("range"), row.size);
        let span = match range {
            Range::Full => Some((0, row.size)),
            Range::Part(s, e) => Some((s, e - s + 1)),
            Range::Unsatisfiable => None,
        };
        let pieces = match span {
            Some((start, len)) if !head => {
                content::pieces(&ctx.inner.blobs, &row.blob, row.size, start, len)
            }
            _ => Vec::new(),
        };
        match content::open_first(&pieces).await {
            Ok(first) => break (row, range, first.map(|f| (f, pieces))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempt < 3 => attempt += 1,
            Err(e) => return Err(e.into()),
        }
    };
    if let Some(status) = preconditions(&ctx, &row) {
        if status == StatusCode::PRECONDITION_FAILED {
            return Err(S3Error::new(
                status,
                "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold",
            ));
        }
        let mut r = empty(status);
        r.headers_mut().remove(header::CONTENT_LENGTH);
        set(r.headers_mut(), header::ETAG, &quoted(&row.etag));
        return Ok(r);
    }
    let (status, start, len) = match range {
        Range::Full => (StatusCode::OK, 0, row.size),
        Range::Part(s, e) => (StatusCode::PARTIAL_CONTENT, s, e - s + 1),
        Range::Unsatisfiable => {
            return Err(S3Error::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "InvalidRange",
                "The requested range is not satisfiable",
            )
            .with_extra("ActualObjectSize", row.size.to_string()));
        }
    };
    let body = match read {
        Some((first, pieces)) => {
            Body::from_stream(content::stream_pieces(first, pieces, READ_BUFFER))
        }
        None => Body::empty(),
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    set(h, header::CONTENT_LENGTH, &len.to_string());
    let q = &ctx.query;
    set(
        h,
        header::CONTENT_TYPE,
        q.get("response-content-type").unwrap_or(&row.content_type),
    );
    set(h, header::ETAG, &quoted(&row.etag));
    set(h, header::LAST_MODIFIED, &http_date_ms(row.modified_ms));
    set(h, header::ACCEPT_RANGES, "bytes");
    if status == StatusCode::PARTIAL_CONTENT {
        set(
            h,
            header::CONTENT_RANGE,
            &format!("bytes {}-{}/{}", start, start + len - 1, row.size),
        );
    }
    for (param, name) in [
        ("response-content-disposition", header::CONTENT_DISPOSITION),
        ("response-content-encoding", header::CONTENT_ENCODING),
        ("response-content-language", header::CONTENT_LANGUAGE),
        ("response-cache-control", header::CACHE_CONTROL),
        ("response-expires", header::EXPIRES),
    ] {
        if let Some(v) = q.get(param) {
            set(h, name, v);
        }
    }
    for (name, value) in &row.meta {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            h.insert(n, v);
        }
    }
    Ok(r)
}
