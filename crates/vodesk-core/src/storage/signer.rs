//! The seam between the S3-family wire (`multipart.rs`, `send.rs`) and whoever may authorise a
//! storage call: a [`RequestSigner`] turns one object operation into a request ready to send.
//! Huawei authorises each call through the VOD service (a pre-signed URL per call); signers over
//! temporary credentials (COS q-sign, OSS V1) and the OBS / AWS V2 header signature of the
//! bucket browser plug in the same way.

use std::fmt;

use async_trait::async_trait;
use reqwest::Method;

use crate::provider::error::ApiError;

/// A file that rides along with an upload (its cover, a subtitle track).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    Cover,
    /// The subtitle at this index of the upload's metadata.
    Subtitle(usize),
}

/// One storage operation on the object of an upload session.
#[derive(Clone, Copy, Debug)]
pub enum ObjectOp<'a> {
    /// The whole object in one PUT.
    Put {
        content_type: &'a str,
        content_md5: Option<&'a str>,
    },
    Initiate {
        content_type: &'a str,
    },
    PutPart {
        upload_id: &'a str,
        part_number: u32,
        content_type: &'a str,
        content_md5: Option<&'a str>,
    },
    ListParts {
        upload_id: &'a str,
    },
    Complete {
        upload_id: &'a str,
    },
    Abort {
        upload_id: &'a str,
    },
    /// A cover or subtitle file of the same upload.
    PutExtra {
        extra: Extra,
        content_type: &'a str,
    },
}

impl ObjectOp<'_> {
    pub fn method(&self) -> Method {
        match self {
            ObjectOp::Put { .. } | ObjectOp::PutPart { .. } | ObjectOp::PutExtra { .. } => {
                Method::PUT
            }
            ObjectOp::Initiate { .. } | ObjectOp::Complete { .. } => Method::POST,
            ObjectOp::ListParts { .. } => Method::GET,
            ObjectOp::Abort { .. } => Method::DELETE,
        }
    }
}

/// A request ready to send: the URL may carry a signature and the headers an `Authorization`,
/// so neither is ever shown in clear ([`fmt::Debug`] redacts both).
#[derive(Clone)]
pub struct SignedRequest {
    pub method: Method,
    pub url: String,
    /// Headers to send exactly as they were signed (Content-Type, Content-MD5, x-…-*).
    pub headers: Vec<(String, String)>,
}

impl SignedRequest {
    /// A request whose URL carries everything (a pre-signed URL).
    pub fn presigned(method: Method, url: impl Into<String>) -> Self {
        SignedRequest {
            method,
            url: url.into(),
            headers: Vec::new(),
        }
    }

    /// Adds a header unless one of that name is there already.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if !self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            self.headers.push((name.to_string(), value.to_string()));
        }
        self
    }

    /// The URL as it may be logged or shown.
    pub fn redacted_url(&self) -> String {
        super::sign::redact_url(&self.url)
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let secret = n.eq_ignore_ascii_case("authorization") || n.contains("token");
                (n.as_str(), if secret { "<redacted>" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &headers)
            .finish()
    }
}

/// Authorises storage operations on one object (an upload session's target).
#[async_trait]
pub trait RequestSigner: Send + Sync {
    async fn sign(&self, op: &ObjectOp<'_>) -> Result<SignedRequest, ApiError>;

    /// The storage service refused a request this signer signed. A signer over renewable
    /// credentials (Alibaba's STS key) renews them before it signs again when `error` says
    /// they expired; the others have nothing to do.
    fn rejected(&self, error: &ApiError) {
        let _ = error;
    }
}

/// `result` of a request `signer` signed, after telling the signer of a refusal.
pub fn noted<T>(signer: &dyn RequestSigner, result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(e) = &result {
        signer.rejected(e);
    }
    result
}
