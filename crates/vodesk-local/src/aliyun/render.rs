//! Media and categories as the Tea SDK models them (§B.7, §B.8): one set of video fields that
//! each action nests its own way (`VideoList{Video[]}` with `Snapshots{Snapshot[]}` for
//! `GetVideoList`, plain arrays for `GetVideoInfos` and `SearchMedia`), the status derived from
//! the library's lifecycle, times as `yyyy-MM-ddTHH:mm:ssZ`.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::Ctx;
use super::media_urls::{cover_url, object_url};
use crate::library::categories::{self, Category};
use crate::library::extras;
use crate::library::lifecycle::{AssetState, Progress, Stage};
use crate::library::presets::Preset;
use crate::library::rows::AssetRow;

pub fn time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The video's playing time in seconds (0 when unknown).
pub fn seconds(a: &AssetRow) -> f64 {
    a.duration_ms.unwrap_or(0) as f64 / 1000.0
}

/// A video's `Status` at `now`: uploading until its object lands, `UploadSucc` while waiting
/// for transcoding, `Transcoding`, then `Normal`; `Blocked` after an audit blocked it.
pub fn status(a: &AssetRow, now: i64) -> &'static str {
    let p = Progress::of(a, now);
    match p.asset {
        AssetState::Creating => "Uploading",
        AssetState::Failed | AssetState::Cancelled => "UploadFail",
        AssetState::Created => "Blocked",
        AssetState::Published => match p.transcode {
            Stage::Waiting => "UploadSucc",
            Stage::Running => "Transcoding",
            Stage::Failed => "TranscodeFail",
            Stage::NotRequested | Stage::Succeeded => "Normal",
        },
    }
}

/// The last audit's verdict, `Init` before any.
pub fn audit_status(x: &Map<String, Value>) -> String {
    x.get("Audits")
        .and_then(Value::as_array)
        .and_then(|a| a.last())
        .and_then(|h| h["Status"].as_str())
        .unwrap_or("Init")
        .to_string()
}

/// `StorageLocation` of the library's bucket, in Alibaba's form.
pub fn storage_location(ctx: &Ctx) -> String {
    format!("{}.oss-{}.aliyuncs.com", ctx.lib.bucket(), ctx.region)
}

/// The category tree, for names.
pub struct Cats(HashMap<i64, Category>);

impl Cats {
    pub fn load(conn: &rusqlite::Connection) -> crate::library::Result<Self> {
        Ok(Cats(
            categories::all(conn)?
                .into_iter()
                .map(|c| (c.id, c))
                .collect(),
        ))
    }

    /// Adds `CateId` and `CateName` for a category other than the built-in default.
    pub fn fill(&self, v: &mut Map<String, Value>, id: i64) {
        if let Some(c) = self.0.get(&id).filter(|c| c.id != categories::OTHER) {
            v.insert("CateId".into(), json!(c.id));
            v.insert("CateName".into(), json!(c.name));
        }
    }
}

/// A category as `AddCategory` and `GetCategories` show it (level 0 is the top; its parent -1).
pub fn category(c: &Category) -> Value {
    json!({
        "CateId": c.id,
        "CateName": c.name,
        "ParentId": if c.parent_id == categories::ROOT { -1 } else { c.parent_id },
        "Level": c.level - 1,
        "Type": "default",
    })
}

/// How an action nests the snapshot URLs.
#[derive(Clone, Copy)]
pub enum Snapshots {
    /// `Snapshots{Snapshot[]}` (`GetVideoInfo`, `GetVideoList`).
    Wrapped,
    /// `Snapshots[]` (`GetVideoInfos`, `SearchMedia`).
    Plain,
}

/// What the video fields are made from.
pub struct Seen<'a> {
    ctx: &'a Ctx,
    cats: Cats,
    presets: Vec<Preset>,
    now: i64,
}

impl<'a> Seen<'a> {
    /// The categories and template groups as they are now.
    pub fn load(ctx: &'a Ctx, conn: &rusqlite::Connection) -> crate::library::Result<Self> {
        Ok(Seen {
            ctx,
            cats: Cats::load(conn)?,
            presets: crate::library::presets::all(conn)?,
            now: crate::library::lifecycle::now_ms(),
        })
    }

    /// The same, with statuses as they were at `now` (a listing filtered at that time).
    pub fn at(self, now: i64) -> Self {
        Seen { now, ..self }
    }

    fn template_group_id(&self, a: &AssetRow) -> String {
        a.template_group
            .as_ref()
            .and_then(|n| self.presets.iter().find(|p| &p.name == n))
            .map(|p| p.id.clone())
            .unwrap_or_default()
    }

    /// The fields every video shape has, plus `TemplateGroupId`, `RegionId` and `AuditStatus`.
    pub fn video(&self, a: &AssetRow, x: &Map<String, Value>, snapshots: Snapshots) -> Value {
        let ctx = self.ctx;
        let urls: Vec<String> = a
            .snapshots
            .iter()
            .map(|s| object_url(ctx, ctx.lib.bucket(), &s.key))
            .collect();
        let mut v = json!({
            "VideoId": a.asset_id,
            "Title": a.title,
            "Description": a.description,
            "Duration": seconds(a),
            "Size": a.size,
            "CoverURL": cover_url(ctx, a).unwrap_or_default(),
            "Status": status(a, self.now),
            "AuditStatus": audit_status(x),
            "Tags": a.tags,
            "CreationTime": time(a.create_time),
            "ModificationTime": time(a.last_modified),
            "StorageLocation": storage_location(ctx),
            "StorageClass": "Standard",
            "RestoreStatus": "",
            "RestoreExpiration": "",
            "RegionId": ctx.region,
            "TemplateGroupId": self.template_group_id(a),
            "AppId": x.get("AppId").cloned().unwrap_or_else(|| json!(super::APP_ID)),
            "UserData": x.get("UserData").cloned().unwrap_or_else(|| json!("")),
            "DownloadSwitch": "on",
            "ReferenceId": "",
        });
        if let Value::Object(m) = &mut v {
            self.cats.fill(m, a.category_id);
            let list = json!(urls);
            m.insert(
                "Snapshots".into(),
                match snapshots {
                    Snapshots::Wrapped => json!({ "Snapshot": list }),
                    Snapshots::Plain => list,
                },
            );
        }
        v
    }
}

/// The extras of each asset, by id.
pub fn extras_of(
    conn: &rusqlite::Connection,
    assets: &[AssetRow],
) -> crate::library::Result<HashMap<String, Map<String, Value>>> {
    assets
        .iter()
        .map(|a| Ok((a.asset_id.clone(), extras::get(conn, &a.asset_id)?)))
        .collect()
}
