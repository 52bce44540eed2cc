//! Multipart HTTP handlers: initiate, upload part, list parts, complete, abort, list uploads.

use axum::http::{StatusCode, header};
use axum::response::Response;

use super::service::OWNER_ID;
use super::{Ctx, check_content_md5, empty, int_param, quoted, set_crc, xml_response};
use crate::auth::sigv4::uri_encode;
use crate::error::S3Error;
use crate::index::{self, UploadRow};
use crate::ingest::{ingest, read_small};
use crate::multipart::MAX_PART_NUMBER;
use crate::store::{DEFAULT_CONTENT_TYPE, blocking};
use crate::time::now_ms;
use crate::xml;

const MAX_COMPLETE_BODY: usize = 8 * 1024 * 1024;

fn upload_id(ctx: &Ctx) -> String {
    ctx.query.get("uploadId").unwrap_or("").to_string()
}

pub(super) async fn initiate(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let content_type = ctx
        .header("content-type")
        .filter(|c| !c.is_empty())
        .unwrap_or(DEFAULT_CONTENT_TYPE)
        .to_string();
    let upload = UploadRow {
        upload_id: crate::blobs::random_hex(16).to_ascii_uppercase(),
        bucket: bucket.clone(),
        key: key.clone(),
        content_type,
        meta: ctx.user_meta(),
        initiated_ms: now_ms(),
    };
    let id = upload.upload_id.clone();
    let inner = ctx.inner.clone();
    blocking(move || {
        let conn = inner.index.lock();
        if !index::bucket_exists(&conn, &upload.bucket)? {
            return Err(S3Error::no_such_bucket(&upload.bucket));
        }
        Ok(index::upload_create(&conn, &upload)?)
    })
    .await?;
    let mut x = ctx.xml("InitiateMultipartUploadResult");
    x.elem("Bucket", &bucket);
    x.elem("Key", &key);
    x.elem("UploadId", &id);
    Ok(xml_response(
        StatusCode::OK,
        x.finish("InitiateMultipartUploadResult"),
    ))
}

pub(super) async fn upload_part(
    ctx: Ctx,
    bucket: String,
    key: String,
) -> Result<Response, S3Error> {
    if ctx.headers.contains_key("x-amz-copy-source") {
        return Err(S3Error::not_implemented("UploadPartCopy"));
    }
    let id = upload_id(&ctx);
    let part_number = ctx
        .query
        .get("partNumber")
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|n| (1..=MAX_PART_NUMBER).contains(n))
        .ok_or_else(|| {
            S3Error::invalid_argument(
                "Part number must be an integer between 1 and 10000, inclusive",
            )
        })?;
    let inner = ctx.inner.clone();
    let (b, k, i) = (bucket, key, id.clone());
    blocking(move || inner.upload_for(&b, &k, &i).map(|_| ())).await?;
    let content_md5 = ctx.header("content-md5").map(str::to_string);
    let want_crc = ctx.dialect.reports_crc();
    let got = ingest(ctx.inner.blobs.fresh_path(), ctx.body, ctx.mode, want_crc).await?;
    check_content_md5(content_md5.as_deref(), &got.md5)?;
    let etag = hex::encode(got.md5);
    let crc64 = got.crc64;
    let inner = ctx.inner.clone();
    let part =
        blocking(move || inner.commit_part(&id, part_number, got.temp, got.size, etag)).await?;
    let mut r = empty(StatusCode::OK);
    if let Ok(v) = quoted(&part.etag).parse() {
        r.headers_mut().insert(header::ETAG, v);
    }
    set_crc(&mut r, crc64);
    Ok(r)
}

pub(super) async fn list_parts(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let id = upload_id(&ctx);
    let max_parts = int_param(&ctx.query, "max-parts", 1000, 1000)?;
    let marker = int_param(
        &ctx.query,
        "part-number-marker",
        0,
        MAX_PART_NUMBER as usize,
    )? as u32;
    let inner = ctx.inner.clone();
    let (b, k, i) = (bucket.clone(), key.clone(), id.clone());
    let (upload, mut parts) = blocking(move || {
        let u = inner.upload_for(&b, &k, &i)?;
        let parts = index::parts_list(&inner.index.lock(), &i, marker, max_parts + 1)?;
        Ok((u, parts))
    })
    .await?;
    let truncated = parts.len() > max_parts;
    parts.truncate(max_parts);
    let mut x = ctx.xml("ListPartsResult");
    x.elem("Bucket", &bucket);
    x.elem("Key", &key);
    x.elem("UploadId", &upload.upload_id);
    x.open("Initiator");
    x.elem("ID", OWNER_ID);
    x.elem("DisplayName", OWNER_ID);
    x.close("Initiator");
    x.open("Owner");
    x.elem("ID", OWNER_ID);
    x.elem("DisplayName", OWNER_ID);
    x.close("Owner");
    x.elem("StorageClass", "STANDARD");
    x.elem("PartNumberMarker", &marker.to_string());
    match parts.last() {
        Some(last) => x.elem("NextPartNumberMarker", &last.part_number.to_string()),
        // oss2's resumable upload lists the parts of a fresh upload and reads the marker as a
        // number, so OSS always names one.
        None if ctx.dialect == super::Dialect::Oss => x.elem("NextPartNumberMarker", "0"),
        None => {}
    }
    x.elem("MaxParts", &max_parts.to_string());
    x.elem("IsTruncated", if truncated { "true" } else { "false" });
    for p in &parts {
        x.open("Part");
        x.elem("PartNumber", &p.part_number.to_string());
        x.elem("LastModified", &ctx.dialect.time(p.modified_ms));
        x.elem("ETag", &quoted(&p.etag));
        x.elem("Size", &p.size.to_string());
        x.close("Part");
    }
    Ok(xml_response(StatusCode::OK, x.finish("ListPartsResult")))
}

pub(super) async fn complete(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let id = upload_id(&ctx);
    let dialect = ctx.dialect;
    let body = read_small(ctx.body, ctx.mode, MAX_COMPLETE_BODY).await?;
    let doc = std::str::from_utf8(&body)
        .ok()
        .and_then(xml::parse)
        .ok_or_else(S3Error::malformed_xml)?;
    if doc.name != "CompleteMultipartUpload" {
        return Err(S3Error::malformed_xml());
    }
    let mut requested = Vec::new();
    for p in doc.children_named("Part") {
        let n = p
            .child_text("PartNumber")
            .and_then(|n| n.trim().parse::<u32>().ok())
            .ok_or_else(S3Error::malformed_xml)?;
        let etag = p
            .child_text("ETag")
            .ok_or_else(S3Error::malformed_xml)?
            .to_string();
        requested.push((n, etag));
    }
    if requested.is_empty() {
        return Err(S3Error::malformed_xml());
    }
    if requested.windows(2).any(|w| w[0].0 >= w[1].0) {
        return Err(S3Error::new(
            StatusCode::BAD_REQUEST,
            "InvalidPartOrder",
            "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
        ));
    }
    let inner = ctx.inner.clone();
    let (b, k) = (bucket.clone(), key.clone());
    let want_crc = dialect.reports_crc();
    let row = blocking(move || inner.complete_upload(&b, &k, &id, &requested, want_crc)).await?;
    let location = format!(
        "{}{}",
        ctx.inner.base_url(),
        crate::presign::wire_path(&bucket, &key)
    );
    let mut x = dialect.xml("CompleteMultipartUploadResult");
    x.elem("Location", &location);
    x.elem("Bucket", &bucket);
    x.elem("Key", &key);
    x.elem("ETag", &quoted(&row.etag));
    let mut r = xml_response(StatusCode::OK, x.finish("CompleteMultipartUploadResult"));
    set_crc(&mut r, crate::multipart::stored_crc(&row.meta));
    Ok(r)
}

pub(super) async fn abort(ctx: Ctx, bucket: String, key: String) -> Result<Response, S3Error> {
    let id = upload_id(&ctx);
    let inner = ctx.inner.clone();
    blocking(move || inner.abort_upload(&bucket, &key, &id)).await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

pub(super) async fn list_uploads(ctx: Ctx, bucket: String) -> Result<Response, S3Error> {
    let q = &ctx.query;
    let prefix = q.get("prefix").unwrap_or("").to_string();
    let key_marker = q.get("key-marker").unwrap_or("").to_string();
    let id_marker = q.get("upload-id-marker").unwrap_or("").to_string();
    let max = int_param(q, "max-uploads", 1000, 1000)?;
    let url_encoding = super::bucket::url_encoding(q)?;
    let enc = |s: &str| {
        if url_encoding {
            uri_encode(s, true)
        } else {
            s.to_string()
        }
    };
    let inner = ctx.inner.clone();
    let (b, p, km, im) = (
        bucket.clone(),
        prefix.clone(),
        key_marker.clone(),
        id_marker.clone(),
    );
    let mut uploads = blocking(move || {
        let conn = inner.index.lock();
        if !index::bucket_exists(&conn, &b)? {
            return Err(S3Error::no_such_bucket(&b));
        }
        Ok(index::upload_list(&conn, &b, &p, &km, &im, max)?)
    })
    .await?;
    let truncated = uploads.len() > max;
    uploads.truncate(max);
    let mut x = ctx.xml("ListMultipartUploadsResult");
    x.elem("Bucket", &bucket);
    if url_encoding {
        x.elem("EncodingType", "url");
    }
    x.elem("KeyMarker", &enc(&key_marker));
    x.elem("UploadIdMarker", &id_marker);
    if truncated && let Some(last) = uploads.last() {
        x.elem("NextKeyMarker", &enc(&last.key));
        x.elem("NextUploadIdMarker", &last.upload_id);
    }
    x.elem("Prefix", &enc(&prefix));
    x.elem("MaxUploads", &max.to_string());
    x.elem("IsTruncated", if truncated { "true" } else { "false" });
    for u in &uploads {
        x.open("Upload");
        x.elem("Key", &enc(&u.key));
        x.elem("UploadId", &u.upload_id);
        x.open("Initiator");
        x.elem("ID", OWNER_ID);
        x.close("Initiator");
        x.open("Owner");
        x.elem("ID", OWNER_ID);
        x.close("Owner");
        x.elem("StorageClass", "STANDARD");
        x.elem("Initiated", &ctx.dialect.time(u.initiated_ms));
        x.close("Upload");
    }
    Ok(xml_response(
        StatusCode::OK,
        x.finish("ListMultipartUploadsResult"),
    ))
}
