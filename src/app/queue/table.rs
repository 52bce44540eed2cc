//! The queue table: virtualised (only the visible rows are laid out, so 100,000 rows cost what
//! 30 do), resizable columns remembered across runs, click / ctrl / shift selection.

use std::time::Instant;

use eframe::egui::{self, Sense};
use egui_extras::{Column, TableBuilder};
use vodesk_core::engine::{JobId, JobState};

use super::follow::state_word;
use super::{QueueState, RowState};
use crate::app::assets::publish_words::{PublishWords, publish_words};
use crate::app::form::Catalog;
use crate::app::form::problems::first_problem;
use crate::app::format::{human_bytes, human_duration};

/// What a row's own buttons asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    Start(u64),
    Pause(u64),
    Resume(u64),
    Cancel(u64),
    Retry(u64),
    Remove(u64),
    UploadAgain(u64),
}

const ROW_HEIGHT: f32 = 22.0;

/// Draws the table; `progress` reads a running job's bytes (only visible rows ask).
pub fn show(
    ui: &mut egui::Ui,
    q: &mut QueueState,
    catalog: &Catalog,
    progress: &dyn Fn(JobId) -> Option<u64>,
) -> Vec<RowAction> {
    let mut actions = Vec::new();
    let mut clicked: Option<(u64, egui::Modifiers)> = None;
    let words = publish_words(catalog.caps.publish);
    let now = Instant::now();
    let modifiers = ui.input(|i| i.modifiers);
    let filter = q.shown();
    let count = filter.as_ref().map_or(q.rows.len(), Vec::len);
    // Disjoint borrows: the selection is read while rows update their speed.
    let (rows, selected, media) = (&mut q.rows, &q.selected, &mut q.media);
    // Clicks on a cell's text select the row (instead of starting a text selection).
    ui.style_mut().interaction.selectable_labels = false;
    ui.style_mut().spacing.item_spacing.x = 4.0;
    // Narrow windows scroll sideways rather than hide the last columns.
    egui::ScrollArea::horizontal()
        .id_salt("queue-hscroll")
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("upload-queue")
                .striped(true)
                .resizable(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                // Name (with the file's frame), size, media, title, category, status and the
                // row's own buttons first: what tells rows apart and acts on them stays in
                // sight in a narrow window; progress, speed and time left follow.
                .column(Column::initial(170.0).at_least(80.0).clip(true))
                .column(Column::initial(54.0).at_least(44.0))
                .column(Column::initial(84.0).at_least(40.0).clip(true))
                .column(Column::initial(100.0).at_least(60.0).clip(true))
                .column(Column::initial(80.0).at_least(50.0).clip(true))
                .column(Column::initial(68.0).at_least(56.0))
                .column(Column::initial(48.0).at_least(44.0))
                .column(Column::initial(80.0).at_least(60.0))
                .column(Column::initial(60.0).at_least(50.0))
                .column(Column::initial(36.0).at_least(32.0))
                .column(Column::remainder().at_least(80.0).clip(true))
                .header(22.0, |mut h| {
                    for title in [
                        t!("col-name"),
                        t!("col-size"),
                        t!("col-media"),
                        t!("col-title"),
                        t!("col-category"),
                        t!("col-status"),
                        t!("col-actions"),
                        t!("col-progress"),
                        t!("col-speed"),
                        t!("col-eta"),
                        t!("col-error"),
                    ] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(ROW_HEIGHT, count, |mut tr| {
                        let i = filter.as_ref().map_or(tr.index(), |f| f[tr.index()]);
                        let r = &mut rows[i];
                        if r.state.is_active()
                            && let Some(id) = r.job
                            && let Some(b) = progress(id)
                        {
                            r.observe(b, now);
                        }
                        let is_selected = selected.contains(&r.key);
                        tr.set_selected(is_selected);
                        tr.col(|ui| {
                            media.want(r.key, &r.path, &r.probe, r.size);
                            if let Some(tex) = media.frame(r.key) {
                                let h = ROW_HEIGHT - 4.0;
                                let size = tex.size_vec2();
                                let w = h * size.x / size.y.max(1.0);
                                ui.add(egui::Image::new((tex.id(), egui::vec2(w.min(h * 2.0), h))));
                            }
                            ui.label(&r.name)
                                .on_hover_text(r.path.display().to_string());
                        });
                        tr.col(|ui| {
                            ui.label(human_bytes(r.size));
                        });
                        tr.col(|ui| media_cell(ui, r));
                        tr.col(|ui| {
                            ui.label(&r.meta.title);
                        });
                        tr.col(|ui| {
                            let c = match r.meta.category_id {
                                None | Some(-1) => t!("category-other"),
                                Some(id) => {
                                    catalog.names.get(&id).cloned().unwrap_or(id.to_string())
                                }
                            };
                            ui.label(c);
                        });
                        // A draft's problems show live, so they are fixed before anything is sent.
                        let problem = if r.state == RowState::Draft {
                            first_problem(&catalog.problems(&r.meta), &catalog.caps.limits)
                        } else {
                            r.error.clone()
                        };
                        tr.col(|ui| {
                            let status = if r.state == RowState::Draft && problem.is_some() {
                                ui.colored_label(ui.visuals().warn_fg_color, t!("row-needs-fixing"))
                            } else {
                                status_label(ui, r, &words)
                            };
                            // The reason is also on the status itself, for narrow windows
                            // where the Error column is scrolled out of sight.
                            if let Some(e) = &problem {
                                status.on_hover_text(e);
                            }
                        });
                        tr.col(|ui| {
                            // Sending an empty file again cannot help: no Retry for it.
                            let retryable = !(r.state == RowState::Refused && r.size == 0);
                            row_buttons(ui, r.key, r.state, retryable, &mut actions);
                        });
                        tr.col(|ui| {
                            if matches!(r.state, RowState::Job(_)) {
                                ui.add(
                                    egui::ProgressBar::new(r.fraction())
                                        .show_percentage()
                                        .desired_height(14.0),
                                );
                            }
                        });
                        tr.col(|ui| {
                            if r.speed > 0.0 {
                                ui.label(t!("queue-speed", speed = human_bytes(r.speed as u64)));
                            }
                        });
                        tr.col(|ui| {
                            if let Some(s) = r.eta_secs() {
                                ui.label(human_duration(s));
                            }
                        });
                        tr.col(|ui| {
                            if let Some(e) = &problem {
                                // Red on the selection's blue is unreadable: a selected row
                                // says it in the selection's own text colour, marked ⚠.
                                let text = format!("⚠ {e}");
                                let color = if is_selected {
                                    ui.visuals().selection.stroke.color
                                } else {
                                    ui.visuals().error_fg_color
                                };
                                ui.colored_label(color, text).on_hover_text(e);
                            } else if let Some(n) = &r.note {
                                ui.weak(n).on_hover_text(n);
                            }
                        });
                        if tr.response().clicked() {
                            clicked = Some((r.key, modifiers));
                        }
                    });
                });
        });
    if let Some((key, m)) = clicked {
        q.click(key, m.command, m.shift);
    }
    actions
}

/// "0:03 · 720p" (every fact on hover); a warning when ffprobe could not read the file.
fn media_cell(ui: &mut egui::Ui, r: &super::Row) {
    if let Some(info) = &r.probe.info {
        let text = super::media::summary(info);
        ui.label(&text).on_hover_text(super::media::details(info));
    } else if let Some(why) = &r.probe.problem {
        ui.colored_label(ui.visuals().warn_fg_color, t!("media-unreadable"))
            .on_hover_text(why);
    }
}

fn status_label(ui: &mut egui::Ui, r: &super::Row, words: &PublishWords) -> egui::Response {
    let s = r.state;
    let v = ui.visuals();
    let color = match s {
        RowState::Job(JobState::Done | JobState::Skipped) | RowState::AlreadyUploaded => {
            egui::Color32::from_rgb(60, 170, 90)
        }
        RowState::Job(JobState::Failed) | RowState::Refused => v.error_fg_color,
        RowState::Job(JobState::Paused | JobState::Cancelled) => v.warn_fg_color,
        _ => v.text_color(),
    };
    let text = match (s, &r.asset_status) {
        (RowState::Job(JobState::Done), Some(a)) => {
            t!("row-done-status", status = state_word(a, words))
        }
        (s, _) => s.label(),
    };
    let label = ui.colored_label(color, text);
    match &r.asset_status {
        // The service's own word, for whoever knows the cloud's terms.
        Some(a) if !a.raw.is_empty() => label.on_hover_text(&a.raw),
        _ => label,
    }
}

fn row_buttons(
    ui: &mut egui::Ui,
    key: u64,
    s: RowState,
    retryable: bool,
    out: &mut Vec<RowAction>,
) {
    let mut button = |ui: &mut egui::Ui, icon: &str, tip: String, a: RowAction| {
        if ui.small_button(icon).on_hover_text(tip).clicked() {
            out.push(a);
        }
    };
    match s {
        RowState::Draft => {
            button(ui, "▶", t!("row-start-tip"), RowAction::Start(key));
            button(ui, "🗑", t!("row-remove-tip"), RowAction::Remove(key));
        }
        RowState::Job(JobState::Paused) => {
            button(ui, "▶", t!("row-resume-tip"), RowAction::Resume(key));
            button(ui, "✖", t!("row-cancel-tip"), RowAction::Cancel(key));
        }
        RowState::Job(JobState::Failed | JobState::Cancelled) | RowState::Refused => {
            if retryable {
                button(ui, "⟳", t!("row-retry-tip"), RowAction::Retry(key));
            }
            button(ui, "🗑", t!("row-remove-tip"), RowAction::Remove(key));
        }
        RowState::Job(JobState::Done | JobState::Skipped) => {
            button(ui, "🗑", t!("row-remove-tip"), RowAction::Remove(key));
        }
        RowState::AlreadyUploaded => {
            button(ui, "⤴", t!("row-again-tip"), RowAction::UploadAgain(key));
            button(ui, "🗑", t!("row-remove-tip"), RowAction::Remove(key));
        }
        _ => {
            button(ui, "⏸", t!("row-pause-tip"), RowAction::Pause(key));
            button(ui, "✖", t!("row-cancel-tip"), RowAction::Cancel(key));
        }
    }
}
