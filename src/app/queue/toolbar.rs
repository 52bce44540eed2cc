//! The queue's toolbar (actions), totals bar and live limits.

use eframe::egui;
use vodesk_core::engine::progress::Progress;

use super::{QueueState, RowState};
use crate::app::commands::Command;
use crate::app::format::{human_bytes, human_duration};

/// Draws the action buttons; returns the one clicked.
pub fn actions(ui: &mut egui::Ui, q: &QueueState, watches_open: &mut bool) -> Option<Command> {
    let mut out = None;
    // The count is what Start would start (drafts), as the form's Start button says it.
    let startable = q.startable();
    let start = if q.selected.is_empty() {
        t!("queue-start")
    } else {
        t!("queue-start-selected", n = startable)
    };
    ui.horizontal_wrapped(|ui| {
        let mut b = |ui: &mut egui::Ui, c: Command, text: String, enabled: bool| {
            let tip = t!(
                "help-tip",
                help = (c.help()),
                keys = (c.shortcut_text(ui.ctx()))
            );
            if ui
                .add_enabled(enabled, egui::Button::new(text))
                .on_hover_text(tip)
                .clicked()
            {
                out = Some(c);
            }
        };
        let has_rows = !q.rows.is_empty();
        b(ui, Command::AddFiles, t!("queue-add-files"), true);
        b(ui, Command::AddFolder, t!("queue-add-folder"), true);
        if ui
            .button(t!("watch-open"))
            .on_hover_text(t!("watch-open-hint"))
            .clicked()
        {
            *watches_open = true;
        }
        ui.separator();
        b(ui, Command::Start, start, startable > 0);
        b(ui, Command::Pause, t!("queue-pause"), has_rows);
        b(ui, Command::Resume, t!("queue-resume"), has_rows);
        b(ui, Command::Cancel, t!("queue-cancel"), has_rows);
        b(ui, Command::Retry, t!("queue-retry"), has_rows);
        b(ui, Command::Remove, t!("queue-remove"), has_rows);
        b(
            ui,
            Command::ClearFinished,
            t!("queue-clear-finished"),
            q.rows.iter().any(|r| r.state.is_finished()),
        );
    });
    out
}

/// "12 of 340 files · 1.2 GB of 3.1 GB · 84 MB/s · 2:00 left".
pub fn totals(ui: &mut egui::Ui, q: &mut QueueState, p: &Progress) {
    let finished = q.count(|r| r.state.is_finished());
    let failed = q.count(|r| {
        matches!(
            r.state,
            RowState::Refused | RowState::Job(vodesk_core::engine::JobState::Failed)
        )
    });
    let total_bytes: u64 = q.rows.iter().map(|r| r.size).sum();
    let done_bytes: u64 = q.rows.iter().map(|r| r.bytes_done.min(r.size)).sum();
    ui.horizontal(|ui| {
        ui.label(t!(
            "queue-files-done",
            done = finished,
            total = q.rows.len()
        ))
        .on_hover_text(t!("queue-files-done-hint"));
        if failed > 0 {
            ui.colored_label(ui.visuals().error_fg_color, t!("queue-failed", n = failed));
        }
        ui.label(t!(
            "queue-bytes-of",
            done = human_bytes(done_bytes),
            total = human_bytes(total_bytes)
        ));
        if p.bytes_per_sec > 0.0 {
            ui.label(t!(
                "queue-speed",
                speed = human_bytes(p.bytes_per_sec as u64)
            ));
        }
        if let Some(eta) = p.eta_secs {
            ui.label(t!("queue-left", time = human_duration(eta)));
        }
        if q.walks > 0 {
            ui.spinner();
            ui.weak(t!("queue-finding"));
        }
        q.left_out.link(ui);
        if total_bytes > 0 {
            ui.add(
                egui::ProgressBar::new((done_bytes as f64 / total_bytes as f64) as f32)
                    .desired_width(ui.available_width().max(60.0)),
            );
        }
    });
}

/// Bandwidth and concurrency sliders; returns whether a value changed (applied live).
pub fn limits(
    ui: &mut egui::Ui,
    bandwidth_mib: &mut f64,
    files: &mut usize,
    parts: &mut usize,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        let l = ui.label(t!("limits-bandwidth"));
        changed |= ui
            .add(
                egui::DragValue::new(bandwidth_mib)
                    .range(0.0..=10_000.0)
                    .speed(0.1)
                    .max_decimals(1)
                    .custom_formatter(|v, _| crate::app::format::bandwidth(v))
                    .custom_parser(crate::app::format::parse_bandwidth),
            )
            .labelled_by(l.id)
            .changed();
        let l = ui.label(t!("limits-files"));
        changed |= ui
            .add(egui::DragValue::new(files).range(1..=32))
            .labelled_by(l.id)
            .changed();
        let l = ui.label(t!("limits-parts"));
        changed |= ui
            .add(egui::DragValue::new(parts).range(1..=16))
            .labelled_by(l.id)
            .changed();
    });
    changed
}
