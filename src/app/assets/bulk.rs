//! Actions on several assets at once: publish, unpublish, delete (confirmed), and a metadata
//! edit of the fields that make sense in bulk (description, tags, category).

use eframe::egui;

use crate::app::assets::categories::{find, tree_choices};
use vodesk_core::model::metadata::{parse_tags, validate_description, validate_tags};
use vodesk_core::model::{Category, Limits};
use vodesk_core::provider::api::MetadataEdit;

use super::{AssetOp, AssetsState};

#[derive(Default)]
pub struct BulkOutput {
    pub op: Option<(AssetOp, Vec<String>)>,
    pub save: Vec<(String, MetadataEdit)>,
}

pub fn show(
    ui: &mut egui::Ui,
    s: &mut AssetsState,
    categories: &[Category],
    limits: &Limits,
) -> BulkOutput {
    let mut out = BulkOutput::default();
    let ids: Vec<String> = s.selected.iter().cloned().collect();
    ui.heading(format!("{} assets selected", ids.len()));
    ui.weak("Ctrl-click adds or removes an asset, Shift-click a range; a plain click opens one.");
    ui.separator();
    ui.add_enabled_ui(!s.busy, |ui| {
        ui.push_id("bulk-actions", |ui| {
            ui.horizontal(|ui| {
                let words = super::publish_words::publish_words(s.publish);
                if ui.button(words.publish_all).clicked() {
                    out.op = Some((AssetOp::Publish, ids.clone()));
                }
                if ui.button(words.unpublish_all).clicked() {
                    out.op = Some((AssetOp::Unpublish, ids.clone()));
                }
                if ui.button("🗑 Delete all…").clicked() {
                    s.confirm_delete = Some(ids.clone());
                }
            });
        });
        ui.separator();
        ui.strong("Change for all");
        let b = &mut s.bulk;
        ui.checkbox(&mut b.set_description, "Description");
        if b.set_description {
            ui.add(
                egui::TextEdit::multiline(&mut b.description)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(ui.label("New description for all").id);
        }
        ui.checkbox(&mut b.set_tags, "Tags");
        if b.set_tags {
            ui.add(egui::TextEdit::singleline(&mut b.tags).desired_width(f32::INFINITY))
                .labelled_by(ui.label("New tags for all").id);
        }
        let mut cat = b.category;
        egui::ComboBox::from_label("Category for all")
            .selected_text(
                cat.and_then(|id| find(categories, id))
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| "unchanged".into()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut cat, None, "unchanged");
                tree_choices(ui, categories, &mut cat, 0);
            });
        b.category = cat;
        let tags = parse_tags(&b.tags);
        let mut errors = Vec::new();
        if b.set_description {
            errors.extend(validate_description(&b.description, limits));
        }
        if b.set_tags {
            errors.extend(validate_tags(&tags, limits));
        }
        for e in &errors {
            ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {e}"));
        }
        let something = b.set_description || b.set_tags || b.category.is_some();
        if ui
            .add_enabled(
                something && errors.is_empty(),
                egui::Button::new(format!("Apply to {}", ids.len())),
            )
            .clicked()
        {
            out.save = ids
                .iter()
                .map(|id| {
                    let edit = MetadataEdit {
                        title: None,
                        description: b.set_description.then(|| b.description.clone()),
                        category_id: b.category,
                        tags: b.set_tags.then(|| tags.clone()),
                    };
                    (id.clone(), edit)
                })
                .collect();
        }
    });
    if s.busy {
        ui.spinner();
    }
    out
}
