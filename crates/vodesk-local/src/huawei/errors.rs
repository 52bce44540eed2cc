//! The `{"error_code","error_msg"}` error body and the documented codes (huawei-vod-api.md §15),
//! and how the shared layers' refusals map onto them.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::status;
use crate::http::BadRequest;
use crate::library;

/// One API error: HTTP status, code and message, rendered as the documented JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub msg: String,
    /// Seconds for a `Retry-After` header (throttling).
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, msg: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            msg: msg.into(),
            retry_after: None,
        }
    }

    /// 401 `APIGW.0301`: bad, missing or unknown-AK signature.
    pub fn signature() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "APIGW.0301",
            "Incorrect IAM authentication information: verify aksk signature fail",
        )
    }

    /// 401 `APIGW.0301`: `X-Sdk-Date` more than 15 minutes away from the server clock.
    pub fn signature_expired() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "APIGW.0301",
            "Incorrect IAM authentication information: calc ak sk signature fail:signature expired",
        )
    }

    /// 429 `APIGW.0308`.
    pub fn throttled(limit: u32, retry_after: u64) -> Self {
        ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "APIGW.0308",
            msg: format!(
                "The throttling threshold has been reached: policy user over ratelimit, limit:{limit}, time:1 minute"
            ),
            retry_after: Some(retry_after.max(1)),
        }
    }

    /// 404 `APIGW.0101`: no such API.
    pub fn no_api() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment",
        )
    }

    /// 400 `VOD.10053`, naming the offending field and why.
    pub fn illegal(field: &str, why: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "VOD.10053",
            format!("The request parameter is illegal, illegal field: {field}. {why}"),
        )
    }

    /// Same code, 403 (used by the APIs whose documented error status is 403).
    pub fn illegal_403(field: &str, why: impl std::fmt::Display) -> Self {
        Self {
            status: StatusCode::FORBIDDEN,
            ..Self::illegal(field, why)
        }
    }

    pub fn malformed_json(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "VOD.10053",
            format!(
                "The request parameter is illegal, the request body is not valid JSON: {detail}"
            ),
        )
    }

    pub fn tenant() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "VOD.10057",
            "Tenant ID verification failed.",
        )
    }

    pub fn unsupported_type(video_type: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "VOD.10063",
            format!("Media asset type is not supported at this time: {video_type}."),
        )
    }

    pub fn no_category(id: i64) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "VOD.10064",
            format!("Media asset classification does not exist, please check. (category_id {id})"),
        )
    }

    pub fn category_exists(name: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "VOD.10065",
            format!("Media asset classification already exists, please check. (name {name})"),
        )
    }

    pub fn category_level() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "VOD.10066",
            "The media asset classification exceeds the maximum level, please check.",
        )
    }

    /// `VOD.10062` with the given status (403 for asset-changing APIs, 400 for queries).
    pub fn no_asset(status: StatusCode, what: impl std::fmt::Display) -> Self {
        Self::new(
            status,
            "VOD.10062",
            format!("Media asset or resource does not exist, please check. ({what})"),
        )
    }

    /// 403 `VOD.10061`: the asset's state does not allow this.
    pub fn bad_state(msg: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "VOD.10061",
            format!(
                "The operation failed, and the current media asset status is not allowed to be updated: {msg}"
            ),
        )
    }

    /// 400 `VOD.10003`.
    pub fn no_key(bucket: &str, key: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "VOD.10003",
            format!("The specified key does not exist. ({bucket}/{key})"),
        )
    }

    /// 403 `VOD.10051`.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::warn!("local VOD internal error: {detail}");
        Self::new(StatusCode::FORBIDDEN, "VOD.10051", "Internal system error.")
    }

    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({"error_code": self.code, "error_msg": self.msg})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = (self.status, axum::Json(self.body())).into_response();
        if let Some(secs) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            resp.headers_mut().insert("retry-after", v);
        }
        resp
    }
}

impl From<BadRequest> for ApiError {
    fn from(e: BadRequest) -> Self {
        match e {
            BadRequest::Field { field, why } => ApiError::illegal(&field, why),
            BadRequest::Json(detail) => ApiError::malformed_json(detail),
        }
    }
}

impl From<library::Error> for ApiError {
    fn from(e: library::Error) -> Self {
        use library::Error::*;
        match e {
            Internal(detail) => ApiError::internal(detail),
            NoAsset(id) => ApiError::no_asset(StatusCode::BAD_REQUEST, format!("asset_id {id}")),
            Busy(task) => ApiError::bad_state(status::running(task)),
            NotAwaitingUpload => ApiError::bad_state(
                "the current status of the media asset does not allow upload confirmation",
            ),
            NotUploaded { bucket, key } => ApiError::new(
                StatusCode::FORBIDDEN,
                "VOD.10060",
                format!(
                    "Media asset is not uploaded successfully: the object {bucket}/{key} does not exist. \
                     Upload the file to video_upload_url (or complete the multipart upload) first."
                ),
            ),
            Md5Mismatch { got, want } => ApiError::new(
                StatusCode::BAD_REQUEST,
                "VOD.10053",
                format!(
                    "The request parameter is illegal, illegal field: video_md5. The uploaded file's \
                     MD5 is {got} but video_md5 announced {want}; upload the file again."
                ),
            ),
            NotASnapshot => ApiError::no_asset(
                StatusCode::BAD_REQUEST,
                "thumbnailUrl is not a snapshot of any asset",
            ),
            NoCategory(id) => ApiError::no_category(id),
            CategoryExists(name) => ApiError::category_exists(&name),
            CategoryTooDeep => ApiError::category_level(),
            TooManySubcategories(max) => ApiError::illegal_403(
                "parent_id",
                format!("a category holds at most {max} sub-categories"),
            ),
            HasSubcategories => {
                ApiError::illegal_403("id", "the category has sub-categories; delete them first")
            }
            BuiltInCategory => {
                ApiError::illegal_403("id", "the default category cannot be changed")
            }
            NoObject { bucket, key } => ApiError::no_key(&bucket, &key),
        }
    }
}

impl ApiError {
    /// For the APIs whose documented status for a missing asset is 403.
    pub fn missing_is_403(e: library::Error) -> Self {
        match e {
            library::Error::NoAsset(id) => {
                ApiError::no_asset(StatusCode::FORBIDDEN, format!("asset_id {id}"))
            }
            other => other.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Body;

    #[test]
    fn bodies_reject_garbage_with_10053() {
        for bad in [&b""[..], b"   ", b"[1]", b"{", b"\xff\xfe", b"null"] {
            let e = ApiError::from(Body::parse(bad).err().expect("error"));
            assert_eq!(e.code, "VOD.10053");
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
        }
        let b = Body::parse(br#"{"a":"1","b":2,"c":"x","d":[1]}"#).unwrap();
        assert_eq!(b.opt_int("a").unwrap(), Some(1));
        assert_eq!(b.opt_int("b").unwrap(), Some(2));
        assert!(b.opt_int("c").is_err());
        assert!(b.opt_str("b").is_err());
        assert!(b.str_list("d").is_err());
    }
}
