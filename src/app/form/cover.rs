//! Cover image previews: decoded and scaled down off the UI thread, cached as textures.

use std::collections::HashMap;
use std::path::Path;

use eframe::egui;

/// Longest side of a preview, in pixels.
const PREVIEW_MAX: u32 = 320;

/// Decodes `path` into a small preview image, or says in one sentence why it cannot.
pub fn decode_preview(path: &Path) -> Result<egui::ColorImage, String> {
    let img = image::ImageReader::open(path)
        .map_err(|e| format!("{} cannot be opened ({e}).", path.display()))?
        .with_guessed_format()
        .map_err(|e| format!("{} cannot be read ({e}).", path.display()))?
        .decode()
        .map_err(|e| {
            format!(
                "{} is not a readable JPG or PNG image ({e}).",
                path.display()
            )
        })?;
    Ok(to_preview(&img))
}

/// Decodes downloaded image bytes (a cover from the service) into a preview.
pub fn decode_bytes(bytes: &[u8]) -> Result<egui::ColorImage, String> {
    let img = image::load_from_memory(bytes)
        .map_err(|e| format!("the cover is not a readable image ({e})."))?;
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

/// Previews by file path or URL; each is decoded once.
#[derive(Default)]
pub struct Previews {
    map: HashMap<String, Preview>,
}

impl Previews {
    #[cfg(test)]
    /// Whether `key` has been decoded and can be drawn.
    pub fn is_ready(&self, key: &str) -> bool {
        matches!(self.map.get(key), Some(Preview::Ready(_)))
    }

    /// The preview of `key`; `true` in the second place means "start loading it now".
    pub fn get(&mut self, key: &str) -> (&Preview, bool) {
        let fresh = !self.map.contains_key(key);
        let p = self.map.entry(key.to_string()).or_insert(Preview::Loading);
        (p, fresh)
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
        self.map.insert(key, p);
    }
}
