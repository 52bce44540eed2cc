//! Rows not started yet outlive the app: written next to the upload journal when the window
//! closes (and every half minute, in the background), read back (off the UI thread) at the next
//! start. Started rows need no help — the
//! engine's journal resumes them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use vodesk_core::model::UploadMetadata;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Draft {
    pub path: PathBuf,
    pub size: u64,
    pub meta: UploadMetadata,
}

/// Writes `drafts` to `file` (replacing it; an empty list removes it), atomically.
pub fn save(file: &Path, drafts: &[Draft]) -> Result<(), String> {
    save_json(file, drafts, drafts.is_empty())
}

/// Reads the drafts of the last session; a missing file is no drafts, a damaged one says so.
pub fn load(file: &Path) -> Result<Vec<Draft>, String> {
    load_json(file)
        .map(Option::unwrap_or_default)
        .map_err(|e| match e {
            JsonFileError::Damaged(e) => t!(
                "drafts-not-read",
                path = (file.display().to_string()),
                error = e
            ),
            JsonFileError::Unreadable(e) => e,
        })
}

/// Writes `value` to `file` as JSON, atomically (a new name, then a rename); `remove` instead
/// deletes the file (an empty list leaves nothing behind).
pub fn save_json<T: Serialize + ?Sized>(
    file: &Path,
    value: &T,
    remove: bool,
) -> Result<(), String> {
    if remove {
        return match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.to_string()),
            _ => Ok(()),
        };
    }
    let json = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    // A name of its own per write: a periodic save in the background and the one at exit may
    // overlap.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = file.with_extension(format!("json.{}-{n}.tmp", std::process::id()));
    let not_written = |path: &Path, e: std::io::Error| {
        t!(
            "file-not-written",
            path = (path.display().to_string()),
            error = (e.to_string())
        )
    };
    std::fs::write(&tmp, json).map_err(|e| not_written(&tmp, e))?;
    std::fs::rename(&tmp, file).map_err(|e| not_written(file, e))
}

/// Why a JSON file could not be read.
pub enum JsonFileError {
    /// It is there but not what was written (the parser's words).
    Damaged(String),
    /// It cannot be read at all (a sentence naming it).
    Unreadable(String),
}

/// Reads `file` as JSON; `None` when there is no such file.
pub fn load_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<Option<T>, JsonFileError> {
    match std::fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| JsonFileError::Damaged(e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(JsonFileError::Unreadable(t!(
            "file-not-read",
            path = (file.display().to_string()),
            error = (e.to_string())
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_and_bad_files_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("drafts.json");
        assert_eq!(load(&f).unwrap(), Vec::new());
        let d = vec![Draft {
            path: "/media/片段.mov".into(),
            size: 42,
            meta: UploadMetadata {
                title: "片段".into(),
                ..Default::default()
            },
        }];
        save(&f, &d).unwrap();
        assert_eq!(load(&f).unwrap(), d);
        save(&f, &[]).unwrap();
        assert!(!f.exists());
        std::fs::write(&f, b"{not json").unwrap();
        assert!(load(&f).unwrap_err().contains("could not be read"));
    }
}
