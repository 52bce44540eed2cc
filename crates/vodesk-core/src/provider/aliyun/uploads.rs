//! Alibaba uploads (tencent-aliyun-vod-api.md §B.5, §B.6): `CreateUploadVideo` names the video
//! at once and hands out an OSS address with an STS key → the bytes go to OSS, signed here (OSS
//! V1) → there is no commit: VOD notices the object and the video leaves `Uploading`. The STS
//! key is renewed for the same object by `RefreshUploadVideo` — before it runs out (as
//! Alibaba's upload SDK does, after 2500 of its 3000 s) and whenever OSS says it expired — so a
//! long upload, or one resumed after a crash, continues the same multipart upload. Nothing of
//! the key is kept beyond the process: a restart asks for a fresh one.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::client::AliyunVod;
use super::wire::{self, CreateUploadImageRsp, CreateUploadVideoRsp, UploadAddress, UploadAuth};
use crate::model::metadata::{CoverImage, CoverType};
use crate::provider::api::{Finished, OpenedUpload, StorageKind, UploadFile, UploadSession};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;
use crate::storage::{
    Credentials, Endpoint, Extra, KeySigner, ObjectOp, RequestSigner, SignatureFlavor,
    SignedRequest,
};

/// The share of an STS key's life after which it is renewed before the next request (Alibaba's
/// upload SDK renews after 2500 of 3000 s).
const RENEW_AT: f64 = 2500.0 / 3000.0;

/// How long a finished upload may stay `Uploading` before it counts as never stored: VOD
/// notices an object within seconds; a session asked to finish without one (its upload was
/// aborted, or never completed) must not be waited on for ever.
const NOTICE_PATIENCE: Duration = Duration::from_secs(120);

/// A key pair of one upload target and when to renew it.
struct Keyed {
    signer: KeySigner,
    renew_at: Instant,
}

fn keyed(
    address: &UploadAddress,
    auth: &UploadAuth,
    clock_offset_secs: i64,
    extras: Vec<(Extra, String)>,
) -> Result<Keyed, ApiError> {
    if auth.access_key_id.is_empty() || address.bucket.is_empty() || address.file_name.is_empty() {
        return Err(ApiError::new(
            ErrorKind::MalformedResponse,
            "the upload address or credential came back empty",
        ));
    }
    let life = auth
        .expiration
        .unwrap_or(wire::DEFAULT_LIFETIME_SECS)
        .max(1) as f64;
    Ok(Keyed {
        signer: KeySigner {
            endpoint: Endpoint::parse(&address.endpoint, None)?,
            credentials: Credentials {
                access_key: auth.access_key_id.clone(),
                secret_key: auth.access_key_secret.clone(),
                security_token: Some(auth.security_token.clone()).filter(|t| !t.is_empty()),
            },
            flavor: SignatureFlavor::Oss,
            bucket: address.bucket.clone(),
            key: address.file_name.clone(),
            extras,
            clock_offset_secs,
        },
        renew_at: Instant::now() + Duration::from_secs_f64(life * RENEW_AT),
    })
}

/// Signs one video's storage calls, renewing its STS key for the same object when it is due
/// or OSS refused it as expired. The cover, when the upload carries one, goes to an image of
/// its own (`CreateUploadImage`), asked for when the cover is first sent.
pub struct VideoSigner {
    vod: Arc<AliyunVod>,
    video_id: String,
    address: UploadAddress,
    current: tokio::sync::Mutex<Keyed>,
    /// OSS said the key expired: renew before signing again.
    stale: AtomicBool,
    cover: tokio::sync::Mutex<Option<KeySigner>>,
    covers: Arc<Covers>,
}

impl VideoSigner {
    async fn video_signer(&self) -> Result<KeySigner, ApiError> {
        let mut current = self.current.lock().await;
        if self.stale.swap(false, Ordering::SeqCst) || Instant::now() >= current.renew_at {
            let (address, auth) = refresh(&self.vod, &self.video_id).await?;
            if address.bucket != self.address.bucket || address.file_name != self.address.file_name
            {
                return Err(ApiError::new(
                    ErrorKind::MalformedResponse,
                    "RefreshUploadVideo moved the upload to another object",
                ));
            }
            tracing::debug!(video_id = %self.video_id, "renewed the upload's STS key");
            *current = keyed(&address, &auth, self.vod.clock_offset_secs(), Vec::new())?;
        }
        Ok(current.signer.clone())
    }

    async fn cover_signer(&self, kind: CoverType) -> Result<KeySigner, ApiError> {
        let mut cover = self.cover.lock().await;
        if let Some(signer) = cover.as_ref() {
            return Ok(signer.clone());
        }
        let (signer, url) = image_target(&self.vod, kind).await?;
        self.covers.put(&self.video_id, url);
        *cover = Some(signer.clone());
        Ok(signer)
    }
}

#[async_trait]
impl RequestSigner for VideoSigner {
    async fn sign(&self, op: &ObjectOp<'_>) -> Result<SignedRequest, ApiError> {
        match op {
            ObjectOp::PutExtra {
                extra: Extra::Cover,
                content_type,
            } => {
                let kind = if content_type.contains("png") {
                    CoverType::Png
                } else {
                    CoverType::Jpg
                };
                self.cover_signer(kind)
                    .await?
                    .sign(&ObjectOp::Put {
                        content_type,
                        content_md5: None,
                    })
                    .await
            }
            ObjectOp::PutExtra { extra, .. } => Err(ApiError::new(
                ErrorKind::BadParameter,
                format!("Alibaba VOD uploads take no {extra:?} file"),
            )),
            op => self.video_signer().await?.sign(op).await,
        }
    }

    fn rejected(&self, error: &ApiError) {
        if error.kind == ErrorKind::Expired {
            self.stale.store(true, Ordering::SeqCst);
        }
    }
}

/// The cover images sent for videos of this process, until their upload finishes and the
/// image becomes the video's cover.
#[derive(Default)]
pub struct Covers(Mutex<HashMap<String, String>>);

impl Covers {
    fn put(&self, video_id: &str, url: String) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(video_id.to_string(), url);
    }

    fn take(&self, video_id: &str) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(video_id)
    }
}

/// What this process knows of its open sessions.
#[derive(Default)]
pub struct Sessions {
    signers: Mutex<HashMap<String, Arc<VideoSigner>>>,
    covers: Arc<Covers>,
    /// When each session was first found still `Uploading` on finishing.
    waiting: Mutex<HashMap<String, Instant>>,
}

impl Sessions {
    fn forget(&self, video_id: &str) {
        self.signers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(video_id);
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(video_id);
    }
}

async fn refresh(vod: &AliyunVod, video_id: &str) -> Result<(UploadAddress, UploadAuth), ApiError> {
    let rsp: CreateUploadVideoRsp = vod
        .call("RefreshUploadVideo", &[("VideoId", video_id.to_string())])
        .await?;
    Ok((
        wire::decode("UploadAddress", &rsp.upload_address)?,
        wire::decode("UploadAuth", &rsp.upload_auth)?,
    ))
}

fn ext(kind: CoverType) -> &'static str {
    match kind {
        CoverType::Png => "png",
        _ => "jpg",
    }
}

/// `CreateUploadImage(ImageType=cover)`: a signer for the image's object and its URL.
async fn image_target(vod: &AliyunVod, kind: CoverType) -> Result<(KeySigner, String), ApiError> {
    let rsp: CreateUploadImageRsp = vod
        .call(
            "CreateUploadImage",
            &[
                ("ImageType", "cover".to_string()),
                ("ImageExt", ext(kind).to_string()),
            ],
        )
        .await?;
    let address: UploadAddress = wire::decode("UploadAddress", &rsp.upload_address)?;
    let auth: UploadAuth = wire::decode("UploadAuth", &rsp.upload_auth)?;
    if rsp.image_url.is_empty() {
        return Err(ApiError::new(
            ErrorKind::MalformedResponse,
            "CreateUploadImage returned no ImageURL",
        ));
    }
    let k = keyed(&address, &auth, vod.clock_offset_secs(), Vec::new())?;
    Ok((k.signer, rsp.image_url))
}

/// Sends `image` as a cover image of its own and returns its URL, for `UpdateVideoInfo`.
pub async fn upload_cover(
    vod: &AliyunVod,
    http: &reqwest::Client,
    image: &CoverImage,
) -> Result<String, ApiError> {
    let (signer, url) = image_target(vod, image.kind).await?;
    let content_type = image.kind.content_type();
    let op = ObjectOp::Put {
        content_type,
        content_md5: None,
    };
    let body = bytes::Bytes::from(image.bytes.clone());
    vod.retry()
        .run("cover upload", |_| {
            let body: crate::storage::send::ByteStream =
                Box::pin(futures_util::stream::iter([Ok(body.clone())]));
            let (signer, op) = (&signer, &op);
            async move {
                let req = signer.sign(op).await?;
                crate::storage::send::put_stream(http, &req, image.bytes.len() as u64, body)
                    .await
                    .map(|_| ())
            }
        })
        .await?;
    Ok(url)
}

/// The comma-separated tags `CreateUploadVideo` and `UpdateVideoInfo` take.
pub fn tags_param(tags: &[String]) -> String {
    tags.join(",")
}

/// `CreateUploadVideo`: the video (its id is known at once) and a signer over its STS key.
pub async fn open(
    vod: &Arc<AliyunVod>,
    sessions: &Sessions,
    app_id: Option<&str>,
    file: &UploadFile<'_>,
) -> Result<OpenedUpload, ApiError> {
    let meta = file.metadata;
    let mut params: Vec<(&str, String)> = vec![
        ("Title", meta.title.clone()),
        ("FileName", file.name()),
        ("FileSize", file.size.to_string()),
    ];
    if let Some(d) = meta.description.as_deref().filter(|d| !d.is_empty()) {
        params.push(("Description", d.to_string()));
    }
    if let Some(c) = meta.category_id.filter(|c| *c > 0) {
        params.push(("CateId", c.to_string()));
    }
    if !meta.tags.is_empty() {
        params.push(("Tags", tags_param(&meta.tags)));
    }
    if let Some(group) = meta.preset.as_deref().filter(|p| !p.is_empty()) {
        params.push(("TemplateGroupId", group.to_string()));
    }
    if let Some(w) = meta.workflow_name.as_deref().filter(|w| !w.is_empty()) {
        params.push(("WorkflowId", w.to_string()));
    }
    if let Some(app) = app_id {
        params.push(("AppId", app.to_string()));
    }
    let rsp: CreateUploadVideoRsp = vod.call("CreateUploadVideo", &params).await?;
    if rsp.video_id.is_empty() {
        return Err(ApiError::new(
            ErrorKind::MalformedResponse,
            "CreateUploadVideo returned no VideoId",
        ));
    }
    let address: UploadAddress = wire::decode("UploadAddress", &rsp.upload_address)?;
    let auth: UploadAuth = wire::decode("UploadAuth", &rsp.upload_auth)?;
    let received = chrono::Utc::now().timestamp();
    let signer = signer(vod, sessions, &rsp.video_id, &address, &auth)?;
    let session = UploadSession {
        provider: ProviderKind::Aliyun,
        handle: rsp.video_id.clone(),
        asset_id: Some(rsp.video_id),
        storage: StorageKind::Oss,
        endpoint: Some(address.endpoint),
        bucket: Some(address.bucket),
        key: Some(address.file_name),
        credential_expiry: Some(auth.expires_at(received)),
    };
    Ok(OpenedUpload { session, signer })
}

fn signer(
    vod: &Arc<AliyunVod>,
    sessions: &Sessions,
    video_id: &str,
    address: &UploadAddress,
    auth: &UploadAuth,
) -> Result<Arc<VideoSigner>, ApiError> {
    let signer = Arc::new(VideoSigner {
        vod: vod.clone(),
        video_id: video_id.to_string(),
        address: address.clone(),
        current: tokio::sync::Mutex::new(keyed(
            address,
            auth,
            vod.clock_offset_secs(),
            Vec::new(),
        )?),
        stale: AtomicBool::new(false),
        cover: tokio::sync::Mutex::new(None),
        covers: sessions.covers.clone(),
    });
    sessions
        .signers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(video_id.to_string(), signer.clone());
    Ok(signer)
}

/// The signer of a session: this process's, or after a restart one over a renewed key for the
/// same object (the multipart upload continues where it stood).
pub async fn reopen(
    vod: &Arc<AliyunVod>,
    sessions: &Sessions,
    session: &UploadSession,
) -> Result<Arc<dyn RequestSigner>, ApiError> {
    let known = sessions
        .signers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&session.handle)
        .cloned();
    if let Some(s) = known {
        return Ok(s);
    }
    let (address, auth) = refresh(vod, &session.handle).await?;
    if session
        .key
        .as_deref()
        .is_some_and(|k| k != address.file_name)
    {
        return Err(ApiError::new(
            ErrorKind::MalformedResponse,
            "RefreshUploadVideo moved the upload to another object",
        ));
    }
    Ok(signer(vod, sessions, &session.handle, &address, &auth)?)
}

/// The session's video as VOD sees it now: `Pending` until VOD has noticed the object, then
/// what the upload asked for that `CreateUploadVideo` could not carry (the cover image, and
/// "not published" as an audit block), then `Ready`.
pub async fn finish(
    service: &super::service::AliyunService,
    sessions: &Sessions,
    session: &UploadSession,
    file: &UploadFile<'_>,
) -> Result<Finished, ApiError> {
    let vod = service.vod();
    let id = session.handle.clone();
    let video = service.video(&id).await?;
    let status = video.status.clone().unwrap_or_default();
    match status.as_str() {
        "Uploading" | "" => {
            let since = *sessions
                .waiting
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(id.clone())
                .or_insert_with(Instant::now);
            if since.elapsed() > NOTICE_PATIENCE {
                sessions.forget(&id);
                let mut e = ApiError::new(
                    ErrorKind::InvalidState,
                    "Alibaba VOD never noticed the uploaded file: the video is still Uploading",
                );
                e.code = Some("Uploading".into());
                return Err(e);
            }
            return Ok(Finished::Pending { asset_id: id });
        }
        "UploadFail" => {
            sessions.forget(&id);
            let mut e = ApiError::new(ErrorKind::Other, "Alibaba VOD reports the upload failed");
            e.code = Some(status);
            return Err(e);
        }
        _ => {}
    }
    let meta = file.metadata;
    let cover = match sessions.covers.take(&id) {
        Some(url) => Some(url),
        // The cover was sent by an earlier run, whose image URL is gone with it: send it again.
        None => match &meta.cover {
            Some(path) => {
                let image = CoverImage::read(path)
                    .map_err(|m| ApiError::new(ErrorKind::BadParameter, m))?;
                Some(upload_cover(vod, service.http_client(), &image).await?)
            }
            None => None,
        },
    };
    if let Some(url) = cover
        && video.cover_url.as_deref() != Some(url.as_str())
    {
        let _: serde_json::Value = vod
            .call(
                "UpdateVideoInfo",
                &[("VideoId", id.clone()), ("CoverURL", url)],
            )
            .await?;
    }
    if !meta.auto_publish && video.audit_status.as_deref() != Some("Blocked") {
        service.audit(std::slice::from_ref(&id), "Blocked").await?;
    }
    sessions.forget(&id);
    Ok(Finished::Ready { asset_id: id })
}

/// Gives a session up: its video (which exists from `CreateUploadVideo` on, still
/// `Uploading`) is deleted, so no half-made video stays behind.
pub async fn abandon(
    vod: &AliyunVod,
    sessions: &Sessions,
    session: &UploadSession,
) -> Result<(), ApiError> {
    sessions.forget(&session.handle);
    sessions.covers.take(&session.handle);
    let _: serde_json::Value = vod
        .call("DeleteVideo", &[("VideoIds", session.handle.clone())])
        .await?;
    Ok(())
}
