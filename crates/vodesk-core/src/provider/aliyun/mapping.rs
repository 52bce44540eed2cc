//! Alibaba replies into model types (tencent-aliyun-vod-api.md §B.7, §B.8).

use super::wire::{CategoryInfo, Mezzanine, PlayInfo, TemplateGroup, Video};
use crate::model::{
    Asset, AssetDetails, AssetState, AssetStatus, Category, MediaFacts, PlayOutput, Preset,
    TaskState, TaskStatus,
};

pub use crate::provider::iso_time::{format as format_time, parse as parse_time};

/// One `Status` carries upload, transcoding and review (§B.7); the audit verdict `Blocked`
/// is what "unpublished" is at Alibaba (§B.7, publishing semantics).
pub fn state(raw: &str) -> AssetState {
    match raw {
        "Uploading" => AssetState::Uploading,
        "UploadSucc" | "Transcoding" | "Checking" => AssetState::Processing,
        "Normal" => AssetState::Published,
        "Blocked" => AssetState::Unpublished,
        "UploadFail" | "TranscodeFail" | "ProduceFail" => AssetState::Failed,
        _ => AssetState::Unknown,
    }
}

pub fn status(raw: &str) -> AssetStatus {
    AssetStatus::new(state(raw), raw)
}

/// The `Status` values that make up one of vodesk's states (none: nothing matches).
pub fn status_filter(state: AssetState) -> &'static [&'static str] {
    match state {
        AssetState::Uploading => &["Uploading"],
        AssetState::Processing => &["UploadSucc", "Transcoding", "Checking"],
        AssetState::Published => &["Normal"],
        AssetState::Unpublished => &["Blocked"],
        AssetState::Failed => &["UploadFail", "TranscodeFail", "ProduceFail"],
        _ => &[],
    }
}

/// What the status says of transcoding.
fn transcode(raw: &str) -> TaskStatus {
    match raw {
        "Transcoding" => TaskStatus::new(TaskState::Running, raw),
        "TranscodeFail" => TaskStatus::new(TaskState::Failed, raw),
        "Normal" | "Checking" | "Blocked" => TaskStatus::new(TaskState::Succeeded, raw),
        _ => TaskStatus::default(),
    }
}

pub fn tags(s: Option<&str>) -> Vec<String> {
    s.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The container of a file name's extension, upper case.
fn format_of(name: &str) -> Option<String> {
    let (_, ext) = name.rsplit_once('.')?;
    (!ext.is_empty() && ext.len() <= 5 && !ext.contains('/')).then(|| ext.to_ascii_uppercase())
}

pub fn asset(v: &Video) -> Asset {
    let raw = v.status.clone().unwrap_or_default();
    Asset {
        id: v.video_id.clone(),
        title: v.title.clone().unwrap_or_default(),
        description: v.description.clone().filter(|d| !d.is_empty()),
        category_id: v.cate_id.filter(|c| *c > 0),
        category_name: v.cate_name.clone().filter(|n| !n.is_empty()),
        tags: tags(v.tags.as_deref()),
        format: None,
        duration_secs: v.duration.map(|d| d.round() as i64),
        size_bytes: v.size,
        created_at: v.creation_time.as_deref().and_then(parse_time),
        transcode: transcode(&raw),
        status: status(&raw),
        thumbnails: Default::default(),
        review: match v.audit_status.as_deref() {
            Some("Blocked") => TaskStatus::new(TaskState::Failed, "Blocked"),
            Some("Normal") => TaskStatus::new(TaskState::Succeeded, "Normal"),
            _ => TaskStatus::default(),
        },
        note: None,
        cover_url: v.cover_url.clone().filter(|u| !u.is_empty()),
        original_url: None,
    }
}

fn output(p: &PlayInfo) -> PlayOutput {
    PlayOutput {
        protocol: p.format.as_ref().map(|f| f.to_ascii_uppercase()),
        quality: p.definition.clone(),
        url: p.play_url.clone(),
        encrypted: p.encrypt.unwrap_or(0) != 0,
        facts: Some(MediaFacts {
            container: p.format.clone(),
            duration_secs: p.duration.map(|d| d.round() as i64),
            size_bytes: p.size,
            width: p.width,
            height: p.height,
            bit_rate: p.bitrate,
            ..Default::default()
        }),
    }
}

/// One video's details from `GetVideoInfo`, its original (`GetMezzanineInfo`) and its
/// streams (`GetPlayInfo`, only once it is `Normal`).
pub fn details(v: &Video, original: Option<&Mezzanine>, plays: &[PlayInfo]) -> AssetDetails {
    let mut asset = asset(v);
    let file_name = original.and_then(|m| m.file_name.clone());
    asset.format = file_name.as_deref().and_then(format_of);
    asset.original_url = original.and_then(|m| m.file_url.clone());
    AssetDetails {
        file_name,
        modified_at: v.modification_time.as_deref().and_then(parse_time),
        download_url: asset.original_url.clone(),
        facts: original.map(|m| MediaFacts {
            container: asset.format.clone(),
            codec: None,
            duration_secs: m.duration.map(|d| d.round() as i64),
            size_bytes: m.size,
            width: m.width,
            height: m.height,
            bit_rate: m.bitrate,
            frame_rate: m.fps.map(|f| f.round() as i64),
        }),
        preset_name: v.template_group_id.clone().filter(|t| !t.is_empty()),
        outputs: plays.iter().map(output).collect(),
        covers: asset.cover_url.iter().cloned().collect(),
        snapshots: v.snapshots.clone(),
        subtitles: Vec::new(),
        expires_at: None,
        review_suggestion: v.audit_status.clone().filter(|s| !s.is_empty()),
        source: None,
        asset,
    }
}

/// A category of `GetCategories` (levels 0–2 there, 1–3 here; a top level's parent is -1).
pub fn category(c: &CategoryInfo, children: Vec<Category>) -> Category {
    Category {
        id: c.cate_id.unwrap_or_default(),
        name: c.cate_name.clone().unwrap_or_default(),
        parent_id: c.parent_id.filter(|p| *p > 0),
        level: c.level.map(|l| l as u32 + 1),
        children,
    }
}

/// The built-in group that only stores the upload (§B.5: "No Transcoding").
pub const NO_TRANSCODING: &str = "VOD_NO_TRANSCODE";

pub fn preset(g: TemplateGroup) -> Preset {
    let name = g
        .name
        .clone()
        .unwrap_or_else(|| g.transcode_template_group_id.clone());
    let stores_only = g.transcode_template_group_id == NO_TRANSCODING
        || name.to_ascii_lowercase().contains("no transcod")
        || name.contains("不转码");
    Preset {
        // Uploads name a template group by its id (`TemplateGroupId`, §B.5).
        id: g.transcode_template_group_id,
        name,
        description: (g.is_default.as_deref() == Some("Default")).then(|| "default".to_string()),
        formats: Vec::new(),
        encrypts: false,
        transcodes: !stores_only,
        status: g.locked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_video_reads_as_an_asset() {
        let v: Video = serde_json::from_str(
            r#"{"VideoId":"9ae2af636ca6c10412f44891fc6a1f25","Title":"海岸","Status":"Transcoding",
                "CreationTime":"2026-12-03T08:00:00Z","Tags":"a, b,,","CateId":7,"CateName":"News",
                "Duration":3.6,"Size":12,"CoverURL":"http://c/1.jpg"}"#,
        )
        .unwrap();
        let a = asset(&v);
        assert_eq!(a.status, status("Transcoding"));
        assert_eq!(a.status.state, AssetState::Processing);
        assert_eq!(a.transcode.state, TaskState::Running);
        assert_eq!(a.tags, vec!["a".to_string(), "b".to_string()]);
        assert_eq!((a.duration_secs, a.size_bytes), (Some(4), Some(12)));
        assert_eq!(
            a.created_at.map(format_time).as_deref(),
            Some("2026-12-03T08:00:00Z")
        );
        let m = Mezzanine {
            file_url: Some("http://o/f.mp4".into()),
            file_name: Some("f.mp4".into()),
            ..Default::default()
        };
        let d = details(&v, Some(&m), &[]);
        assert_eq!(d.download_url.as_deref(), Some("http://o/f.mp4"));
        assert_eq!(d.asset.format.as_deref(), Some("MP4"));
    }

    #[test]
    fn every_filterable_state_maps_back_to_itself() {
        for s in [
            AssetState::Uploading,
            AssetState::Processing,
            AssetState::Published,
            AssetState::Unpublished,
            AssetState::Failed,
        ] {
            for raw in status_filter(s) {
                assert_eq!(state(raw), s, "{raw}");
            }
        }
        assert!(status_filter(AssetState::Deleted).is_empty());
    }
}
