//! The metadata form (PRODUCT.md, huawei-vod-api.md §4.1) and its validation rules. Everything is
//! checked before any request is sent; each problem names its field and the fix.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::limits::{LengthUnit, WorkflowRef};

pub use super::limits::Limits;

pub const THUMBNAIL_TIME_MAX: u32 = 100;
pub const THUMBNAIL_QUANTITY_MAX: u32 = 10;
pub const SUBTITLE_ID_MAX: u8 = 8;

/// A field of the metadata. Each face names it its own way: the CLI by its option
/// ([`Field::flag`]), the app by the form's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Description,
    Tags,
    Category,
    TemplateGroup,
    /// A workflow named by its name.
    Workflow,
    /// A workflow named by its ID.
    WorkflowId,
    ExpireAt,
    AutoEncrypt,
    AutoPreheat,
    Thumbnail,
    ThumbnailInterval,
    ThumbnailDots,
    ThumbnailQuantity,
    ThumbnailCoverPosition,
    ThumbnailAspectRatio,
    ThumbnailMaxLength,
    Cover,
    Subtitle,
    ReviewTemplate,
    /// A category's name (the category manager, `vodesk categories add`).
    CategoryName,
}

impl Field {
    /// The CLI option's name (without `--`).
    pub fn flag(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::Tags => "tags",
            Field::Category => "category",
            Field::TemplateGroup => "template-group",
            Field::Workflow | Field::WorkflowId => "workflow",
            Field::ExpireAt => "expire-at",
            Field::AutoEncrypt => "auto-encrypt",
            Field::AutoPreheat => "auto-preheat",
            Field::Thumbnail => "thumbnail",
            Field::ThumbnailInterval => "thumbnail-interval",
            Field::ThumbnailDots => "thumbnail-dots",
            Field::ThumbnailQuantity => "thumbnail-quantity",
            Field::ThumbnailCoverPosition => "thumbnail-cover-position",
            Field::ThumbnailAspectRatio => "thumbnail-aspect-ratio",
            Field::ThumbnailMaxLength => "thumbnail-max-length",
            Field::Cover => "cover",
            Field::Subtitle => "subtitle",
            Field::ReviewTemplate => "review-template",
            Field::CategoryName => "name",
        }
    }
}

/// What rule a value breaks, with what the sentence needs (the value, the limits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Required, or given and blank.
    Empty,
    /// Longer than the provider takes.
    TooLong {
        length: usize,
        max: usize,
        unit: LengthUnit,
    },
    /// A number outside `min..=max`.
    OutOfRange {
        value: u32,
        min: u32,
        max: u32,
    },
    /// A number needed and not given.
    Missing {
        min: u32,
        max: u32,
    },
    /// Typed, and not a whole number.
    NotANumber(String),
    TooManyTags {
        count: usize,
        max: usize,
    },
    TagTooLong {
        tag: String,
        length: usize,
        max: usize,
        unit: LengthUnit,
    },
    TagHasComma(String),
    NotACategoryId(i64),
    NotAWorkflowId(String),
    /// A date already past.
    InPast(chrono::DateTime<chrono::Utc>),
    /// Encryption without a template group.
    NeedsHlsGroup,
    /// Set, and the provider does not take it.
    NotAvailable,
    /// Not a .jpg, .jpeg or .png file.
    NotAnImage(PathBuf),
    SubtitleIdOutOfRange {
        id: u8,
        max: u8,
    },
    SubtitleIdTwice(u8),
    NotSrt(PathBuf),
    /// The account has no such category (rows moved from another account).
    UnknownCategory(i64),
    /// The account has no such template group.
    UnknownGroup(String),
    /// Encryption with a group that outputs no HLS: the group and what it outputs.
    GroupWithoutHls {
        group: String,
        formats: String,
    },
}

/// One invalid field: which, and the rule it breaks. [`FieldError::message`] says it in the
/// CLI's words (English, options by name); the app words it from its catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub rule: Rule,
}

impl FieldError {
    pub fn new(field: Field, rule: Rule) -> Self {
        FieldError { field, rule }
    }

    /// What is wrong and the fix, after the option's name ("is 13; it must be between…").
    pub fn message(&self) -> String {
        let unit = |u: &LengthUnit| match u {
            LengthUnit::Bytes => ("bytes", "bytes (UTF-8)"),
            LengthUnit::Chars => ("characters", "characters"),
        };
        match &self.rule {
            Rule::Empty => match self.field {
                Field::Title => "is empty; give the asset a title".into(),
                Field::Workflow => "is empty; give the workflow's name or leave it out".into(),
                Field::WorkflowId => "is empty; give the workflow's ID or leave it out".into(),
                Field::TemplateGroup => {
                    "is empty; name a group from `vodesk templates list` or leave it out".into()
                }
                Field::ThumbnailDots => {
                    "is empty; give the snapshot offsets in seconds, e.g. 1,5,10".into()
                }
                Field::CategoryName => "is empty; give it a name".into(),
                _ => "is empty; give a value or leave it out".into(),
            },
            Rule::TooLong {
                length,
                max,
                unit: u,
            } if self.field == Field::Workflow => {
                let _ = u;
                format!("is {length} characters long; a workflow name has at most {max} — check it")
            }
            Rule::TooLong {
                length,
                max,
                unit: u,
            } => {
                let (name, words) = unit(u);
                format!("is {length} {name} long; the limit is {max} {words} — shorten it")
            }
            Rule::OutOfRange { value, min, max } => {
                format!("is {value}; it must be between {min} and {max}")
            }
            Rule::Missing { min, max } => {
                format!("is missing; give the number of snapshots ({min} to {max})")
            }
            Rule::NotANumber(text) => format!("\"{text}\" is not a whole number; type digits only"),
            Rule::TooManyTags { count, max } => {
                format!("has {count} tags; at most {max} are allowed — remove some")
            }
            Rule::TagTooLong {
                tag,
                length,
                max,
                unit: u,
            } => {
                let (name, words) = unit(u);
                format!(
                    "tag \"{tag}\" is {length} {name} long; each tag may be at most {max} {words} — shorten it"
                )
            }
            Rule::TagHasComma(tag) => {
                format!("tag \"{tag}\" contains a comma; commas separate tags")
            }
            Rule::NotACategoryId(c) => format!(
                "{c} is not a category id; use -1 for \"Other\" or an id from `vodesk categories list`"
            ),
            Rule::NotAWorkflowId(w) => format!(
                "\"{w}\" is not a workflow ID; copy the ID (letters and digits) from the console's workflow list"
            ),
            Rule::InPast(t) => format!(
                "{} is in the past; give a later date or leave it out to keep the media",
                t.format("%Y-%m-%d %H:%M UTC")
            ),
            Rule::NeedsHlsGroup => {
                "needs an HLS template group; choose one or turn encryption off".into()
            }
            Rule::NotAvailable => "is not available with this provider; leave it out".into(),
            Rule::NotAnImage(p) => format!(
                "{} is not a JPG or PNG image; choose a .jpg, .jpeg or .png file",
                p.display()
            ),
            Rule::SubtitleIdOutOfRange { id, max } => {
                format!("id {id} is out of range; use 1 to {max}")
            }
            Rule::SubtitleIdTwice(id) => {
                format!("id {id} is used twice; give each subtitle its own id")
            }
            Rule::NotSrt(p) => format!(
                "{} is not an .srt file; only SRT subtitles are supported",
                p.display()
            ),
            Rule::UnknownCategory(id) => {
                format!("category {id} does not exist in this account; choose one from the list")
            }
            Rule::UnknownGroup(g) => {
                format!("\"{g}\" does not exist in this account; choose one from the list")
            }
            Rule::GroupWithoutHls { group, formats } => format!(
                "needs an HLS template group; \"{group}\" outputs {formats} — choose an HLS group or turn encryption off"
            ),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field.flag(), self.message())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThumbnailKind {
    /// One snapshot every `interval` seconds.
    Time,
    /// Snapshots at given offsets.
    Dots,
    /// N evenly spaced snapshots.
    Quantity,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thumbnail {
    pub kind: ThumbnailKind,
    /// Seconds between snapshots (`time`), 0..=100; default 12.
    pub interval: Option<u32>,
    /// Offsets in seconds (`dots`).
    pub dots: Vec<u32>,
    /// Number of snapshots (`quantity`), 1..=10.
    pub quantity: Option<u32>,
    pub quantity_time: Option<u32>,
    /// Which snapshot becomes the cover (1-based).
    pub cover_position: Option<u32>,
    /// 0 = keep ratio, 1 = 16:9.
    pub aspect_ratio: Option<u32>,
    /// Longest side in pixels.
    pub max_length: Option<u32>,
}

impl Thumbnail {
    pub fn new(kind: ThumbnailKind) -> Self {
        Thumbnail {
            kind,
            interval: None,
            dots: Vec::new(),
            quantity: None,
            quantity_time: None,
            cover_position: None,
            aspect_ratio: None,
            max_length: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubtitleLanguage {
    Cn,
    En,
}

impl SubtitleLanguage {
    pub fn code(self) -> &'static str {
        match self {
            SubtitleLanguage::Cn => "CN",
            SubtitleLanguage::En => "EN",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubtitleSpec {
    /// 1..=8, unique per asset.
    pub id: u8,
    pub language: SubtitleLanguage,
    /// An `.srt` file.
    pub path: PathBuf,
}

/// What a user says about the media they upload or import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadMetadata {
    pub title: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// `None` or `-1` = the "Other" category.
    pub category_id: Option<i64>,
    /// The processing preset's id ([`super::Preset::id`]).
    #[serde(alias = "template_group")]
    pub preset: Option<String>,
    pub auto_publish: bool,
    pub auto_encrypt: bool,
    pub auto_preheat: bool,
    pub thumbnail: Option<Thumbnail>,
    pub review_template_id: Option<String>,
    pub workflow_name: Option<String>,
    /// A JPG or PNG cover image.
    pub cover: Option<PathBuf>,
    pub subtitles: Vec<SubtitleSpec>,
    /// When the media deletes itself (Tencent's `ExpireTime`); `None`: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Default for UploadMetadata {
    fn default() -> Self {
        UploadMetadata {
            title: String::new(),
            description: None,
            tags: Vec::new(),
            category_id: None,
            preset: None,
            // Huawei's documented default; always sent explicitly.
            auto_publish: true,
            auto_encrypt: false,
            auto_preheat: false,
            thumbnail: None,
            review_template_id: None,
            workflow_name: None,
            cover: None,
            subtitles: Vec::new(),
            expires_at: None,
        }
    }
}

/// Cover image format (`cover_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverType {
    Jpg,
    Png,
}

impl CoverType {
    pub fn from_path(path: &std::path::Path) -> Option<CoverType> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(CoverType::Jpg),
            "png" => Some(CoverType::Png),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CoverType::Jpg => "JPG",
            CoverType::Png => "PNG",
        }
    }

    /// The Content-Type a cover upload URL is signed for: `image/` + the lower-case
    /// `cover_type` (the exact string Huawei signs for JPG is undocumented, huawei-vod-api.md §5).
    pub fn content_type(self) -> &'static str {
        match self {
            CoverType::Jpg => "image/jpg",
            CoverType::Png => "image/png",
        }
    }
}

/// A cover image read from a file, checked to be the JPG or PNG its name says.
#[derive(Clone, PartialEq, Eq)]
pub struct CoverImage {
    pub kind: CoverType,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for CoverImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CoverImage({:?}, {} bytes)", self.kind, self.bytes.len())
    }
}

/// [INF] The reference gives no size limit for a cover sent in a call; 5 MiB keeps the request
/// well within what API gateways take.
pub const COVER_IMAGE_MAX: u64 = 5 * 1024 * 1024;

impl CoverImage {
    /// Reads `path`: a `.jpg`/`.jpeg`/`.png` file of at most [`COVER_IMAGE_MAX`] whose bytes are
    /// that format. The error is one sentence naming the file and the fix.
    pub fn read(path: &std::path::Path) -> Result<CoverImage, String> {
        let name = path.display();
        let kind = CoverType::from_path(path)
            .ok_or_else(|| format!("{name}: a cover must be a JPG or PNG image (.jpg or .png)"))?;
        let size = std::fs::metadata(path)
            .map_err(|e| format!("{name}: cannot read the cover ({e})"))?
            .len();
        if size > COVER_IMAGE_MAX {
            return Err(format!(
                "{name}: the cover is {size} bytes; the limit is {COVER_IMAGE_MAX} — use a smaller image"
            ));
        }
        let bytes =
            std::fs::read(path).map_err(|e| format!("{name}: cannot read the cover ({e})"))?;
        let magic_ok = match kind {
            CoverType::Jpg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            CoverType::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        };
        if !magic_ok {
            return Err(format!(
                "{name}: the file is not a {} image though its name says so; export it as {} again",
                kind.code(),
                kind.code()
            ));
        }
        Ok(CoverImage { kind, bytes })
    }
}

/// An expiry as people type it: `2027-01-31` (the end of that day, UTC) or an RFC 3339 time
/// (`2027-01-31T08:00:00+08:00`). The error names the value and the forms taken.
pub fn parse_expiry(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    let t = text.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&chrono::Utc));
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .map(|d| d.and_utc())
        .ok_or_else(|| {
            format!("\"{t}\" is not a date; give one like 2027-01-31 or 2027-01-31T08:00:00+08:00")
        })
}

/// Splits a comma-separated tag list, trimming blanks (ASCII and full-width commas).
pub fn parse_tags(s: &str) -> Vec<String> {
    s.split([',', '，'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_length(
    errors: &mut Vec<FieldError>,
    limits: &Limits,
    field: Field,
    value: &str,
    max: usize,
) {
    let length = limits.length(value);
    if length > max {
        let unit = limits.unit;
        errors.push(FieldError::new(field, Rule::TooLong { length, max, unit }));
    }
}

fn range(errors: &mut Vec<FieldError>, field: Field, v: Option<u32>, min: u32, max: u32) {
    if let Some(value) = v
        && !(min..=max).contains(&value)
    {
        errors.push(FieldError::new(field, Rule::OutOfRange { value, min, max }));
    }
}

/// Validates the tag list alone (also used by metadata edits and list filters).
pub fn validate_tags(tags: &[String], limits: &Limits) -> Vec<FieldError> {
    let (max_count, max_len) = (limits.tags_max_count, limits.tag_max);
    let mut errors = Vec::new();
    if tags.len() > max_count {
        let count = tags.len();
        errors.push(FieldError::new(
            Field::Tags,
            Rule::TooManyTags {
                count,
                max: max_count,
            },
        ));
    }
    for t in tags {
        if limits.length(t) > max_len {
            errors.push(FieldError::new(
                Field::Tags,
                Rule::TagTooLong {
                    tag: t.clone(),
                    length: limits.length(t),
                    max: max_len,
                    unit: limits.unit,
                },
            ));
        }
        if t.contains(',') {
            errors.push(FieldError::new(Field::Tags, Rule::TagHasComma(t.clone())));
        }
    }
    errors
}

/// Validates a title on its own (required, within the provider's byte limit).
pub fn validate_title(title: &str, limits: &Limits) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if title.trim().is_empty() {
        errors.push(FieldError::new(Field::Title, Rule::Empty));
    }
    check_length(&mut errors, limits, Field::Title, title, limits.title_max);
    errors
}

pub fn validate_description(description: &str, limits: &Limits) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_length(
        &mut errors,
        limits,
        Field::Description,
        description,
        limits.description_max,
    );
    errors
}

/// A workflow's name: not blank, at most 64 characters (Huawei's limit for names of its
/// kind); an id: 1 to 64 of `A-Z a-z 0-9 _ -` (Alibaba's are 32 hex digits).
pub fn validate_workflow(workflow: &str, limits: &Limits) -> Vec<FieldError> {
    let Some(kind) = limits.accepts.workflow else {
        return Vec::new();
    };
    let field = workflow_field(kind);
    let rule = match kind {
        _ if workflow.trim().is_empty() => Some(Rule::Empty),
        WorkflowRef::Name if workflow.chars().count() > WORKFLOW_MAX => Some(Rule::TooLong {
            length: workflow.chars().count(),
            max: WORKFLOW_MAX,
            unit: LengthUnit::Chars,
        }),
        WorkflowRef::Id
            if workflow.len() > WORKFLOW_MAX
                || !workflow
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
        {
            Some(Rule::NotAWorkflowId(workflow.to_string()))
        }
        _ => None,
    };
    rule.map(|rule| FieldError::new(field, rule))
        .into_iter()
        .collect()
}

/// The workflow field of a provider that names workflows `kind`'s way.
pub fn workflow_field(kind: WorkflowRef) -> Field {
    match kind {
        WorkflowRef::Name => Field::Workflow,
        WorkflowRef::Id => Field::WorkflowId,
    }
}

const WORKFLOW_MAX: usize = 64;

impl UploadMetadata {
    /// Every rule that can be checked without asking the server, under the provider's limits.
    pub fn validate(&self, limits: &Limits) -> Vec<FieldError> {
        let mut errors = validate_title(&self.title, limits);
        if let Some(d) = &self.description {
            errors.extend(validate_description(d, limits));
        }
        errors.extend(validate_tags(&self.tags, limits));
        if let Some(c) = self.category_id
            && c < -1
        {
            errors.push(FieldError::new(Field::Category, Rule::NotACategoryId(c)));
        }
        if let Some(g) = &self.preset {
            if g.trim().is_empty() {
                errors.push(FieldError::new(Field::TemplateGroup, Rule::Empty));
            }
            check_length(
                &mut errors,
                limits,
                Field::TemplateGroup,
                g,
                limits.preset_max,
            );
        }
        if let Some(w) = &self.workflow_name {
            errors.extend(validate_workflow(w, limits));
        }
        if let Some(t) = self.expires_at
            && t <= chrono::Utc::now()
        {
            errors.push(FieldError::new(Field::ExpireAt, Rule::InPast(t)));
        }
        if self.auto_encrypt && self.preset.is_none() {
            errors.push(FieldError::new(Field::AutoEncrypt, Rule::NeedsHlsGroup));
        }
        if let Some(t) = &self.thumbnail {
            self.validate_thumbnail(t, &mut errors);
        }
        self.validate_accepted(limits, &mut errors);
        if let Some(cover) = &self.cover
            && CoverType::from_path(cover).is_none()
        {
            errors.push(FieldError::new(
                Field::Cover,
                Rule::NotAnImage(cover.clone()),
            ));
        }
        let mut seen = Vec::new();
        for s in &self.subtitles {
            if s.id == 0 || s.id > SUBTITLE_ID_MAX {
                errors.push(FieldError::new(
                    Field::Subtitle,
                    Rule::SubtitleIdOutOfRange {
                        id: s.id,
                        max: SUBTITLE_ID_MAX,
                    },
                ));
            }
            if seen.contains(&s.id) {
                errors.push(FieldError::new(
                    Field::Subtitle,
                    Rule::SubtitleIdTwice(s.id),
                ));
            }
            seen.push(s.id);
            let is_srt = s
                .path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("srt"));
            if !is_srt {
                errors.push(FieldError::new(
                    Field::Subtitle,
                    Rule::NotSrt(s.path.clone()),
                ));
            }
        }
        errors
    }

    /// The parts this provider does not take must be left empty.
    fn validate_accepted(&self, limits: &Limits, errors: &mut Vec<FieldError>) {
        let a = limits.accepts;
        let refused = [
            (Field::AutoEncrypt, self.auto_encrypt && !a.encryption),
            (Field::AutoPreheat, self.auto_preheat && !a.preheat),
            (Field::Thumbnail, self.thumbnail.is_some() && !a.thumbnails),
            (Field::Subtitle, !self.subtitles.is_empty() && !a.subtitles),
            (Field::Cover, self.cover.is_some() && !a.cover),
            (
                Field::ReviewTemplate,
                self.review_template_id.is_some() && !a.review,
            ),
            (
                Field::Workflow,
                self.workflow_name.is_some() && a.workflow.is_none(),
            ),
            (Field::ExpireAt, self.expires_at.is_some() && !a.expiry),
        ];
        for (field, set) in refused {
            if set {
                errors.push(FieldError::new(field, Rule::NotAvailable));
            }
        }
    }

    fn validate_thumbnail(&self, t: &Thumbnail, errors: &mut Vec<FieldError>) {
        match t.kind {
            ThumbnailKind::Time => range(
                errors,
                Field::ThumbnailInterval,
                t.interval,
                0,
                THUMBNAIL_TIME_MAX,
            ),
            ThumbnailKind::Dots => {
                if t.dots.is_empty() {
                    errors.push(FieldError::new(Field::ThumbnailDots, Rule::Empty));
                }
            }
            ThumbnailKind::Quantity => {
                if t.quantity.is_none() {
                    errors.push(FieldError::new(
                        Field::ThumbnailQuantity,
                        Rule::Missing {
                            min: 1,
                            max: THUMBNAIL_QUANTITY_MAX,
                        },
                    ));
                }
                range(
                    errors,
                    Field::ThumbnailQuantity,
                    t.quantity,
                    1,
                    THUMBNAIL_QUANTITY_MAX,
                );
            }
        }
        range(
            errors,
            Field::ThumbnailCoverPosition,
            t.cover_position,
            1,
            u32::MAX,
        );
        range(errors, Field::ThumbnailAspectRatio, t.aspect_ratio, 0, 1);
        range(errors, Field::ThumbnailMaxLength, t.max_length, 1, 8192);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expiry_is_a_day_or_a_time_in_the_future_where_the_provider_takes_one() {
        let end = parse_expiry("2027-01-31").unwrap();
        assert_eq!(end.to_rfc3339(), "2027-01-31T23:59:59+00:00");
        let t = parse_expiry(" 2027-01-31T08:00:00+08:00 ").unwrap();
        assert_eq!(t.to_rfc3339(), "2027-01-31T00:00:00+00:00");
        let e = parse_expiry("next week").unwrap_err();
        assert!(e.contains("\"next week\" is not a date"), "{e}");

        let mut takes = LIMITS;
        takes.accepts.expiry = true;
        let mut m = valid();
        m.expires_at = Some(chrono::Utc::now() + chrono::Duration::days(30));
        assert!(m.validate(&takes).is_empty());
        let refused = m.validate(&LIMITS);
        assert_eq!(refused[0].field.flag(), "expire-at");
        assert!(refused[0].message().contains("not available"));
        m.expires_at = Some(parse_expiry("2001-01-01").unwrap());
        let past = m.validate(&takes);
        assert!(past[0].message().contains("is in the past"), "{:?}", past);
    }

    #[test]
    fn a_cover_image_is_read_only_when_it_is_what_its_name_says() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("c.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\nrest").unwrap();
        let c = CoverImage::read(&png).unwrap();
        assert_eq!((c.kind, c.bytes.len()), (CoverType::Png, 12));
        let jpg = dir.path().join("c.jpeg");
        std::fs::write(&jpg, [0xFF, 0xD8, 0xFF, 0xE0, 0]).unwrap();
        assert_eq!(CoverImage::read(&jpg).unwrap().kind, CoverType::Jpg);

        let fake = dir.path().join("fake.png");
        std::fs::write(&fake, b"not an image").unwrap();
        let e = CoverImage::read(&fake).unwrap_err();
        assert!(
            e.contains("fake.png") && e.contains("not a PNG image"),
            "{e}"
        );
        let gif = dir.path().join("c.gif");
        std::fs::write(&gif, b"GIF89a").unwrap();
        assert!(CoverImage::read(&gif).unwrap_err().contains("JPG or PNG"));
        let big = dir.path().join("big.png");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(COVER_IMAGE_MAX + 1).unwrap();
        assert!(
            CoverImage::read(&big)
                .unwrap_err()
                .contains("smaller image")
        );
        let e = CoverImage::read(&dir.path().join("missing.png")).unwrap_err();
        assert!(
            e.contains("missing.png") && e.contains("cannot read"),
            "{e}"
        );
    }

    fn valid() -> UploadMetadata {
        UploadMetadata {
            title: "Clip".into(),
            ..Default::default()
        }
    }

    const LIMITS: Limits = Limits {
        accepts: super::super::limits::Accepts {
            encryption: true,
            preheat: true,
            thumbnails: true,
            subtitles: true,
            cover: true,
            review: true,
            workflow: Some(super::super::limits::WorkflowRef::Name),
            expiry: false,
        },
        preset_kind: super::super::limits::PresetKind::TemplateGroup,
        unit: super::super::limits::LengthUnit::Bytes,
        title_max: 128,
        description_max: 1024,
        tags_max_count: 16,
        tag_max: 16,
        preset_max: 128,
        category_name_max: 64,
        category_levels: 3,
        url_imports_max: 16,
    };

    fn fields(m: &UploadMetadata) -> Vec<&'static str> {
        m.validate(&LIMITS).iter().map(|e| e.field.flag()).collect()
    }

    #[test]
    fn a_plain_title_is_valid() {
        assert!(valid().validate(&LIMITS).is_empty());
    }

    #[test]
    fn limits_are_counted_in_bytes() {
        let mut m = valid();
        m.title = "海".repeat(43); // 129 bytes
        assert_eq!(fields(&m), ["title"]);
        m.title = "海".repeat(42); // 126 bytes
        assert!(m.validate(&LIMITS).is_empty());
        m.description = Some("x".repeat(1025));
        assert_eq!(fields(&m), ["description"]);
    }

    #[test]
    fn tag_rules() {
        let mut m = valid();
        m.tags = (0..17).map(|i| format!("t{i}")).collect();
        assert_eq!(fields(&m), ["tags"]);
        m.tags = vec!["海岸线海岸线".into()]; // 18 bytes
        assert_eq!(fields(&m), ["tags"]);
        assert_eq!(parse_tags(" news, 海岸 ，, x "), ["news", "海岸", "x"]);
    }

    #[test]
    fn thumbnail_and_encrypt_rules() {
        let mut m = valid();
        let mut t = Thumbnail::new(ThumbnailKind::Time);
        t.interval = Some(101);
        m.thumbnail = Some(t);
        assert_eq!(fields(&m), ["thumbnail-interval"]);
        let mut t = Thumbnail::new(ThumbnailKind::Quantity);
        t.quantity = Some(11);
        t.aspect_ratio = Some(2);
        m.thumbnail = Some(t);
        assert_eq!(fields(&m), ["thumbnail-quantity", "thumbnail-aspect-ratio"]);
        m.thumbnail = None;
        m.auto_encrypt = true;
        assert_eq!(fields(&m), ["auto-encrypt"]);
    }

    #[test]
    fn cover_and_subtitle_rules() {
        let mut m = valid();
        m.cover = Some("cover.gif".into());
        m.subtitles = vec![
            SubtitleSpec {
                id: 9,
                language: SubtitleLanguage::En,
                path: "a.srt".into(),
            },
            SubtitleSpec {
                id: 9,
                language: SubtitleLanguage::Cn,
                path: "b.vtt".into(),
            },
        ];
        assert_eq!(
            fields(&m),
            ["cover", "subtitle", "subtitle", "subtitle", "subtitle"]
        );
    }

    #[test]
    fn workflows_by_name_by_id_or_not_at_all() {
        use super::super::limits::WorkflowRef;
        let with = |w: &str| UploadMetadata {
            workflow_name: Some(w.into()),
            ..valid()
        };
        let by_id = Limits {
            accepts: super::super::limits::Accepts {
                review: false,
                workflow: Some(WorkflowRef::Id),
                ..LIMITS.accepts
            },
            ..LIMITS
        };
        let no_workflow = Limits {
            accepts: super::super::limits::Accepts {
                workflow: None,
                ..LIMITS.accepts
            },
            ..LIMITS
        };
        let on = |m: &UploadMetadata, l: &Limits| -> Vec<String> {
            m.validate(l).into_iter().map(|e| e.message()).collect()
        };
        // A name may have spaces and any script; an id is letters, digits, '_' and '-'.
        assert!(fields(&with("转码 and review")).is_empty());
        assert_eq!(fields(&with(&"w".repeat(65))), ["workflow"]);
        assert_eq!(fields(&with("  ")), ["workflow"]);
        assert!(on(&with("7e3f0a9c5b2d4e6f8a1b3c5d7e9f0a2b"), &by_id).is_empty());
        let refused = on(&with("my flow"), &by_id);
        assert_eq!(refused.len(), 1);
        assert!(refused[0].contains("\"my flow\" is not a workflow ID"));
        assert_eq!(
            on(&with(""), &by_id),
            ["is empty; give the workflow's ID or leave it out"]
        );
        let refused = on(&with("a"), &no_workflow);
        assert_eq!(
            refused,
            ["is not available with this provider; leave it out"]
        );
    }
}
