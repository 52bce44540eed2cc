//! The category manager: the tree from the service, with create (top level or inside the
//! selected one, as deep as the provider allows), rename and delete. Names are checked as typed.

use eframe::egui;
use vodesk_core::model::category::validate_name;
use vodesk_core::model::{Category, Limits};

/// A change to send to the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CategoryOp {
    Create { name: String, parent: Option<i64> },
    Rename { id: i64, name: String },
    Delete { id: i64 },
}

#[derive(Default)]
pub struct CategoryEditor {
    pub open: bool,
    /// The selected category and its level (1-based).
    pub selected: Option<(i64, u32)>,
    pub name: String,
    pub busy: bool,
}

impl CategoryEditor {
    /// Draws the window; returns a change to make.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        categories: &[Category],
        limits: &Limits,
    ) -> Option<CategoryOp> {
        let max_levels = limits.category_levels;
        let mut op = None;
        let mut open = self.open;
        egui::Window::new(t!("categories-title"))
            .id(egui::Id::unique("categories-window"))
            .open(&mut open)
            .collapsible(false)
            .default_width(340.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("category-tree")
                    .max_height(260.0)
                    .show(ui, |ui| {
                        for c in categories.iter().filter(|c| c.id > 0) {
                            self.tree(ui, c, 1);
                        }
                    });
                ui.separator();
                let l = ui.label(t!("categories-name"));
                ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                    .labelled_by(l.id);
                let problem = validate_name(&self.name, limits);
                if let Some(p) = &problem
                    && !self.name.is_empty()
                {
                    let text = crate::app::form::problems::problem_text(p, limits);
                    ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {text}"));
                }
                let ok = problem.is_none() && !self.busy;
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .add_enabled(ok, egui::Button::new(t!("categories-add-top")))
                        .clicked()
                    {
                        op = Some(CategoryOp::Create {
                            name: self.name.trim().to_string(),
                            parent: None,
                        });
                    }
                    let (sel, level) = self.selected.unzip();
                    let can_nest = level.is_some_and(|l| l < max_levels);
                    if ui
                        .add_enabled(
                            ok && can_nest,
                            egui::Button::new(t!("categories-add-inside")),
                        )
                        .on_disabled_hover_text(t!("categories-add-inside-off", max = max_levels))
                        .clicked()
                    {
                        op = Some(CategoryOp::Create {
                            name: self.name.trim().to_string(),
                            parent: sel,
                        });
                    }
                    if ui
                        .add_enabled(
                            ok && sel.is_some(),
                            egui::Button::new(t!("categories-rename")),
                        )
                        .clicked()
                        && let Some(id) = sel
                    {
                        op = Some(CategoryOp::Rename {
                            id,
                            name: self.name.trim().to_string(),
                        });
                    }
                    if ui
                        .add_enabled(
                            !self.busy && sel.is_some(),
                            egui::Button::new(t!("categories-delete")),
                        )
                        .on_hover_text(t!("categories-delete-tip"))
                        .clicked()
                        && let Some(id) = sel
                    {
                        op = Some(CategoryOp::Delete { id });
                    }
                    if self.busy {
                        ui.spinner();
                    }
                });
            });
        self.open = open;
        if op.is_some() {
            self.busy = true;
        }
        op
    }

    fn tree(&mut self, ui: &mut egui::Ui, c: &Category, level: u32) {
        let on = self.selected.is_some_and(|(id, _)| id == c.id);
        ui.horizontal(|ui| {
            ui.add_space(16.0 * (level - 1) as f32);
            if ui.selectable_label(on, &c.name).clicked() {
                self.selected = Some((c.id, level));
                self.name = c.name.clone();
            }
        });
        for ch in &c.children {
            self.tree(ui, ch, level + 1);
        }
    }
}

/// The category `id` anywhere in the tree.
pub fn find(cats: &[Category], id: i64) -> Option<&Category> {
    cats.iter().find_map(|c| {
        if c.id == id {
            Some(c)
        } else {
            find(&c.children, id)
        }
    })
}

/// One choice per category for a combo box, children indented under their parent.
pub fn tree_choices(ui: &mut egui::Ui, cats: &[Category], value: &mut Option<i64>, depth: usize) {
    for c in cats {
        ui.selectable_value(
            value,
            Some(c.id),
            format!("{}{}", "    ".repeat(depth), c.name),
        );
        tree_choices(ui, &c.children, value, depth + 1);
    }
}
