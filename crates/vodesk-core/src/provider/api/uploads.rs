//! Upload sessions (tencent-aliyun-vod-api.md §C): open → a target the bytes go to, with a
//! signer for each storage call → finish → the asset, ready or still being taken in. Bytes
//! stored, provider acknowledged and asset id known are separate steps: Tencent names the asset
//! only when the upload is committed.

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::model::{MediaType, UploadMetadata};
use crate::provider::error::ApiError;
use crate::provider::kind::ProviderKind;
use crate::storage::RequestSigner;

/// How the storage calls of a session are authorised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageKind {
    /// The VOD service authorises each call (Huawei: a pre-signed URL per call).
    Authorized,
    /// Temporary credentials for Tencent COS, signed here.
    Cos,
    /// Temporary credentials for Alibaba OSS, signed here.
    Oss,
}

impl StorageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StorageKind::Authorized => "authorized",
            StorageKind::Cos => "cos",
            StorageKind::Oss => "oss",
        }
    }

    pub fn parse(s: &str) -> Option<StorageKind> {
        match s {
            "authorized" => Some(StorageKind::Authorized),
            "cos" => Some(StorageKind::Cos),
            "oss" => Some(StorageKind::Oss),
            _ => None,
        }
    }
}

/// An open upload session as the journal keeps it: enough to continue it after a restart,
/// never a secret (temporary credentials stay in memory, or are asked for again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadSession {
    pub provider: ProviderKind,
    /// What finishes the session: Huawei's asset id, Tencent's `VodSessionKey`, Alibaba's
    /// `VideoId`.
    pub handle: String,
    /// Known at open for some providers, at finish for others.
    pub asset_id: Option<String>,
    pub storage: StorageKind,
    /// The storage endpoint, when the session names one.
    pub endpoint: Option<String>,
    pub bucket: Option<String>,
    pub key: Option<String>,
    /// When the session's storage credentials expire (Unix seconds), if they do.
    pub credential_expiry: Option<i64>,
}

/// The file an upload session is opened for.
#[derive(Clone, Copy, Debug)]
pub struct UploadFile<'a> {
    pub path: &'a Path,
    pub media: &'a MediaType,
    pub size: u64,
    /// Base64 MD5 of the whole file, when it is known before any byte is sent.
    pub md5_b64: Option<&'a str>,
    pub metadata: &'a UploadMetadata,
}

impl UploadFile<'_> {
    /// The file's name as the service is told it.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// A session just opened: what to journal, and who signs its storage calls.
pub struct OpenedUpload {
    pub session: UploadSession,
    pub signer: Arc<dyn RequestSigner>,
}

/// How a session ended on the provider's side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finished {
    /// The asset exists and holds the file.
    Ready { asset_id: String },
    /// The provider is still taking the file in: ask again later.
    Pending { asset_id: String },
}

/// Why a session is given up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abandon {
    Failed,
    Cancelled,
}

#[async_trait]
pub trait Uploads: Send + Sync {
    /// The HTTP client the bytes go through (proxy and timeouts of the profile).
    fn http(&self) -> &reqwest::Client;

    /// Opens a session for `file`: the provider learns its metadata and says where the bytes go.
    async fn open_upload(&self, file: &UploadFile<'_>) -> Result<OpenedUpload, ApiError>;

    /// A signer for a session opened earlier (read back from the journal).
    async fn reopen_upload(
        &self,
        session: &UploadSession,
        file: &UploadFile<'_>,
    ) -> Result<Arc<dyn RequestSigner>, ApiError>;

    /// Renews the storage credentials of a session for the same object, before they expire or
    /// once they have: the session as it stands now (its new expiry) and a signer over the new
    /// credentials. `None` when there is nothing to renew — the provider authorises every call
    /// itself — or it cannot renew them ([`super::Capabilities::refreshable_credentials`]
    /// false), in which case an expired session has to be opened anew.
    async fn refresh_upload(
        &self,
        session: &UploadSession,
        file: &UploadFile<'_>,
    ) -> Result<Option<(UploadSession, Arc<dyn RequestSigner>)>, ApiError> {
        let _ = (session, file);
        Ok(None)
    }

    /// Tells the provider the bytes are stored (and sets what the session could not carry of
    /// `file`'s metadata). Safe to repeat: a session finished already answers as finished.
    async fn finish_upload(
        &self,
        session: &UploadSession,
        file: &UploadFile<'_>,
    ) -> Result<Finished, ApiError>;

    /// Gives a session up on the provider's side (no half-made asset stays behind).
    async fn abandon_upload(&self, session: &UploadSession, why: Abandon) -> Result<(), ApiError>;

    /// The asset that already holds a file of this size whose first bytes hash to
    /// `head_md5_hex`, when the service can tell ([`super::Capabilities::duplicate_check`]).
    async fn find_duplicate(
        &self,
        size: u64,
        head_md5_hex: &str,
    ) -> Result<Option<String>, ApiError>;
}
