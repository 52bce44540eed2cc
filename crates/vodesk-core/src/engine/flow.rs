//! One job through an upload session, resumable at every step: identity check → duplicate
//! check → open the session → the bytes (one PUT for small files: one read gives the bytes and
//! the whole file's MD5; multipart above, see `parts.rs`) → finish → the asset. Every step that
//! matters is journaled first, so a restarted job continues where it stopped and sends only
//! what the storage service does not hold.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use tokio::io::AsyncReadExt;
use tokio::sync::watch;
use vodesk_md5::Md5;

use super::bodies::{Lease, put_small_file, put_with_retry};
use super::identity::{dedup_md5, read_identity, same_stat};
use super::job::{Extras, JobRecord, JobState, Phase};
use super::scheduler::{Control, Inner, JobHandle};
use super::watch_wait;
use crate::model::MediaType;
use crate::model::metadata::CoverType;
use crate::provider::api::{Abandon, Finished, UploadFile, UploadSession};
use crate::provider::error::{ApiError, ErrorKind};
use crate::storage::{Extra, ObjectOp, RequestSigner};

/// The Content-Type parts and subtitles are sent with.
pub const OCTET_STREAM: &str = "application/octet-stream";
/// Single-PUT files up to this size skip the "uploaded" journal step (see `single_put`).
const SMALL_FILE: u64 = 1024 * 1024;

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

pub fn local(message: String) -> JobError {
    JobError {
        message,
        api: None,
        journal: false,
    }
}

pub fn io_error(path: &Path, e: &std::io::Error) -> JobError {
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

pub fn changed(path: &Path) -> JobError {
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
    pub fn control(&self) -> Control {
        *self.control.borrow()
    }

    pub fn state(&self, state: JobState) -> Result<(), JobError> {
        self.inner.set_state(&self.handle, state, None, None)?;
        Ok(())
    }

    /// A storage call under the retry policy (provider calls retry on their own).
    pub async fn retry<T, F, Fut>(&self, what: &str, op: F) -> Result<T, ApiError>
    where
        F: FnMut(u32) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        // Credentials that can neither be renewed nor re-authorised per call stay expired:
        // retrying them only delays opening a new session.
        let caps = self.inner.vod.capabilities();
        let renewable = caps.refreshable_credentials || caps.per_call_authorization;
        self.inner.retry.run_expiring(what, renewable, op).await
    }
}

pub fn stopped(ctx: &JobCtx) -> Outcome {
    match ctx.control() {
        Control::Cancel => Outcome::Cancelled,
        _ => Outcome::Paused,
    }
}

/// The job's file as a provider sees it.
pub fn upload_file<'a>(rec: &'a JobRecord, media: &'a MediaType) -> UploadFile<'a> {
    UploadFile {
        path: &rec.spec.path,
        media,
        size: rec.identity.size,
        md5_b64: rec.file_md5.as_deref(),
        metadata: &rec.spec.metadata,
    }
}

pub fn media_of(rec: &JobRecord) -> Result<MediaType, JobError> {
    MediaType::from_code(&rec.spec.media)
        .ok_or_else(|| local(format!("{} is not a supported media type", rec.spec.media)))
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
    let vod = ctx.inner.vod.clone();
    if rec.phase == Phase::New && rec.spec.skip_duplicates && vod.capabilities().duplicate_check {
        let p = path.clone();
        let head = tokio::task::spawn_blocking(move || dedup_md5(&p))
            .await
            .map_err(|e| local(format!("hashing failed: {e}")))?
            .map_err(|e| io_error(&path, &e))?;
        if let Some(asset_id) = vod.find_duplicate(rec.identity.size, &head).await? {
            return Ok(Outcome::Skipped { asset_id });
        }
    }
    let media = media_of(&rec)?;
    let caps = vod.capabilities().clone();
    let sent = send(ctx, &mut rec, &media).await;
    // A session whose storage credentials are gone (expired, or not kept across a restart),
    // from a provider that can neither renew them nor authorise each call, is opened anew:
    // a session never finished makes no asset, so nothing is made twice.
    let expired =
        matches!(&sent, Err(e) if e.api.as_ref().is_some_and(|a| a.kind == ErrorKind::Expired));
    if expired
        && rec.session.is_some()
        && !caps.refreshable_credentials
        && !caps.per_call_authorization
    {
        tracing::info!(path = %path.display(), "the upload session expired; starting a new one");
        *ctx.handle.note.lock().unwrap_or_else(|e| e.into_inner()) = Some(SESSION_RESTARTED.into());
        forget_session(ctx, &mut rec).await;
        return match send(ctx, &mut rec, &media).await {
            Err(e) if e.api.as_ref().is_some_and(|a| a.kind == ErrorKind::Expired) => {
                // Twice is not bad luck: the file cannot be sent within one certificate's life
                // at this speed. The job fails with what to change, and keeps the API detail.
                forget_session(ctx, &mut rec).await;
                Err(JobError {
                    message: format!(
                        "{}: the upload certificate expired twice before the file was sent; \
                         it is too large for this link within one certificate's life — lift \
                         the bandwidth limit or send more parts at once, then retry",
                        path.display()
                    ),
                    ..e
                })
            }
            other => other,
        };
    }
    sent
}

/// The row's note when a session was opened anew.
pub const SESSION_RESTARTED: &str =
    "the upload session expired, so the file was sent again in a new one (one asset, no duplicate)";

/// The bytes of the job through its session: one PUT or multipart.
async fn send(ctx: &JobCtx, rec: &mut JobRecord, media: &MediaType) -> Result<Outcome, JobError> {
    // Bytes already stored need no signer, only finishing: a provider whose credentials were
    // not kept would otherwise open a new session, and could make a second media.
    if rec.phase == Phase::Uploaded
        && !rec.extras.any()
        && let Some(session) = rec.session.clone()
    {
        return finish(ctx, rec, media, &session).await;
    }
    if rec.identity.size <= ctx.inner.vod.capabilities().parts.single_put_max {
        single_put(ctx, rec, media).await
    } else {
        super::parts::multipart(ctx, rec, media).await
    }
}

/// Opens a session for the job and journals it (with the whole file's MD5 when known, and the
/// extras the asset still lacks). If the journal cannot record it the session could never be
/// continued, so it is given up on the service rather than left half-made.
pub async fn open_session(
    ctx: &JobCtx,
    rec: &mut JobRecord,
    media: &MediaType,
    file_md5: Option<String>,
    part_size: Option<u64>,
) -> Result<Arc<dyn RequestSigner>, JobError> {
    rec.file_md5 = file_md5;
    let vod = ctx.inner.vod.clone();
    let opened = vod.open_upload(&upload_file(rec, media)).await?;
    let extras = Extras::of(&rec.spec.metadata);
    if let Err(e) = ctx.inner.journal.set_session(
        rec.id,
        &opened.session,
        part_size,
        rec.file_md5.as_deref(),
        extras,
    ) {
        let _ = vod
            .abandon_upload(&opened.session, Abandon::Cancelled)
            .await;
        return Err(e.into());
    }
    rec.session = Some(opened.session);
    rec.part_size = part_size;
    rec.extras = extras;
    rec.phase = Phase::Created;
    *ctx.handle
        .asset_id
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = rec.asset_id().map(str::to_string);
    Ok(opened.signer)
}

/// Cover and subtitles go up right after the session opens. Each kind is struck off the
/// journal once stored, so a job interrupted in between sends what is left when it resumes.
pub async fn upload_extras(
    ctx: &JobCtx,
    rec: &mut JobRecord,
    signer: &dyn RequestSigner,
) -> Result<(), JobError> {
    let meta = rec.spec.metadata.clone();
    if rec.extras.cover
        && let Some(cover) = &meta.cover
    {
        let kind = CoverType::from_path(cover).unwrap_or(CoverType::Jpg);
        let op = ObjectOp::PutExtra {
            extra: Extra::Cover,
            content_type: kind.content_type(),
        };
        put_small_file(ctx, "cover upload", signer, &op, cover).await?;
        rec.extras.cover = false;
        ctx.inner.journal.set_extras(rec.id, rec.extras)?;
    }
    if rec.extras.subtitles {
        for (i, spec) in meta.subtitles.iter().enumerate() {
            let op = ObjectOp::PutExtra {
                extra: Extra::Subtitle(i),
                content_type: OCTET_STREAM,
            };
            put_small_file(ctx, "subtitle upload", signer, &op, &spec.path).await?;
        }
        rec.extras.subtitles = false;
        ctx.inner.journal.set_extras(rec.id, rec.extras)?;
    }
    Ok(())
}

/// A signer for a session read back from the journal, once the extras the asset still lacks
/// are sent (a job interrupted between opening and its cover sends it now).
pub async fn resume_signer(
    ctx: &JobCtx,
    rec: &mut JobRecord,
    media: &MediaType,
    session: &UploadSession,
) -> Result<Arc<dyn RequestSigner>, JobError> {
    let signer = ctx
        .inner
        .vod
        .reopen_upload(session, &upload_file(rec, media))
        .await?;
    if rec.extras.any() {
        upload_extras(ctx, rec, signer.as_ref()).await?;
    }
    Ok(signer)
}

/// Tells the provider the bytes are stored; a provider still taking the file in is asked again,
/// more patiently each time, until it names the asset (or the job is paused or cancelled).
pub async fn finish(
    ctx: &JobCtx,
    rec: &JobRecord,
    media: &MediaType,
    session: &UploadSession,
) -> Result<Outcome, JobError> {
    ctx.state(JobState::Completing)?;
    let vod = ctx.inner.vod.clone();
    let mut wait = Duration::from_secs(1);
    loop {
        match vod.finish_upload(session, &upload_file(rec, media)).await? {
            Finished::Ready { asset_id } => return Ok(Outcome::Done { asset_id }),
            Finished::Pending { asset_id } => {
                tracing::debug!(asset_id, "the provider is still taking the upload in");
                let mut control = ctx.control.clone();
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = watch_wait::until(&mut control, |c| *c != Control::Run) => {
                        return Ok(stopped(ctx));
                    }
                }
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        }
    }
}

/// Gives up a session that cannot be continued: abandoned on the service and forgotten, so the
/// job starts over with a new one.
pub async fn forget_session(ctx: &JobCtx, rec: &mut JobRecord) {
    if let Some(s) = &rec.session {
        let _ = ctx.inner.vod.abandon_upload(s, Abandon::Failed).await;
    }
    let _ = ctx.inner.journal.reset_session(rec.id);
    rec.session = None;
    rec.upload_id = None;
    rec.part_size = None;
    rec.file_md5 = None;
    rec.phase = Phase::New;
    rec.extras = Extras::default();
}

/// The MD5 of a single-PUT file's bytes. A file of at most 1 MiB was hashed whole for its
/// identity, and size and mtime are unchanged since (checked when the job started): that hash is
/// reused rather than computed twice (MD5 was the client's largest cost on small files). Should
/// the bytes differ all the same, the service verifies the declared MD5 when the upload is
/// finished and the job fails with that error: nothing wrong is ever stored.
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
    let content_type = media.content_type();
    let op = ObjectOp::Put {
        content_type: &content_type,
        content_md5: None,
    };
    let vod = ctx.inner.vod.clone();
    let (signer, first) = match rec.session.clone() {
        Some(session) => {
            rec.file_md5.get_or_insert_with(|| md5.clone());
            let signer = resume_signer(ctx, rec, media, &session).await?;
            if rec.phase == Phase::Uploaded {
                drop((lease, permit));
                return finish(ctx, rec, media, &session).await;
            }
            // A small file does not journal that its bytes are stored (see below): they may
            // be, so finishing is tried first. Without the object it fails and changes nothing.
            if size <= SMALL_FILE
                && let Ok(Finished::Ready { asset_id }) =
                    vod.finish_upload(&session, &upload_file(rec, media)).await
            {
                return Ok(Outcome::Done { asset_id });
            }
            // Interrupted before the bytes were stored: ask for a fresh target. A session the
            // provider will not continue is given up and the job starts over.
            match signer.sign(&op).await {
                Ok(req) => (signer, Some(req)),
                Err(_) => {
                    forget_session(ctx, rec).await;
                    drop((lease, permit));
                    return Box::pin(single_put(ctx, rec, media)).await;
                }
            }
        }
        None => {
            let signer = open_session(ctx, rec, media, Some(md5.clone()), None).await?;
            upload_extras(ctx, rec, signer.as_ref()).await?;
            (signer, None)
        }
    };
    // A PUT of up to 20 MB takes minutes on a slow or limited link: pause and cancel stop it
    // where it is (a resume asks for a fresh target and sends the file again).
    let put = put_with_retry(ctx, "upload", signer.as_ref(), &op, first, data);
    let mut control = ctx.control.clone();
    tokio::select! {
        r = put => { r?; }
        _ = watch_wait::until(&mut control, |c| *c != Control::Run) => {
            drop((lease, permit));
            return Ok(stopped(ctx));
        }
    }
    drop((lease, permit));
    // Files over 1 MiB journal that their bytes are stored, so a restart does not send them
    // again; smaller ones skip that write (it was a measurable share of a small file's cost)
    // and try to finish first when resumed.
    if size > SMALL_FILE {
        ctx.inner.journal.set_phase(rec.id, Phase::Uploaded)?;
    }
    let session = rec.session.clone().expect("the session was opened above");
    finish(ctx, rec, media, &session).await
}

/// Cancels or fails a job on the service side: aborts its multipart upload and gives the
/// session up, so no half-made asset or dangling parts stay behind. Returns whether the
/// service acknowledged it.
pub async fn finish_on_service(inner: &Inner, rec: &JobRecord, why: Abandon) -> bool {
    let Some(session) = &rec.session else {
        return true;
    };
    let vod = inner.vod.clone();
    // Clean-up is best effort: a few quick tries, not the full patience of an upload.
    let retry = crate::provider::RetryPolicy {
        max_attempts: 3,
        ..inner.retry.clone()
    };
    if let (Some(upload_id), Ok(media)) = (&rec.upload_id, media_of(rec))
        && let Ok(signer) = vod.reopen_upload(session, &upload_file(rec, &media)).await
    {
        let _ = retry
            .run("abort multipart", |_| {
                crate::storage::multipart::abort(vod.http(), signer.as_ref(), upload_id)
            })
            .await;
    }
    tokio::time::timeout(CLEAN_UP_WAIT, vod.abandon_upload(session, why))
        .await
        .is_ok_and(|r| r.is_ok())
}

/// How long giving a session up may take before the job is closed here regardless.
const CLEAN_UP_WAIT: Duration = Duration::from_secs(20);
