//! Tencent's error codes (tencent-aliyun-vod-api.md §A.10) as the shared error kinds. Errors
//! arrive with HTTP 200 inside `Response.Error`.

use crate::provider::error::{ApiError, ErrorKind};

pub fn kind(code: &str) -> ErrorKind {
    let prefix = |p: &str| code == p || code.starts_with(&format!("{p}."));
    match code {
        "AuthFailure.SignatureExpire" => ErrorKind::ClockSkew,
        "AuthFailure.UnauthorizedOperation" | "AuthFailure.MFAFailure" => {
            ErrorKind::PermissionDenied
        }
        "InvalidParameterValue.SubAppId" => ErrorKind::WrongProject,
        "InvalidParameterValue.FileId" | "InvalidParameterValue.VodSessionKey" => {
            ErrorKind::NotFound
        }
        "FailedOperation.InvalidVodUser"
        | "FailedOperation.UserStatusInavlid"
        | "FailedOperation.NoPrivileges" => ErrorKind::PermissionDenied,
        _ if prefix("AuthFailure") => ErrorKind::WrongCredentials,
        _ if prefix("RequestLimitExceeded") => ErrorKind::Throttled {
            retry_after_secs: None,
        },
        _ if prefix("ResourceNotFound") => ErrorKind::NotFound,
        _ if prefix("UnauthorizedOperation")
            || prefix("IpInBlacklist")
            || prefix("IpNotInWhitelist") =>
        {
            ErrorKind::PermissionDenied
        }
        _ if prefix("InternalError") || prefix("ResourceUnavailable") => ErrorKind::ServerFault,
        _ if prefix("InvalidParameter")
            || prefix("InvalidParameterValue")
            || prefix("MissingParameter")
            || prefix("UnknownParameter")
            || prefix("InvalidRequest")
            || prefix("LimitExceeded") =>
        {
            ErrorKind::BadParameter
        }
        _ if prefix("FailedOperation") || prefix("UnsupportedOperation") => ErrorKind::InvalidState,
        _ => ErrorKind::Other,
    }
}

/// The error of a `Response.Error` reply.
pub fn from_reply(code: &str, message: &str, request_id: Option<String>) -> ApiError {
    let mut e = ApiError::new(kind(code), message);
    e.code = Some(code.to_string());
    e.status = Some(200);
    e.request_id = request_id;
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_map_to_what_the_user_must_do() {
        assert_eq!(
            kind("AuthFailure.SignatureFailure"),
            ErrorKind::WrongCredentials
        );
        assert_eq!(
            kind("AuthFailure.SecretIdNotFound"),
            ErrorKind::WrongCredentials
        );
        assert_eq!(kind("AuthFailure.SignatureExpire"), ErrorKind::ClockSkew);
        assert!(matches!(
            kind("RequestLimitExceeded.UinLimitExceeded"),
            ErrorKind::Throttled { .. }
        ));
        assert_eq!(kind("ResourceNotFound.FileNotExist"), ErrorKind::NotFound);
        assert_eq!(kind("InvalidParameterValue.Name"), ErrorKind::BadParameter);
        assert_eq!(
            kind("UnsupportedOperation.ClassNotEmpty"),
            ErrorKind::InvalidState
        );
        assert_eq!(kind("InternalError"), ErrorKind::ServerFault);
        assert_eq!(kind("Anything.New"), ErrorKind::Other);
    }
}
