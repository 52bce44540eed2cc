//! Plain data and validation rules, no I/O.

pub mod asset;
pub mod category;
pub mod media_type;
pub mod metadata;
pub mod open_enum;
pub mod status;
pub mod template;
pub mod title_pattern;

pub use asset::{AssetDetails, AssetSummary};
pub use category::Category;
pub use media_type::MediaType;
pub use metadata::{
    FieldError, SubtitleLanguage, SubtitleSpec, Thumbnail, ThumbnailKind, UploadMetadata,
};
pub use status::{AssetStatus, ReviewStatus, ThumbnailStatus, TranscodeStatus};
pub use template::TemplateGroup;
