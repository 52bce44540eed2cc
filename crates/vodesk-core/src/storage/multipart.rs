//! The one multipart driver of the S3 family (initiate, list parts, complete, abort), over any
//! [`RequestSigner`]: Huawei's per-call authorisation, temporary credentials signed here, or a
//! long-term key. Parts themselves are PUT by the caller ([`super::send::put_stream`]), which owns
//! their bodies, progress and retries.

use bytes::Bytes;
use reqwest::Client;

use super::send;
use super::signer::{ObjectOp, RequestSigner, noted};
use super::xml::{
    self, CompleteMultipartUploadResult, InitiateMultipartUploadResult, ListPartsResult, PartInfo,
};
use crate::provider::error::{ApiError, ErrorKind};

/// Starts a multipart upload; returns its upload id.
pub async fn initiate(
    http: &Client,
    signer: &dyn RequestSigner,
    content_type: &str,
) -> Result<String, ApiError> {
    let req = signer
        .sign(&ObjectOp::Initiate { content_type })
        .await?
        .with_header("Content-Type", content_type);
    let r: InitiateMultipartUploadResult =
        noted(signer, send::xml(http, &req, Bytes::new()).await)?;
    if r.upload_id.is_empty() {
        return Err(ApiError::new(
            ErrorKind::MalformedResponse,
            "the storage service returned no upload id",
        ));
    }
    Ok(r.upload_id)
}

/// The parts stored so far (uploads are kept within one page of parts).
pub async fn list_parts(
    http: &Client,
    signer: &dyn RequestSigner,
    upload_id: &str,
) -> Result<Vec<PartInfo>, ApiError> {
    let req = signer.sign(&ObjectOp::ListParts { upload_id }).await?;
    let r: ListPartsResult = noted(signer, send::xml(http, &req, Bytes::new()).await)?;
    Ok(r.parts)
}

/// Completes the upload from `(part number, ETag)` pairs.
pub async fn complete(
    http: &Client,
    signer: &dyn RequestSigner,
    upload_id: &str,
    parts: &[(u32, String)],
) -> Result<(), ApiError> {
    let mut sorted = parts.to_vec();
    sorted.sort_by_key(|p| p.0);
    let body = xml::complete_multipart_upload_body(&sorted);
    let req = signer.sign(&ObjectOp::Complete { upload_id }).await?;
    let _: CompleteMultipartUploadResult = noted(signer, send::xml(http, &req, body).await)?;
    Ok(())
}

/// Aborts the upload; one that is gone already counts as aborted.
pub async fn abort(
    http: &Client,
    signer: &dyn RequestSigner,
    upload_id: &str,
) -> Result<(), ApiError> {
    let req = signer.sign(&ObjectOp::Abort { upload_id }).await?;
    match noted(signer, send::send(http, &req, None).await) {
        Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
        other => other.map(|_| ()),
    }
}
