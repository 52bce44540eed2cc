//! Tencent replies into model types (tencent-aliyun-vod-api.md §A.8, §A.9).

use super::wire::{ClassInfo, MediaInfo, MetaData, ProcedureTemplate};
use crate::model::{
    Asset, AssetDetails, AssetState, AssetStatus, Category, MediaFacts, PlayOutput, Preset,
    TaskState, TaskStatus,
};

pub use crate::provider::iso_time::{format as format_time, parse as parse_time};

/// A media's distribution status (§A.9): `Normal` is served, `Forbidden` was unpublished,
/// `SystemForbidden` was blocked by the platform.
pub fn status(raw: &str) -> AssetStatus {
    let state = match raw {
        "Normal" => AssetState::Published,
        "Forbidden" | "SystemForbidden" => AssetState::Unpublished,
        _ => AssetState::Unknown,
    };
    AssetStatus::new(state, raw)
}

/// The values of the `Status` filter that make up a neutral state (none: nothing matches).
pub fn status_filter(state: AssetState) -> &'static [&'static str] {
    match state {
        AssetState::Published => &["Normal"],
        AssetState::Unpublished => &["Forbidden", "SystemForbidden"],
        _ => &[],
    }
}

fn facts(m: &MetaData) -> MediaFacts {
    MediaFacts {
        container: m.container.clone(),
        codec: None,
        duration_secs: m.duration,
        size_bytes: m.size,
        width: m.width,
        height: m.height,
        bit_rate: m.bitrate,
        frame_rate: None,
    }
}

pub fn asset(m: &MediaInfo) -> Asset {
    let b = m.basic_info.clone().unwrap_or_default();
    let meta = m.meta_data.clone().unwrap_or_default();
    Asset {
        id: m.file_id.clone(),
        title: b.name.unwrap_or_default(),
        description: b.description.filter(|d| !d.is_empty()),
        category_id: b.class_id,
        category_name: b.class_name.or(b.class_path),
        tags: b.tag_set,
        format: b.kind.map(|t| t.to_ascii_uppercase()),
        duration_secs: meta.duration,
        size_bytes: meta.size,
        created_at: b.create_time.as_deref().and_then(parse_time),
        status: b.status.as_deref().map(status).unwrap_or_default(),
        transcode: transcoded(m),
        thumbnails: Default::default(),
        review: Default::default(),
        note: None,
        cover_url: b.cover_url.filter(|u| !u.is_empty()),
        original_url: b.media_url.filter(|u| !u.is_empty()),
    }
}

/// What the media says of its transcoding: renditions (definitions other than 0, the original)
/// mean it is done. [INF] A running task flow shows only in the task list, which this view does
/// not read, so "none yet" covers both "not asked for" and "still running".
fn transcoded(m: &MediaInfo) -> TaskStatus {
    let renditions = m
        .transcode_info
        .iter()
        .flat_map(|t| &t.transcode_set)
        .filter(|t| t.definition.is_some_and(|d| d != 0))
        .count();
    if renditions > 0 {
        TaskStatus::new(TaskState::Succeeded, format!("{renditions} renditions"))
    } else {
        TaskStatus::default()
    }
}

pub fn details(m: &MediaInfo) -> AssetDetails {
    let asset = asset(m);
    let b = m.basic_info.clone().unwrap_or_default();
    AssetDetails {
        // 9999-12-31T23:59:59Z is Tencent's "never".
        expires_at: b
            .expire_time
            .as_deref()
            .and_then(parse_time)
            .filter(|t| t.format("%Y").to_string() != "9999"),
        file_name: None,
        modified_at: b.update_time.as_deref().and_then(parse_time),
        download_url: asset.original_url.clone(),
        facts: m.meta_data.as_ref().map(facts),
        preset_name: None,
        outputs: m
            .transcode_info
            .iter()
            .flat_map(|t| &t.transcode_set)
            .filter_map(|t| {
                Some(PlayOutput {
                    protocol: t.container.clone(),
                    quality: t.definition.map(|d| format!("definition {d}")),
                    url: t.url.clone()?,
                    encrypted: false,
                    facts: Some(MediaFacts {
                        container: t.container.clone(),
                        duration_secs: t.duration,
                        size_bytes: t.size,
                        width: t.width,
                        height: t.height,
                        bit_rate: t.bitrate,
                        ..Default::default()
                    }),
                })
            })
            .collect(),
        covers: asset.cover_url.iter().cloned().collect(),
        snapshots: Vec::new(),
        subtitles: Vec::new(),
        review_suggestion: None,
        source: None,
        asset,
    }
}

/// The class tree from `DescribeAllClass`'s flat list (parents are `-1` at the top; levels
/// 0–3 there, 1–4 here).
pub fn class_tree(classes: &[ClassInfo]) -> Vec<Category> {
    fn children(all: &[ClassInfo], parent: i64) -> Vec<Category> {
        all.iter()
            .filter(|c| c.parent_id.unwrap_or(-1) == parent && c.class_id.is_some())
            .map(|c| {
                let id = c.class_id.unwrap_or_default();
                Category {
                    id,
                    name: c.name.clone().or(c.class_name.clone()).unwrap_or_default(),
                    parent_id: (parent != -1).then_some(parent),
                    level: c.level.map(|l| l as u32 + 1),
                    children: children(all, id),
                }
            })
            .collect()
    }
    children(classes, -1)
}

pub fn preset(p: ProcedureTemplate) -> Preset {
    let transcodes = p
        .media_process_task
        .as_ref()
        .and_then(|t| t.get("TranscodeTaskSet"))
        .and_then(|s| s.as_array())
        .is_some_and(|s| !s.is_empty());
    let mut formats = Vec::new();
    let adaptive = p
        .media_process_task
        .as_ref()
        .and_then(|t| t.get("AdaptiveDynamicStreamingTaskSet"))
        .and_then(|s| s.as_array())
        .is_some_and(|s| !s.is_empty());
    if adaptive {
        formats.push("HLS".to_string());
    }
    Preset {
        // Uploads name a task flow by its name (`Procedure`, §A.4).
        id: p.name.clone(),
        name: p.name,
        description: p.comment.filter(|c| !c.is_empty()),
        formats,
        encrypts: false,
        transcodes: transcodes || adaptive,
        status: p.kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_info_reads_as_an_asset() {
        let m: MediaInfo = serde_json::from_str(
            r#"{"FileId":"5285890781","BasicInfo":{"Name":"海岸","Status":"Forbidden",
                "CreateTime":"2026-12-03T08:00:00Z","TagSet":["a"],"ClassId":3,"Type":"mp4",
                "MediaUrl":"http://m/f0.mp4"},"MetaData":{"Size":12,"Duration":3.6}}"#,
        )
        .unwrap();
        let a = asset(&m);
        assert_eq!(a.id, "5285890781");
        assert_eq!(
            a.status,
            AssetStatus::new(AssetState::Unpublished, "Forbidden")
        );
        assert_eq!(
            a.created_at.map(format_time).as_deref(),
            Some("2026-12-03T08:00:00Z")
        );
        assert_eq!((a.size_bytes, a.duration_secs), (Some(12), Some(3)));
        assert_eq!(a.format.as_deref(), Some("MP4"));
        assert_eq!(details(&m).download_url.as_deref(), Some("http://m/f0.mp4"));
    }

    #[test]
    fn classes_become_a_tree_of_four_levels_at_most() {
        let classes: Vec<ClassInfo> = serde_json::from_str(
            r#"[{"ClassId":1,"ParentId":-1,"Name":"a","Level":0},
                {"ClassId":2,"ParentId":1,"Name":"b","Level":1},
                {"ClassId":3,"ParentId":2,"ClassName":"c","Level":2}]"#,
        )
        .unwrap();
        let tree = class_tree(&classes);
        assert_eq!(tree.len(), 1);
        assert_eq!(tree[0].children[0].children[0].name, "c");
        assert_eq!(tree[0].children[0].children[0].level, Some(3));
        assert_eq!(tree[0].children[0].parent_id, Some(1));
    }
}
