//! Asset operations: create, replace the media (video, cover, subtitles), edit metadata, pick a
//! snapshot as cover, duplicate look-up, publish/unpublish and delete.

use rand::Rng;
use rusqlite::{Connection, params};
use serde_json::Value;

use super::lifecycle::{Progress, Stage, Task, now_ms};
use super::presets::Preset;
use super::rows::{AssetRow, PendingVideo, SubtitleSpec, asset_by_object, get_asset, status};
use super::{Error, Library, Result, categories, media};

pub fn new_asset_id() -> String {
    hex::encode(rand::rng().random::<[u8; 16]>())
}

/// The asset `asset_id`, or [`Error::NoAsset`].
pub fn load(conn: &Connection, asset_id: &str) -> Result<AssetRow> {
    get_asset(conn, asset_id)?.ok_or_else(|| Error::NoAsset(asset_id.to_string()))
}

/// The descriptive part of a new asset, shared by upload, import and URL pull.
pub struct AssetMeta {
    pub title: String,
    pub description: String,
    pub category_id: i64,
    /// Normalised `a,b,c`.
    pub tags: String,
    pub auto_publish: bool,
    pub preset: Option<Preset>,
    pub auto_encrypt: bool,
    pub auto_preheat: String,
    /// Snapshot settings (`type`: `time` / `dots` / `quantity`, with their parameters).
    pub thumbnail: Option<Value>,
    pub review: Option<Value>,
    pub workflow_name: Option<String>,
    /// When the media deletes itself (ms since the epoch); `None`: never.
    pub expires_at: Option<i64>,
}

impl AssetMeta {
    /// A new asset row (status `CREATING`) holding this metadata.
    pub fn into_row(
        self,
        asset_id: String,
        video_type: String,
        video_name: String,
        bucket: String,
        object_key: String,
    ) -> AssetRow {
        let now = now_ms();
        let audio = media::is_audio(&video_type);
        AssetRow {
            asset_id,
            title: self.title,
            description: self.description,
            video_name,
            category_id: self.category_id,
            tags: self.tags,
            create_time: now,
            last_modified: now,
            status: status::CREATING.into(),
            published: false,
            auto_publish: self.auto_publish,
            transcodes: !audio && self.preset.as_ref().is_some_and(|g| g.transcodes()),
            template_group: self.preset.map(|g| g.name),
            auto_encrypt: self.auto_encrypt,
            auto_preheat: self.auto_preheat,
            thumbnail: if audio { None } else { self.thumbnail },
            review: self.review,
            workflow_name: self.workflow_name,
            video_type,
            video_md5: None,
            cover_type: None,
            cover_md5: None,
            subtitles: vec![],
            bucket,
            object_key,
            owns_object: true,
            size: 0,
            head_md5: None,
            head_md5_1025: None,
            confirmed_at: None,
            thumbs_failed: false,
            snapshots: vec![],
            cover_key: None,
            pending: None,
            source: "upload".into(),
            expires_at: self.expires_at,
            duration_ms: None,
            media: None,
            media_pending: false,
        }
    }
}

/// A subtitle the client will upload.
#[derive(Clone, Debug, PartialEq)]
pub struct SubtitleRequest {
    pub id: i64,
    pub language: String,
    /// Announced Base64 MD5 (not checked).
    pub md5: Option<String>,
}

/// A new asset waiting for its upload.
pub struct NewUpload {
    pub meta: AssetMeta,
    pub video_type: String,
    pub video_name: String,
    pub video_md5: Option<String>,
    pub cover_type: Option<String>,
    pub cover_md5: Option<String>,
    pub subtitles: Vec<SubtitleRequest>,
}

impl Library {
    fn subtitle_specs(&self, asset_id: &str, reqs: &[SubtitleRequest]) -> Vec<SubtitleSpec> {
        reqs.iter()
            .map(|s| SubtitleSpec {
                id: s.id,
                kind: "SRT".into(),
                language: s.language.clone(),
                object_key: self.layout.subtitle_key(asset_id, s.id, &s.language),
            })
            .collect()
    }

    /// Creates the asset (status `CREATING`) with its id chosen here; the upload goes to
    /// `object_key` and, when given a cover type, the cover to `cover_key`.
    pub fn create(&self, conn: &Connection, up: NewUpload) -> Result<AssetRow> {
        let asset_id = self.new_id();
        let object_key = self.layout.video_key(&asset_id, &asset_id, &up.video_type);
        let mut row = up.meta.into_row(
            asset_id.clone(),
            up.video_type,
            up.video_name,
            self.bucket().to_string(),
            object_key,
        );
        row.video_md5 = up.video_md5;
        row.cover_md5 = up.cover_md5;
        row.subtitles = self.subtitle_specs(&asset_id, &up.subtitles);
        if up.cover_type.is_some() {
            row.cover_key = Some(self.layout.cover_key(&asset_id, up.cover_type.as_deref()));
        }
        row.cover_type = up.cover_type;
        row.insert(conn)?;
        Ok(row)
    }
}

/// What a media change asks for; `None`: leave as it is.
pub struct MediaChange {
    pub video: Option<VideoChange>,
    pub cover: Option<CoverChange>,
    pub subtitles: Vec<SubtitleRequest>,
}

/// A new video: type and name default to the current ones.
pub struct VideoChange {
    pub video_type: Option<String>,
    pub video_name: Option<String>,
    pub md5: Option<String>,
}

/// A new cover: the type defaults to the current one.
pub struct CoverChange {
    pub cover_type: Option<String>,
    pub md5: Option<String>,
}

/// Where the client uploads what a [`MediaChange`] announced.
pub struct UploadTargets {
    /// Key and format of the new video.
    pub video: Option<(String, String)>,
    /// Key and type of the new cover.
    pub cover: Option<(String, Option<String>)>,
    /// Keys of the announced subtitles, in the asset's subtitle order.
    pub subtitles: Vec<String>,
}

impl Library {
    /// Retargets the upload of an asset never uploaded; for an uploaded one, the new video
    /// becomes a pending replacement and the current one stays until it is confirmed.
    pub fn change_media(
        &self,
        conn: &Connection,
        mut a: AssetRow,
        change: MediaChange,
    ) -> Result<UploadTargets> {
        if let Some(task) = Progress::of(&a, now_ms()).running() {
            return Err(Error::Busy(task));
        }
        let mut targets = UploadTargets {
            video: None,
            cover: None,
            subtitles: vec![],
        };
        if let Some(v) = change.video {
            let video_type = v.video_type.unwrap_or_else(|| a.video_type.clone());
            let video_name = v.video_name.unwrap_or_else(|| a.video_name.clone());
            let key = if a.status == status::CREATING {
                let key = self.layout.video_key(&a.asset_id, &a.asset_id, &video_type);
                a.object_key = key.clone();
                a.video_type = video_type.clone();
                a.video_name = video_name;
                a.video_md5 = v.md5;
                key
            } else {
                let key = self
                    .layout
                    .video_key(&a.asset_id, &new_asset_id(), &video_type);
                a.pending = Some(PendingVideo {
                    object_key: key.clone(),
                    video_type: video_type.clone(),
                    video_name,
                    video_md5: v.md5,
                });
                key
            };
            targets.video = Some((key, video_type));
        }
        if let Some(c) = change.cover {
            if c.cover_type.is_some() {
                a.cover_type = c.cover_type;
            }
            a.cover_md5 = c.md5;
            let key = self.layout.cover_key(&a.asset_id, a.cover_type.as_deref());
            a.cover_key = Some(key.clone());
            targets.cover = Some((key, a.cover_type.clone()));
        }
        if !change.subtitles.is_empty() {
            let specs = self.subtitle_specs(&a.asset_id, &change.subtitles);
            a.subtitles
                .retain(|s| !change.subtitles.iter().any(|n| n.id == s.id));
            a.subtitles.extend(specs);
            a.subtitles.sort_by_key(|s| s.id);
            targets.subtitles = a
                .subtitles
                .iter()
                .filter(|s| change.subtitles.iter().any(|n| n.id == s.id))
                .map(|s| s.object_key.clone())
                .collect();
        }
        a.last_modified = now_ms();
        a.save(conn)?;
        Ok(targets)
    }
}

/// Metadata edits; `None`: unchanged.
#[derive(Default)]
pub struct MetaChange {
    pub title: Option<String>,
    pub description: Option<String>,
    pub tags: Option<String>,
    pub category_id: Option<i64>,
}

pub fn update_meta(conn: &Connection, asset_id: &str, change: MetaChange) -> Result<()> {
    let mut a = load(conn, asset_id)?;
    if let Some(c) = change.category_id {
        categories::require(conn, c)?;
        a.category_id = c;
    }
    if let Some(t) = change.title {
        a.title = t;
    }
    if let Some(d) = change.description {
        a.description = d;
    }
    if let Some(t) = change.tags {
        a.tags = t;
    }
    a.last_modified = now_ms();
    a.save(conn)?;
    Ok(())
}

/// Makes `key` (an image in the library's bucket, of type `cover_type` like `PNG`) the asset's
/// cover. A custom cover type keeps it through the confirmation (no grabbed cover replaces it).
pub fn set_cover_key(conn: &Connection, asset_id: &str, key: &str, cover_type: &str) -> Result<()> {
    let mut a = load(conn, asset_id)?;
    a.cover_key = Some(key.to_string());
    a.cover_type = Some(cover_type.to_string());
    a.last_modified = now_ms();
    a.save(conn)?;
    Ok(())
}

impl Library {
    /// Makes the snapshot `bucket/key` its asset's cover; only finished snapshots qualify.
    pub fn cover_from_snapshot(&self, bucket: &str, key: &str) -> Result<()> {
        if bucket != self.bucket() {
            return Err(Error::NotASnapshot);
        }
        let asset_id = key.split('/').nth(1).ok_or(Error::NotASnapshot)?;
        let conn = self.db();
        let mut a = get_asset(&conn, asset_id)?.ok_or(Error::NotASnapshot)?;
        let finished = Progress::of(&a, now_ms()).thumbnails == Stage::Succeeded;
        if !finished || !a.snapshots.iter().any(|s| s.key == key) {
            return Err(Error::NotASnapshot);
        }
        a.cover_key = Some(key.to_string());
        a.last_modified = now_ms();
        a.save(&conn)?;
        Ok(())
    }
}

/// Uploaded assets of `size` bytes whose first 1024 (or 1025) bytes have the hex MD5 `head_md5`.
pub fn duplicates(conn: &Connection, size: i64, head_md5: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT asset_id FROM assets WHERE size = ?1 AND status = 'CREATED' \
         AND (head_md5 = ?2 OR head_md5_1025 = ?2) ORDER BY create_time",
    )?;
    let ids = stmt
        .query_map(params![size, head_md5], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Whether `a` has been uploaded (its original is in place).
pub fn uploaded(a: &AssetRow) -> bool {
    a.status == status::CREATED
}

/// Publishes or unpublishes each asset that is [`uploaded`] (the others are left alone), in one
/// transaction; returns each asset as it is now (`None`: no such asset).
pub fn set_published(
    conn: &mut Connection,
    ids: &[String],
    publish: bool,
    now: i64,
) -> Result<Vec<(String, Option<AssetRow>)>> {
    let tx = conn.transaction()?;
    let mut out = Vec::new();
    for id in ids {
        let Some(mut a) = get_asset(&tx, id)? else {
            out.push((id.clone(), None));
            continue;
        };
        if uploaded(&a) && a.published != publish {
            a.published = publish;
            a.last_modified = now;
            tx.execute(
                "UPDATE assets SET published = ?1, last_modified = ?2 WHERE asset_id = ?3",
                params![publish as i64, now, a.asset_id],
            )?;
        }
        out.push((id.clone(), Some(a)));
    }
    tx.commit()?;
    Ok(out)
}

/// Sets or clears (`None`) when the asset deletes itself.
pub fn set_expiry(conn: &Connection, asset_id: &str, expires_at: Option<i64>) -> Result<()> {
    conn.execute(
        "UPDATE assets SET expires_at = ?1 WHERE asset_id = ?2",
        rusqlite::params![expires_at, asset_id],
    )?;
    Ok(())
}

/// The result of deleting one asset.
pub enum Deletion {
    Missing,
    /// Not deleted: a task is running on it.
    Busy(Task),
    Done,
}

impl Library {
    /// Deletes each asset no task is running on, with its objects.
    pub fn delete(&self, ids: Vec<String>, now: i64) -> Result<Vec<(String, Deletion)>> {
        let mut results = Vec::new();
        let mut doomed = Vec::new();
        {
            let mut conn = self.db();
            let tx = conn.transaction()?;
            for id in ids {
                let outcome = match get_asset(&tx, &id)? {
                    None => Deletion::Missing,
                    Some(a) => match Progress::of(&a, now).running() {
                        Some(task) => Deletion::Busy(task),
                        None => {
                            super::rows::delete_asset(&tx, &id)?;
                            doomed.extend(self.layout.owned_keys(&a));
                            Deletion::Done
                        }
                    },
                };
                results.push((id, outcome));
            }
            tx.commit()?;
        }
        for (bucket, key) in doomed {
            if let Err(e) = self.objects.delete_object(&bucket, &key) {
                tracing::warn!("deleting {bucket}/{key}: {e}");
            }
        }
        Ok(results)
    }

    /// Deletes the assets whose expiry has passed (those a task still runs on wait for the next
    /// sweep); how many went.
    pub fn sweep_expired(&self, now: i64) -> Result<usize> {
        let due: Vec<String> = {
            let conn = self.db();
            let mut stmt = conn.prepare_cached(
                "SELECT asset_id FROM assets WHERE expires_at IS NOT NULL AND expires_at <= ?1",
            )?;
            stmt.query_map([now], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        if due.is_empty() {
            return Ok(0);
        }
        let gone = self.delete(due, now)?;
        Ok(gone
            .iter()
            .filter(|(_, d)| matches!(d, Deletion::Done))
            .count())
    }

    /// Whether `bucket/key` is where an asset waits for its video: the original of an asset
    /// not yet uploaded, or a pending replacement.
    pub fn is_upload_target(&self, bucket: &str, key: &str) -> Result<bool> {
        Ok(bucket == self.bucket()
            && asset_by_object(&self.db(), bucket, key)?.is_some_and(|a| {
                (a.status == status::CREATING && a.object_key == key && a.bucket == bucket)
                    || a.pending.as_ref().is_some_and(|p| p.object_key == key)
            }))
    }
}

impl Library {
    /// Stores `data` as the asset's cover (replacing any other) and returns its key.
    pub async fn set_cover_image(
        &self,
        asset_id: &str,
        cover_type: &str,
        data: bytes::Bytes,
    ) -> Result<String> {
        load(&self.db(), asset_id)?;
        let key = self.layout.cover_key(asset_id, Some(cover_type));
        self.objects
            .put_object(
                self.bucket(),
                &key,
                &media::cover_content_type(Some(cover_type)),
                data,
            )
            .await?;
        let conn = self.db();
        let mut a = load(&conn, asset_id)?;
        a.cover_type = Some(cover_type.to_string());
        a.cover_key = Some(key.clone());
        a.last_modified = now_ms();
        a.save(&conn)?;
        Ok(key)
    }

    /// Removes the asset's original (and an uploaded cover) but keeps the asset and what was
    /// derived from it.
    pub fn drop_original(&self, asset_id: &str) -> Result<()> {
        let a = load(&self.db(), asset_id)?;
        if let Some(task) = Progress::of(&a, now_ms()).running() {
            return Err(Error::Busy(task));
        }
        if a.owns_object {
            self.objects.delete_object(&a.bucket, &a.object_key)?;
        }
        if a.cover_type.is_some()
            && let Some(key) = &a.cover_key
        {
            self.objects.delete_object(self.bucket(), key)?;
        }
        Ok(())
    }

    /// Forgets the asset's transcoded renditions.
    pub fn drop_renditions(&self, asset_id: &str) -> Result<()> {
        let conn = self.db();
        let mut a = load(&conn, asset_id)?;
        if let Some(task) = Progress::of(&a, now_ms()).running() {
            return Err(Error::Busy(task));
        }
        a.transcodes = false;
        a.last_modified = now_ms();
        a.save(&conn)?;
        Ok(())
    }

    /// Runs `preset` on an uploaded asset: its processing clock starts again.
    pub fn reprocess(&self, asset_id: &str, preset: Preset) -> Result<()> {
        let conn = self.db();
        let mut a = load(&conn, asset_id)?;
        if !uploaded(&a) {
            return Err(Error::NotAwaitingUpload);
        }
        if let Some(task) = Progress::of(&a, now_ms()).running() {
            return Err(Error::Busy(task));
        }
        let now = now_ms();
        a.transcodes = !media::is_audio(&a.video_type) && preset.transcodes();
        a.template_group = Some(preset.name);
        a.confirmed_at = Some(now);
        a.last_modified = now;
        a.save(&conn)?;
        Ok(())
    }
}
