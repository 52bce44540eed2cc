//! Processing presets (Huawei: transcoding template groups): the default set and look-ups.
//! Stored as JSON rows in `template_groups`; the serde names are the stored ones.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Result;

/// `kind` of the preset that keeps the original as it is.
pub const NON_TRANSCODING: &str = "non_transcoding_template_group";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Quality {
    pub quality: String,
    pub width: i64,
    pub height: i64,
    pub bitrate: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Preset {
    #[serde(rename = "group_id")]
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// `MP4`, `HLS` or `""` for the no-transcoding preset.
    pub format: String,
    pub is_default: bool,
    pub auto_encrypt: i64,
    pub qualities: Vec<Quality>,
    pub description: String,
}

impl Preset {
    pub fn transcodes(&self) -> bool {
        self.kind != NON_TRANSCODING
    }
}

/// A rendition: quality name, size and bitrate (kbit/s).
pub fn q(quality: &str, width: i64, height: i64, bitrate: i64) -> Quality {
    Quality {
        quality: quality.into(),
        width,
        height,
        bitrate,
    }
}

/// What a new library starts with.
pub fn defaults() -> Vec<Preset> {
    vec![
        Preset {
            id: "00000000000000000000000000000001".into(),
            name: "no_transcoding".into(),
            kind: NON_TRANSCODING.into(),
            format: String::new(),
            is_default: false,
            auto_encrypt: 0,
            qualities: vec![],
            description: "Keep the original file, no transcoding".into(),
        },
        Preset {
            id: "00000000000000000000000000000002".into(),
            name: "system_template_group".into(),
            kind: "system_template_group".into(),
            format: "MP4".into(),
            is_default: true,
            auto_encrypt: 0,
            qualities: vec![q("SD", 854, 480, 800), q("HD", 1280, 720, 1500)],
            description: "MP4 in SD and HD".into(),
        },
        Preset {
            id: "00000000000000000000000000000003".into(),
            name: "HD-MP4".into(),
            kind: "custom_template_group".into(),
            format: "MP4".into(),
            is_default: false,
            auto_encrypt: 0,
            qualities: vec![q("HD", 1280, 720, 1500)],
            description: "MP4, HD only".into(),
        },
        Preset {
            id: "00000000000000000000000000000004".into(),
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

/// Every preset, in their stored order.
pub fn all(conn: &Connection) -> Result<Vec<Preset>> {
    let mut stmt = conn.prepare("SELECT json FROM template_groups ORDER BY position")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        if let Ok(p) = serde_json::from_str::<Preset>(&json?) {
            out.push(p);
        }
    }
    Ok(out)
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Option<Preset>> {
    Ok(all(conn)?.into_iter().find(|p| p.name == name))
}

/// A preset search; every given criterion must hold.
#[derive(Clone, Debug, Default)]
pub struct PresetQuery {
    pub id: Option<String>,
    pub is_default: Option<bool>,
    /// Case-insensitive, in the name or the description.
    pub text: Option<String>,
}

pub fn find(conn: &Connection, query: &PresetQuery) -> Result<Vec<Preset>> {
    let text = query.text.as_ref().map(|s| s.to_lowercase());
    let mut presets = all(conn)?;
    presets.retain(|p| {
        query.id.as_ref().is_none_or(|id| &p.id == id)
            && query.is_default.is_none_or(|d| p.is_default == d)
            && text.as_ref().is_none_or(|s| {
                p.name.to_lowercase().contains(s) || p.description.to_lowercase().contains(s)
            })
    });
    Ok(presets)
}
