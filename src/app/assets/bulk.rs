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
    ui.heading(t!("bulk-selected", n = (ids.len())));
    ui.weak(t!("bulk-hint"));
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
                if ui.button(t!("bulk-delete-all")).clicked() {
                    s.confirm_delete = Some(ids.clone());
                }
            });
        });
        ui.separator();
        ui.strong(t!("bulk-change-for-all"));
        let b = &mut s.bulk;
        ui.checkbox(&mut b.set_description, t!("bulk-description"));
        if b.set_description {
            ui.add(
                egui::TextEdit::multiline(&mut b.description)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(ui.label(t!("bulk-new-description")).id);
        }
        ui.checkbox(&mut b.set_tags, t!("bulk-tags"));
        if b.set_tags {
            ui.add(egui::TextEdit::singleline(&mut b.tags).desired_width(f32::INFINITY))
                .labelled_by(ui.label(t!("bulk-new-tags")).id);
        }
        let mut cat = b.category;
        egui::ComboBox::from_label(t!("bulk-category"))
            .selected_text(
                cat.and_then(|id| find(categories, id))
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| t!("details-unchanged")),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut cat, None, t!("details-unchanged"));
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
        crate::app::form::problems::show_problems(ui, &errors, limits);
        let something = b.set_description || b.set_tags || b.category.is_some();
        if ui
            .add_enabled(
                something && errors.is_empty(),
                egui::Button::new(t!("bulk-apply", n = (ids.len()))),
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
