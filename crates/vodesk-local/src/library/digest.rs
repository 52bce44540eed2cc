//! MD5s of stored objects: the head digests the duplication check compares, and the whole-object
//! digest that verifies an announced MD5 when the ETag cannot (multipart objects).

use axum::http::StatusCode;
use base64::Engine;
use http_body_util::BodyExt;
use md5::{Digest, Md5};

use super::{Error, Library, Result};

/// Digests of a stored object computed by [`Library::digest_object`].
#[derive(Clone, Debug, Default)]
pub struct ObjectDigest {
    /// Hex MD5 of the first 1024 bytes (or of the whole object when shorter).
    pub head_1024: String,
    /// Hex MD5 of the first 1025 bytes (the official sample's buffer size).
    pub head_1025: String,
    /// Hex MD5 of the whole object, when asked for.
    pub full: Option<String>,
}

impl Library {
    /// MD5s of the object's head (1024/1025 bytes) and, with `full`, of all of it.
    pub(super) async fn digest_object(
        &self,
        bucket: &str,
        key: &str,
        full: bool,
    ) -> Result<ObjectDigest> {
        if !full {
            // The head only (every confirm): straight from the store's files, without a signed
            // request through the object endpoint.
            let head = self
                .objects
                .read_head(bucket, key, 1025)
                .await?
                .ok_or_else(|| {
                    Error::Internal(format!("{bucket}/{key} vanished from the object store"))
                })?;
            return Ok(head_digest(&head, None));
        }
        let url = self.presign_get(bucket, key);
        let resp = self.object_get(&super::path_and_query(&url)).await?;
        let status = resp.status();
        if !(status == StatusCode::OK || status == StatusCode::PARTIAL_CONTENT) {
            return Err(Error::Internal(format!(
                "reading {bucket}/{key} back from the object store answered {status}"
            )));
        }
        let mut body = resp.into_body();
        let mut head: Vec<u8> = Vec::with_capacity(1025);
        let mut hasher = Md5::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| Error::Internal(format!("reading object: {e}")))?;
            if let Ok(data) = frame.into_data() {
                if head.len() < 1025 {
                    let take = (1025 - head.len()).min(data.len());
                    head.extend_from_slice(&data[..take]);
                }
                hasher.update(&data);
            }
        }
        Ok(head_digest(&head, Some(hex::encode(hasher.finalize()))))
    }
}

/// The digests of an object whose first (up to) 1025 bytes are `head`.
fn head_digest(head: &[u8], full: Option<String>) -> ObjectDigest {
    ObjectDigest {
        head_1024: hex::encode(Md5::digest(&head[..head.len().min(1024)])),
        head_1025: hex::encode(Md5::digest(head)),
        full,
    }
}

/// Checks an announced MD5 (Base64 of the binary digest) against the object's: its ETag for a
/// single-part object, the whole-object digest for a multipart one.
pub(super) fn check_md5(want_b64: &str, etag: &str, digest: &ObjectDigest) -> Result<()> {
    let want = base64::engine::general_purpose::STANDARD
        .decode(want_b64)
        .map(hex::encode)
        .unwrap_or_default();
    let got = if is_multipart(etag) {
        digest.full.clone().unwrap_or_default()
    } else {
        etag.trim_matches('"').to_ascii_lowercase()
    };
    if want == got {
        Ok(())
    } else {
        Err(Error::Md5Mismatch { got, want })
    }
}

/// Multipart ETags (`<hex>-<parts>`) are not the MD5 of the object.
pub(super) fn is_multipart(etag: &str) -> bool {
    etag.contains('-')
}
