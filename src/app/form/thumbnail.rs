//! Thumbnail options: kept as text while typed, so a half-typed or non-numeric value is shown
//! as an error instead of being lost; applied to the rows once it parses. Across rows that
//! differ, each parameter is its own: one typed is set on every row, the others stay theirs.

use eframe::egui;
use vodesk_core::model::{Field, FieldError, Rule, Thumbnail, ThumbnailKind};

use super::Target;
use super::fields::{common, labelled};

/// One number (or list of numbers) of the thumbnail options.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Param {
    Interval,
    Dots,
    Quantity,
    CoverPosition,
    AspectRatio,
    MaxLength,
}

const PARAMS: [Param; 6] = [
    Param::Interval,
    Param::Dots,
    Param::Quantity,
    Param::CoverPosition,
    Param::AspectRatio,
    Param::MaxLength,
];

impl Param {
    fn field(self) -> Field {
        match self {
            Param::Interval => Field::ThumbnailInterval,
            Param::Dots => Field::ThumbnailDots,
            Param::Quantity => Field::ThumbnailQuantity,
            Param::CoverPosition => Field::ThumbnailCoverPosition,
            Param::AspectRatio => Field::ThumbnailAspectRatio,
            Param::MaxLength => Field::ThumbnailMaxLength,
        }
    }

    fn label_and_hint(self) -> (String, String) {
        match self {
            Param::Interval => (t!("thumb-interval"), t!("thumb-interval-hint")),
            Param::Dots => (t!("thumb-dots"), t!("thumb-dots-hint")),
            Param::Quantity => (t!("thumb-quantity"), t!("thumb-quantity-hint")),
            Param::CoverPosition => (t!("thumb-cover-position"), t!("thumb-cover-position-hint")),
            Param::AspectRatio => (t!("thumb-aspect-ratio"), t!("thumb-aspect-ratio-hint")),
            Param::MaxLength => (t!("thumb-max-length"), t!("thumb-max-length-hint")),
        }
    }

    fn slot(self, t: &mut Thumbnail) -> Option<&mut Option<u32>> {
        match self {
            Param::Interval => Some(&mut t.interval),
            Param::Quantity => Some(&mut t.quantity),
            Param::CoverPosition => Some(&mut t.cover_position),
            Param::AspectRatio => Some(&mut t.aspect_ratio),
            Param::MaxLength => Some(&mut t.max_length),
            Param::Dots => None,
        }
    }

    fn text(self, t: &Thumbnail) -> String {
        let value = match self {
            Param::Interval => t.interval,
            Param::Quantity => t.quantity,
            Param::CoverPosition => t.cover_position,
            Param::AspectRatio => t.aspect_ratio,
            Param::MaxLength => t.max_length,
            Param::Dots => {
                let dots: Vec<String> = t.dots.iter().map(u32::to_string).collect();
                return dots.join(", ");
            }
        };
        value.map(|v| v.to_string()).unwrap_or_default()
    }

    /// Sets the typed value on `t`; the problem when it does not parse.
    fn set(self, t: &mut Thumbnail, text: &str) -> Result<(), FieldError> {
        if let Some(slot) = self.slot(t) {
            *slot = parse(self.field(), text)?;
            return Ok(());
        }
        let mut dots = Vec::new();
        for d in text.split([',', '，']).filter(|d| !d.trim().is_empty()) {
            dots.extend(parse(self.field(), d)?);
        }
        t.dots = dots;
        Ok(())
    }
}

/// A number field: empty is "not set", anything else must be a whole number.
fn parse(field: Field, s: &str) -> Result<Option<u32>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| FieldError::new(field, Rule::NotANumber(s.to_string())))
}

#[derive(Default)]
pub struct ThumbBuffers {
    /// Whether the rows ask for thumbnails; `None` = they differ.
    enabled: Option<bool>,
    /// `None` = they differ.
    kind: Option<ThumbnailKind>,
    /// Each parameter as typed; `None` = the rows differ (shown as "mixed" until typed).
    text: [Option<String>; 6],
}

impl ThumbBuffers {
    pub fn load(ts: &[Target]) -> ThumbBuffers {
        let on = |m: &vodesk_core::model::UploadMetadata| m.thumbnail.is_some();
        let mut b = ThumbBuffers {
            enabled: common(ts, on),
            kind: common(ts, |m| m.thumbnail.as_ref().map(|t| t.kind)).flatten(),
            ..Default::default()
        };
        for (i, p) in PARAMS.iter().enumerate() {
            b.text[i] = common(ts, |m| m.thumbnail.as_ref().map(|t| p.text(t))).flatten();
        }
        b
    }

    pub fn parse_errors(&self) -> Vec<FieldError> {
        if self.enabled != Some(true) {
            return Vec::new();
        }
        let mut scratch = Thumbnail::new(ThumbnailKind::Time);
        PARAMS
            .iter()
            .zip(&self.text)
            .filter_map(|(p, text)| p.set(&mut scratch, text.as_deref()?).err())
            .collect()
    }

    /// Draws the options; returns whether the targets changed.
    pub fn show(&mut self, ui: &mut egui::Ui, ts: &mut [Target]) -> bool {
        let mut changed = false;
        let mut on = self.enabled == Some(true);
        if ui
            .add(
                egui::Checkbox::new(&mut on, t!("thumb-enable"))
                    .indeterminate(self.enabled.is_none()),
            )
            .changed()
        {
            // Rows that had options keep them; the others get the defaults.
            for t in ts.iter_mut() {
                match (on, &t.meta.thumbnail) {
                    (false, _) => t.meta.thumbnail = None,
                    (true, None) => t.meta.thumbnail = Some(Thumbnail::new(ThumbnailKind::Time)),
                    (true, Some(_)) => {}
                }
            }
            *self = Self::load(ts);
            changed = true;
        }
        if self.enabled != Some(true) {
            return changed;
        }
        let mut kind = self.kind;
        let mut picked = false;
        ui.horizontal(|ui| {
            for (k, label) in [
                (ThumbnailKind::Time, t!("thumb-kind-time")),
                (ThumbnailKind::Dots, t!("thumb-kind-dots")),
                (ThumbnailKind::Quantity, t!("thumb-kind-quantity")),
            ] {
                picked |= ui.radio_value(&mut kind, Some(k), label).changed();
            }
        });
        if picked && let Some(k) = kind {
            ts.iter_mut()
                .filter_map(|t| t.meta.thumbnail.as_mut())
                .for_each(|t| t.kind = k);
            *self = Self::load(ts);
            changed = true;
        }
        let shown = PARAMS.iter().enumerate().filter(|(_, p)| match p {
            Param::Interval => kind == Some(ThumbnailKind::Time),
            Param::Dots => kind == Some(ThumbnailKind::Dots),
            Param::Quantity => kind == Some(ThumbnailKind::Quantity),
            _ => true,
        });
        for (i, p) in shown {
            let (label, hint) = p.label_and_hint();
            let mixed = self.text[i].is_none();
            let mut buf = self.text[i].clone().unwrap_or_default();
            let edited = ui
                .horizontal(|ui| {
                    labelled(ui, &label, |ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut buf)
                                .id_salt(("thumbnail-param", i))
                                .hint_text(if mixed { t!("form-mixed") } else { hint })
                                .desired_width(80.0),
                        )
                    })
                    .changed()
                })
                .inner;
            if edited {
                // Half-typed numbers are not applied; the error under the field says why.
                let applies = p
                    .set(&mut Thumbnail::new(ThumbnailKind::Time), &buf)
                    .is_ok();
                if applies {
                    for t in ts.iter_mut().filter_map(|t| t.meta.thumbnail.as_mut()) {
                        let _ = p.set(t, &buf);
                    }
                }
                self.text[i] = Some(buf);
                changed = true;
            }
        }
        changed
    }
}
