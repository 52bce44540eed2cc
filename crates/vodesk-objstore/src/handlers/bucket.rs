//! Bucket-level requests: create/head/delete, location, listings, batch delete.

use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use base64::Engine;

use super::service::OWNER_ID;
use super::{Ctx, check_content_md5, empty, int_param, quoted, xml_response};
use crate::auth::sigv4::uri_encode;
use crate::error::S3Error;
use crate::index::{self, BucketDelete, ListPage};
use crate::ingest::read_small;
use crate::store::{blocking, valid_bucket_name};
use crate::time::now_ms;
use crate::xml::{self, XmlOut};

const MAX_KEYS: usize = 1000;
const MAX_XML_BODY: usize = 4 * 1024 * 1024;

/// Sub-resources we do not model; answering them with a listing would mislead clients.
const UNSUPPORTED: &[&str] = &[
    "acl",
    "policy",
    "cors",
    "lifecycle",
    "tagging",
    "website",
    "logging",
    "notification",
    "replication",
    "encryption",
    "object-lock",
    "versions",
    "requestPayment",
    "quota",
    "storageinfo",
    "storagePolicy",
    "inventory",
];

pub(super) async fn handle(ctx: Ctx, bucket: String) -> Result<Response, S3Error> {
    match ctx.method {
        Method::PUT => create(ctx, bucket).await,
        Method::HEAD => head(ctx, bucket).await,
        Method::DELETE => delete(ctx, bucket).await,
        Method::GET => {
            if ctx.query.has("location") {
                location(ctx, bucket).await
            } else if ctx.query.has("uploads") {
                super::multipart::list_uploads(ctx, bucket).await
            } else if ctx.query.has("versioning") {
                ctx.inner.require_bucket(&bucket)?;
                let x = ctx.xml("VersioningConfiguration");
                Ok(xml_response(
                    StatusCode::OK,
                    x.finish("VersioningConfiguration"),
                ))
            } else if let Some(sub) = UNSUPPORTED.iter().find(|s| ctx.query.has(s)) {
                Err(S3Error::not_implemented(sub))
            } else if ctx.query.get("list-type") == Some("2") {
                list(ctx, bucket, true).await
            } else {
                list(ctx, bucket, false).await
            }
        }
        Method::POST if ctx.query.has("delete") => delete_many(ctx, bucket).await,
        _ => Err(S3Error::method_not_allowed()),
    }
}

async fn create(ctx: Ctx, bucket: String) -> Result<Response, S3Error> {
    if !valid_bucket_name(&bucket) {
        return Err(crate::StoreError::InvalidBucketName(bucket).into());
    }
    // The body may carry a CreateBucketConfiguration; the region is fixed, so it is only drained.
    let _ = read_small(ctx.body, ctx.mode, MAX_XML_BODY).await?;
    let inner = ctx.inner.clone();
    let b = bucket.clone();
    // Re-creating an own bucket succeeds, as OBS does in the same region.
    blocking(move || Ok(index::bucket_create(&inner.index.lock(), &b, now_ms())?)).await?;
    let mut r = empty(StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(&format!("/{bucket}")) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

fn region_headers(r: &mut Response, region: &str) {
    if let Ok(v) = HeaderValue::from_str(region) {
        r.headers_mut().insert("x-amz-bucket-region", v.clone());
        r.headers_mut().insert("x-obs-bucket-location", v);
    }
}

async fn head(ctx: Ctx, bucket: String) -> Result<Response, S3Error> {
    let inner = ctx.inner.clone();
    blocking(move || inner.require_bucket(&bucket)).await?;
    let mut r = empty(StatusCode::OK);
    region_headers(&mut r, &ctx.inner.region);
    r.headers_mut()
        .insert("x-obs-version", HeaderValue::from_static("3.0"));
    Ok(r)
}

async fn delete(ctx: Ctx, bucket: String) -> Result<Response, S3Error> {
    let inner = ctx.inner.clone();
    let b = bucket.clone();
    let outcome = blocking(move || {
        let mut conn = inner.index.lock();
        let tx = conn.transaction()?;
        let outcome = index::bucket_delete(&tx, &b)?;
        tx.commit()?;
        drop(conn);
        if let BucketDelete::Deleted(blobs) = &outcome {
            for blob in blobs {
                inner.blobs.remove(blob);
            }
        }
        Ok(outcome)
    })
    .await?;
    match outcome {
        BucketDelete::Missing => Err(S3Error::no_such_bucket(&bucket)),
        BucketDelete::NotEmpty => Err(S3Error::new(
            StatusCode::CONFLICT,
            "BucketNotEmpty",
            "The bucket you tried to delete is not empty",
        )
        .with_extra("BucketName", bucket)),
        BucketDelete::Deleted(_) => Ok(empty(StatusCode::NO_CONTENT)),
    }
}

async fn location(ctx: Ctx, bucket: String) -> Result<Response, S3Error> {
    let inner = ctx.inner.clone();
    blocking(move || inner.require_bucket(&bucket)).await?;
    // The AWS shape: botocore and rclone read `LocationConstraint` as the root element.
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"{}\">{}</LocationConstraint>",
        xml::S3_NS,
        quick_xml::escape::escape(ctx.inner.region.as_str())
    );
    Ok(xml_response(StatusCode::OK, body))
}

/// `encoding-type=url`: keys in the answer are URL-encoded (the only method there is).
pub(super) fn url_encoding(q: &crate::query::Query) -> Result<bool, S3Error> {
    match q.get("encoding-type") {
        None => Ok(false),
        Some(e) if e.eq_ignore_ascii_case("url") => Ok(true),
        Some(_) => Err(S3Error::invalid_argument(
            "Invalid Encoding Method specified in Request",
        )),
    }
}

fn encode_token(marker: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(marker.as_bytes())
}

fn decode_token(token: &str) -> Result<String, S3Error> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| S3Error::invalid_argument("The continuation token provided is incorrect"))
}

async fn list(ctx: Ctx, bucket: String, v2: bool) -> Result<Response, S3Error> {
    let q = &ctx.query;
    let prefix = q.get("prefix").unwrap_or("").to_string();
    let delimiter = q
        .get("delimiter")
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    let max_keys = int_param(q, "max-keys", MAX_KEYS, MAX_KEYS)?;
    let url_encoding = url_encoding(q)?;
    let marker = if v2 {
        match q.get("continuation-token") {
            Some(t) => decode_token(t)?,
            None => q.get("start-after").unwrap_or("").to_string(),
        }
    } else {
        q.get("marker").unwrap_or("").to_string()
    };
    let inner = ctx.inner.clone();
    let (b, p, d, m) = (
        bucket.clone(),
        prefix.clone(),
        delimiter.clone(),
        marker.clone(),
    );
    let page = blocking(move || {
        let conn = inner.index.lock();
        if !index::bucket_exists(&conn, &b)? {
            return Err(S3Error::no_such_bucket(&b));
        }
        Ok(index::list_objects(
            &conn,
            &b,
            &p,
            d.as_deref(),
            &m,
            max_keys,
        )?)
    })
    .await?;

    let enc = |s: &str| {
        if url_encoding {
            uri_encode(s, true)
        } else {
            s.to_string()
        }
    };
    let mut x = ctx.xml("ListBucketResult");
    x.elem("Name", &bucket);
    x.elem("Prefix", &enc(&prefix));
    if v2 {
        if let Some(sa) = q.get("start-after") {
            x.elem("StartAfter", &enc(sa));
        }
        if let Some(t) = q.get("continuation-token") {
            x.elem("ContinuationToken", t);
        }
        if page.truncated
            && let Some(next) = &page.next_marker
        {
            x.elem("NextContinuationToken", &encode_token(next));
        }
        x.elem(
            "KeyCount",
            &(page.contents.len() + page.prefixes.len()).to_string(),
        );
    } else {
        x.elem("Marker", &enc(&marker));
        if page.truncated
            && let Some(next) = &page.next_marker
        {
            x.elem("NextMarker", &enc(next));
        }
    }
    x.elem("MaxKeys", &max_keys.to_string());
    if let Some(d) = &delimiter {
        x.elem("Delimiter", &enc(d));
    }
    x.elem("IsTruncated", if page.truncated { "true" } else { "false" });
    if url_encoding {
        x.elem("EncodingType", "url");
    }
    let with_owner = !v2 || q.get("fetch-owner") == Some("true");
    write_entries(&mut x, &page, with_owner, &enc, ctx.dialect);
    Ok(xml_response(StatusCode::OK, x.finish("ListBucketResult")))
}

fn write_entries(
    x: &mut XmlOut,
    page: &ListPage,
    with_owner: bool,
    enc: &dyn Fn(&str) -> String,
    dialect: super::Dialect,
) {
    for o in &page.contents {
        x.open("Contents");
        x.elem("Key", &enc(&o.key));
        x.elem("LastModified", &dialect.time(o.modified_ms));
        x.elem("ETag", &quoted(&o.etag));
        x.elem("Size", &o.size.to_string());
        if with_owner {
            x.open("Owner");
            x.elem("ID", OWNER_ID);
            x.elem("DisplayName", OWNER_ID);
            x.close("Owner");
        }
        x.elem("StorageClass", "STANDARD");
        x.close("Contents");
    }
    for p in &page.prefixes {
        x.open("CommonPrefixes");
        x.elem("Prefix", &enc(p));
        x.close("CommonPrefixes");
    }
}

async fn delete_many(ctx: Ctx, bucket: String) -> Result<Response, S3Error> {
    let content_md5 = ctx.header("content-md5").map(str::to_string);
    let dialect = ctx.dialect;
    let body = read_small(ctx.body, ctx.mode, MAX_XML_BODY).await?;
    if content_md5.is_some() {
        use md5::Digest;
        let mut d = [0u8; 16];
        d.copy_from_slice(&md5::Md5::digest(&body));
        check_content_md5(content_md5.as_deref(), &d)?;
    }
    let doc = std::str::from_utf8(&body)
        .ok()
        .and_then(xml::parse)
        .ok_or_else(S3Error::malformed_xml)?;
    if doc.name != "Delete" {
        return Err(S3Error::malformed_xml());
    }
    let quiet = doc
        .child_text("Quiet")
        .is_some_and(|q| q.trim().eq_ignore_ascii_case("true"));
    let keys: Vec<String> = doc
        .children_named("Object")
        .filter_map(|o| o.child_text("Key").map(str::to_string))
        .collect();
    if keys.is_empty() || keys.len() > 1000 {
        return Err(S3Error::malformed_xml());
    }
    let inner = ctx.inner.clone();
    let b = bucket.clone();
    let ks = keys.clone();
    blocking(move || {
        let mut blobs = Vec::new();
        {
            let mut conn = inner.index.lock();
            if !index::bucket_exists(&conn, &b)? {
                return Err(S3Error::no_such_bucket(&b));
            }
            let tx = conn.transaction()?;
            for k in &ks {
                if let Some(blob) = index::object_delete(&tx, &b, k)? {
                    blobs.push(blob);
                }
            }
            tx.commit()?;
        }
        for blob in blobs {
            inner.blobs.remove_content(&blob);
        }
        Ok(())
    })
    .await?;
    let mut x = dialect.xml("DeleteResult");
    if !quiet {
        for k in &keys {
            x.open("Deleted");
            x.elem("Key", k);
            x.close("Deleted");
        }
    }
    Ok(xml_response(StatusCode::OK, x.finish("DeleteResult")))
}
