//! Toasts for what needs attention now, and a notification panel that keeps them all.

use std::time::{Duration, SystemTime};

use eframe::egui;
use egui_notify::Toasts;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Warning,
    Error,
}

pub struct Note {
    pub level: Level,
    pub text: String,
    pub at: SystemTime,
}

pub struct Notifications {
    toasts: Toasts,
    pub history: Vec<Note>,
    /// Warnings and errors not yet seen in the panel.
    pub unread: usize,
    /// Notifications that got no toast because the screen was full.
    overflow: usize,
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            toasts: Toasts::default().with_anchor(egui_notify::Anchor::BottomRight),
            history: Vec::new(),
            unread: 0,
            overflow: 0,
        }
    }
}

/// Kept notifications (older ones are dropped).
const KEEP: usize = 500;

/// Toasts on screen at most: a batch of thousands of failures must not bury the window; the
/// rest go to the notification panel only.
const MAX_TOASTS: usize = 5;

impl Notifications {
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        if self.toasts.len() < MAX_TOASTS {
            self.toast(level, &text);
        } else {
            self.overflow += 1;
        }
        if matches!(level, Level::Warning | Level::Error) {
            self.unread += 1;
        }
        self.history.push(Note {
            level,
            text,
            at: SystemTime::now(),
        });
        if self.history.len() > KEEP {
            self.history.remove(0);
        }
    }

    fn toast(&mut self, level: Level, text: &str) {
        let text = text.to_string();
        let t = match level {
            Level::Info => self.toasts.info(text.clone()),
            Level::Success => self.toasts.success(text.clone()),
            Level::Warning => self.toasts.warning(text.clone()),
            Level::Error => self.toasts.error(text.clone()),
        };
        // Errors stay longer: they usually carry an error code and request id to copy.
        t.duration(Some(Duration::from_secs(if level == Level::Error {
            12
        } else {
            5
        })));
    }

    pub fn show_toasts(&mut self, ctx: &egui::Context) {
        // Once there is room again, one toast says how many went to the panel only.
        if self.overflow > 0 && self.toasts.len() < MAX_TOASTS {
            let n = std::mem::take(&mut self.overflow);
            self.toast(Level::Warning, &t!("notify-more", n = n));
        }
        self.toasts.show(ctx);
    }

    #[cfg(test)]
    /// Toasts on screen now.
    pub fn toasts_shown(&self) -> usize {
        self.toasts.len()
    }

    /// The panel's contents, newest first.
    pub fn panel(&mut self, ui: &mut egui::Ui) {
        self.unread = 0;
        ui.horizontal(|ui| {
            ui.strong(t!("notify-heading", n = (self.history.len())));
            if ui.small_button(t!("notify-clear")).clicked() {
                self.history.clear();
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("notifications")
            .max_height(140.0)
            .show(ui, |ui| {
                if self.history.is_empty() {
                    ui.weak(t!("notify-nothing"));
                }
                for n in self.history.iter().rev() {
                    let (icon, color) = match n.level {
                        Level::Info => ("ℹ", ui.visuals().text_color()),
                        Level::Success => ("✔", egui::Color32::from_rgb(60, 170, 90)),
                        Level::Warning => ("⚠", ui.visuals().warn_fg_color),
                        Level::Error => ("⛔", ui.visuals().error_fg_color),
                    };
                    let ago = n.at.elapsed().map(|d| d.as_secs()).unwrap_or(0);
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(color, icon);
                        ui.weak(t!("notify-ago", secs = ago));
                        // Problems carry an error code and request id, for support: one click
                        // copies the whole sentence.
                        if matches!(n.level, Level::Warning | Level::Error)
                            && ui
                                .small_button("📋")
                                .on_hover_text(t!("notify-copy"))
                                .clicked()
                        {
                            ui.ctx().copy_text(n.text.clone());
                        }
                        ui.label(&n.text);
                    });
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_errors_keeps_a_few_toasts_and_every_note() {
        let mut n = Notifications::default();
        for i in 0..10_000 {
            n.push(Level::Error, format!("clip{i}.mp4 failed: VOD.10053"));
        }
        assert_eq!(n.toasts_shown(), MAX_TOASTS);
        assert_eq!(n.history.len(), KEEP);
        assert_eq!(n.unread, 10_000);
        assert_eq!(n.overflow, 10_000 - MAX_TOASTS);
    }
}
