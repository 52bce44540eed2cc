//! The open bucket's unfinished multipart uploads (parts stored, and billed, for uploads nobody
//! completed or aborted), in a window: key, when started, parts and size; abort the selected
//! ones, or every one older than a number of days, as storage browsers do.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use eframe::egui;
use vodesk_core::storage::UnfinishedUpload;

use super::BucketCmd;
use crate::app::format::{human_bytes, local_time};

/// What an abort did, as one sentence: how many were aborted, and the first failure.
pub fn aborted_summary(done: usize, failed: &[String]) -> String {
    match failed {
        [] => t!("unfinished-aborted", n = done),
        [first, ..] => t!(
            "unfinished-aborted-some-failed",
            n = done,
            failed = failed.len(),
            first = first.as_str()
        ),
    }
}

/// How much the unfinished uploads keep stored.
fn held_summary(n: usize, bytes: u64) -> String {
    t!("unfinished-held", n = n, size = human_bytes(bytes))
}

#[derive(Default)]
pub struct UnfinishedView {
    pub open: bool,
    pub bucket: String,
    pub uploads: Vec<UnfinishedUpload>,
    pub loading: bool,
    pub error: Option<String>,
    /// Upload ids ticked for aborting.
    pub selected: BTreeSet<String>,
    pub older_days: String,
    /// An abort is under way.
    pub busy: bool,
    /// What the last abort did.
    pub result: Option<String>,
}

impl UnfinishedView {
    /// Opens the window on `bucket` and asks for its uploads.
    pub fn open_on(&mut self, bucket: &str) -> BucketCmd {
        *self = UnfinishedView {
            open: true,
            bucket: bucket.to_string(),
            older_days: "7".into(),
            ..Default::default()
        };
        self.reload()
    }

    fn reload(&mut self) -> BucketCmd {
        self.loading = true;
        BucketCmd::ListUploads(self.bucket.clone())
    }

    /// The service's list (for the bucket still shown).
    pub fn on_list(&mut self, bucket: &str, r: Result<Vec<UnfinishedUpload>, String>) {
        if bucket != self.bucket {
            return;
        }
        self.loading = false;
        match r {
            Ok(u) => {
                self.selected
                    .retain(|id| u.iter().any(|x| &x.upload_id == id));
                self.uploads = u;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// An abort finished: says what it did, and lists again.
    pub fn on_aborted(&mut self, bucket: &str, summary: String) -> Option<BucketCmd> {
        if bucket != self.bucket {
            return None;
        }
        self.busy = false;
        self.result = Some(summary);
        Some(self.reload())
    }

    fn abort(&mut self, pick: impl Fn(&UnfinishedUpload) -> bool) -> Option<BucketCmd> {
        let uploads: Vec<(String, String)> = self
            .uploads
            .iter()
            .filter(|u| pick(u))
            .map(|u| (u.key.clone(), u.upload_id.clone()))
            .collect();
        if uploads.is_empty() {
            return None;
        }
        self.busy = true;
        self.result = None;
        Some(BucketCmd::AbortUploads {
            bucket: self.bucket.clone(),
            uploads,
        })
    }

    /// The window, when open (Escape closes it, as every window: the shell's shortcuts).
    pub fn show(&mut self, ctx: &egui::Context, cmds: &mut Vec<BucketCmd>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new(t!("unfinished-title", bucket = self.bucket.as_str()))
            .id(egui::Id::unique("unfinished-uploads"))
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| self.body(ui, cmds));
        self.open = open;
    }

    fn body(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<BucketCmd>) {
        ui.weak(t!("unfinished-explain"));
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if self.loading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t!("unfinished-loading"));
            });
        } else if self.uploads.is_empty() && self.error.is_none() {
            ui.label(t!("unfinished-none"));
        }
        if !self.uploads.is_empty() {
            self.table(ui);
            let bytes = self.uploads.iter().map(|u| u.bytes).sum();
            ui.weak(held_summary(self.uploads.len(), bytes));
        }
        ui.separator();
        ui.add_enabled_ui(!self.busy && !self.loading, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.button(t!("unfinished-reload")).clicked() {
                    cmds.push(self.reload());
                }
                let n = self.selected.len();
                let selected = self.selected.clone();
                if ui
                    .add_enabled(n > 0, egui::Button::new(t!("unfinished-abort-selected")))
                    .clicked()
                {
                    cmds.extend(self.abort(|u| selected.contains(&u.upload_id)));
                }
                ui.separator();
                let l = ui.label(t!("unfinished-older-label"));
                ui.add(egui::TextEdit::singleline(&mut self.older_days).desired_width(40.0))
                    .labelled_by(l.id);
                let days = self.older_days.trim().parse::<u32>().ok();
                if ui
                    .add_enabled(
                        days.is_some(),
                        egui::Button::new(t!("unfinished-abort-older")),
                    )
                    .clicked()
                    && let Some(d) = days
                {
                    let before = Utc::now() - Duration::days(i64::from(d));
                    cmds.extend(self.abort(|u| u.started_before(before)));
                }
                if days.is_none() {
                    ui.colored_label(ui.visuals().error_fg_color, t!("unfinished-not-days"));
                }
            });
        });
        if self.busy {
            ui.spinner();
        }
        if let Some(r) = &self.result {
            ui.label(r);
        }
    }

    fn table(&mut self, ui: &mut egui::Ui) {
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                egui::Grid::new("unfinished-grid")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        ui.strong(t!("unfinished-key"));
                        ui.strong(t!("unfinished-started"));
                        ui.strong(t!("unfinished-parts"));
                        ui.strong(t!("unfinished-size"));
                        ui.end_row();
                        for u in &self.uploads {
                            let mut on = self.selected.contains(&u.upload_id);
                            if ui
                                .checkbox(&mut on, &u.key)
                                .on_hover_text(&u.upload_id)
                                .changed()
                            {
                                if on {
                                    self.selected.insert(u.upload_id.clone());
                                } else {
                                    self.selected.remove(&u.upload_id);
                                }
                            }
                            ui.label(u.initiated.map(local_time).unwrap_or_default());
                            ui.label(u.parts.to_string());
                            ui.label(human_bytes(u.bytes));
                            ui.end_row();
                        }
                    });
            });
    }
}
