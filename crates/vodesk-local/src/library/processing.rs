//! What happens once an original is in place: size and head MD5s for the duplication check,
//! verification of an announced MD5, snapshots and the "grabbed" cover; and the confirmation
//! that moves an asset (or its pending replacement) to uploaded.

use bytes::Bytes;

use super::digest::{check_md5, is_multipart};
use super::duration;
use super::frames::Probed;
use super::lifecycle::now_ms;
use super::png::png;
use super::rows::{AssetRow, Snapshot, get_asset, status};
use super::{Error, Library, Result, media};

/// The facts gathered about a freshly uploaded original.
pub(super) struct Uploaded {
    size: i64,
    head_1024: String,
    head_1025: String,
    snapshots: Vec<Snapshot>,
    thumbs_failed: bool,
    /// Cover to use when the asset has no custom cover (snapshot or grabbed frame).
    default_cover: Option<String>,
    duration_ms: Option<i64>,
    /// ffmpeg reads the original after the confirmation.
    media_pending: bool,
}

/// How the client says an upload ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Uploaded,
    Failed,
    Cancelled,
}

impl Library {
    /// Checks the object, verifies `expect_md5` (Base64 of the binary MD5), takes snapshots.
    pub(super) async fn inspect(
        &self,
        a: &AssetRow,
        bucket: &str,
        key: &str,
        expect_md5: Option<&str>,
    ) -> Result<Uploaded> {
        let info = self
            .objects
            .head_object(bucket, key)?
            .ok_or_else(|| Error::NotUploaded {
                bucket: bucket.to_string(),
                key: key.to_string(),
            })?;
        let multipart = is_multipart(&info.etag);
        let digest = self
            .digest_object(bucket, key, expect_md5.is_some() && multipart)
            .await?;
        if let Some(want) = expect_md5 {
            check_md5(want, &info.etag, &digest)?;
        }
        // One read of the original's head serves both the movie header's duration (ISO media)
        // and the question whether ffmpeg should read the rest.
        let iso = duration::ISO_TYPES.contains(&a.video_type.as_str());
        let head = if iso || self.tools.available() {
            self.objects
                .read_head(bucket, key, duration::HEAD_BYTES)
                .await
                .ok()
                .flatten()
        } else {
            None
        };
        let duration_ms = head
            .as_deref()
            .filter(|_| iso)
            .and_then(duration::mp4_duration_ms);
        let mut up = Uploaded {
            size: info.size as i64,
            head_1024: digest.head_1024,
            head_1025: digest.head_1025,
            snapshots: vec![],
            thumbs_failed: false,
            default_cover: None,
            duration_ms,
            media_pending: false,
        };
        // Real media is read by ffmpeg after the confirmation (see `frames`): an upload is
        // not held up by cutting frames, its thumbnails show as running meanwhile.
        if self.could_probe(head.as_deref()) {
            up.media_pending = true;
            return Ok(up);
        }
        (up.snapshots, up.thumbs_failed) = self.take_snapshots(a, None).await;
        up.default_cover = self.default_cover(a, &up.snapshots, None).await;
        Ok(up)
    }

    /// The cover an asset gets when it has none of its own: the snapshot chosen by
    /// `cover_position`, else its first frame.
    pub(super) async fn default_cover(
        &self,
        a: &AssetRow,
        snapshots: &[Snapshot],
        probed: Option<&Probed>,
    ) -> Option<String> {
        match a.thumbnail.as_ref() {
            Some(t) if !snapshots.is_empty() => {
                let pos = t["cover_position"].as_i64().unwrap_or(1).max(1) as usize;
                Some(snapshots[pos.min(snapshots.len()) - 1].key.clone())
            }
            _ => self.grab_cover(a, probed).await,
        }
    }

    /// The "first frame" cover of assets without a custom cover type, at `{dir}/cover0` (kept
    /// if the client already uploaded one there): the real first frame when ffmpeg read the
    /// original, else a generated image.
    pub(super) async fn grab_cover(&self, a: &AssetRow, probed: Option<&Probed>) -> Option<String> {
        if media::is_audio(&a.video_type) || probed.is_some_and(|p| !p.has_video()) {
            return None;
        }
        let key = self.layout.cover_key(&a.asset_id, None);
        if self.object_exists(self.bucket(), &key) {
            return Some(key);
        }
        // Every generated cover is the same picture: encode it once, not on every confirm.
        static GRABBED: std::sync::OnceLock<Bytes> = std::sync::OnceLock::new();
        let frame = match probed {
            Some(p) => self.frame(p, 0).await,
            None => None,
        };
        let image = frame.unwrap_or_else(|| {
            GRABBED
                .get_or_init(|| Bytes::from(png(160, 90, [30, 60, 110])))
                .clone()
        });
        match self
            .objects
            .put_object_shared(self.bucket(), &key, "image/png", image)
            .await
        {
            Ok(_) => Some(key),
            Err(e) => {
                tracing::warn!("cover for {}: {e}", a.asset_id);
                None
            }
        }
    }

    /// The requested snapshots: real frames of a probed video (only the times it reaches),
    /// generated images otherwise.
    pub(super) async fn take_snapshots(
        &self,
        a: &AssetRow,
        probed: Option<&Probed>,
    ) -> (Vec<Snapshot>, bool) {
        let Some(t) = a.thumbnail.as_ref() else {
            return (vec![], false);
        };
        let probed = probed.filter(|p| p.has_video());
        let kind = t["type"].as_str().unwrap_or("time");
        let offsets: Vec<i64> = match kind {
            "dots" => t["dots"]
                .as_array()
                .map(|d| d.iter().filter_map(|v| v.as_i64()).collect())
                .unwrap_or_default(),
            "quantity" => {
                let n = t["quantity"].as_i64().unwrap_or(1).clamp(1, 10);
                let step = t["quantity_time"].as_i64().unwrap_or(0).max(1);
                (0..n).map(|i| i * step).collect()
            }
            _ => {
                let step = t["time"].as_i64().unwrap_or(12);
                if step == 0 {
                    vec![0]
                } else {
                    vec![0, step, 2 * step]
                }
            }
        };
        let offsets: Vec<i64> = offsets
            .into_iter()
            .filter(|o| probed.is_none_or(|p| p.reaches(*o)))
            .collect();
        let mut out = Vec::new();
        for (i, offset) in offsets.iter().enumerate() {
            let key = self.layout.snapshot_key(&a.asset_id, kind, i + 1);
            let image = match probed {
                Some(p) => match self.frame(p, *offset).await {
                    Some(frame) => frame,
                    None => return (out, true),
                },
                None => {
                    let shade = (i as u8).wrapping_mul(40);
                    Bytes::from(png(160, 90, [40 + shade, 90, 160u8.wrapping_sub(shade)]))
                }
            };
            if let Err(e) = self
                .objects
                .put_object(self.bucket(), &key, "image/png", image)
                .await
            {
                tracing::warn!("snapshot for {}: {e}", a.asset_id);
                return (out, true);
            }
            out.push(Snapshot {
                offset: *offset,
                key,
            });
        }
        (out, false)
    }

    /// The client's word on an upload: a confirmed one is inspected and its processing starts; a
    /// failed or cancelled first upload marks the asset, a failed replacement is dropped.
    pub async fn confirm(&self, asset_id: &str, outcome: Outcome) -> Result<()> {
        let not_found = || Error::NoAsset(asset_id.to_string());
        let a = get_asset(&self.db(), asset_id)?.ok_or_else(not_found)?;

        if outcome != Outcome::Uploaded {
            let mut stale = None;
            {
                let conn = self.db();
                let mut a = get_asset(&conn, asset_id)?.ok_or_else(not_found)?;
                if a.status == status::CREATING {
                    a.status = match outcome {
                        Outcome::Cancelled => status::CANCELLED,
                        _ => status::FAILED,
                    }
                    .into();
                } else if let Some(p) = a.pending.take() {
                    stale = Some(p.object_key);
                } else {
                    return Err(Error::NotAwaitingUpload);
                }
                a.last_modified = now_ms();
                a.save(&conn)?;
            }
            if let Some(key) = stale {
                let _ = self.objects.delete_object(self.bucket(), &key);
            }
            return Ok(());
        }

        let (bucket, key, md5) = if a.status == status::CREATING {
            (a.bucket.clone(), a.object_key.clone(), a.video_md5.clone())
        } else if let Some(p) = &a.pending {
            (
                self.bucket().to_string(),
                p.object_key.clone(),
                p.video_md5.clone(),
            )
        } else {
            return Err(Error::NotAwaitingUpload);
        };
        let up = self.inspect(&a, &bucket, &key, md5.as_deref()).await?;

        let mut replaced = None;
        {
            let conn = self.db();
            let mut cur = get_asset(&conn, asset_id)?.ok_or_else(not_found)?;
            if cur.status == status::CREATING
                && a.status == status::CREATING
                && cur.object_key == key
            {
                cur.status = status::CREATED.into();
                cur.published = cur.auto_publish;
            } else if cur.pending.as_ref().is_some_and(|p| p.object_key == key) {
                let p = cur.pending.take().unwrap_or_default();
                if cur.owns_object && cur.object_key != p.object_key {
                    replaced = Some((cur.bucket.clone(), cur.object_key.clone()));
                }
                cur.bucket = self.bucket().to_string();
                cur.object_key = p.object_key;
                cur.video_type = p.video_type;
                cur.video_name = p.video_name;
                cur.video_md5 = p.video_md5;
                cur.owns_object = true;
                cur.status = status::CREATED.into();
            } else {
                return Err(Error::NotAwaitingUpload);
            }
            let pending = up.media_pending;
            apply(&mut cur, up);
            cur.save(&conn)?;
            if pending {
                self.read_media_later(asset_id);
            }
        }
        if let Some((b, k)) = replaced {
            let _ = self.objects.delete_object(&b, &k);
        }
        Ok(())
    }
}

/// Applies an inspection result to the row: uploaded, processing clock started.
pub(super) fn apply(a: &mut AssetRow, up: Uploaded) {
    let now = now_ms();
    a.size = up.size;
    a.duration_ms = up.duration_ms;
    a.media = None;
    a.media_pending = up.media_pending;
    a.head_md5 = Some(up.head_1024);
    a.head_md5_1025 = Some(up.head_1025);
    a.confirmed_at = Some(now);
    a.last_modified = now;
    a.snapshots = up.snapshots;
    a.thumbs_failed = up.thumbs_failed;
    take_default_cover(a, up.default_cover);
}

/// Gives the asset its default cover unless it has one of its own (a custom cover type, or a
/// snapshot chosen as cover).
pub(super) fn take_default_cover(a: &mut AssetRow, cover: Option<String>) {
    if a.cover_type.is_none()
        && !a
            .cover_key
            .as_ref()
            .is_some_and(|k| k.contains("/snapshot/"))
    {
        a.cover_key = cover;
    }
}
