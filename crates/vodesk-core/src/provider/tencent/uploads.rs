//! Tencent uploads (tencent-aliyun-vod-api.md §A.4–§A.6): `ApplyUpload` opens a session with a
//! temporary COS certificate → the bytes go to COS, signed here (q-sign) → `CommitUpload` names
//! the media (its FileId exists only from then on). Tencent has no call to renew a certificate:
//! the certificate is kept in the vault (the OS keychain) so that a restart continues the same
//! COS upload while it lasts; a session whose certificate is gone is opened anew (an
//! uncommitted session makes no media).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::client::TencentVod;
use super::wire::{ApplyUploadRsp, CommitUploadRsp};
use crate::model::metadata::CoverType;
use crate::provider::api::{Finished, OpenedUpload, StorageKind, UploadFile, UploadSession};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;
use crate::storage::{CosSigner, CredentialVault, Credentials, Extra, KeptSession, RequestSigner};

/// What this process knows of its open sessions: their signers and the media of sessions
/// already committed; certificates outlive the process only in the vault (never in a file).
#[derive(Default)]
pub struct Sessions {
    signers: Mutex<HashMap<String, Arc<CosSigner>>>,
    committed: Mutex<HashMap<String, String>>,
    pub vault: Option<Arc<dyn CredentialVault>>,
}

impl Sessions {
    pub fn new(vault: Option<Arc<dyn CredentialVault>>) -> Self {
        Sessions {
            vault,
            ..Default::default()
        }
    }

    /// Runs `f` on the vault on a blocking thread (D-Bus); a vault that fails costs only a
    /// restart's head start, so failures are logged, not returned.
    async fn with_vault<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce(&dyn CredentialVault) -> Result<Option<T>, String> + Send + 'static,
    ) -> Option<T> {
        let vault = self.vault.clone()?;
        match tokio::task::spawn_blocking(move || f(vault.as_ref())).await {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the upload session vault could not {what}");
                None
            }
            Err(_) => None,
        }
    }

    async fn forget(&self, handle: &str) {
        self.signers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(handle);
        let h = handle.to_string();
        self.with_vault("forget a session", move |v| {
            v.remove(&h).map(|_| None::<()>)
        })
        .await;
    }
}

/// The bucket's virtual host, which the journal keeps as the session's endpoint.
fn cos_url(bucket: &str, region: &str) -> String {
    format!("https://{bucket}.cos.{region}.myqcloud.com")
}

/// The COS region of a session's endpoint (`https://<bucket>.cos.<region>.myqcloud.com`).
fn region_of(endpoint: &str) -> Option<String> {
    let host = url::Url::parse(endpoint).ok()?.host_str()?.to_string();
    let rest = host.split_once(".cos.")?.1;
    Some(rest.strip_suffix(".myqcloud.com")?.to_string())
}

/// The file's name, at most 250 characters, for `SourceContext`.
fn source_context(path: &std::path::Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.chars().take(250).collect()
}

pub use crate::provider::iso_time::format as iso_time;

fn expired(why: &str) -> ApiError {
    ApiError::new(ErrorKind::Expired, why)
}

/// `ApplyUpload`: the session and a signer over its certificate (or, when the service gives
/// none — the SDK handles that case — over the account's own key).
pub async fn open(
    vod: &TencentVod,
    sessions: &Sessions,
    cos_endpoint: Option<&str>,
    file: &UploadFile<'_>,
) -> Result<OpenedUpload, ApiError> {
    let meta = file.metadata;
    let mut params = json!({
        "MediaType": file.media.code.to_ascii_lowercase(),
        "MediaName": meta.title,
        // Echoed in the upload-complete event: which file the media came from (≤ 250).
        "SourceContext": source_context(file.path),
    });
    // vodesk's "Other" (-1, or none) is Tencent's class 0, the default.
    if let Some(class) = meta.category_id.filter(|c| *c > 0) {
        params["ClassId"] = Value::from(class);
    }
    if let Some(procedure) = &meta.preset {
        params["Procedure"] = Value::from(procedure.clone());
    }
    if let Some(t) = meta.expires_at {
        params["ExpireTime"] = Value::from(iso_time(t));
    }
    if let Some(cover) = meta.cover.as_deref().and_then(CoverType::from_path) {
        params["CoverType"] = Value::from(cover.code().to_ascii_lowercase());
    }
    let rsp: ApplyUploadRsp = vod.call("ApplyUpload", params).await?;
    if rsp.vod_session_key.is_empty() || rsp.storage_bucket.is_empty() {
        return Err(ApiError::new(
            ErrorKind::MalformedResponse,
            "ApplyUpload returned no session or bucket",
        ));
    }
    let account = &vod.config().credentials;
    let (credentials, expiry) = match &rsp.temp_certificate {
        Some(c) if !c.secret_id.is_empty() => (
            Credentials {
                access_key: c.secret_id.clone(),
                secret_key: c.secret_key.clone(),
                security_token: c.token.clone(),
            },
            c.expired_time,
        ),
        _ => (account.clone(), None),
    };
    // The upload SDK drops the leading `/` of the storage paths (§A.4).
    let key = rsp.media_storage_path.trim_start_matches('/').to_string();
    let mut extras = Vec::new();
    if let Some(cover) = rsp.cover_storage_path.as_deref().filter(|p| !p.is_empty()) {
        extras.push((Extra::Cover, cover.trim_start_matches('/').to_string()));
    }
    let signer = Arc::new(CosSigner {
        credentials,
        bucket: rsp.storage_bucket.clone(),
        region: rsp.storage_region.clone(),
        endpoint: cos_endpoint.map(str::to_string),
        key: key.clone(),
        extras,
        clock_offset_secs: vod.clock_offset_secs(),
    });
    let session = UploadSession {
        provider: ProviderKind::Tencent,
        handle: rsp.vod_session_key.clone(),
        asset_id: None,
        storage: StorageKind::Cos,
        endpoint: Some(cos_url(&rsp.storage_bucket, &rsp.storage_region)),
        bucket: Some(rsp.storage_bucket),
        key: Some(key),
        credential_expiry: expiry,
    };
    sessions
        .signers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(session.handle.clone(), signer.clone());
    let kept = KeptSession {
        access_key: signer.credentials.access_key.clone(),
        secret_key: signer.credentials.secret_key.clone(),
        security_token: signer.credentials.security_token.clone(),
        cover_key: signer
            .extras
            .iter()
            .find(|(e, _)| *e == Extra::Cover)
            .map(|(_, k)| k.clone()),
    };
    let handle = session.handle.clone();
    sessions
        .with_vault("keep a session", move |v| {
            v.put(&handle, &kept).map(|_| None::<()>)
        })
        .await;
    Ok(OpenedUpload { session, signer })
}

/// The signer of a session, while its certificate lasts: from memory, or after a restart from
/// the vault. Without either the session is reported expired and opened anew.
pub async fn reopen(
    vod: &TencentVod,
    sessions: &Sessions,
    cos_endpoint: Option<&str>,
    session: &UploadSession,
) -> Result<Arc<dyn RequestSigner>, ApiError> {
    let now = chrono::Utc::now().timestamp();
    if session.credential_expiry.is_some_and(|t| t <= now) {
        sessions.forget(&session.handle).await;
        return Err(expired("the upload session's certificate expired"));
    }
    let known = sessions
        .signers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&session.handle)
        .cloned();
    if let Some(s) = known {
        return Ok(s);
    }
    let handle = session.handle.clone();
    let kept = sessions
        .with_vault("read a session", move |v| v.get(&handle))
        .await;
    let region = session.endpoint.as_deref().and_then(region_of);
    let (Some(kept), Some(region), Some(bucket), Some(key)) =
        (kept, region, session.bucket.clone(), session.key.clone())
    else {
        tracing::info!("a Tencent upload session of an earlier run starts over");
        return Err(expired(
            "the upload session's certificate was not kept (no OS keychain)",
        ));
    };
    let signer = Arc::new(CosSigner {
        credentials: kept.credentials(),
        bucket,
        region,
        endpoint: cos_endpoint.map(str::to_string),
        key,
        extras: kept
            .cover_key
            .into_iter()
            .map(|k| (Extra::Cover, k))
            .collect(),
        clock_offset_secs: vod.clock_offset_secs(),
    });
    sessions
        .signers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(session.handle.clone(), signer.clone());
    Ok(signer)
}

/// Gives a session up: its certificate leaves memory and the vault.
pub async fn abandon(sessions: &Sessions, session: &UploadSession) {
    sessions.forget(&session.handle).await;
}

/// `CommitUpload`, then what `ApplyUpload` cannot carry (description, tags). A commit is done
/// once: a retry after the metadata step failed does not commit again.
pub async fn finish(
    vod: &TencentVod,
    sessions: &Sessions,
    session: &UploadSession,
    file: &UploadFile<'_>,
) -> Result<Finished, ApiError> {
    let known = sessions
        .committed
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&session.handle)
        .cloned();
    let file_id = match known {
        Some(id) => id,
        None => {
            let rsp: CommitUploadRsp = vod
                .call("CommitUpload", json!({ "VodSessionKey": session.handle }))
                .await?;
            if rsp.file_id.is_empty() {
                return Err(ApiError::new(
                    ErrorKind::MalformedResponse,
                    "CommitUpload returned no FileId",
                ));
            }
            sessions
                .committed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(session.handle.clone(), rsp.file_id.clone());
            rsp.file_id
        }
    };
    let meta = file.metadata;
    let description = meta.description.clone().filter(|d| !d.is_empty());
    if description.is_some() || !meta.tags.is_empty() {
        let mut params = json!({ "FileId": file_id });
        if let Some(d) = description {
            params["Description"] = Value::from(d);
        }
        if !meta.tags.is_empty() {
            params["AddTags"] = Value::from(meta.tags.clone());
        }
        let _: Value = vod.call("ModifyMediaInfo", params).await?;
    }
    // Tencent serves a media from its commit on (§A.9): "not published" is a forbidden one.
    if !meta.auto_publish {
        let _: Value = vod
            .call(
                "ForbidMediaDistribution",
                json!({ "FileIds": [file_id], "Operation": "forbid" }),
            )
            .await?;
    }
    sessions.forget(&session.handle).await;
    Ok(Finished::Ready { asset_id: file_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_context_is_the_file_name_within_250_characters() {
        let long = format!("/tmp/{}.mp4", "海".repeat(300));
        assert_eq!(
            source_context(std::path::Path::new(&long)).chars().count(),
            250
        );
        assert_eq!(
            source_context(std::path::Path::new("/a/b/片.mp4")),
            "片.mp4"
        );
    }

    #[test]
    fn the_region_comes_back_from_the_session_endpoint() {
        let e = cos_url("vodgzp1250000000-1250000000", "ap-guangzhou");
        assert_eq!(region_of(&e).as_deref(), Some("ap-guangzhou"));
        assert_eq!(region_of("http://127.0.0.1:9"), None);
    }
}
