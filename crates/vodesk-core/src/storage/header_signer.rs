//! Signing with a key pair held here: the OBS and AWS V2 header signature (one HMAC-SHA1
//! family, huawei-obs-api.md §2.1), for the bucket browser's long-term key and for temporary
//! credentials an upload session hands out. COS q-sign and OSS V1 plug in beside it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::Method;

use super::addressing::Endpoint;
use super::sign::{self, Credentials, SignatureFlavor};
use super::signer::{Extra, ObjectOp, RequestSigner, SignedRequest};
use crate::provider::error::{ApiError, ErrorKind};

/// One call to sign: what goes into the URL and the signed headers.
pub struct Call<'a> {
    pub method: Method,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    /// Decoded query parameters; sub-resources among them are signed.
    pub query: Vec<(String, Option<String>)>,
    /// Headers to send (Content-Type, Content-MD5, x-…-*); `Date` and the token are added.
    pub headers: Vec<(String, String)>,
}

/// Signs `call` at time `now`: the URL with its query, and the headers with `Authorization`.
pub fn sign_call(
    endpoint: &Endpoint,
    creds: &Credentials,
    flavor: SignatureFlavor,
    now: DateTime<Utc>,
    call: Call<'_>,
) -> Result<SignedRequest, ApiError> {
    let loc = endpoint.locate(call.bucket, call.key)?;
    let mut headers = call.headers;
    headers.push(("Date".to_string(), sign::http_date(now)));
    if let Some(token) = &creds.security_token {
        headers.push((flavor.security_token_name().to_string(), token.clone()));
    }
    let query_refs: Vec<(&str, Option<&str>)> = call
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_deref()))
        .collect();
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let resource = sign::canonical_resource(&loc.resource_path, &query_refs, flavor);
    let sts = sign::string_to_sign(flavor, call.method.as_str(), &header_refs, &resource, None);
    let signature = sign::signature(&creds.secret_key, &sts);
    let mut url = loc.url;
    for (i, (name, value)) in call.query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&sign::encode_query_component(name));
        if let Some(v) = value {
            url.push('=');
            url.push_str(&sign::encode_query_component(v));
        }
    }
    headers.push((
        "Authorization".to_string(),
        sign::authorization(flavor, &creds.access_key, &signature),
    ));
    Ok(SignedRequest {
        method: call.method,
        url,
        headers,
    })
}

/// The S3 query of an object operation (`?uploads`, `?partNumber=…&uploadId=…`).
pub fn op_query(op: &ObjectOp<'_>) -> Vec<(String, Option<String>)> {
    let id = |u: &str| ("uploadId".to_string(), Some(u.to_string()));
    match *op {
        ObjectOp::Put { .. } | ObjectOp::PutExtra { .. } => Vec::new(),
        ObjectOp::Initiate { .. } => vec![("uploads".to_string(), None)],
        ObjectOp::PutPart {
            upload_id,
            part_number,
            ..
        } => vec![
            ("partNumber".to_string(), Some(part_number.to_string())),
            id(upload_id),
        ],
        ObjectOp::ListParts { upload_id }
        | ObjectOp::Complete { upload_id }
        | ObjectOp::Abort { upload_id } => vec![id(upload_id)],
    }
}

/// The headers an object operation is signed with.
pub fn op_headers(op: &ObjectOp<'_>) -> Vec<(String, String)> {
    let mut h = Vec::new();
    match *op {
        ObjectOp::Put {
            content_type,
            content_md5,
        }
        | ObjectOp::PutPart {
            content_type,
            content_md5,
            ..
        } => {
            h.push(("Content-Type".to_string(), content_type.to_string()));
            if let Some(md5) = content_md5 {
                h.push(("Content-MD5".to_string(), md5.to_string()));
            }
        }
        ObjectOp::Initiate { content_type } | ObjectOp::PutExtra { content_type, .. } => {
            h.push(("Content-Type".to_string(), content_type.to_string()));
        }
        ObjectOp::ListParts { .. } | ObjectOp::Complete { .. } | ObjectOp::Abort { .. } => {}
    }
    h
}

/// The object `op` acts on: the session's own key, or for an extra file the key the session
/// set aside for it.
pub fn op_key<'a>(
    op: &ObjectOp<'_>,
    key: &'a str,
    extras: &'a [(Extra, String)],
) -> Result<&'a str, ApiError> {
    match op {
        ObjectOp::PutExtra { extra, .. } => extras
            .iter()
            .find(|(e, _)| e == extra)
            .map(|(_, k)| k.as_str())
            .ok_or_else(|| {
                ApiError::new(
                    ErrorKind::BadParameter,
                    format!("this upload session has no place for {extra:?}"),
                )
            }),
        _ => Ok(key),
    }
}

/// Signs the operations on one object (and its extras' objects) with a key pair.
#[derive(Clone)]
pub struct KeySigner {
    pub endpoint: Endpoint,
    pub credentials: Credentials,
    pub flavor: SignatureFlavor,
    pub bucket: String,
    pub key: String,
    /// Where each extra file goes, when the session has any.
    pub extras: Vec<(Extra, String)>,
    /// Server time minus local time, seconds.
    pub clock_offset_secs: i64,
}

#[async_trait]
impl RequestSigner for KeySigner {
    async fn sign(&self, op: &ObjectOp<'_>) -> Result<SignedRequest, ApiError> {
        let key = op_key(op, &self.key, &self.extras)?;
        sign_call(
            &self.endpoint,
            &self.credentials,
            self.flavor,
            Utc::now() + chrono::Duration::seconds(self.clock_offset_secs),
            Call {
                method: op.method(),
                bucket: Some(&self.bucket),
                key: Some(key),
                query: op_query(op),
                headers: op_headers(op),
            },
        )
    }
}
