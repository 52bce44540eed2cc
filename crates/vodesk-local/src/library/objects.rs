//! Reading objects back from the object store: whole objects go through the object endpoint's
//! router in-process (never over the network, never through the fault layer), authenticated with
//! a pre-signed URL like any other client.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use tower::ServiceExt;

use super::{Error, Library, Result};

impl Library {
    /// Sends `GET <path_and_query>` to the object endpoint in-process.
    pub(super) async fn object_get(&self, path_and_query: &str) -> Result<Response> {
        let base = self.objects.base_url();
        let host = base
            .split_once("://")
            .map(|(_, h)| h.trim_end_matches('/'))
            .unwrap_or("127.0.0.1");
        let mut req = Request::builder()
            .method("GET")
            .uri(path_and_query)
            .header("host", host)
            .body(Body::empty())
            .map_err(|e| Error::Internal(format!("object request: {e}")))?;
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 0))));
        let router = self
            .object_router
            .get_or_init(|| self.objects.router())
            .clone();
        router
            .oneshot(req)
            .await
            .map_err(|e| Error::Internal(format!("object endpoint: {e}")))
    }

    /// `GET bucket/key` as the object endpoint answers it (status, headers, streamed body):
    /// what a personality serving its own media URLs hands on.
    pub async fn fetch_object(&self, bucket: &str, key: &str) -> Result<Response> {
        self.object_get(&path_and_query(&self.presign_get(bucket, key)))
            .await
    }

    /// Whether `url` names this service's own object endpoint (nothing else is ever fetched).
    pub fn is_own_url(&self, url: &url::Url) -> bool {
        url.origin().ascii_serialization() == self.objects.base_url().trim_end_matches('/')
    }

    /// The HTTP status a GET of `url` (on the own object endpoint) answers.
    pub async fn own_url_status(&self, url: &str) -> Result<StatusCode> {
        Ok(self.object_get(&path_and_query(url)).await?.status())
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
