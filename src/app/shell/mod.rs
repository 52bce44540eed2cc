//! The window: top bar, banner, left (assets) / centre (queue) / right (metadata) panels,
//! status bar, overlays. Each frame drains background results, draws, and turns clicks and
//! shortcuts into commands; nothing here waits on I/O.

mod actions;
mod messages;
mod panels;
mod watching;

use std::time::{Duration, Instant};

use eframe::egui;
use vodesk_core::engine::progress::Progress;

use super::Places;
use super::backend::Backend;
use super::notify::{Level, Notifications};
use super::profiles::ProfilesScreen;
use super::queue::QueueState;
use super::settings::{STORAGE_KEY, ThemePref, UiSettings};
use super::{dialogs, theme};
use crate::app::assets::{AssetOp, AssetsState};
use crate::app::form::cover::Previews;
use crate::app::form::{Catalog, FormState};

/// Time per frame spent on background messages at most (the rest wait for the next frame), so
/// a flood of found files never stalls a frame.
const DRAIN_BUDGET: Duration = Duration::from_millis(4);

pub struct VodeskApp {
    pub backend: Backend,
    pub settings: UiSettings,
    pub queue: QueueState,
    pub form: FormState,
    pub catalog: Catalog,
    pub notes: Notifications,
    pub assets: AssetsState,
    pub categories: crate::app::assets::categories::CategoryEditor,
    pub buckets: crate::app::buckets::BucketsState,
    /// The left panel shows the bucket browser instead of the assets.
    pub show_buckets: bool,
    /// Metadata saves still on their way.
    pending_saves: usize,
    pub covers: Previews,
    pub show_help: bool,
    /// The engine's halt as read this frame (announced once, when it changes).
    halt_noted: Option<String>,
    /// Who holds this account's uploads while this app waits for them (another vodesk).
    held_noted: Option<vodesk_core::engine::owner::Holder>,
    /// Uploads waiting for the user to confirm their cancellation.
    pub confirm_cancel: Option<Vec<u64>>,
    pub show_about: bool,
    pub show_connect: bool,
    pub show_settings: bool,
    progress: Progress,
    progress_at: Option<Instant>,
    /// Assets the service is still processing, asked about paced (done rows, listed assets).
    follow: crate::app::follow::Follow,
    /// Some rows were uploading last frame (a summary toast follows when all settle).
    was_busy: bool,
    batch: (usize, usize),
    applied_theme: Option<ThemePref>,
    applied_language: Option<crate::i18n::Language>,
    /// Where profiles and the local service live (platform directories; temporary in tests).
    pub places: Places,
    pub profiles: ProfilesScreen,
    pub watches: crate::app::watch::Watches,
}

impl VodeskApp {
    pub fn new(backend: Backend, settings: UiSettings, places: Places) -> VodeskApp {
        let mut form = FormState::default();
        form.pattern = settings.title_pattern.clone();
        let caps = backend.conn.vod.capabilities().clone();
        let assets = AssetsState::new(&caps);
        backend.load_watches();
        let mut app = VodeskApp {
            backend,
            settings,
            queue: QueueState::default(),
            watches: Default::default(),
            form,
            catalog: Catalog::new(caps),
            notes: Notifications::default(),
            assets,
            categories: Default::default(),
            buckets: Default::default(),
            show_buckets: false,
            pending_saves: 0,
            covers: Previews::default(),
            show_help: false,
            confirm_cancel: None,
            halt_noted: None,
            held_noted: None,
            show_about: false,
            show_connect: false,
            show_settings: false,
            progress: Progress::default(),
            progress_at: None,
            follow: Default::default(),
            was_busy: false,
            batch: (0, 0),
            applied_theme: None,
            applied_language: None,
            profiles: ProfilesScreen::default(),
            places,
        };
        app.profiles.current = app.backend.info.name.clone();
        app.backend.load_profiles(app.places.config.clone());
        app.apply_limits();
        app
    }

    /// Connects to another profile (the switch happens when the connection is ready).
    pub fn switch_profile(&mut self, name: &str) {
        if name == self.backend.info.name {
            return;
        }
        self.notes
            .push(Level::Info, t!("profile-connecting", name = name));
        let config = super::engine_config_for(&self.settings);
        self.backend
            .switch(self.places.clone(), name.to_string(), config);
    }

    /// Swaps in the backend of another profile. The old one's uploads are interrupted (its
    /// journal keeps them; they continue when that profile is used again, except those the
    /// user paused, which stay paused), the views of the old account
    /// are cleared, and rows not started yet move over.
    pub fn replace_backend(&mut self, backend: Backend) {
        // Rows not started yet are plain files and metadata: they stay in the queue, for the
        // new account.
        let drafts = self.queue.drafts();
        Backend::retire(self.backend.engine.clone());
        self.backend = backend;
        self.backend.resume_unfinished();
        self.queue = QueueState::default();
        self.queue.add_drafts(drafts);
        self.catalog = Catalog::new(self.backend.conn.vod.capabilities().clone());
        self.assets = AssetsState::new(&self.catalog.caps);
        self.buckets = Default::default();
        self.profiles.current = self.backend.info.name.clone();
        if !self.queue.rows.is_empty() {
            self.notes.push(
                Level::Info,
                t!(
                    "profile-rows-moved",
                    n = (self.queue.rows.len()),
                    profile = (self.profiles.current.as_str())
                ),
            );
        }
        self.apply_limits();
        self.backend.load_profiles(self.places.config.clone());
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if ctx.cumulative_frame_nr() == 0 {
            // Measured from main(): the start-up target is ≤ 500 ms (bench/startup.sh).
            let ms = crate::STARTED.get().map(|t| t.elapsed().as_millis());
            tracing::info!(
                profile = %self.backend.info.name,
                since_start_ms = ms,
                "first frame drawn"
            );
        }
        if self.applied_language != Some(self.settings.language) {
            crate::i18n::use_language(self.settings.language);
            self.applied_language = Some(self.settings.language);
        }
        if self.applied_theme != Some(self.settings.theme) {
            theme::apply(&ctx, self.settings.theme);
            self.applied_theme = Some(self.settings.theme);
        }
        self.drain(&ctx);
        // A halt is said once, as it happens; the queue shows it until resumed.
        let halted = self.backend.engine.halted();
        if halted != self.halt_noted {
            if let Some(r) = &halted {
                self.notes
                    .push(Level::Error, t!("uploads-stopped", reason = r.as_str()));
            }
            self.halt_noted = halted;
        }
        let held = self.backend.engine.held_by();
        if held != self.held_noted {
            if let Some(h) = &held {
                let holder = crate::words::holder(h);
                self.notes
                    .push(Level::Warning, t!("uploads-held", holder = holder));
            }
            self.held_noted = held;
        }
        self.handle_drops(&ctx);
        self.shortcuts(&ctx);
        self.refresh_progress();
        self.follow_statuses(&ctx);
        self.watch_folders(&ctx);

        self.top_bar(ui);
        self.status_bar(ui);
        if self.settings.show_left {
            egui::Panel::left("assets")
                .default_size(260.0)
                .min_size(180.0)
                .max_size(480.0)
                .show(ui, |ui| self.left_panel(ui));
        }
        if self.settings.show_right {
            egui::Panel::right("metadata")
                .default_size(290.0)
                .min_size(260.0)
                .max_size(520.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("form-scroll")
                        .show(ui, |ui| self.right_panel(ui));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.centre(ui));

        dialogs::help(&ctx, &mut self.show_help);
        self.queue.left_out.show(&ctx);
        for a in crate::app::watch::window::show(&ctx, &mut self.watches) {
            self.watch_action(a);
        }
        dialogs::about(
            &ctx,
            &mut self.show_about,
            &self.backend.info.endpoint,
            self.backend.conn.vod.kind(),
        );
        if std::mem::take(&mut self.show_connect) {
            self.profiles.add_new();
        }
        if let Some(action) = super::profiles::show(&ctx, &mut self.profiles) {
            self.profiles.busy = true;
            self.backend
                .profile_action(self.places.config.clone(), action);
        }
        if super::settings_window::show(&ctx, &mut self.show_settings, &mut self.settings) {
            self.apply_limits();
        }
        if let Some(op) =
            self.categories
                .show(&ctx, &self.catalog.categories, &self.catalog.caps.limits)
        {
            self.backend.category_op(op);
        }
        let deleting = dialogs::confirm(
            &ctx,
            "delete-assets",
            &mut self.assets.confirm_delete,
            &t!("confirm-delete-title"),
            |ids| t!("confirm-delete", n = (ids.len())),
            (&t!("confirm-delete-yes"), &t!("confirm-delete-keep")),
        );
        if let Some(ids) = deleting {
            self.asset_op(AssetOp::Delete, ids);
        }
        let cancelling = dialogs::confirm(
            &ctx,
            "cancel-uploads",
            &mut self.confirm_cancel,
            &t!("confirm-cancel-title"),
            |jobs| t!("confirm-cancel", n = (jobs.len())),
            (&t!("confirm-cancel-yes"), &t!("confirm-cancel-keep")),
        );
        if let Some(keys) = cancelling {
            self.cancel_rows(&keys);
        }
        self.drop_overlay(&ctx);
        self.notes.show_toasts(&ctx);

        let busy = self.queue.rows.iter().any(|r| r.state.is_active()) || self.queue.walks > 0;
        if busy {
            // Progress moves without events: redraw a few times a second.
            ctx.request_repaint_after(Duration::from_millis(250));
        }
        if self.was_busy && !busy {
            self.batch_summary();
        }
        self.was_busy = busy;
    }

    /// Writes the rows not started yet for the next session (the window is closing).
    pub fn keep_drafts(&self) {
        if let Err(e) = super::queue::drafts::save(&self.backend.drafts_file, &self.queue.drafts())
        {
            eprintln!("warning: {e}; the rows not started yet will not be back next time");
        }
        // Watches changed in the last frames are written now, not left to a background save.
        if self.watches.dirty
            && self.watches.loaded
            && let Err(e) = crate::app::watch::save(&self.backend.watches_file, &self.watches.list)
        {
            eprintln!("warning: {e}; the watch folders' latest changes will not be back next time");
        }
    }

    /// Hands the transfer limits to the engine (they apply at once).
    pub fn apply_limits(&self) {
        let s = &self.settings;
        let e = &self.backend.engine;
        e.set_bandwidth(crate::app::settings::bandwidth_bytes(s.bandwidth_mib));
        e.set_concurrency(
            s.concurrent_files,
            s.parts_per_file,
            parts_cap(s.concurrent_files, s.parts_per_file),
        );
    }

    /// Done rows follow their asset's status, and listed assets their processing, until the
    /// service settles them.
    fn follow_statuses(&mut self, ctx: &egui::Context) {
        use crate::app::queue::follow as rows;
        let pending = rows::any_wanted(&self.queue.rows) || self.assets.any_unsettled();
        if !pending {
            return;
        }
        let now = Instant::now();
        if self.follow.is_due(now) {
            let wanted = rows::wanted_ids(&self.queue.rows).chain(self.assets.unsettled_ids());
            if let Some(ids) = self.follow.due(now, wanted) {
                self.backend.fetch_statuses(ids);
            }
        }
        ctx.request_repaint_after(crate::app::follow::EVERY);
    }

    pub(super) fn refresh_progress(&mut self) {
        let due = self
            .progress_at
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(250));
        if due {
            self.progress = self.backend.engine.progress();
            self.progress_at = Some(Instant::now());
        }
    }
}

/// Parts in flight across all files: enough to keep every file busy, bounded so buffers
/// stay under ~80 MiB at the default part size.
fn parts_cap(files: usize, parts: usize) -> usize {
    (files * parts).min(parts.max(8))
}

impl eframe::App for VodeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.settings);
        // eframe calls this every half minute too: rows not started yet survive a crash.
        self.backend.save_drafts(self.queue.drafts());
    }

    fn on_exit(&mut self) {
        self.keep_drafts();
        tracing::info!(
            frames = self.backend.ctx().cumulative_frame_nr(),
            drafts = self.queue.drafts().len(),
            "closed: settings and the rows not started yet saved"
        );
    }
}
