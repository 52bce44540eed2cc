//! The engine: jobs queued in the journal, a dispatcher that starts at most N files at once,
//! a global cap on parts in flight, a shared bandwidth limit, and per-job control
//! (pause / resume / cancel). Faces send commands and read events and counters.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::{Notify, mpsc, watch};

use super::bandwidth::RateLimiter;
use super::buffers::BufferPool;
use super::flow::{self, JobCtx, Outcome};
use super::identity::read_identity;
use super::job::{FileIdentity, JobId, JobRecord, JobSpec, JobState};
use super::journal::{Journal, JournalError};
use super::limits::AdjustableLimit;
use super::owner::{OwnerLock, lock_path};
use super::progress::{Progress, Speedometer, eta};
use super::watch_wait;
use crate::provider::api::{Abandon, VodService};
use crate::provider::retry::RetryPolicy;

/// Parts of 10 MiB unless the user chooses otherwise (each provider's bounds apply).
pub const DEFAULT_PART_SIZE: u64 = 10 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// Files uploading at once.
    pub concurrent_files: usize,
    /// Parts of one file in flight at once.
    pub parts_per_file: usize,
    /// Parts in flight across all files (bounds memory: part size × this).
    pub max_parts_in_flight: usize,
    pub part_size: u64,
    /// Bytes per second, 0 = unlimited.
    pub bandwidth: u64,
    pub retry: RetryPolicy,
    /// What this process is, for another one to read while this one holds the account's
    /// uploads ("vodesk upload", "the vodesk app").
    pub owner_label: String,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            concurrent_files: 16,
            parts_per_file: 4,
            max_parts_in_flight: 8,
            part_size: DEFAULT_PART_SIZE,
            bandwidth: 0,
            retry: RetryPolicy::default(),
            owner_label: "vodesk".to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Run,
    Pause,
    Cancel,
}

/// What a face sees of a job.
#[derive(Clone, Debug, Serialize)]
pub struct JobView {
    pub id: JobId,
    pub path: PathBuf,
    pub size: u64,
    pub state: JobState,
    pub bytes_done: u64,
    pub asset_id: Option<String>,
    pub reason: Option<String>,
    pub error_code: Option<String>,
    pub request_id: Option<String>,
    /// Something the user should know about a job that went on (a session started anew).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Event {
    /// A job changed state.
    Job(JobView),
}

/// Aggregate counters, updated in O(1) as bytes move.
#[derive(Default)]
pub struct Totals {
    pub bytes_total: AtomicU64,
    /// Progress: bytes known to be stored (resumed parts count).
    pub bytes_done: AtomicU64,
    /// Bytes put on the wire in this session, retries included.
    pub bytes_sent: AtomicU64,
    /// Bytes of jobs that ended without sending them (skipped as duplicates, failed,
    /// cancelled): no longer to come, so not in what is left.
    pub bytes_unsent: AtomicU64,
    pub jobs_total: AtomicU64,
    pub jobs_finished: AtomicU64,
}

impl Totals {
    /// A job has just ended: a finished one counts whole (its last bytes may not have been
    /// counted as they went: a file the service already had), any other leaves the rest of
    /// its bytes out of what is left.
    fn job_ended(&self, h: &JobHandle, state: JobState) {
        if state == JobState::Done {
            let shown = h.bytes_done.swap(h.size, Ordering::Relaxed);
            self.bytes_done.fetch_add(h.size, Ordering::Relaxed);
            self.bytes_done.fetch_sub(shown, Ordering::Relaxed);
        } else {
            let rest = h.size.saturating_sub(h.bytes_done.load(Ordering::Relaxed));
            self.bytes_unsent.fetch_add(rest, Ordering::Relaxed);
        }
    }

    /// Bytes still to be stored by jobs that have not ended.
    pub fn bytes_left(&self) -> u64 {
        self.bytes_total
            .load(Ordering::Relaxed)
            .saturating_sub(self.bytes_done.load(Ordering::Relaxed))
            .saturating_sub(self.bytes_unsent.load(Ordering::Relaxed))
    }
}

/// Where a tracked job comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Queued by this process moments ago.
    Fresh,
    /// From the journal, to run.
    Journal,
    /// From the journal, paused by the user: parked until resumed.
    Held,
}

pub struct JobHandle {
    pub id: JobId,
    /// Queued by this process moments ago: its identity was just read.
    pub fresh: bool,
    pub path: PathBuf,
    pub size: u64,
    pub bytes_done: AtomicU64,
    pub control: watch::Sender<Control>,
    /// The user paused it. Only such a pause is journaled as paused and outlasts the session;
    /// any other stop (a halt, a profile switch, Ctrl-C) is an interruption that the next start
    /// continues, like a crash.
    held: AtomicBool,
    state: Mutex<(JobState, Option<String>)>,
    pub(super) asset_id: Mutex<Option<String>>,
    error: Mutex<(Option<String>, Option<String>)>,
    pub(super) note: Mutex<Option<String>>,
}

impl JobHandle {
    pub fn state(&self) -> JobState {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0
    }

    /// Paused with no runner: nothing happens to it until it is resumed or cancelled.
    fn parked(&self) -> bool {
        self.state() == JobState::Paused && *self.control.borrow() == Control::Pause
    }
}

pub struct Inner {
    pub vod: Arc<dyn VodService>,
    pub journal: Arc<Journal>,
    /// The account jobs upload to; the journal's jobs of other accounts are left alone.
    pub account: String,
    pub retry: RetryPolicy,
    pub bandwidth: RateLimiter,
    pub part_limit: AdjustableLimit,
    pub buffers: BufferPool,
    pub totals: Totals,
    speed: Speedometer,
    file_limit: AdjustableLimit,
    parts_per_file: AtomicUsize,
    part_size: AtomicU64,
    jobs: Mutex<HashMap<JobId, Arc<JobHandle>>>,
    queue: Mutex<VecDeque<JobId>>,
    queued: Notify,
    active: AtomicUsize,
    idle: Notify,
    events: mpsc::UnboundedSender<Event>,
    /// Set when the journal cannot be written: everything stops, resumable.
    halted: Mutex<Option<String>>,
    /// The account's owner lock once this engine has it: no job runs before.
    owner: Mutex<Option<OwnerLock>>,
    owned: watch::Sender<bool>,
    /// Who holds the lock while this engine waits for it.
    held_by: Mutex<Option<super::owner::Holder>>,
    /// Every `Engine` handle is gone: the dispatcher parks what is queued and stops.
    closed: watch::Sender<bool>,
    /// Where commands that need I/O run (faces call the engine from threads without a runtime).
    rt: tokio::runtime::Handle,
}

impl Inner {
    fn release_owner(&self) {
        self.owned.send_replace(false);
        self.owner.lock().unwrap_or_else(|e| e.into_inner()).take();
    }

    /// Stops all work because the journal cannot record it or the service is gone; the
    /// first reason is kept (each face says how to continue).
    fn halt(&self, reason: &str) {
        let mut h = self.halted.lock().unwrap_or_else(|e| e.into_inner());
        if h.is_none() {
            tracing::warn!(reason, "stopping all uploads");
            *h = Some(reason.to_string());
        }
        drop(h);
        self.interrupt_all();
    }

    /// Stops every job after its parts in flight, without the user's pause: the journal keeps
    /// them queued, so the next start continues them.
    fn interrupt_all(&self) {
        for job in self.jobs.lock().unwrap_or_else(|e| e.into_inner()).values() {
            if !job.state().is_terminal() {
                job.control.send_replace(Control::Pause);
            }
        }
    }

    pub fn parts_per_file(&self) -> usize {
        self.parts_per_file.load(Ordering::Relaxed).max(1)
    }

    pub fn part_size(&self) -> u64 {
        self.part_size.load(Ordering::Relaxed)
    }

    fn view(&self, h: &JobHandle) -> JobView {
        let (state, reason) = h.state.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let (error_code, request_id) = h.error.lock().unwrap_or_else(|e| e.into_inner()).clone();
        JobView {
            id: h.id,
            path: h.path.clone(),
            size: h.size,
            state,
            bytes_done: h.bytes_done.load(Ordering::Relaxed),
            asset_id: h.asset_id.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            reason,
            error_code,
            request_id,
            note: h.note.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        }
    }

    /// Records a state change in the journal and tells the faces.
    pub fn set_state(
        &self,
        h: &JobHandle,
        state: JobState,
        reason: Option<String>,
        api: Option<&crate::provider::ApiError>,
    ) -> Result<(), JournalError> {
        let code = api.and_then(|a| a.code.clone());
        let request_id = api.and_then(|a| a.request_id.clone());
        // Transient states only matter to the faces; the journal needs what resuming needs.
        let transient = matches!(
            state,
            JobState::Hashing | JobState::Uploading | JobState::Completing
        );
        let journaled = if state == JobState::Paused && !h.held.load(Ordering::Relaxed) {
            JobState::Queued
        } else {
            state
        };
        let written = if transient {
            Ok(())
        } else {
            self.journal.set_state(
                h.id,
                journaled,
                reason.as_deref(),
                code.as_deref(),
                request_id.as_deref(),
            )
        };
        // The faces hear of the change even when the journal could not record it.
        let was = std::mem::replace(
            &mut *h.state.lock().unwrap_or_else(|e| e.into_inner()),
            (state, reason),
        );
        if state.is_terminal() && !was.0.is_terminal() {
            self.totals.job_ended(h, state);
        }
        *h.error.lock().unwrap_or_else(|e| e.into_inner()) = (code, request_id);
        let _ = self.events.send(Event::Job(self.view(h)));
        if let Err(e) = &written {
            self.halt(&e.0);
        }
        written
    }
}

/// Cheap to clone; all clones drive the same engine.
/// Cheap to clone; all clones drive the same engine. When the last one is dropped the engine
/// stops taking jobs and, once its jobs in flight are done, lets the account's uploads go.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
    _handles: Arc<Handles>,
}

/// Dropped with the last [`Engine`] handle.
struct Handles(Arc<Inner>);

impl Drop for Handles {
    fn drop(&mut self) {
        let inner = self.0.clone();
        inner.interrupt_all();
        inner.closed.send_replace(true);
        let rt = inner.rt.clone();
        rt.spawn(async move {
            wait_idle(&inner).await;
            inner.release_owner();
        });
    }
}

/// How [`Engine::bring_back_unfinished`] treats the jobs of earlier runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BringBack {
    /// As the user left them (the app at start): paused ones stay paused, failed ones stay
    /// failed and are not run, the others continue.
    AsLeft,
    /// Every one runs (`vodesk upload --resume`: an explicit request to continue).
    All,
}

/// What [`Engine::add`] did with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    Queued(JobId),
    /// The unfinished job of an earlier run for this very file continues.
    Resumed(JobId),
    /// The account has this very file (same size, time and content hashes) from an earlier
    /// upload: nothing was queued.
    AlreadyUploaded {
        asset_id: String,
    },
}

impl Added {
    /// The job running the file, unless nothing was queued.
    pub fn job(&self) -> Option<JobId> {
        match self {
            Added::Queued(id) | Added::Resumed(id) => Some(*id),
            Added::AlreadyUploaded { .. } => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error("{path} cannot be read ({error}); check the path")]
    Unreadable { path: String, error: String },
}

impl Engine {
    /// An engine uploading to `vod`'s account, its jobs kept in `journal`.
    pub fn new(
        vod: Arc<dyn VodService>,
        journal: Arc<Journal>,
        config: EngineConfig,
    ) -> (Engine, mpsc::UnboundedReceiver<Event>) {
        let account = vod.account_key();
        let lock = lock_path(journal.path(), &account);
        let (tx, rx) = mpsc::unbounded_channel();
        let (owned, _) = watch::channel(false);
        let inner = Arc::new(Inner {
            vod,
            journal,
            account,
            retry: config.retry.clone(),
            bandwidth: RateLimiter::new(config.bandwidth),
            part_limit: AdjustableLimit::new(config.max_parts_in_flight),
            buffers: BufferPool::new(config.max_parts_in_flight),
            speed: Speedometer::new(std::time::Duration::from_secs(5)),
            totals: Totals::default(),
            file_limit: AdjustableLimit::new(config.concurrent_files),
            parts_per_file: AtomicUsize::new(config.parts_per_file),
            part_size: AtomicU64::new(config.part_size),
            jobs: Mutex::new(HashMap::new()),
            queue: Mutex::new(VecDeque::new()),
            queued: Notify::new(),
            active: AtomicUsize::new(0),
            idle: Notify::new(),
            events: tx,
            halted: Mutex::new(None),
            owner: Mutex::new(None),
            owned,
            held_by: Mutex::new(None),
            closed: watch::channel(false).0,
            rt: tokio::runtime::Handle::current(),
        });
        tokio::spawn(dispatch(inner.clone()));
        tokio::spawn(own(inner.clone(), lock, config.owner_label));
        let handles = Arc::new(Handles(inner.clone()));
        (
            Engine {
                inner,
                _handles: handles,
            },
            rx,
        )
    }

    /// Who holds this account's uploads while this engine waits for them (another vodesk
    /// process): one phrase such as "process 1234 (vodesk upload) since 2026-12-03 10:02".
    pub fn held_by(&self) -> Option<super::owner::Holder> {
        self.inner
            .held_by
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits until this engine owns the account's uploads (at once when nobody else has them).
    pub async fn wait_owner(&self) {
        let mut owned = self.inner.owned.subscribe();
        let _ = owned.wait_for(|o| *o).await;
    }

    pub fn totals(&self) -> &Totals {
        &self.inner.totals
    }

    pub fn journal(&self) -> &Journal {
        &self.inner.journal
    }

    /// Queues `spec` (its file identity is read now), the same way for every face:
    /// - an unfinished job of this account for the same, unchanged file is continued instead
    ///   (an earlier run was interrupted); one whose file changed since is discarded first;
    /// - a file this account has from an earlier upload is not queued unless `spec.again` is
    ///   set: the asset it went to is named instead.
    pub async fn add(&self, spec: JobSpec) -> Result<Added, AddError> {
        let p = spec.path.clone();
        let unreadable = |error: String| AddError::Unreadable {
            path: spec.path.display().to_string(),
            error,
        };
        let identity = tokio::task::spawn_blocking(move || read_identity(&p))
            .await
            .map_err(|e| unreadable(e.to_string()))?
            .map_err(|e| unreadable(e.to_string()))?;
        let journal = &self.inner.journal;
        if let Some(rec) = journal.find_unfinished(&self.inner.account, &spec.path)? {
            if rec.identity == identity {
                self.resume_record(&rec)?;
                return Ok(Added::Resumed(rec.id));
            }
            self.discard(&rec).await?;
        }
        if !spec.again
            && let Some(asset_id) = journal.find_uploaded(&self.inner.account, &identity)?
        {
            return Ok(Added::AlreadyUploaded { asset_id });
        }
        let id = journal.insert(&self.inner.account, &spec, &identity)?;
        self.track(id, spec.path, &identity, Origin::Fresh);
        Ok(Added::Queued(id))
    }

    /// Brings back this account's unfinished jobs of earlier runs, per `policy`; returns each
    /// record with the state it is back in.
    pub fn bring_back_unfinished(&self, policy: BringBack) -> Result<Vec<JobRecord>, JournalError> {
        let mut back = Vec::new();
        for mut rec in self.inner.journal.unfinished(&self.inner.account)? {
            match policy {
                // Retried only when the user asks: unasked, each start could leave another
                // failed asset on the service.
                BringBack::AsLeft if rec.state == JobState::Failed => {}
                BringBack::AsLeft => rec.state = self.reopen_record(&rec)?,
                BringBack::All => {
                    self.resume_record(&rec)?;
                    rec.state = JobState::Queued;
                }
            }
            back.push(rec);
        }
        Ok(back)
    }

    /// Queues a job the journal already has, to run now — even one the user paused: the
    /// command line's `--resume` and re-run are explicit requests to continue.
    pub fn resume_record(&self, rec: &JobRecord) -> Result<(), JournalError> {
        self.bring_back(rec, false).map(|_| ())
    }

    /// Brings back a job of an earlier session as the user left it: one they paused stays
    /// paused (Resume continues it from its stored parts); any other is queued to continue.
    /// Returns the state it is back in.
    pub fn reopen_record(&self, rec: &JobRecord) -> Result<JobState, JournalError> {
        self.bring_back(rec, rec.state == JobState::Paused)
    }

    fn bring_back(&self, rec: &JobRecord, held: bool) -> Result<JobState, JournalError> {
        if let Some(h) = self.handle(rec.id) {
            return Ok(h.state());
        }
        let origin = if held {
            Origin::Held
        } else {
            self.inner
                .journal
                .set_state(rec.id, JobState::Queued, None, None, None)?;
            Origin::Journal
        };
        self.track(rec.id, rec.spec.path.clone(), &rec.identity, origin);
        Ok(self.handle(rec.id).map_or(JobState::Queued, |h| h.state()))
    }

    fn track(&self, id: JobId, path: PathBuf, identity: &FileIdentity, origin: Origin) {
        let held = origin == Origin::Held;
        // A job from the journal shows the parts it already stored from the start (a paused
        // one would otherwise read 0 % until resumed).
        let stored = match origin {
            Origin::Fresh => 0,
            _ => self
                .inner
                .journal
                .parts(id)
                .map_or(0, |p| p.iter().map(|(_, _, n)| n).sum()),
        };
        let (control, _) = watch::channel(if held { Control::Pause } else { Control::Run });
        let state = if held {
            JobState::Paused
        } else {
            JobState::Queued
        };
        let handle = Arc::new(JobHandle {
            id,
            fresh: origin == Origin::Fresh,
            path,
            size: identity.size,
            bytes_done: AtomicU64::new(stored),
            control,
            held: AtomicBool::new(held),
            state: Mutex::new((state, None)),
            asset_id: Mutex::new(None),
            error: Mutex::new((None, None)),
            note: Mutex::new(None),
        });
        let totals = &self.inner.totals;
        totals
            .bytes_total
            .fetch_add(identity.size, Ordering::Relaxed);
        totals.bytes_done.fetch_add(stored, Ordering::Relaxed);
        totals.jobs_total.fetch_add(1, Ordering::Relaxed);
        let _ = self.inner.events.send(Event::Job(self.inner.view(&handle)));
        self.inner
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, handle);
        // A held job is parked, as if paused while queued: Resume sends it through.
        if !held {
            self.requeue(id);
        }
    }

    fn handle(&self, id: JobId) -> Option<Arc<JobHandle>> {
        self.inner
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
    }

    pub fn view(&self, id: JobId) -> Option<JobView> {
        self.handle(id).map(|h| self.inner.view(&h))
    }

    /// The user's pause: it lasts, across restarts too, until they resume the job.
    pub fn pause(&self, id: JobId) {
        if let Some(h) = self.handle(id)
            && !h.state().is_terminal()
        {
            h.held.store(true, Ordering::Relaxed);
            h.control.send_replace(Control::Pause);
        }
    }

    pub fn resume(&self, id: JobId) {
        if let Some(h) = self.handle(id) {
            h.held.store(false, Ordering::Relaxed);
            let was = *h.control.borrow();
            h.control.send_replace(Control::Run);
            if was == Control::Pause && h.state() == JobState::Paused {
                self.requeue(id);
            }
        }
    }

    pub fn cancel(&self, id: JobId) {
        if let Some(h) = self.handle(id)
            && !h.state().is_terminal()
        {
            let paused = h.state() == JobState::Paused || *h.control.borrow() == Control::Pause;
            h.control.send_replace(Control::Cancel);
            // A paused job has no runner to notice: send it through one to clean up.
            if paused && h.state() == JobState::Paused {
                self.requeue(id);
            }
        }
    }

    /// Sends a parked (paused) job through the dispatcher again.
    fn requeue(&self, id: JobId) {
        self.inner.active.fetch_add(1, Ordering::SeqCst);
        self.enqueue(id);
    }

    fn enqueue(&self, id: JobId) {
        self.inner
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back(id);
        self.inner.queued.notify_one();
    }

    fn ids(&self) -> Vec<JobId> {
        self.inner
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .copied()
            .collect()
    }

    /// Stops every job resumably, as a halt does (a profile switch, Ctrl-C): jobs the user did
    /// not pause continue by themselves at the next start.
    pub fn interrupt_all(&self) {
        self.inner.interrupt_all();
    }

    /// Continues every stopped job, after a halt too (its reason is dropped: a new one is
    /// kept if it happens again).
    pub fn resume_all(&self) {
        *self.inner.halted.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.ids().into_iter().for_each(|id| self.resume(id));
    }

    pub fn cancel_all(&self) {
        self.ids().into_iter().for_each(|id| self.cancel(id));
    }

    /// Bytes per second, 0 = unlimited; applies at once.
    pub fn set_bandwidth(&self, bytes_per_sec: u64) {
        self.inner.bandwidth.set_rate(bytes_per_sec);
    }

    /// The limits in force: bytes/s (0 = none), files at once, parts per file.
    pub fn limits(&self) -> (u64, usize, usize) {
        (
            self.inner.bandwidth.rate(),
            self.inner.file_limit.limit(),
            self.inner.parts_per_file.load(Ordering::Relaxed),
        )
    }

    pub fn set_concurrency(&self, files: usize, parts_per_file: usize, max_parts: usize) {
        self.inner.file_limit.set(files);
        self.inner
            .parts_per_file
            .store(parts_per_file.max(1), Ordering::Relaxed);
        self.inner.part_limit.set(max_parts);
    }

    /// Drops a job for good: an unfinished one is aborted and its asset confirmed CANCELLED
    /// on the service, then the journal forgets it. Returns whether the service acknowledged.
    pub async fn discard(&self, rec: &JobRecord) -> Result<bool, JournalError> {
        if !rec.state.is_closed() {
            // Closed first, so that a clean-up cut short (the app quits while the service is
            // slow to answer) still never resumes the job.
            self.inner.journal.set_state(
                rec.id,
                JobState::Cancelled,
                Some("discarded"),
                None,
                None,
            )?;
        }
        let acknowledged = if rec.state.is_terminal() && rec.state != JobState::Failed {
            true
        } else {
            flow::finish_on_service(&self.inner, rec, Abandon::Cancelled).await
        };
        self.inner.journal.delete(rec.id)?;
        Ok(acknowledged)
    }

    /// The user removed a settled job (finished, failed, cancelled or paused) from their
    /// queue: it leaves the engine and its totals, and if the journal would resume it, it is
    /// discarded in the background (see [`Self::discard`]) so no later start brings it back.
    /// Finished jobs keep their journal record as history. Refused (false) while the job is
    /// queued or running: cancel it first.
    pub fn forget(&self, id: JobId) -> bool {
        let mut jobs = self.inner.jobs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(h) = jobs.get(&id) {
            if !(h.state().is_terminal() || h.parked()) {
                return false;
            }
            let totals = &self.inner.totals;
            let done = h.bytes_done.load(Ordering::Relaxed);
            totals.bytes_total.fetch_sub(h.size, Ordering::Relaxed);
            totals.bytes_done.fetch_sub(done, Ordering::Relaxed);
            if h.state().is_terminal() && h.state() != JobState::Done {
                totals
                    .bytes_unsent
                    .fetch_sub(h.size.saturating_sub(done), Ordering::Relaxed);
            }
            totals.jobs_total.fetch_sub(1, Ordering::Relaxed);
            if h.state().is_terminal() {
                totals.jobs_finished.fetch_sub(1, Ordering::Relaxed);
            }
            jobs.remove(&id);
        }
        drop(jobs);
        let engine = self.clone();
        self.inner.rt.spawn(async move {
            let discarded = match engine.inner.journal.get(id) {
                Ok(Some(rec)) if !rec.state.is_closed() => engine.discard(&rec).await.map(|_| ()),
                Ok(_) => Ok(()),
                Err(e) => Err(e),
            };
            if let Err(e) = discarded {
                engine.inner.halt(&e.0);
            }
        });
        true
    }

    /// The whole queue's progress; speed over the last few seconds of samples (call it a few
    /// times a second).
    pub fn progress(&self) -> Progress {
        let t = &self.inner.totals;
        let bytes_done = t.bytes_done.load(Ordering::Relaxed);
        let bytes_total = t.bytes_total.load(Ordering::Relaxed);
        let bytes_left = t.bytes_left();
        let rate = self.inner.speed.sample(
            std::time::Instant::now(),
            t.bytes_sent.load(Ordering::Relaxed),
        );
        Progress {
            bytes_done,
            bytes_total,
            bytes_left,
            jobs_total: t.jobs_total.load(Ordering::Relaxed),
            jobs_finished: t.jobs_finished.load(Ordering::Relaxed),
            bytes_per_sec: rate,
            eta_secs: eta(bytes_left, rate),
        }
    }

    /// Most bytes held in part buffers at once (bounded by part size × parts in flight).
    pub fn peak_buffer_bytes(&self) -> u64 {
        self.inner.buffers.peak()
    }

    /// Why all uploads stopped, when the journal could not be written.
    pub fn halted(&self) -> Option<String> {
        self.inner
            .halted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits until no job is queued or running (paused jobs count as idle).
    pub async fn wait_idle(&self) {
        wait_idle(&self.inner).await;
    }
}

async fn wait_idle(inner: &Inner) {
    loop {
        let notified = inner.idle.notified();
        if inner.active.load(Ordering::SeqCst) == 0 {
            return;
        }
        notified.await;
    }
}

/// How often an engine waiting for the account's uploads tries again.
const OWNER_POLL: std::time::Duration = std::time::Duration::from_millis(500);

/// Takes the account's owner lock, waiting while another process holds it.
async fn own(inner: Arc<Inner>, path: std::path::PathBuf, label: String) {
    loop {
        if *inner.closed.borrow() {
            return;
        }
        let (p, l) = (path.clone(), label.clone());
        let tried = tokio::task::spawn_blocking(move || OwnerLock::try_acquire(&p, &l)).await;
        match tried {
            Ok(Ok(Ok(lock))) => {
                *inner.owner.lock().unwrap_or_else(|e| e.into_inner()) = Some(lock);
                *inner.held_by.lock().unwrap_or_else(|e| e.into_inner()) = None;
                inner.owned.send_replace(true);
                return;
            }
            Ok(Ok(Err(holder))) => {
                let mut held = inner.held_by.lock().unwrap_or_else(|e| e.into_inner());
                if held.is_none() {
                    tracing::info!(?holder, "the account's uploads are held by another process");
                }
                *held = Some(holder);
            }
            // A lock that cannot even be tried (a read-only folder) must not keep every upload
            // waiting: the journal's own writes will say what is wrong.
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the owner lock cannot be taken; going on without it");
                inner.owned.send_replace(true);
                return;
            }
            Err(_) => return,
        }
        tokio::time::sleep(OWNER_POLL).await;
    }
}

async fn dispatch(inner: Arc<Inner>) {
    let mut owned = inner.owned.subscribe();
    let mut closed = inner.closed.subscribe();
    loop {
        // Nothing runs before the account's uploads are this engine's; once closed, what is
        // queued is only parked (every job was told to stop).
        tokio::select! {
            _ = watch_wait::until(&mut owned, |o| *o) => {}
            _ = watch_wait::until(&mut closed, |c| *c) => {}
        }
        let notified = inner.queued.notified();
        let next = inner
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front();
        let Some(id) = next else {
            if *inner.closed.borrow() {
                return;
            }
            tokio::select! {
                _ = notified => {}
                _ = watch_wait::until(&mut closed, |c| *c) => {}
            }
            continue;
        };
        let Some(handle) = inner
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
        else {
            continue;
        };
        let control = *handle.control.borrow();
        if control == Control::Pause {
            // Paused while queued: parked until resumed.
            let _ = inner.set_state(&handle, JobState::Paused, None, None);
            settle(&inner);
            continue;
        }
        let permit = inner.file_limit.acquire().await;
        let inner2 = inner.clone();
        tokio::spawn(async move {
            run_job(&inner2, handle).await;
            drop(permit);
        });
    }
}

fn settle(inner: &Inner) {
    if inner.active.fetch_sub(1, Ordering::SeqCst) == 1 {
        inner.idle.notify_waiters();
    }
}

async fn run_job(inner: &Arc<Inner>, handle: Arc<JobHandle>) {
    let rec = match inner.journal.get(handle.id) {
        Ok(Some(r)) => r,
        Ok(None) => {
            settle(inner);
            return;
        }
        Err(e) => {
            *handle.state.lock().unwrap_or_else(|p| p.into_inner()) =
                (JobState::Failed, Some(e.0.clone()));
            let _ = inner.events.send(Event::Job(inner.view(&handle)));
            settle(inner);
            return;
        }
    };
    *handle.asset_id.lock().unwrap_or_else(|e| e.into_inner()) = rec.asset_id().map(str::to_string);
    // Closed meanwhile by the process that held the account's uploads before this one: what
    // it achieved stands (running it again would upload the file twice).
    if rec.state.is_closed() {
        if rec.state.is_terminal() {
            inner.totals.job_ended(&handle, rec.state);
        }
        *handle.state.lock().unwrap_or_else(|p| p.into_inner()) = (rec.state, rec.reason);
        let _ = inner.events.send(Event::Job(inner.view(&handle)));
        inner.totals.jobs_finished.fetch_add(1, Ordering::Relaxed);
        settle(inner);
        return;
    }
    let ctx = JobCtx {
        inner: inner.clone(),
        handle: handle.clone(),
        control: handle.control.subscribe(),
    };
    let outcome = if *handle.control.borrow() == Control::Cancel {
        Ok(Outcome::Cancelled)
    } else {
        flow::run(&ctx, rec).await
    };
    // The journal now holds what the run achieved (asset, upload id, parts); read only where
    // clean-up needs it, not once more for every finished file.
    let reread = || inner.journal.get(handle.id).ok().flatten();
    let set_asset =
        |id: Option<String>| *handle.asset_id.lock().unwrap_or_else(|e| e.into_inner()) = id;
    let result = match outcome {
        Ok(Outcome::Done { asset_id }) => {
            set_asset(Some(asset_id.clone()));
            // The file is remembered as uploaded to this asset in the same commit.
            match inner.journal.done(handle.id, &asset_id) {
                Ok(()) => inner.set_state(&handle, JobState::Done, None, None),
                Err(e) => Err(e),
            }
        }
        Ok(Outcome::Skipped { asset_id }) => {
            set_asset(Some(asset_id.clone()));
            inner.set_state(
                &handle,
                JobState::Skipped,
                Some(format!("already uploaded as {asset_id}")),
                None,
            )
        }
        Ok(Outcome::Paused) => inner.set_state(&handle, JobState::Paused, None, None),
        Ok(Outcome::Cancelled) => {
            if let Some(r) = &reread() {
                flow::finish_on_service(inner, r, Abandon::Cancelled).await;
            }
            inner.set_state(&handle, JobState::Cancelled, Some("cancelled".into()), None)
        }
        // The service is gone (after every retry): stop everything resumably rather than fail
        // job after job; `--resume` continues once it is back.
        Err(e)
            if e.journal
                || e.api
                    .as_ref()
                    .is_some_and(|a| a.kind == crate::provider::ErrorKind::Unreachable) =>
        {
            inner.halt(&e.message);
            *handle.state.lock().unwrap_or_else(|p| p.into_inner()) =
                (JobState::Paused, Some(e.message.clone()));
            let _ = inner.events.send(Event::Job(inner.view(&handle)));
            Ok(())
        }
        Err(e) => {
            if let Some(r) = &reread() {
                set_asset(r.asset_id().map(str::to_string));
                // The session is given up only when the service agreed; otherwise a later
                // resume can still continue it.
                if flow::finish_on_service(inner, r, Abandon::Failed).await {
                    let _ = inner.journal.reset_session(r.id);
                }
            }
            inner.set_state(
                &handle,
                JobState::Failed,
                Some(e.message.clone()),
                e.api.as_deref(),
            )
        }
    };
    if let Err(e) = result {
        inner.halt(&e.0);
        *handle.state.lock().unwrap_or_else(|p| p.into_inner()) = (JobState::Paused, Some(e.0));
        let _ = inner.events.send(Event::Job(inner.view(&handle)));
    }
    let state = handle.state();
    if state.is_terminal() {
        inner.totals.jobs_finished.fetch_add(1, Ordering::Relaxed);
    }
    settle(inner);
}
