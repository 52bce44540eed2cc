//! One error type for every provider call: it keeps the HTTP status, the provider's error code
//! and message and the request id, and says in one sentence what the user should do.

use std::fmt;

/// What went wrong, normalised across providers (tencent-aliyun-vod-api.md §C, point 7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Signature rejected or unknown access key.
    WrongCredentials,
    /// Request time too far from server time.
    ClockSkew,
    /// Too many requests; retry after the given seconds when known.
    Throttled { retry_after_secs: Option<u64> },
    /// Asset, category, bucket, object or upload does not exist.
    NotFound,
    /// The resource's state does not allow the operation.
    InvalidState,
    /// A parameter was rejected.
    BadParameter,
    /// The project id does not belong to these credentials / this region.
    WrongProject,
    /// The account may not do this (permission, arrears, real-name...).
    PermissionDenied,
    /// 5xx or an internal error code: transient, retry later.
    ServerFault,
    /// The endpoint could not be reached (DNS, refused, TLS, timeout).
    Unreachable,
    /// The server answered something we could not understand.
    MalformedResponse,
    /// A pre-signed URL or temporary credential expired.
    Expired,
    /// Anything else the server refused.
    Other,
}

#[derive(Clone, Debug)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// Provider error code (`VOD.10062`, `APIGW.0301`, `NoSuchKey`, ...).
    pub code: Option<String>,
    /// Provider error message, or our description of a transport problem.
    pub message: String,
    /// `X-Request-Id` / `x-obs-request-id` / XML `RequestId`.
    pub request_id: Option<String>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ApiError {
            kind,
            status: None,
            code: None,
            message: message.into(),
            request_id: None,
        }
    }

    /// True for errors a retry may cure (throttling, server faults, transport errors, expiry).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Throttled { .. }
                | ErrorKind::ServerFault
                | ErrorKind::Unreachable
                | ErrorKind::Expired
        )
    }

    /// The advice part of the one-sentence message.
    pub fn advice(&self) -> &'static str {
        match self.kind {
            ErrorKind::WrongCredentials => {
                "signature rejected — check the access key and secret key of this profile"
            }
            ErrorKind::ClockSkew => {
                "the request time was rejected — set this computer's clock to the correct time"
            }
            ErrorKind::Throttled { .. } => "the service is throttling requests — wait and retry",
            ErrorKind::NotFound => "not found — check the id or name",
            ErrorKind::InvalidState => {
                "the current state does not allow this — wait until processing finishes, then retry"
            }
            ErrorKind::BadParameter => "a parameter was rejected — correct it and retry",
            ErrorKind::WrongProject => {
                "the project id was rejected — check the project id for this region"
            }
            ErrorKind::PermissionDenied => {
                "permission denied — check the account's permissions and status"
            }
            ErrorKind::ServerFault => "the service had an internal error — retry later",
            ErrorKind::Unreachable => {
                "the endpoint could not be reached — check the endpoint URL, network and proxy"
            }
            ErrorKind::MalformedResponse => {
                "the server's reply could not be understood — check that the endpoint is a VOD service"
            }
            ErrorKind::Expired => "an upload authorization expired — retry to get a fresh one",
            ErrorKind::Other => "the request was refused",
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.advice())?;
        let mut details = Vec::new();
        if let Some(code) = &self.code {
            details.push(code.clone());
        }
        if let Some(status) = self.status {
            details.push(format!("HTTP {status}"));
        }
        if let Some(id) = &self.request_id {
            details.push(format!("request id {id}"));
        }
        if !self.message.is_empty() {
            write!(f, " ({}", self.message)?;
            if !details.is_empty() {
                write!(f, "; {}", details.join(", "))?;
            }
            write!(f, ")")
        } else if !details.is_empty() {
            write!(f, " ({})", details.join(", "))
        } else {
            Ok(())
        }
    }
}

impl std::error::Error for ApiError {}
