//! Files found in dropped or chosen folders that were not queued because they are not media a
//! VOD service takes: counted under the queue's totals and listed, with the reason, in a
//! window, so a `readme.txt` never vanishes without a word.

use std::path::PathBuf;

use eframe::egui;

/// How many left-out files are kept for the list (a folder of 100,000 photos must not grow
/// the app without bound); the count goes on.
const KEEP: usize = 5_000;

#[derive(Default)]
pub struct LeftOut {
    pub files: Vec<PathBuf>,
    /// All left out since the list was last cleared (may exceed what `files` keeps).
    pub count: usize,
    pub open: bool,
}

impl LeftOut {
    pub fn add(&mut self, paths: Vec<PathBuf>) {
        self.count += paths.len();
        let room = KEEP.saturating_sub(self.files.len());
        self.files.extend(paths.into_iter().take(room));
    }

    /// The link under the queue's totals, when anything was left out.
    pub fn link(&mut self, ui: &mut egui::Ui) {
        if self.count == 0 {
            return;
        }
        let text = format!("⚠ {}", t!("left-out-link", n = self.count));
        if ui
            .link(egui::RichText::new(text).color(ui.visuals().warn_fg_color))
            .on_hover_text(t!("left-out-link-hint"))
            .clicked()
        {
            self.open = true;
        }
    }

    pub fn show(&mut self, ctx: &egui::Context) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut clear = false;
        egui::Window::new(t!("left-out-title"))
            .id(egui::Id::unique("left-out"))
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.label(t!("left-out-explain", n = self.count));
                ui.weak(t!(
                    "left-out-formats",
                    formats = vodesk_core::model::MediaType::supported_list()
                ));
                ui.separator();
                let row_height = ui.text_style_height(&egui::TextStyle::Body);
                egui::ScrollArea::vertical().max_height(320.0).show_rows(
                    ui,
                    row_height,
                    self.files.len(),
                    |ui, range| {
                        for path in &self.files[range] {
                            ui.horizontal(|ui| {
                                let name = path
                                    .file_name()
                                    .map(|n| n.to_string_lossy().into_owned())
                                    .unwrap_or_default();
                                ui.label(name).on_hover_text(path.display().to_string());
                                ui.weak(crate::words::not_media_reason(path));
                            });
                        }
                    },
                );
                if self.files.len() < self.count {
                    ui.weak(t!("left-out-more", n = (self.count - self.files.len())));
                }
                ui.separator();
                if ui.button(t!("left-out-clear")).clicked() {
                    clear = true;
                }
            });
        self.open = open && !clear;
        if clear {
            *self = LeftOut::default();
        }
    }
}
