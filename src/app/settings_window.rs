//! The settings screen: transfer limits (applied at once), part size (read at start), theme.
//! The proxy is per profile (the profile screen) or from HTTPS_PROXY / NO_PROXY.

use eframe::egui;

use super::settings::{PART_SIZE_MIB, ThemePref, UiSettings};

/// Draws the window; returns whether a live limit changed (to hand to the engine).
pub fn show(ctx: &egui::Context, open: &mut bool, s: &mut UiSettings) -> bool {
    let mut changed = false;
    egui::Window::new("Settings")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("settings")
                .num_columns(2)
                .spacing([16.0, 8.0])
                .show(ui, |ui| {
                    let l = ui.label("Concurrent files");
                    changed |= ui
                        .add(egui::DragValue::new(&mut s.concurrent_files).range(1..=32))
                        .labelled_by(l.id)
                        .changed();
                    ui.end_row();
                    let l = ui.label("Parts per file");
                    changed |= ui
                        .add(egui::DragValue::new(&mut s.parts_per_file).range(1..=16))
                        .labelled_by(l.id)
                        .changed();
                    ui.end_row();
                    let l = ui.label("Bandwidth limit (MiB/s, 0 = none)");
                    changed |= ui
                        .add(
                            egui::DragValue::new(&mut s.bandwidth_mib)
                                .range(0.0..=10_000.0)
                                .speed(0.1)
                                .max_decimals(1),
                        )
                        .labelled_by(l.id)
                        .changed();
                    ui.end_row();
                    let l = ui.label("Part size (MiB)");
                    ui.add(egui::DragValue::new(&mut s.part_size_mib).range(PART_SIZE_MIB))
                        .labelled_by(l.id)
                        .on_hover_text("Grown automatically so a file has at most 1,000 parts");
                    ui.end_row();
                    ui.label("");
                    ui.weak("The part size takes effect the next time vodesk starts.");
                    ui.end_row();
                    ui.label("Theme");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut s.theme, ThemePref::System, "Follow system");
                        ui.radio_value(&mut s.theme, ThemePref::Light, "Light");
                        ui.radio_value(&mut s.theme, ThemePref::Dark, "Dark");
                    });
                    ui.end_row();
                });
        });
    changed
}
