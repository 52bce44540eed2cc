//! What the app remembers between runs (eframe storage): layout, theme, limits, defaults.
//! Never a secret: profiles and keys live with the credentials code.

use serde::{Deserialize, Serialize};
use vodesk_core::model::UploadMetadata;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct UiSettings {
    pub theme: ThemePref,
    /// The language of every string (applied as soon as it changes).
    pub language: crate::i18n::Language,
    pub show_left: bool,
    pub show_right: bool,
    pub show_notifications: bool,
    /// MiB per second; 0 = unlimited.
    /// MiB/s, in tenths (0 = no limit).
    pub bandwidth_mib: f64,
    pub concurrent_files: usize,
    pub parts_per_file: usize,
    /// Multipart part size in MiB (read when the app starts).
    pub part_size_mib: u32,
    /// Title pattern for new rows ("" = the file name).
    pub title_pattern: String,
    /// Metadata new rows start with.
    pub defaults: UploadMetadata,
    /// The program Open and Play use ("": the system's default handler).
    pub open_with: String,
}

impl Default for UiSettings {
    fn default() -> Self {
        UiSettings {
            theme: ThemePref::System,
            language: crate::i18n::Language::System,
            show_left: true,
            show_right: true,
            show_notifications: false,
            bandwidth_mib: 0.0,
            concurrent_files: 4,
            parts_per_file: 4,
            part_size_mib: 10,
            title_pattern: String::new(),
            defaults: UploadMetadata::default(),
            open_with: String::new(),
        }
    }
}

pub const STORAGE_KEY: &str = "vodesk-ui";

/// The settings eframe kept from the last run (defaults the first time, or when unreadable).
pub fn load(storage: Option<&dyn eframe::Storage>) -> UiSettings {
    storage
        .and_then(|s| eframe::get_value(s, STORAGE_KEY))
        .unwrap_or_default()
}

/// Part sizes the engine accepts, in MiB (the same range as `vodesk upload --part-size`).
pub const PART_SIZE_MIB: std::ops::RangeInclusive<u32> = 1..=5120;

pub fn part_size_bytes(mib: u32) -> u64 {
    u64::from(mib.clamp(*PART_SIZE_MIB.start(), *PART_SIZE_MIB.end())) * 1024 * 1024
}

/// The engine's bandwidth limit (bytes/s, 0 = none) for a limit in MiB/s; tenths count.
pub fn bandwidth_bytes(mib: f64) -> u64 {
    if mib.is_finite() && mib > 0.0 {
        (mib.min(10_000.0) * 1024.0 * 1024.0) as u64
    } else {
        0
    }
}
