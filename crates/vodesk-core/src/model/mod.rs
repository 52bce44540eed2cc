//! Plain data and validation rules, no I/O. Provider-neutral: each provider parses its replies
//! into these types and states its own limits.

pub mod asset;
pub mod category;
pub mod limits;
pub mod media_type;
pub mod metadata;
pub mod open_enum;
pub mod preset;
pub mod status;
pub mod title_pattern;

pub use asset::{Asset, AssetDetails, MediaFacts, PlayOutput, StoredObject, SubtitleTrack};
pub use category::Category;
pub use limits::{Accepts, LengthUnit, Limits, PresetKind, WorkflowRef};
pub use media_type::MediaType;
pub use metadata::{
    Field, FieldError, Rule, SubtitleLanguage, SubtitleSpec, Thumbnail, ThumbnailKind,
    UploadMetadata,
};
pub use preset::Preset;
pub use status::{AssetState, AssetStatus, TaskState, TaskStatus};
