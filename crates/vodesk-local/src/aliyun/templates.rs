//! Transcoding template groups (`TemplateGroupId`, §B.8): the library's presets under Alibaba
//! names, each rendition named by its Alibaba definition (`FD`, `LD`, `SD`, `HD`). The built-in
//! "No Transcoding" group keeps the original as it is; the default group transcodes, as a new
//! account's does.

use crate::library::presets::{NON_TRANSCODING, Preset, Quality, q};

/// `Locked` of the built-in groups (they cannot be changed); custom groups are `Disabled`.
pub const SYSTEM: &str = "system_template_group";

fn group(
    id: &str,
    name: &str,
    kind: &str,
    format: &str,
    default: bool,
    qualities: Vec<Quality>,
) -> Preset {
    Preset {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        format: format.into(),
        is_default: default,
        auto_encrypt: 0,
        qualities,
        description: String::new(),
    }
}

/// What a new Alibaba library offers; ids are 32 hex digits like the real ones.
pub fn defaults() -> Vec<Preset> {
    vec![
        group(
            "a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "No Transcoding",
            NON_TRANSCODING,
            "",
            false,
            vec![],
        ),
        group(
            "3b0c1d2e3f405162738495a6b7c8d9e0",
            "Default",
            SYSTEM,
            "MP4",
            true,
            vec![q("LD", 854, 480, 800), q("SD", 1280, 720, 1500)],
        ),
        group(
            "7f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "MP4 HD",
            "custom_template_group",
            "MP4",
            false,
            vec![q("HD", 1920, 1080, 3000)],
        ),
        group(
            "c0ffee00aa11bb22cc33dd44ee55ff66",
            "HLS Adaptive",
            "custom_template_group",
            "HLS",
            false,
            vec![
                q("FD", 640, 360, 400),
                q("LD", 854, 480, 800),
                q("SD", 1280, 720, 1500),
            ],
        ),
    ]
}

/// The playback format of a group's renditions (`mp4`, `m3u8`).
pub fn format(p: &Preset) -> &'static str {
    if p.format == "HLS" { "m3u8" } else { "mp4" }
}
