//! Cover image previews: decoded and scaled down off the UI thread, cached as textures.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
    let small = img.thumbnail(PREVIEW_MAX, PREVIEW_MAX).to_rgba8();
    let size = [small.width() as usize, small.height() as usize];
    Ok(egui::ColorImage::from_rgba_unmultiplied(
        size,
        small.as_raw(),
    ))
}

pub enum Preview {
    Loading,
    Ready(egui::TextureHandle),
    Failed(String),
}

/// Previews by path; a path is decoded once.
#[derive(Default)]
pub struct Previews {
    map: HashMap<PathBuf, Preview>,
}

impl Previews {
    /// The preview of `path`; `true` in the second place means "start decoding it now".
    pub fn get(&mut self, path: &Path) -> (&Preview, bool) {
        let fresh = !self.map.contains_key(path);
        let p = self
            .map
            .entry(path.to_path_buf())
            .or_insert(Preview::Loading);
        (p, fresh)
    }

    pub fn loaded(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        r: Result<egui::ColorImage, String>,
    ) {
        let p = match r {
            Ok(img) => Preview::Ready(ctx.load_texture(
                format!("cover:{}", path.display()),
                img,
                egui::TextureOptions::LINEAR,
            )),
            Err(e) => Preview::Failed(e),
        };
        self.map.insert(path, p);
    }
}
