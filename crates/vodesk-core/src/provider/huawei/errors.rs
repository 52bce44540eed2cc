//! Maps Huawei gateway/VOD error replies (huawei-vod-api.md §15) to [`ApiError`].

use serde_json::Value;

use crate::provider::error::{ApiError, ErrorKind};

/// Finds `{error_code,error_msg}`, `{errorCode,errorMsg}` or `{code,message}`, also one level deep,
/// as the official SDK does.
fn find_code_msg(v: &Value) -> Option<(String, String)> {
    let pairs = [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ];
    let text = |x: &Value| match x {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    for (c, m) in pairs {
        if let Some(code) = v.get(c).filter(|x| !x.is_null()) {
            return Some((text(code), v.get(m).map(text).unwrap_or_default()));
        }
    }
    v.as_object()?
        .values()
        .filter(|x| x.is_object())
        .find_map(find_code_msg)
}

pub fn kind_for(status: u16, code: &str, msg: &str, retry_after: Option<u64>) -> ErrorKind {
    let lower = msg.to_ascii_lowercase();
    let code_up = code.to_ascii_uppercase().replace("APIG.", "APIGW.");
    match code_up.as_str() {
        "APIGW.0301" | "APIGW.0303" | "VOD.10054" | "VST.10004" => {
            if lower.contains("expired") && !lower.contains("token") {
                ErrorKind::ClockSkew
            } else {
                ErrorKind::WrongCredentials
            }
        }
        "APIGW.0308" | "VOD.10127" => ErrorKind::Throttled {
            retry_after_secs: retry_after,
        },
        "VOD.10057" => ErrorKind::WrongProject,
        "VOD.10062" | "VOD.10064" | "VOD.10003" | "APIGW.0101" => ErrorKind::NotFound,
        "VOD.10060" | "VOD.10061" | "VOD.10083" | "VOD.10118" => ErrorKind::InvalidState,
        "VOD.10053" | "VOD.10081" | "VOD.10063" | "VOD.10065" | "VOD.10066" | "VOD.10058"
        | "VOD.10059" | "VOD.10101" | "VOD.10119" | "VST.10001" => ErrorKind::BadParameter,
        "VOD.10055" | "VOD.10056" | "VOD.10120" => ErrorKind::PermissionDenied,
        "VOD.10051" | "VOD.10052" | "VST.10002" => ErrorKind::ServerFault,
        _ => match status {
            429 => ErrorKind::Throttled {
                retry_after_secs: retry_after,
            },
            401 => ErrorKind::WrongCredentials,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            400 | 409 | 422 => ErrorKind::BadParameter,
            s if s >= 500 => ErrorKind::ServerFault,
            _ => ErrorKind::Other,
        },
    }
}

/// Builds the error for a non-success reply.
pub fn from_reply(
    status: u16,
    body: &[u8],
    request_id: Option<String>,
    retry_after: Option<u64>,
) -> ApiError {
    let parsed = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| find_code_msg(&v));
    let (code, message) = match parsed {
        Some((c, m)) => (Some(c), m),
        None => {
            let text = String::from_utf8_lossy(body);
            let mut t: String = text.trim().chars().take(200).collect();
            if t.is_empty() {
                t = format!("HTTP {status} with an empty body");
            }
            (None, t)
        }
    };
    ApiError {
        kind: kind_for(status, code.as_deref().unwrap_or(""), &message, retry_after),
        status: Some(status),
        code,
        message,
        request_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_documented_codes() {
        let e = from_reply(
            401,
            br#"{"error_code":"APIGW.0301","error_msg":"verify aksk signature fail"}"#,
            Some("r1".into()),
            None,
        );
        assert_eq!(e.kind, ErrorKind::WrongCredentials);
        assert_eq!(e.request_id.as_deref(), Some("r1"));
        let e = from_reply(401, br#"{"error_code":"APIGW.0301","error_msg":"calc ak sk signature fail:signature expired"}"#, None, None);
        assert_eq!(e.kind, ErrorKind::ClockSkew);
        let e = from_reply(
            400,
            br#"{"error":{"code":"VOD.10062","message":"no asset"}}"#,
            None,
            None,
        );
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert_eq!(e.code.as_deref(), Some("VOD.10062"));
        let e = from_reply(429, br#"{"error_code":"APIGW.0308"}"#, None, Some(3));
        assert_eq!(
            e.kind,
            ErrorKind::Throttled {
                retry_after_secs: Some(3)
            }
        );
        let e = from_reply(502, b"<html>bad gateway</html>", None, None);
        assert_eq!(e.kind, ErrorKind::ServerFault);
        assert!(e.to_string().contains("HTTP 502"));
    }
}
