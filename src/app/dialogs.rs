//! Small windows: keyboard shortcuts, About, confirmations.

use eframe::egui;

use super::commands::Command;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// Stamped by build.rs ("unknown" outside a git checkout).
pub const COMMIT: &str = env!("VODESK_GIT_COMMIT");

pub fn help(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new(t!("help-title"))
        .id(egui::Id::unique("help-window"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(3)
                .striped(true)
                .spacing([24.0, 6.0])
                .show(ui, |ui| {
                    for c in Command::ALL {
                        ui.monospace(c.shortcut_text(ctx));
                        ui.strong(c.label());
                        ui.label(c.help());
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.weak(t!("help-drop"));
        });
}

pub fn about(
    ctx: &egui::Context,
    open: &mut bool,
    endpoint: &str,
    provider: vodesk_core::provider::ProviderKind,
) {
    egui::Window::new(t!("about-title"))
        .id(egui::Id::unique("about-window"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.heading("vodesk");
            ui.label(t!("about-tagline"));
            ui.label(t!("about-version", version = VERSION, commit = COMMIT));
            ui.label(t!("about-connected", endpoint = endpoint));
            // The cloud in use, linked to its product page.
            if let Some(rules) = vodesk_core::provider::connect::profile_rules(provider) {
                ui.hyperlink_to(super::profiles::cloud_name(provider), rules.product_page);
            }
        });
}

/// Asks before something that cannot be undone, in the window `id` (its title changes with
/// the language). `pending` holds what it is about; the returned value is it, once confirmed.
/// Escape or `keep` drops it.
pub fn confirm<T: Clone>(
    ctx: &egui::Context,
    id: &str,
    pending: &mut Option<T>,
    title: &str,
    text: impl FnOnce(&T) -> String,
    (yes, keep): (&str, &str),
) -> Option<T> {
    let what = pending.clone()?;
    let mut result = None;
    let mut close = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    egui::Window::new(title)
        .id(egui::Id::unique(("confirm", id)))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(text(&what));
            ui.horizontal(|ui| {
                if ui.button(yes).clicked() {
                    result = Some(what.clone());
                    close = true;
                }
                if ui.button(keep).clicked() {
                    close = true;
                }
            });
        });
    if close {
        *pending = None;
    }
    result
}
