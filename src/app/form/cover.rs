//! Cover image previews: decoded and scaled down off the UI thread, cached as textures.

use std::collections::HashMap;
use std::path::Path;

use eframe::egui;

/// Longest side of a preview, in pixels.
const PREVIEW_MAX: u32 = 320;

/// Decodes `path` into a small preview image, or says in one sentence why it cannot.
pub fn decode_preview(path: &Path) -> Result<egui::ColorImage, String> {
    let shown = path.display().to_string();
    let img = image::ImageReader::open(path)
        .map_err(|e| {
            t!(
                "cover-not-opened",
                path = shown.as_str(),
                error = (e.to_string())
            )
        })?
        .with_guessed_format()
        .map_err(|e| {
            t!(
                "cover-not-read",
                path = shown.as_str(),
                error = (e.to_string())
            )
        })?
        .decode()
        .map_err(|e| {
            t!(
                "cover-not-image",
                path = shown.as_str(),
                error = (e.to_string())
            )
        })?;
    Ok(to_preview(&img))
}

/// Decodes downloaded image bytes (a cover from the service) into a preview.
pub fn decode_bytes(bytes: &[u8]) -> Result<egui::ColorImage, String> {
    let img = image::load_from_memory(bytes)
        .map_err(|e| t!("cover-not-image-data", error = (e.to_string())))?;
    Ok(to_preview(&img))
}

fn to_preview(img: &image::DynamicImage) -> egui::ColorImage {
    let small = img.thumbnail(PREVIEW_MAX, PREVIEW_MAX).to_rgba8();
    let size = [small.width() as usize, small.height() as usize];
    egui::ColorImage::from_rgba_unmultiplied(size, small.as_raw())
}

pub enum Preview {
    Loading,
    Ready(egui::TextureHandle),
    Failed(String),
}

/// Previews kept at most: a long browsing session would otherwise keep every cover and
/// snapshot it ever showed (about 400 KB each).
pub const MAX_PREVIEWS: usize = 256;

/// Previews by file path or URL; each is decoded once while it stays among the
/// [`MAX_PREVIEWS`] most recently shown.
#[derive(Default)]
pub struct Previews {
    map: HashMap<String, (Preview, u64)>,
    /// Bumped on every use: the entry with the lowest mark is the least recently shown.
    clock: u64,
}

impl Previews {
    #[cfg(test)]
    /// Whether `key` has been decoded and can be drawn.
    pub fn is_ready(&self, key: &str) -> bool {
        matches!(self.map.get(key), Some((Preview::Ready(_), _)))
    }

    /// The preview of `key`; `true` in the second place means "start loading it now".
    pub fn get(&mut self, key: &str) -> (&Preview, bool) {
        self.clock += 1;
        let fresh = !self.map.contains_key(key);
        let e = self
            .map
            .entry(key.to_string())
            .or_insert((Preview::Loading, 0));
        e.1 = self.clock;
        (&e.0, fresh)
    }

    pub fn loaded(
        &mut self,
        ctx: &egui::Context,
        key: String,
        r: Result<egui::ColorImage, String>,
    ) {
        let p = match r {
            Ok(img) => Preview::Ready(ctx.load_texture(
                format!("cover:{key}"),
                img,
                egui::TextureOptions::LINEAR,
            )),
            Err(e) => Preview::Failed(e),
        };
        self.clock += 1;
        self.map.insert(key, (p, self.clock));
        self.evict();
    }

    /// Drops the least recently shown previews beyond the cap (their textures are freed with
    /// their handles); ones still loading stay, their answer is on its way.
    fn evict(&mut self) {
        let over = self.map.len().saturating_sub(MAX_PREVIEWS);
        if over == 0 {
            return;
        }
        let mut done: Vec<(u64, String)> = self
            .map
            .iter()
            .filter(|(_, (p, _))| !matches!(p, Preview::Loading))
            .map(|(k, (_, used))| (*used, k.clone()))
            .collect();
        done.sort_unstable();
        for (_, k) in done.into_iter().take(over) {
            self.map.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_most_recently_shown_previews_are_kept() {
        let ctx = egui::Context::default();
        let mut p = Previews::default();
        let pixel = || Ok(egui::ColorImage::new([1, 1], vec![egui::Color32::RED]));
        p.loaded(&ctx, "first".into(), pixel());
        for i in 0..MAX_PREVIEWS + 40 {
            // "first" is looked at all along; the others once each.
            assert!(!p.get("first").1);
            p.loaded(&ctx, format!("cover {i}"), pixel());
        }
        assert_eq!(p.map.len(), MAX_PREVIEWS);
        assert!(p.is_ready("first"));
        assert!(p.is_ready(&format!("cover {}", MAX_PREVIEWS + 39)));
        // The oldest went; shown again, it is loaded again.
        assert!(!p.is_ready("cover 0"));
        assert!(p.get("cover 0").1);
    }
}
