//! Huawei uploads (huawei-vod-api.md §3–§8): create asset → bytes to OBS through pre-signed URLs
//! (one per call: the service authorises every multipart call itself) → confirm. The asset id
//! is known from the start; nothing is signed here.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use reqwest::Method;

use super::client::{AuthorityQuery, HuaweiVod, ListAssetsQuery};
use super::status::HwAssetStatus;
use super::wire::{CreateAssetReq, SubtitleReq, UpdateAssetReq, cover_type_code, subtitle_reqs};
use crate::model::MediaType;
use crate::provider::api::{
    Abandon, Finished, OpenedUpload, StorageKind, UploadFile, UploadSession,
};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;
use crate::storage::{Extra, ObjectOp, RequestSigner, SignedRequest};

fn malformed(what: &str) -> ApiError {
    ApiError::new(ErrorKind::MalformedResponse, what)
}

/// Authorises the storage calls of one asset's upload. The URLs create asset returned are used
/// once each; a retry (or a session read back from the journal) asks for fresh ones.
pub struct HuaweiSigner {
    vod: Arc<HuaweiVod>,
    asset_id: String,
    bucket: String,
    object: String,
    media: MediaType,
    /// Base64 MD5 the single-PUT URL is signed for.
    video_md5: Option<String>,
    cover_type: Option<&'static str>,
    subtitles: Vec<SubtitleReq>,
    video_url: Mutex<Option<String>>,
    cover_url: Mutex<Option<String>>,
    subtitle_urls: Mutex<Vec<Option<String>>>,
}

impl HuaweiSigner {
    fn new(vod: Arc<HuaweiVod>, session: &UploadSession, file: &UploadFile<'_>) -> Self {
        HuaweiSigner {
            vod,
            asset_id: session.handle.clone(),
            bucket: session.bucket.clone().unwrap_or_default(),
            object: session.key.clone().unwrap_or_default(),
            media: file.media.clone(),
            video_md5: file.md5_b64.map(str::to_string),
            cover_type: cover_type_code(file.metadata),
            subtitles: subtitle_reqs(file.metadata),
            video_url: Mutex::new(None),
            cover_url: Mutex::new(None),
            subtitle_urls: Mutex::new(Vec::new()),
        }
    }

    fn authority(&self, verb: &str) -> AuthorityQuery {
        AuthorityQuery {
            http_verb: verb.to_string(),
            bucket: self.bucket.clone(),
            object_key: self.object.clone(),
            ..Default::default()
        }
    }

    /// A fresh URL from update asset (§10.5) for what `req` asks to replace.
    async fn refreshed(
        &self,
        req: UpdateAssetReq,
    ) -> Result<super::wire::UpdateAssetRsp, ApiError> {
        self.vod.update_asset(&req).await
    }

    async fn video_url(&self) -> Result<String, ApiError> {
        if let Some(u) = take(&self.video_url) {
            return Ok(u);
        }
        let rsp = self
            .refreshed(UpdateAssetReq {
                asset_id: self.asset_id.clone(),
                video_md5: self.video_md5.clone(),
                video_type: Some(self.media.code.clone()),
                ..Default::default()
            })
            .await?;
        rsp.video_upload_url
            .ok_or_else(|| malformed("update asset returned no video_upload_url"))
    }

    async fn extra_url(&self, extra: Extra) -> Result<String, ApiError> {
        match extra {
            Extra::Cover => {
                if let Some(u) = take(&self.cover_url) {
                    return Ok(u);
                }
                let rsp = self
                    .refreshed(UpdateAssetReq {
                        asset_id: self.asset_id.clone(),
                        cover_id: Some(0),
                        cover_type: self.cover_type,
                        ..Default::default()
                    })
                    .await?;
                rsp.cover_upload_url
                    .ok_or_else(|| malformed("update asset returned no cover_upload_url"))
            }
            Extra::Subtitle(i) => {
                let known = self
                    .subtitle_urls
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_mut(i)
                    .and_then(Option::take);
                if let Some(u) = known {
                    return Ok(u);
                }
                // One refresh gives every subtitle a URL: the others are kept for their turn.
                let rsp = self
                    .refreshed(UpdateAssetReq {
                        asset_id: self.asset_id.clone(),
                        subtitles: self.subtitles.clone(),
                        ..Default::default()
                    })
                    .await?;
                let mut urls: Vec<Option<String>> = rsp
                    .subtitle_upload_urls
                    .unwrap_or_default()
                    .into_iter()
                    .map(Some)
                    .collect();
                let url = urls
                    .get_mut(i)
                    .and_then(Option::take)
                    .ok_or_else(|| malformed("update asset returned too few subtitle URLs"))?;
                *self.subtitle_urls.lock().unwrap_or_else(|e| e.into_inner()) = urls;
                Ok(url)
            }
        }
    }

    async fn authorised(
        &self,
        q: AuthorityQuery,
        method: Method,
    ) -> Result<SignedRequest, ApiError> {
        let mut req = SignedRequest::presigned(method, self.vod.authority(&q).await?);
        if let Some(ct) = &q.content_type {
            req = req.with_header("Content-Type", ct);
        }
        if let Some(md5) = &q.content_md5 {
            req = req.with_header("Content-MD5", md5);
        }
        Ok(req)
    }
}

fn take(slot: &Mutex<Option<String>>) -> Option<String> {
    slot.lock().unwrap_or_else(|e| e.into_inner()).take()
}

#[async_trait]
impl RequestSigner for HuaweiSigner {
    async fn sign(&self, op: &ObjectOp<'_>) -> Result<SignedRequest, ApiError> {
        let method = op.method();
        match *op {
            ObjectOp::Put { content_type, .. } => {
                Ok(SignedRequest::presigned(method, self.video_url().await?)
                    .with_header("Content-Type", content_type))
            }
            ObjectOp::PutExtra {
                extra,
                content_type,
            } => Ok(
                SignedRequest::presigned(method, self.extra_url(extra).await?)
                    .with_header("Content-Type", content_type),
            ),
            ObjectOp::Initiate { content_type } => {
                let q = AuthorityQuery {
                    content_type: Some(content_type.to_string()),
                    ..self.authority("POST")
                };
                self.authorised(q, method).await
            }
            ObjectOp::PutPart {
                upload_id,
                part_number,
                content_type,
                content_md5,
            } => {
                let q = AuthorityQuery {
                    content_type: Some(content_type.to_string()),
                    content_md5: content_md5.map(str::to_string),
                    upload_id: Some(upload_id.to_string()),
                    part_number: Some(part_number),
                    ..self.authority("PUT")
                };
                self.authorised(q, method).await
            }
            ObjectOp::ListParts { upload_id }
            | ObjectOp::Complete { upload_id }
            | ObjectOp::Abort { upload_id } => {
                let q = AuthorityQuery {
                    upload_id: Some(upload_id.to_string()),
                    ..self.authority(method.as_str())
                };
                self.authorised(q, method).await
            }
        }
    }
}

/// Creates the asset for `file`: its session and a signer holding the URLs it came with.
pub async fn open(vod: &Arc<HuaweiVod>, file: &UploadFile<'_>) -> Result<OpenedUpload, ApiError> {
    let mut req = CreateAssetReq::from_metadata(file.metadata, &file.name(), file.media);
    req.video_md5 = file.md5_b64.map(str::to_string);
    let created = vod.create_asset(&req).await?;
    let target = created.target.clone().unwrap_or_default();
    let session = UploadSession {
        provider: ProviderKind::Huawei,
        handle: created.asset_id.clone(),
        asset_id: Some(created.asset_id.clone()),
        storage: StorageKind::Authorized,
        endpoint: None,
        bucket: target.bucket,
        key: target.object,
        credential_expiry: None,
    };
    let signer = HuaweiSigner::new(vod.clone(), &session, file);
    *signer.video_url.lock().unwrap_or_else(|e| e.into_inner()) = Some(
        created
            .video_upload_url
            .ok_or_else(|| malformed("create asset returned no video_upload_url"))?,
    );
    *signer.cover_url.lock().unwrap_or_else(|e| e.into_inner()) = created.cover_upload_url;
    *signer
        .subtitle_urls
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = created
        .subtitle_upload_urls
        .unwrap_or_default()
        .into_iter()
        .map(Some)
        .collect();
    Ok(OpenedUpload {
        session,
        signer: Arc::new(signer),
    })
}

/// A signer for a session read back from the journal: every URL is asked for afresh.
pub fn reopen(
    vod: &Arc<HuaweiVod>,
    session: &UploadSession,
    file: &UploadFile<'_>,
) -> Arc<dyn RequestSigner> {
    Arc::new(HuaweiSigner::new(vod.clone(), session, file))
}

/// Confirms the upload (§7). Not idempotent on the service: a confirm whose reply was lost
/// answers a state error when repeated, so the asset's status decides.
pub async fn finish(vod: &HuaweiVod, session: &UploadSession) -> Result<Finished, ApiError> {
    let asset_id = session.handle.clone();
    match vod.confirm_upload(&asset_id, "CREATED").await {
        Ok(()) => Ok(Finished::Ready { asset_id }),
        Err(e) if e.kind == ErrorKind::InvalidState => {
            let listed = vod
                .list_assets(&ListAssetsQuery {
                    asset_ids: vec![asset_id.clone()],
                    size: 1,
                    ..Default::default()
                })
                .await;
            let status = listed
                .ok()
                .and_then(|l| l.assets.into_iter().next())
                .and_then(|a| a.asset_status);
            match status {
                Some(HwAssetStatus::Created | HwAssetStatus::Published) => {
                    Ok(Finished::Ready { asset_id })
                }
                _ => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

pub async fn abandon(
    vod: &HuaweiVod,
    session: &UploadSession,
    why: Abandon,
) -> Result<(), ApiError> {
    let status = match why {
        Abandon::Failed => "FAILED",
        Abandon::Cancelled => "CANCELLED",
    };
    vod.confirm_upload(&session.handle, status).await
}
