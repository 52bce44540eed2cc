//! Multipart uploads: the part loop. Parts are read once, in order, each hashed for its
//! Content-MD5 from that read, and sent in parallel under the per-file and global limits; every
//! completed part is journaled, and a restarted job reconciles with List Parts (the storage
//! service is the truth) and sends only what is missing.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use base64::Engine as _;
use bytes::Bytes;
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::bodies::{Lease, put_with_retry, read_part};
use super::flow::{
    JobCtx, JobError, OCTET_STREAM, Outcome, changed, finish, io_error, local, open_session,
    resume_signer, stopped, upload_extras,
};
use super::identity::read_identity;
use super::job::{JobId, JobRecord, JobState, Phase};
use super::scheduler::Control;
use crate::model::MediaType;
use crate::provider::api::PartRules;
use crate::provider::error::ErrorKind;
use crate::storage::{ObjectOp, RequestSigner, multipart as mp};

pub async fn multipart(
    ctx: &JobCtx,
    rec: &mut JobRecord,
    media: &MediaType,
) -> Result<Outcome, JobError> {
    let vod = ctx.inner.vod.clone();
    let http = vod.http().clone();
    let path = rec.spec.path.clone();
    let size = rec.identity.size;
    let rules = vod.capabilities().parts;
    let signer: Arc<dyn RequestSigner> = match rec.session.clone() {
        None => {
            let part_size = rules.part_size_for(size, ctx.inner.part_size());
            let signer = open_session(ctx, rec, media, None, Some(part_size)).await?;
            upload_extras(ctx, rec, signer.as_ref()).await?;
            signer
        }
        Some(session) => resume_signer(ctx, rec, media, &session).await?,
    };
    let session = rec.session.clone().expect("the session is open");
    if rec.phase == Phase::Uploaded {
        return finish(ctx, rec, media, &session).await;
    }
    let part_size = rec
        .part_size
        .unwrap_or_else(|| rules.part_size_for(size, ctx.inner.part_size()));
    let n_parts = PartRules::parts(size, part_size) as u32;
    if n_parts as u64 > rules.max_parts {
        return Err(local(format!(
            "{} would need {n_parts} parts; use a larger part size",
            path.display()
        )));
    }

    // Reconcile with the storage service: it is the truth about which parts exist.
    let mut done: BTreeMap<u32, String> = Default::default();
    if let Some(upload_id) = rec.upload_id.clone() {
        let listed = ctx
            .retry("list parts", |_| {
                mp::list_parts(&http, signer.as_ref(), &upload_id)
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
            // exists and only finishing is missing.
            Err(e) if e.kind == ErrorKind::NotFound => {
                if let Ok(Outcome::Done { asset_id }) = finish(ctx, rec, media, &session).await {
                    return Ok(Outcome::Done { asset_id });
                }
                ctx.inner.journal.set_upload_id(rec.id, None)?;
                rec.upload_id = None;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let upload_id = match rec.upload_id.clone() {
        Some(id) => id,
        None => {
            let ct = media.content_type();
            let id = ctx
                .retry("initiate multipart", |_| {
                    mp::initiate(&http, signer.as_ref(), &ct)
                })
                .await?;
            ctx.inner.journal.set_upload_id(rec.id, Some(&id))?;
            rec.upload_id = Some(id.clone());
            id
        }
    };
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

    // No whole-file MD5 here: it could only be declared when the session opened, before any
    // byte is read. Each part carries its own Content-MD5 (checked by the storage service) and
    // Complete checks every part's ETag; single-PUT files declare the MD5 from their one read.
    let file = Arc::new(std::fs::File::open(&path).map_err(|e| io_error(&path, &e))?);
    let per_file = Arc::new(tokio::sync::Semaphore::new(parts_at_once(ctx, rec)));
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
        let task_ctx = JobCtx {
            inner: ctx.inner.clone(),
            handle: ctx.handle.clone(),
            control: ctx.control.clone(),
        };
        let (signer, upload_id) = (signer.clone(), upload_id.clone());
        tasks.spawn(async move {
            let _permits = (file_permit, global_permit);
            let lease = Lease::new(&task_ctx.inner, data.clone());
            let op = ObjectOp::PutPart {
                upload_id: &upload_id,
                part_number: n,
                content_type: OCTET_STREAM,
                content_md5: Some(&md5),
            };
            let etag =
                put_with_retry(&task_ctx, "upload part", signer.as_ref(), &op, None, data).await?;
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
    ctx.retry("complete multipart", |_| {
        mp::complete(&http, signer.as_ref(), &upload_id, &parts)
    })
    .await?;
    ctx.inner.journal.set_phase(rec.id, Phase::Uploaded)?;
    finish(ctx, rec, media, &session).await
}

async fn wait_stop(mut rx: watch::Receiver<Control>) {
    let _ = rx.wait_for(|c| *c != Control::Run).await;
}

fn record_part(
    ctx: &JobCtx,
    id: JobId,
    r: Result<Result<(u32, String, u64), JobError>, tokio::task::JoinError>,
    done: &mut BTreeMap<u32, String>,
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

/// Parts of this file in flight at once. A session whose credentials expire and can neither be
/// renewed nor authorised per call (Tencent's certificate) races its expiry: it may use every
/// part slot of the engine, not only one file's share, to be sent before the certificate goes.
pub fn parts_at_once(ctx: &JobCtx, rec: &JobRecord) -> usize {
    let caps = ctx.inner.vod.capabilities();
    let racing = !caps.refreshable_credentials
        && !caps.per_call_authorization
        && rec
            .session
            .as_ref()
            .is_some_and(|s| s.credential_expiry.is_some());
    let share = ctx.inner.parts_per_file();
    if racing {
        share.max(ctx.inner.part_limit.limit())
    } else {
        share
    }
}
