//! Request bodies of an upload: part buffers leased from the pool, streams metered by the
//! bandwidth limiter and counted as progress, and PUTs retried with their progress rolled back.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use futures_util::StreamExt;
use vodesk_md5::Md5;

use super::flow::{JobCtx, JobError, io_error};
use super::scheduler::Inner;
use crate::provider::error::ApiError;
use crate::storage::send::{self, ByteStream};
use crate::storage::{ObjectOp, RequestSigner, SignedRequest, noted};

/// Chunk size of request bodies: the granularity of progress and bandwidth limiting.
const CHUNK: usize = 256 * 1024;

/// Hands a part buffer back to the pool when the part is done with (also when aborted).
pub struct Lease {
    inner: Arc<Inner>,
    data: Option<Bytes>,
}

impl Lease {
    pub fn new(inner: &Arc<Inner>, data: Bytes) -> Self {
        Lease {
            inner: inner.clone(),
            data: Some(data),
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(d) = self.data.take() {
            self.inner.buffers.give(d);
        }
    }
}

/// A body stream that waits for the bandwidth limiter and counts progress per chunk.
fn metered(ctx: &JobCtx, data: Bytes, sent: Arc<AtomicU64>) -> ByteStream {
    let limiter = ctx.inner.clone();
    let handle = ctx.handle.clone();
    let chunks: Vec<Bytes> = (0..data.len())
        .step_by(CHUNK)
        .map(|i| data.slice(i..(i + CHUNK).min(data.len())))
        .collect();
    futures_util::stream::iter(chunks)
        .then(move |chunk| {
            let limiter = limiter.clone();
            let handle = handle.clone();
            let sent = sent.clone();
            async move {
                limiter.bandwidth.acquire(chunk.len() as u64).await;
                let n = chunk.len() as u64;
                sent.fetch_add(n, Ordering::Relaxed);
                handle.bytes_done.fetch_add(n, Ordering::Relaxed);
                limiter.totals.bytes_done.fetch_add(n, Ordering::Relaxed);
                limiter.totals.bytes_sent.fetch_add(n, Ordering::Relaxed);
                Ok::<_, std::io::Error>(chunk)
            }
        })
        .boxed()
}

/// PUTs `data` as `op` under the retry policy, each attempt signed afresh (the first may be
/// given, already signed), with progress that is rolled back when an attempt fails.
pub async fn put_with_retry(
    ctx: &JobCtx,
    what: &str,
    signer: &dyn RequestSigner,
    op: &ObjectOp<'_>,
    mut first: Option<SignedRequest>,
    data: Bytes,
) -> Result<String, ApiError> {
    let http = ctx.inner.vod.http().clone();
    ctx.inner
        .retry
        .run(what, |_| {
            let known = first.take();
            let data = data.clone();
            let http = http.clone();
            async move {
                let req = match known {
                    Some(r) => r,
                    None => signer.sign(op).await?,
                };
                let sent = Arc::new(AtomicU64::new(0));
                let body = metered(ctx, data.clone(), sent.clone());
                let r = noted(
                    signer,
                    send::put_stream(&http, &req, data.len() as u64, body).await,
                );
                if r.is_err() {
                    let n = sent.load(Ordering::Relaxed);
                    ctx.handle.bytes_done.fetch_sub(n, Ordering::Relaxed);
                    ctx.inner.totals.bytes_done.fetch_sub(n, Ordering::Relaxed);
                }
                r
            }
        })
        .await
}

/// PUTs a small local file (cover, subtitle) as `op`, under the retry policy.
pub async fn put_small_file(
    ctx: &JobCtx,
    what: &str,
    signer: &dyn RequestSigner,
    op: &ObjectOp<'_>,
    path: &Path,
) -> Result<(), JobError> {
    let data = Bytes::from(
        tokio::fs::read(path)
            .await
            .map_err(|e| io_error(path, &e))?,
    );
    let http = ctx.inner.vod.http().clone();
    ctx.inner
        .retry
        .run(what, |_| {
            let body = futures_util::stream::iter([Ok(data.clone())]).boxed();
            let http = http.clone();
            let len = data.len() as u64;
            async move {
                let req = signer.sign(op).await?;
                noted(signer, send::put_stream(&http, &req, len, body).await)
            }
        })
        .await?;
    Ok(())
}

/// Reads one part straight into its buffer and hashes it, on a blocking thread: no
/// intermediate copy (as `tokio::fs` makes) and no hashing on the threads that drive the sends.
pub async fn read_part(
    file: Arc<std::fs::File>,
    offset: u64,
    mut buf: Vec<u8>,
) -> std::io::Result<(Vec<u8>, [u8; 16])> {
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Seek};
        // Parts of one file are read one after another, so sharing the position is safe.
        let mut f = &*file;
        f.seek(std::io::SeekFrom::Start(offset))?;
        f.read_exact(&mut buf)?;
        let digest = Md5::digest(&buf);
        Ok((buf, digest))
    })
    .await
    .map_err(std::io::Error::other)?
}
