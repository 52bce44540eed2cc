//! Alibaba VOD reply shapes (tencent-aliyun-vod-api.md §B.5). `CreateUploadVideo` and
//! `RefreshUploadVideo` give the upload target and its STS credential as Base64-encoded JSON;
//! both are parsed leniently (unknown keys ignored, numbers that may be strings).

use base64::Engine as _;
use serde::Deserialize;

use crate::provider::error::{ApiError, ErrorKind};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CreateUploadVideoRsp {
    pub request_id: Option<String>,
    pub video_id: String,
    pub upload_address: String,
    pub upload_auth: String,
}

/// Where the bytes go: the OSS endpoint (with its scheme), the bucket and the object key.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadAddress {
    pub endpoint: String,
    pub bucket: String,
    pub file_name: String,
    /// Where an M3U8 upload's segments go.
    pub object_prefix: Option<String>,
}

/// The STS credential of one upload. Never printed: `Debug` hides the secret and the token.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadAuth {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    /// The credential's lifetime in seconds, as a number or a string (3000 documented).
    #[serde(deserialize_with = "lenient_secs")]
    pub expiration: Option<i64>,
}

impl std::fmt::Debug for UploadAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadAuth")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &"<redacted>")
            .field("expiration", &self.expiration)
            .finish()
    }
}

/// [INF] The lifetime when the reply does not say: the documented 3000 s.
pub const DEFAULT_LIFETIME_SECS: i64 = 3000;

impl UploadAuth {
    /// The moment (Unix seconds) the credential ends, counted from `received_at`.
    pub fn expires_at(&self, received_at: i64) -> i64 {
        received_at + self.expiration.unwrap_or(DEFAULT_LIFETIME_SECS)
    }
}

fn lenient_secs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Decodes one of the Base64 JSON fields; `what` names it in the error.
pub fn decode<T: serde::de::DeserializeOwned>(what: &str, b64: &str) -> Result<T, ApiError> {
    let bad = |why: String| {
        ApiError::new(
            ErrorKind::MalformedResponse,
            format!("{what} could not be read ({why})"),
        )
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| bad(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))
}

impl UploadAddress {
    /// The bucket's own host: Alibaba's upload SDK puts the bucket before the endpoint's host.
    /// An endpoint whose host is an IP address or `localhost` is addressed path style instead
    /// (the local service), so `None`.
    pub fn bucket_host(&self) -> Option<String> {
        let url = url::Url::parse(&self.endpoint).ok()?;
        match url.host()? {
            url::Host::Domain(d) if d != "localhost" => Some(format!("{}.{d}", self.bucket)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(json: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(json)
    }

    #[test]
    fn the_upload_address_and_auth_decode_leniently() {
        let address: UploadAddress = decode(
            "UploadAddress",
            &b64(
                r#"{"Endpoint":"https://oss-cn-shanghai.aliyuncs.com","Bucket":"outin-0123","FileName":"sv/3f2a/3f2a.mp4","Extra":1}"#,
            ),
        )
        .unwrap();
        assert_eq!(address.file_name, "sv/3f2a/3f2a.mp4");
        assert_eq!(
            address.bucket_host().as_deref(),
            Some("outin-0123.oss-cn-shanghai.aliyuncs.com")
        );
        let local = UploadAddress {
            endpoint: "http://127.0.0.1:7365".into(),
            ..address.clone()
        };
        assert_eq!(local.bucket_host(), None, "path style on loopback");

        for (json, secs) in [
            (
                r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":"3600"}"#,
                3600,
            ),
            (
                r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":3000}"#,
                3000,
            ),
            (
                r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t"}"#,
                3000,
            ),
        ] {
            let auth: UploadAuth = decode("UploadAuth", &b64(json)).unwrap();
            assert_eq!(auth.expires_at(1_000), 1_000 + secs, "{json}");
            let shown = format!("{auth:?}");
            assert!(
                !shown.contains("\"s\"") && !shown.contains("\"t\""),
                "{shown}"
            );
        }
        let e = decode::<UploadAuth>("UploadAuth", "not base64!").unwrap_err();
        assert_eq!(e.kind, ErrorKind::MalformedResponse);
        assert!(e.message.starts_with("UploadAuth could not be read"));
    }
}
