//! Calls to pre-signed URLs handed out by a VOD service (Huawei's `video_upload_url` and the
//! `sign_str` of each multipart authorization). We sign nothing: the URL carries the signature,
//! and we must send exactly the Content-Type / Content-MD5 it was signed for. The signature never
//! reaches a message or a log ([`redact_url`]).
use bytes::Bytes;
use reqwest::{Client, Response};

use super::client::{PutBody, TransferError, check_status, read_xml};
pub use super::sign::redact_url;
use super::xml::{
    self, CompleteMultipartUploadResult, FromXml, InitiateMultipartUploadResult, ListPartsResult,
    PartInfo, normalize_etag,
};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::http::transport_error;

async fn send(builder: reqwest::RequestBuilder, url: &str) -> Result<Response, ApiError> {
    let what = redact_url(url);
    tracing::debug!(url = %what, "pre-signed request");
    let resp = builder
        .send()
        .await
        .map_err(|e| transport_error(&e.without_url(), &what))?;
    check_status(resp, &what).await
}

/// A request body produced chunk by chunk.
pub type ByteStream = futures_util::stream::BoxStream<'static, std::io::Result<Bytes>>;

/// PUTs `len` bytes from `stream`; returns the ETag without quotes.
pub async fn put_stream(
    http: &Client,
    url: &str,
    content_type: Option<&str>,
    content_md5: Option<&str>,
    len: u64,
    stream: ByteStream,
) -> Result<String, ApiError> {
    let mut builder = http
        .put(url)
        .header("Content-Length", len.to_string())
        .body(reqwest::Body::wrap_stream(stream));
    if let Some(ct) = content_type {
        builder = builder.header("Content-Type", ct);
    }
    if let Some(md5) = content_md5 {
        builder = builder.header("Content-MD5", md5);
    }
    let resp = send(builder, url).await?;
    resp.headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(normalize_etag)
        .filter(|e| !e.is_empty())
        .ok_or_else(|| ApiError::new(ErrorKind::MalformedResponse, "the upload reply has no ETag"))
}

/// PUTs `body`; returns the ETag without quotes.
pub async fn put(
    http: &Client,
    url: &str,
    content_type: Option<&str>,
    content_md5: Option<&str>,
    body: PutBody,
) -> Result<String, TransferError> {
    let len = body.len();
    let stream = body.into_stream().await?;
    Ok(put_stream(http, url, content_type, content_md5, len, stream).await?)
}

/// POSTs `body` and parses the XML reply.
pub async fn post_xml<T: FromXml>(
    http: &Client,
    url: &str,
    content_type: Option<&str>,
    body: impl Into<Bytes>,
) -> Result<T, ApiError> {
    let body: Bytes = body.into();
    let mut builder = http
        .post(url)
        .header("Content-Length", body.len().to_string())
        .body(body);
    if let Some(ct) = content_type {
        builder = builder.header("Content-Type", ct);
    }
    let resp = send(builder, url).await?;
    read_xml(resp, &redact_url(url)).await
}

/// GETs an XML document (ListParts, a listing).
pub async fn get_xml<T: FromXml>(http: &Client, url: &str) -> Result<T, ApiError> {
    let resp = send(http.get(url), url).await?;
    read_xml(resp, &redact_url(url)).await
}

/// DELETE (AbortMultipartUpload, DeleteObject).
pub async fn delete(http: &Client, url: &str) -> Result<(), ApiError> {
    send(http.delete(url), url).await.map(|_| ())
}

/// Initiates a multipart upload; returns the upload id.
pub async fn initiate(http: &Client, url: &str, content_type: &str) -> Result<String, ApiError> {
    let r: InitiateMultipartUploadResult =
        post_xml(http, url, Some(content_type), Bytes::new()).await?;
    Ok(r.upload_id)
}

/// Completes a multipart upload from `(part number, ETag)` pairs.
pub async fn complete(http: &Client, url: &str, parts: &[(u32, String)]) -> Result<(), ApiError> {
    let mut sorted = parts.to_vec();
    sorted.sort_by_key(|p| p.0);
    let body = xml::complete_multipart_upload_body(&sorted);
    let _: CompleteMultipartUploadResult = post_xml(http, url, None, body).await?;
    Ok(())
}

/// The parts of a multipart upload (one page: uploads are kept at ≤ 1000 parts).
pub async fn list_parts(http: &Client, url: &str) -> Result<Vec<PartInfo>, ApiError> {
    let r: ListPartsResult = get_xml(http, url).await?;
    Ok(r.parts)
}
