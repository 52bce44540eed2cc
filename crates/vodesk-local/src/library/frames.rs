//! Real media facts and frames of a landed original, through ffprobe and ffmpeg when the
//! machine has them: duration, size, codecs for the asset's metadata, and the cover and
//! snapshots cut from the video at the requested times. Objects that are plainly not media
//! (by their first bytes) and machines without ffmpeg keep the generated stand-ins.

use bytes::Bytes;
use vodesk_media::{MediaInfo, looks_like_media};

use super::Library;

/// How much of an object's head decides whether it could be media.
const SNIFF_BYTES: u64 = 4096;

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

    /// What the original holds, when ffmpeg is here and the object looks like media.
    pub(super) async fn probe(&self, bucket: &str, key: &str) -> Option<Probed> {
        if !self.tools.available() {
            return None;
        }
        let head = self
            .objects
            .read_head(bucket, key, SNIFF_BYTES)
            .await
            .ok()??;
        if !looks_like_media(&head) {
            return None;
        }
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
