//! COS spells its `ETag` header that way, and cos-python-sdk-v5 reads it case-sensitively from
//! `dict(response.headers)` (`put_object` returns that dict; `upload_file_from_buffer` indexes
//! `rt['ETag']` for every part). The `http` crate keeps header names in lower case and hyper
//! writes them as stored, unless a response carries hyper's map of original spellings. That
//! map's type is private to hyper, but hyper makes one when it parses a message with
//! `preserve_header_case`: so one is made once, by parsing a request that spells the names as
//! COS does, and its extensions are cloned onto COS responses that have such headers.

use axum::http::Extensions;
use tokio::io::AsyncWriteExt;
use tokio::sync::OnceCell;

/// The headers COS spells in mixed case and the SDK looks up by that spelling.
const SPELLED: &[&str] = &["ETag"];

static SPELLINGS: OnceCell<Option<Extensions>> = OnceCell::const_new();

/// Extensions holding hyper's original-case map for [`SPELLED`]; `None` if hyper would not
/// make one (the answer is then lower case, as before).
pub async fn spellings() -> Option<&'static Extensions> {
    SPELLINGS.get_or_init(capture).await.as_ref()
}

async fn capture() -> Option<Extensions> {
    let (mut client, server) = tokio::io::duplex(4096);
    let (tx, rx) = tokio::sync::oneshot::channel::<Extensions>();
    let tx = std::sync::Mutex::new(Some(tx));
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        if let Some(tx) = tx.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = tx.send(req.extensions().clone());
        }
        async {
            Ok::<_, std::convert::Infallible>(hyper::Response::new(http_body_util::Empty::<
                bytes::Bytes,
            >::new()))
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .preserve_header_case(true)
        .serve_connection(hyper_util::rt::TokioIo::new(server), service);
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let mut request = String::from("GET / HTTP/1.1\r\nHost: local\r\nConnection: close\r\n");
    for name in SPELLED {
        request.push_str(&format!("{name}: x\r\n"));
    }
    request.push_str("\r\n");
    client.write_all(request.as_bytes()).await.ok()?;
    let captured = tokio::time::timeout(std::time::Duration::from_secs(5), rx)
        .await
        .ok()?
        .ok();
    if captured.is_none() {
        tracing::warn!("COS header spellings unavailable; headers are sent in lower case");
    }
    captured
}
