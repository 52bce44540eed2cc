//! The rules a provider sets on what users type: each provider states its own in its
//! capabilities, and every form and command checks against those.

use serde::Serialize;

/// How a provider measures text: Huawei counts UTF-8 bytes, Tencent characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LengthUnit {
    Bytes,
    Chars,
}

/// The optional parts of the metadata form a provider takes at upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Accepts {
    /// HLS encryption (`auto_encrypt`).
    pub encryption: bool,
    /// CDN preheating (`auto_preheat`).
    pub preheat: bool,
    /// Snapshot options (`thumbnail`).
    pub thumbnails: bool,
    /// Subtitle files.
    pub subtitles: bool,
    /// A cover image.
    pub cover: bool,
    /// A review template by id (Huawei's `review.template_id`).
    pub review: bool,
    /// A workflow to run after upload, and how the provider names one.
    pub workflow: Option<WorkflowRef>,
    /// A time at which the media deletes itself.
    pub expiry: bool,
}

/// How a provider names a workflow: Huawei by its name (`workflow_name`), Alibaba by its id
/// (`WorkflowId`, which takes precedence over the template group).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum WorkflowRef {
    Name,
    Id,
}

/// What a provider calls its processing presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PresetKind {
    /// Huawei's transcoding template groups.
    TemplateGroup,
    /// Tencent's task flows (`Procedure`).
    TaskFlow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// What the upload form may set beyond title, description, tags, category and preset.
    pub accepts: Accepts,
    pub preset_kind: PresetKind,
    /// The unit of every `*_max` length below.
    pub unit: LengthUnit,
    pub title_max: usize,
    pub description_max: usize,
    pub tags_max_count: usize,
    pub tag_max: usize,
    pub preset_max: usize,
    pub category_name_max: usize,
    /// Most levels a category tree may have.
    pub category_levels: u32,
    /// URLs one import-by-URL call takes.
    pub url_imports_max: usize,
}

impl Limits {
    /// The length of `s` as the provider counts it.
    pub fn length(&self, s: &str) -> usize {
        match self.unit {
            LengthUnit::Bytes => s.len(),
            LengthUnit::Chars => s.chars().count(),
        }
    }

    /// The unit, as a sentence says it.
    pub fn unit_words(&self) -> &'static str {
        match self.unit {
            LengthUnit::Bytes => "bytes (UTF-8)",
            LengthUnit::Chars => "characters",
        }
    }

    /// The unit's plain name.
    pub fn unit_name(&self) -> &'static str {
        match self.unit {
            LengthUnit::Bytes => "bytes",
            LengthUnit::Chars => "characters",
        }
    }

    /// "is 130 bytes long; the limit is 128 bytes (UTF-8) — shorten it", when `s` is too long.
    pub fn too_long(&self, s: &str, max: usize) -> Option<String> {
        let n = self.length(s);
        (n > max).then(|| {
            format!(
                "is {n} {} long; the limit is {max} {} — shorten it",
                self.unit_name(),
                self.unit_words()
            )
        })
    }
}
