//! `GetVideoInfo(s)`, `GetMezzanineInfo`, `GetPlayInfo`, `UpdateVideoInfo(s)` and `DeleteVideo`
//! (§B.8). A video exists from `CreateUploadVideo` on; playback needs `Normal`. Updates change
//! only what is given, `Tags` replacing the whole set; their limits count bytes.

use serde_json::{Map, Value, json};

use super::{cover_object, video};
use crate::aliyun::Ctx;
use crate::aliyun::errors::{AliError, AliResult};
use crate::aliyun::media_urls::{cover_url, file_url};
use crate::aliyun::params::{self, Unit};
use crate::aliyun::render::{Seen, Snapshots, extras_of, seconds, status, time};
use crate::aliyun::templates;
use crate::http::Body;
use crate::library::assets::{self, Deletion, MetaChange, uploaded};
use crate::library::lifecycle::now_ms;
use crate::library::presets;
use crate::library::rows::{AssetRow, get_asset};
use crate::library::{extras, media as formats};

/// The video id of a call on one video.
fn video_id(p: &Body) -> AliResult<String> {
    p.opt_str("VideoId")?
        .ok_or_else(|| AliError::missing("VideoId"))
}

pub fn get_one(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let id = video_id(p)?;
    let conn = ctx.lib.db();
    let a = video(&conn, &id)?;
    let x = extras::get(&conn, &id)?;
    let seen = Seen::load(ctx, &conn)?;
    drop(conn);
    Ok(json!({ "Video": seen.video(&a, &x, Snapshots::Wrapped) }))
}

pub fn get_many(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let ids = params::id_list(p, "VideoIds", 20)?;
    let conn = ctx.lib.db();
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for id in &ids {
        match get_asset(&conn, id)? {
            Some(a) => found.push(a),
            None => missing.push(id.clone()),
        }
    }
    let xs = extras_of(&conn, &found)?;
    let seen = Seen::load(ctx, &conn)?;
    drop(conn);
    let list: Vec<Value> = found
        .iter()
        .map(|a| seen.video(a, &xs[&a.asset_id], Snapshots::Plain))
        .collect();
    Ok(json!({"VideoList": list, "NonExistVideoIds": missing}))
}

/// The video of a call that needs its original in place.
fn uploaded_video(ctx: &Ctx, p: &Body) -> AliResult<AssetRow> {
    let a = video(&ctx.lib.db(), &video_id(p)?)?;
    if !uploaded(&a) {
        return Err(AliError::illegal_status(status(&a, now_ms())));
    }
    Ok(a)
}

fn ext(a: &AssetRow) -> String {
    a.video_type.to_ascii_lowercase()
}

pub fn mezzanine(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let a = uploaded_video(ctx, p)?;
    let m = a.media.clone().unwrap_or_default();
    Ok(json!({
        "Mezzanine": {
            "VideoId": a.asset_id,
            "FileName": a.video_name,
            "FileURL": file_url(ctx, &a).unwrap_or_default(),
            "Size": a.size,
            "Status": "Normal",
            "CreationTime": time(a.create_time),
            "Duration": seconds(&a).to_string(),
            // Kbit/s, as Alibaba reports it.
            "Bitrate": (m.bitrate / 1000).to_string(),
            "Fps": m.frame_rate.to_string(),
            "Width": m.width,
            "Height": m.height,
            "FileMD5": "",
            "OutputType": "oss",
            "PreprocessStatus": "",
            "StorageClass": "Standard",
            "RestoreStatus": "",
            "RestoreExpiration": "",
            "AudioStreamList": [],
            "VideoStreamList": [],
        }
    }))
}

/// One `PlayInfo` (the local service plays the original bytes for every rendition).
fn play(a: &AssetRow, url: &str, definition: &str, format: &str, size: (i64, i64, i64)) -> Value {
    let (width, height, bitrate) = size;
    json!({
        "PlayURL": url,
        "Definition": definition,
        "Format": format,
        "Size": a.size,
        "Duration": seconds(a).to_string(),
        "Bitrate": bitrate.to_string(),
        "Width": width,
        "Height": height,
        "Fps": a.media.as_ref().map_or(0.0, |m| m.frame_rate).to_string(),
        "Encrypt": 0,
        "EncryptType": "",
        "StreamType": if formats::is_audio(&a.video_type) { "audio" } else { "video" },
        "Status": "Normal",
        "JobId": "",
        "JobType": 2,
        "Specification": "",
        "NarrowBandType": "0",
        "HDRType": "",
        "BitDepth": 8,
        "CodecName": "",
        "CreationTime": time(a.create_time),
        "ModificationTime": time(a.last_modified),
        "WatermarkId": "",
    })
}

pub fn play_info(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let a = video(&ctx.lib.db(), &video_id(p)?)?;
    let shown = status(&a, now_ms());
    if shown != "Normal" {
        return Err(AliError::illegal_status(shown));
    }
    let url = file_url(ctx, &a).unwrap_or_default();
    let group = a
        .template_group
        .as_ref()
        .and_then(|n| presets::by_name(&ctx.lib.db(), n).ok().flatten())
        .filter(|g| g.transcodes() && a.transcodes);
    let mut list: Vec<Value> = match &group {
        Some(g) => g
            .qualities
            .iter()
            .map(|q| {
                play(
                    &a,
                    &url,
                    &q.quality,
                    templates::format(g),
                    (q.width, q.height, q.bitrate),
                )
            })
            .collect(),
        None => vec![play(&a, &url, "OD", &ext(&a), (0, 0, 0))],
    };
    if let Some(wanted) = p.opt_str("Formats")? {
        let wanted: Vec<String> = wanted
            .split(',')
            .map(|f| f.trim().to_ascii_lowercase())
            .collect();
        list.retain(|v| {
            v["Format"]
                .as_str()
                .is_some_and(|f| wanted.iter().any(|w| w == f))
        });
    }
    Ok(json!({
        "PlayInfoList": { "PlayInfo": list },
        "VideoBase": {
            "VideoId": a.asset_id,
            "Title": a.title,
            "CoverURL": cover_url(ctx, &a).unwrap_or_default(),
            "Duration": seconds(&a).to_string(),
            "Status": shown,
            "MediaType": if formats::is_audio(&a.video_type) { "audio" } else { "video" },
            "CreationTime": time(a.create_time),
            "StorageClass": "Standard",
            "DanMuURL": "",
        },
    }))
}

/// Applies one update (`UpdateVideoInfo`, or an item of `UpdateVideoInfos`) to video `id`.
fn update(ctx: &Ctx, id: &str, p: &Body) -> AliResult<()> {
    let title = params::text(p, "Title", 128, Unit::Bytes)?;
    if title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        return Err(AliError::invalid("Title", "must not be blank"));
    }
    let description = params::text(p, "Description", 1024, Unit::Bytes)?;
    let tags = params::tags(p, Unit::Bytes)?;
    let cover = p
        .opt_str("CoverURL")?
        .map(|u| cover_object(ctx, &u))
        .transpose()?;
    let conn = ctx.lib.db();
    video(&conn, id)?;
    let category_id = params::category(&conn, p)?;
    let user_data = p.opt_str("UserData")?;
    assets::update_meta(
        &conn,
        id,
        MetaChange {
            title,
            description,
            tags,
            category_id,
        },
    )?;
    if let Some((key, kind)) = cover {
        assets::set_cover_key(&conn, id, &key, &kind)?;
    }
    if let Some(u) = user_data {
        extras::update(&conn, id, |m| {
            m.insert("UserData".into(), json!(u));
        })?;
    }
    Ok(())
}

pub fn update_one(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    update(ctx, &video_id(p)?, p)?;
    Ok(json!({}))
}

pub fn update_many(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let items = params::json_objects(p, "UpdateContent", 20)?;
    let mut missing = Vec::new();
    for item in &items {
        // Numbers in the JSON (CateId) read as they would from the query.
        let item = Body::from_map(
            item.map
                .iter()
                .map(|(k, v)| match v {
                    Value::Number(n) => (k.clone(), json!(n.to_string())),
                    other => (k.clone(), other.clone()),
                })
                .collect::<Map<String, Value>>(),
        );
        let id = video_id(&item)?;
        match update(ctx, &id, &item) {
            Err(e) if e.code == "InvalidVideo.NotFound" => missing.push(id),
            other => other?,
        }
    }
    Ok(json!({"NonExistVideoIds": missing, "ForbiddenVideoIds": []}))
}

pub fn delete(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let ids = params::id_list(p, "VideoIds", 20)?;
    let (mut missing, mut forbidden) = (Vec::new(), Vec::new());
    for (id, outcome) in ctx.lib.delete(ids, now_ms())? {
        match outcome {
            Deletion::Missing => missing.push(id),
            // A video being transcoded is not deleted under the running job.
            Deletion::Busy(_) => forbidden.push(id),
            Deletion::Done => {}
        }
    }
    Ok(json!({"NonExistVideoIds": missing, "ForbiddenVideoIds": forbidden}))
}
