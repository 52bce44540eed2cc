//! What commands, shortcuts, drops and row buttons do.

use std::path::PathBuf;

use eframe::egui;

use crate::app::assets::AssetOp;
use crate::app::backend::Pick;
use crate::app::commands::Command;
use crate::app::form::Target;
use crate::app::notify::Level;
use crate::app::queue::RowState;
use crate::app::queue::table::RowAction;

use super::VodeskApp;

impl VodeskApp {
    /// Queues files and folders (walked in the background; rows appear as found).
    pub fn add_paths(&mut self, paths: Vec<PathBuf>) {
        self.queue.walks += 1;
        self.queue.make_room();
        self.backend.walk(paths);
    }

    /// Runs `f` on what the form edits: the selected drafts, or the defaults.
    pub(super) fn with_targets<R>(&mut self, f: impl FnOnce(&mut [Target]) -> R) -> R {
        let q = &mut self.queue;
        let sel = &q.selected;
        let mut ts: Vec<Target> = q
            .rows
            .iter_mut()
            .filter(|r| sel.contains(&r.key) && r.state == RowState::Draft)
            .map(|r| Target {
                path: Some(&r.path),
                meta: &mut r.meta,
            })
            .collect();
        if ts.is_empty() && sel.is_empty() {
            ts.push(Target {
                path: None,
                meta: &mut self.settings.defaults,
            });
        }
        let r = f(&mut ts);
        self.queue.generation += 1;
        r
    }

    pub(super) fn handle_drops(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.add_paths(dropped);
        }
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let mut escape = false;
        let fired = ctx.input_mut(|i| {
            escape = !typing && i.key_pressed(egui::Key::Escape);
            fired_commands(i, typing)
        });
        // Escape closes the window on top, one a press; with none open it clears the selection.
        if escape && !self.close_a_window() {
            self.queue.select_none();
        }
        for c in fired {
            self.run(c);
        }
    }

    /// Closes one open window (the most recently likely opened first); whether one was open.
    fn close_a_window(&mut self) -> bool {
        let windows = [
            &mut self.show_help,
            &mut self.show_about,
            &mut self.buckets.unfinished.open,
            &mut self.queue.left_out.open,
            &mut self.watches.open,
            &mut self.show_settings,
            &mut self.show_connect,
            &mut self.categories.open,
            &mut self.profiles.open,
        ];
        for open in windows {
            if *open {
                *open = false;
                return true;
            }
        }
        false
    }

    /// Carries out a command from a button, a shortcut or a test.
    pub fn run(&mut self, c: Command) {
        let engine = self.backend.engine.clone();
        let keys = self.queue.targets();
        let jobs: Vec<_> = keys
            .iter()
            .filter_map(|k| self.queue.row(*k).and_then(|r| r.job))
            .collect();
        match c {
            Command::AddFiles => self.backend.pick(Pick::Files),
            Command::AddFolder => self.backend.pick(Pick::Folder),
            Command::Start => self.start(&keys),
            Command::Pause => jobs.iter().for_each(|&j| engine.pause(j)),
            Command::Resume => jobs.iter().for_each(|&j| engine.resume(j)),
            Command::Cancel => {
                // One upload is cancelled at once; several (a whole batch, perhaps by a
                // stray shortcut) only after asking.
                let live = self.queue.cancellable(&keys, |j| {
                    engine.view(j).is_some_and(|v| !v.state.is_terminal())
                });
                if live.len() > 1 {
                    self.confirm_cancel = Some(live);
                } else {
                    self.cancel_rows(&live);
                }
                // Selected drafts have nothing to cancel: they are taken out. With nothing
                // selected, Cancel stops uploads only (the drafts stay for later).
                let chosen = if self.queue.selected.is_empty() {
                    Vec::new()
                } else {
                    keys.clone()
                };
                let drafts = self.queue.drafts_among(&chosen);
                self.remove_rows(&drafts);
            }
            Command::Retry => self.retry(&keys),
            Command::Remove => {
                if self.queue.selected.is_empty() {
                    return;
                }
                let removed = self.remove_rows(&keys);
                if removed < keys.len() {
                    let busy = keys.len() - removed;
                    self.notes
                        .push(Level::Info, t!("rows-still-busy", n = busy));
                }
            }
            Command::ClearFinished => {
                let finished = self.queue.finished();
                self.remove_rows(&finished);
            }
            Command::SelectAll => self.queue.select_all(),
            Command::Search => {
                let id = egui::Id::unique("queue-search");
                self.backend.ctx().memory_mut(|m| m.request_focus(id));
            }
            Command::Notifications => self.settings.show_notifications ^= true,
            Command::Help => self.show_help ^= true,
            Command::Settings => self.show_settings ^= true,
            Command::Quit => self
                .backend
                .ctx()
                .send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    pub(super) fn start(&mut self, keys: &[u64]) {
        let backend = &self.backend;
        let catalog = &self.catalog;
        let (started, invalid) =
            self.queue
                .start(keys, &|m| catalog.problems(m), &mut |k, spec| {
                    backend.submit(k, spec)
                });
        if let Some((name, e)) = invalid.first() {
            let why = crate::app::form::problems::problem_text(e, &catalog.caps.limits);
            let (name, why) = (name.as_str(), why.as_str());
            let text = match invalid.len() - 1 {
                0 => t!("row-not-started", name = name, why = why),
                more => t!("row-not-started-more", name = name, why = why, more = more),
            };
            self.notes.push(Level::Warning, text);
        }
        if started > 0 {
            self.notes
                .push(Level::Info, t!("uploading-files", n = started));
        }
    }

    /// Takes settled rows among `keys` out of the queue; the engine forgets their jobs, so
    /// none of them comes back at the next start. Returns how many rows went.
    pub(super) fn remove_rows(&mut self, keys: &[u64]) -> usize {
        let removed = self.queue.remove(keys);
        for job in removed.iter().filter_map(|r| r.job) {
            self.backend.engine.forget(job);
        }
        removed.len()
    }

    /// Cancels the uploads of these rows; a row still on its way to the engine is cancelled
    /// as soon as its job exists.
    pub(super) fn cancel_rows(&mut self, keys: &[u64]) {
        for &k in keys {
            let Some(r) = self.queue.row_mut(k) else {
                continue;
            };
            match r.job {
                Some(j) => self.backend.engine.cancel(j),
                None if r.state == RowState::Submitting => r.cancel_when_queued = true,
                None => {}
            }
        }
    }

    pub(super) fn retry(&mut self, keys: &[u64]) {
        let old = self.queue.reset_for_retry(keys);
        for id in old {
            self.backend.engine.forget(id);
        }
        let drafts = self.queue.drafts_among(keys);
        self.start(&drafts);
    }

    pub(super) fn row_action(&mut self, a: RowAction) {
        let engine = self.backend.engine.clone();
        let job = |k: u64| self.queue.row(k).and_then(|r| r.job);
        match a {
            RowAction::Start(k) => self.start(&[k]),
            RowAction::Pause(k) => job(k).into_iter().for_each(|j| engine.pause(j)),
            RowAction::Resume(k) => job(k).into_iter().for_each(|j| engine.resume(j)),
            RowAction::Cancel(k) => self.cancel_rows(&[k]),
            RowAction::Retry(k) => self.retry(&[k]),
            RowAction::Remove(k) => {
                self.remove_rows(&[k]);
            }
            RowAction::UploadAgain(k) => {
                self.queue.upload_again(&[k]);
                self.start(&[k]);
            }
        }
    }

    /// Lists assets from the first page again (new query, refresh, or after a change).
    pub fn reload_assets(&mut self) {
        let (epoch, q, cursor) = self.assets.restart();
        self.backend.fetch_assets(epoch, q, cursor);
    }

    /// Shows an asset's details in the right panel.
    pub fn open_asset(&mut self, id: String) {
        self.queue.select_none();
        self.assets.edit = None;
        self.assets.current = Some(id.clone());
        self.assets.details = None;
        self.assets.details_error = None;
        self.backend.fetch_details(id);
    }

    pub fn asset_op(&mut self, op: AssetOp, ids: Vec<String>) {
        self.assets.busy = true;
        self.backend.asset_op(op, ids);
    }
}

/// The commands this frame's key presses ask for (each shortcut consumed once).
pub fn fired_commands(i: &mut egui::InputState, typing: bool) -> Vec<Command> {
    let mut fired = Vec::new();
    for c in Command::by_specificity() {
        if c.clashes_with_text() && typing {
            continue;
        }
        let also = c.also().is_some_and(|s| i.consume_shortcut(&s));
        if also || i.consume_shortcut(&c.shortcut()) {
            fired.push(c);
        }
    }
    if !typing && i.consume_key(egui::Modifiers::SHIFT, egui::Key::Questionmark) {
        fired.push(Command::Help);
    }
    fired
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one key press with `modifiers` fires, `typing` or not.
    fn press(key: egui::Key, modifiers: egui::Modifiers, typing: bool) -> Vec<Command> {
        let ctx = egui::Context::default();
        let mut input = egui::RawInput::default();
        input.events.push(egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        });
        let mut fired = Vec::new();
        let mut out = ctx.run_ui(input, |ui| {
            fired = ui.ctx().input_mut(|i| fired_commands(i, typing));
        });
        out.textures_delta.clear();
        fired
    }

    #[test]
    fn every_listed_shortcut_fires_its_own_command() {
        for c in Command::ALL {
            let s = c.shortcut();
            assert_eq!(
                press(s.logical_key, s.modifiers, false),
                vec![c],
                "{} ({:?})",
                c.label(),
                s
            );
        }
        let shift = egui::Modifiers::SHIFT;
        assert_eq!(
            press(egui::Key::Questionmark, shift, false),
            vec![Command::Help]
        );
        // Mac keyboards' Delete is Backspace: Cmd+Backspace removes, with Shift clears.
        for c in [Command::Remove, Command::ClearFinished] {
            let s = c.also().expect("a second shortcut");
            assert_eq!(press(s.logical_key, s.modifiers, false), vec![c]);
        }
        // While typing, Delete, Ctrl+A and Ctrl+Enter belong to the text field.
        let backspace = Command::Remove.also().unwrap();
        for s in [
            Command::Remove.shortcut(),
            backspace,
            Command::SelectAll.shortcut(),
            Command::Start.shortcut(),
        ] {
            assert!(press(s.logical_key, s.modifiers, true).is_empty(), "{s:?}");
        }
    }
}
