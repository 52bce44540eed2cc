//! The window: top bar, banner, left (assets) / centre (queue) / right (metadata) panels,
//! status bar, overlays. Each frame drains background results, draws, and turns clicks and
//! shortcuts into commands; nothing here waits on I/O.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui;
use vodesk_core::engine::JobState;
use vodesk_core::engine::progress::Progress;

use super::assets::{AssetOp, AssetsState, details, list};
use super::backend::{Backend, BgMsg, Pick};
use super::commands::Command;
use super::form::cover::Previews;
use super::form::{Catalog, FormState, Target, attach_subtitles};
use super::notify::{Level, Notifications};
use super::queue::table::{self, RowAction};
use super::queue::{QueueState, RowState, toolbar};
use super::settings::{STORAGE_KEY, ThemePref, UiSettings};
use super::{dialogs, theme};

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
    pub categories: super::assets::categories::CategoryEditor,
    pub buckets: super::buckets::BucketsState,
    /// The left panel shows the bucket browser instead of the assets.
    pub show_buckets: bool,
    /// Metadata saves still on their way.
    pending_saves: usize,
    covers: Previews,
    pub search: String,
    pub show_help: bool,
    pub show_about: bool,
    pub show_connect: bool,
    progress: Progress,
    progress_at: Option<Instant>,
    /// Some rows were uploading last frame (a summary toast follows when all settle).
    was_busy: bool,
    batch: (usize, usize),
    applied_theme: Option<ThemePref>,
}

impl VodeskApp {
    pub fn new(backend: Backend, settings: UiSettings) -> VodeskApp {
        backend
            .engine
            .set_bandwidth(u64::from(settings.bandwidth_mib) * 1024 * 1024);
        backend.engine.set_concurrency(
            settings.concurrent_files,
            settings.parts_per_file,
            parts_cap(settings.concurrent_files, settings.parts_per_file),
        );
        let mut form = FormState::default();
        form.pattern = settings.title_pattern.clone();
        VodeskApp {
            backend,
            settings,
            queue: QueueState::default(),
            form,
            catalog: Catalog::default(),
            notes: Notifications::default(),
            assets: AssetsState::default(),
            categories: Default::default(),
            buckets: Default::default(),
            show_buckets: false,
            pending_saves: 0,
            covers: Previews::default(),
            search: String::new(),
            show_help: false,
            show_about: false,
            show_connect: false,
            progress: Progress {
                bytes_done: 0,
                bytes_total: 0,
                jobs_total: 0,
                jobs_finished: 0,
                bytes_per_sec: 0.0,
                eta_secs: None,
            },
            progress_at: None,
            was_busy: false,
            batch: (0, 0),
            applied_theme: None,
        }
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.settings.theme) {
            theme::apply(&ctx, self.settings.theme);
            self.applied_theme = Some(self.settings.theme);
        }
        self.drain(&ctx);
        self.handle_drops(&ctx);
        self.shortcuts(&ctx);
        self.refresh_progress();

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
        dialogs::about(&ctx, &mut self.show_about, &self.backend.info.endpoint);
        dialogs::connect_cloud(&ctx, &mut self.show_connect);
        if let Some(op) = self.categories.show(&ctx, &self.catalog.categories) {
            self.backend.category_op(op);
        }
        if let Some(ids) = details::confirm_delete(&ctx, &mut self.assets) {
            self.asset_op(AssetOp::Delete, ids);
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

    fn refresh_progress(&mut self) {
        let due = self
            .progress_at
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(250));
        if due {
            self.progress = self.backend.engine.progress();
            self.progress_at = Some(Instant::now());
        }
    }

    fn batch_summary(&mut self) {
        let done = self
            .queue
            .count(|r| r.state == RowState::Job(JobState::Done));
        let failed = self
            .queue
            .count(|r| r.state == RowState::Job(JobState::Failed));
        if (done, failed) != self.batch && done + failed > 0 {
            let new_done = done.saturating_sub(self.batch.0);
            let new_failed = failed.saturating_sub(self.batch.1);
            if new_failed > 0 {
                self.notes.push(
                    Level::Warning,
                    format!("{new_done} files uploaded, {new_failed} failed; select them and press Retry."),
                );
            } else if new_done > 0 {
                self.notes
                    .push(Level::Success, format!("{new_done} files uploaded."));
            }
            self.batch = (done, failed);
            // New assets exist now.
            self.reload_assets();
        }
    }

    /// Applies what background tasks sent since the last frame.
    fn drain(&mut self, ctx: &egui::Context) {
        let start = Instant::now();
        loop {
            if start.elapsed() > DRAIN_BUDGET {
                self.backend.more_later();
                break;
            }
            let Some(msg) = self.backend.next() else {
                break;
            };
            match msg {
                BgMsg::Job(v) => {
                    if v.state == JobState::Failed {
                        let name = v.path.file_name().map(|n| n.to_string_lossy().into_owned());
                        self.notes.push(
                            Level::Error,
                            format!(
                                "{} failed: {}",
                                name.unwrap_or_default(),
                                v.reason.clone().unwrap_or_default()
                            ),
                        );
                    }
                    self.queue.on_job(&v);
                }
                BgMsg::Found(files) => {
                    let pattern = (!self.settings.title_pattern.trim().is_empty())
                        .then_some(self.settings.title_pattern.as_str());
                    self.queue
                        .add_found(files, &self.settings.defaults, pattern);
                }
                BgMsg::WalkProblem(p) => self.notes.push(Level::Warning, p),
                BgMsg::WalkDone => self.queue.walks = self.queue.walks.saturating_sub(1),
                BgMsg::Queued { row, result } => {
                    if let Err(e) = &result {
                        let name = self
                            .queue
                            .row(row)
                            .map(|r| r.name.clone())
                            .unwrap_or_default();
                        self.notes
                            .push(Level::Error, format!("{name} could not be queued: {e}"));
                    }
                    self.queue.on_queued(row, result);
                }
                BgMsg::Resumed(records) => {
                    if !records.is_empty() {
                        self.notes.push(
                            Level::Info,
                            format!(
                                "Resuming {} unfinished uploads from the last session.",
                                records.len()
                            ),
                        );
                    }
                    self.queue.add_resumed(records);
                }
                BgMsg::Categories(r) => match r {
                    Ok(c) => self.catalog.set_categories(c),
                    Err(e) => {
                        self.notes.push(
                            Level::Warning,
                            format!("Categories could not be loaded: {e}"),
                        );
                        self.catalog.categories_error = Some(e);
                    }
                },
                BgMsg::Templates(r) => {
                    self.catalog.loaded_templates = true;
                    match r {
                        Ok(t) => self.catalog.templates = t,
                        Err(e) => {
                            self.notes.push(
                                Level::Warning,
                                format!("Template groups could not be loaded: {e}"),
                            );
                            self.catalog.templates_error = Some(e);
                        }
                    }
                }
                BgMsg::Picked(what, paths) => self.picked(what, paths),
                BgMsg::Cover(path, r) => {
                    self.form
                        .previews
                        .loaded(ctx, path.display().to_string(), r)
                }
                BgMsg::AssetPage { epoch, result } => {
                    if let Err(e) = &result {
                        self.notes
                            .push(Level::Error, format!("The asset list could not load: {e}"));
                    }
                    self.assets.on_page(epoch, result);
                }
                BgMsg::AssetDetails(id, r) => {
                    if self.assets.current.as_deref() == Some(id.as_str()) {
                        match *r {
                            Ok(d) => {
                                self.assets.details = Some(d);
                                self.assets.details_error = None;
                            }
                            Err(e) => self.assets.details_error = Some(e),
                        }
                    }
                }
                BgMsg::AssetOp(op, r) => self.asset_op_done(op, r),
                BgMsg::CoverImage(url, r) => self.covers.loaded(ctx, url, r),
                BgMsg::Buckets(r) => match r {
                    Ok(b) => {
                        self.buckets.buckets = b;
                        self.buckets.error = None;
                    }
                    Err(e) => self.buckets.error = Some(format!("The buckets could not load: {e}")),
                },
                BgMsg::Objects {
                    bucket,
                    prefix,
                    result,
                } => self.buckets.on_page(&bucket, &prefix, result),
                BgMsg::BucketResults(lines) => {
                    self.buckets.busy = false;
                    let failed = lines.iter().filter(|(ok, _)| !ok).count();
                    let imported = lines
                        .iter()
                        .any(|(ok, l)| *ok && l.contains("imported as asset"));
                    if failed > 0 {
                        self.notes.push(
                            Level::Warning,
                            format!(
                                "{failed} of {} items failed; see the bucket panel.",
                                lines.len()
                            ),
                        );
                    } else {
                        self.notes.push(
                            Level::Success,
                            lines.last().map(|l| l.1.clone()).unwrap_or_default(),
                        );
                    }
                    self.buckets.results = lines
                        .into_iter()
                        .map(|(ok, l)| format!("{} {l}", if ok { "✔" } else { "⚠" }))
                        .collect();
                    if imported {
                        self.reload_assets();
                    }
                }
                BgMsg::CategoryDone(r) => {
                    self.categories.busy = false;
                    match r {
                        Ok(m) => self.notes.push(Level::Success, m),
                        Err(e) => self.notes.push(
                            Level::Error,
                            format!("The category change was refused: {e}"),
                        ),
                    }
                    self.categories.selected = None;
                    self.backend.fetch_categories();
                }
                BgMsg::AssetSaved(id, r) => {
                    self.pending_saves = self.pending_saves.saturating_sub(1);
                    self.assets.busy = self.pending_saves > 0;
                    match r {
                        Ok(()) if self.pending_saves == 0 => {
                            self.notes.push(Level::Success, "Metadata saved.")
                        }
                        Ok(()) => {}
                        Err(e) => self.notes.push(
                            Level::Error,
                            format!("The metadata of {id} could not be saved: {e}"),
                        ),
                    }
                    self.reload_assets();
                    if self.assets.current.as_deref() == Some(id.as_str()) {
                        self.backend.fetch_details(id);
                    }
                }
                BgMsg::Problem(p) => self.notes.push(Level::Error, p),
            }
        }
    }

    /// Files the user chose in a native dialog.
    pub fn picked(&mut self, what: Pick, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        match what {
            Pick::Files | Pick::Folder => self.add_paths(paths),
            Pick::Cover => {
                let p = paths[0].clone();
                self.with_targets(|ts| ts.iter_mut().for_each(|t| t.meta.cover = Some(p.clone())));
            }
            Pick::Subtitle => self.with_targets(|ts| attach_subtitles(ts, &paths)),
        }
    }

    /// Queues files and folders (walked in the background; rows appear as found).
    pub fn add_paths(&mut self, paths: Vec<PathBuf>) {
        self.queue.walks += 1;
        self.backend.walk(paths);
    }

    /// Runs `f` on what the form edits: the selected drafts, or the defaults.
    fn with_targets<R>(&mut self, f: impl FnOnce(&mut [Target]) -> R) -> R {
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

    fn handle_drops(&mut self, ctx: &egui::Context) {
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

    fn drop_overlay(&self, ctx: &egui::Context) {
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
        painter.rect_stroke(
            rect.shrink(16.0),
            12.0,
            egui::Stroke::new(3.0, theme::ACCENT),
            egui::StrokeKind::Inside,
        );
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop files or folders to add them to the upload queue",
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            for c in Command::ALL {
                if c.clashes_with_text() && typing {
                    continue;
                }
                if i.consume_shortcut(&c.shortcut()) {
                    fired.push(c);
                }
            }
            if !typing && i.consume_key(egui::Modifiers::SHIFT, egui::Key::Questionmark) {
                fired.push(Command::Help);
            }
            if !typing && i.key_pressed(egui::Key::Escape) {
                self.queue.select_none();
            }
        });
        for c in fired {
            self.run(c);
        }
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
                jobs.iter().for_each(|&j| engine.cancel(j));
                // Selected drafts have nothing to cancel: they are taken out. With nothing
                // selected, Cancel stops uploads only (the drafts stay for later).
                let chosen = if self.queue.selected.is_empty() {
                    Vec::new()
                } else {
                    keys.clone()
                };
                let drafts: Vec<u64> = chosen
                    .iter()
                    .copied()
                    .filter(|k| {
                        self.queue
                            .row(*k)
                            .is_some_and(|r| r.state == RowState::Draft)
                    })
                    .collect();
                self.queue.remove(&drafts);
            }
            Command::Retry => self.retry(&keys),
            Command::Remove => {
                if self.queue.selected.is_empty() {
                    return;
                }
                let sel: Vec<u64> = self.queue.selected.iter().copied().collect();
                let removed = self.queue.remove(&sel);
                if removed < sel.len() {
                    self.notes.push(
                        Level::Info,
                        format!(
                            "{} rows are still uploading or paused; cancel them first.",
                            sel.len() - removed
                        ),
                    );
                }
            }
            Command::ClearFinished => {
                self.queue.clear_finished();
            }
            Command::SelectAll => self.queue.select_all(),
            Command::Search => {
                let id = egui::Id::unique("queue-search");
                self.backend.ctx().memory_mut(|m| m.request_focus(id));
            }
            Command::Notifications => self.settings.show_notifications ^= true,
            Command::Help => self.show_help ^= true,
            Command::Quit => self
                .backend
                .ctx()
                .send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn start(&mut self, keys: &[u64]) {
        let backend = &self.backend;
        let catalog = &self.catalog;
        let (started, invalid) =
            self.queue
                .start(keys, &|m| catalog.extra_check(m), &mut |k, spec| {
                    backend.submit(k, spec)
                });
        if let Some((name, why)) = invalid.first() {
            let more = if invalid.len() > 1 {
                format!(" ({} more rows need fixing)", invalid.len() - 1)
            } else {
                String::new()
            };
            self.notes.push(
                Level::Warning,
                format!("{name} was not started — {why}{more}; fix it in the metadata form."),
            );
        }
        if started > 0 {
            self.notes
                .push(Level::Info, format!("Uploading {started} files."));
        }
    }

    fn retry(&mut self, keys: &[u64]) {
        let old = self.queue.reset_for_retry(keys);
        for id in old {
            self.backend.discard(id);
        }
        let drafts: Vec<u64> = keys
            .iter()
            .copied()
            .filter(|k| {
                self.queue
                    .row(*k)
                    .is_some_and(|r| r.state == RowState::Draft)
            })
            .collect();
        self.start(&drafts);
    }

    fn row_action(&mut self, a: RowAction) {
        let engine = self.backend.engine.clone();
        let job = |k: u64| self.queue.row(k).and_then(|r| r.job);
        match a {
            RowAction::Start(k) => self.start(&[k]),
            RowAction::Pause(k) => job(k).into_iter().for_each(|j| engine.pause(j)),
            RowAction::Resume(k) => job(k).into_iter().for_each(|j| engine.resume(j)),
            RowAction::Cancel(k) => job(k).into_iter().for_each(|j| engine.cancel(j)),
            RowAction::Retry(k) => self.retry(&[k]),
            RowAction::Remove(k) => {
                self.queue.remove(&[k]);
            }
        }
    }

    /// Lists assets from the first page again (new query, refresh, or after a change).
    pub fn reload_assets(&mut self) {
        let (epoch, q) = self.assets.restart();
        self.backend.fetch_assets(epoch, q);
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

    fn asset_op_done(&mut self, op: AssetOp, r: Result<Vec<(String, Option<String>)>, String>) {
        self.assets.busy = false;
        match r {
            Ok(results) => {
                let (ok, refused): (Vec<_>, Vec<_>) = results
                    .into_iter()
                    .partition(|(_, st)| st.as_deref() == Some(op.expected()));
                if !ok.is_empty() {
                    self.notes.push(
                        Level::Success,
                        format!(
                            "{} asset{} {}.",
                            ok.len(),
                            if ok.len() == 1 { "" } else { "s" },
                            op.verb()
                        ),
                    );
                }
                for (id, st) in refused {
                    // The service says what state the asset is in: usually still processing.
                    self.notes.push(
                        Level::Warning,
                        format!(
                            "Asset {id} was not {} (status {}); it may still be processing — try again when it finishes.",
                            op.verb(),
                            st.unwrap_or_else(|| "unknown".into())
                        ),
                    );
                }
                if op == AssetOp::Delete {
                    for (id, _) in &ok {
                        self.assets.selected.remove(id);
                    }
                }
                if op == AssetOp::Delete
                    && let Some(cur) = &self.assets.current
                    && ok.iter().any(|(id, _)| id == cur)
                {
                    self.assets.current = None;
                    self.assets.details = None;
                }
            }
            Err(e) => self.notes.push(
                Level::Error,
                format!("The assets could not be {}: {e}", op.verb()),
            ),
        }
        self.reload_assets();
        if let Some(id) = self.assets.current.clone() {
            self.backend.fetch_details(id);
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.heading(egui::RichText::new("vodesk").strong().color(theme::ACCENT));
                ui.separator();
                // The profile switcher's place: profiles come with the credentials work.
                egui::ComboBox::from_id_salt("profile")
                    .selected_text(format!("Profile: {}", self.backend.info.name))
                    .show_ui(ui, |ui| {
                        let _ = ui.selectable_label(true, &self.backend.info.name);
                        if ui.button("Connect a cloud account…").clicked() {
                            self.show_connect = true;
                        }
                    })
                    .response
                    .on_hover_text(&self.backend.info.endpoint);
                ui.separator();
                let search = ui.add(
                    egui::TextEdit::singleline(&mut self.search)
                        .id(egui::Id::unique("queue-search"))
                        .hint_text("🔍 Filter queue (Ctrl+F)")
                        .desired_width(200.0),
                );
                if search.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    self.search.clear();
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.menu_button("☰", |ui| {
                        ui.checkbox(&mut self.settings.show_left, "Assets panel");
                        ui.checkbox(&mut self.settings.show_right, "Metadata panel");
                        ui.checkbox(&mut self.settings.show_notifications, "Notification panel");
                        ui.separator();
                        if ui.button("Keyboard shortcuts (F1)").clicked() {
                            self.show_help = true;
                        }
                        if ui.button("About vodesk").clicked() {
                            self.show_about = true;
                        }
                    });
                    let mut t = self.settings.theme;
                    egui::ComboBox::from_label("Theme")
                        .selected_text(match t {
                            ThemePref::System => "🖥 System",
                            ThemePref::Light => "☀ Light",
                            ThemePref::Dark => "🌙 Dark",
                        })
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut t, ThemePref::System, "🖥 Follow system");
                            ui.selectable_value(&mut t, ThemePref::Light, "☀ Light");
                            ui.selectable_value(&mut t, ThemePref::Dark, "🌙 Dark");
                        });
                    self.settings.theme = t;
                    let bell = if self.notes.unread > 0 {
                        format!("⚠ {}", self.notes.unread)
                    } else {
                        "ℹ".into()
                    };
                    if ui
                        .button(bell)
                        .on_hover_text("Notifications (Ctrl+Shift+N)")
                        .clicked()
                    {
                        self.settings.show_notifications ^= true;
                    }
                });
            });
            if self.backend.info.is_local {
                egui::Frame::new()
                    .fill(theme::ACCENT.gamma_multiply(0.18))
                    .inner_margin(egui::Margin::symmetric(10, 6))
                    .corner_radius(6.0)
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label("🏠 Local library — nothing leaves this computer.");
                            if ui.link("Connect a cloud account").clicked() {
                                self.show_connect = true;
                            }
                        });
                    });
            }
            ui.add_space(4.0);
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            if self.settings.show_notifications {
                self.notes.panel(ui);
                ui.separator();
            }
            ui.horizontal(|ui| {
                let n = self.notes.history.len();
                if ui
                    .link(format!(
                        "{} {n} notifications",
                        if self.notes.unread > 0 { "⚠" } else { "ℹ" }
                    ))
                    .clicked()
                {
                    self.settings.show_notifications ^= true;
                }
                ui.separator();
                ui.label(format!(
                    "{} service: {}",
                    self.backend.info.name, self.backend.info.endpoint
                ));
                ui.separator();
                let bw = match self.settings.bandwidth_mib {
                    0 => "unlimited".to_string(),
                    n => format!("{n} MiB/s"),
                };
                ui.label(format!(
                    "bandwidth: {bw} · {} files × {} parts",
                    self.settings.concurrent_files, self.settings.parts_per_file
                ));
            });
        });
    }

    fn left_panel(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.show_buckets,
                false,
                egui::RichText::new("Assets").heading(),
            );
            ui.selectable_value(
                &mut self.show_buckets,
                true,
                egui::RichText::new("Buckets").heading(),
            );
            if !self.show_buckets && ui.small_button("Categories…").clicked() {
                self.categories.open = true;
            }
        });
        if self.show_buckets {
            let region = self.backend.conn.region.clone();
            for cmd in self.buckets.show(ui, &self.settings.defaults, &region) {
                self.backend.bucket_cmd(cmd);
            }
            return;
        }
        if !self.assets.started {
            self.reload_assets();
        }
        let out = list::show(ui, &mut self.assets, &self.catalog.categories);
        if out.restart {
            self.reload_assets();
        } else if out.more
            && let Some((epoch, q)) = self.assets.want_more()
        {
            self.backend.fetch_assets(epoch, q);
        }
        if let Some(id) = out.open {
            self.open_asset(id);
        }
    }

    fn right_panel(&mut self, ui: &mut egui::Ui) {
        let drafts = self.queue.selected_drafts().len();
        let selected = self.queue.selected.len();
        if selected == 0 && self.assets.selected.len() > 1 {
            if ui
                .small_button("✖ Close")
                .on_hover_text("Clear the asset selection")
                .clicked()
            {
                self.assets.selected.clear();
                return;
            }
            let out = super::assets::bulk::show(ui, &mut self.assets, &self.catalog.categories);
            if let Some((op, ids)) = out.op {
                self.asset_op(op, ids);
            }
            if !out.save.is_empty() {
                self.assets.busy = true;
                self.pending_saves = out.save.len();
                self.backend.save_assets(out.save);
            }
            return;
        }
        if selected == 0 && self.assets.current.is_some() {
            if ui
                .small_button("✖ Close")
                .on_hover_text("Back to the metadata form")
                .clicked()
            {
                self.assets.current = None;
                return;
            }
            let out = details::show(
                ui,
                &mut self.assets,
                &mut self.covers,
                &self.catalog.categories,
            );
            if let Some(req) = out.save {
                self.assets.busy = true;
                self.pending_saves = 1;
                self.backend.save_assets(vec![req]);
            }
            if let Some((op, ids)) = out.op {
                self.asset_op(op, ids);
            }
            if out.refresh {
                self.reload_assets();
                if let Some(id) = self.assets.current.clone() {
                    self.backend.fetch_details(id);
                }
            }
            if let Some(url) = out.load_cover {
                self.backend.fetch_cover(url);
            }
            return;
        }
        if selected == 0 {
            ui.heading("Metadata");
            ui.weak("Defaults for files you add next. Select rows to edit theirs.");
        } else if drafts == 0 {
            self.details(ui);
            return;
        } else {
            ui.heading(format!("Metadata ({drafts} selected)"));
            if drafts < selected {
                ui.weak(format!(
                    "{} started rows are not changed.",
                    selected - drafts
                ));
            }
        }
        ui.separator();
        let defaults_mode = selected == 0;
        let generation = self.queue.generation | if defaults_mode { 1 << 63 } else { 0 };
        let q = &mut self.queue;
        let sel = &q.selected;
        let mut ts: Vec<Target> = if defaults_mode {
            vec![Target {
                path: None,
                meta: &mut self.settings.defaults,
            }]
        } else {
            q.rows
                .iter_mut()
                .filter(|r| sel.contains(&r.key) && r.state == RowState::Draft)
                .map(|r| Target {
                    path: Some(&r.path),
                    meta: &mut r.meta,
                })
                .collect()
        };
        let out = self.form.show(ui, &mut ts, generation, &self.catalog);
        drop(ts);
        if defaults_mode {
            self.settings.title_pattern = self.form.pattern.clone();
        }
        if let Some(p) = out.pick {
            self.backend.pick(p);
        }
        if let Some(p) = out.load_cover {
            self.backend.load_cover(p);
        }
        if !defaults_mode {
            ui.separator();
            if ui.button(format!("▶ Start {drafts} selected")).clicked() {
                let keys = self.queue.targets();
                self.start(&keys);
            }
        }
    }

    /// Details of a started row (read-only: its metadata went with the upload).
    fn details(&mut self, ui: &mut egui::Ui) {
        let Some(r) = self
            .queue
            .rows
            .iter()
            .find(|r| self.queue.selected.contains(&r.key))
        else {
            return;
        };
        ui.heading("Upload details");
        ui.separator();
        egui::Grid::new("details")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("File");
                ui.label(r.path.display().to_string());
                ui.end_row();
                ui.label("Title");
                ui.label(&r.meta.title);
                ui.end_row();
                ui.label("Status");
                ui.label(r.state.label());
                ui.end_row();
                if let Some(a) = &r.asset_id {
                    ui.label("Asset id");
                    ui.horizontal(|ui| {
                        ui.monospace(a);
                        if ui.small_button("📋").on_hover_text("Copy").clicked() {
                            ui.ctx().copy_text(a.clone());
                        }
                    });
                    ui.end_row();
                }
                if let Some(e) = &r.error {
                    ui.label("Error");
                    ui.colored_label(ui.visuals().error_fg_color, e);
                    ui.end_row();
                }
            });
    }

    fn centre(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading("Upload queue");
        });
        if let Some(c) = toolbar::actions(ui, &self.queue) {
            self.run(c);
        }
        toolbar::totals(ui, &self.queue, &self.progress);
        let s = &mut self.settings;
        if toolbar::limits(
            ui,
            &mut s.bandwidth_mib,
            &mut s.concurrent_files,
            &mut s.parts_per_file,
        ) {
            let e = &self.backend.engine;
            e.set_bandwidth(u64::from(s.bandwidth_mib) * 1024 * 1024);
            e.set_concurrency(
                s.concurrent_files,
                s.parts_per_file,
                parts_cap(s.concurrent_files, s.parts_per_file),
            );
        }
        ui.separator();
        if self.queue.rows.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(80.0);
                ui.heading("Drop media files or folders here");
                ui.weak("or use Add files… / Add folder… (Ctrl+O / Ctrl+Shift+O)");
            });
            return;
        }
        let engine = self.backend.engine.clone();
        let actions = table::show(
            ui,
            &mut self.queue,
            &self.catalog.names,
            &self.search,
            &|id| engine.view(id).map(|v| v.bytes_done),
        );
        for a in actions {
            self.row_action(a);
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
    }
}
