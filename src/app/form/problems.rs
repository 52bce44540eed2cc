//! Problems with the metadata in the app's words: each names the field as the form labels it
//! (the CLI words the same rules its own way, naming its options).

use vodesk_core::model::{Field, FieldError, LengthUnit, Limits, Rule, WorkflowRef};

use super::{preset_words, workflow_words};

/// The field as the form names it, for this provider.
pub fn field_name(field: Field, limits: &Limits) -> String {
    match field {
        Field::Title => t!("form-title"),
        Field::Description => t!("form-description"),
        Field::Tags => t!("form-tags"),
        Field::Category => t!("field-category"),
        Field::TemplateGroup => preset_words(limits.preset_kind).label,
        Field::Workflow => workflow_words(WorkflowRef::Name).label,
        Field::WorkflowId => workflow_words(WorkflowRef::Id).label,
        Field::ExpireAt => t!("form-expires"),
        Field::AutoEncrypt => t!("field-auto-encrypt"),
        Field::AutoPreheat => t!("field-auto-preheat"),
        Field::Thumbnail => t!("field-thumbnails"),
        Field::ThumbnailInterval => t!("field-thumbnail-interval"),
        Field::ThumbnailDots => t!("field-thumbnail-dots"),
        Field::ThumbnailQuantity => t!("field-thumbnail-quantity"),
        Field::ThumbnailCoverPosition => t!("field-thumbnail-cover-position"),
        Field::ThumbnailAspectRatio => t!("field-thumbnail-aspect-ratio"),
        Field::ThumbnailMaxLength => t!("field-thumbnail-max-length"),
        Field::Cover => t!("form-cover"),
        Field::Subtitle => t!("form-subtitles"),
        Field::ReviewTemplate => t!("field-review-template"),
        Field::CategoryName => t!("field-category-name"),
    }
}

fn unit_word(u: LengthUnit) -> &'static str {
    match u {
        LengthUnit::Bytes => "bytes",
        LengthUnit::Chars => "chars",
    }
}

/// The problem as one sentence that names its field as the form labels it.
pub fn problem_text(e: &FieldError, limits: &Limits) -> String {
    problem_naming(e, field_name(e.field, limits))
}

/// The problem as one sentence naming its field `field` (the form's label, or the CLI's
/// option).
pub fn problem_naming(e: &FieldError, field: String) -> String {
    match &e.rule {
        Rule::Empty => match e.field {
            Field::Title => t!("problem-title-empty", field = field),
            Field::ThumbnailDots => t!("problem-dots-empty", field = field),
            _ => t!("problem-empty", field = field),
        },
        Rule::TooLong { length, max, unit } => t!(
            "problem-too-long",
            field = field,
            length = length,
            max = max,
            unit = (unit_word(*unit))
        ),
        Rule::OutOfRange { value, min, max } if e.field == Field::ThumbnailInterval => t!(
            "problem-range-seconds",
            field = field,
            value = value,
            min = min,
            max = max
        ),
        Rule::OutOfRange { value, min, max } => {
            t!(
                "problem-range",
                field = field,
                value = value,
                min = min,
                max = max
            )
        }
        Rule::Missing { min, max } => t!("problem-missing", field = field, min = min, max = max),
        Rule::NotANumber(text) => t!("problem-not-number", field = field, text = text.as_str()),
        Rule::TooManyTags { count, max } => {
            t!(
                "problem-too-many-tags",
                field = field,
                count = count,
                max = max
            )
        }
        Rule::TagTooLong {
            tag,
            length,
            max,
            unit,
        } => t!(
            "problem-tag-too-long",
            field = field,
            tag = tag.as_str(),
            length = length,
            max = max,
            unit = (unit_word(*unit))
        ),
        Rule::TagHasComma(tag) => t!("problem-tag-comma", field = field, tag = tag.as_str()),
        Rule::NotACategoryId(id) => t!("problem-not-category-id", field = field, id = id),
        Rule::NotAWorkflowId(v) => {
            t!("problem-not-workflow-id", field = field, value = v.as_str())
        }
        Rule::InPast(when) => t!(
            "problem-in-past",
            field = field,
            when = (crate::app::format::local_time(*when))
        ),
        Rule::NeedsHlsGroup => t!("problem-needs-hls", field = field),
        Rule::NotAvailable => t!("problem-not-available", field = field),
        Rule::NotAnImage(p) => t!(
            "problem-not-image",
            field = field,
            path = (p.display().to_string())
        ),
        Rule::SubtitleIdOutOfRange { id, max } => {
            t!(
                "problem-subtitle-id-range",
                field = field,
                id = id,
                max = max
            )
        }
        Rule::SubtitleIdTwice(id) => t!("problem-subtitle-id-twice", field = field, id = id),
        Rule::NotSrt(p) => t!(
            "problem-not-srt",
            field = field,
            path = (p.display().to_string())
        ),
        Rule::UnknownCategory(id) => t!("problem-unknown-category", field = field, id = id),
        Rule::UnknownGroup(g) => t!("problem-unknown-group", field = field, group = g.as_str()),
        Rule::GroupWithoutHls { group, formats } => t!(
            "problem-group-without-hls",
            field = field,
            group = group.as_str(),
            formats = formats.as_str()
        ),
    }
}

/// The first of `errors`, worded (what a row or a button says when something is wrong).
pub fn first_problem(errors: &[FieldError], limits: &Limits) -> Option<String> {
    errors.first().map(|e| problem_text(e, limits))
}

/// Each of `errors`, one red line each.
pub fn show_problems(ui: &mut eframe::egui::Ui, errors: &[FieldError], limits: &Limits) {
    for e in errors {
        let text = format!("⚠ {}", problem_text(e, limits));
        ui.colored_label(ui.visuals().error_fg_color, text);
    }
}
