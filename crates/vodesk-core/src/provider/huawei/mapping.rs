//! Huawei replies into model types: the only place that knows both shapes.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::assets_wire::{AssetDetailsRsp, AssetRow, MetaData, TemplateGroupWire};
use crate::model::{
    Asset, AssetDetails, MediaFacts, PlayOutput, Preset, StoredObject, SubtitleTrack,
};

/// Huawei's times: `yyyymmddhhmmss`, UTC (§9.1).
pub const TIME_FORMAT: &str = "%Y%m%d%H%M%S";

pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s.trim(), TIME_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

pub fn format_time(t: DateTime<Utc>) -> String {
    t.format(TIME_FORMAT).to_string()
}

/// `a,b` → `["a", "b"]`.
pub fn split_tags(tags: Option<&str>) -> Vec<String> {
    tags.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn asset(row: AssetRow) -> Asset {
    Asset {
        id: row.asset_id,
        title: row.title.unwrap_or_default(),
        description: row.description,
        category_id: None,
        category_name: row.category,
        tags: Vec::new(),
        format: row.media_type,
        duration_secs: row.duration,
        size_bytes: row.size,
        created_at: row.create_time.as_deref().and_then(parse_time),
        status: row.asset_status.map(|s| s.neutral()).unwrap_or_default(),
        transcode: row
            .transcode_status
            .map(|s| s.neutral())
            .unwrap_or_default(),
        thumbnails: row
            .thumbnail_status
            .map(|s| s.neutral())
            .unwrap_or_default(),
        review: row.review_status.map(|s| s.neutral()).unwrap_or_default(),
        note: row.exec_desc.filter(|d| !d.trim().is_empty()),
        cover_url: row.covers.into_iter().flatten().find_map(|c| c.cover_url),
        original_url: row.original_url,
    }
}

fn facts(m: MetaData) -> MediaFacts {
    MediaFacts {
        container: m.pack_type,
        codec: m.codec,
        duration_secs: m.duration,
        size_bytes: m.video_size,
        width: m.width,
        height: m.height,
        bit_rate: m.bit_rate,
        frame_rate: m.frame_rate,
    }
}

/// The details reply, completed by the asset's list row (the details call has no asset
/// status, size or duration of its own).
pub fn details(d: AssetDetailsRsp, row: Option<AssetRow>) -> AssetDetails {
    let mut asset = row.map(asset).unwrap_or_default();
    asset.id = d.asset_id;
    let base = d.base_info.unwrap_or_default();
    let transcode = d.transcode_info.unwrap_or_default();
    let thumbnails = d.thumbnail_info.unwrap_or_default();
    let review = d.review_info.unwrap_or_default();
    if let Some(t) = base.title.clone() {
        asset.title = t;
    }
    asset.description = base.description.clone().or(asset.description);
    asset.category_id = base.category_id;
    asset.category_name = base.category_name.clone().or(asset.category_name);
    asset.tags = split_tags(base.tags.as_deref());
    asset.format = base.video_type.clone().or(asset.format);
    if let Some(t) = base.create_time.as_deref().and_then(parse_time) {
        asset.created_at = Some(t);
    }
    if let Some(s) = &transcode.transcode_status {
        asset.transcode = s.neutral();
    }
    if let Some(s) = &thumbnails.thumbnail_status {
        asset.thumbnails = s.neutral();
    }
    if let Some(s) = &review.review_status {
        asset.review = s.neutral();
    }
    let notes = [
        &transcode.exec_desc,
        &thumbnails.exec_desc,
        &review.exec_desc,
    ];
    if let Some(n) = notes.into_iter().flatten().find(|n| !n.trim().is_empty()) {
        asset.note = Some(n.clone());
    }
    let covers: Vec<String> = base
        .cover_info_array
        .iter()
        .flatten()
        .filter_map(|c| c.cover_url.clone())
        .collect();
    if let Some(c) = covers.first() {
        asset.cover_url = Some(c.clone());
    }
    asset.original_url = base.video_url.clone().or(asset.original_url);
    let meta = base.meta_data.clone().map(facts);
    if let Some(m) = &meta {
        asset.duration_secs = asset.duration_secs.or(m.duration_secs);
        asset.size_bytes = asset.size_bytes.or(m.size_bytes);
    }
    AssetDetails {
        // Huawei media do not expire.
        expires_at: None,
        file_name: base.video_name.clone(),
        modified_at: base.last_modified.as_deref().and_then(parse_time),
        download_url: base.sign_url.clone().or(base.video_url.clone()),
        facts: meta,
        preset_name: transcode.template_group_name.clone(),
        outputs: transcode
            .output
            .into_iter()
            .flatten()
            .filter_map(|o| {
                Some(PlayOutput {
                    protocol: o.play_type,
                    quality: o.quality,
                    url: o.url?,
                    encrypted: o.encrypted.unwrap_or(0) != 0,
                    facts: o.meta_data.map(facts),
                })
            })
            .collect(),
        covers,
        snapshots: thumbnails.snapshot_urls(),
        subtitles: base
            .subtitle_info
            .into_iter()
            .flatten()
            .map(|s| SubtitleTrack {
                id: s.id,
                language: s.language,
                format: s.kind,
                url: s.url,
            })
            .collect(),
        review_suggestion: review.suggestion,
        source: base.source_path.map(|p| StoredObject {
            bucket: p.bucket,
            key: p.object,
            location: p.location,
        }),
        asset,
    }
}

pub fn preset(g: TemplateGroupWire) -> Preset {
    let mut formats: Vec<String> = g
        .quality_info_list
        .iter()
        .flatten()
        .filter_map(|q| q.format.clone())
        .collect();
    formats.dedup();
    Preset {
        // Uploads name a group by its name (`template_group_name`, §4.1).
        id: g.name.clone(),
        name: g.name,
        description: g.description,
        formats,
        encrypts: g.auto_encrypt.unwrap_or(0) != 0,
        transcodes: g.kind.as_deref() != Some("non_transcoding_template_group"),
        status: g.status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_utc_and_round_trip() {
        let t = parse_time("20261203001122").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-03T00:11:22+00:00");
        assert_eq!(format_time(t), "20261203001122");
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn details_take_status_from_the_row_and_the_rest_from_details() {
        let row: AssetRow = serde_json::from_str(
            r#"{"asset_id":"a","asset_status":"PUBLISHED","size":"12","duration":3}"#,
        )
        .unwrap();
        let d: AssetDetailsRsp = serde_json::from_str(
            r#"{"asset_id":"a","base_info":{"title":"T","tags":"x, y","sign_url":"http://s",
                "cover_info_array":[{"cover_url":"http://c"}]},
                "transcode_info":{"transcode_status":"TRANSCODING",
                "output":[{"play_type":"HLS","url":"http://h","encrypted":1}]}}"#,
        )
        .unwrap();
        let d = details(d, Some(row));
        assert_eq!(d.asset.status.raw, "PUBLISHED");
        assert_eq!(d.asset.title, "T");
        assert_eq!(d.asset.tags, ["x", "y"]);
        assert_eq!(d.asset.size_bytes, Some(12));
        assert_eq!(d.asset.transcode.raw, "TRANSCODING");
        assert_eq!(d.download_url.as_deref(), Some("http://s"));
        assert_eq!(d.asset.cover_url.as_deref(), Some("http://c"));
        assert!(d.outputs[0].encrypted);
    }
}
