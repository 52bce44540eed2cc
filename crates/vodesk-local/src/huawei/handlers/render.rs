//! Assets as Huawei JSON: `base_info`, transcoding outputs, thumbnail info (§9.2, §10.1).

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::huawei::Ctx;
use crate::huawei::status::format_time;
use crate::library::assets::uploaded;
use crate::library::lifecycle::{Progress, Stage};
use crate::library::presets::{Preset, Quality};
use crate::library::rows::AssetRow;

/// URL of the asset's cover; with `check`, only when the object is really there.
pub fn cover_url(ctx: &Ctx, a: &AssetRow, check: bool) -> Option<String> {
    let key = a.cover_key.as_ref()?;
    let bucket = ctx.lib.bucket();
    if check && !ctx.lib.object_exists(bucket, key) {
        return None;
    }
    Some(ctx.lib.presign_get(bucket, key))
}

/// URL of the original, once uploaded.
pub fn original_url(ctx: &Ctx, a: &AssetRow) -> Option<String> {
    uploaded(a).then(|| ctx.lib.presign_get(&a.bucket, &a.object_key))
}

/// Huawei's names for ffprobe's codecs (`UNKNOWN` for the rest, as the service says).
fn codec_name(ffprobe: Option<&str>) -> &'static str {
    match ffprobe.unwrap_or("") {
        "h264" => "H.264",
        "hevc" => "H.265",
        "mpeg2video" => "MPEG-2",
        "mpeg4" => "MPEG-4",
        "wmv1" | "wmv2" | "wmv3" => "WMV",
        "aac" => "AAC",
        "mp3" => "MP3",
        "mp2" => "MP2",
        "ac3" => "AC-3",
        "eac3" => "EAC-3",
        "flac" => "FLAC",
        "vorbis" => "Vorbis",
        "wavpack" => "WavPack",
        "ape" => "APE",
        c if c.starts_with("wma") => "WMA",
        c if c.starts_with("pcm_") => "PCM",
        c if c.starts_with("adpcm") => "ADPCM",
        c if c.starts_with("amr") => "AMR",
        _ => "UNKNOWN",
    }
}

/// `duration` (whole seconds, at least 1 for anything that plays) and `duration_ms`.
pub fn durations(a: &AssetRow) -> (i64, i64) {
    match a.duration_ms {
        Some(ms) if ms > 0 => ((ms / 1000).max(1), ms),
        _ => (0, 0),
    }
}

fn meta_data(a: &AssetRow) -> Value {
    let m = a.media.clone().unwrap_or_default();
    let (duration, duration_ms) = durations(a);
    let codec = codec_name(m.video_codec.as_deref().or(m.audio_codec.as_deref()));
    json!({"pack_type": a.video_type, "codec": codec,
           "audio_codec": codec_name(m.audio_codec.as_deref()),
           "duration": duration, "duration_ms": duration_ms,
           "video_size": a.size, "width": m.width, "hight": m.height, "height": m.height,
           "bit_rate": m.bitrate / 1000, "frame_rate": m.frame_rate.round() as i64, "quality": "",
           "audio_channels": m.audio_channels})
}

pub fn base_info(ctx: &Ctx, a: &AssetRow, cats: &HashMap<i64, String>) -> Value {
    let original = original_url(ctx, a);
    let covers: Vec<Value> = cover_url(ctx, a, true)
        .map(|u| vec![json!({"cover_url": u})])
        .unwrap_or_default();
    let bucket = ctx.lib.bucket();
    let subtitles: Vec<Value> = a
        .subtitles
        .iter()
        .filter(|s| ctx.lib.object_exists(bucket, &s.object_key))
        .map(|s| {
            json!({"url": ctx.lib.presign_get(bucket, &s.object_key), "id": s.id,
                   "type": s.kind, "language": s.language})
        })
        .collect();
    let mut v = json!({
        "title": a.title,
        "video_name": a.video_name,
        "description": a.description,
        "category_id": a.category_id,
        "category_name": cats.get(&a.category_id).cloned().unwrap_or_default(),
        "create_time": format_time(a.create_time),
        "last_modified": format_time(a.last_modified),
        "video_type": a.video_type,
        "tags": if a.tags.is_empty() { Value::Null } else { json!(a.tags) },
        "meta_data": meta_data(a),
        "video_url": original,
        "sign_url": original,
        "cover_info_array": covers,
        "subtitle_info": subtitles,
    });
    if !a.owns_object {
        v["source_path"] =
            json!({"bucket": a.bucket, "location": ctx.region, "object": a.object_key});
    }
    v
}

/// The renditions of a transcoded asset (none until transcoding succeeded).
pub fn outputs(ctx: &Ctx, a: &AssetRow, p: &Progress, presets: &[Preset]) -> Vec<Value> {
    if p.transcode != Stage::Succeeded {
        return vec![];
    }
    let Some(g) = a
        .template_group
        .as_ref()
        .and_then(|n| presets.iter().find(|g| &g.name == n))
    else {
        return vec![];
    };
    let url = ctx.lib.presign_get(&a.bucket, &a.object_key);
    let encrypted = i32::from(a.auto_encrypt);
    let (duration, duration_ms) = durations(a);
    let rendition = |q: &Quality| {
        json!({"play_type": g.format, "url": url, "group_id": g.id, "group_name": g.name,
               "encrypted": encrypted, "quality": q.quality,
               "meta_data": {"pack_type": g.format, "codec": "H.264", "duration": duration,
                             "duration_ms": duration_ms,
                             "video_size": a.size, "width": q.width, "hight": q.height,
                             "height": q.height, "bit_rate": q.bitrate, "frame_rate": 25,
                             "quality": q.quality, "audio_channels": 2}})
    };
    let mut out = Vec::new();
    if g.format == "HLS" {
        out.push(json!({"play_type": "HLS", "url": url, "group_id": g.id, "group_name": g.name,
                        "encrypted": encrypted, "quality": "",
                        "meta_data": {"pack_type": "HLS", "duration": duration, "video_size": 0, "width": 0,
                                      "hight": 0, "height": 0, "bit_rate": 0, "frame_rate": 0}}));
    }
    out.extend(g.qualities.iter().map(rendition));
    out
}

pub fn thumbnail_info(ctx: &Ctx, a: &AssetRow, p: &Progress) -> Value {
    let thumbnail_status = crate::huawei::status::thumbnail(p.thumbnails);
    let mut v = json!({"thumbnail_status": thumbnail_status, "exec_desc": ""});
    if p.thumbnails == Stage::Succeeded {
        let shots: Vec<Value> = a
            .snapshots
            .iter()
            .map(|s| json!({"offset": s.offset, "url": ctx.lib.presign_get(ctx.lib.bucket(), &s.key)}))
            .collect();
        let kind = a
            .thumbnail
            .as_ref()
            .and_then(|t| t["type"].as_str())
            .unwrap_or("time");
        let field = if kind == "time" { "sample" } else { kind };
        v[field] = json!(shots);
        v["exec_desc"] = json!("Thumbnail success");
    }
    v
}
