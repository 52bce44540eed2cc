//! Reading objects back from the object store: whole objects go through the object endpoint's
//! router in-process (never over the network, never through the fault layer), authenticated with
//! a pre-signed URL like any other client; the 1 KiB head every confirm needs is read directly.
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use md5::{Digest, Md5};
use tower::ServiceExt;

use super::Ctx;
use super::errors::{ApiError, ApiResult};

/// Digests of a stored object computed by [`Ctx::digest_object`].
#[derive(Clone, Debug, Default)]
pub struct ObjectDigest {
    /// Hex MD5 of the first 1024 bytes (or of the whole object when shorter).
    pub head_1024: String,
    /// Hex MD5 of the first 1025 bytes (the official sample's buffer size, §8).
    pub head_1025: String,
    /// Hex MD5 of the whole object, when asked for.
    pub full: Option<String>,
}

impl Ctx {
    /// Sends `GET <path_and_query>` (with extra headers) to the object endpoint in-process.
    pub async fn object_get(
        &self,
        path_and_query: &str,
        headers: &[(&str, &str)],
    ) -> ApiResult<axum::response::Response> {
        let base = self.objects.base_url();
        let host = base
            .split_once("://")
            .map(|(_, h)| h.trim_end_matches('/'))
            .unwrap_or("127.0.0.1");
        let mut builder = Request::builder()
            .method("GET")
            .uri(path_and_query)
            .header("host", host);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        let mut req = builder
            .body(Body::empty())
            .map_err(|e| ApiError::internal(format!("object request: {e}")))?;
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 0))));
        self.object_router()
            .oneshot(req)
            .await
            .map_err(|e| ApiError::internal(format!("object endpoint: {e}")))
    }

    /// MD5s of the object's head (1024/1025 bytes) and, with `full`, of all of it.
    pub async fn digest_object(
        &self,
        bucket: &str,
        key: &str,
        full: bool,
    ) -> ApiResult<ObjectDigest> {
        if !full {
            // The head only (every confirm): straight from the store's files, without a signed
            // request through the object endpoint.
            let head = self
                .objects
                .read_head(bucket, key, 1025)
                .await?
                .ok_or_else(|| {
                    ApiError::internal(format!("{bucket}/{key} vanished from the object store"))
                })?;
            return Ok(head_digest(&head, None));
        }
        let url = self.presign_get(bucket, key);
        let path = path_and_query(&url);
        let resp = self.object_get(&path, &[]).await?;
        let status = resp.status();
        if !(status == StatusCode::OK || status == StatusCode::PARTIAL_CONTENT) {
            return Err(ApiError::internal(format!(
                "reading {bucket}/{key} back from the object store answered {status}"
            )));
        }
        let mut body = resp.into_body();
        let mut head: Vec<u8> = Vec::with_capacity(1025);
        let mut hasher = Md5::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| ApiError::internal(format!("reading object: {e}")))?;
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

/// `/path?query` of a full URL.
pub fn path_and_query(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(i) => rest[i..].to_string(),
            None => "/".to_string(),
        },
        None => url.to_string(),
    }
}

/// Bucket and key of a path-style object URL (`{base}/{bucket}/{key}?...`), percent-decoded.
pub fn bucket_and_key(url: &str) -> Option<(String, String)> {
    let parsed = url::Url::parse(url).ok()?;
    let path = parsed.path().trim_start_matches('/');
    let (bucket, key) = path.split_once('/')?;
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .ok()
            .map(|c| c.into_owned())
    };
    let (bucket, key) = (decode(bucket)?, decode(key)?);
    (!bucket.is_empty() && !key.is_empty()).then_some((bucket, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts() {
        assert_eq!(
            path_and_query("http://127.0.0.1:9/b/k%20x?a=1"),
            "/b/k%20x?a=1"
        );
        assert_eq!(
            bucket_and_key("http://127.0.0.1:9/vod-b/p/a/s%201.png?x=1"),
            Some(("vod-b".into(), "p/a/s 1.png".into()))
        );
        assert_eq!(bucket_and_key("http://127.0.0.1:9/onlybucket"), None);
        assert_eq!(bucket_and_key("not a url"), None);
    }
}
