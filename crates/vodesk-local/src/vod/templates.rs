//! Transcoding template groups (§12): the default set, the legacy list
//! `GET /v1.0/{p}/asset/template_group/transcodings` and the v2 list
//! `GET /v2/{p}/asset/template/transcodings`.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult};
use super::request::Query;

pub const NON_TRANSCODING: &str = "non_transcoding_template_group";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Quality {
    pub quality: String,
    pub width: i64,
    pub height: i64,
    pub bitrate: i64,
}

/// One template group as stored (JSON in `template_groups.json`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TemplateGroup {
    pub group_id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// `MP4`, `HLS` or `""` for the no-transcoding group.
    pub format: String,
    pub is_default: bool,
    pub auto_encrypt: i64,
    pub qualities: Vec<Quality>,
    pub description: String,
}

impl TemplateGroup {
    pub fn transcodes(&self) -> bool {
        self.kind != NON_TRANSCODING
    }

    /// Legacy (`QueryTemplateGroupRsp.template_group_list[]`) shape.
    pub fn legacy_json(&self) -> Value {
        let quality_info_list: Vec<Value> = self
            .qualities
            .iter()
            .map(|q| {
                json!({
                    "video": {"quality": q.quality, "width": q.width, "height": q.height,
                              "bitrate": q.bitrate, "frame_rate": 1},
                    "audio": {"sample_rate": 1, "bitrate": 128, "channels": 2},
                    "format": self.format,
                })
            })
            .collect();
        json!({
            "group_id": self.group_id,
            "name": self.name,
            "status": if self.is_default { "1" } else { "0" },
            "type": self.kind,
            "auto_encrypt": self.auto_encrypt,
            "quality_info_list": quality_info_list,
            "watermark_template_ids": [],
            "description": self.description,
            "common": {"pvc": "0", "pvc_version": "", "video_codec": "H264", "audio_codec": "AAC",
                       "hls_interval": 5},
        })
    }

    /// v2 (`TransTemplateRsp`) shape.
    pub fn v2_json(&self) -> Value {
        let quality_info_list: Vec<Value> = self
            .qualities
            .iter()
            .map(|q| {
                json!({
                    "video": {"quality": q.quality, "width": q.width, "height": q.height,
                              "bitrate": q.bitrate, "frame_rate": 0},
                    "audio": {"sample_rate": "AUDIO_SAMPLE_AUTO", "channels": "AUDIO_CHANNELS_2",
                              "bitrate": 128},
                })
            })
            .collect();
        json!({
            "group_id": self.group_id,
            "name": self.name,
            "is_default": self.is_default,
            "is_auto_encrypt": self.auto_encrypt == 1,
            "quality_info_list": quality_info_list,
            "watermark_template_ids": [],
            "description": self.description,
            "common": {"pvc": false, "video_codec": "H264", "audio_codec": "AAC", "is_black_cut": false,
                       "format": if self.format.is_empty() { "UNKNOW" } else { self.format.as_str() },
                       "hls_interval": 5, "upsample": false, "adaptation": "NONE", "preset": 0,
                       "hls_segment_type": "TS"},
            "type": self.kind,
            "additional_manifests": [],
        })
    }
}

fn q(quality: &str, width: i64, height: i64, bitrate: i64) -> Quality {
    Quality {
        quality: quality.into(),
        width,
        height,
        bitrate,
    }
}

pub fn default_groups() -> Vec<TemplateGroup> {
    vec![
        TemplateGroup {
            group_id: "00000000000000000000000000000001".into(),
            name: "no_transcoding".into(),
            kind: NON_TRANSCODING.into(),
            format: String::new(),
            is_default: false,
            auto_encrypt: 0,
            qualities: vec![],
            description: "Keep the original file, no transcoding".into(),
        },
        TemplateGroup {
            group_id: "00000000000000000000000000000002".into(),
            name: "system_template_group".into(),
            kind: "system_template_group".into(),
            format: "MP4".into(),
            is_default: true,
            auto_encrypt: 0,
            qualities: vec![q("SD", 854, 480, 800), q("HD", 1280, 720, 1500)],
            description: "MP4 in SD and HD".into(),
        },
        TemplateGroup {
            group_id: "00000000000000000000000000000003".into(),
            name: "HD-MP4".into(),
            kind: "custom_template_group".into(),
            format: "MP4".into(),
            is_default: false,
            auto_encrypt: 0,
            qualities: vec![q("HD", 1280, 720, 1500)],
            description: "MP4, HD only".into(),
        },
        TemplateGroup {
            group_id: "00000000000000000000000000000004".into(),
            name: "HD-HLS".into(),
            kind: "custom_template_group".into(),
            format: "HLS".into(),
            is_default: false,
            auto_encrypt: 0,
            qualities: vec![
                q("FLUENT", 640, 360, 400),
                q("SD", 854, 480, 800),
                q("HD", 1280, 720, 1500),
            ],
            description: "HLS in three qualities (can be encrypted)".into(),
        },
    ]
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<TemplateGroup>> {
    let mut stmt = conn.prepare("SELECT json FROM template_groups ORDER BY position")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        if let Ok(g) = serde_json::from_str::<TemplateGroup>(&json?) {
            out.push(g);
        }
    }
    Ok(out)
}

pub fn by_name(conn: &Connection, name: &str) -> rusqlite::Result<Option<TemplateGroup>> {
    Ok(all(conn)?.into_iter().find(|g| g.name == name))
}

/// `GET /v1.0/{p}/asset/template_group/transcodings`.
pub fn list_legacy(conn: &Connection, q: &Query) -> ApiResult<Value> {
    let page = q.int_in("page", 0, i64::from(i32::MAX))?.unwrap_or(0);
    let size = q.int_in("size", 1, 100)?.unwrap_or(10);
    let mut groups = all(conn)?;
    if let Some(status) = q.get("status") {
        groups.retain(|g| (if g.is_default { "1" } else { "0" }) == status);
    }
    if let Some(id) = q.get("group_id") {
        let found: Vec<Value> = groups
            .iter()
            .filter(|g| g.group_id == id)
            .map(TemplateGroup::legacy_json)
            .collect();
        if found.is_empty() {
            return Err(ApiError::illegal_403("group_id", "no such template group"));
        }
        return Ok(
            json!({"template_group_list": found, "total": 1, "error_code": null, "error_msg": null}),
        );
    }
    let total = groups.len();
    let list: Vec<Value> = groups
        .iter()
        .skip((page * size) as usize)
        .take(size as usize)
        .map(TemplateGroup::legacy_json)
        .collect();
    Ok(json!({"template_group_list": list, "total": total, "error_code": null, "error_msg": null}))
}

/// `GET /v2/{p}/asset/template/transcodings`.
pub fn list_v2(conn: &Connection, q: &Query) -> ApiResult<Value> {
    // `offset` is a page number (Huawei's v2 paging convention).
    let offset = q.int_in("offset", 0, i64::from(i32::MAX))?.unwrap_or(0);
    let limit = q.int_in("limit", 1, 100)?.unwrap_or(10);
    let mut groups = all(conn)?;
    if let Some(id) = q.get("group_id") {
        groups.retain(|g| g.group_id == id);
    }
    if let Some(d) = q.get("is_default") {
        let want = match d {
            "true" => true,
            "false" => false,
            _ => return Err(ApiError::illegal("is_default", "must be true or false")),
        };
        groups.retain(|g| g.is_default == want);
    }
    if let Some(s) = q.get("query_string") {
        let s = s.to_lowercase();
        groups.retain(|g| {
            g.name.to_lowercase().contains(&s) || g.description.to_lowercase().contains(&s)
        });
    }
    let total = groups.len();
    let list: Vec<Value> = groups
        .iter()
        .skip((offset * limit) as usize)
        .take(limit as usize)
        .map(TemplateGroup::v2_json)
        .collect();
    Ok(json!({"template_group_list": list, "total": total}))
}
