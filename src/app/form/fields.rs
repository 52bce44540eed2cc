//! Small helpers shared by the form's fields.

use std::collections::BTreeMap;

use eframe::egui;
use vodesk_core::model::{Field, LengthUnit, Limits, UploadMetadata};

use super::Target;

/// The value all targets share, or `None` when they differ ("mixed").
pub fn common<T: PartialEq>(ts: &[Target], f: impl Fn(&UploadMetadata) -> T) -> Option<T> {
    let mut it = ts.iter().map(|t| f(t.meta));
    let first = it.next()?;
    it.all(|v| v == first).then_some(first)
}

/// A label above a widget, linked for screen readers (and for tests that query by label).
pub fn labelled(
    ui: &mut egui::Ui,
    label: &str,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    let l = ui.label(label);
    add(ui).labelled_by(l.id)
}

/// "12 / 128 bytes" (or characters, as the provider counts), red past the limit.
pub fn length_counter(ui: &mut egui::Ui, text: &str, max: usize, limits: &Limits) {
    let n = limits.length(text);
    let t = match limits.unit {
        LengthUnit::Bytes => t!("form-length-bytes", n = n, max = max),
        LengthUnit::Chars => t!("form-length-chars", n = n, max = max),
    };
    if n > max {
        ui.colored_label(ui.visuals().error_fg_color, t);
    } else {
        ui.weak(t);
    }
}

/// The problems of `fields`, one red line each, right under the field.
pub fn field_errors(ui: &mut egui::Ui, errors: &BTreeMap<Field, Vec<String>>, fields: &[Field]) {
    for f in fields {
        for m in errors.get(f).into_iter().flatten() {
            ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {m}"));
        }
    }
}
