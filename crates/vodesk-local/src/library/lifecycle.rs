//! Asset lifecycle: what an asset shows is derived lazily from its upload state and confirm
//! time, so a restart never leaves an asset stuck. After a confirm (`confirmed_at`):
//! * transcoding (with a transcoding preset): waiting for [`WAIT_MS`], running until
//!   [`TRANSCODE_DONE_MS`], then succeeded;
//! * thumbnails (when requested): running until [`THUMB_DONE_MS`], then succeeded (failed when
//!   the snapshots could not be stored);
//! * review (when requested): running until [`REVIEW_DONE_MS`], then succeeded.

use super::rows::{AssetRow, status};

pub const WAIT_MS: i64 = 1_000;
pub const TRANSCODE_DONE_MS: i64 = 3_000;
pub const THUMB_DONE_MS: i64 = 2_000;
pub const REVIEW_DONE_MS: i64 = 2_000;

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetState {
    /// Created, waiting for its upload.
    Creating,
    /// The client reported a failed upload.
    Failed,
    /// The client cancelled the upload.
    Cancelled,
    Created,
    Published,
}

/// State of one processing task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    NotRequested,
    Waiting,
    Running,
    Succeeded,
    Failed,
}

impl Stage {
    fn active(self) -> bool {
        matches!(self, Stage::Waiting | Stage::Running)
    }
}

/// A processing task, for "busy" answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    Transcoding,
    Thumbnailing,
    Reviewing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub asset: AssetState,
    pub transcode: Stage,
    pub thumbnails: Stage,
    pub review: Stage,
}

impl Progress {
    pub fn of(a: &AssetRow, now: i64) -> Progress {
        let asset = match a.status.as_str() {
            status::CREATING => AssetState::Creating,
            status::FAILED => AssetState::Failed,
            status::CANCELLED => AssetState::Cancelled,
            _ if a.published => AssetState::Published,
            _ => AssetState::Created,
        };
        let elapsed = match (a.status.as_str(), a.confirmed_at) {
            (status::CREATED, Some(t)) => Some(now - t),
            _ => None,
        };
        let timed = |requested: bool, done_ms: i64| match elapsed {
            Some(e) if requested && e < done_ms => Stage::Running,
            Some(_) if requested => Stage::Succeeded,
            _ => Stage::NotRequested,
        };
        let transcode = match (elapsed, timed(a.transcodes, TRANSCODE_DONE_MS)) {
            (Some(e), Stage::Running) if e < WAIT_MS => Stage::Waiting,
            (_, stage) => stage,
        };
        let thumbnails = match timed(a.thumbnail.is_some(), THUMB_DONE_MS) {
            Stage::NotRequested => Stage::NotRequested,
            _ if a.thumbs_failed => Stage::Failed,
            // Real frames are still being cut.
            _ if a.media_pending => Stage::Running,
            stage => stage,
        };
        Progress {
            asset,
            transcode,
            thumbnails,
            review: timed(a.review.is_some(), REVIEW_DONE_MS),
        }
    }

    /// The task still running, if any (delete and video replacement wait for it).
    pub fn running(&self) -> Option<Task> {
        if self.transcode.active() {
            Some(Task::Transcoding)
        } else if self.thumbnails.active() {
            Some(Task::Thumbnailing)
        } else if self.review.active() {
            Some(Task::Reviewing)
        } else {
            None
        }
    }
}
