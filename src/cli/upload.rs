//! `vodesk upload`: files and folders, one file at a time (single PUT up to 20 MB, multipart
//! above), each confirmed. Every input is validated before the first request.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use vodesk_core::model::{MediaType, UploadMetadata};
use vodesk_core::provider::huawei::upload::{UploadOptions, upload_file};

use super::CliError;
use super::connect::Connection;
use super::metadata_args::MetadataArgs;
use super::output::{human_size, print_json};

#[derive(Args, Debug)]
pub struct UploadArgs {
    /// Files and folders to upload (folders are walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub metadata: MetadataArgs,
    /// Skip files the service already has (same size and first-KiB MD5).
    #[arg(long)]
    pub skip_duplicates: bool,
}

/// One file ready to go.
pub struct Job {
    pub path: PathBuf,
    pub size: u64,
    pub media: MediaType,
    pub metadata: UploadMetadata,
}

/// Expands folders and validates every file and its metadata.
pub fn prepare(args: &UploadArgs) -> Result<Vec<Job>, CliError> {
    let mut files = Vec::new();
    for p in &args.paths {
        let meta = std::fs::metadata(p).map_err(|e| {
            CliError::usage(format!(
                "{} cannot be read ({}); check the path",
                p.display(),
                short_io(&e)
            ))
        })?;
        if meta.is_dir() {
            walk(p, &mut files)?;
        } else {
            files.push((p.clone(), true));
        }
    }
    if files.is_empty() {
        return Err(CliError::usage(
            "no media files found in the given folders; supported formats: ".to_string()
                + &MediaType::supported_list(),
        ));
    }
    let mut jobs = Vec::new();
    for (path, explicit) in files {
        let Some(media) = MediaType::from_path(&path) else {
            if explicit {
                return Err(CliError::usage(format!(
                    "{} is not a supported media file; supported formats: {}",
                    path.display(),
                    MediaType::supported_list()
                )));
            }
            continue;
        };
        let meta = std::fs::metadata(&path).map_err(|e| {
            CliError::usage(format!(
                "{} cannot be read ({}); check the path",
                path.display(),
                short_io(&e)
            ))
        })?;
        if !meta.is_file() {
            return Err(CliError::usage(format!(
                "{} is not a regular file; give a media file or a folder",
                path.display()
            )));
        }
        if meta.len() == 0 {
            return Err(CliError::usage(format!(
                "{} is empty (0 bytes); remove it from the batch",
                path.display()
            )));
        }
        std::fs::File::open(&path).map_err(|e| {
            CliError::usage(format!(
                "{} cannot be opened ({}); check its permissions",
                path.display(),
                short_io(&e)
            ))
        })?;
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
    if jobs.is_empty() {
        return Err(CliError::usage(
            "no media files found in the given folders; supported formats: ".to_string()
                + &MediaType::supported_list(),
        ));
    }
    Ok(jobs)
}

fn short_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Recursive walk in name order; symlinked folders are not followed (no loops).
fn walk(dir: &Path, out: &mut Vec<(PathBuf, bool)>) -> Result<(), CliError> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| {
            CliError::usage(format!(
                "folder {} cannot be read ({}); check its permissions",
                dir.display(),
                short_io(&e)
            ))
        })?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(ft) = e.file_type() else { continue };
        let path = e.path();
        if ft.is_dir() {
            walk(&path, out)?;
        } else if ft.is_file() || (ft.is_symlink() && path.is_file()) {
            out.push((path, false));
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct FileResult<'a> {
    path: String,
    asset_id: Option<&'a str>,
    status: &'a str,
    size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
}

pub async fn run(
    conn: &Connection,
    args: UploadArgs,
    jobs: Vec<Job>,
    json: bool,
) -> Result<(), CliError> {
    let total: u64 = jobs.iter().map(|j| j.size).sum();
    let show_bars = !json && std::io::stderr().is_terminal();
    let (mut done, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    for job in &jobs {
        let bar = if show_bars {
            let b = ProgressBar::new(job.size);
            b.set_style(
                ProgressStyle::with_template(
                    "{msg:30!} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
            b.set_message(
                job.path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            Some(b)
        } else {
            None
        };
        let progress = |sent: u64| {
            if let Some(b) = &bar {
                b.set_position(sent);
            }
        };
        let options = UploadOptions {
            skip_duplicates: args.skip_duplicates,
            ..UploadOptions::default()
        };
        let result = upload_file(
            &conn.vod,
            &job.path,
            &job.media,
            &job.metadata,
            &options,
            &progress,
        )
        .await;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        let path = job.path.display().to_string();
        match result {
            Ok(outcome) => {
                let status = if outcome.skipped_duplicate {
                    "skipped"
                } else {
                    "done"
                };
                if outcome.skipped_duplicate {
                    skipped += 1
                } else {
                    done += 1
                }
                if json {
                    print_json(&FileResult {
                        path,
                        asset_id: Some(&outcome.asset_id),
                        status,
                        size: job.size,
                        error: None,
                        error_code: None,
                        request_id: None,
                    });
                } else if outcome.skipped_duplicate {
                    println!("{path}  skipped: already uploaded as {}", outcome.asset_id);
                } else {
                    println!(
                        "{path}  {}  uploaded ({})",
                        outcome.asset_id,
                        human_size(job.size as i64)
                    );
                }
            }
            Err(e) => {
                failed += 1;
                if json {
                    print_json(&FileResult {
                        path,
                        asset_id: e.asset_id.as_deref(),
                        status: "failed",
                        size: job.size,
                        error: Some(e.to_string()),
                        error_code: e.api.as_ref().and_then(|a| a.code.clone()),
                        request_id: e.api.as_ref().and_then(|a| a.request_id.clone()),
                    });
                } else {
                    eprintln!("{path}  failed: {e}");
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64().max(0.001);
    let summary = format!(
        "{done} uploaded, {skipped} skipped, {failed} failed — {} in {secs:.1} s ({}/s)",
        human_size(total as i64),
        human_size((total as f64 / secs) as i64)
    );
    if json {
        print_json(
            &serde_json::json!({ "summary": { "uploaded": done, "skipped": skipped, "failed": failed, "bytes": total, "seconds": secs } }),
        );
    } else {
        eprintln!("{summary}");
    }
    if failed > 0 {
        return Err(CliError::Partial(format!(
            "{failed} of {} files failed",
            jobs.len()
        )));
    }
    Ok(())
}
