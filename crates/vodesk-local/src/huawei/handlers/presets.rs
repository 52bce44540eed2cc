//! Transcoding template groups (§12): the legacy list
//! `GET /v1.0/{p}/asset/template_group/transcodings` and the v2 list
//! `GET /v2/{p}/asset/template/transcodings`.

use axum::response::Response;
use serde_json::{Value, json};

use crate::http::{self, Call};
use crate::huawei::Ctx;
use crate::huawei::errors::{ApiError, ApiResult};
use crate::library::filter::Page;
use crate::library::presets::{self, Preset, PresetQuery, Quality};

/// A quality's `video` object; the two API versions differ only in `frame_rate`.
fn video_json(q: &Quality, frame_rate: i64) -> Value {
    json!({"quality": q.quality, "width": q.width, "height": q.height, "bitrate": q.bitrate,
           "frame_rate": frame_rate})
}

/// Legacy (`QueryTemplateGroupRsp.template_group_list[]`) shape.
fn legacy_json(p: &Preset) -> Value {
    let quality_info_list: Vec<Value> = p
        .qualities
        .iter()
        .map(|q| {
            json!({
                "video": video_json(q, 1),
                "audio": {"sample_rate": 1, "bitrate": 128, "channels": 2},
                "format": p.format,
            })
        })
        .collect();
    json!({
        "group_id": p.id,
        "name": p.name,
        "status": if p.is_default { "1" } else { "0" },
        "type": p.kind,
        "auto_encrypt": p.auto_encrypt,
        "quality_info_list": quality_info_list,
        "watermark_template_ids": [],
        "description": p.description,
        "common": {"pvc": "0", "pvc_version": "", "video_codec": "H264", "audio_codec": "AAC",
                   "hls_interval": 5},
    })
}

/// v2 (`TransTemplateRsp`) shape.
fn v2_json(p: &Preset) -> Value {
    let quality_info_list: Vec<Value> = p
        .qualities
        .iter()
        .map(|q| {
            json!({
                "video": video_json(q, 0),
                "audio": {"sample_rate": "AUDIO_SAMPLE_AUTO", "channels": "AUDIO_CHANNELS_2",
                          "bitrate": 128},
            })
        })
        .collect();
    json!({
        "group_id": p.id,
        "name": p.name,
        "is_default": p.is_default,
        "is_auto_encrypt": p.auto_encrypt == 1,
        "quality_info_list": quality_info_list,
        "watermark_template_ids": [],
        "description": p.description,
        "common": {"pvc": false, "video_codec": "H264", "audio_codec": "AAC", "is_black_cut": false,
                   "format": if p.format.is_empty() { "UNKNOW" } else { p.format.as_str() },
                   "hls_interval": 5, "upsample": false, "adaptation": "NONE", "preset": 0,
                   "hls_segment_type": "TS"},
        "type": p.kind,
        "additional_manifests": [],
    })
}

/// `GET /v1.0/{p}/asset/template_group/transcodings`.
pub fn list_legacy(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let q = &call.query;
    let page = q.int_in("page", 0, i64::from(i32::MAX))?.unwrap_or(0);
    let size = q.int_in("size", 1, 100)?.unwrap_or(10);
    // `status` is "1" for the default group and "0" for the others.
    let found = match q.get("status") {
        Some(s) if s != "0" && s != "1" => vec![],
        status => {
            let query = PresetQuery {
                is_default: status.map(|s| s == "1"),
                ..Default::default()
            };
            presets::find(&ctx.lib.db(), &query)?
        }
    };
    if let Some(id) = q.get("group_id") {
        let found: Vec<Value> = found
            .iter()
            .filter(|g| g.id == id)
            .map(legacy_json)
            .collect();
        if found.is_empty() {
            return Err(ApiError::illegal_403("group_id", "no such template group"));
        }
        return Ok(http::json(
            json!({"template_group_list": found, "total": 1, "error_code": null, "error_msg": null}),
        ));
    }
    let total = found.len();
    let list: Vec<Value> = Page::numbered(page, size)
        .of(&found)
        .into_iter()
        .map(legacy_json)
        .collect();
    Ok(http::json(
        json!({"template_group_list": list, "total": total, "error_code": null, "error_msg": null}),
    ))
}

/// `GET /v2/{p}/asset/template/transcodings`.
pub fn list_v2(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let q = &call.query;
    // `offset` is a page number (Huawei's v2 paging convention).
    let offset = q.int_in("offset", 0, i64::from(i32::MAX))?.unwrap_or(0);
    let limit = q.int_in("limit", 1, 100)?.unwrap_or(10);
    let is_default = match q.get("is_default") {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return Err(ApiError::illegal("is_default", "must be true or false")),
    };
    let query = PresetQuery {
        id: q.get("group_id").map(str::to_string),
        is_default,
        text: q.get("query_string").map(str::to_string),
    };
    let found = presets::find(&ctx.lib.db(), &query)?;
    let list: Vec<Value> = Page::numbered(offset, limit)
        .of(&found)
        .into_iter()
        .map(v2_json)
        .collect();
    Ok(http::json(
        json!({"template_group_list": list, "total": found.len()}),
    ))
}
