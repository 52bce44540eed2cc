//! Walks dropped or chosen paths for the queue, off the UI thread: folders in name order,
//! symlinked folders not followed (no loops), non-media files inside folders skipped, files
//! sent in chunks so a folder of 100,000 files streams in without flooding any one frame.

use std::path::{Path, PathBuf};

use vodesk_core::model::MediaType;

use crate::app::backend::BgMsg;

const CHUNK: usize = 256;

/// A file found: its path and size.
pub type Found = (PathBuf, u64);

/// Walks `paths` (files or folders), calling `send` with chunks of files and problems; stops
/// when `send` says the UI is gone.
pub fn walk(paths: &[PathBuf], send: &mut dyn FnMut(BgMsg) -> bool) {
    let mut chunk = Vec::with_capacity(CHUNK);
    for p in paths {
        let alive = match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_dir(p, &mut chunk, send),
            Ok(m) if MediaType::from_path(p).is_some() => {
                chunk.push((p.clone(), m.len()));
                true
            }
            Ok(_) => send(BgMsg::WalkProblem(format!(
                "{} is not a supported media file; supported formats: {}.",
                p.display(),
                MediaType::supported_list()
            ))),
            Err(e) => send(BgMsg::WalkProblem(format!(
                "{} cannot be read ({e}); check the path.",
                p.display()
            ))),
        };
        if !alive {
            return;
        }
    }
    if !chunk.is_empty() {
        send(BgMsg::Found(chunk));
    }
}

fn walk_dir(dir: &Path, chunk: &mut Vec<Found>, send: &mut dyn FnMut(BgMsg) -> bool) -> bool {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).collect(),
        Err(e) => {
            return send(BgMsg::WalkProblem(format!(
                "Folder {} cannot be read ({e}); check its permissions.",
                dir.display()
            )));
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(ft) = e.file_type() else { continue };
        let path = e.path();
        if ft.is_dir() {
            if !walk_dir(&path, chunk, send) {
                return false;
            }
        } else if (ft.is_file() || (ft.is_symlink() && path.is_file()))
            && MediaType::from_path(&path).is_some()
        {
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            chunk.push((path, size));
            // Small first chunks: the first rows should show at once.
            if chunk.len() >= CHUNK && !send(BgMsg::Found(std::mem::take(chunk))) {
                return false;
            }
        }
    }
    true
}
