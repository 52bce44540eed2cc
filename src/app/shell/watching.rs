//! The shell's side of watch folders: looking at them on time, queueing (and starting) what
//! they bring, reporting folders that went missing, keeping the list on disk.

use std::path::PathBuf;
use std::time::Instant;

use eframe::egui;

use super::VodeskApp;
use crate::app::notify::Level;
use crate::app::watch::window::WatchAction;
use crate::app::watch::{Scanned, Watch};

impl VodeskApp {
    /// Looks at the watched folders when due, and writes the list when it changed.
    pub(super) fn watch_folders(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        if self.watches.due(now) {
            let folders = self.watches.folders(now);
            self.backend.scan_watches(folders);
        }
        if self.watches.dirty && self.watches.loaded {
            self.watches.dirty = false;
            self.backend.save_watches(self.watches.list.clone());
        }
        if !self.watches.list.is_empty() {
            ctx.request_repaint_after(crate::app::watch::EVERY);
        }
    }

    pub(super) fn watch_action(&mut self, a: WatchAction) {
        match a {
            WatchAction::Add => self.backend.pick(crate::app::backend::Pick::WatchFolder),
            WatchAction::Remove(i) => self.watches.remove(i),
            WatchAction::UseDefaults(i) => {
                if let Some(w) = self.watches.list.get_mut(i) {
                    w.meta = self.settings.defaults.clone();
                    w.pattern = self.settings.title_pattern.clone();
                    self.watches.dirty = true;
                }
            }
        }
    }

    /// Watches `folder`, its new files queued with the form's defaults as they are now.
    pub fn add_watch(&mut self, folder: PathBuf) {
        let name = folder.display().to_string();
        let meta = self.settings.defaults.clone();
        let pattern = self.settings.title_pattern.clone();
        if self.watches.add(folder, meta, pattern) {
            self.notes
                .push(Level::Info, t!("watch-added", folder = name));
        } else {
            self.notes
                .push(Level::Info, t!("watch-already", folder = name));
        }
        self.watches.open = true;
    }

    /// The list kept from the last session arrived (watches added meanwhile stay).
    pub(super) fn watches_loaded(&mut self, r: Result<Vec<Watch>, String>) {
        match r {
            Ok(kept) => {
                let added = std::mem::replace(&mut self.watches.list, kept);
                let dirty = !added.is_empty();
                for w in added {
                    if !self.watches.list.iter().any(|k| k.folder == w.folder) {
                        self.watches.list.push(w);
                    }
                }
                self.watches.dirty |= dirty;
            }
            Err(e) => self.notes.push(Level::Error, e),
        }
        self.watches.loaded = true;
    }

    pub(super) fn watch_scanned(&mut self, folders: &[PathBuf], scanned: Vec<Scanned>) {
        let out = self.watches.scanned(folders, scanned, Instant::now());
        for (i, why) in out.went_missing {
            let folder = self.watches.list[i].folder.display().to_string();
            self.notes.push(
                Level::Warning,
                t!("watch-went-missing", folder = folder, why = why.words()),
            );
        }
        for i in out.came_back {
            let folder = self.watches.list[i].folder.display().to_string();
            self.notes
                .push(Level::Info, t!("watch-came-back", folder = folder));
        }
        if !out.not_media.is_empty() {
            self.queue.left_out.add(out.not_media);
        }
        for (i, files) in out.ready {
            let w = &self.watches.list[i];
            let pattern = (!w.pattern.trim().is_empty()).then_some(w.pattern.as_str());
            let before = self.queue.rows.len();
            let n = self.queue.add_found(files, &w.meta, pattern);
            if n == 0 {
                continue;
            }
            let folder = w.folder.display().to_string();
            let auto_start = w.auto_start;
            self.notes
                .push(Level::Info, t!("watch-queued", n = n, folder = folder));
            if auto_start {
                let keys: Vec<u64> = self.queue.rows[before..].iter().map(|r| r.key).collect();
                self.start(&keys);
            }
        }
    }
}
