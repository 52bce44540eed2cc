//! One file through the whole Huawei flow (huawei-vod-api.md §3): optional duplication check,
//! create asset, single PUT (≤ 20 MB) or multipart through per-call authorizations (§6), cover and
//! subtitles, confirm. On failure after creation the multipart upload is aborted and the asset
//! confirmed FAILED, so no CREATING asset or dangling parts are left behind.
//!
//! This is the simple sequential path; the engine (queue, resume, parallel parts) builds on it.

use std::path::Path;

use base64::Engine;
use bytes::Bytes;
use md5::{Digest, Md5};
use tokio::io::AsyncReadExt;

use super::client::{AuthorityQuery, HuaweiVod};
use crate::model::metadata::CoverType;
use crate::model::{MediaType, UploadMetadata};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::obs::client::{PutBody, TransferError};
use crate::provider::obs::presigned;
use crate::provider::vod::{UploadEnd, UploadFile, UploadTarget, VodProvider};

/// Files up to this size go up in one PUT (Huawei's documented threshold).
pub const SINGLE_PUT_MAX: u64 = 20 * 1000 * 1000;
pub const DEFAULT_PART_SIZE: u64 = 10 * 1024 * 1024;
/// Keeps List Parts within one page (§6.2 point 3).
pub const MAX_PARTS: u64 = 1000;
const PART_CONTENT_TYPE: &str = "application/octet-stream";

#[derive(Clone, Debug)]
pub struct UploadOptions {
    pub skip_duplicates: bool,
    pub part_size: u64,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            skip_duplicates: false,
            part_size: DEFAULT_PART_SIZE,
        }
    }
}

#[derive(Clone, Debug)]
pub struct UploadOutcome {
    pub asset_id: String,
    /// True when the file was not sent because the service already has it.
    pub skipped_duplicate: bool,
}

/// Why a file failed: a service error or a local one, with the asset id if one was created.
#[derive(Debug)]
pub struct UploadError {
    pub asset_id: Option<String>,
    pub api: Option<ApiError>,
    pub message: String,
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.api {
            Some(a) => write!(f, "{}{a}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl From<ApiError> for UploadError {
    fn from(e: ApiError) -> Self {
        UploadError {
            asset_id: None,
            api: Some(e),
            message: String::new(),
        }
    }
}

fn local(message: String) -> UploadError {
    UploadError {
        asset_id: None,
        api: None,
        message,
    }
}

/// Part size for a file: at least `preferred`, grown in MiB steps so there are ≤ 1000 parts.
pub fn part_size_for(size: u64, preferred: u64) -> u64 {
    const MIB: u64 = 1024 * 1024;
    let min_for_count = size.div_ceil(MAX_PARTS).div_ceil(MIB) * MIB;
    preferred.max(min_for_count).max(MIB)
}

/// Hex MD5 of the first 1024 bytes, as the duplication check wants (§8).
pub async fn head_md5_hex(path: &Path) -> std::io::Result<String> {
    let mut f = tokio::fs::File::open(path).await?;
    let mut buf = vec![0u8; 1024];
    let mut n = 0;
    while n < buf.len() {
        let r = f.read(&mut buf[n..]).await?;
        if r == 0 {
            break;
        }
        n += r;
    }
    Ok(hex::encode(Md5::digest(&buf[..n])))
}

/// Base64 of the binary MD5 of a whole file.
pub async fn file_md5_b64(path: &Path) -> std::io::Result<String> {
    let mut f = tokio::fs::File::open(path).await?;
    let mut hasher = Md5::new();
    let mut buf = vec![0u8; 1024 * 1024];
    loop {
        let n = f.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(base64::engine::general_purpose::STANDARD.encode(hasher.finalize()))
}

fn io_error(path: &Path, e: std::io::Error) -> UploadError {
    local(format!(
        "{} cannot be read ({e}); check that it still exists and is readable",
        path.display()
    ))
}

/// Uploads `path` as one asset. `progress` gets the bytes of the media file sent so far.
pub async fn upload_file(
    vod: &HuaweiVod,
    path: &Path,
    media: &MediaType,
    meta: &UploadMetadata,
    options: &UploadOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<UploadOutcome, UploadError> {
    let size = tokio::fs::metadata(path)
        .await
        .map_err(|e| io_error(path, e))?
        .len();
    if size == 0 {
        return Err(local(format!(
            "{} is empty (0 bytes); remove it from the batch",
            path.display()
        )));
    }
    if options.skip_duplicates {
        let head = head_md5_hex(path).await.map_err(|e| io_error(path, e))?;
        let dup = vod.check_duplication(size, &head).await?;
        if dup.is_duplicated == Some(1)
            && let Some(id) = dup.asset_ids.first()
        {
            return Ok(UploadOutcome {
                asset_id: id.clone(),
                skipped_duplicate: true,
            });
        }
    }
    let video_md5 = file_md5_b64(path).await.map_err(|e| io_error(path, e))?;
    let cover_md5 = match &meta.cover {
        Some(cover) => Some(file_md5_b64(cover).await.map_err(|e| io_error(cover, e))?),
        None => None,
    };
    let file = UploadFile {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        media: media.clone(),
        size,
        md5_b64: Some(video_md5.clone()),
        cover_md5_b64: cover_md5,
    };
    let session = vod.open_upload(&file, meta).await?;
    let asset_id = session.handle.clone();
    let result = send_all(
        vod,
        path,
        size,
        media,
        meta,
        options,
        &session.target,
        progress,
    )
    .await;
    let end = if result.is_ok() {
        UploadEnd::Uploaded
    } else {
        UploadEnd::Failed
    };
    let finished = vod.finish_upload(&session, end).await;
    match (result, finished) {
        (Ok(()), Ok(_)) => Ok(UploadOutcome {
            asset_id,
            skipped_duplicate: false,
        }),
        (Ok(()), Err(e)) => Err(UploadError {
            asset_id: Some(asset_id),
            api: Some(e),
            message: String::new(),
        }),
        (Err(mut e), finished) => {
            // The asset is marked FAILED so no CREATING asset is left behind.
            if let Err(c) = finished {
                tracing::warn!(asset_id, error = %c, "could not mark the failed upload as FAILED");
            }
            e.asset_id = Some(asset_id);
            Err(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn send_all(
    vod: &HuaweiVod,
    path: &Path,
    size: u64,
    media: &MediaType,
    meta: &UploadMetadata,
    options: &UploadOptions,
    target: &UploadTarget,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(), UploadError> {
    let UploadTarget::Presigned {
        video_url,
        cover_url,
        subtitle_urls,
        bucket,
        object,
        ..
    } = target
    else {
        return Err(local(
            "this provider's upload target needs the upload engine".into(),
        ));
    };
    if size <= SINGLE_PUT_MAX {
        // The URL is signed for Content-Type only; integrity is checked against `video_md5`,
        // which the service verifies before it accepts the upload.
        put_whole_file(vod, video_url, &media.content_type(), path, progress).await?;
    } else {
        if bucket.is_empty() || object.is_empty() {
            return Err(ApiError::new(
                ErrorKind::MalformedResponse,
                "create asset returned no target bucket/object for a multipart upload",
            )
            .into());
        }
        multipart(vod, path, size, media, options, bucket, object, progress).await?;
    }
    if let (Some(cover), Some(url)) = (&meta.cover, cover_url) {
        let kind = CoverType::from_path(cover).unwrap_or(CoverType::Jpg);
        put_cover(vod, url, kind, cover).await?;
    }
    for (spec, url) in meta.subtitles.iter().zip(subtitle_urls) {
        put_whole_file(vod, url, PART_CONTENT_TYPE, &spec.path, &|_| {}).await?;
    }
    Ok(())
}

fn wrap_put(path: &Path, e: TransferError) -> UploadError {
    match e {
        TransferError::Api(a) => a.into(),
        TransferError::Io { error, .. } => io_error(path, error),
    }
}

/// PUTs a whole local file to a pre-signed URL signed for `content_type`.
async fn put_whole_file(
    vod: &HuaweiVod,
    url: &str,
    content_type: &str,
    path: &Path,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(), UploadError> {
    let len = tokio::fs::metadata(path)
        .await
        .map_err(|e| io_error(path, e))?
        .len();
    let body = PutBody::FileRange {
        path: path.to_path_buf(),
        offset: 0,
        len,
    };
    presigned::put(vod.http(), url, Some(content_type), None, body, progress)
        .await
        .map(|_| ())
        .map_err(|e| wrap_put(path, e))
}

/// The content type VOD signed for a JPG cover is undocumented (`image/jpg` or `image/jpeg`):
/// try the `image/<type>` rule first and the registered type on a signature mismatch.
async fn put_cover(
    vod: &HuaweiVod,
    url: &str,
    kind: CoverType,
    path: &Path,
) -> Result<(), UploadError> {
    let candidates: &[&str] = match kind {
        CoverType::Jpg => &["image/jpg", "image/jpeg"],
        CoverType::Png => &["image/png"],
    };
    let mut last = None;
    for ct in candidates {
        match put_whole_file(vod, url, ct, path, &|_| {}).await {
            Ok(()) => return Ok(()),
            Err(UploadError { api: Some(a), .. }) if a.kind == ErrorKind::WrongCredentials => {
                last = Some(a)
            }
            Err(e) => return Err(e),
        }
    }
    Err(last
        .map(UploadError::from)
        .unwrap_or_else(|| local("cover upload failed".into())))
}

#[allow(clippy::too_many_arguments)]
async fn multipart(
    vod: &HuaweiVod,
    path: &Path,
    size: u64,
    media: &MediaType,
    options: &UploadOptions,
    bucket: &str,
    object: &str,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(), UploadError> {
    let auth = |verb: &str| AuthorityQuery {
        http_verb: verb.to_string(),
        bucket: bucket.to_string(),
        object_key: object.to_string(),
        ..Default::default()
    };
    let content_type = media.content_type();
    let url = vod
        .authority(&AuthorityQuery {
            content_type: Some(content_type.clone()),
            ..auth("POST")
        })
        .await?;
    let upload_id = presigned::initiate(vod.http(), &url, &content_type).await?;
    let result = async {
        let part_size = part_size_for(size, options.part_size);
        let mut file = tokio::fs::File::open(path)
            .await
            .map_err(|e| io_error(path, e))?;
        let mut buf = vec![0u8; part_size as usize];
        let mut parts = Vec::new();
        let mut sent = 0u64;
        let mut number = 1u32;
        while sent < size {
            let len = part_size.min(size - sent) as usize;
            file.read_exact(&mut buf[..len]).await.map_err(|e| {
                local(format!(
                    "{} changed while uploading ({e}); upload it again",
                    path.display()
                ))
            })?;
            let md5 = base64::engine::general_purpose::STANDARD.encode(Md5::digest(&buf[..len]));
            let url = vod
                .authority(&AuthorityQuery {
                    content_type: Some(PART_CONTENT_TYPE.to_string()),
                    content_md5: Some(md5.clone()),
                    upload_id: Some(upload_id.clone()),
                    part_number: Some(number),
                    ..auth("PUT")
                })
                .await?;
            let part = PutBody::Bytes(Bytes::copy_from_slice(&buf[..len]));
            let etag = presigned::put(
                vod.http(),
                &url,
                Some(PART_CONTENT_TYPE),
                Some(&md5),
                part,
                &|_| {},
            )
            .await
            .map_err(|e| wrap_put(path, e))?;
            parts.push((number, etag));
            sent += len as u64;
            progress(sent);
            number += 1;
        }
        let url = vod
            .authority(&AuthorityQuery {
                upload_id: Some(upload_id.clone()),
                ..auth("POST")
            })
            .await?;
        presigned::complete(vod.http(), &url, &parts).await?;
        Ok::<(), UploadError>(())
    }
    .await;
    if result.is_err() {
        match vod
            .authority(&AuthorityQuery {
                upload_id: Some(upload_id.clone()),
                ..auth("DELETE")
            })
            .await
        {
            Ok(url) => {
                if let Err(e) = presigned::delete(vod.http(), &url).await {
                    tracing::warn!(error = %e, "could not abort the multipart upload");
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not authorize aborting the multipart upload")
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_sizes_keep_at_most_1000_parts() {
        const MIB: u64 = 1024 * 1024;
        assert_eq!(
            part_size_for(60 * MIB, DEFAULT_PART_SIZE),
            DEFAULT_PART_SIZE
        );
        let big = 50 * 1024 * MIB; // 50 GiB
        let p = part_size_for(big, DEFAULT_PART_SIZE);
        assert!(big.div_ceil(p) <= MAX_PARTS);
        assert_eq!(p % MIB, 0);
    }
}
