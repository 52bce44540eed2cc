//! A CJK-capable fallback font, so Chinese titles and file names never render as boxes. egui
//! bundles none; eframe's system-font fallback helps in the real window but not in headless
//! tests, so a known system font is installed explicitly (after egui's own fonts, so Latin
//! text keeps them). `VODESK_CJK_FONT` names another file.

use std::path::PathBuf;

use eframe::egui::{
    self, FontData, FontFamily,
    epaint::text::{FontInsert, FontPriority, InsertFontFamily},
};

/// Common locations of CJK fonts (Debian/Ubuntu packages, Fedora, macOS, Windows).
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
];

/// The first CJK font file found.
pub fn find_cjk_font() -> Option<PathBuf> {
    std::env::var_os("VODESK_CJK_FONT")
        .map(PathBuf::from)
        .into_iter()
        .chain(CANDIDATES.iter().map(PathBuf::from))
        .find(|p| p.is_file())
}

/// Installs the CJK fallback; returns the file used, or `None` when the machine has none
/// (the app then relies on eframe's system-font fallback).
pub fn install(ctx: &egui::Context) -> Option<PathBuf> {
    let path = find_cjk_font()?;
    let bytes = std::fs::read(&path).ok()?;
    ctx.add_font(FontInsert {
        name: "vodesk-cjk".into(),
        data: FontData::from_owned(bytes),
        families: [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    });
    Some(path)
}
