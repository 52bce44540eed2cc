//! Tencent uploads (tencent-aliyun-vod-api.md §A.4–§A.6): `ApplyUpload` opens a session with a
//! temporary COS certificate → the bytes go to COS, signed here (q-sign) → `CommitUpload` names
//! the media (its FileId exists only from then on). Tencent has no call to renew a certificate:
//! a session whose certificate is gone is opened anew (an uncommitted session makes no media).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::client::TencentVod;
use super::wire::{ApplyUploadRsp, CommitUploadRsp};
use crate::model::metadata::CoverType;
use crate::provider::api::{Finished, OpenedUpload, StorageKind, UploadFile, UploadSession};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;
use crate::storage::{CosSigner, Credentials, Extra, RequestSigner};

/// What this process knows of its open sessions: their signers (certificates are kept in
/// memory only, never written) and the media of sessions already committed.
#[derive(Default)]
pub struct Sessions {
    signers: Mutex<HashMap<String, Arc<CosSigner>>>,
    committed: Mutex<HashMap<String, String>>,
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
    });
    // vodesk's "Other" (-1, or none) is Tencent's class 0, the default.
    if let Some(class) = meta.category_id.filter(|c| *c > 0) {
        params["ClassId"] = Value::from(class);
    }
    if let Some(procedure) = &meta.preset {
        params["Procedure"] = Value::from(procedure.clone());
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
    Ok(OpenedUpload { session, signer })
}

/// The signer of a session this process opened, while its certificate lasts. Certificates are
/// not kept across restarts: after one, the session is reported expired and opened anew.
pub fn reopen(
    sessions: &Sessions,
    session: &UploadSession,
) -> Result<Arc<dyn RequestSigner>, ApiError> {
    let now = chrono::Utc::now().timestamp();
    if session.credential_expiry.is_some_and(|t| t <= now) {
        return Err(expired("the upload session's certificate expired"));
    }
    let known = sessions
        .signers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&session.handle)
        .cloned();
    match known {
        Some(s) => Ok(s),
        None => {
            let region = session.endpoint.as_deref().and_then(region_of);
            tracing::info!(
                ?region,
                "a Tencent upload session of an earlier run starts over"
            );
            Err(expired(
                "the upload session's certificate is not kept across restarts",
            ))
        }
    }
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
    sessions
        .signers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&session.handle);
    Ok(Finished::Ready { asset_id: file_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_comes_back_from_the_session_endpoint() {
        let e = cos_url("vodgzp1250000000-1250000000", "ap-guangzhou");
        assert_eq!(region_of(&e).as_deref(), Some("ap-guangzhou"));
        assert_eq!(region_of("http://127.0.0.1:9"), None);
    }
}
