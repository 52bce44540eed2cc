//! Media as Tencent JSON (`MediaInfo`, §A.8): `BasicInfo`, `MetaData`, `TranscodeInfo`,
//! `AdaptiveDynamicStreamingInfo`; class ids and levels between the library's tree and
//! Tencent's (class 0 is the library's default category, top-level parents are -1, levels 0–3).

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Ctx;
use super::procedures::{ADAPTIVE_DEFINITION, definition};
use crate::library::assets::uploaded;
use crate::library::categories::{self, Category};
use crate::library::lifecycle::{Progress, Stage};
use crate::library::media;
use crate::library::presets::Preset;
use crate::library::rows::AssetRow;

/// `MediaInfo` blocks `Filters` may name (§A.8); only some have content here.
pub const FILTERS: &[&str] = &[
    "basicInfo",
    "metaData",
    "transcodeInfo",
    "animatedGraphicsInfo",
    "imageSpriteInfo",
    "snapshotByTimeOffsetInfo",
    "sampleSnapshotInfo",
    "keyFrameDescInfo",
    "adaptiveDynamicStreamingInfo",
    "miniProgramReviewInfo",
    "subtitleInfo",
    "reviewInfo",
    "mpsAiMediaInfo",
    "knowledgeBasesInfo",
];

/// `ExpireTime` of a media that never expires.
pub const NEVER: &str = "9999-12-31T23:59:59Z";

pub fn time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Tencent's class id of a library category.
pub fn class_out(id: i64) -> i64 {
    if id == categories::OTHER { 0 } else { id }
}

/// The library category of a Tencent class id (0 is the default class).
pub fn class_in(id: i64) -> i64 {
    if id == 0 { categories::OTHER } else { id }
}

/// The class tree, for names and paths.
pub struct Classes(HashMap<i64, Category>);

impl Classes {
    pub fn load(conn: &rusqlite::Connection) -> crate::library::Result<Self> {
        Ok(Classes(
            categories::all(conn)?
                .into_iter()
                .map(|c| (c.id, c))
                .collect(),
        ))
    }

    pub fn name(&self, id: i64) -> String {
        self.0.get(&id).map(|c| c.name.clone()).unwrap_or_default()
    }

    /// Names from the top down to `id`, joined with `-` (empty for the default class).
    pub fn path(&self, id: i64) -> String {
        let mut names = Vec::new();
        let mut cur = self.0.get(&id);
        while let Some(c) = cur.filter(|c| c.id != categories::OTHER) {
            names.push(c.name.clone());
            cur = self.0.get(&c.parent_id);
        }
        names.reverse();
        names.join("-")
    }
}

/// Which blocks to render.
pub struct Blocks(Vec<String>);

impl Blocks {
    /// `None` or empty: every block.
    pub fn new(filters: Option<Vec<String>>) -> Self {
        Blocks(filters.unwrap_or_default())
    }

    fn want(&self, block: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|b| b == block)
    }
}

fn ext(a: &AssetRow) -> String {
    a.video_type.to_ascii_lowercase()
}

fn media_base(ctx: &Ctx, a: &AssetRow) -> String {
    format!("{}/media/{}", ctx.public_url, a.asset_id)
}

/// The original's URL, while the original is kept.
pub fn media_url(ctx: &Ctx, a: &AssetRow) -> Option<String> {
    (uploaded(a) && ctx.lib.object_exists(&a.bucket, &a.object_key))
        .then(|| format!("{}/f0.{}", media_base(ctx, a), ext(a)))
}

/// The cover's URL, when there is a cover object.
pub fn cover_url(ctx: &Ctx, a: &AssetRow) -> Option<String> {
    let key = a.cover_key.as_ref()?;
    if !ctx.lib.object_exists(ctx.lib.bucket(), key) {
        return None;
    }
    let ext = a
        .cover_type
        .as_deref()
        .map(str::to_ascii_lowercase)
        .unwrap_or_else(|| "png".into());
    Some(format!("{}/cover.{ext}", media_base(ctx, a)))
}

pub fn status(a: &AssetRow) -> &'static str {
    if a.published { "Normal" } else { "Forbidden" }
}

pub fn basic_info(ctx: &Ctx, a: &AssetRow, classes: &Classes) -> Value {
    let category = if media::is_audio(&a.video_type) {
        "Audio"
    } else {
        "Video"
    };
    json!({
        "Name": a.title,
        "Description": a.description,
        "CreateTime": time(a.create_time),
        "UpdateTime": time(a.last_modified),
        "ExpireTime": a.expires_at.map_or_else(|| NEVER.to_string(), time),
        "ClassId": class_out(a.category_id),
        "ClassName": classes.name(a.category_id),
        "ClassPath": classes.path(a.category_id),
        "CoverUrl": cover_url(ctx, a).unwrap_or_default(),
        "Type": ext(a),
        "MediaUrl": media_url(ctx, a).unwrap_or_default(),
        "SourceInfo": {"SourceType": "Upload", "SourceContext": ""},
        "StorageRegion": ctx.region,
        "TagSet": tags(a),
        "Vid": "",
        "Category": category,
        "Status": status(a),
        "StorageClass": "STANDARD",
    })
}

pub fn tags(a: &AssetRow) -> Vec<String> {
    a.tags
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// What the local service knows of the file: its size and container, and what ffprobe read
/// in it when the machine has ffmpeg.
pub fn meta_data(a: &AssetRow) -> Value {
    let m = a.media.clone().unwrap_or_default();
    let seconds = a.duration_ms.unwrap_or(0) as f64 / 1000.0;
    let video: Vec<Value> = m.video_codec.iter().map(|c| json!({
        "Bitrate": m.bitrate, "Height": m.height, "Width": m.width, "Codec": c,
        "Fps": m.frame_rate.round() as i64, "CodecTag": "", "DynamicRangeInfo": {"Type": "SDR"},
    })).collect();
    let audio: Vec<Value> = m
        .audio_codec
        .iter()
        .map(|c| {
            json!({
                "Bitrate": 0, "SamplingRate": 0, "Codec": c, "Channel": m.audio_channels,
            })
        })
        .collect();
    json!({
        "Size": a.size,
        "Container": ext(a),
        "Bitrate": m.bitrate, "Height": m.height, "Width": m.width,
        "Duration": seconds,
        "VideoDuration": if video.is_empty() { 0.0 } else { seconds },
        "AudioDuration": if audio.is_empty() { 0.0 } else { seconds },
        "Rotate": 0,
        "VideoStreamSet": video, "AudioStreamSet": audio,
        "Md5": "",
    })
}

fn flow<'a>(a: &AssetRow, presets: &'a [Preset]) -> Option<&'a Preset> {
    let name = a.template_group.as_ref()?;
    presets.iter().find(|p| &p.name == name)
}

/// The renditions, once the flow's transcoding succeeded; `None` when none was asked for.
pub fn transcode_info(ctx: &Ctx, a: &AssetRow, p: &Progress, presets: &[Preset]) -> Value {
    if p.transcode == Stage::NotRequested {
        return Value::Null;
    }
    let Some(f) = flow(a, presets).filter(|f| f.format != "HLS") else {
        return Value::Null;
    };
    let mut set = Vec::new();
    if p.transcode == Stage::Succeeded {
        let base = media_base(ctx, a);
        set.push(rendition(format!("{base}/f0.{}", ext(a)), 0, a, 0, 0, 0));
        for q in &f.qualities {
            let d = definition(&f.format, &q.quality);
            set.push(rendition(
                format!("{base}/v.f{d}.mp4"),
                d,
                a,
                q.width,
                q.height,
                q.bitrate * 1000,
            ));
        }
    }
    json!({ "TranscodeSet": set })
}

fn rendition(url: String, d: i64, a: &AssetRow, width: i64, height: i64, bitrate: i64) -> Value {
    json!({
        "Url": url, "Definition": d, "Bitrate": bitrate, "Height": height, "Width": width,
        "Size": a.size, "Duration": a.duration_ms.unwrap_or(0) as f64 / 1000.0, "Md5": "",
        "Container": "mp4",
        "VideoStreamSet": [], "AudioStreamSet": [], "DigitalWatermarkType": "None",
    })
}

/// The adaptive stream of an HLS flow, once it succeeded.
pub fn adaptive_info(ctx: &Ctx, a: &AssetRow, p: &Progress, presets: &[Preset]) -> Value {
    match flow(a, presets) {
        Some(f) if f.format == "HLS" && p.transcode == Stage::Succeeded => json!({
            "AdaptiveDynamicStreamingSet": [{
                "Definition": ADAPTIVE_DEFINITION, "Package": "HLS", "DrmType": "",
                "Url": format!("{}/adp.{ADAPTIVE_DEFINITION}.m3u8", media_base(ctx, a)),
                "Size": a.size, "DigitalWatermarkType": "None", "SubStreamSet": [],
            }]
        }),
        _ => Value::Null,
    }
}

/// One `MediaInfo` with the blocks asked for (the others null).
pub fn media_info(
    ctx: &Ctx,
    a: &AssetRow,
    now: i64,
    classes: &Classes,
    presets: &[Preset],
    blocks: &Blocks,
) -> Value {
    let p = Progress::of(a, now);
    let mut v = json!({"FileId": a.asset_id});
    let mut set = |name: &str, key: &str, make: &dyn Fn() -> Value| {
        v[key] = if blocks.want(name) {
            make()
        } else {
            Value::Null
        };
    };
    set("basicInfo", "BasicInfo", &|| basic_info(ctx, a, classes));
    set("metaData", "MetaData", &|| meta_data(a));
    set("transcodeInfo", "TranscodeInfo", &|| {
        transcode_info(ctx, a, &p, presets)
    });
    set(
        "adaptiveDynamicStreamingInfo",
        "AdaptiveDynamicStreamingInfo",
        &|| adaptive_info(ctx, a, &p, presets),
    );
    v
}
