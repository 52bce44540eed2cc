//! Pre-signed URLs in the OBS/AWS-V2 query form, path-style.

use crate::PresignRequest;
use crate::auth::obs_v2::{self, Flavor};
use crate::auth::sigv4::uri_encode;

/// Wire path `/{bucket}/{key}` with the key escaped like the OBS SDK (`/` kept).
pub fn wire_path(bucket: &str, key: &str) -> String {
    if key.is_empty() {
        format!("/{bucket}")
    } else {
        format!("/{bucket}/{}", uri_encode(key, true))
    }
}

/// Builds the URL for `req` at absolute expiry `expires_at` (Unix seconds).
pub fn presign_at(
    base_url: &str,
    access_key: &str,
    secret_key: &str,
    req: &PresignRequest,
    expires_at: i64,
) -> String {
    let path = wire_path(&req.bucket, &req.key);
    let resource = obs_v2::canonical_resource(&path, &req.subresources, Flavor::Aws);
    let expires = expires_at.to_string();
    let sts = obs_v2::string_to_sign(
        &req.method.to_ascii_uppercase(),
        req.content_md5.as_deref().unwrap_or(""),
        req.content_type.as_deref().unwrap_or(""),
        &expires,
        "",
        &resource,
    );
    let signature = obs_v2::sign(secret_key, &sts);
    let mut url = format!("{base_url}{path}?");
    for (name, value) in &req.subresources {
        url.push_str(&uri_encode(name, false));
        if let Some(v) = value {
            url.push('=');
            url.push_str(&uri_encode(v, false));
        }
        url.push('&');
    }
    url.push_str("AWSAccessKeyId=");
    url.push_str(&uri_encode(access_key, false));
    url.push_str("&Expires=");
    url.push_str(&expires);
    url.push_str("&Signature=");
    url.push_str(&uri_encode(&signature, false));
    url
}
