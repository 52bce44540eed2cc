//! Streaming request bodies to temporary files while hashing them.
//!
//! The async side only moves frames; blocking threads write and hash, so a 1 GiB upload
//! costs one bounded channel of buffers, never the whole body in memory.

use std::io::Write;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::StatusCode;
use bytes::Bytes;
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;
use vodesk_md5::Md5;

use crate::chunked::AwsChunkedDecoder;
use crate::crc64::Crc64;
use crate::error::S3Error;

/// Largest single PUT / part (OBS: 5 GB).
pub(crate) const MAX_PUT_SIZE: u64 = 5 * 1024 * 1024 * 1024;
const WRITE_BUFFER: usize = 1024 * 1024;
const CHANNEL_DEPTH: usize = 64;

/// How the body has to be read, as decided by authentication.
pub(crate) enum BodyMode {
    /// Plain body; SigV4 with a real payload hash asks for it to be verified.
    Raw { expected_sha256: Option<String> },
    /// `aws-chunked` framing, with chunk signatures when signing material is present.
    AwsChunked { signing: Option<ChunkSigning> },
}

#[derive(Clone)]
pub(crate) struct ChunkSigning {
    pub key: [u8; 32],
    pub amz_date: String,
    pub scope: String,
    pub seed_signature: String,
}

/// A blob being written: deleted on drop unless it was handed over (about to be committed).
pub(crate) struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    pub fn new(path: PathBuf) -> Self {
        TempFile { path, keep: false }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Hands responsibility for the file to the caller (it is about to be renamed).
    pub fn disarm(mut self) -> PathBuf {
        self.keep = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

pub(crate) struct Ingested {
    pub temp: TempFile,
    pub size: u64,
    pub md5: [u8; 16],
    /// CRC-64/XZ of the body, when the caller asked for it (OSS reports it).
    pub crc64: Option<u64>,
}

enum Msg {
    Data(Bytes),
    Finish,
}

struct Hashes {
    md5: [u8; 16],
    sha256: Option<String>,
    crc64: Option<u64>,
}

/// Writes on one blocking thread while another hashes, so disk and MD5 overlap.
fn write_loop(
    path: PathBuf,
    mut rx: mpsc::Receiver<Msg>,
) -> std::io::Result<Option<(TempFile, u64)>> {
    let temp = TempFile::new(path);
    let file = std::fs::File::create(temp.path())?;
    let mut w = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
    let mut size = 0u64;
    loop {
        match rx.blocking_recv() {
            Some(Msg::Data(b)) => {
                w.write_all(&b)?;
                size += b.len() as u64;
            }
            Some(Msg::Finish) => break,
            // The request was abandoned: `temp` is dropped and the file removed.
            None => return Ok(None),
        }
    }
    w.flush()?;
    drop(w);
    Ok(Some((temp, size)))
}

fn hash_loop(mut rx: mpsc::Receiver<Msg>, want_sha: bool, want_crc: bool) -> Option<Hashes> {
    let mut md5 = Md5::new();
    let mut sha = want_sha.then(Sha256::new);
    let mut crc = want_crc.then(Crc64::new);
    loop {
        match rx.blocking_recv() {
            Some(Msg::Data(b)) => {
                md5.update(&b);
                if let Some(s) = sha.as_mut() {
                    s.update(&b);
                }
                if let Some(c) = crc.as_mut() {
                    c.update(&b);
                }
            }
            Some(Msg::Finish) => break,
            None => return None,
        }
    }
    Some(Hashes {
        md5: md5.finalize(),
        sha256: sha.map(|s| hex::encode(s.finalize())),
        crc64: crc.map(Crc64::finish),
    })
}

fn too_large() -> S3Error {
    S3Error::new(
        StatusCode::BAD_REQUEST,
        "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed object size.",
    )
}

fn sha_mismatch() -> S3Error {
    S3Error::new(
        StatusCode::BAD_REQUEST,
        "XAmzContentSHA256Mismatch",
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
    )
}

/// Bodies up to this size (announced by Content-Length) are gathered in memory and written and
/// hashed in one blocking call: for small objects the two threads and their hand-offs of the
/// streaming path cost more than the work itself.
const SMALL_BODY: u64 = 1024 * 1024;

/// Streams `body` into `temp_path`, returning size, MD5 and (with `want_crc`) CRC-64. On any
/// failure the file is gone.
pub(crate) async fn ingest(
    temp_path: PathBuf,
    body: Body,
    mode: BodyMode,
    want_crc: bool,
) -> Result<Ingested, S3Error> {
    let (want_sha, mut decoder) = match mode {
        BodyMode::Raw { expected_sha256 } => (expected_sha256, None),
        BodyMode::AwsChunked { signing } => (None, Some(AwsChunkedDecoder::new(signing))),
    };
    if decoder.is_none()
        && let Some(len) = axum::body::HttpBody::size_hint(&body).exact()
        && len <= SMALL_BODY
    {
        return ingest_small(temp_path, body, len, want_sha, want_crc).await;
    }
    let (tx, rx) = mpsc::channel(CHANNEL_DEPTH);
    let (htx, hrx) = mpsc::channel(CHANNEL_DEPTH);
    let wants = want_sha.is_some();
    let writer = tokio::task::spawn_blocking(move || write_loop(temp_path, rx));
    let hasher = tokio::task::spawn_blocking(move || hash_loop(hrx, wants, want_crc));

    let pumped = pump(body, &tx, &htx, decoder.as_mut()).await;
    let finished = match pumped {
        Ok(()) => match &decoder {
            Some(d) if !d.is_done() => Err(S3Error::incomplete_body()),
            _ => Ok(()),
        },
        Err(e) => Err(e),
    };
    if finished.is_ok() {
        let _ = tx.send(Msg::Finish).await;
        let _ = htx.send(Msg::Finish).await;
    }
    drop((tx, htx));
    let written = writer.await.map_err(S3Error::internal)?;
    let hashes = hasher.await.map_err(S3Error::internal)?;
    finished?;
    let (temp, size) = written?.ok_or_else(|| S3Error::internal("body writer stopped early"))?;
    let hashes = hashes.ok_or_else(|| S3Error::internal("body hasher stopped early"))?;
    if let (Some(expected), Some(actual)) = (want_sha, hashes.sha256.as_ref())
        && &expected != actual
    {
        return Err(sha_mismatch());
    }
    Ok(Ingested {
        temp,
        size,
        md5: hashes.md5,
        crc64: hashes.crc64,
    })
}

async fn ingest_small(
    temp_path: PathBuf,
    mut body: Body,
    len: u64,
    want_sha: Option<String>,
    want_crc: bool,
) -> Result<Ingested, S3Error> {
    let mut data = Vec::with_capacity(len as usize);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| S3Error::incomplete_body())?;
        if let Ok(piece) = frame.into_data() {
            data.extend_from_slice(&piece);
        }
    }
    if data.len() as u64 != len {
        return Err(S3Error::incomplete_body());
    }
    tokio::task::spawn_blocking(move || {
        if let Some(expected) = want_sha
            && expected != hex::encode(Sha256::digest(&data))
        {
            return Err(sha_mismatch());
        }
        let temp = TempFile::new(temp_path);
        std::fs::write(temp.path(), &data)?;
        let crc64 = want_crc.then(|| {
            let mut c = Crc64::new();
            c.update(&data);
            c.finish()
        });
        Ok(Ingested {
            temp,
            size: data.len() as u64,
            md5: Md5::digest(&data),
            crc64,
        })
    })
    .await
    .map_err(S3Error::internal)?
}

async fn pump(
    mut body: Body,
    tx: &mpsc::Sender<Msg>,
    htx: &mpsc::Sender<Msg>,
    mut decoder: Option<&mut AwsChunkedDecoder>,
) -> Result<(), S3Error> {
    let mut total = 0u64;
    let mut pieces = Vec::new();
    while let Some(frame) = body.frame().await {
        // A transport error here means the client went away or sent less than announced.
        let frame = frame.map_err(|_| S3Error::incomplete_body())?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        match decoder.as_deref_mut() {
            Some(d) => d.feed(data, &mut pieces)?,
            None => pieces.push(data),
        }
        for piece in pieces.drain(..) {
            total += piece.len() as u64;
            if total > MAX_PUT_SIZE {
                return Err(too_large());
            }
            if htx.send(Msg::Data(piece.clone())).await.is_err()
                || tx.send(Msg::Data(piece)).await.is_err()
            {
                // The writer failed; its error is reported by the caller.
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Reads a small body (XML requests) fully, honouring the same framing and hash rules.
pub(crate) async fn read_small(
    mut body: Body,
    mode: BodyMode,
    limit: usize,
) -> Result<Vec<u8>, S3Error> {
    let (want_sha, mut decoder) = match mode {
        BodyMode::Raw { expected_sha256 } => (expected_sha256, None),
        BodyMode::AwsChunked { signing } => (None, Some(AwsChunkedDecoder::new(signing))),
    };
    let mut out = Vec::new();
    let mut pieces = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| S3Error::incomplete_body())?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        match decoder.as_mut() {
            Some(d) => d.feed(data, &mut pieces)?,
            None => pieces.push(data),
        }
        for p in pieces.drain(..) {
            out.extend_from_slice(&p);
        }
        if out.len() > limit {
            return Err(S3Error::invalid_request("Request body is too large"));
        }
    }
    if let Some(d) = &decoder
        && !d.is_done()
    {
        return Err(S3Error::incomplete_body());
    }
    if let Some(expected) = want_sha
        && expected != hex::encode(Sha256::digest(&out))
    {
        return Err(sha_mismatch());
    }
    Ok(out)
}
