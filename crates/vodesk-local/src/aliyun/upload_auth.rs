//! `UploadAddress` and `UploadAuth` (§B.5): where the bytes go and the STS-like key to write
//! them with, each Base64 of a JSON object. The key reaches exactly one object (and that
//! object's multipart uploads) and expires after the configured lifetime; the object store
//! answers `SecurityTokenExpired` after that.

use base64::Engine as _;
use serde_json::json;
use vodesk_objstore::{Credential, Scope};

use super::Ctx;
use crate::credentials::random_string;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// The Base64 `UploadAddress` and a fresh `UploadAuth` for writing `key` in the library's bucket.
pub fn issue(ctx: &Ctx, key: &str) -> (String, String) {
    let bucket = ctx.lib.bucket();
    let lifetime = i64::try_from(ctx.sts_lifetime.as_secs()).unwrap_or(i64::MAX / 2);
    let expires_at = chrono::Utc::now().timestamp().saturating_add(lifetime);
    let credential = Credential {
        access_key: format!("STS.N{}", random_string(23, ALNUM)),
        secret_key: random_string(44, ALNUM),
        security_token: Some(format!("CAIS{}", random_string(120, ALNUM))),
        expires_at: Some(expires_at),
        scope: Some(Scope::object(bucket, key)),
    };
    ctx.lib.objects().key_ring().insert(credential.clone());
    let address = json!({
        "Endpoint": ctx.oss_endpoint,
        "Bucket": bucket,
        "FileName": key,
    });
    let expire_utc = chrono::DateTime::from_timestamp(expires_at, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let auth = json!({
        "AccessKeyId": credential.access_key,
        "AccessKeySecret": credential.secret_key,
        "SecurityToken": credential.security_token.unwrap_or_default(),
        "Expiration": lifetime.to_string(),
        "ExpireUTCTime": expire_utc,
        "Region": ctx.region,
    });
    let b64 =
        |v: serde_json::Value| base64::engine::general_purpose::STANDARD.encode(v.to_string());
    (b64(address), b64(auth))
}
