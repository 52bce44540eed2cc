//! Watch folders: a folder whose new media files are queued by themselves once they have
//! stopped growing, with the metadata saved with the watch and, if chosen, started at once.
//! The watches (and the files each has already taken) are kept next to the upload journal,
//! so they survive restarts and files that arrived meanwhile are picked up. A watched folder
//! that is removed or renamed is reported and waited for, never crashed on.

pub mod scan;
pub mod window;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use vodesk_core::model::UploadMetadata;

pub use scan::{Missing, Scanned};

/// How often the folders are looked at.
pub const EVERY: Duration = Duration::from_secs(2);
/// How long a new file's size and time must stay the same before it counts as complete (a
/// copy in progress grows; an export being written changes its time).
pub const STABLE: Duration = Duration::from_secs(2);

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Watch {
    pub folder: PathBuf,
    /// The metadata its files are queued with (the defaults when the watch was made, or
    /// later when updated).
    pub meta: UploadMetadata,
    /// Title pattern ("" = the file name).
    pub pattern: String,
    /// Start each file's upload as soon as it is queued.
    pub auto_start: bool,
    /// Files already taken (queued, or there when the watch began, or not media).
    pub known: BTreeSet<PathBuf>,
    /// The first look has recorded what was already there (those files are not queued).
    pub primed: bool,
}

/// Where a watched folder stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderState {
    Watching,
    /// Gone (removed, renamed, unmounted) or unreadable.
    Missing(scan::Missing),
}

/// What a look at the folders found that the app should act on.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// Complete new media files per watch (index into the list), with sizes.
    pub ready: Vec<(usize, Vec<(PathBuf, u64)>)>,
    /// New files that are not media.
    pub not_media: Vec<PathBuf>,
    /// Watches whose folder went missing (index, why) or came back (index).
    pub went_missing: Vec<(usize, Missing)>,
    pub came_back: Vec<usize>,
}

#[derive(Default)]
pub struct Watches {
    pub list: Vec<Watch>,
    pub state: HashMap<PathBuf, FolderState>,
    /// New files seen growing: size and time when first seen so, and since when.
    growing: HashMap<PathBuf, (u64, Option<SystemTime>, Instant)>,
    pub scanning: bool,
    last_scan: Option<Instant>,
    /// The list changed since it was last written.
    pub dirty: bool,
    pub open: bool,
    /// The list was read from disk (nothing is written before it is).
    pub loaded: bool,
}

impl Watches {
    /// Whether it is time to look at the folders again.
    pub fn due(&self, now: Instant) -> bool {
        self.loaded
            && !self.list.is_empty()
            && !self.scanning
            && self
                .last_scan
                .is_none_or(|t| now.duration_since(t) >= EVERY)
    }

    /// The folders to look at, in list order.
    pub fn folders(&mut self, now: Instant) -> Vec<PathBuf> {
        self.scanning = true;
        self.last_scan = Some(now);
        self.list.iter().map(|w| w.folder.clone()).collect()
    }

    /// Adds a watch on `folder` with `meta`; false when it is watched already.
    pub fn add(&mut self, folder: PathBuf, meta: UploadMetadata, pattern: String) -> bool {
        if self.list.iter().any(|w| w.folder == folder) {
            return false;
        }
        self.list.push(Watch {
            folder,
            meta,
            pattern,
            auto_start: false,
            known: BTreeSet::new(),
            primed: false,
        });
        self.dirty = true;
        // Look at once: the first look records what is already there.
        self.last_scan = None;
        true
    }

    pub fn remove(&mut self, i: usize) {
        if i < self.list.len() {
            let w = self.list.remove(i);
            self.state.remove(&w.folder);
            self.growing.retain(|p, _| !p.starts_with(&w.folder));
            self.dirty = true;
        }
    }

    /// Takes in a look at the folders (`scanned` in the order of [`Self::folders`]).
    pub fn scanned(&mut self, folders: &[PathBuf], scanned: Vec<Scanned>, now: Instant) -> Outcome {
        self.scanning = false;
        let mut out = Outcome::default();
        for (folder, result) in folders.iter().zip(scanned) {
            // The list may have changed while the look was under way.
            let Some(i) = self.list.iter().position(|w| &w.folder == folder) else {
                continue;
            };
            let seen = match result {
                Err(why) => {
                    let was = self
                        .state
                        .insert(folder.clone(), FolderState::Missing(why.clone()));
                    if !matches!(was, Some(FolderState::Missing(_))) {
                        out.went_missing.push((i, why));
                    }
                    continue;
                }
                Ok(seen) => seen,
            };
            if let Some(FolderState::Missing(_)) =
                self.state.insert(folder.clone(), FolderState::Watching)
            {
                out.came_back.push(i);
            }
            let w = &mut self.list[i];
            if !w.primed {
                w.known.extend(seen.into_iter().map(|s| s.path));
                w.primed = true;
                self.dirty = true;
                continue;
            }
            let mut ready = Vec::new();
            for s in seen {
                if w.known.contains(&s.path) {
                    continue;
                }
                if !s.media {
                    out.not_media.push(s.path.clone());
                    w.known.insert(s.path);
                    self.dirty = true;
                    continue;
                }
                match self.growing.get(&s.path) {
                    Some((size, modified, since))
                        if *size == s.size
                            && *modified == s.modified
                            && now.duration_since(*since) >= STABLE =>
                    {
                        self.growing.remove(&s.path);
                        w.known.insert(s.path.clone());
                        ready.push((s.path, s.size));
                        self.dirty = true;
                    }
                    Some((size, modified, _)) if *size == s.size && *modified == s.modified => {}
                    _ => {
                        self.growing.insert(s.path, (s.size, s.modified, now));
                    }
                }
            }
            if !ready.is_empty() {
                out.ready.push((i, ready));
            }
        }
        out
    }
}

/// The file the watches are kept in, next to the upload journal.
pub fn file_next_to(journal: &Path) -> PathBuf {
    journal.with_file_name("watches.json")
}

/// Writes the watches atomically (an empty list removes the file).
pub fn save(file: &Path, list: &[Watch]) -> Result<(), String> {
    crate::app::queue::drafts::save_json(file, list, list.is_empty())
}

/// Reads the watches; a missing file is none, a damaged one says so.
pub fn load(file: &Path) -> Result<Vec<Watch>, String> {
    use crate::app::queue::drafts::{JsonFileError, load_json};
    load_json(file)
        .map(Option::unwrap_or_default)
        .map_err(|e| match e {
            JsonFileError::Damaged(e) => t!(
                "watch-file-damaged",
                file = file.display().to_string(),
                error = e
            ),
            JsonFileError::Unreadable(e) => e,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::watch::scan::Seen;

    fn seen(path: &str, size: u64, media: bool) -> Seen {
        Seen {
            path: path.into(),
            size,
            modified: None,
            media,
        }
    }

    #[test]
    fn a_new_file_is_ready_once_it_stopped_growing_and_only_once() {
        let mut w = Watches {
            loaded: true,
            ..Default::default()
        };
        let folder = PathBuf::from("/in");
        w.add(folder.clone(), UploadMetadata::default(), String::new());
        let t0 = Instant::now();
        let at = |s: u64| t0 + Duration::from_secs(s);
        let look = |w: &mut Watches, s: Vec<Seen>, t| {
            w.scanned(std::slice::from_ref(&folder), vec![Ok(s)], t)
        };
        // What is there at first is taken as known, not queued.
        assert_eq!(
            look(&mut w, vec![seen("/in/old.mp4", 5, true)], at(0)),
            Outcome::default()
        );
        // A new file growing: not ready.
        assert!(
            look(&mut w, vec![seen("/in/new.mp4", 10, true)], at(2))
                .ready
                .is_empty()
        );
        assert!(
            look(&mut w, vec![seen("/in/new.mp4", 20, true)], at(4))
                .ready
                .is_empty()
        );
        // The same size, but not long enough yet.
        assert!(
            look(&mut w, vec![seen("/in/new.mp4", 20, true)], at(5))
                .ready
                .is_empty()
        );
        let out = look(
            &mut w,
            vec![seen("/in/new.mp4", 20, true), seen("/in/a.txt", 1, false)],
            at(6),
        );
        assert_eq!(
            out.ready,
            vec![(0, vec![(PathBuf::from("/in/new.mp4"), 20)])]
        );
        assert_eq!(out.not_media, vec![PathBuf::from("/in/a.txt")]);
        assert_eq!(
            look(&mut w, vec![seen("/in/new.mp4", 20, true)], at(9)),
            Outcome::default()
        );
        // Gone, reported once, and back.
        let gone = w.scanned(
            std::slice::from_ref(&folder),
            vec![Err(Missing::Gone)],
            at(10),
        );
        assert_eq!(gone.went_missing, vec![(0, Missing::Gone)]);
        let again = w.scanned(
            std::slice::from_ref(&folder),
            vec![Err(Missing::Gone)],
            at(12),
        );
        assert!(again.went_missing.is_empty());
        assert_eq!(look(&mut w, vec![], at(14)).came_back, vec![0]);
    }
}
