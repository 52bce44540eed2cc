//! One job through the Huawei flow, resumable at every step:
//! identity check → duplicate check → create asset → single PUT (≤ 20 MB: one read into memory
//! gives the bytes and the whole file's `video_md5`) or multipart (parts read once, in order,
//! each with its Content-MD5 from that read; parts uploaded in parallel) → complete → confirm.
//! After every completed part the journal is updated; a restarted job reconciles with List Parts
//! and sends only what is missing.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine as _;
use bytes::Bytes;
use futures_util::StreamExt;
use tokio::io::AsyncReadExt;
use tokio::sync::watch;
use tokio::task::JoinSet;
use vodesk_md5::Md5;

use super::core::{Control, Inner, JobHandle};
use super::identity::{dedup_md5, read_identity, same_stat};
use super::job::{Extras, JobRecord, JobState, Phase};
use crate::model::metadata::CoverType;
use crate::model::{AssetStatus, MediaType};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::huawei::AuthorityQuery;
use crate::provider::huawei::upload::{MAX_PARTS, SINGLE_PUT_MAX, part_size_for};
use crate::provider::huawei::wire::{
    CreateAssetReq, ExtraUrls, UpdateAssetReq, cover_type_code, subtitle_reqs,
};
use crate::provider::obs::presigned;

const PART_CONTENT_TYPE: &str = "application/octet-stream";
/// Single-PUT files up to this size skip the "uploaded" journal step (see `single_put`).
const SMALL_FILE: u64 = 1024 * 1024;
/// Chunk size of request bodies: the granularity of progress and bandwidth limiting.
const CHUNK: usize = 256 * 1024;

/// How a job run ended.
pub enum Outcome {
    Done { asset_id: String },
    Skipped { asset_id: String },
    Paused,
    Cancelled,
}

/// Why a job failed: one sentence, plus the service's error when there was one.
#[derive(Debug)]
pub struct JobError {
    pub message: String,
    pub api: Option<Box<ApiError>>,
    /// The journal could not be written: the job is not at fault and must stay resumable.
    pub journal: bool,
}

impl From<ApiError> for JobError {
    fn from(e: ApiError) -> Self {
        JobError {
            message: e.to_string(),
            api: Some(Box::new(e)),
            journal: false,
        }
    }
}

impl From<super::journal::JournalError> for JobError {
    fn from(e: super::journal::JournalError) -> Self {
        JobError {
            message: e.0,
            api: None,
            journal: true,
        }
    }
}

fn local(message: String) -> JobError {
    JobError {
        message,
        api: None,
        journal: false,
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> JobError {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "it no longer exists".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::UnexpectedEof => {
            "it got shorter while it was being uploaded".to_string()
        }
        _ => e.to_string(),
    };
    local(format!(
        "{} cannot be read ({why}); check the file and retry",
        path.display()
    ))
}

fn changed(path: &Path) -> JobError {
    local(format!(
        "{} changed since it was queued; upload it again as a new file",
        path.display()
    ))
}

/// Everything one running job needs.
pub struct JobCtx {
    pub inner: Arc<Inner>,
    pub handle: Arc<JobHandle>,
    pub control: watch::Receiver<Control>,
}

impl JobCtx {
    fn control(&self) -> Control {
        *self.control.borrow()
    }

    fn state(&self, state: JobState) -> Result<(), JobError> {
        self.inner.set_state(&self.handle, state, None, None)?;
        Ok(())
    }

    /// One service call under the retry policy.
    async fn call<T, F, Fut>(&self, what: &str, op: F) -> Result<T, ApiError>
    where
        F: FnMut(u32) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        self.inner.retry.run(what, op).await
    }
}

pub async fn run(ctx: &JobCtx, mut rec: JobRecord) -> Result<Outcome, JobError> {
    let path = rec.spec.path.clone();
    ctx.state(JobState::Hashing)?;
    if ctx.handle.fresh {
        // Its identity was read when it was queued: size and mtime tell if it changed since.
        if !same_stat(&path, &rec.identity) {
            return Err(changed(&path));
        }
    } else {
        let p = path.clone();
        let identity = tokio::task::spawn_blocking(move || read_identity(&p))
            .await
            .map_err(|e| local(format!("identity check failed: {e}")))?
            .map_err(|e| io_error(&path, &e))?;
        if identity != rec.identity {
            return Err(changed(&path));
        }
    }
    if rec.phase == Phase::New && rec.spec.skip_duplicates {
        let p = path.clone();
        let head = tokio::task::spawn_blocking(move || dedup_md5(&p))
            .await
            .map_err(|e| local(format!("hashing failed: {e}")))?
            .map_err(|e| io_error(&path, &e))?;
        let vod = ctx.inner.vod.clone();
        let size = rec.identity.size;
        let dup = ctx
            .call("duplication check", |_| vod.check_duplication(size, &head))
            .await?;
        if dup.is_duplicated == Some(1)
            && let Some(id) = dup.asset_ids.first()
        {
            return Ok(Outcome::Skipped {
                asset_id: id.clone(),
            });
        }
    }
    let media = MediaType::from_code(&rec.spec.media)
        .ok_or_else(|| local(format!("{} is not a supported media type", rec.spec.media)))?;
    if rec.extras.any() {
        resume_extras(ctx, &mut rec).await?;
    }
    if rec.identity.size <= SINGLE_PUT_MAX {
        single_put(ctx, &mut rec, &media).await
    } else {
        multipart(ctx, &mut rec, &media).await
    }
}

/// Hands a part buffer back to the pool when the part is done with (also when aborted).
struct Lease {
    inner: Arc<Inner>,
    data: Option<Bytes>,
}

impl Lease {
    fn new(inner: &Arc<Inner>, data: Bytes) -> Self {
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
fn metered(ctx: &JobCtx, data: Bytes, sent: Arc<AtomicU64>) -> presigned::ByteStream {
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

/// PUTs `data` to a fresh URL from `url_for` under the retry policy, with progress that is
/// rolled back when an attempt fails.
async fn put_with_retry<U, UF>(
    ctx: &JobCtx,
    what: &str,
    content_type: &str,
    content_md5: Option<&str>,
    data: Bytes,
    mut url_for: U,
) -> Result<String, ApiError>
where
    U: FnMut() -> UF,
    UF: std::future::Future<Output = Result<String, ApiError>>,
{
    let http = ctx.inner.vod.http().clone();
    ctx.call(what, |_| {
        let url = url_for();
        let data = data.clone();
        let http = http.clone();
        async move {
            let url = url.await?;
            let sent = Arc::new(AtomicU64::new(0));
            let body = metered(ctx, data.clone(), sent.clone());
            let r = presigned::put_stream(
                &http,
                &url,
                Some(content_type),
                content_md5,
                data.len() as u64,
                body,
            )
            .await;
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

async fn confirm_created(ctx: &JobCtx, asset_id: &str) -> Result<(), ApiError> {
    let vod = ctx.inner.vod.clone();
    match ctx
        .call("confirm", |_| vod.confirm_upload(asset_id, "CREATED"))
        .await
    {
        Ok(()) => Ok(()),
        // Not idempotent: a confirm whose reply was lost looks like a state error on retry.
        Err(e) if e.kind == ErrorKind::InvalidState => {
            let query = crate::provider::huawei::ListAssetsQuery {
                asset_ids: vec![asset_id.to_string()],
                size: 1,
                ..Default::default()
            };
            let listed = ctx.call("asset list", |_| vod.list_assets(&query)).await;
            let status = listed
                .ok()
                .and_then(|l| l.assets.first().and_then(|a| a.asset_status.clone()));
            match status {
                Some(AssetStatus::Created | AssetStatus::Published) => Ok(()),
                _ => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

async fn create_asset(
    ctx: &JobCtx,
    rec: &JobRecord,
    media: &MediaType,
    video_md5: Option<String>,
) -> Result<crate::provider::huawei::wire::CreateAssetRsp, ApiError> {
    let name = rec
        .spec
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut req = CreateAssetReq::from_metadata(&rec.spec.metadata, &name, media);
    req.video_md5 = video_md5;
    let vod = ctx.inner.vod.clone();
    ctx.call("create asset", |_| vod.create_asset(&req)).await
}

async fn single_put(
    ctx: &JobCtx,
    rec: &mut JobRecord,
    media: &MediaType,
) -> Result<Outcome, JobError> {
    let path = rec.spec.path.clone();
    let size = rec.identity.size;
    // One read: the bytes to send and their MD5. The buffer takes as many part permits as
    // parts it is worth, so memory stays within part size × parts in flight.
    let worth = size.div_ceil(ctx.inner.part_size().max(1)) as usize;
    let permit = ctx.inner.part_limit.acquire_many(worth).await;
    if ctx.control() != Control::Run {
        return Ok(stopped(ctx));
    }
    let mut data = ctx.inner.buffers.take(size as usize);
    let read = async {
        let mut f = tokio::fs::File::open(&path).await?;
        f.read_exact(&mut data).await?;
        // One byte more means the file grew since it was queued.
        let mut extra = [0u8; 1];
        f.read(&mut extra).await
    };
    match read.await {
        Ok(0) => {}
        Ok(_) => return Err(changed(&path)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Err(changed(&path)),
        Err(e) => return Err(io_error(&path, &e)),
    }
    let md5 = base64::engine::general_purpose::STANDARD.encode(whole_file_md5(rec, &data));
    let data = Bytes::from(data);
    let lease = Lease::new(&ctx.inner, data.clone());
    ctx.state(JobState::Uploading)?;
    // A small file does not journal that its bytes are stored (see below): they may be, so the
    // confirm is tried first. Without the object it fails and changes nothing.
    if let (Some(id), Phase::Created) = (&rec.asset_id, rec.phase)
        && size <= SMALL_FILE
        && confirm_created(ctx, id).await.is_ok()
    {
        return Ok(Outcome::Done {
            asset_id: id.clone(),
        });
    }
    let vod = ctx.inner.vod.clone();
    let (asset_id, url) = match (&rec.asset_id, rec.phase) {
        (Some(id), Phase::Uploaded) => {
            ctx.state(JobState::Completing)?;
            confirm_created(ctx, id).await?;
            return Ok(Outcome::Done {
                asset_id: id.clone(),
            });
        }
        // Interrupted before the bytes were stored: retarget the pending upload for a fresh URL.
        (Some(id), _) => {
            match ctx
                .call("refresh upload URL", |_| {
                    fresh_video_url(&vod, id, &md5, media)
                })
                .await
            {
                Ok(url) => (id.clone(), url),
                Err(_) => {
                    forget_asset(ctx, rec).await;
                    return Box::pin(single_put(ctx, rec, media)).await;
                }
            }
        }
        (None, _) => {
            let created = create_asset(ctx, rec, media, Some(md5.clone())).await?;
            let extras = Extras::of(&rec.spec.metadata);
            record_asset(ctx, &created.asset_id, |j| {
                j.set_asset(
                    rec.id,
                    &created.asset_id,
                    None,
                    None,
                    None,
                    Some(&md5),
                    extras,
                )
            })
            .await?;
            rec.asset_id = Some(created.asset_id.clone());
            rec.extras = extras;
            let url = created.video_upload_url.clone().ok_or_else(|| {
                ApiError::new(
                    ErrorKind::MalformedResponse,
                    "create asset returned no video_upload_url",
                )
            })?;
            upload_extras(ctx, rec, &created.extra_urls()).await?;
            (created.asset_id, url)
        }
    };
    let mut first = Some(url);
    let content_type = media.content_type();
    let put = put_with_retry(ctx, "upload", &content_type, None, data, || {
        let known = first.take();
        let (vod, id, md5) = (vod.clone(), asset_id.clone(), md5.clone());
        async move {
            match known {
                Some(u) => Ok(u),
                // A retry after an expiry or fault gets a fresh URL.
                None => fresh_video_url(&vod, &id, &md5, media).await,
            }
        }
    });
    // A PUT of up to 20 MB takes minutes on a slow or limited link: pause and cancel stop it
    // where it is (a resume asks for a fresh URL and sends the file again).
    tokio::select! {
        r = put => {
            r?;
        }
        _ = wait_stop(ctx.control.clone()) => return Ok(stopped(ctx)),
    }
    if ctx.control() == Control::Cancel {
        return Ok(Outcome::Cancelled);
    }
    // The bytes are stored: the buffer and its part permits go to the next file while this one
    // is confirmed (small files spend a third of their time there).
    drop((lease, permit));
    // One journal commit less for every small file: a resumed one tries its confirm first.
    if size > SMALL_FILE {
        ctx.inner.journal.set_phase(rec.id, Phase::Uploaded)?;
    }
    ctx.state(JobState::Completing)?;
    confirm_created(ctx, &asset_id).await?;
    Ok(Outcome::Done { asset_id })
}

/// The MD5 of a single-PUT file's bytes. A file of at most 1 MiB was hashed whole for its
/// identity, and size and mtime are unchanged since (checked when the job started): that hash is
/// reused rather than computed twice (MD5 was the client's largest cost on small files). Should
/// the bytes differ all the same, the service verifies `video_md5` on confirm and the job fails
/// with that error: nothing wrong is ever stored.
fn whole_file_md5(rec: &JobRecord, data: &[u8]) -> [u8; 16] {
    let mut known = [0u8; 16];
    if rec.identity.size <= super::identity::WHOLE_FILE_IDENTITY
        && data.len() as u64 == rec.identity.size
        && hex::decode_to_slice(&rec.identity.head_md5, &mut known).is_ok()
    {
        return known;
    }
    Md5::digest(data)
}

/// A fresh single-PUT URL for an asset whose video is not stored yet (update asset, §10.5).
async fn fresh_video_url(
    vod: &crate::provider::huawei::HuaweiVod,
    asset_id: &str,
    video_md5: &str,
    media: &MediaType,
) -> Result<String, ApiError> {
    let req = UpdateAssetReq {
        asset_id: asset_id.to_string(),
        video_md5: Some(video_md5.to_string()),
        video_type: Some(media.code.clone()),
        ..Default::default()
    };
    vod.update_asset(&req)
        .await?
        .video_upload_url
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::MalformedResponse,
                "update asset returned no video_upload_url",
            )
        })
}

/// Records a just-created asset in the journal. If that fails the asset could never be resumed,
/// so it is cancelled on the service rather than left CREATING.
async fn record_asset(
    ctx: &JobCtx,
    asset_id: &str,
    write: impl FnOnce(&super::journal::Journal) -> Result<(), super::journal::JournalError>,
) -> Result<(), JobError> {
    if let Err(e) = write(&ctx.inner.journal) {
        let vod = ctx.inner.vod.clone();
        let _ = ctx
            .call("cancel unrecorded asset", |_| {
                vod.confirm_upload(asset_id, "CANCELLED")
            })
            .await;
        return Err(e.into());
    }
    Ok(())
}

/// Cover and subtitles go up right after the asset is created. Each kind is struck off the
/// journal once stored, so a job interrupted in between sends what is left when it resumes.
async fn upload_extras(
    ctx: &JobCtx,
    rec: &mut JobRecord,
    urls: &ExtraUrls,
) -> Result<(), JobError> {
    let meta = &rec.spec.metadata;
    if rec.extras.cover
        && let (Some(cover), Some(url)) = (&meta.cover, &urls.cover)
    {
        let kind = CoverType::from_path(cover).unwrap_or(CoverType::Jpg);
        put_small_file(ctx, "cover upload", url, kind.content_type(), cover).await?;
        rec.extras.cover = false;
        ctx.inner.journal.set_extras(rec.id, rec.extras)?;
    }
    if rec.extras.subtitles {
        for (spec, url) in meta.subtitles.iter().zip(&urls.subtitles) {
            put_small_file(ctx, "subtitle upload", url, PART_CONTENT_TYPE, &spec.path).await?;
        }
        rec.extras.subtitles = false;
        ctx.inner.journal.set_extras(rec.id, rec.extras)?;
    }
    Ok(())
}

/// Sends the cover / subtitles a resumed job still owes its asset, through fresh upload URLs
/// (update asset, §10.5): the ones create asset returned may have expired meanwhile.
async fn resume_extras(ctx: &JobCtx, rec: &mut JobRecord) -> Result<(), JobError> {
    let Some(asset_id) = rec.asset_id.clone() else {
        return Ok(());
    };
    let meta = &rec.spec.metadata;
    let req = UpdateAssetReq {
        asset_id,
        cover_id: rec.extras.cover.then_some(0),
        cover_type: rec.extras.cover.then(|| cover_type_code(meta)).flatten(),
        subtitles: if rec.extras.subtitles {
            subtitle_reqs(meta)
        } else {
            Vec::new()
        },
        ..Default::default()
    };
    let vod = ctx.inner.vod.clone();
    let rsp = ctx
        .call("refresh cover/subtitle URLs", |_| vod.update_asset(&req))
        .await?;
    let urls = ExtraUrls {
        cover: rsp.cover_upload_url,
        subtitles: rsp.subtitle_upload_urls.unwrap_or_default(),
    };
    upload_extras(ctx, rec, &urls).await
}

/// PUTs a small local file (cover, subtitle) to a pre-signed URL, under the retry policy.
async fn put_small_file(
    ctx: &JobCtx,
    what: &str,
    url: &str,
    content_type: &str,
    path: &Path,
) -> Result<(), JobError> {
    let data = Bytes::from(
        tokio::fs::read(path)
            .await
            .map_err(|e| io_error(path, &e))?,
    );
    let http = ctx.inner.vod.http().clone();
    ctx.call(what, |_| {
        let body = futures_util::stream::iter([Ok(data.clone())]).boxed();
        presigned::put_stream(
            &http,
            url,
            Some(content_type),
            None,
            data.len() as u64,
            body,
        )
    })
    .await?;
    Ok(())
}

/// Gives up an asset that cannot be continued: marked FAILED and forgotten, so the job
/// starts over with a new one.
async fn forget_asset(ctx: &JobCtx, rec: &mut JobRecord) {
    if let Some(id) = &rec.asset_id {
        let vod = ctx.inner.vod.clone();
        let _ = ctx
            .call("confirm failed", |_| vod.confirm_upload(id, "FAILED"))
            .await;
    }
    let _ = ctx.inner.journal.reset_asset(rec.id);
    rec.asset_id = None;
    rec.upload_id = None;
    rec.bucket = None;
    rec.object_key = None;
    rec.part_size = None;
    rec.phase = Phase::New;
    rec.extras = Extras::default();
}

fn stopped(ctx: &JobCtx) -> Outcome {
    match ctx.control() {
        Control::Cancel => Outcome::Cancelled,
        _ => Outcome::Paused,
    }
}

fn authority(rec: &JobRecord, verb: &str) -> AuthorityQuery {
    AuthorityQuery {
        http_verb: verb.to_string(),
        bucket: rec.bucket.clone().unwrap_or_default(),
        object_key: rec.object_key.clone().unwrap_or_default(),
        upload_id: rec.upload_id.clone(),
        ..Default::default()
    }
}

async fn multipart(
    ctx: &JobCtx,
    rec: &mut JobRecord,
    media: &MediaType,
) -> Result<Outcome, JobError> {
    let vod = ctx.inner.vod.clone();
    let path = rec.spec.path.clone();
    let size = rec.identity.size;
    if rec.asset_id.is_none() {
        let created = create_asset(ctx, rec, media, None).await?;
        let target = created.target.clone().unwrap_or_default();
        let (Some(bucket), Some(object)) = (target.bucket, target.object) else {
            return Err(ApiError::new(
                ErrorKind::MalformedResponse,
                "create asset returned no target bucket/object",
            )
            .into());
        };
        let part_size = part_size_for(size, ctx.inner.part_size());
        let extras = Extras::of(&rec.spec.metadata);
        record_asset(ctx, &created.asset_id, |j| {
            j.set_asset(
                rec.id,
                &created.asset_id,
                Some(&bucket),
                Some(&object),
                Some(part_size),
                None,
                extras,
            )
        })
        .await?;
        rec.extras = extras;
        rec.asset_id = Some(created.asset_id.clone());
        rec.bucket = Some(bucket);
        rec.object_key = Some(object);
        rec.part_size = Some(part_size);
        rec.phase = Phase::Created;
        upload_extras(ctx, rec, &created.extra_urls()).await?;
    }
    let asset_id = rec.asset_id.clone().unwrap_or_default();
    if rec.phase == Phase::Uploaded {
        ctx.state(JobState::Completing)?;
        confirm_created(ctx, &asset_id).await?;
        return Ok(Outcome::Done { asset_id });
    }
    let part_size = rec
        .part_size
        .unwrap_or_else(|| part_size_for(size, ctx.inner.part_size()));
    let n_parts = size.div_ceil(part_size) as u32;
    if n_parts as u64 > MAX_PARTS {
        return Err(local(format!(
            "{} would need {n_parts} parts; use a larger part size",
            path.display()
        )));
    }

    // Reconcile with the storage service: it is the truth about which parts exist.
    let mut done: std::collections::BTreeMap<u32, String> = Default::default();
    if rec.upload_id.is_some() {
        let q = authority(rec, "GET");
        let listed = ctx
            .call("list parts", |_| {
                let vod = vod.clone();
                let q = q.clone();
                async move {
                    let url = vod.authority(&q).await?;
                    presigned::list_parts(vod.http(), &url).await
                }
            })
            .await;
        match listed {
            Ok(parts) => {
                let mut keep = Vec::new();
                for p in parts {
                    let expected = part_size.min(size - (p.part_number as u64 - 1) * part_size);
                    if p.part_number >= 1
                        && p.part_number <= n_parts
                        && p.size == Some(expected)
                        && let Some(etag) = p.etag
                    {
                        keep.push((p.part_number, etag.clone(), expected));
                        done.insert(p.part_number, etag);
                    }
                }
                ctx.inner.journal.replace_parts(rec.id, &keep)?;
            }
            // The upload is gone (aborted or already completed): completed means the object
            // exists and only the confirm is missing.
            Err(e) if e.kind == ErrorKind::NotFound => {
                if confirm_created(ctx, &asset_id).await.is_ok() {
                    return Ok(Outcome::Done { asset_id });
                }
                ctx.inner.journal.set_upload_id(rec.id, None)?;
                rec.upload_id = None;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if rec.upload_id.is_none() {
        let q = AuthorityQuery {
            content_type: Some(media.content_type()),
            ..authority(rec, "POST")
        };
        let ct = media.content_type();
        let upload_id = ctx
            .call("initiate multipart", |_| {
                let vod = vod.clone();
                let q = q.clone();
                let ct = ct.clone();
                async move {
                    let url = vod.authority(&q).await?;
                    presigned::initiate(vod.http(), &url, &ct).await
                }
            })
            .await?;
        ctx.inner.journal.set_upload_id(rec.id, Some(&upload_id))?;
        rec.upload_id = Some(upload_id);
    }
    let already: u64 = done
        .keys()
        .map(|n| part_size.min(size - (*n as u64 - 1) * part_size))
        .sum();
    // The job may have shown progress before (resumed in this session, or brought back from
    // the journal): the totals take only the difference.
    let shown = ctx.handle.bytes_done.swap(already, Ordering::Relaxed);
    let totals = &ctx.inner.totals.bytes_done;
    totals.fetch_add(already, Ordering::Relaxed);
    totals.fetch_sub(shown, Ordering::Relaxed);
    ctx.state(JobState::Uploading)?;

    // No whole-file MD5 here: `video_md5` can only be sent when the asset is created, before
    // any byte is read. Each part carries its own Content-MD5 (checked by the storage service)
    // and Complete checks every part's ETag; single-PUT files send `video_md5` from their one read.
    let file = Arc::new(std::fs::File::open(&path).map_err(|e| io_error(&path, &e))?);
    let per_file = Arc::new(tokio::sync::Semaphore::new(ctx.inner.parts_per_file()));
    let mut tasks: JoinSet<Result<(u32, String, u64), JobError>> = JoinSet::new();
    let mut failure: Option<JobError> = None;
    let mut interrupted = false;
    for n in 1..=n_parts {
        if ctx.control() != Control::Run {
            interrupted = true;
            break;
        }
        // Collect finished parts as we go, so the journal follows closely.
        while let Some(r) = tasks.try_join_next() {
            if let Err(e) = record_part(ctx, rec.id, r, &mut done) {
                failure = Some(e);
            }
        }
        if failure.is_some() {
            break;
        }
        let offset = (n as u64 - 1) * part_size;
        let len = part_size.min(size - offset);
        if done.contains_key(&n) {
            continue;
        }
        // Permits first, then the buffer: memory stays within part size × parts in flight.
        let file_permit = per_file
            .clone()
            .acquire_owned()
            .await
            .expect("semaphore open");
        let global_permit = tokio::select! {
            p = ctx.inner.part_limit.acquire() => p,
            _ = wait_stop(ctx.control.clone()) => { interrupted = true; break; }
        };
        let buf = ctx.inner.buffers.take(len as usize);
        let (buf, digest) = match read_part(file.clone(), offset, buf).await {
            Ok(read) => read,
            Err(e) => {
                failure = Some(if e.kind() == std::io::ErrorKind::UnexpectedEof {
                    changed(&path)
                } else {
                    io_error(&path, &e)
                });
                break;
            }
        };
        let md5 = base64::engine::general_purpose::STANDARD.encode(digest);
        let data = Bytes::from(buf);
        let q = AuthorityQuery {
            content_type: Some(PART_CONTENT_TYPE.to_string()),
            content_md5: Some(md5.clone()),
            part_number: Some(n),
            ..authority(rec, "PUT")
        };
        let task_ctx = JobCtx {
            inner: ctx.inner.clone(),
            handle: ctx.handle.clone(),
            control: ctx.control.clone(),
        };
        tasks.spawn(async move {
            let _permits = (file_permit, global_permit);
            let lease = Lease::new(&task_ctx.inner, data.clone());
            let vod = task_ctx.inner.vod.clone();
            let etag = put_with_retry(
                &task_ctx,
                "upload part",
                PART_CONTENT_TYPE,
                Some(&md5),
                data,
                || {
                    let vod = vod.clone();
                    let q = q.clone();
                    async move { vod.authority(&q).await }
                },
            )
            .await?;
            drop(lease);
            Ok((n, etag, len))
        });
    }
    if ctx.control() == Control::Cancel || failure.is_some() {
        tasks.abort_all();
    }
    while let Some(r) = tasks.join_next().await {
        if let Err(e) = record_part(ctx, rec.id, r, &mut done)
            && failure.is_none()
            && ctx.control() != Control::Cancel
        {
            failure = Some(e);
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if interrupted {
        return Ok(stopped(ctx));
    }
    if done.len() as u32 != n_parts {
        return Err(local(format!(
            "{}: {} of {n_parts} parts were uploaded",
            path.display(),
            done.len()
        )));
    }
    // A file that changed under us must not be completed as a mix.
    let p = path.clone();
    let now = tokio::task::spawn_blocking(move || read_identity(&p))
        .await
        .ok()
        .and_then(|r| r.ok());
    if now.as_ref() != Some(&rec.identity) {
        return Err(changed(&path));
    }
    ctx.state(JobState::Completing)?;
    let parts: Vec<(u32, String)> = done.into_iter().collect();
    let q = authority(rec, "POST");
    ctx.call("complete multipart", |_| {
        let vod = vod.clone();
        let q = q.clone();
        let parts = parts.clone();
        async move {
            let url = vod.authority(&q).await?;
            presigned::complete(vod.http(), &url, &parts).await
        }
    })
    .await?;
    ctx.inner.journal.set_phase(rec.id, Phase::Uploaded)?;
    confirm_created(ctx, &asset_id).await?;
    Ok(Outcome::Done { asset_id })
}

/// Reads one part straight into its buffer and hashes it, on a blocking thread: no
/// intermediate copy (as `tokio::fs` makes) and no hashing on the threads that drive the sends.
async fn read_part(
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

async fn wait_stop(mut rx: watch::Receiver<Control>) {
    let _ = rx.wait_for(|c| *c != Control::Run).await;
}

fn record_part(
    ctx: &JobCtx,
    id: super::job::JobId,
    r: Result<Result<(u32, String, u64), JobError>, tokio::task::JoinError>,
    done: &mut std::collections::BTreeMap<u32, String>,
) -> Result<(), JobError> {
    match r {
        Ok(Ok((n, etag, len))) => {
            ctx.inner.journal.add_part(id, n, &etag, len)?;
            done.insert(n, etag);
            Ok(())
        }
        Ok(Err(e)) => Err(e),
        Err(e) if e.is_cancelled() => Ok(()),
        Err(e) => Err(local(format!("a part upload stopped unexpectedly: {e}"))),
    }
}

/// Cancels or fails a job on the service side: aborts the multipart upload and confirms the
/// asset as `status`, so no CREATING asset or dangling parts stay behind. Returns whether the
/// service acknowledged it.
pub async fn finish_on_service(inner: &Inner, rec: &JobRecord, status: &str) -> bool {
    let vod = inner.vod.clone();
    // Clean-up is best effort: a few quick tries, not the full patience of an upload.
    let retry = super::retry::RetryPolicy {
        max_attempts: 3,
        ..inner.retry.clone()
    };
    if rec.upload_id.is_some() {
        let q = authority(rec, "DELETE");
        let _ = retry
            .run("abort multipart", |_| {
                let vod = vod.clone();
                let q = q.clone();
                async move {
                    let url = vod.authority(&q).await?;
                    match presigned::delete(vod.http(), &url).await {
                        Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
                        other => other,
                    }
                }
            })
            .await;
    }
    match &rec.asset_id {
        Some(id) => retry
            .run("confirm", |_| vod.confirm_upload(id, status))
            .await
            .is_ok(),
        None => true,
    }
}
