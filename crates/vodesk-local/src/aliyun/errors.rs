//! Alibaba's error replies (§B.9): an HTTP 4xx/5xx status with
//! `{"RequestId","HostId","Code","Message","Recommend"}`. The shared layers' refusals map onto
//! the documented codes here.

use super::auth::AuthError;
use crate::http::BadRequest;
use crate::library;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// Seconds to wait (`x-acs-retry-after`), for throttling.
    pub retry_after: Option<u64>,
}

pub type AliResult<T> = Result<T, AliError>;

impl AliError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        AliError {
            status,
            code: code.to_string(),
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn missing(param: &str) -> Self {
        Self::new(
            400,
            "MissingParameter",
            format!(
                "The input parameter \"{param}\" that is mandatory for processing this request is not supplied."
            ),
        )
    }

    pub fn invalid(param: &str, why: impl std::fmt::Display) -> Self {
        Self::new(
            400,
            "InvalidParameter",
            format!("The specified parameter \"{param}\" is not valid: {why}"),
        )
    }

    pub fn no_video(id: &str) -> Self {
        Self::new(
            404,
            "InvalidVideo.NotFound",
            format!("The video does not exist: {id}"),
        )
    }

    /// `Forbidden.IllegalStatus` for a video whose status does not allow the call.
    pub fn illegal_status(status: &str) -> Self {
        Self::new(
            400,
            "Forbidden.IllegalStatus",
            format!("Status of the video is illegal. Currently Video Status is {status}."),
        )
    }

    pub fn no_resource(what: impl std::fmt::Display) -> Self {
        Self::new(
            404,
            "NoSuchResource",
            format!("The specified resource does not exist: {what}"),
        )
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::warn!("local Alibaba VOD internal error: {detail}");
        Self::new(
            500,
            "InternalError",
            "The request processing has failed due to some unknown error.",
        )
    }
}

impl From<AuthError> for AliError {
    fn from(e: AuthError) -> Self {
        AliError::new(e.status, e.code, e.message)
    }
}

impl From<BadRequest> for AliError {
    fn from(e: BadRequest) -> Self {
        match e {
            BadRequest::Field { field, why } if why == "the field is required" => {
                AliError::missing(&field)
            }
            BadRequest::Field { field, why } => AliError::invalid(&field, why),
            BadRequest::Json(detail) => AliError::new(400, "InvalidParameter", detail),
        }
    }
}

impl From<rusqlite::Error> for AliError {
    fn from(e: rusqlite::Error) -> Self {
        library::Error::from(e).into()
    }
}

impl From<library::Error> for AliError {
    fn from(e: library::Error) -> Self {
        use library::Error::*;
        match e {
            Internal(detail) => AliError::internal(detail),
            NoAsset(id) => AliError::no_video(&id),
            Busy(task) => AliError::illegal_status(match task {
                library::lifecycle::Task::Transcoding => "Transcoding",
                _ => "Processing",
            }),
            NotAwaitingUpload | NotUploaded { .. } | Md5Mismatch { .. } | NotASnapshot => {
                AliError::illegal_status("Uploading")
            }
            NoCategory(id) => AliError::no_resource(format!("category {id}")),
            CategoryExists(name) => AliError::invalid(
                "CateName",
                format!("a category named {name} already exists under this parent"),
            ),
            CategoryTooDeep => {
                AliError::invalid("ParentId", "categories nest at most 3 levels deep")
            }
            TooManySubcategories(max) => AliError::invalid(
                "ParentId",
                format!("a category holds at most {max} subcategories"),
            ),
            HasSubcategories => AliError::invalid("CateId", "the category has subcategories"),
            BuiltInCategory => AliError::invalid("CateId", "the default category is built in"),
            NoObject { bucket, key } => AliError::no_resource(format!("{bucket}/{key}")),
        }
    }
}
