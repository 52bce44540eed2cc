//! The metadata options shared by `upload` and `import`: every field of the metadata form.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use vodesk_core::model::metadata::{Field, FieldError, parse_expiry, parse_tags};
use vodesk_core::model::{
    Limits, SubtitleLanguage, SubtitleSpec, Thumbnail, ThumbnailKind, UploadMetadata, title_pattern,
};

use super::CliError;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ThumbnailArg {
    Time,
    Dots,
    Quantity,
}

#[derive(Args, Debug, Clone, Default)]
pub struct MetadataArgs {
    /// Title; may use {name} (file name without extension), {stem}, {ext} and {dir}.
    /// Default: the file name without extension. At most 128 bytes (Huawei, Alibaba) or 64
    /// characters (Tencent).
    #[arg(long)]
    pub title: Option<String>,
    /// Description, at most 1024 bytes (Huawei, Alibaba) or 128 characters (Tencent).
    #[arg(long)]
    pub description: Option<String>,
    /// Comma-separated tags: at most 16, each at most 16 bytes (Huawei), 32 characters
    /// (Tencent) or 32 bytes (Alibaba).
    #[arg(long)]
    pub tags: Option<String>,
    /// Category id (see `vodesk categories list`); -1 is "Other".
    #[arg(long, allow_negative_numbers = true)]
    pub category: Option<i64>,
    /// When the media deletes itself (Tencent): 2027-01-31 (end of that day, UTC) or an RFC 3339
    /// time.
    #[arg(long, value_name = "DATE")]
    pub expire_at: Option<String>,
    /// Processing preset: Huawei's transcoding template group, Tencent's task flow, Alibaba's
    /// template group id (all in `vodesk templates list`).
    #[arg(long, visible_alias = "task-flow")]
    pub template_group: Option<String>,
    /// Do not publish automatically once uploaded (default: publish).
    #[arg(long)]
    pub no_auto_publish: bool,
    /// Encrypt the HLS output (needs an HLS template group).
    #[arg(long)]
    pub auto_encrypt: bool,
    /// Pre-warm the CDN once processed.
    #[arg(long)]
    pub auto_preheat: bool,
    /// Take snapshots: every N seconds (time), at given offsets (dots) or N evenly spaced (quantity).
    #[arg(long, value_enum)]
    pub thumbnail: Option<ThumbnailArg>,
    /// Seconds between snapshots for --thumbnail time (0..100, default 12).
    #[arg(long, value_name = "SECONDS")]
    pub thumbnail_interval: Option<u32>,
    /// Comma-separated offsets in seconds for --thumbnail dots.
    #[arg(long, value_name = "LIST")]
    pub thumbnail_dots: Option<String>,
    /// Number of snapshots for --thumbnail quantity (1..10).
    #[arg(long, value_name = "N")]
    pub thumbnail_quantity: Option<u32>,
    /// Time span for --thumbnail quantity.
    #[arg(long, value_name = "SECONDS")]
    pub thumbnail_quantity_time: Option<u32>,
    /// Which snapshot becomes the cover (1-based).
    #[arg(long, value_name = "N")]
    pub cover_position: Option<u32>,
    /// Snapshot aspect ratio: 0 keeps the video's, 1 is 16:9.
    #[arg(long, value_name = "0|1")]
    pub aspect_ratio: Option<u32>,
    /// Longest side of snapshots in pixels.
    #[arg(long, value_name = "PIXELS")]
    pub max_length: Option<u32>,
    /// Cover image (JPG or PNG) uploaded with each asset.
    #[arg(long, value_name = "FILE")]
    pub cover: Option<PathBuf>,
    /// Subtitle file: LANG:ID:FILE with LANG cn or en and ID 1..8, e.g. en:1:movie.srt.
    #[arg(long, value_name = "LANG:ID:FILE")]
    pub subtitle: Vec<String>,
    /// Content review template id.
    #[arg(long, value_name = "ID")]
    pub review_template: Option<String>,
    /// Workflow to run after upload: its name on Huawei, its ID on Alibaba (where it takes the
    /// place of the template group).
    #[arg(long, value_name = "NAME|ID")]
    pub workflow: Option<String>,
}

fn parse_subtitle(s: &str) -> Result<SubtitleSpec, CliError> {
    let bad = || CliError::usage(t!("cli-bad-subtitle", value = s));
    let mut parts = s.splitn(3, ':');
    let (Some(lang), Some(id), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let language = match lang.to_ascii_lowercase().as_str() {
        "cn" | "zh" => SubtitleLanguage::Cn,
        "en" => SubtitleLanguage::En,
        _ => {
            return Err(CliError::usage(t!("cli-bad-subtitle-lang", lang = lang)));
        }
    };
    let id: u8 = id.parse().map_err(|_| bad())?;
    Ok(SubtitleSpec {
        id,
        language,
        path: PathBuf::from(path),
    })
}

fn file_must_exist(option: &str, path: &Path) -> Result<(), CliError> {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() > 0 => Ok(()),
        Ok(m) if m.is_file() => Err(CliError::usage(t!(
            "cli-option-file-empty",
            option = option,
            path = shown
        ))),
        Ok(_) => Err(CliError::usage(t!(
            "cli-option-not-file",
            option = option,
            path = shown
        ))),
        Err(e) => Err(CliError::usage(t!(
            "cli-option-unreadable",
            option = option,
            path = shown,
            error = (e.to_string())
        ))),
    }
}

/// The problems, worded from the catalogue naming each option (`--tags`; a category's name
/// as such).
pub fn field_errors(errors: &[FieldError]) -> CliError {
    let msg = errors
        .iter()
        .map(|e| {
            let name = match e.field {
                Field::CategoryName => t!("field-category-name"),
                f => format!("--{}", f.flag()),
            };
            crate::app::form::problems::problem_naming(e, name)
        })
        .collect::<Vec<_>>()
        .join(" ");
    CliError::usage(msg)
}

impl MetadataArgs {
    /// The metadata for one file (`path` expands the title pattern), validated under the
    /// provider's limits.
    pub fn build(&self, path: Option<&Path>, limits: &Limits) -> Result<UploadMetadata, CliError> {
        let title = match (path, &self.title) {
            (Some(p), pattern) => title_pattern::expand(pattern.as_deref(), p),
            (None, Some(t)) => t.clone(),
            (None, None) => String::new(),
        };
        let thumbnail = match self.thumbnail {
            None => {
                if self.thumbnail_interval.is_some()
                    || self.thumbnail_dots.is_some()
                    || self.thumbnail_quantity.is_some()
                {
                    return Err(CliError::usage(t!("cli-thumbnail-needs-kind")));
                }
                None
            }
            Some(kind) => {
                let mut t = Thumbnail::new(match kind {
                    ThumbnailArg::Time => ThumbnailKind::Time,
                    ThumbnailArg::Dots => ThumbnailKind::Dots,
                    ThumbnailArg::Quantity => ThumbnailKind::Quantity,
                });
                t.interval = self.thumbnail_interval;
                if let Some(d) = &self.thumbnail_dots {
                    t.dots = d
                        .split(',')
                        .map(|x| x.trim().parse::<u32>())
                        .collect::<Result<_, _>>()
                        .map_err(|_| CliError::usage(t!("cli-bad-dots", value = d)))?;
                }
                t.quantity = self.thumbnail_quantity;
                t.quantity_time = self.thumbnail_quantity_time;
                t.cover_position = self.cover_position;
                t.aspect_ratio = self.aspect_ratio;
                t.max_length = self.max_length;
                Some(t)
            }
        };
        let expires_at = match &self.expire_at {
            Some(t) => Some(
                parse_expiry(t).map_err(|e| CliError::usage(t!("cli-bad-expiry", error = e)))?,
            ),
            None => None,
        };
        let meta = UploadMetadata {
            expires_at,
            title,
            description: self.description.clone(),
            tags: self.tags.as_deref().map(parse_tags).unwrap_or_default(),
            category_id: self.category,
            preset: self.template_group.clone(),
            auto_publish: !self.no_auto_publish,
            auto_encrypt: self.auto_encrypt,
            auto_preheat: self.auto_preheat,
            thumbnail,
            review_template_id: self.review_template.clone(),
            workflow_name: self.workflow.clone(),
            cover: self.cover.clone(),
            subtitles: self
                .subtitle
                .iter()
                .map(|s| parse_subtitle(s))
                .collect::<Result<_, _>>()?,
        };
        let errors = meta.validate(limits);
        if !errors.is_empty() {
            return Err(field_errors(&errors));
        }
        if let Some(c) = &meta.cover {
            file_must_exist("--cover", c)?;
        }
        for s in &meta.subtitles {
            file_must_exist("--subtitle", &s.path)?;
        }
        Ok(meta)
    }
}
