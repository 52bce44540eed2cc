//! Upload jobs: what to upload, where it stands, and what the journal remembers about it.

use std::path::PathBuf;

use serde::Serialize;

use crate::model::UploadMetadata;
use crate::provider::api::UploadSession;

pub type JobId = i64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    Queued,
    /// Reading the file's identity and duplicate-check hash.
    Hashing,
    Uploading,
    Paused,
    /// All bytes are up; completing the multipart upload and confirming.
    Completing,
    Done,
    /// Not uploaded because the service already has the file (its duplicate check, or this
    /// account's journal: uploaded before).
    Skipped,
    Failed,
    Cancelled,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Hashing => "hashing",
            JobState::Uploading => "uploading",
            JobState::Paused => "paused",
            JobState::Completing => "completing",
            JobState::Done => "done",
            JobState::Skipped => "skipped",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> JobState {
        match s {
            "hashing" => JobState::Hashing,
            "uploading" => JobState::Uploading,
            "paused" => JobState::Paused,
            "completing" => JobState::Completing,
            "done" => JobState::Done,
            "skipped" => JobState::Skipped,
            "failed" => JobState::Failed,
            "cancelled" => JobState::Cancelled,
            _ => JobState::Queued,
        }
    }

    /// Nothing more will happen to the job by itself.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            JobState::Done | JobState::Skipped | JobState::Failed | JobState::Cancelled
        )
    }

    /// Closed for good: the journal never resumes it (its `unfinished` queries leave these out).
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            JobState::Done | JobState::Skipped | JobState::Cancelled
        )
    }
}

/// How far a job's upload session got; persisted so a restart knows what is left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// No session yet.
    New,
    /// The session is open (the provider knows of it); bytes are being sent.
    Created,
    /// All bytes are stored (single PUT done or multipart completed); finishing is left.
    Uploaded,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Created => "created",
            Phase::Uploaded => "uploaded",
        }
    }

    pub fn parse(s: &str) -> Phase {
        match s {
            "created" => Phase::Created,
            "uploaded" => Phase::Uploaded,
            _ => Phase::New,
        }
    }
}

/// Which of a job's extra files still have to reach its asset. Recorded with the asset id in one
/// journal commit, so a job killed between create asset and these uploads sends them on resume.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    pub cover: bool,
    pub subtitles: bool,
}

impl Extras {
    /// Everything the job's metadata asks for (what a freshly created asset still lacks).
    pub fn of(meta: &UploadMetadata) -> Extras {
        Extras {
            cover: meta.cover.is_some(),
            subtitles: !meta.subtitles.is_empty(),
        }
    }

    pub fn any(self) -> bool {
        self.cover || self.subtitles
    }

    pub fn bits(self) -> i64 {
        i64::from(self.cover) | (i64::from(self.subtitles) << 1)
    }

    pub fn from_bits(bits: i64) -> Extras {
        Extras {
            cover: bits & 1 != 0,
            subtitles: bits & 2 != 0,
        }
    }
}

/// What a file looked like when it was queued: a changed file must not be uploaded as a mix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileIdentity {
    pub size: u64,
    pub mtime_ns: i64,
    /// Hex MD5 of the first and the last MiB.
    pub head_md5: String,
    pub tail_md5: String,
}

/// A new job.
#[derive(Clone, Debug)]
pub struct JobSpec {
    pub path: PathBuf,
    /// Upper-case `video_type`.
    pub media: String,
    pub metadata: UploadMetadata,
    /// Skip the upload when the service already has the file (the user's choice).
    pub skip_duplicates: bool,
    /// Upload it even though this account has it from an earlier upload.
    pub again: bool,
}

/// A job as the journal holds it.
#[derive(Clone, Debug)]
pub struct JobRecord {
    pub id: JobId,
    /// The account it uploads to ([`crate::provider::VodService::account_key`]).
    pub account: String,
    pub spec: JobSpec,
    pub identity: FileIdentity,
    pub state: JobState,
    pub reason: Option<String>,
    pub error_code: Option<String>,
    pub request_id: Option<String>,
    /// The provider's upload session, once opened (never a secret).
    pub session: Option<UploadSession>,
    /// The multipart upload at the storage service, once initiated.
    pub upload_id: Option<String>,
    pub part_size: Option<u64>,
    /// Base64 MD5 of the whole file, when it was declared at open (single-PUT files).
    pub file_md5: Option<String>,
    pub phase: Phase,
    /// Cover / subtitles not yet uploaded to the asset.
    pub extras: Extras,
}

impl JobRecord {
    /// The asset, once the provider named it.
    pub fn asset_id(&self) -> Option<&str> {
        self.session.as_ref().and_then(|s| s.asset_id.as_deref())
    }
}
