//! What each queued file holds — duration, picture size, codec — and a frame of it, so an
//! editor can tell takes apart before sending. Probed through ffprobe/ffmpeg off the UI
//! thread, only for rows on screen, a few at a time; the facts stay with the row, the frames
//! in a bounded texture cache. Without ffmpeg the app says so once and shows what it showed
//! before.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use eframe::egui;
use vodesk_media::{MediaInfo, Tools};

/// Probes running at once (the machine's other work, uploads above all, comes first).
const IN_FLIGHT: usize = 2;
/// Frames kept as textures: the most recently probed (a frame is ~130 KB of GPU memory).
const KEEP_FRAMES: usize = 128;
/// Width of the frame taken for a row.
pub const FRAME_WIDTH: u32 = 240;

/// What is known of a row's file.
#[derive(Clone, Debug, Default)]
pub struct RowMedia {
    pub pending: bool,
    pub info: Option<MediaInfo>,
    /// Why ffprobe could not read it, in its words.
    pub problem: Option<String>,
    /// A frame was taken (it may have left the cache since).
    pub framed: bool,
    /// A probe ended without an answer (timed out, could not run): not asked again for
    /// this row, so a file on a stalled drive does not start a probe every frame.
    pub gave_up: bool,
}

/// The answer of one probe.
pub struct Probed {
    pub key: u64,
    pub result: Result<(MediaInfo, Option<egui::ColorImage>), vodesk_media::Error>,
}

pub struct QueueMedia {
    pub tools: Tools,
    /// Rows on screen that want a probe (filled while the table is drawn).
    pub wanted: Vec<(u64, PathBuf)>,
    in_flight: usize,
    frames: HashMap<u64, egui::TextureHandle>,
    order: VecDeque<u64>,
    /// The missing tools were reported.
    pub told_missing: bool,
}

impl Default for QueueMedia {
    fn default() -> Self {
        QueueMedia {
            tools: Tools::system(),
            wanted: Vec::new(),
            in_flight: 0,
            frames: HashMap::new(),
            order: VecDeque::new(),
            told_missing: false,
        }
    }
}

impl QueueMedia {
    /// Notes that a row on screen would like its facts (or its frame again).
    pub fn want(&mut self, key: u64, path: &std::path::Path, m: &RowMedia, size: u64) {
        // An empty file is refused already: there is nothing to read.
        if size == 0 {
            return;
        }
        let unknown = m.info.is_none() && m.problem.is_none() && !m.gave_up;
        let frame_gone = m.framed && !self.frames.contains_key(&key);
        if !m.pending && (unknown || frame_gone) && self.wanted.len() < 64 {
            self.wanted.push((key, path.to_path_buf()));
        }
    }

    /// The wanted rows that may be probed now (taking their places in flight).
    pub fn take_wanted(&mut self) -> Vec<(u64, PathBuf)> {
        let room = IN_FLIGHT.saturating_sub(self.in_flight);
        let mut wanted = std::mem::take(&mut self.wanted);
        wanted.truncate(room);
        self.in_flight += wanted.len();
        wanted
    }

    /// Takes in an answer: the row's facts, and its frame as a texture (`None`: the row was
    /// removed meanwhile; its place in flight is freed all the same).
    pub fn answered(&mut self, ctx: &egui::Context, p: Probed, m: Option<&mut RowMedia>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let Some(m) = m else { return };
        m.pending = false;
        match p.result {
            Ok((info, frame)) => {
                m.info = Some(info);
                m.problem = None;
                if let Some(image) = frame {
                    m.framed = true;
                    let tex = ctx.load_texture(
                        format!("queue-frame-{}", p.key),
                        image,
                        egui::TextureOptions::LINEAR,
                    );
                    self.frames.insert(p.key, tex);
                    self.order.retain(|k| *k != p.key);
                    self.order.push_back(p.key);
                    while self.order.len() > KEEP_FRAMES {
                        if let Some(old) = self.order.pop_front() {
                            self.frames.remove(&old);
                        }
                    }
                }
            }
            Err(vodesk_media::Error::Unreadable(why)) => m.problem = Some(why),
            // Timed out or could not run: not the file's fault, but not asked again either.
            Err(e) => {
                m.gave_up = true;
                tracing::debug!("probe of row {}: {e}", p.key);
            }
        }
    }

    /// The row's frame, when cached.
    pub fn frame(&self, key: u64) -> Option<&egui::TextureHandle> {
        self.frames.get(&key)
    }

    /// Forgets a removed row's frame.
    pub fn forget(&mut self, key: u64) {
        if self.frames.remove(&key).is_some() {
            self.order.retain(|k| *k != key);
        }
    }
}

/// The selected row's frame and facts, with Open; returns whether Open was clicked.
pub fn preview(ui: &mut egui::Ui, r: &super::Row, media: &QueueMedia) -> bool {
    let mut open = false;
    ui.horizontal(|ui| {
        if let Some(tex) = media.frame(r.key) {
            let size = tex.size_vec2();
            let w = size.x.min(160.0);
            ui.add(egui::Image::new((
                tex.id(),
                egui::vec2(w, w * size.y / size.x.max(1.0)),
            )));
        }
        ui.vertical(|ui| {
            if let Some(info) = &r.probe.info {
                ui.label(details(info));
            } else if let Some(why) = &r.probe.problem {
                ui.colored_label(ui.visuals().warn_fg_color, t!("media-unreadable"))
                    .on_hover_text(why);
            }
            open = ui
                .button(format!("▶ {}", t!("media-open")))
                .on_hover_text(t!("media-open-hint"))
                .clicked();
        });
    });
    open
}

/// "0:03 · 240p" for video (its lines, as editors name sizes), "0:03 · aac" for sound.
pub fn summary(info: &MediaInfo) -> String {
    let mut parts = Vec::new();
    if let Some(ms) = info.duration_ms {
        parts.push(clock(ms));
    }
    if info.width > 0 {
        parts.push(format!("{}p", info.height.min(info.width)));
    } else if let Some(c) = &info.audio_codec {
        parts.push(c.clone());
    }
    parts.join(" · ")
}

/// Every fact, one per line, for a tooltip or the row's details.
pub fn details(info: &MediaInfo) -> String {
    let fps = format!("{:.2}", info.frame_rate);
    let fps = fps.trim_end_matches('0').trim_end_matches('.');
    t!(
        "media-details",
        duration = info.duration_ms.map(clock).unwrap_or_default(),
        width = info.width,
        height = info.height,
        video = info.video_codec.clone().unwrap_or_default(),
        audio = info.audio_codec.clone().unwrap_or_default(),
        fps = fps,
        bitrate = (info.bitrate / 1000),
        container = info.container.as_str()
    )
}

/// Milliseconds as a playing time, rounded to the second.
pub fn clock(ms: i64) -> String {
    crate::app::format::clock(((ms.max(0) + 500) / 1000) as u64)
}

/// Where the row's frame is taken: a tenth in (the first frame is often black), at most 10 s.
fn frame_at(info: &MediaInfo) -> i64 {
    info.duration_ms.map_or(0, |d| (d / 10).min(10_000))
}

/// Probes `path` and takes its frame (on a worker thread of the runtime).
pub async fn probe(tools: Tools, key: u64, path: PathBuf) -> Probed {
    let input = path.to_string_lossy().into_owned();
    let result = match tools.probe(&input).await {
        Ok(info) => {
            let frame = if info.width > 0 {
                match tools.frame_png(&input, frame_at(&info), FRAME_WIDTH).await {
                    Ok(png) => decode(&png),
                    Err(e) => {
                        tracing::debug!("frame of {}: {e}", path.display());
                        None
                    }
                }
            } else {
                None
            };
            Ok((info, frame))
        }
        Err(e) => Err(e),
    };
    Probed { key, result }
}

fn decode(png: &[u8]) -> Option<egui::ColorImage> {
    let img = image::load_from_memory(png).ok()?.to_rgba8();
    let size = [img.width() as usize, img.height() as usize];
    Some(egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_summaries() {
        assert_eq!(clock(3_000), "0:03");
        assert_eq!(clock(3_725_400), "1:02:05");
        let info = MediaInfo {
            duration_ms: Some(3_000),
            width: 320,
            height: 240,
            video_codec: Some("h264".into()),
            ..Default::default()
        };
        assert_eq!(summary(&info), "0:03 · 240p");
        assert_eq!(frame_at(&info), 300);
    }
}
