//! Tencent's error envelope (§A.1, §A.10): every answer, error or not, is HTTP 200 with
//! `{"Response":{…,"RequestId"}}`, errors as `Response.Error{Code,Message}`. The shared layers'
//! refusals map onto the documented codes here.

use crate::http::BadRequest;
use crate::library;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcError {
    pub code: String,
    pub message: String,
}

pub type TcResult<T> = Result<T, TcError>;

impl TcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        TcError {
            code: code.to_string(),
            message: message.into(),
        }
    }

    pub fn missing(param: &str) -> Self {
        Self::new(
            "MissingParameter",
            format!("The request is missing a required parameter `{param}`."),
        )
    }

    /// `InvalidParameterValue[.suffix]` about `param`.
    pub fn invalid(suffix: Option<&str>, param: &str, why: impl std::fmt::Display) -> Self {
        let code = match suffix {
            Some(s) => format!("InvalidParameterValue.{s}"),
            None => "InvalidParameterValue".to_string(),
        };
        TcError {
            code,
            message: format!("The value of `{param}` is invalid: {why}"),
        }
    }

    pub fn no_file(file_id: &str) -> Self {
        Self::new(
            "ResourceNotFound.FileNotExist",
            format!("The media {file_id} does not exist."),
        )
    }

    pub fn unsupported(what: impl std::fmt::Display) -> Self {
        Self::new(
            "UnsupportedOperation",
            format!("{what} is not supported by the local VOD service."),
        )
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::warn!("local Tencent VOD internal error: {detail}");
        Self::new("InternalError", "Internal error.")
    }
}

impl From<BadRequest> for TcError {
    fn from(e: BadRequest) -> Self {
        match e {
            BadRequest::Field { field, why } if why == "the field is required" => {
                TcError::missing(&field)
            }
            BadRequest::Field { field, why } => TcError::invalid(None, &field, why),
            BadRequest::Json(detail) => TcError::new(
                "InvalidParameter",
                format!("The request body is not a JSON object: {detail}"),
            ),
        }
    }
}

impl From<rusqlite::Error> for TcError {
    fn from(e: rusqlite::Error) -> Self {
        library::Error::from(e).into()
    }
}

impl From<library::Error> for TcError {
    fn from(e: library::Error) -> Self {
        use library::Error::*;
        match e {
            Internal(detail) => TcError::internal(detail),
            NoAsset(id) => TcError::no_file(&id),
            Busy(task) => TcError::new(
                "FailedOperation",
                format!("The media is being processed ({task:?}); try again when it finishes."),
            ),
            NotAwaitingUpload => TcError::new(
                "FailedOperation",
                "The media is not in a state that allows this operation.",
            ),
            NotUploaded { key, .. } => TcError::new(
                "FailedOperation",
                format!(
                    "The media file was not uploaded: /{key} is not in the bucket. Upload it to \
                     MediaStoragePath with the TempCertificate, then commit."
                ),
            ),
            Md5Mismatch { got, want } => {
                TcError::invalid(None, "Md5", format!("the file's MD5 is {got}, not {want}"))
            }
            NotASnapshot => TcError::invalid(None, "CoverUrl", "not a snapshot of a media"),
            NoCategory(id) => {
                TcError::invalid(Some("ClassId"), "ClassId", format!("no class {id}"))
            }
            CategoryExists(name) => TcError::new(
                "FailedOperation.ClassNameDuplicate",
                format!("A class named {name} already exists under this parent."),
            ),
            CategoryTooDeep => TcError::new(
                "FailedOperation.ClassLevelLimitExceeded",
                "Classes nest at most 4 levels deep.",
            ),
            TooManySubcategories(max) => TcError::new(
                "FailedOperation.SubclassLimitExceeded",
                format!("A class holds at most {max} subclasses."),
            ),
            HasSubcategories => TcError::new(
                "UnsupportedOperation.ClassNotEmpty",
                "The class has subclasses; delete them first.",
            ),
            BuiltInCategory => TcError::new(
                "UnsupportedOperation",
                "Class 0 (the default class) cannot be changed.",
            ),
            NoObject { bucket, key } => TcError::new(
                "ResourceNotFound",
                format!("{bucket}/{key} does not exist."),
            ),
        }
    }
}
