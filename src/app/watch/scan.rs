//! One look at the watched folders, off the UI thread: every file under each, with its size
//! and time, and whether it is media.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use vodesk_core::model::MediaType;

#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub path: PathBuf,
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub media: bool,
}

/// Why a watched folder cannot be looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Removed, renamed or unmounted.
    Gone,
    /// Something else has its name now.
    NotAFolder,
    /// The system's own words (permission denied…).
    Unreadable(String),
}

impl Missing {
    pub fn words(&self) -> String {
        match self {
            Missing::Gone => t!("watch-gone"),
            Missing::NotAFolder => t!("watch-not-a-folder"),
            Missing::Unreadable(e) => e.clone(),
        }
    }
}

/// A folder's files, or why it cannot be looked at.
pub type Scanned = Result<Vec<Seen>, Missing>;

/// Looks at each folder (recursively; the folder walk's litter and symlinked folders left
/// alone).
pub fn look(folders: &[PathBuf]) -> Vec<Scanned> {
    folders.iter().map(|f| look_at(f)).collect()
}

fn look_at(folder: &Path) -> Scanned {
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(Missing::NotAFolder),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Missing::Gone),
        Err(e) => return Err(Missing::Unreadable(e.to_string())),
    }
    let mut out = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            // The same files a dropped folder leaves out silently.
            if vodesk_core::engine::walk::is_litter(&path) {
                continue;
            }
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                stack.push(path);
            } else if let Ok(m) = std::fs::metadata(&path)
                && m.is_file()
            {
                out.push(Seen {
                    media: MediaType::from_path(&path).is_some(),
                    size: m.len(),
                    modified: m.modified().ok(),
                    path,
                });
            }
        }
    }
    Ok(out)
}
