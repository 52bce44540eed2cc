//! `vodesk upload`: files and folders through the upload engine — concurrent, resumable
//! (re-running the same command continues interrupted jobs), paced and bandwidth-limited.
//! Explicitly named files are validated before any request is sent.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use serde::Serialize;
use vodesk_core::engine::bandwidth::parse_rate;
use vodesk_core::engine::core::AddError;
use vodesk_core::engine::{
    Engine, EngineConfig, Event, JobId, JobSpec, JobState, JobView, Journal,
};
use vodesk_core::model::{MediaType, UploadMetadata};

use super::CliError;
use super::connect::{Connection, data_dir};
use super::metadata_args::MetadataArgs;
use super::output::{human_size, print_json};

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
    /// Also continue every interrupted upload of this account.
    #[arg(long)]
    pub resume: bool,
    /// Files uploading at once.
    #[arg(long, default_value_t = 3, value_name = "N")]
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
    pub jobs: Vec<Job>,
    /// Files in folders that were left out, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    pub part_size: u64,
    pub bwlimit: u64,
}

/// Expands folders and validates every file and its metadata.
pub fn prepare(args: &UploadArgs) -> Result<Plan, CliError> {
    let part_size = parse_rate(&args.part_size)
        .filter(|s| (1024 * 1024..=5 * 1024 * 1024 * 1024).contains(s))
        .ok_or_else(|| {
            CliError::usage(format!(
                "--part-size {} is not a size between 1M and 5G",
                args.part_size
            ))
        })?;
    let bwlimit = parse_rate(&args.bwlimit).ok_or_else(|| {
        CliError::usage(format!(
            "--bwlimit {} is not a rate; write e.g. 20M or off",
            args.bwlimit
        ))
    })?;
    if args.concurrency == 0 || args.parts == 0 {
        return Err(CliError::usage(
            "--concurrency and --parts must be at least 1",
        ));
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in &args.paths {
        let meta = std::fs::metadata(p).map_err(|e| {
            CliError::usage(format!(
                "{} cannot be read ({}); check the path",
                p.display(),
                short_io(&e)
            ))
        })?;
        if meta.is_dir() {
            walk(p, &mut files, &mut skipped)?;
        } else {
            files.push((p.clone(), true));
        }
    }
    if files.is_empty() && !args.resume {
        return Err(CliError::usage(
            "no media files found in the given folders; supported formats: ".to_string()
                + &MediaType::supported_list(),
        ));
    }
    let mut jobs = Vec::new();
    for (path, explicit) in files {
        let refuse = |msg: String| -> Result<(), CliError> {
            if explicit {
                Err(CliError::usage(msg))
            } else {
                Ok(())
            }
        };
        let Some(media) = MediaType::from_path(&path) else {
            refuse(format!(
                "{} is not a supported media file; supported formats: {}",
                path.display(),
                MediaType::supported_list()
            ))?;
            continue;
        };
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let msg = format!(
                    "{} cannot be read ({}); check the path",
                    path.display(),
                    short_io(&e)
                );
                refuse(msg.clone())?;
                skipped.push((path, msg));
                continue;
            }
        };
        if !meta.is_file() {
            refuse(format!(
                "{} is not a regular file; give a media file or a folder",
                path.display()
            ))?;
            continue;
        }
        if meta.len() == 0 {
            let msg = format!(
                "{} is empty (0 bytes); remove it from the batch",
                path.display()
            );
            refuse(msg.clone())?;
            skipped.push((path, msg));
            continue;
        }
        if let Err(e) = std::fs::File::open(&path) {
            let msg = format!(
                "{} cannot be opened ({}); check its permissions",
                path.display(),
                short_io(&e)
            );
            refuse(msg.clone())?;
            skipped.push((path, msg));
            continue;
        }
        let metadata = args.metadata.build(Some(&path)).map_err(|e| match e {
            CliError::Usage(m) => CliError::Usage(format!("{}: {m}", path.display())),
            other => other,
        })?;
        jobs.push(Job {
            path,
            size: meta.len(),
            media,
            metadata,
        });
    }
    if jobs.is_empty() && skipped.is_empty() && !args.resume {
        return Err(CliError::usage(
            "no media files found in the given folders; supported formats: ".to_string()
                + &MediaType::supported_list(),
        ));
    }
    Ok(Plan {
        jobs,
        skipped,
        part_size,
        bwlimit,
    })
}

fn short_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Recursive walk in name order. Symlinked folders are not followed (no loops); unreadable
/// folders are reported and left out.
fn walk(
    dir: &Path,
    out: &mut Vec<(PathBuf, bool)>,
    skipped: &mut Vec<(PathBuf, String)>,
) -> Result<(), CliError> {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).collect(),
        Err(e) => {
            skipped.push((
                dir.to_path_buf(),
                format!(
                    "folder {} cannot be read ({}); check its permissions",
                    dir.display(),
                    short_io(&e)
                ),
            ));
            return Ok(());
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(ft) = e.file_type() else { continue };
        let path = e.path();
        if ft.is_dir() {
            walk(&path, out, skipped)?;
        } else if ft.is_file() || (ft.is_symlink() && path.is_file()) {
            out.push((path, false));
        }
    }
    Ok(())
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
}

fn journal_path() -> PathBuf {
    data_dir().join("journal.db")
}

pub fn open_journal() -> Result<Arc<Journal>, CliError> {
    Journal::open(&journal_path())
        .map(Arc::new)
        .map_err(|e| CliError::Other(e.0))
}

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
        });
    } else {
        match v.state {
            JobState::Done => println!(
                "{path}  {}  uploaded ({})",
                v.asset_id.clone().unwrap_or_default(),
                human_size(v.size as i64)
            ),
            JobState::Skipped => {
                println!("{path}  skipped: {}", v.reason.clone().unwrap_or_default())
            }
            JobState::Cancelled => eprintln!("{path}  cancelled"),
            _ => {
                // The reason already names the service's error code and request id.
                let reason = v.reason.clone().unwrap_or_default();
                eprintln!("{path}  failed: {reason}");
            }
        }
    }
}

pub async fn run(
    conn: &Connection,
    args: UploadArgs,
    plan: Plan,
    json: bool,
) -> Result<(), CliError> {
    let journal = open_journal()?;
    let target = conn.journal_target();
    let config = EngineConfig {
        concurrent_files: args.concurrency,
        parts_per_file: args.parts,
        max_parts_in_flight: (args.concurrency * args.parts).min(32),
        part_size: plan.part_size,
        bandwidth: plan.bwlimit,
        ..EngineConfig::default()
    };
    let (engine, mut events) =
        Engine::new(conn.vod.clone(), journal.clone(), target.clone(), config);

    let mut failed_before = 0usize;
    for (path, why) in &plan.skipped {
        failed_before += 1;
        if json {
            print_json(&FileResult {
                path: path.display().to_string(),
                asset_id: None,
                status: "failed",
                size: 0,
                error: Some(why.clone()),
                error_code: None,
                request_id: None,
            });
        } else {
            eprintln!("{}  failed: {why}", path.display());
        }
    }
    // Continue interrupted jobs: every one with --resume, else those of the named files.
    let mut queued: Vec<JobId> = Vec::new();
    let mut journal_error: Option<String> = None;
    let mut interrupted = false;
    if args.resume {
        for rec in journal
            .unfinished(&target)
            .map_err(|e| CliError::Other(e.0))?
        {
            engine
                .resume_record(&rec)
                .map_err(|e| CliError::Other(e.0))?;
            queued.push(rec.id);
        }
    }
    for job in plan.jobs {
        let spec = JobSpec {
            path: job.path.clone(),
            media: job.media.code.clone(),
            metadata: job.metadata,
            skip_duplicates: args.skip_duplicates,
        };
        let existing = journal
            .find_unfinished(&target, &job.path)
            .map_err(|e| CliError::Other(e.0))?;
        if let Some(rec) = existing {
            if queued.contains(&rec.id) {
                continue;
            }
            let same = vodesk_core::engine::identity::read_identity(&job.path)
                .is_ok_and(|i| i == rec.identity);
            if same {
                engine
                    .resume_record(&rec)
                    .map_err(|e| CliError::Other(e.0))?;
                queued.push(rec.id);
                continue;
            }
            // The file changed since that job was queued: its asset is dropped, a new job starts.
            engine
                .discard(&rec)
                .await
                .map_err(|e| CliError::Other(e.0))?;
        }
        match engine.add(spec).await {
            Ok(id) => queued.push(id),
            Err(AddError::Journal(e)) => {
                // Without a journal nothing could resume: stop everything, resumable.
                engine.pause_all();
                journal_error = Some(e.0);
                break;
            }
            Err(e) => {
                failed_before += 1;
                if json {
                    print_json(&FileResult {
                        path: job.path.display().to_string(),
                        asset_id: None,
                        status: "failed",
                        size: job.size,
                        error: Some(e.to_string()),
                        error_code: None,
                        request_id: None,
                    });
                } else {
                    eprintln!("{}  failed: {e}", job.path.display());
                }
            }
        }
    }
    if let Some(e) = &journal_error
        && queued.is_empty()
    {
        return Err(CliError::Other(e.clone()));
    }
    if queued.is_empty() {
        if failed_before > 0 {
            return Err(CliError::Partial(format!("{failed_before} files failed")));
        }
        if !json {
            eprintln!("nothing to upload: no interrupted uploads for this account");
        }
        return Ok(());
    }

    let started = Instant::now();
    let bars = (!json && std::io::stderr().is_terminal()).then(MultiProgress::new);
    let total_bar = bars.as_ref().map(|m| {
        let b = m.add(ProgressBar::new(
            engine
                .totals()
                .bytes_total
                .load(std::sync::atomic::Ordering::Relaxed),
        ));
        b.set_style(
            ProgressStyle::with_template(
                "total {bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}  {msg}",
            )
            .expect("template")
            .progress_chars("=> "),
        );
        b
    });
    let mut job_bars: HashMap<JobId, ProgressBar> = HashMap::new();
    let (mut done, mut skipped, mut failed, mut cancelled) =
        (0usize, 0usize, failed_before, 0usize);
    let mut remaining: std::collections::HashSet<JobId> = queued.iter().copied().collect();
    if journal_error.is_some() {
        interrupted = true;
    }
    let mut ticker = tokio::time::interval(Duration::from_millis(200));
    while !remaining.is_empty() {
        tokio::select! {
            ev = events.recv() => {
                let Some(Event::Job(v)) = ev else { break };
                if v.state.is_terminal() && remaining.remove(&v.id) {
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
                } else if v.state == JobState::Paused && interrupted {
                    remaining.remove(&v.id);
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
                if engine.halted().is_some() {
                    interrupted = true;
                }
                if let Some(t) = &total_bar {
                    t.set_position(engine.totals().bytes_done.load(std::sync::atomic::Ordering::Relaxed));
                    t.set_message(format!("{done} done, {failed} failed"));
                }
                for (id, b) in &job_bars {
                    if let Some(v) = engine.view(*id) {
                        b.set_position(v.bytes_done);
                    }
                }
            }
            _ = tokio::signal::ctrl_c(), if !interrupted => {
                interrupted = true;
                engine.pause_all();
                if !json {
                    eprintln!("pausing: finishing the parts in flight…");
                }
            }
        }
        if interrupted
            && remaining.iter().all(|id| {
                engine
                    .view(*id)
                    .is_none_or(|v| v.state == JobState::Paused || v.state.is_terminal())
            })
        {
            break;
        }
    }
    if let Some(t) = total_bar {
        t.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64().max(0.001);
    let bytes = engine
        .totals()
        .bytes_done
        .load(std::sync::atomic::Ordering::Relaxed);
    if json {
        print_json(
            &serde_json::json!({ "summary": { "uploaded": done, "skipped": skipped, "failed": failed, "cancelled": cancelled, "interrupted": remaining.len(), "bytes": bytes, "bytes_sent": engine.totals().bytes_sent.load(std::sync::atomic::Ordering::Relaxed), "seconds": secs } }),
        );
    } else {
        eprintln!(
            "{done} uploaded, {skipped} skipped, {failed} failed — {} in {secs:.1} s ({}/s)",
            human_size(bytes as i64),
            human_size((bytes as f64 / secs) as i64)
        );
    }
    if let Some(reason) = engine.halted().or(journal_error) {
        return Err(CliError::Other(reason));
    }
    if interrupted {
        return Err(CliError::Partial(format!(
            "{} uploads paused; run `vodesk upload --resume` to continue them",
            remaining.len()
        )));
    }
    if failed > 0 || cancelled > 0 {
        return Err(CliError::Partial(format!(
            "{} of {} files did not upload",
            failed + cancelled,
            done + skipped + failed + cancelled
        )));
    }
    Ok(())
}
