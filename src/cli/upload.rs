//! `vodesk upload`: files and folders through the upload engine — concurrent, resumable
//! (re-running the same command continues interrupted jobs), paced and bandwidth-limited.
//! Named files are validated before any request is sent; folders are walked in the
//! background and their files stream into the queue while uploads run.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use serde::Serialize;
use tokio::sync::mpsc;
use vodesk_core::engine::bandwidth::parse_rate;
use vodesk_core::engine::progress::Progress;
use vodesk_core::engine::walk::{Walked, walk};
use vodesk_core::engine::{
    AddError, Added, BringBack, Engine, EngineConfig, Event, JobId, JobSpec, JobState, JobView,
    Journal,
};
use vodesk_core::model::{Limits, MediaType, UploadMetadata};
use vodesk_core::provider::api::AssetQuery;

use super::CliError;
use super::metadata_args::MetadataArgs;
use super::output::{human_size, print_json};
use crate::connection::{Connection, data_dir};

#[derive(Args, Debug)]
pub struct UploadArgs {
    /// Files and folders to upload (folders are walked recursively).
    #[arg(value_name = "PATH", required_unless_present = "resume")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub metadata: MetadataArgs,
    /// Skip files the service already has (same size and first-KiB MD5).
    #[arg(long)]
    pub skip_duplicates: bool,
    /// Upload files again that this account has from an earlier upload (by default they are
    /// reported as already uploaded and nothing is created).
    #[arg(long)]
    pub again: bool,
    /// Also continue every interrupted upload of this account.
    #[arg(long)]
    pub resume: bool,
    /// Files uploading at once.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub concurrency: usize,
    /// Parts of one file in flight at once.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub parts: usize,
    /// Part size for multipart uploads (grown so a file has at most 1,000 parts), e.g. 16M.
    #[arg(long, default_value = "10M", value_name = "SIZE")]
    pub part_size: String,
    /// Bandwidth limit for all transfers, e.g. 20M (bytes per second); 0 or off = unlimited.
    #[arg(long, default_value = "0", value_name = "RATE")]
    pub bwlimit: String,
}

/// One file ready to go.
pub struct Job {
    pub path: PathBuf,
    pub size: u64,
    pub media: MediaType,
    pub metadata: UploadMetadata,
}

/// What `upload` will do, decided before connecting.
pub struct Plan {
    /// Named files, all validated.
    pub files: Vec<Job>,
    /// Folders to walk while uploading.
    pub folders: Vec<PathBuf>,
    pub part_size: u64,
    pub bwlimit: u64,
}

fn short_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => t!("cli-not-found"),
        std::io::ErrorKind::PermissionDenied => t!("cli-permission-denied"),
        _ => e.to_string(),
    }
}

fn no_media() -> CliError {
    CliError::usage(t!("cli-no-media", formats = (MediaType::supported_list())))
}

/// Why a file cannot be queued: `None` = not a media file (ignored inside folders).
fn check_file(path: &Path, args: &UploadArgs, limits: &Limits) -> Result<Job, Option<String>> {
    let Some(media) = MediaType::from_path(path) else {
        return Err(None);
    };
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Some(t!(
            "cli-cannot-read",
            path = shown.as_str(),
            why = (short_io(&e))
        ))
    })?;
    if !meta.is_file() {
        return Err(Some(t!("cli-not-regular", path = shown.as_str())));
    }
    if meta.len() == 0 {
        return Err(Some(t!("cli-empty-file", path = shown.as_str())));
    }
    std::fs::File::open(path).map_err(|e| {
        Some(t!(
            "cli-cannot-open",
            path = shown.as_str(),
            why = (short_io(&e))
        ))
    })?;
    let metadata = args.metadata.build(Some(path), limits).map_err(|e| {
        Some(t!(
            "cli-file-problem",
            path = shown.as_str(),
            problem = (e.to_string())
        ))
    })?;
    Ok(Job {
        path: path.to_path_buf(),
        size: meta.len(),
        media,
        metadata,
    })
}

/// Parses the options and validates every named file and its metadata, under the provider's
/// limits.
pub fn prepare(args: &UploadArgs, limits: &Limits) -> Result<Plan, CliError> {
    let part_size = parse_rate(&args.part_size)
        .filter(|s| (1024 * 1024..=5 * 1024 * 1024 * 1024).contains(s))
        .ok_or_else(|| {
            CliError::usage(t!("cli-bad-part-size", value = (args.part_size.as_str())))
        })?;
    let bwlimit = parse_rate(&args.bwlimit)
        .ok_or_else(|| CliError::usage(t!("cli-bad-bwlimit", value = (args.bwlimit.as_str()))))?;
    if args.concurrency == 0 || args.parts == 0 {
        return Err(CliError::usage(t!("cli-zero-concurrency")));
    }
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for p in &args.paths {
        let meta = std::fs::metadata(p).map_err(|e| {
            CliError::usage(t!(
                "cli-cannot-read",
                path = (p.display().to_string()),
                why = (short_io(&e))
            ))
        })?;
        if meta.is_dir() {
            folders.push(p.clone());
            continue;
        }
        match check_file(p, args, limits) {
            Ok(job) => files.push(job),
            Err(None) => {
                return Err(CliError::usage(t!(
                    "cli-not-media",
                    path = (p.display().to_string()),
                    formats = (MediaType::supported_list())
                )));
            }
            Err(Some(why)) => return Err(CliError::usage(why)),
        }
    }
    Ok(Plan {
        files,
        folders,
        part_size,
        bwlimit,
    })
}

/// The total line: bytes stored of those to store (files that will not be sent — skipped,
/// failed — leave the total), files finished of those found, speed and time left; "finding
/// more…" only while folders are still being walked.
fn draw_total(bar: &ProgressBar, p: &Progress, finished: usize, files: usize, walking: bool) {
    let total = p.bytes_done + p.bytes_left;
    // Nothing known yet is 0 of 1 (indicatif draws 0 of 0 as a full bar).
    bar.set_length(total.max(1));
    bar.set_position(p.bytes_done);
    let done = human_size(p.bytes_done as i64);
    let total = human_size(total as i64);
    let speed = human_size(p.bytes_per_sec as i64);
    let left = p
        .eta_secs
        .map(crate::format::clock)
        .unwrap_or_else(|| "–".to_string());
    let walking = if walking { "yes" } else { "no" };
    bar.set_message(t!(
        "cli-total",
        done = done,
        total = total,
        speed = speed,
        left = left,
        finished = finished,
        files = files,
        walking = walking
    ));
}

/// Walks `folders` on a blocking thread (see `engine::walk`), sending what it finds.
fn spawn_walker(folders: Vec<PathBuf>) -> mpsc::Receiver<Walked> {
    let (tx, rx) = mpsc::channel(64);
    tokio::task::spawn_blocking(move || {
        walk(&folders, 64, &mut |w| tx.blocking_send(w).is_ok());
    });
    rx
}

#[derive(Serialize)]
struct FileResult {
    path: String,
    asset_id: Option<String>,
    status: &'static str,
    size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

pub fn open_journal() -> Result<Arc<Journal>, CliError> {
    Journal::open(&data_dir().join("journal.db"))
        .map(Arc::new)
        .map_err(|e| CliError::Other(e.0))
}

/// Prints one finished file (a line, or a JSON line).
fn report(json: bool, v: &JobView) {
    let path = v.path.display().to_string();
    let status = match v.state {
        JobState::Done => "done",
        JobState::Skipped => "skipped",
        JobState::Cancelled => "cancelled",
        _ => "failed",
    };
    if json {
        print_json(&FileResult {
            path,
            asset_id: v.asset_id.clone(),
            status,
            size: v.size,
            error: (v.state == JobState::Failed).then(|| v.reason.clone().unwrap_or_default()),
            error_code: v.error_code.clone(),
            request_id: v.request_id.clone(),
            note: v.note.clone(),
        });
        return;
    }
    if let Some(n) = &v.note {
        eprintln!(
            "{}",
            t!("cli-file-note", path = path.as_str(), note = n.as_str())
        );
    }
    let reason = v.reason.clone().unwrap_or_default();
    match v.state {
        JobState::Done => println!(
            "{}",
            t!(
                "cli-file-uploaded",
                path = path.as_str(),
                asset = (v.asset_id.clone().unwrap_or_default()),
                size = (human_size(v.size as i64))
            )
        ),
        JobState::Skipped => println!(
            "{}",
            t!("cli-file-skipped", path = path.as_str(), reason = reason)
        ),
        JobState::Cancelled => eprintln!("{}", t!("cli-file-cancelled", path = path.as_str())),
        // The reason already names the service's error code and request id.
        _ => eprintln!(
            "{}",
            t!("cli-file-failed", path = path.as_str(), reason = reason)
        ),
    }
}

/// Reports a file that never became a job.
fn report_refused(json: bool, path: &Path, size: u64, why: &str) {
    if json {
        print_json(&FileResult {
            path: path.display().to_string(),
            asset_id: None,
            status: "failed",
            size,
            error: Some(why.to_string()),
            error_code: None,
            request_id: None,
            note: None,
        });
    } else {
        let path = path.display().to_string();
        eprintln!("{}", t!("cli-file-failed", path = path, reason = why));
    }
}

/// Reports a file found in a folder that is not media (nothing was queued for it).
fn report_not_media(json: bool, path: &Path) {
    let why = crate::words::not_media_reason(path);
    if json {
        print_json(&FileResult {
            path: path.display().to_string(),
            asset_id: None,
            status: "not_media",
            size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            error: None,
            error_code: None,
            request_id: None,
            note: Some(why),
        });
    } else {
        let path = path.display().to_string();
        eprintln!("{}", t!("cli-left-out", path = path, reason = why));
    }
}

/// Reports a file this account has from an earlier upload (nothing was queued for it).
fn report_already(json: bool, path: &Path, size: u64, asset_id: &str) {
    if json {
        print_json(&FileResult {
            path: path.display().to_string(),
            asset_id: Some(asset_id.to_string()),
            status: "already_uploaded",
            size,
            error: None,
            error_code: None,
            request_id: None,
            note: None,
        });
    } else {
        let path = path.display().to_string();
        println!("{}", t!("cli-file-already", path = path, asset = asset_id));
    }
}

/// The queueing side of a run: turns files into jobs (the engine continues a job an earlier
/// run left for the same file, and names the asset of a file uploaded before).
struct Queuer<'a> {
    engine: &'a Engine,
    skip_duplicates: bool,
    again: bool,
    json: bool,
    queued: HashSet<JobId>,
    refused: usize,
    already: usize,
    /// Files in the folders that are not media, reported and left out.
    not_media: usize,
    journal_error: Option<String>,
}

impl Queuer<'_> {
    async fn queue(&mut self, job: Job) {
        if self.journal_error.is_some() {
            return;
        }
        let spec = JobSpec {
            path: job.path.clone(),
            media: job.media.code.clone(),
            metadata: job.metadata,
            skip_duplicates: self.skip_duplicates,
            again: self.again,
        };
        match self.engine.add(spec).await {
            Ok(Added::Queued(id) | Added::Resumed(id)) => {
                self.queued.insert(id);
            }
            Ok(Added::AlreadyUploaded { asset_id }) => {
                self.already += 1;
                report_already(self.json, &job.path, job.size, &asset_id);
            }
            Err(AddError::Journal(e)) => self.halt(e.0),
            Err(e) => {
                self.refused += 1;
                report_refused(self.json, &job.path, job.size, &e.to_string());
            }
        }
    }

    /// Without a journal nothing could resume: stop everything, resumable.
    fn halt(&mut self, reason: String) {
        self.engine.interrupt_all();
        self.journal_error.get_or_insert(reason);
    }
}

/// How long to wait for the account's uploads before saying another process has them.
const OWNER_GRACE: Duration = Duration::from_secs(1);

/// Says so when another vodesk holds this account's uploads; the jobs wait for it (they never
/// run in two processes at once).
async fn wait_for_owner(engine: &Engine, json: bool) {
    if tokio::time::timeout(OWNER_GRACE, engine.wait_owner())
        .await
        .is_err()
        && let Some(holder) = engine.held_by()
    {
        let words = crate::words::holder(&holder);
        let line = t!("cli-waiting-owner", holder = words);
        if json {
            eprintln!(
                "{}",
                serde_json::json!({ "waiting_for": holder, "message": line })
            );
        } else {
            eprintln!("{line}");
        }
    }
}

pub async fn run(
    conn: &Connection,
    args: UploadArgs,
    plan: Plan,
    json: bool,
) -> Result<(), CliError> {
    // One cheap signed call first: wrong keys or an unreachable endpoint are one clear error,
    // not a failure per file after every retry. The call is retried by the client's own policy
    // (management calls are); another retry around it would multiply the attempts and report a
    // dead endpoint only after minutes.
    let query = AssetQuery {
        page_size: 1,
        ..Default::default()
    };
    conn.vod.list_assets(&query, None).await?;
    let journal = open_journal()?;
    let limits = conn.vod.capabilities().limits;
    let config = EngineConfig {
        concurrent_files: args.concurrency,
        parts_per_file: args.parts,
        // 8 × 10 MiB parts bound the buffers at 80 MiB whatever the number of files.
        max_parts_in_flight: (args.concurrency * args.parts).min(args.parts.max(8)),
        part_size: plan.part_size,
        bandwidth: plan.bwlimit,
        owner_label: "vodesk upload".to_string(),
        ..EngineConfig::default()
    };
    let (engine, mut events) = Engine::new(conn.vod.clone(), journal.clone(), config);
    wait_for_owner(&engine, json).await;
    let mut q = Queuer {
        engine: &engine,
        skip_duplicates: args.skip_duplicates,
        again: args.again,
        json,
        queued: HashSet::new(),
        refused: 0,
        already: 0,
        not_media: 0,
        journal_error: None,
    };
    if args.resume {
        match engine.bring_back_unfinished(BringBack::All) {
            Ok(records) => q.queued.extend(records.iter().map(|r| r.id)),
            Err(e) => q.halt(e.0),
        }
    }
    for job in plan.files {
        q.queue(job).await;
    }
    let mut walker = (!plan.folders.is_empty()).then(|| spawn_walker(plan.folders));

    let started = Instant::now();
    let bars = (!json && std::io::stderr().is_terminal()).then(MultiProgress::new);
    let total_bar = bars.as_ref().map(|m| {
        let b = m.add(ProgressBar::new(0));
        b.set_style(
            ProgressStyle::with_template("{prefix} {bar:30} {msg}")
                .expect("template")
                .progress_chars("=> "),
        );
        b.set_prefix(t!("cli-total-prefix"));
        b
    });
    let mut job_bars: HashMap<JobId, ProgressBar> = HashMap::new();
    let (mut done, mut skipped, mut failed, mut cancelled) = (0usize, 0usize, 0usize, 0usize);
    let mut finished: HashSet<JobId> = HashSet::new();
    let mut paused: HashSet<JobId> = HashSet::new();
    let mut interrupted = false;
    let mut ticker = tokio::time::interval(Duration::from_millis(200));
    loop {
        if q.journal_error.is_some() || engine.halted().is_some() {
            interrupted = true;
        }
        if interrupted {
            // Nothing more is queued once stopping.
            walker = None;
        }
        let walking = walker.is_some();
        // `finished` and `paused` only hold queued jobs and never the same one, so counting is
        // O(1) per event (a scan here made a large batch quadratic).
        let open = q.queued.len() - finished.len() - if interrupted { paused.len() } else { 0 };
        if !walking && open == 0 {
            break;
        }
        tokio::select! {
            item = async { walker.as_mut().expect("walking").recv().await }, if walking && !interrupted => {
                match item {
                    Some(Walked::Files(files)) => {
                        for (path, size) in files {
                            match check_file(&path, &args, &limits) {
                                Ok(job) => q.queue(job).await,
                                Err(None) => {}
                                Err(Some(why)) => {
                                    q.refused += 1;
                                    report_refused(json, &path, size, &why);
                                }
                            }
                        }
                    }
                    Some(Walked::Problem(path, why)) => {
                        q.refused += 1;
                        report_refused(json, &path, 0, &why);
                    }
                    Some(Walked::NotMedia(paths)) => {
                        q.not_media += paths.len();
                        for path in paths {
                            match &bars {
                                Some(m) => m.suspend(|| report_not_media(json, &path)),
                                None => report_not_media(json, &path),
                            }
                        }
                    }
                    None => walker = None,
                }
            }
            ev = events.recv() => {
                let Some(Event::Job(v)) = ev else { break };
                if v.state.is_terminal() && q.queued.contains(&v.id) && finished.insert(v.id) {
                    paused.remove(&v.id);
                    if let Some(b) = job_bars.remove(&v.id) {
                        b.finish_and_clear();
                    }
                    match v.state {
                        JobState::Done => done += 1,
                        JobState::Skipped => skipped += 1,
                        JobState::Cancelled => cancelled += 1,
                        _ => failed += 1,
                    }
                    match &bars {
                        Some(m) => m.suspend(|| report(json, &v)),
                        None => report(json, &v),
                    }
                    // The count moves as each file finishes, not at the next tick.
                    if let Some(t) = &total_bar {
                        let finished = done + skipped + q.already + failed + cancelled;
                        let files = q.queued.len() + q.refused + q.already;
                        draw_total(t, &engine.progress(), finished, files, walker.is_some());
                    }
                } else if v.state == JobState::Paused {
                    if q.queued.contains(&v.id) && !finished.contains(&v.id) {
                        paused.insert(v.id);
                    }
                } else if paused.remove(&v.id) {
                    // Running again.
                } else if let Some(m) = &bars
                    && v.state == JobState::Uploading
                    && !job_bars.contains_key(&v.id)
                {
                    let b = m.add(ProgressBar::new(v.size));
                    b.set_style(ProgressStyle::with_template("{msg:30!} {bar:30} {bytes}/{total_bytes} {bytes_per_sec}").expect("template").progress_chars("=> "));
                    b.set_message(v.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
                    job_bars.insert(v.id, b);
                }
            }
            _ = ticker.tick() => {
                if let Some(t) = &total_bar {
                    let finished = done + skipped + q.already + failed + cancelled;
                    let files = q.queued.len() + q.refused + q.already;
                    draw_total(t, &engine.progress(), finished, files, walker.is_some());
                }
                for (id, b) in &job_bars {
                    if let Some(v) = engine.view(*id) {
                        b.set_position(v.bytes_done);
                    }
                }
            }
            _ = tokio::signal::ctrl_c(), if !interrupted => {
                interrupted = true;
                walker = None;
                engine.interrupt_all();
                if !json {
                    eprintln!("{}", t!("cli-pausing"));
                }
            }
        }
    }
    // The last state stays on screen above the summary: all bytes, every file.
    if let Some(t) = total_bar {
        let finished = done + skipped + q.already + failed + cancelled;
        let files = q.queued.len() + q.refused + q.already;
        draw_total(&t, &engine.progress(), finished, files, false);
        t.finish();
    }
    // Every bar is finished: the summary goes below them, on a line of its own.
    for b in job_bars.into_values() {
        b.finish_and_clear();
    }
    drop(bars);
    failed += q.refused;
    let already = q.already;
    if q.queued.is_empty() && failed == 0 && already == 0 && q.journal_error.is_none() {
        if args.paths.is_empty() {
            if !json {
                eprintln!("{}", t!("cli-nothing-to-resume"));
            }
            return Ok(());
        }
        return Err(no_media());
    }
    let secs = started.elapsed().as_secs_f64().max(0.001);
    let totals = engine.totals();
    let bytes = totals.bytes_done.load(Ordering::Relaxed);
    let sent = totals.bytes_sent.load(Ordering::Relaxed);
    let open = q.queued.len() - finished.len();
    if json {
        print_json(&serde_json::json!({ "summary": {
            "uploaded": done, "skipped": skipped, "already_uploaded": already,
            "failed": failed, "cancelled": cancelled, "not_media": q.not_media,
            "interrupted": open, "bytes": bytes, "bytes_sent": sent, "seconds": secs,
        } }));
    } else {
        let line = t!(
            "cli-upload-summary",
            done = done,
            already = already,
            skipped = skipped,
            failed = failed,
            size = (human_size(bytes as i64)),
            secs = (format!("{secs:.1}")),
            rate = (human_size((sent as f64 / secs) as i64))
        );
        eprintln!("{line}");
        if q.not_media > 0 {
            let formats = MediaType::supported_list();
            eprintln!(
                "{}",
                t!("cli-left-out-summary", n = q.not_media, formats = formats)
            );
        }
    }
    if let Some(reason) = engine.halted() {
        return Err(CliError::Other(t!("cli-uploads-halted", reason = reason)));
    }
    if let Some(reason) = q.journal_error {
        return Err(CliError::Other(reason));
    }
    if interrupted {
        return Err(CliError::Partial(t!("cli-uploads-paused", n = open)));
    }
    if failed > 0 || cancelled > 0 {
        let (n, total) = (
            failed + cancelled,
            done + skipped + already + failed + cancelled,
        );
        return Err(CliError::Partial(t!(
            "cli-files-not-uploaded",
            n = n,
            total = total
        )));
    }
    Ok(())
}
