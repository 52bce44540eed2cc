//! Multipart upload authorization (§6.1): `GET /v1.1/{p}/asset/authority` returns a complete
//! pre-signed URL with the OBS sub-resource; the legacy `GET /v1.0/{p}/asset/authority` returns
//! only the `AWSAccessKeyId=…&Expires=…&Signature=…` fragment.

use axum::response::Response;
use serde_json::json;
use vodesk_objstore::PresignRequest;

use crate::http::{self, Call};
use crate::huawei::errors::{ApiError, ApiResult};
use crate::huawei::{Ctx, validate};
use crate::library::URL_LIFETIME_SECS;

fn illegal(field: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::illegal_403(field, why)
}

pub fn temp_authority(ctx: &Ctx, call: &Call, full_url: bool) -> ApiResult<Response> {
    let q = &call.query;
    let verb = q
        .get("http_verb")
        .ok_or_else(|| illegal("http_verb", "the parameter is required"))?
        .to_ascii_uppercase();
    if !matches!(verb.as_str(), "POST" | "PUT" | "GET" | "DELETE") {
        return Err(illegal("http_verb", "must be POST, PUT, GET or DELETE"));
    }
    let bucket = q
        .get("bucket")
        .ok_or_else(|| illegal("bucket", "the parameter is required"))?;
    let key = q
        .get("object_key")
        .ok_or_else(|| illegal("object_key", "the parameter is required"))?;
    let content_type = q.get("content_type").map(str::to_string);
    let content_md5 = match q.get("content_md5") {
        Some(m) => Some(validate::md5_b64("content_md5", m).map_err(|_| {
            illegal(
                "content_md5",
                "must be the Base64 of the binary MD5 of the part",
            )
        })?),
        None => None,
    };
    let upload_id = q.get("upload_id").map(str::to_string);
    let part_number = q
        .int_in("part_number", 1, 10_000)
        .map_err(|_| illegal("part_number", "must be 1 to 10000"))?;

    // Only the video object of an asset that is waiting for its upload may be written.
    if !ctx.lib.is_upload_target(bucket, key)? {
        return Err(illegal(
            "bucket/object_key",
            "the object is not the upload target of a media asset in CREATING state of this project",
        ));
    }

    let mut subresources: Vec<(String, Option<String>)> = Vec::new();
    match (verb.as_str(), &upload_id) {
        ("POST", None) => subresources.push(("uploads".into(), None)),
        ("PUT", Some(id)) => {
            let n =
                part_number.ok_or_else(|| illegal("part_number", "required for a part upload"))?;
            subresources.push(("partNumber".into(), Some(n.to_string())));
            subresources.push(("uploadId".into(), Some(id.clone())));
        }
        ("PUT", None) => {}
        (_, Some(id)) => subresources.push(("uploadId".into(), Some(id.clone()))),
        (_, None) => {
            return Err(illegal("upload_id", format!("required for {verb}")));
        }
    }
    let url = ctx.lib.objects().presign_url(&PresignRequest {
        method: verb.clone(),
        bucket: bucket.to_string(),
        key: key.to_string(),
        content_type,
        content_md5,
        subresources,
        expires_in_secs: URL_LIFETIME_SECS,
    });
    let sign_str = if full_url {
        url
    } else {
        signature_fragment(&url)
    };
    Ok(http::json(json!({ "sign_str": sign_str })))
}

/// `AWSAccessKeyId=…&Expires=…&Signature=…` of a pre-signed URL, encoding kept.
fn signature_fragment(url: &str) -> String {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .filter(|p| {
            let k = p.split('=').next().unwrap_or("");
            matches!(k, "AWSAccessKeyId" | "Expires" | "Signature")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    #[test]
    fn fragment() {
        assert_eq!(
            super::signature_fragment(
                "http://h/b/k?partNumber=1&uploadId=x&AWSAccessKeyId=A&Expires=9&Signature=s%2B"
            ),
            "AWSAccessKeyId=A&Expires=9&Signature=s%2B"
        );
    }
}
