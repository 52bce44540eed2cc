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
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            toasts: Toasts::default().with_anchor(egui_notify::Anchor::BottomRight),
            history: Vec::new(),
            unread: 0,
        }
    }
}

/// Kept notifications (older ones are dropped).
const KEEP: usize = 500;

impl Notifications {
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
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

    pub fn show_toasts(&mut self, ctx: &egui::Context) {
        self.toasts.show(ctx);
    }

    /// The panel's contents, newest first.
    pub fn panel(&mut self, ui: &mut egui::Ui) {
        self.unread = 0;
        ui.horizontal(|ui| {
            ui.strong(format!("Notifications ({})", self.history.len()));
            if ui.small_button("Clear").clicked() {
                self.history.clear();
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("notifications")
            .max_height(140.0)
            .show(ui, |ui| {
                if self.history.is_empty() {
                    ui.weak("Nothing yet.");
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
                        ui.weak(format!("{}s ago", ago));
                        ui.label(&n.text);
                    });
                }
            });
    }
}
