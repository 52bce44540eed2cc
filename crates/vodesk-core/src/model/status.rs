//! Provider-neutral statuses. Each provider has its own vocabulary (Huawei's merged asset status,
//! Tencent's `Normal` / `Forbidden`, Alibaba's one `Status` for upload, transcode and review); a
//! status here is the state vodesk understands plus the provider's value, kept as sent, so a
//! face can show the word and the raw value and nothing is lost when a provider adds a value.

use serde::{Deserialize, Serialize};

/// Where an asset stands, across providers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetState {
    /// Created; its bytes are not all stored yet.
    Uploading,
    /// Stored and being processed (transcoding, review) before it can be played.
    Processing,
    /// Stored, not distributed: never published, unpublished, or blocked.
    Unpublished,
    /// Playable by the public URLs.
    Published,
    /// The upload or processing failed.
    Failed,
    /// The upload was cancelled.
    Cancelled,
    Deleting,
    Deleted,
    /// A value this version does not know (the raw value says which).
    Unknown,
}

impl AssetState {
    /// A stable word for scripts and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetState::Uploading => "uploading",
            AssetState::Processing => "processing",
            AssetState::Unpublished => "unpublished",
            AssetState::Published => "published",
            AssetState::Failed => "failed",
            AssetState::Cancelled => "cancelled",
            AssetState::Deleting => "deleting",
            AssetState::Deleted => "deleted",
            AssetState::Unknown => "unknown",
        }
    }

    /// The states a list can be filtered by.
    pub const FILTERS: [AssetState; 5] = [
        AssetState::Unpublished,
        AssetState::Published,
        AssetState::Processing,
        AssetState::Uploading,
        AssetState::Failed,
    ];

    pub fn parse(s: &str) -> Option<AssetState> {
        let t = s.trim();
        [
            AssetState::Uploading,
            AssetState::Processing,
            AssetState::Unpublished,
            AssetState::Published,
            AssetState::Failed,
            AssetState::Cancelled,
            AssetState::Deleting,
            AssetState::Deleted,
            AssetState::Unknown,
        ]
        .into_iter()
        .find(|v| v.as_str().eq_ignore_ascii_case(t))
    }
}

/// An asset's status: vodesk's state and the provider's value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AssetStatus {
    pub state: AssetState,
    /// The provider's value, as sent (`PUBLISHED`, `Forbidden`, `UploadSucc`…).
    pub raw: String,
}

impl AssetStatus {
    pub fn new(state: AssetState, raw: impl Into<String>) -> Self {
        AssetStatus {
            state,
            raw: raw.into(),
        }
    }
}

impl Default for AssetStatus {
    fn default() -> Self {
        AssetStatus::new(AssetState::Unknown, "")
    }
}

/// Where a processing task (transcoding, snapshots, review) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Not asked for.
    None,
    Waiting,
    Running,
    Succeeded,
    Failed,
    /// Done, but a person should look (a review found something suspicious).
    Attention,
    Unknown,
}

impl TaskState {
    /// Still going: a face may come back later for the outcome.
    pub fn in_progress(self) -> bool {
        matches!(self, TaskState::Waiting | TaskState::Running)
    }
}

/// A processing task's status: vodesk's state and the provider's value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TaskStatus {
    pub state: TaskState,
    pub raw: String,
}

impl TaskStatus {
    pub fn new(state: TaskState, raw: impl Into<String>) -> Self {
        TaskStatus {
            state,
            raw: raw.into(),
        }
    }
}

impl Default for TaskStatus {
    fn default() -> Self {
        TaskStatus::new(TaskState::None, "")
    }
}
