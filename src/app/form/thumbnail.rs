//! Thumbnail options: kept as text while typed, so a half-typed or non-numeric value is shown
//! as an error instead of being lost; applied to the rows once it parses.

use eframe::egui;
use vodesk_core::model::{FieldError, Thumbnail, ThumbnailKind};

use super::Target;
use super::fields::labelled;

#[derive(Default)]
pub struct ThumbBuffers {
    /// `None` = the rows differ.
    mixed: bool,
    enabled: bool,
    kind: Option<ThumbnailKind>,
    interval: String,
    dots: String,
    quantity: String,
    cover_position: String,
    aspect_ratio: String,
    max_length: String,
}

fn num(v: Option<u32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A number field: empty is "not set", anything else must be a whole number.
fn parse(field: &'static str, s: &str, errors: &mut Vec<FieldError>) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match s.parse() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError {
                field,
                message: format!("\"{s}\" is not a whole number; type digits only"),
            });
            None
        }
    }
}

impl ThumbBuffers {
    pub fn load(common: Option<Option<Thumbnail>>) -> ThumbBuffers {
        match common {
            None => ThumbBuffers {
                mixed: true,
                ..Default::default()
            },
            Some(None) => ThumbBuffers::default(),
            Some(Some(t)) => ThumbBuffers {
                mixed: false,
                enabled: true,
                kind: Some(t.kind),
                interval: num(t.interval),
                dots: t
                    .dots
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                quantity: num(t.quantity),
                cover_position: num(t.cover_position),
                aspect_ratio: num(t.aspect_ratio),
                max_length: num(t.max_length),
            },
        }
    }

    /// The buffers as a thumbnail setting, with the fields that did not parse.
    fn build(&self) -> (Option<Thumbnail>, Vec<FieldError>) {
        let mut errors = Vec::new();
        if !self.enabled {
            return (None, errors);
        }
        let mut t = Thumbnail::new(self.kind.unwrap_or(ThumbnailKind::Time));
        t.interval = parse("thumbnail-interval", &self.interval, &mut errors);
        t.quantity = parse("thumbnail-quantity", &self.quantity, &mut errors);
        t.cover_position = parse(
            "thumbnail-cover-position",
            &self.cover_position,
            &mut errors,
        );
        t.aspect_ratio = parse("thumbnail-aspect-ratio", &self.aspect_ratio, &mut errors);
        t.max_length = parse("thumbnail-max-length", &self.max_length, &mut errors);
        for d in self
            .dots
            .split([',', '，'])
            .filter(|d| !d.trim().is_empty())
        {
            if let Some(v) = parse("thumbnail-dots", d, &mut errors) {
                t.dots.push(v);
            }
        }
        (Some(t), errors)
    }

    pub fn parse_errors(&self) -> Vec<FieldError> {
        if self.mixed {
            Vec::new()
        } else {
            self.build().1
        }
    }

    /// Draws the options; returns whether the targets changed.
    pub fn show(&mut self, ui: &mut egui::Ui, ts: &mut [Target]) -> bool {
        let mut changed = false;
        let mut on = self.enabled;
        if ui
            .add(egui::Checkbox::new(&mut on, "Thumbnails").indeterminate(self.mixed))
            .changed()
        {
            self.mixed = false;
            self.enabled = on;
            changed = true;
        }
        if self.enabled && !self.mixed {
            let mut kind = self.kind.unwrap_or(ThumbnailKind::Time);
            ui.horizontal(|ui| {
                changed |= ui
                    .radio_value(&mut kind, ThumbnailKind::Time, "Every N seconds")
                    .changed();
                changed |= ui
                    .radio_value(&mut kind, ThumbnailKind::Dots, "At offsets")
                    .changed();
                changed |= ui
                    .radio_value(&mut kind, ThumbnailKind::Quantity, "N snapshots")
                    .changed();
            });
            self.kind = Some(kind);
            let mut field = |ui: &mut egui::Ui, label: &str, hint: &str, buf: &mut String| {
                ui.horizontal(|ui| {
                    changed |= labelled(ui, label, |ui| {
                        ui.add(
                            egui::TextEdit::singleline(buf)
                                .hint_text(hint)
                                .desired_width(80.0),
                        )
                    })
                    .changed();
                });
            };
            match kind {
                ThumbnailKind::Time => {
                    field(ui, "Interval (s)", "0–100, default 12", &mut self.interval)
                }
                ThumbnailKind::Dots => field(ui, "Offsets (s)", "e.g. 1, 5, 10", &mut self.dots),
                ThumbnailKind::Quantity => field(ui, "Snapshots", "1–10", &mut self.quantity),
            }
            field(ui, "Cover position", "1-based", &mut self.cover_position);
            field(ui, "Aspect ratio", "0 keep, 1 16:9", &mut self.aspect_ratio);
            field(ui, "Max length (px)", "1–8192", &mut self.max_length);
        }
        if changed {
            let (t, errors) = self.build();
            // Half-typed numbers are not applied; the error under the field says why.
            if errors.is_empty() {
                ts.iter_mut().for_each(|x| x.meta.thumbnail = t.clone());
            }
        }
        changed
    }
}
