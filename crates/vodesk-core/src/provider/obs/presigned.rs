//! Calls to pre-signed URLs handed out by a VOD service (Huawei's `video_upload_url` and the
//! `sign_str` of each multipart authorization). We sign nothing: the URL carries the signature,
//! and we must send exactly the Content-Type / Content-MD5 it was signed for.

use std::path::Path;

use bytes::Bytes;
use futures_util::StreamExt;
use reqwest::{Client, Method, Response};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::http::transport_error;

/// A failed file PUT: the service's refusal, or the local file.
#[derive(Debug)]
pub enum PutError {
    Api(ApiError),
    Io(std::io::Error),
}

impl From<ApiError> for PutError {
    fn from(e: ApiError) -> Self {
        PutError::Api(e)
    }
}

/// The URL without its query, for messages: pre-signed signatures never reach logs.
pub fn redact(url: &str) -> String {
    url.split('?').next().unwrap_or_default().to_string()
}

/// Text of the first element named `tag` (namespace prefixes ignored).
pub fn xml_text(body: &[u8], tag: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut buf = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e)) => {
                inside = e.local_name().as_ref() == tag.as_bytes()
            }
            Ok(quick_xml::events::Event::Text(t)) if inside => {
                return t.decode().ok().map(|s| s.trim().to_string());
            }
            Ok(quick_xml::events::Event::End(_)) => inside = false,
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Maps an OBS/S3 XML error reply.
pub fn error_from_reply(status: u16, body: &[u8], header_request_id: Option<String>) -> ApiError {
    let code = xml_text(body, "Code");
    let message = xml_text(body, "Message").unwrap_or_else(|| {
        let t: String = String::from_utf8_lossy(body)
            .trim()
            .chars()
            .take(160)
            .collect();
        if t.is_empty() {
            format!("HTTP {status}")
        } else {
            t
        }
    });
    let lower = message.to_ascii_lowercase();
    let kind = match code.as_deref().unwrap_or("") {
        "SignatureDoesNotMatch" | "InvalidAccessKeyId" => ErrorKind::WrongCredentials,
        "RequestTimeTooSkewed" => ErrorKind::ClockSkew,
        "NoSuchKey" | "NoSuchBucket" | "NoSuchUpload" | "NoSuchVersion" => ErrorKind::NotFound,
        "AccessDenied" if lower.contains("expired") => ErrorKind::Expired,
        "AccessDenied" | "AllAccessDisabled" | "InArrearOrInsufficientBalance" => {
            ErrorKind::PermissionDenied
        }
        "SlowDown" | "TooManyRequests" => ErrorKind::Throttled {
            retry_after_secs: None,
        },
        "BadDigest" | "InvalidPart" | "InvalidPartOrder" | "EntityTooSmall" | "EntityTooLarge"
        | "InvalidArgument" | "InvalidRequest" | "MalformedXML" | "InvalidBucketName" => {
            ErrorKind::BadParameter
        }
        "InvalidObjectState" | "BucketNotEmpty" => ErrorKind::InvalidState,
        _ => match status {
            429 | 503 => ErrorKind::Throttled {
                retry_after_secs: None,
            },
            s if s >= 500 => ErrorKind::ServerFault,
            404 => ErrorKind::NotFound,
            403 => ErrorKind::PermissionDenied,
            _ => ErrorKind::Other,
        },
    };
    ApiError {
        kind,
        status: Some(status),
        code,
        message,
        request_id: xml_text(body, "RequestId").or(header_request_id),
    }
}

fn request_id(resp: &Response) -> Option<String> {
    ["x-obs-request-id", "x-amz-request-id", "x-request-id"]
        .iter()
        .find_map(|h| resp.headers().get(*h)?.to_str().ok().map(str::to_string))
}

/// Sends a request and returns the reply of a 2xx, or the mapped error.
async fn send(req: reqwest::RequestBuilder, url: &str) -> Result<(Response, Bytes), ApiError> {
    let resp = req
        .send()
        .await
        .map_err(|e| transport_error(&e, &redact(url)))?;
    let status = resp.status().as_u16();
    let id = request_id(&resp);
    if (200..300).contains(&status) {
        Ok((resp, Bytes::new()))
    } else {
        let body = resp.bytes().await.unwrap_or_default();
        Err(error_from_reply(status, &body, id))
    }
}

fn etag_of(resp: &Response) -> Result<String, ApiError> {
    resp.headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .ok_or_else(|| ApiError::new(ErrorKind::MalformedResponse, "the upload reply has no ETag"))
}

/// PUTs `len` bytes of `path` from `offset`, streamed; returns the ETag.
#[allow(clippy::too_many_arguments)]
pub async fn put_file(
    http: &Client,
    url: &str,
    content_type: &str,
    content_md5: Option<&str>,
    path: &Path,
    offset: u64,
    len: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<String, PutError> {
    let mut file = tokio::fs::File::open(path).await.map_err(PutError::Io)?;
    file.seek(std::io::SeekFrom::Start(offset))
        .await
        .map_err(PutError::Io)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let (sent_tx, mut sent_rx) = tokio::sync::watch::channel(0u64);
    let reader = tokio::spawn(async move {
        let mut remaining = len;
        let mut sent = 0u64;
        let mut take = file.take(len);
        let mut buf = vec![0u8; 1024 * 1024];
        while remaining > 0 {
            match take.read(&mut buf).await {
                Ok(0) => {
                    let _ = tx
                        .send(Err(std::io::Error::new(
                            std::io::ErrorKind::UnexpectedEof,
                            "the file got shorter while it was being uploaded",
                        )))
                        .await;
                    return;
                }
                Ok(n) => {
                    remaining -= n as u64;
                    sent += n as u64;
                    if tx
                        .send(Ok(Bytes::copy_from_slice(&buf[..n])))
                        .await
                        .is_err()
                    {
                        return;
                    }
                    let _ = sent_tx.send(sent);
                }
                Err(e) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            }
        }
    });
    let stream = tokio_stream_from(rx);
    let mut req = http
        .put(url)
        .header("Content-Type", content_type)
        .header("Content-Length", len)
        .body(reqwest::Body::wrap_stream(stream));
    if let Some(md5) = content_md5 {
        req = req.header("Content-MD5", md5);
    }
    let send_fut = send(req, url);
    tokio::pin!(send_fut);
    let result = loop {
        tokio::select! {
            r = &mut send_fut => break r,
            changed = sent_rx.changed() => {
                if changed.is_ok() {
                    progress(*sent_rx.borrow());
                }
            }
        }
    };
    let _ = reader.await;
    let (resp, _) = result?;
    progress(len);
    Ok(etag_of(&resp)?)
}

fn tokio_stream_from(
    mut rx: tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)).boxed()
}

/// PUTs an in-memory part; returns the ETag.
pub async fn put_bytes(
    http: &Client,
    url: &str,
    content_type: &str,
    content_md5: Option<&str>,
    body: Vec<u8>,
) -> Result<String, ApiError> {
    let mut req = http
        .put(url)
        .header("Content-Type", content_type)
        .body(body);
    if let Some(md5) = content_md5 {
        req = req.header("Content-MD5", md5);
    }
    let (resp, _) = send(req, url).await?;
    etag_of(&resp)
}

/// Initiates a multipart upload; returns the upload id.
pub async fn initiate(http: &Client, url: &str, content_type: &str) -> Result<String, ApiError> {
    let req = http
        .request(Method::POST, url)
        .header("Content-Type", content_type);
    let (resp, _) = send(req, url).await?;
    let body = resp
        .bytes()
        .await
        .map_err(|e| transport_error(&e, &redact(url)))?;
    xml_text(&body, "UploadId")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::MalformedResponse,
                "the multipart initiate reply has no UploadId",
            )
        })
}

/// The `CompleteMultipartUpload` document for `(part number, ETag)` pairs in ascending order.
pub fn complete_body(parts: &[(u32, String)]) -> String {
    let mut sorted = parts.to_vec();
    sorted.sort_by_key(|p| p.0);
    let mut s = String::from("<CompleteMultipartUpload>");
    for (n, etag) in sorted {
        s.push_str(&format!(
            "<Part><PartNumber>{n}</PartNumber><ETag>{etag}</ETag></Part>"
        ));
    }
    s.push_str("</CompleteMultipartUpload>");
    s
}

/// Completes a multipart upload.
pub async fn complete(http: &Client, url: &str, parts: &[(u32, String)]) -> Result<(), ApiError> {
    let req = http.request(Method::POST, url).body(complete_body(parts));
    let (resp, _) = send(req, url).await?;
    // Some S3 implementations report failures inside a 200 reply.
    let body = resp
        .bytes()
        .await
        .map_err(|e| transport_error(&e, &redact(url)))?;
    if xml_text(&body, "Code").is_some() && xml_text(&body, "ETag").is_none() {
        return Err(error_from_reply(200, &body, None));
    }
    Ok(())
}

/// One uploaded part as List Parts reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartInfo {
    pub number: u32,
    pub etag: String,
    pub size: u64,
}

/// Lists the parts of a multipart upload (one page: callers keep uploads ≤ 1000 parts).
pub async fn list_parts(http: &Client, url: &str) -> Result<Vec<PartInfo>, ApiError> {
    let (resp, _) = send(http.get(url), url).await?;
    let body = resp
        .bytes()
        .await
        .map_err(|e| transport_error(&e, &redact(url)))?;
    let text = String::from_utf8_lossy(&body);
    if !text.contains("ListPartsResult") {
        return Err(ApiError::new(
            ErrorKind::MalformedResponse,
            "the List Parts reply is not a ListPartsResult document",
        ));
    }
    let mut parts = Vec::new();
    for chunk in text.split("<Part>").skip(1) {
        let chunk = chunk.split("</Part>").next().unwrap_or_default().as_bytes();
        let number = xml_text(chunk, "PartNumber").and_then(|n| n.parse().ok());
        let etag = xml_text(chunk, "ETag");
        let size = xml_text(chunk, "Size").and_then(|n| n.parse().ok());
        match (number, etag, size) {
            (Some(number), Some(etag), Some(size)) => parts.push(PartInfo { number, etag, size }),
            _ => {
                return Err(ApiError::new(
                    ErrorKind::MalformedResponse,
                    "a part in the List Parts reply lacks its number, ETag or size",
                ));
            }
        }
    }
    Ok(parts)
}

/// Aborts a multipart upload (or deletes an object).
pub async fn delete(http: &Client, url: &str) -> Result<(), ApiError> {
    send(http.request(Method::DELETE, url), url)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_helpers() {
        let b = br#"<?xml version="1.0"?><InitiateMultipartUploadResult xmlns="http://obs.x/doc/2015-06-30/"><Bucket>b</Bucket><UploadId>0001ABC</UploadId></InitiateMultipartUploadResult>"#;
        assert_eq!(xml_text(b, "UploadId").as_deref(), Some("0001ABC"));
        let e = error_from_reply(403, b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message><RequestId>r9</RequestId></Error>", None);
        assert_eq!(e.kind, ErrorKind::Expired);
        assert_eq!(e.request_id.as_deref(), Some("r9"));
        assert_eq!(xml_text(b"garbage <<", "Code"), None);
        assert_eq!(
            complete_body(&[(2, "\"b\"".into()), (1, "\"a\"".into())]),
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"a\"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>\"b\"</ETag></Part></CompleteMultipartUpload>"
        );
        assert_eq!(
            redact("http://h/b/k?AWSAccessKeyId=x&Signature=y"),
            "http://h/b/k"
        );
    }
}
