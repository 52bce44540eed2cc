//! One row of the upload queue: a file, its metadata, and where its upload stands.

use std::path::PathBuf;
use std::time::Instant;

use vodesk_core::engine::{JobId, JobState, JobView};
use vodesk_core::model::UploadMetadata;

/// Where a row stands. `Draft` rows are only in the app: their metadata can still change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowState {
    Draft,
    /// Handed to the engine, waiting for its job id.
    Submitting,
    Job(JobState),
    /// Could not be queued (unreadable, empty…); `error` says why.
    Refused,
    /// This account has the very file from an earlier upload (`asset_id` names it): nothing
    /// was sent. "Upload again" sends it once more.
    AlreadyUploaded,
}

impl RowState {
    /// The state as the Status column words it.
    pub fn label(self) -> String {
        match self {
            RowState::Draft => t!("row-ready"),
            RowState::Submitting | RowState::Job(JobState::Queued) => t!("row-queued"),
            RowState::Refused => t!("row-refused"),
            RowState::AlreadyUploaded => t!("row-already"),
            RowState::Job(JobState::Hashing) => t!("row-hashing"),
            RowState::Job(JobState::Uploading) => t!("row-uploading"),
            RowState::Job(JobState::Paused) => t!("row-paused"),
            RowState::Job(JobState::Completing) => t!("row-completing"),
            RowState::Job(JobState::Done) => t!("row-done"),
            RowState::Job(JobState::Skipped) => t!("row-skipped"),
            RowState::Job(JobState::Failed) => t!("row-failed"),
            RowState::Job(JobState::Cancelled) => t!("row-cancelled"),
        }
    }

    /// Nothing more happens to the row unless the user acts.
    pub fn is_settled(self) -> bool {
        match self {
            RowState::Draft | RowState::Refused | RowState::AlreadyUploaded => true,
            RowState::Submitting => false,
            RowState::Job(s) => s.is_terminal() || s == JobState::Paused,
        }
    }

    pub fn is_finished(self) -> bool {
        matches!(
            self,
            RowState::Job(JobState::Done | JobState::Skipped) | RowState::AlreadyUploaded
        )
    }

    pub fn is_active(self) -> bool {
        matches!(
            self,
            RowState::Submitting
                | RowState::Job(
                    JobState::Queued
                        | JobState::Hashing
                        | JobState::Uploading
                        | JobState::Completing
                )
        )
    }
}

pub struct Row {
    /// Stable within this run (job ids only exist once the engine has the row).
    pub key: u64,
    pub path: PathBuf,
    /// The file name, shown in the table (lossy for non-UTF-8 names).
    pub name: String,
    pub size: u64,
    /// Upper-case `video_type`.
    pub media: String,
    pub meta: UploadMetadata,
    pub state: RowState,
    pub job: Option<JobId>,
    pub bytes_done: u64,
    pub error: Option<String>,
    pub asset_id: Option<String>,
    /// Bytes per second, smoothed.
    pub speed: f64,
    sample: Option<(Instant, u64)>,
    /// Cancelled while being handed to the engine: cancelled as soon as its job exists.
    pub cancel_when_queued: bool,
    /// Sent even though the account has it from an earlier upload ("Upload again").
    pub again: bool,
    /// What the engine noted about the job (a session started anew), shown where the error
    /// would be.
    pub note: Option<String>,
    /// The asset's status on the service once the upload is done ([`super::follow`]).
    pub asset_status: Option<vodesk_core::model::AssetStatus>,
    /// What ffprobe found in the file ([`super::media`]).
    pub probe: super::media::RowMedia,
}

impl Row {
    pub fn new(key: u64, path: PathBuf, size: u64, media: String, meta: UploadMetadata) -> Row {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Row {
            key,
            path,
            name,
            size,
            media,
            meta,
            state: RowState::Draft,
            job: None,
            bytes_done: 0,
            error: None,
            asset_id: None,
            speed: 0.0,
            sample: None,
            cancel_when_queued: false,
            again: false,
            note: None,
            asset_status: None,
            probe: Default::default(),
        }
    }

    /// Takes what the engine says about the row's job.
    pub fn apply(&mut self, v: &JobView) {
        self.job = Some(v.id);
        self.state = RowState::Job(v.state);
        self.observe(v.bytes_done, Instant::now());
        if v.asset_id.is_some() {
            self.asset_id = v.asset_id.clone();
        }
        self.error = match v.state {
            JobState::Failed | JobState::Skipped => v.reason.clone(),
            // A pause with a reason is the engine stopping everything (service gone).
            JobState::Paused => v.reason.clone(),
            _ => None,
        };
        if v.note.is_some() {
            self.note = v.note.clone();
        }
        if v.state != JobState::Uploading {
            self.speed = 0.0;
        }
    }

    /// Updates progress and a smoothed speed from a byte count seen at `now`.
    pub fn observe(&mut self, bytes_done: u64, now: Instant) {
        match self.sample {
            Some((t, b)) => {
                let dt = now.duration_since(t).as_secs_f64();
                if dt >= 0.5 {
                    let rate = bytes_done.saturating_sub(b) as f64 / dt;
                    self.speed = if self.speed == 0.0 {
                        rate
                    } else {
                        0.6 * rate + 0.4 * self.speed
                    };
                    self.sample = Some((now, bytes_done));
                }
            }
            None => self.sample = Some((now, bytes_done)),
        }
        self.bytes_done = bytes_done;
    }

    pub fn fraction(&self) -> f32 {
        if self.size == 0 {
            return 0.0;
        }
        (self.bytes_done as f64 / self.size as f64).clamp(0.0, 1.0) as f32
    }

    /// Seconds left at the current speed.
    pub fn eta_secs(&self) -> Option<u64> {
        (self.speed > 1.0 && self.state == RowState::Job(JobState::Uploading))
            .then(|| (self.size.saturating_sub(self.bytes_done) as f64 / self.speed) as u64)
    }
}
