//! Light, dark or follow the system; plus the few style tweaks that make the app feel calm.

use eframe::egui;

use super::settings::ThemePref;

pub fn apply(ctx: &egui::Context, pref: ThemePref) {
    ctx.set_theme(match pref {
        ThemePref::System => egui::ThemePreference::System,
        ThemePref::Light => egui::ThemePreference::Light,
        ThemePref::Dark => egui::ThemePreference::Dark,
    });
}

/// Slightly roomier spacing than egui's defaults, for both themes.
pub fn style(ctx: &egui::Context) {
    ctx.all_styles_mut(|s| {
        s.spacing.item_spacing = egui::vec2(8.0, 6.0);
        s.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}

/// The brand accent used for the banner.
pub const ACCENT: egui::Color32 = egui::Color32::from_rgb(38, 132, 255);
