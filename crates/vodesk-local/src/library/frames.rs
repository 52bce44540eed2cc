//! Real media facts and frames of a landed original, through ffprobe and ffmpeg when the
//! machine has them: duration, size, codecs for the asset's metadata, and the cover and
//! snapshots cut from the video at the requested times. Objects that are plainly not media
//! (by their first bytes) and machines without ffmpeg keep the generated stand-ins.

use std::sync::Arc;

use bytes::Bytes;
use vodesk_media::{MediaInfo, looks_like_media};

use super::processing::take_default_cover;
use super::rows::get_asset;
use super::{Library, Result};

/// The widest frame kept: covers and snapshots are previews, not stills for print.
const MAX_FRAME_WIDTH: u32 = 640;

/// An original ffprobe could read, and how to name it to ffmpeg.
pub(super) struct Probed {
    pub info: MediaInfo,
    input: String,
}

impl Probed {
    /// Whether there are pictures to cut (not a sound file).
    pub fn has_video(&self) -> bool {
        self.info.width > 0 && self.info.height > 0
    }

    /// Whether a frame `offset_s` seconds in exists.
    pub fn reaches(&self, offset_s: i64) -> bool {
        offset_s == 0
            || self
                .info
                .duration_ms
                .is_none_or(|d| offset_s.saturating_mul(1000) < d)
    }
}

impl Library {
    /// ffmpeg's input for an object: its file, or its part files joined by the `concat`
    /// protocol (whose separator a path must then not hold).
    fn media_input(&self, bucket: &str, key: &str) -> Option<String> {
        let files = self.objects.files_of(bucket, key).ok()??;
        let paths: Option<Vec<&str>> = files
            .iter()
            .map(|p| p.to_str().filter(|s| !s.contains('|')))
            .collect();
        match paths?.as_slice() {
            [] => None,
            [one] => Some((*one).to_string()),
            many => Some(format!("concat:{}", many.join("|"))),
        }
    }

    /// Whether ffmpeg is here and the object's first bytes look like media.
    pub(super) fn could_probe(&self, head: Option<&[u8]>) -> bool {
        self.tools.available() && head.is_some_and(looks_like_media)
    }

    /// What the original holds, when ffmpeg can read it.
    pub(super) async fn probe(&self, bucket: &str, key: &str) -> Option<Probed> {
        let input = self.media_input(bucket, key)?;
        let _slot = self.media_slots.acquire().await.ok()?;
        match self.tools.probe(&input).await {
            Ok(info) => Some(Probed { info, input }),
            Err(e) => {
                tracing::info!("{bucket}/{key}: {e}");
                None
            }
        }
    }

    /// The frame `offset_s` seconds into a probed original, as PNG.
    pub(super) async fn frame(&self, p: &Probed, offset_s: i64) -> Option<Bytes> {
        let width = p.info.width.min(MAX_FRAME_WIDTH);
        let _slot = self.media_slots.acquire().await.ok()?;
        match self.tools.frame_png(&p.input, offset_s * 1000, width).await {
            Ok(png) => Some(Bytes::from(png)),
            Err(e) => {
                tracing::info!("frame at {offset_s} s: {e}");
                None
            }
        }
    }
}

impl Library {
    /// Reads a confirmed asset's original with ffmpeg in the background: its facts, then its
    /// snapshots and cover from real frames; the asset's thumbnails run until then.
    pub(super) fn read_media_later(&self, asset_id: &str) {
        let Some(lib) = self.me.get().and_then(std::sync::Weak::upgrade) else {
            return;
        };
        let id = asset_id.to_string();
        tokio::spawn(async move {
            if let Err(e) = lib.read_media(&id).await {
                tracing::warn!("media of {id}: {e:?}");
            }
        });
    }

    /// The work of [`Self::read_media_later`]; written only if the asset still has the same
    /// original (a replacement starts its own).
    async fn read_media(&self, asset_id: &str) -> Result<()> {
        let Some(a) = get_asset(&self.db(), asset_id)? else {
            return Ok(());
        };
        if !a.media_pending {
            return Ok(());
        }
        let probed = self.probe(&a.bucket, &a.object_key).await;
        let (snapshots, thumbs_failed) = self.take_snapshots(&a, probed.as_ref()).await;
        let cover = self.default_cover(&a, &snapshots, probed.as_ref()).await;
        let conn = self.db();
        let Some(mut cur) = get_asset(&conn, asset_id)? else {
            return Ok(());
        };
        if !cur.media_pending || cur.object_key != a.object_key {
            return Ok(());
        }
        if let Some(ms) = probed.as_ref().and_then(|p| p.info.duration_ms) {
            cur.duration_ms = Some(ms);
        }
        cur.media = probed.map(|p| p.info);
        cur.snapshots = snapshots;
        cur.thumbs_failed = thumbs_failed;
        take_default_cover(&mut cur, cover);
        cur.media_pending = false;
        cur.save(&conn)?;
        Ok(())
    }

    /// Shares the library, and takes up media reading a previous process left unfinished.
    pub fn shared(self) -> Arc<Library> {
        let lib = Arc::new(self);
        let _ = lib.me.set(Arc::downgrade(&lib));
        let pending: Vec<String> = {
            let conn = lib.db();
            conn.prepare("SELECT asset_id FROM assets WHERE media_pending = 1")
                .and_then(|mut stmt| {
                    stmt.query_map([], |r| r.get(0))?
                        .collect::<rusqlite::Result<Vec<String>>>()
                })
                .unwrap_or_default()
        };
        for id in pending {
            lib.read_media_later(&id);
        }
        lib
    }
}
