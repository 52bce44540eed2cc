//! The selected asset's details (right panel): cover, metadata, statuses, URLs to copy, and
//! publish / unpublish / delete.

use eframe::egui;

use crate::app::assets::categories::{find, tree_choices};
use vodesk_core::model::metadata::{
    parse_tags, validate_description, validate_tags, validate_title,
};
use vodesk_core::model::{Asset, Category, Limits};
use vodesk_core::provider::api::MetadataEdit;

use super::{AssetOp, AssetsState, EditBuf};
use crate::app::form::cover::{Preview, Previews};
use crate::app::format::human_bytes;
use crate::app::format::local_time;

/// What the pane asks the app to do.
#[derive(Default)]
pub struct DetailsOutput {
    pub op: Option<(AssetOp, Vec<String>)>,
    pub refresh: bool,
    /// Images to download: the cover and every snapshot seen for the first time.
    pub load_covers: Vec<String>,
    pub save: Option<(String, MetadataEdit)>,
    /// Make this snapshot URL the cover.
    pub set_cover: Option<String>,
    /// Choose an image file to replace the cover.
    pub pick_cover: bool,
    /// Open this URL in the system's player.
    pub play: Option<String>,
}

pub fn show(
    ui: &mut egui::Ui,
    s: &mut AssetsState,
    covers: &mut Previews,
    categories: &[Category],
    limits: &Limits,
) -> DetailsOutput {
    let mut out = DetailsOutput::default();
    let Some(id) = s.current.clone() else {
        return out;
    };
    // Where the current asset sits in the list, remembered: with 100,000 listed a scan per
    // frame is measurable.
    let cached = s
        .current_index
        .filter(|&i| s.items.get(i).is_some_and(|a| a.id == id));
    s.current_index = cached.or_else(|| s.items.iter().position(|a| a.id == id));
    let summary: Option<&Asset> = s.current_index.map(|i| &s.items[i]);
    let base = s.details.as_ref();
    let title = base
        .map(|d| d.asset.title.clone())
        .or_else(|| summary.map(|a| a.title.clone()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| id.clone());
    ui.heading(&title);
    if let Some(a) = summary {
        let words = super::publish_words::publish_words(s.publish);
        ui.horizontal_wrapped(|ui| super::list::badges(ui, a, &words));
    }
    ui.separator();

    let cover = base
        .and_then(|d| d.asset.cover_url.clone())
        .or_else(|| summary.and_then(|a| a.cover_url.clone()));
    if let Some(url) = cover {
        let (p, fresh) = covers.get(&url);
        match p {
            Preview::Loading => {
                ui.spinner();
            }
            Preview::Ready(tex) => {
                let size = tex.size_vec2();
                let scale = (ui.available_width().min(260.0) / size.x).min(1.0);
                ui.add(egui::Image::new((tex.id(), size * scale)).alt_text(t!("details-cover")));
            }
            Preview::Failed(e) => {
                ui.weak(t!("details-no-preview", error = e.as_str()));
            }
        }
        if fresh {
            out.load_covers.push(url);
        }
    }

    if let Some(buf) = &mut s.edit {
        edit(ui, &id, buf, categories, limits, &mut out);
        if out.save.is_some() || ui.button(t!("details-cancel-editing")).clicked() {
            s.edit = None;
        }
        ui.separator();
    }
    if let Some(e) = &s.details_error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            t!("details-error", error = e.as_str()),
        );
    } else if s.details.is_none() {
        ui.spinner();
    }
    egui::Grid::new("asset-details")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            let row = |ui: &mut egui::Ui, k: &str, v: String| {
                if !v.is_empty() {
                    ui.weak(k);
                    ui.add(egui::Label::new(v).wrap());
                    ui.end_row();
                }
            };
            row(ui, &t!("details-asset-id"), id.clone());
            if let Some(d) = base {
                let b = &d.asset;
                row(
                    ui,
                    &t!("form-description"),
                    b.description.clone().unwrap_or_default(),
                );
                // The "Other" category is the service's own word: said in the app's language.
                let category = match b.category_id {
                    None | Some(-1) => t!("category-other"),
                    Some(_) => b.category_name.clone().unwrap_or_default(),
                };
                row(ui, &t!("col-category"), category);
                row(ui, &t!("form-tags"), b.tags.join(","));
                row(
                    ui,
                    &t!("details-format"),
                    b.format.clone().unwrap_or_default(),
                );
                row(
                    ui,
                    &t!("details-created"),
                    b.created_at.map(local_time).unwrap_or_default(),
                );
                row(
                    ui,
                    &t!("details-expires"),
                    d.expires_at.map(local_time).unwrap_or_default(),
                );
            }
            if let Some(a) = summary {
                row(
                    ui,
                    &t!("col-size"),
                    a.size_bytes
                        .map(|s| human_bytes(s.max(0) as u64))
                        .unwrap_or_default(),
                );
                row(
                    ui,
                    &t!("details-duration"),
                    a.duration_secs
                        .map(|d| t!("details-seconds", n = d))
                        .unwrap_or_default(),
                );
            }
        });

    let snapshots = s
        .details
        .as_ref()
        .map(|d| d.snapshots.clone())
        .unwrap_or_default();
    if !snapshots.is_empty() {
        ui.separator();
        ui.strong(t!("details-snapshots"));
        ui.horizontal_wrapped(|ui| {
            for (i, url) in snapshots.iter().enumerate() {
                let (p, fresh) = covers.get(url);
                if fresh {
                    out.load_covers.push(url.clone());
                }
                let resp = match p {
                    Preview::Ready(tex) => {
                        let size = tex.size_vec2();
                        let scale = 72.0 / size.x.max(1.0);
                        ui.add(
                            egui::Image::new((tex.id(), size * scale))
                                .sense(egui::Sense::click())
                                .alt_text(t!("details-snapshot", n = (i + 1))),
                        )
                    }
                    _ => ui.button(t!("details-snapshot", n = (i + 1))),
                };
                if resp.on_hover_text(t!("details-snapshot-cover")).clicked() {
                    out.set_cover = Some(url.clone());
                }
            }
        });
    }

    let mut urls: Vec<(String, String)> = Vec::new();
    if let Some(u) = base.and_then(|d| d.asset.original_url.clone()) {
        urls.push((t!("details-original"), u));
    }
    for o in s.details.iter().flat_map(|d| &d.outputs) {
        let kind = format!(
            "{} {}",
            o.protocol.clone().unwrap_or_default(),
            o.quality.clone().unwrap_or_default()
        );
        urls.push((kind.trim().to_string(), o.url.clone()));
    }
    // What Play opens: the first rendition the service made, else the original.
    let has_original = base.is_some_and(|d| d.asset.original_url.is_some());
    let play = urls
        .get(usize::from(has_original))
        .or(urls.first())
        .map(|(_, u)| u.clone());
    if !urls.is_empty() {
        ui.separator();
        ui.strong(t!("details-urls"));
        for (kind, u) in urls {
            ui.horizontal(|ui| {
                if ui
                    .small_button("📋")
                    .on_hover_text(t!("details-copy-url", url = u.as_str()))
                    .clicked()
                {
                    ui.ctx().copy_text(u.clone());
                }
                ui.weak(kind);
                ui.add(egui::Label::new(egui::RichText::new(u).monospace().small()).truncate());
            });
        }
    }

    ui.separator();
    // A scope of their own keeps the buttons' ids stable while the pane above changes
    // (badges and cover come and go as the list and details reload).
    ui.push_id("asset-actions", |ui| {
        ui.horizontal(|ui| {
            ui.add_enabled_ui(!s.busy, |ui| {
                if let Some(url) = &play
                    && ui
                        .button(format!("▶ {}", t!("media-play")))
                        .on_hover_text(t!("media-play-hint"))
                        .clicked()
                {
                    out.play = Some(url.clone());
                }
                let words = super::publish_words::publish_words(s.publish);
                if ui.button(words.publish).clicked() {
                    out.op = Some((AssetOp::Publish, vec![id.clone()]));
                }
                if ui.button(words.unpublish).clicked() {
                    out.op = Some((AssetOp::Unpublish, vec![id.clone()]));
                }
                if ui.button(t!("details-delete")).clicked() {
                    s.confirm_delete = Some(vec![id.clone()]);
                }
                if s.cover_image
                    && ui
                        .button(t!("details-change-cover"))
                        .on_hover_text(t!("details-change-cover-tip"))
                        .clicked()
                {
                    out.pick_cover = true;
                }
                // Editing starts from the asset's metadata: before it has arrived, Save
                // would blank the description and tags.
                if s.edit.is_none()
                    && ui
                        .add_enabled(base.is_some(), egui::Button::new(t!("details-edit")))
                        .on_disabled_hover_text(t!("details-edit-loading"))
                        .clicked()
                {
                    let a = base.map(|d| &d.asset);
                    s.edit = Some(EditBuf {
                        title: a.map(|a| a.title.clone()).unwrap_or_default(),
                        description: a.and_then(|a| a.description.clone()).unwrap_or_default(),
                        tags: a.map(|a| a.tags.join(",")).unwrap_or_default(),
                        category: None,
                    });
                }
                if ui.button(t!("details-refresh")).clicked() {
                    out.refresh = true;
                }
            });
            if s.busy {
                ui.spinner();
            }
        })
    });
    out
}

/// The metadata editor of one asset, checked with the same rules as the upload form.
fn edit(
    ui: &mut egui::Ui,
    id: &str,
    b: &mut EditBuf,
    categories: &[Category],
    limits: &Limits,
    out: &mut DetailsOutput,
) {
    let field = |ui: &mut egui::Ui, label: &str, text: &mut String, multiline: bool| {
        let l = ui.label(label);
        let w = if multiline {
            egui::TextEdit::multiline(text).desired_rows(2)
        } else {
            egui::TextEdit::singleline(text)
        };
        ui.add(w.desired_width(f32::INFINITY)).labelled_by(l.id);
    };
    field(ui, &t!("details-new-title"), &mut b.title, false);
    field(ui, &t!("details-new-description"), &mut b.description, true);
    field(ui, &t!("details-new-tags"), &mut b.tags, false);
    let mut cat = b.category;
    let name = |id: i64| {
        find(categories, id)
            .map(|c| c.name.clone())
            .unwrap_or(id.to_string())
    };
    egui::ComboBox::from_label(t!("details-new-category"))
        .selected_text(cat.map(name).unwrap_or_else(|| t!("details-unchanged")))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut cat, None, t!("details-unchanged"));
            tree_choices(ui, categories, &mut cat, 0);
        });
    b.category = cat;
    let tags = parse_tags(&b.tags);
    let mut errors = validate_title(&b.title, limits);
    errors.extend(validate_description(&b.description, limits));
    errors.extend(validate_tags(&tags, limits));
    crate::app::form::problems::show_problems(ui, &errors, limits);
    if ui
        .add_enabled(errors.is_empty(), egui::Button::new(t!("details-save")))
        .clicked()
    {
        let edit = MetadataEdit {
            title: Some(b.title.clone()),
            description: Some(b.description.clone()),
            category_id: b.category,
            tags: Some(tags),
        };
        out.save = Some((id.to_string(), edit));
    }
}
