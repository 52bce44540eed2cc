//! Sending signed requests ([`SignedRequest`]): a body out, an ETag or an XML document back.
//! The URL may carry a signature (pre-signed) and the headers an `Authorization`: the request
//! is sent exactly as signed, and only its redacted URL reaches a message or a log.
use bytes::Bytes;
use reqwest::{Client, Response};

use super::client::{PutBody, TransferError, check_status, read_xml};
use super::signer::SignedRequest;
use super::xml::{FromXml, normalize_etag};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::http::transport_error;

/// A request body produced chunk by chunk.
pub type ByteStream = futures_util::stream::BoxStream<'static, std::io::Result<Bytes>>;

/// Sends `req` with `body` (a length is always given: storage services want one).
pub async fn send(
    http: &Client,
    req: &SignedRequest,
    body: Option<(u64, reqwest::Body)>,
) -> Result<Response, ApiError> {
    let what = req.redacted_url();
    tracing::debug!(method = %req.method, url = %what, "storage request");
    let mut builder = http.request(req.method.clone(), &req.url);
    for (name, value) in &req.headers {
        builder = builder.header(name, value);
    }
    if let Some((len, body)) = body {
        builder = builder.header("Content-Length", len.to_string()).body(body);
    }
    let resp = builder
        .send()
        .await
        .map_err(|e| transport_error(&e.without_url(), &what))?;
    check_status(resp, &what).await
}

/// PUTs `len` bytes from `stream`; returns the ETag without quotes.
pub async fn put_stream(
    http: &Client,
    req: &SignedRequest,
    len: u64,
    stream: ByteStream,
) -> Result<String, ApiError> {
    let resp = send(http, req, Some((len, reqwest::Body::wrap_stream(stream)))).await?;
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
    req: &SignedRequest,
    body: PutBody,
) -> Result<String, TransferError> {
    let len = body.len();
    let stream = body.into_stream().await?;
    Ok(put_stream(http, req, len, stream).await?)
}

/// Sends `req` with `body` and parses the XML reply.
pub async fn xml<T: FromXml>(
    http: &Client,
    req: &SignedRequest,
    body: impl Into<Bytes>,
) -> Result<T, ApiError> {
    let body: Bytes = body.into();
    let with_body = (!body.is_empty() || req.method == reqwest::Method::POST)
        .then(|| (body.len() as u64, reqwest::Body::from(body)));
    let resp = send(http, req, with_body).await?;
    read_xml(resp, &req.redacted_url()).await
}
