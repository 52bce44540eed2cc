//! Alibaba's error replies (tencent-aliyun-vod-api.md §B.9) as the shared error kinds: JSON
//! `{"RequestId", "HostId", "Code", "Message", "Recommend"}` with an HTTP 4xx/5xx status;
//! throttling may say when to come back in `x-acs-retry-after`.

use serde::Deserialize;

use crate::provider::error::{ApiError, ErrorKind};

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ErrorBody {
    request_id: Option<String>,
    code: String,
    message: String,
    recommend: Option<String>,
}

pub fn kind(code: &str, retry_after_secs: Option<u64>) -> ErrorKind {
    let prefix = |p: &str| code == p || code.starts_with(&format!("{p}."));
    match code {
        "InvalidTimeStamp.Expired" | "InvalidTimeStamp.Format" => ErrorKind::ClockSkew,
        "InvalidSecurityToken.Expired" | "SecurityTokenExpired" => ErrorKind::Expired,
        "OperationDenied" | "OperationDenied.Suspended" | "Forbidden.RAM" | "Forbidden" => {
            ErrorKind::PermissionDenied
        }
        "InvalidVideo.NotFound" | "NoSuchResource" => ErrorKind::NotFound,
        "Forbidden.IllegalStatus" => ErrorKind::InvalidState,
        "ServiceUnavailable" | "ServiceUnAvailable" | "InternalError" => ErrorKind::ServerFault,
        _ if prefix("SignatureDoesNotMatch")
            || prefix("InvalidAccessKeyId")
            || prefix("IncompleteSignature")
            || prefix("InvalidSecurityToken") =>
        {
            ErrorKind::WrongCredentials
        }
        _ if prefix("Throttling") => ErrorKind::Throttled { retry_after_secs },
        _ if prefix("SignatureNonceUsed") => ErrorKind::ServerFault,
        _ if prefix("MissingParameter")
            || prefix("InvalidParameter")
            || prefix("VideoListExceededMax") =>
        {
            ErrorKind::BadParameter
        }
        _ if prefix("Forbidden") => ErrorKind::PermissionDenied,
        _ => ErrorKind::Other,
    }
}

/// The error of a failed reply: its status, body and `x-acs-retry-after` (seconds).
pub fn from_reply(status: u16, body: &[u8], retry_after_secs: Option<u64>) -> ApiError {
    let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
    let (code, mut message, request_id, recommend) = match parsed {
        Some(b) if !b.code.is_empty() => (Some(b.code), b.message, b.request_id, b.recommend),
        _ => (
            None,
            format!("the service answered HTTP {status} without an error document"),
            None,
            None,
        ),
    };
    // A refused signature carries the server's string to sign (a debugging aid on several
    // lines, with hashes): the sentence shown keeps what comes before it.
    if let Some(at) = message.find("server string to sign") {
        message.truncate(at);
        message = message.trim_end_matches([' ', '.', ':', ',']).to_string() + ".";
    }
    message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(r) = recommend.filter(|r| !r.is_empty()) {
        message = format!("{message} (see {r})");
    }
    let kind = match &code {
        Some(c) => kind(c, retry_after_secs),
        None if status == 429 => ErrorKind::Throttled { retry_after_secs },
        None if status >= 500 => ErrorKind::ServerFault,
        None => ErrorKind::Other,
    };
    let mut e = ApiError::new(kind, message);
    e.status = Some(status);
    e.code = code;
    e.request_id = request_id;
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_map_to_what_the_user_must_do() {
        for (code, want) in [
            ("SignatureDoesNotMatch", ErrorKind::WrongCredentials),
            ("InvalidAccessKeyId.NotFound", ErrorKind::WrongCredentials),
            ("InvalidAccessKeyId.Inactive", ErrorKind::WrongCredentials),
            ("InvalidTimeStamp.Expired", ErrorKind::ClockSkew),
            ("InvalidVideo.NotFound", ErrorKind::NotFound),
            ("Forbidden.RAM", ErrorKind::PermissionDenied),
            ("OperationDenied.Suspended", ErrorKind::PermissionDenied),
            ("Forbidden.IllegalStatus", ErrorKind::InvalidState),
            ("InvalidParameter.Title", ErrorKind::BadParameter),
            ("ServiceUnAvailable", ErrorKind::ServerFault),
            ("Something.New", ErrorKind::Other),
        ] {
            assert_eq!(kind(code, None), want, "{code}");
        }
        assert_eq!(
            kind("Throttling.User", Some(3)),
            ErrorKind::Throttled {
                retry_after_secs: Some(3)
            }
        );
    }

    #[test]
    fn a_refused_signature_is_said_in_one_line_without_the_string_to_sign() {
        let body = br#"{"Code":"SignatureDoesNotMatch","Message":"Specified signature does not match our calculation. server string to sign is:ACS3-HMAC-SHA256\nfe89631086d7"}"#;
        let e = from_reply(400, body, None);
        assert_eq!(
            e.message,
            "Specified signature does not match our calculation."
        );
    }

    #[test]
    fn a_reply_keeps_its_code_request_id_and_recommendation() {
        let body = br#"{"RequestId":"25818875-5F78-4A13-BEF6-D7393642CA58","HostId":"vod.cn-shanghai.aliyuncs.com","Code":"InvalidVideo.NotFound","Message":"The video does not exist.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidVideo.NotFound"}"#;
        let e = from_reply(404, body, None);
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert_eq!(e.code.as_deref(), Some("InvalidVideo.NotFound"));
        assert_eq!(
            e.request_id.as_deref(),
            Some("25818875-5F78-4A13-BEF6-D7393642CA58")
        );
        assert!(e.message.contains("does not exist") && e.message.contains("troubleshoot"));
        let gateway = from_reply(503, b"<html>busy</html>", None);
        assert_eq!((gateway.kind, gateway.code), (ErrorKind::ServerFault, None));
        assert!(matches!(
            from_reply(429, b"", Some(2)).kind,
            ErrorKind::Throttled {
                retry_after_secs: Some(2)
            }
        ));
    }
}
