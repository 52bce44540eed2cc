//! The Watch folders window: each watched folder, how it stands, whether its files start by
//! themselves, and the metadata they are queued with.

use eframe::egui;

use super::{FolderState, Watches};

/// What the window asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchAction {
    /// Choose a folder to watch (with the form's defaults as its metadata).
    Add,
    Remove(usize),
    /// Take the form's current defaults as the watch's metadata.
    UseDefaults(usize),
}

pub fn show(ctx: &egui::Context, w: &mut Watches) -> Vec<WatchAction> {
    let mut out = Vec::new();
    if !w.open {
        return out;
    }
    let mut open = w.open;
    egui::Window::new(t!("watch-title"))
        .id(egui::Id::unique("watch-folders"))
        .open(&mut open)
        .default_width(620.0)
        .show(ctx, |ui| {
            ui.label(t!("watch-explain"));
            ui.weak(t!("watch-existing"));
            ui.separator();
            if w.list.is_empty() {
                ui.weak(t!("watch-none"));
            }
            egui::Grid::new("watches")
                .num_columns(5)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    for (i, watch) in w.list.iter_mut().enumerate() {
                        ui.label(watch.folder.display().to_string());
                        match w.state.get(&watch.folder) {
                            Some(FolderState::Missing(why)) => {
                                ui.colored_label(
                                    ui.visuals().warn_fg_color,
                                    t!("watch-state-missing"),
                                )
                                .on_hover_text(why.words());
                            }
                            Some(FolderState::Watching) => {
                                ui.label(t!("watch-state-watching"));
                            }
                            None => {
                                ui.weak(t!("watch-state-starting"));
                            }
                        }
                        if ui
                            .checkbox(&mut watch.auto_start, t!("watch-auto-start"))
                            .changed()
                        {
                            w.dirty = true;
                        }
                        if ui
                            .button(t!("watch-use-defaults"))
                            .on_hover_text(t!("watch-use-defaults-hint"))
                            .clicked()
                        {
                            out.push(WatchAction::UseDefaults(i));
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text(t!("watch-remove"))
                            .clicked()
                        {
                            out.push(WatchAction::Remove(i));
                        }
                        ui.end_row();
                    }
                });
            ui.separator();
            if ui.button(t!("watch-add")).clicked() {
                out.push(WatchAction::Add);
            }
        });
    w.open = open;
    out
}
