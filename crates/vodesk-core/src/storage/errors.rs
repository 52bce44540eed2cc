//! Turns OBS/S3 error replies into `ApiError` (huawei-obs-api.md §3.12).

use reqwest::header::HeaderMap;

use crate::provider::error::{ApiError, ErrorKind};

use super::xml::{self, ErrorResponse};

/// The normalised kind for a provider code and/or HTTP status. The code wins when both are
/// known, because e.g. `RequestTimeTooSkewed` and `AccessDenied` share status 403.
pub fn classify(status: Option<u16>, code: Option<&str>, message: &str) -> ErrorKind {
    let throttled = ErrorKind::Throttled {
        retry_after_secs: None,
    };
    let by_code = match code.unwrap_or("") {
        "SignatureDoesNotMatch" | "InvalidAccessKeyId" | "TooManyWrongSignature" => {
            Some(ErrorKind::WrongCredentials)
        }
        "RequestTimeTooSkewed" => Some(ErrorKind::ClockSkew),
        "NoSuchKey" | "NoSuchBucket" | "NoSuchUpload" | "NoSuchVersion" => {
            Some(ErrorKind::NotFound)
        }
        "AccessDenied" if message.to_ascii_lowercase().contains("expired") => {
            Some(ErrorKind::Expired)
        }
        // OSS says `SecurityTokenExpired` when an STS key's time is up (tencent-aliyun §B.6).
        "ExpiredToken" | "TokenExpired" | "SecurityTokenExpired" => Some(ErrorKind::Expired),
        "AccessDenied"
        | "AllAccessDisabled"
        | "AccessForbidden"
        | "InArrearOrInsufficientBalance"
        | "NotSignedUp"
        | "Unauthorized"
        | "RequestPayerDenied"
        | "InsufficientStorageSpace"
        | "VirtualHostDomainRequired" => Some(ErrorKind::PermissionDenied),
        "SlowDown" | "TooManyRequests" | "ServiceUnavailable" => Some(throttled.clone()),
        "InternalError" | "ServiceNotImplemented" => Some(ErrorKind::ServerFault),
        "BadDigest"
        | "EntityTooLarge"
        | "EntityTooSmall"
        | "IncompleteBody"
        | "InvalidArgument"
        | "InvalidRequest"
        | "BadRequest"
        | "InvalidBucketName"
        | "InvalidPart"
        | "InvalidPartOrder"
        | "KeyTooLongError"
        | "MalformedXML"
        | "MetadataTooLarge"
        | "InvalidRange"
        | "MissingContentLength"
        | "InvalidDigest"
        | "InvalidLocationConstraint"
        | "BucketAlreadyExists"
        | "TooManyBuckets" => Some(ErrorKind::BadParameter),
        "InvalidObjectState"
        | "BucketNotEmpty"
        | "OperationAborted"
        | "InvalidBucketState"
        | "ObjectNotAppendable"
        | "PreconditionFailed" => Some(ErrorKind::InvalidState),
        _ => None,
    };
    if let Some(kind) = by_code {
        return kind;
    }
    match status {
        Some(429) | Some(503) => throttled,
        Some(s) if s >= 500 => ErrorKind::ServerFault,
        Some(404) => ErrorKind::NotFound,
        Some(401) | Some(403) => ErrorKind::PermissionDenied,
        Some(400) => ErrorKind::BadParameter,
        Some(409) | Some(412) => ErrorKind::InvalidState,
        _ => ErrorKind::Other,
    }
}

/// `x-obs-request-id` (OBS mode) or `x-amz-request-id` (S3 mode).
pub fn request_id_from_headers(headers: &HeaderMap) -> Option<String> {
    ["x-obs-request-id", "x-amz-request-id", "x-request-id"]
        .iter()
        .find_map(|h| headers.get(*h)?.to_str().ok())
        .map(str::to_string)
}

fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Builds the error for a parsed `<Error>` document.
pub fn error_from_document(
    status: Option<u16>,
    doc: &ErrorResponse,
    header_request_id: Option<String>,
    retry_after_secs: Option<u64>,
) -> ApiError {
    let message = doc.message.clone().unwrap_or_default();
    let mut kind = classify(status, doc.code.as_deref(), &message);
    if let ErrorKind::Throttled {
        retry_after_secs: r,
    } = &mut kind
    {
        *r = retry_after_secs;
    }
    ApiError {
        kind,
        status,
        code: doc.code.clone(),
        message,
        request_id: doc.request_id.clone().or(header_request_id),
    }
}

/// Builds the error for a non-2xx reply from its status, headers and (possibly empty) body.
/// HEAD replies and some proxies carry no body: the status decides then. A body that is not
/// an OBS `<Error>` document means we are not talking to OBS (or a proxy mangled the reply).
pub fn error_from_response(status: u16, headers: &HeaderMap, body: &[u8]) -> ApiError {
    let request_id = request_id_from_headers(headers);
    let retry = retry_after(headers);
    if let Ok(doc) = xml::parse::<ErrorResponse>(body) {
        return error_from_document(Some(status), &doc, request_id, retry);
    }
    let trimmed = String::from_utf8_lossy(body).trim().to_string();
    let mut kind = if trimmed.is_empty() || status >= 500 || status == 429 {
        classify(Some(status), None, "")
    } else {
        ErrorKind::MalformedResponse
    };
    if let ErrorKind::Throttled { retry_after_secs } = &mut kind {
        *retry_after_secs = retry;
    }
    let message = if trimmed.is_empty() {
        format!("HTTP {status} with no error details")
    } else {
        // Enough to recognise a proxy page; not enough to flood a log.
        let snippet: String = trimmed.chars().take(160).collect();
        format!("unexpected HTTP {status} reply: {snippet}")
    };
    ApiError {
        kind,
        status: Some(status),
        code: None,
        message,
        request_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, code: &str, message: &str) -> ApiError {
        let body = format!(
            "<Error><Code>{code}</Code><Message>{message}</Message><RequestId>R1</RequestId></Error>"
        );
        error_from_response(status, &HeaderMap::new(), body.as_bytes())
    }

    #[test]
    fn codes_map_to_kinds() {
        assert_eq!(
            err(403, "SignatureDoesNotMatch", "x").kind,
            ErrorKind::WrongCredentials
        );
        assert_eq!(
            err(403, "InvalidAccessKeyId", "x").kind,
            ErrorKind::WrongCredentials
        );
        assert_eq!(
            err(403, "RequestTimeTooSkewed", "x").kind,
            ErrorKind::ClockSkew
        );
        assert_eq!(err(404, "NoSuchKey", "x").kind, ErrorKind::NotFound);
        assert_eq!(err(404, "NoSuchBucket", "x").kind, ErrorKind::NotFound);
        assert_eq!(err(404, "NoSuchUpload", "x").kind, ErrorKind::NotFound);
        assert_eq!(
            err(403, "AccessDenied", "Request has expired").kind,
            ErrorKind::Expired
        );
        assert_eq!(
            err(403, "AccessDenied", "denied").kind,
            ErrorKind::PermissionDenied
        );
        assert!(matches!(
            err(503, "SlowDown", "x").kind,
            ErrorKind::Throttled { .. }
        ));
        assert_eq!(err(500, "InternalError", "x").kind, ErrorKind::ServerFault);
        assert_eq!(err(502, "Whatever", "x").kind, ErrorKind::ServerFault);
        let e = err(404, "NoSuchKey", "gone");
        assert_eq!(e.request_id.as_deref(), Some("R1"));
        assert_eq!(e.status, Some(404));
        assert_eq!(e.message, "gone");
    }

    #[test]
    fn bodyless_and_garbage_replies() {
        let mut h = HeaderMap::new();
        h.insert("x-obs-request-id", "HDR".parse().expect("header"));
        h.insert("retry-after", "7".parse().expect("header"));
        let e = error_from_response(404, &h, b"");
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert_eq!(e.request_id.as_deref(), Some("HDR"));
        let e = error_from_response(429, &h, b"");
        assert_eq!(
            e.kind,
            ErrorKind::Throttled {
                retry_after_secs: Some(7)
            }
        );
        let e = error_from_response(503, &h, b"<html>busy</html>");
        assert!(matches!(e.kind, ErrorKind::Throttled { .. }));
        let e = error_from_response(502, &h, b"<html>bad gateway</html>");
        assert_eq!(e.kind, ErrorKind::ServerFault);
        let e = error_from_response(400, &h, b"{\"error\":1}");
        assert_eq!(e.kind, ErrorKind::MalformedResponse);
        let e = error_from_response(403, &h, b"<Error><Code>SignatureDoesNotMatch</Co");
        assert_eq!(e.kind, ErrorKind::MalformedResponse);
    }
}
