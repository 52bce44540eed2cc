//! The asset list (left panel): search, filters, sort, and a virtualised list that asks for
//! the next page when its end scrolls into view.

use eframe::egui;

use crate::app::assets::categories::{find, tree_choices};
use vodesk_core::model::{Asset, AssetState, Category, Limits, TaskState};

use super::publish_words::PublishWords;
use super::status_words::{Task, asset_word, raw_hint, task_word};
use super::{AssetsState, Since, Sort};
use crate::app::format::human_bytes;

/// What the list asks the app to do.
#[derive(Default)]
pub struct ListOutput {
    /// The query changed (or Refresh): start over.
    pub restart: bool,
    /// The end of the list is visible: load the next page.
    pub more: bool,
    /// An asset was clicked (plain click).
    pub open: Option<String>,
}

/// The states offered besides the two the provider names (`publish_words`).
fn other_statuses() -> [(AssetState, String); 3] {
    [
        (AssetState::Processing, t!("status-processing")),
        (AssetState::Uploading, t!("status-uploading")),
        (AssetState::Failed, t!("status-failed")),
    ]
}

const FORMATS: &[&str] = &[
    "MP4", "MOV", "MKV", "TS", "FLV", "AVI", "MP3", "AAC", "WAV", "FLAC", "M4A",
];

const ROW_HEIGHT: f32 = 44.0;

pub fn show(
    ui: &mut egui::Ui,
    s: &mut AssetsState,
    categories: &[Category],
    limits: &Limits,
) -> ListOutput {
    let mut out = ListOutput::default();
    // The provider's words, once a frame: the filters and the rows' badges both use them.
    let words = super::publish_words::publish_words(s.publish);
    // The button first (right to left), so the field takes exactly what is left.
    // One row high: a right-to-left layout would otherwise take the panel's whole height.
    let search_row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(
        search_row,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            if ui
                .small_button("⟳")
                .on_hover_text(t!("list-refresh"))
                .clicked()
            {
                out.restart = true;
            }
            let r = ui.add(
                egui::TextEdit::singleline(&mut s.search)
                    .id(egui::Id::unique("asset-search"))
                    .hint_text(t!("list-search"))
                    .desired_width(ui.available_width()),
            );
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                out.restart = true;
            }
        },
    );
    // Tags, as the service filters them: comma-separated, checked like the form's tags.
    let r = ui.add(
        egui::TextEdit::singleline(&mut s.tags)
            .hint_text(t!("list-tags"))
            .desired_width(ui.available_width()),
    );
    let tag_problem = vodesk_core::model::metadata::validate_tags(
        &vodesk_core::model::metadata::parse_tags(&s.tags),
        limits,
    )
    .first()
    .map(|e| crate::app::form::problems::problem_text(e, limits));
    match &tag_problem {
        Some(p) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {p}"));
        }
        None => out.restart |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)),
    }
    ui.horizontal_wrapped(|ui| {
        let statuses: Vec<(AssetState, String)> = [
            (AssetState::Unpublished, words.unpublished.clone()),
            (AssetState::Published, words.published.clone()),
        ]
        .into_iter()
        .chain(other_statuses())
        .collect();
        out.restart |= filter(
            ui,
            "status",
            &t!("list-all-statuses"),
            &t!("list-filter-status"),
            &mut s.status,
            &statuses,
        );
        let formats: Vec<(&'static str, String)> =
            FORMATS.iter().map(|f| (*f, f.to_string())).collect();
        out.restart |= filter(
            ui,
            "format",
            &t!("list-all-formats"),
            &t!("list-filter-format"),
            &mut s.format,
            &formats,
        );
        let since_changed = choice(
            ui,
            "asset-since",
            &mut s.since,
            &Since::ALL,
            Since::label,
            &t!("list-filter-date"),
        );
        // A range waits for its dates.
        out.restart |= since_changed && s.since != Since::Range;
        if s.since == Since::Range {
            let mut edited = false;
            for (value, hint) in [
                (&mut s.range_from, t!("list-range-from")),
                (&mut s.range_to, t!("list-range-to")),
            ] {
                let r = ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(92.0),
                );
                edited |= r.lost_focus() || (r.changed() && value.trim().len() == 10);
            }
            match s.range_problem() {
                Some(p) => {
                    ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {p}"));
                }
                None => out.restart |= edited,
            }
        }
        out.restart |= category_filter(ui, &mut s.category, categories);
        out.restart |= choice(
            ui,
            "asset-sort",
            &mut s.sort,
            &Sort::ALL,
            Sort::label,
            &t!("list-sort"),
        );
    });
    let loaded = s.items.len();
    match (s.total, s.loading) {
        // A sort made here is only right once every page is in: say so while they load.
        (Some(total), true) if s.wants_all() => {
            ui.weak(t!("list-loading-all", total = total, loaded = loaded))
        }
        (Some(total), _) => ui.weak(t!("list-count", loaded = loaded, total = total)),
        (None, true) => ui.weak(t!("list-loading")),
        (None, false) => ui.weak(""),
    };
    if s.new_uploads > 0
        && ui
            .small_button(t!("list-new-uploads", n = s.new_uploads))
            .clicked()
    {
        out.restart = true;
    }
    if let Some(e) = &s.error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            t!("list-error", error = e.as_str()),
        );
    }
    ui.separator();
    let n = s.items.len();
    // Rows are as wide as the panel was before the list: measuring inside the scroll area
    // would grow the panel a little every frame (the scroll bar's room).
    let width = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
    egui::ScrollArea::vertical()
        .id_salt("asset-list")
        .auto_shrink([true, false])
        .show_rows(ui, ROW_HEIGHT, n, |ui, range| {
            ui.style_mut().interaction.selectable_labels = false;
            // Ask for more a little before the end shows.
            if range.end + 10 >= n {
                out.more = true;
            }
            let modifiers = ui.input(|i| i.modifiers);
            for i in range {
                let a = s.shown(i);
                let on = s.current.as_deref() == Some(&a.id) || s.selected.contains(&a.id);
                if row(ui, a, &words, on, width).clicked() {
                    let id = a.id.clone();
                    if modifiers.command || modifiers.shift {
                        // Extend the selection (for bulk actions) instead of opening one asset.
                        if let Some(cur) = s.current.take() {
                            s.selected.insert(cur);
                        }
                        if modifiers.shift
                            && let Some(from) = s.anchor
                        {
                            let (lo, hi) = (from.min(i), from.max(i));
                            for r in lo..=hi {
                                let id = s.shown(r).id.clone();
                                s.selected.insert(id);
                            }
                        } else if !s.selected.remove(&id) {
                            s.selected.insert(id);
                        }
                    } else {
                        s.selected.clear();
                        out.open = Some(id);
                    }
                    s.anchor = Some(i);
                }
            }
        });
    out
}

fn row(
    ui: &mut egui::Ui,
    a: &Asset,
    words: &PublishWords,
    selected: bool,
    width: f32,
) -> egui::Response {
    let title = if a.title.is_empty() {
        a.id.clone()
    } else {
        a.title.clone()
    };
    let (rect, resp) =
        ui.allocate_exact_size(egui::vec2(width, ROW_HEIGHT - 2.0), egui::Sense::click());
    let visuals = ui.style().interact_selectable(&resp, selected);
    if selected || resp.hovered() {
        ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
    }
    let mut child =
        ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink2(egui::vec2(4.0, 2.0))));
    child.label(egui::RichText::new(&title).strong());
    child.horizontal(|ui| {
        badges(ui, a, words);
        // When it was made and how long it runs: what editors scan a list for.
        let mut facts = Vec::new();
        facts.extend(a.created_at.map(crate::app::format::local_time));
        facts.extend(
            a.duration_secs
                .filter(|d| *d > 0)
                .map(|d| crate::app::format::human_duration(d as u64)),
        );
        if !facts.is_empty() {
            ui.weak(egui::RichText::new(facts.join(" · ")).small());
        }
    });
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &title));
    resp
}

/// Small coloured badges for the asset's status and its transcode / thumbnail / review tasks,
/// in words, with the service's value on hover.
pub fn badges(ui: &mut egui::Ui, a: &Asset, words: &PublishWords) {
    let badge = |ui: &mut egui::Ui, text: &str, raw: &str, color: egui::Color32| {
        egui::Frame::new()
            .fill(color.gamma_multiply(0.25))
            .corner_radius(3.0)
            .inner_margin(egui::Margin::symmetric(4, 0))
            .show(ui, |ui| {
                ui.label(egui::RichText::new(text).small().color(color))
                    .on_hover_text(raw_hint(raw));
            });
    };
    let green = egui::Color32::from_rgb(60, 170, 90);
    let blue = egui::Color32::from_rgb(38, 132, 255);
    let red = ui.visuals().error_fg_color;
    let grey = ui.visuals().weak_text_color();
    if !a.status.raw.is_empty() {
        let c = match a.status.state {
            AssetState::Published => green,
            AssetState::Failed => red,
            AssetState::Unpublished => blue,
            _ => grey,
        };
        badge(ui, &asset_word(&a.status, words), &a.status.raw, c);
    }
    let tasks = [
        (Task::Transcode, &a.transcode),
        (Task::Thumbnails, &a.thumbnails),
        (Task::Review, &a.review),
    ];
    for (task, status) in tasks {
        if let Some(word) = task_word(task, status) {
            let c = match status.state {
                TaskState::Failed => red,
                TaskState::Waiting | TaskState::Running => blue,
                _ => grey,
            };
            badge(ui, &word, &status.raw, c);
        }
    }
    if let Some(sz) = a.size_bytes {
        ui.weak(human_bytes(sz.max(0) as u64));
    }
}

/// A combo box over every value of a small enum; returns whether the choice changed.
fn choice<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: &str,
    value: &mut T,
    all: &[T],
    label: fn(T) -> String,
    hover: &str,
) -> bool {
    let before = *value;
    egui::ComboBox::from_id_salt(id)
        .selected_text(label(*value))
        .width(100.0)
        .show_ui(ui, |ui| {
            for &v in all {
                ui.selectable_value(value, v, label(v));
            }
        })
        .response
        .on_hover_text(hover);
    before != *value
}

/// A filter over fixed values (`all` when none is chosen); returns whether it changed.
fn filter<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: &str,
    all: &str,
    hover: &str,
    value: &mut Option<T>,
    options: &[(T, String)],
) -> bool {
    let before = *value;
    let text = value
        .and_then(|v| options.iter().find(|o| o.0 == v))
        .map_or_else(|| all.to_string(), |o| o.1.clone());
    egui::ComboBox::from_id_salt(("asset-filter", id))
        .selected_text(text)
        .width(80.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all);
            for (v, label) in options {
                ui.selectable_value(value, Some(*v), label.as_str());
            }
        })
        .response
        .on_hover_text(hover);
    before != *value
}

fn category_filter(ui: &mut egui::Ui, value: &mut Option<i64>, categories: &[Category]) -> bool {
    let before = *value;
    let text = value
        .and_then(|id| find(categories, id))
        .map(|c| c.name.clone())
        .unwrap_or_else(|| t!("list-all-categories"));
    egui::ComboBox::from_id_salt("asset-category")
        .selected_text(text)
        .width(90.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, t!("list-all-categories"));
            tree_choices(ui, categories, value, 0);
        })
        .response
        .on_hover_text(t!("list-filter-category"));
    before != *value
}
