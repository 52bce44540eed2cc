//! The settings screen: transfer limits (applied at once), part size (read at start), theme and
//! language (applied at once). The proxy is per profile (the profile screen) or from
//! HTTPS_PROXY / NO_PROXY.

use eframe::egui;

use super::settings::{PART_SIZE_MIB, ThemePref, UiSettings};
use crate::i18n::Language;

/// Draws the window; returns whether a live limit changed (to hand to the engine).
pub fn show(ctx: &egui::Context, open: &mut bool, s: &mut UiSettings) -> bool {
    let mut changed = false;
    egui::Window::new(t!("settings-title"))
        // The title changes with the language; the window stays the same one.
        .id(egui::Id::unique("settings-window"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("settings")
                .num_columns(2)
                .spacing([16.0, 8.0])
                .show(ui, |ui| {
                    let l = ui.label(t!("settings-concurrent-files"));
                    changed |= ui
                        .add(egui::DragValue::new(&mut s.concurrent_files).range(1..=32))
                        .labelled_by(l.id)
                        .changed();
                    ui.end_row();
                    let l = ui.label(t!("settings-parts-per-file"));
                    changed |= ui
                        .add(egui::DragValue::new(&mut s.parts_per_file).range(1..=16))
                        .labelled_by(l.id)
                        .changed();
                    ui.end_row();
                    let l = ui.label(t!("settings-bandwidth"));
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
                    let l = ui.label(t!("settings-part-size"));
                    ui.add(egui::DragValue::new(&mut s.part_size_mib).range(PART_SIZE_MIB))
                        .labelled_by(l.id)
                        .on_hover_text(t!("settings-part-size-hint"));
                    ui.end_row();
                    ui.label("");
                    ui.weak(t!("settings-part-size-next-start"));
                    ui.end_row();
                    ui.label(t!("settings-theme"));
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut s.theme,
                            ThemePref::System,
                            t!("settings-theme-system"),
                        );
                        ui.radio_value(&mut s.theme, ThemePref::Light, t!("settings-theme-light"));
                        ui.radio_value(&mut s.theme, ThemePref::Dark, t!("settings-theme-dark"));
                    });
                    ui.end_row();
                    let l = ui.label(t!("settings-language"));
                    let name = |lang: Language| match lang.autonym() {
                        Some(n) => n.to_string(),
                        None => t!("settings-language-system"),
                    };
                    egui::ComboBox::from_id_salt("language")
                        .selected_text(name(s.language))
                        .show_ui(ui, |ui| {
                            for lang in Language::ALL {
                                ui.selectable_value(&mut s.language, lang, name(lang));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t!("settings-open-with"));
                    ui.add(
                        egui::TextEdit::singleline(&mut s.open_with)
                            .id_salt("open-with")
                            .hint_text("xdg-open")
                            .desired_width(160.0),
                    )
                    .labelled_by(l.id)
                    .on_hover_text(t!("settings-open-with-hint"));
                    ui.end_row();
                });
        });
    changed
}
