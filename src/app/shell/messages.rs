//! Results of background work, applied once per frame within a time budget.

use std::path::PathBuf;
use std::time::Instant;

use eframe::egui;
use vodesk_core::engine::JobState;

use crate::app::assets::AssetOp;
use crate::app::backend::{BgMsg, BucketLine, Pick, ProfileOutcome};
use crate::app::form::attach_subtitles;
use crate::app::notify::Level;
use crate::app::queue::RowState;
use vodesk_core::engine::Added;
use vodesk_core::provider::api::ItemResult;

use super::{DRAIN_BUDGET, VodeskApp};

impl VodeskApp {
    pub(super) fn batch_summary(&mut self) {
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
                    t!("batch-some-failed", n = new_done, failed = new_failed),
                );
            } else if new_done > 0 {
                self.notes
                    .push(Level::Success, t!("batch-uploaded", n = new_done));
            }
            self.batch = (done, failed);
            // New assets exist now.
            self.reload_assets();
        }
    }

    /// Applies what background tasks sent since the last frame.
    pub(super) fn drain(&mut self, ctx: &egui::Context) {
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
                        let name = v
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let reason = v.reason.clone().unwrap_or_default();
                        self.notes
                            .push(Level::Error, t!("job-failed", name = name, reason = reason));
                    }
                    if self.queue.on_job(&v) {
                        self.assets.new_uploads += 1;
                    }
                }
                BgMsg::Statuses(r) => {
                    self.follow.answered();
                    let fresh = r.unwrap_or_else(|e| {
                        tracing::debug!(error = %e, "asking for assets' statuses");
                        Vec::new()
                    });
                    crate::app::queue::follow::take_statuses(&mut self.queue.rows, &fresh);
                    if let Some(id) = self.assets.take_fresh(&fresh) {
                        self.backend.fetch_details(id);
                    }
                }
                BgMsg::Found(files) => {
                    let pattern = (!self.settings.title_pattern.trim().is_empty())
                        .then_some(self.settings.title_pattern.as_str());
                    self.queue
                        .add_found(files, &self.settings.defaults, pattern);
                }
                BgMsg::WalkProblem(p) => self.notes.push(Level::Warning, p),
                BgMsg::NotMedia(paths) => self.queue.left_out.add(paths),
                BgMsg::Watches(r) => self.watches_loaded(r),
                BgMsg::WatchScan(folders, scanned) => self.watch_scanned(&folders, scanned),
                BgMsg::WatchesNotSaved(e) => {
                    if !e.is_empty() {
                        self.notes
                            .push(Level::Error, t!("watch-save-failed", error = e));
                    }
                }
                BgMsg::Probed(p) => {
                    let q = &mut self.queue;
                    let key = p.key;
                    let mut probe = q.row_mut(key).map(|r| std::mem::take(&mut r.probe));
                    q.media.answered(ctx, p, probe.as_mut());
                    if let (Some(r), Some(probe)) = (q.row_mut(key), probe) {
                        r.probe = probe;
                    }
                }
                BgMsg::WalkDone => self.queue.walks = self.queue.walks.saturating_sub(1),
                BgMsg::Queued { row, result } => {
                    let name = || {
                        self.queue
                            .row(row)
                            .map(|r| r.name.clone())
                            .unwrap_or_default()
                    };
                    match &result {
                        Err(e) => {
                            let n = name();
                            self.notes.push(
                                Level::Error,
                                t!("row-not-queued", name = n, error = e.as_str()),
                            );
                        }
                        Ok(Added::AlreadyUploaded { asset_id }) => {
                            let n = name();
                            self.notes.push(
                                Level::Info,
                                t!("row-already-uploaded", name = n, asset = asset_id.as_str()),
                            );
                        }
                        Ok(_) => {}
                    }
                    if let Some(job) = self.queue.on_queued(row, result) {
                        self.backend.engine.cancel(job);
                    }
                }
                BgMsg::Drafts(r) => match r {
                    Ok(d) if !d.is_empty() => {
                        self.notes
                            .push(Level::Info, t!("drafts-back", n = (d.len())));
                        self.queue.add_drafts(d);
                    }
                    Ok(_) => {}
                    Err(e) => self.notes.push(Level::Warning, e),
                },
                BgMsg::Resumed(records) => {
                    let in_state = |s: JobState| records.iter().filter(|r| r.state == s).count();
                    let (paused, failed) = (in_state(JobState::Paused), in_state(JobState::Failed));
                    let running = records.len() - paused - failed;
                    if running > 0 {
                        self.notes
                            .push(Level::Info, t!("resumed-running", n = running));
                    }
                    if failed > 0 {
                        self.notes
                            .push(Level::Warning, t!("resumed-failed", n = failed));
                    }
                    if paused > 0 {
                        self.notes
                            .push(Level::Info, t!("resumed-paused", n = paused));
                    }
                    let ids: Vec<_> = records.iter().map(|r| r.id).collect();
                    self.queue.add_resumed(records);
                    // Events the engine sent before these rows existed found no row: take each
                    // job as it stands now.
                    for v in ids.iter().filter_map(|&id| self.backend.engine.view(id)) {
                        self.queue.on_job(&v);
                    }
                }
                BgMsg::Categories(r) => match r {
                    Ok(c) => self.catalog.set_categories(c),
                    Err(e) => {
                        self.notes.push(
                            Level::Warning,
                            t!("categories-load-failed", error = e.as_str()),
                        );
                        self.catalog.categories_error = Some(e);
                    }
                },
                BgMsg::Presets(r) => {
                    self.catalog.loaded_templates = true;
                    match r {
                        Ok(t) => self.catalog.templates = t,
                        Err(e) => {
                            let kind = self.catalog.caps.limits.preset_kind;
                            self.notes
                                .push(Level::Warning, crate::app::form::presets_failed(kind, &e));
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
                            .push(Level::Error, t!("assets-load-failed", error = e.as_str()));
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
                    Err(e) => self.buckets.error = Some(t!("buckets-load-failed", error = e)),
                },
                BgMsg::Objects {
                    bucket,
                    prefix,
                    result,
                } => self.buckets.on_page(&bucket, &prefix, result),
                BgMsg::Unfinished { bucket, result } => {
                    self.buckets.unfinished.on_list(&bucket, result);
                }
                BgMsg::Aborted {
                    bucket,
                    done,
                    failed,
                } => {
                    let summary = crate::app::buckets::unfinished::aborted_summary(done, &failed);
                    if let Some(cmd) = self.buckets.unfinished.on_aborted(&bucket, summary) {
                        self.backend.bucket_cmd(cmd);
                    }
                }
                BgMsg::BucketResults(lines) => {
                    self.buckets.busy = false;
                    let failed = lines.iter().filter(|l| !l.ok()).count();
                    let imported = lines.iter().any(|l| matches!(l, BucketLine::Imported(..)));
                    if failed > 0 {
                        self.notes.push(
                            Level::Warning,
                            t!(
                                "bucket-items-failed",
                                failed = failed,
                                total = (lines.len())
                            ),
                        );
                    } else {
                        self.notes.push(
                            Level::Success,
                            lines.last().map(BucketLine::text).unwrap_or_default(),
                        );
                    }
                    self.buckets.results = lines
                        .iter()
                        .map(|l| format!("{} {}", if l.ok() { "✔" } else { "⚠" }, l.text()))
                        .collect();
                    if imported {
                        self.reload_assets();
                    }
                }
                BgMsg::CategoryDone(r) => {
                    self.categories.busy = false;
                    match r {
                        Ok(m) => self.notes.push(Level::Success, m.text()),
                        Err(e) => self
                            .notes
                            .push(Level::Error, t!("category-refused", error = e)),
                    }
                    self.categories.selected = None;
                    self.backend.fetch_categories();
                }
                BgMsg::AssetSaved(id, done, r) => {
                    self.pending_saves = self.pending_saves.saturating_sub(1);
                    self.assets.busy = self.pending_saves > 0;
                    match r {
                        Ok(()) if self.pending_saves == 0 => {
                            self.notes.push(Level::Success, done.text())
                        }
                        Ok(()) => {}
                        Err(e) => self.notes.push(
                            Level::Error,
                            t!("asset-not-saved", id = id.as_str(), error = e),
                        ),
                    }
                    self.reload_assets();
                    if self.assets.current.as_deref() == Some(id.as_str()) {
                        self.backend.fetch_details(id);
                    }
                }
                BgMsg::Problem(p) => self.notes.push(Level::Error, p),
                BgMsg::Profiles(Ok(file)) => {
                    self.profiles.default = file.default_name().to_string();
                    self.profiles.saved = file.profiles;
                }
                BgMsg::Profiles(Err(e)) => {
                    let words =
                        crate::words::profiles_file_error(&e, crate::app::profiles::problem_text);
                    self.notes.push(Level::Error, words);
                }
                BgMsg::ProfileDone { result, switch_to } => {
                    self.profiles.busy = false;
                    if let Ok(ProfileOutcome::Saved(_)) = &result {
                        self.profiles.draft = None;
                    }
                    self.profiles.status = Some(match &result {
                        Ok(done) => (true, done.text()),
                        Err(e) => (false, e.text()),
                    });
                    self.backend.load_profiles(self.places.config.clone());
                    if let Some(name) = switch_to {
                        self.switch_profile(&name);
                    }
                }
                BgMsg::Switched(name, Ok(backend)) => {
                    self.replace_backend(*backend);
                    self.notes
                        .push(Level::Info, t!("profile-now-using", name = name));
                }
                BgMsg::Switched(name, Err(e)) => self.notes.push(
                    Level::Error,
                    t!("profile-not-connected", name = name, error = e),
                ),
            }
        }
    }

    pub(super) fn asset_op_done(&mut self, op: AssetOp, r: Result<Vec<ItemResult>, String>) {
        self.assets.busy = false;
        let word = op.word(self.assets.publish);
        match r {
            Ok(results) => {
                let (ok, refused): (Vec<_>, Vec<_>) = results.into_iter().partition(|o| o.ok);
                if !ok.is_empty() {
                    self.notes.push(
                        Level::Success,
                        t!("assets-op-done", op = word, n = (ok.len())),
                    );
                }
                for o in refused {
                    // The service says what state the asset is in and, when it has one, why.
                    let status = o
                        .status
                        .map(|s| s.raw)
                        .unwrap_or_else(|| t!("assets-status-unknown"));
                    let id = o.asset_id.as_str();
                    let text = match o.reason {
                        Some(reason) => t!(
                            "assets-op-refused",
                            op = word,
                            id = id,
                            status = status,
                            reason = reason
                        ),
                        None => t!(
                            "assets-op-refused-busy",
                            op = word,
                            id = id,
                            status = status
                        ),
                    };
                    self.notes.push(Level::Warning, text);
                }
                if op == AssetOp::Delete {
                    for o in &ok {
                        self.assets.selected.remove(&o.asset_id);
                    }
                }
                if op == AssetOp::Delete
                    && let Some(cur) = &self.assets.current
                    && ok.iter().any(|o| &o.asset_id == cur)
                {
                    self.assets.current = None;
                    self.assets.details = None;
                }
            }
            Err(e) => self
                .notes
                .push(Level::Error, t!("assets-op-failed", op = word, error = e)),
        }
        self.reload_assets();
        if let Some(id) = self.assets.current.clone() {
            self.backend.fetch_details(id);
        }
    }

    /// Files the user chose in a native dialog.
    pub fn picked(&mut self, what: Pick, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        match what {
            Pick::Files | Pick::Folder => self.add_paths(paths),
            Pick::WatchFolder => self.add_watch(paths[0].clone()),
            Pick::Cover => {
                let p = paths[0].clone();
                self.with_targets(|ts| ts.iter_mut().for_each(|t| t.meta.cover = Some(p.clone())));
            }
            Pick::Subtitle => self.with_targets(|ts| attach_subtitles(ts, &paths)),
            Pick::AssetCover => {
                if let Some(id) = self.assets.current.clone() {
                    self.assets.busy = true;
                    self.pending_saves = 1;
                    self.backend.set_cover_image(id, paths[0].clone());
                }
            }
        }
    }
}
