//! The panels of the window: top bar, status bar, assets / buckets, queue, metadata.

use eframe::egui;
use vodesk_core::credentials::LOCAL_PROFILES;

use crate::app::assets::{details, list};
use crate::app::form::Target;
use crate::app::notify::Level;
use crate::app::queue::table;
use crate::app::queue::{RowState, toolbar};
use crate::app::settings::ThemePref;
use crate::app::theme;

use super::VodeskApp;

impl VodeskApp {
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.heading(egui::RichText::new("vodesk").strong().color(theme::ACCENT));
                ui.separator();
                // One click switches: the list is the built-in local profiles and the saved ones.
                let current = self.backend.info.name.clone();
                let mut chosen = None;
                egui::ComboBox::from_id_salt("profile")
                    .selected_text(t!("top-profile", name = current.as_str()))
                    .show_ui(ui, |ui| {
                        let names = LOCAL_PROFILES
                            .iter()
                            .map(|(n, _)| n.to_string())
                            .chain(self.profiles.saved.iter().map(|p| p.name.clone()));
                        for name in names {
                            if ui.selectable_label(name == current, &name).clicked() {
                                chosen = Some(name);
                            }
                        }
                        ui.separator();
                        if ui.button(t!("top-manage-profiles")).clicked() {
                            self.profiles.open = true;
                        }
                        if ui.button(t!("top-connect-menu")).clicked() {
                            self.show_connect = true;
                        }
                    })
                    .response
                    .on_hover_text(&self.backend.info.endpoint);
                if let Some(name) = chosen {
                    self.switch_profile(&name);
                }
                ui.separator();
                let search = ui.add(
                    egui::TextEdit::singleline(&mut self.queue.search)
                        .id(egui::Id::unique("queue-search"))
                        .hint_text(t!("top-filter-queue"))
                        .desired_width(200.0),
                );
                if search.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    self.queue.search.clear();
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.menu_button("☰", |ui| {
                        ui.checkbox(&mut self.settings.show_left, t!("menu-assets-panel"));
                        ui.checkbox(&mut self.settings.show_right, t!("menu-metadata-panel"));
                        ui.checkbox(
                            &mut self.settings.show_notifications,
                            t!("menu-notification-panel"),
                        );
                        ui.separator();
                        if ui.button(t!("menu-settings")).clicked() {
                            self.show_settings = true;
                        }
                        if ui.button(t!("menu-shortcuts")).clicked() {
                            self.show_help = true;
                        }
                        if ui.button(t!("menu-about")).clicked() {
                            self.show_about = true;
                        }
                    });
                    let mut t = self.settings.theme;
                    egui::ComboBox::from_label(t!("top-theme"))
                        .selected_text(match t {
                            ThemePref::System => t!("top-theme-system"),
                            ThemePref::Light => t!("top-theme-light"),
                            ThemePref::Dark => t!("top-theme-dark"),
                        })
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut t, ThemePref::System, t!("top-theme-follow"));
                            ui.selectable_value(&mut t, ThemePref::Light, t!("top-theme-light"));
                            ui.selectable_value(&mut t, ThemePref::Dark, t!("top-theme-dark"));
                        });
                    self.settings.theme = t;
                    let bell = if self.notes.unread > 0 {
                        format!("⚠ {}", self.notes.unread)
                    } else {
                        "ℹ".into()
                    };
                    if ui
                        .button(bell)
                        .on_hover_text(t!("top-notifications-tip"))
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
                            ui.label(t!("top-local-banner"));
                            if ui.link(t!("top-connect")).clicked() {
                                self.show_connect = true;
                            }
                        });
                    });
            }
            ui.add_space(4.0);
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            if self.settings.show_notifications {
                self.notes.panel(ui);
                ui.separator();
            }
            ui.horizontal(|ui| {
                let n = self.notes.history.len();
                if ui
                    .link(if self.notes.unread > 0 {
                        t!("status-notifications-unread", n = n)
                    } else {
                        t!("status-notifications", n = n)
                    })
                    .clicked()
                {
                    self.settings.show_notifications ^= true;
                }
                ui.separator();
                ui.label(t!(
                    "status-service",
                    profile = self.backend.info.name.as_str(),
                    endpoint = self.backend.info.endpoint.as_str()
                ));
                ui.separator();
                let bw = crate::app::format::bandwidth(self.settings.bandwidth_mib);
                ui.label(t!(
                    "status-limits",
                    bandwidth = bw,
                    files = self.settings.concurrent_files,
                    parts = self.settings.parts_per_file
                ));
            });
        });
    }

    pub(super) fn left_panel(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.show_buckets,
                false,
                egui::RichText::new(t!("tab-assets")).heading(),
            );
            // Without a bucket browser the tab holds imports by URL only.
            let tab = if self.catalog.caps.buckets {
                t!("tab-buckets")
            } else {
                t!("tab-import")
            };
            ui.selectable_value(
                &mut self.show_buckets,
                true,
                egui::RichText::new(tab).heading(),
            );
            if !self.show_buckets && ui.small_button(t!("tab-categories")).clicked() {
                self.categories.open = true;
            }
        });
        if self.show_buckets {
            let pattern = Some(self.settings.title_pattern.trim()).filter(|p| !p.is_empty());
            // The title comes from each object; everything else must be valid to send.
            let mut check = self.settings.defaults.clone();
            check.title = "x".into();
            let problem = crate::app::form::problems::first_problem(
                &self.catalog.problems(&check),
                &self.catalog.caps.limits,
            );
            let defaults = &self.settings.defaults;
            let caps = &self.catalog.caps;
            for cmd in self.buckets.show(ui, defaults, pattern, problem, caps) {
                self.backend.bucket_cmd(cmd);
            }
            return;
        }
        if !self.assets.started {
            self.reload_assets();
        }
        let out = list::show(
            ui,
            &mut self.assets,
            &self.catalog.categories,
            &self.catalog.caps.limits,
        );
        if out.restart {
            self.reload_assets();
        } else if (out.more || self.assets.wants_all())
            && let Some((epoch, q, cursor)) = self.assets.want_more()
        {
            self.backend.fetch_assets(epoch, q, cursor);
        }
        if let Some(id) = out.open {
            self.open_asset(id);
        }
    }

    pub(super) fn right_panel(&mut self, ui: &mut egui::Ui) {
        let drafts = self.queue.selected_drafts().len();
        let selected = self.queue.selected.len();
        if selected == 0 && self.assets.selected.len() > 1 {
            if ui
                .small_button(t!("panel-close"))
                .on_hover_text(t!("panel-close-bulk-tip"))
                .clicked()
            {
                self.assets.selected.clear();
                return;
            }
            let out = crate::app::assets::bulk::show(
                ui,
                &mut self.assets,
                &self.catalog.categories,
                &self.catalog.caps.limits,
            );
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
                .small_button(t!("panel-close"))
                .on_hover_text(t!("panel-close-details-tip"))
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
                &self.catalog.caps.limits,
            );
            if let Some(url) = out.set_cover
                && let Some(id) = self.assets.current.clone()
            {
                self.assets.busy = true;
                self.pending_saves = 1;
                self.backend.set_cover(id, url);
            }
            if out.pick_cover {
                self.backend.pick(crate::app::backend::Pick::AssetCover);
            }
            if let Some(url) = out.play {
                self.open_media(&url);
            }
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
            for url in out.load_covers {
                self.backend.fetch_cover(url);
            }
            return;
        }
        if selected == 0 {
            ui.heading(t!("meta-heading"));
            ui.weak(t!("meta-defaults-hint"));
        } else if drafts == 0 {
            self.details(ui);
            return;
        } else {
            ui.heading(t!("meta-heading-selected", n = drafts));
            if drafts < selected {
                let started = selected - drafts;
                ui.weak(t!("meta-started-unchanged", n = started));
            }
            self.row_preview(ui);
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
        // The pattern field is the defaults' pattern only while no row is selected: one typed
        // for some rows must not become the pattern of every new row.
        if defaults_mode && !self.form.holds(generation) {
            self.form.pattern = self.settings.title_pattern.clone();
        }
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
            let startable = self.queue.startable();
            if ui
                .add_enabled(
                    startable > 0,
                    egui::Button::new(t!("meta-start-selected", n = startable)),
                )
                .clicked()
            {
                let keys = self.queue.targets();
                self.start(&keys);
            }
        }
    }

    /// Details of a started row (read-only: its metadata went with the upload).
    pub(super) fn details(&mut self, ui: &mut egui::Ui) {
        ui.heading(t!("details-heading"));
        self.row_preview(ui);
        ui.separator();
        let Some(r) = self
            .queue
            .rows
            .iter()
            .find(|r| self.queue.selected.contains(&r.key))
        else {
            return;
        };
        egui::Grid::new("details")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label(t!("details-file"));
                ui.label(r.path.display().to_string());
                ui.end_row();
                ui.label(t!("col-title"));
                ui.label(&r.meta.title);
                ui.end_row();
                ui.label(t!("col-status"));
                ui.label(r.state.label());
                ui.end_row();
                if let Some(a) = &r.asset_id {
                    ui.label(t!("details-asset-id"));
                    ui.horizontal(|ui| {
                        ui.monospace(a);
                        if ui
                            .small_button("📋")
                            .on_hover_text(t!("details-copy"))
                            .clicked()
                        {
                            ui.ctx().copy_text(a.clone());
                        }
                    });
                    ui.end_row();
                }
                if let Some(e) = &r.error {
                    ui.label(t!("col-error"));
                    ui.colored_label(ui.visuals().error_fg_color, e);
                    ui.end_row();
                }
            });
    }

    pub(super) fn centre(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading(t!("queue-heading"));
        });
        if let Some(c) = toolbar::actions(ui, &self.queue, &mut self.watches.open) {
            self.run(c);
        }
        toolbar::totals(ui, &mut self.queue, &self.progress);
        let s = &mut self.settings;
        if toolbar::limits(
            ui,
            &mut s.bandwidth_mib,
            &mut s.concurrent_files,
            &mut s.parts_per_file,
        ) {
            self.apply_limits();
        }
        self.halt_banner(ui);
        ui.separator();
        if self.queue.rows.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(80.0);
                ui.heading(t!("queue-empty"));
                ui.weak(t!("queue-empty-hint"));
            });
            return;
        }
        let engine = self.backend.engine.clone();
        let actions = table::show(ui, &mut self.queue, &self.catalog, &|id| {
            engine.view(id).map(|v| v.bytes_done)
        });
        for a in actions {
            self.row_action(a);
        }
        self.probe_wanted();
    }

    /// The one selected row's frame and media facts, with Open.
    fn row_preview(&mut self, ui: &mut egui::Ui) {
        if self.queue.selected.len() != 1 {
            return;
        }
        let q = &self.queue;
        let Some(r) = q.selected.iter().next().and_then(|k| q.row(*k)) else {
            return;
        };
        if crate::app::queue::media::preview(ui, r, &q.media) {
            let target = r.path.to_string_lossy().into_owned();
            self.open_media(&target);
        }
    }

    /// Opens a file or URL in the chosen or the system's player; a failure is a notification.
    fn open_media(&mut self, target: &str) {
        if let Err(e) = crate::app::launch::open(target, &self.settings.open_with) {
            self.notes.push(
                Level::Error,
                t!("media-open-failed", target = target, error = e.as_str()),
            );
        }
    }

    /// Starts the probes the rows on screen asked for; without ffmpeg, says so once.
    fn probe_wanted(&mut self) {
        let m = &mut self.queue.media;
        if !m.tools.available() {
            if !m.wanted.is_empty() && !m.told_missing {
                m.told_missing = true;
                self.notes.push(Level::Info, t!("media-no-tools"));
            }
            m.wanted.clear();
            return;
        }
        for (key, path) in m.take_wanted() {
            if let Some(r) = self.queue.row_mut(key) {
                r.probe.pending = true;
            }
            self.backend
                .probe(self.queue.media.tools.clone(), key, path);
        }
    }

    /// When the engine stopped every upload (the service unreachable after all retries, the
    /// journal's disk full): why, and one button to continue once it is fixed.
    fn halt_banner(&mut self, ui: &mut egui::Ui) {
        if let Some(h) = &self.held_noted {
            let holder = crate::words::holder(h);
            ui.colored_label(ui.visuals().warn_fg_color, t!("halt-held", holder = holder));
        }
        // As read from the engine this frame (`frame` keeps it in `halt_noted`).
        let Some(reason) = self.halt_noted.clone() else {
            return;
        };
        let mut resume = false;
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .corner_radius(4.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        t!("halt-stopped", reason = reason.as_str()),
                    );
                    ui.label(t!("halt-nothing-lost"));
                    resume = ui.button(t!("halt-resume-all")).clicked();
                });
            });
        if resume {
            self.backend.engine.resume_all();
        }
    }

    pub(super) fn drop_overlay(&self, ctx: &egui::Context) {
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
        // The message is a real label (screen readers announce it; tests can see it).
        egui::Area::new(egui::Id::unique("drop-message"))
            .order(egui::Order::Tooltip)
            .fixed_pos(rect.center())
            .pivot(egui::Align2::CENTER_CENTER)
            .interactable(false)
            .show(ctx, |ui| {
                ui.label(
                    egui::RichText::new(t!("drop-overlay"))
                        .size(24.0)
                        .color(egui::Color32::WHITE),
                );
            });
    }
}
