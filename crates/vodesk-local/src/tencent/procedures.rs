//! Task flows (`Procedure`, §A.8): the library's presets under Tencent names, each rendition a
//! preset transcode template `Definition` (MP4 100010–100040, HLS 100210–100240 by quality) and
//! HLS presets as adaptive streaming (template 10). Uploads and pulls name a flow; no flow is
//! "no processing" (Tencent has no no-transcoding flow).

use serde_json::{Value, json};

use crate::library::presets::{Preset, Quality, q};

/// `Type` of the built-in flows; the others are `Custom`.
pub const PRESET: &str = "Preset";
pub const CUSTOM: &str = "Custom";

fn flow(
    id: u8,
    name: &str,
    kind: &str,
    format: &str,
    qualities: Vec<Quality>,
    comment: &str,
) -> Preset {
    Preset {
        id: format!("{id:032}"),
        name: name.into(),
        kind: kind.into(),
        format: format.into(),
        is_default: false,
        auto_encrypt: 0,
        qualities,
        description: comment.into(),
    }
}

/// What a new Tencent library offers.
pub fn defaults() -> Vec<Preset> {
    vec![
        flow(
            1,
            "LongVideoPreset",
            PRESET,
            "MP4",
            vec![
                q("FLU", 640, 360, 400),
                q("SD", 854, 480, 800),
                q("HD", 1280, 720, 1500),
            ],
            "MP4 in three qualities (modelled on the built-in LongVideoPreset)",
        ),
        flow(
            2,
            "MP4-HD",
            CUSTOM,
            "MP4",
            vec![q("HD", 1280, 720, 1500)],
            "MP4, HD only",
        ),
        flow(
            3,
            "HLS-Adaptive",
            CUSTOM,
            "HLS",
            vec![q("SD", 854, 480, 800), q("HD", 1280, 720, 1500)],
            "Adaptive HLS in two qualities",
        ),
    ]
}

/// The preset transcode template of one rendition.
pub fn definition(format: &str, quality: &str) -> i64 {
    let step = match quality {
        "FLU" | "FLUENT" => 10,
        "SD" => 20,
        "HD" => 30,
        _ => 40,
    };
    if format == "HLS" {
        100_200 + step
    } else {
        100_000 + step
    }
}

/// The adaptive-streaming template of HLS flows.
pub const ADAPTIVE_DEFINITION: i64 = 10;

/// `MediaProcessTask` of a flow, as `DescribeProcedureTemplates` shows it.
pub fn media_process_task(p: &Preset) -> Value {
    let transcodes: Vec<Value> = if p.format == "HLS" {
        vec![]
    } else {
        p.qualities
            .iter()
            .map(|q| json!({"Definition": definition(&p.format, &q.quality), "WatermarkSet": [], "MosaicSet": [], "HeadTailSet": []}))
            .collect()
    };
    let adaptive: Vec<Value> = if p.format == "HLS" {
        vec![json!({"Definition": ADAPTIVE_DEFINITION, "WatermarkSet": []})]
    } else {
        vec![]
    };
    json!({
        "TranscodeTaskSet": transcodes,
        "AnimatedGraphicTaskSet": [],
        "SnapshotByTimeOffsetTaskSet": [],
        "SampleSnapshotTaskSet": [],
        "ImageSpriteTaskSet": [],
        "CoverBySnapshotTaskSet": [],
        "AdaptiveDynamicStreamingTaskSet": adaptive,
    })
}
