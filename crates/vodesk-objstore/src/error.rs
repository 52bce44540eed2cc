//! S3/OBS error documents.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::StoreError;
use crate::handlers::Dialect;
use crate::xml::XmlOut;

/// An error answered to the client as `<Error><Code/><Message/>...</Error>`.
#[derive(Debug, Clone)]
pub(crate) struct S3Error {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub resource: Option<String>,
    /// Extra diagnostic children (e.g. `StringToSign`), as S3 does for signature errors.
    pub extra: Vec<(&'static str, String)>,
}

impl S3Error {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        S3Error {
            status,
            code,
            message: message.into(),
            resource: None,
            extra: Vec::new(),
        }
    }

    pub fn with_extra(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.extra.push((name, value.into()));
        self
    }

    pub fn with_resource(mut self, resource: impl Into<String>) -> Self {
        self.resource = Some(resource.into());
        self
    }

    pub fn access_denied(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "AccessDenied", msg)
    }

    pub fn signature_mismatch() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
        )
    }

    pub fn invalid_argument(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "InvalidArgument", msg)
    }

    pub fn invalid_request(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "InvalidRequest", msg)
    }

    pub fn malformed_xml() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our published schema.",
        )
    }

    pub fn no_such_bucket(bucket: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NoSuchBucket",
            "The specified bucket does not exist",
        )
        .with_extra("BucketName", bucket)
    }

    pub fn no_such_key(key: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NoSuchKey",
            "The specified key does not exist.",
        )
        .with_extra("Key", key)
    }

    pub fn no_such_upload(upload_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NoSuchUpload",
            "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.",
        )
        .with_extra("UploadId", upload_id)
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "The specified method is not allowed against this resource.",
        )
    }

    pub fn not_implemented(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_IMPLEMENTED,
            "NotImplemented",
            format!(
                "A header or query you provided implies functionality that is not implemented: {what}"
            ),
        )
    }

    pub fn incomplete_body() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header.",
        )
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        tracing::error!("object store internal error: {err}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "We encountered an internal error. Please try again.",
        )
    }

    /// Renders the error; HEAD responses carry no body, as on OBS. COS names its second id
    /// `TraceId` where S3 and OBS say `HostId`.
    pub fn into_response_with(self, dialect: Dialect, request_id: &str, head: bool) -> Response {
        if head {
            let mut resp = self.status.into_response();
            resp.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
            return resp;
        }
        let mut x = XmlOut::new_plain("Error");
        x.elem("Code", self.code);
        x.elem("Message", &self.message);
        if let Some(r) = &self.resource {
            x.elem("Resource", r);
        }
        for (name, value) in &self.extra {
            x.elem(name, value);
        }
        x.elem("RequestId", request_id);
        match dialect {
            Dialect::Obs | Dialect::Oss => x.elem("HostId", request_id),
            Dialect::Cos => x.elem("TraceId", request_id),
        }
        let body = x.finish("Error");
        (
            self.status,
            [(header::CONTENT_TYPE, "application/xml")],
            body,
        )
            .into_response()
    }
}

impl From<StoreError> for S3Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NoSuchBucket(b) => S3Error::no_such_bucket(&b),
            StoreError::NoSuchKey(_, k) => S3Error::no_such_key(&k),
            StoreError::InvalidBucketName(b) => S3Error::new(
                StatusCode::BAD_REQUEST,
                "InvalidBucketName",
                "The specified bucket is not valid.",
            )
            .with_extra("BucketName", b),
            other => S3Error::internal(other),
        }
    }
}

impl From<std::io::Error> for S3Error {
    fn from(e: std::io::Error) -> Self {
        S3Error::internal(e)
    }
}

impl From<rusqlite::Error> for S3Error {
    fn from(e: rusqlite::Error) -> Self {
        S3Error::internal(e)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}
