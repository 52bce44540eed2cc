//! The asset row: one SQLite row per asset, read and written whole.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::layout;

/// Stored values of [`AssetRow::status`]: the upload's state. Everything else an asset shows
/// (published, transcoding, ...) is derived, see [`super::lifecycle`].
pub mod status {
    pub const CREATING: &str = "CREATING";
    pub const CREATED: &str = "CREATED";
    pub const FAILED: &str = "FAILED";
    pub const CANCELLED: &str = "CANCELLED";
}

/// A video replacement announced by `PUT /asset` and not yet confirmed.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct PendingVideo {
    pub object_key: String,
    pub video_type: String,
    pub video_name: String,
    pub video_md5: Option<String>,
}

/// One requested subtitle.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SubtitleSpec {
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub language: String,
    pub object_key: String,
}

/// One generated snapshot.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    pub offset: i64,
    pub key: String,
}

#[derive(Clone, Debug)]
pub struct AssetRow {
    pub asset_id: String,
    pub title: String,
    pub description: String,
    pub video_name: String,
    pub video_type: String,
    pub category_id: i64,
    pub tags: String,
    pub create_time: i64,
    pub last_modified: i64,
    /// One of [`status`]'s values.
    pub status: String,
    pub published: bool,
    pub auto_publish: bool,
    pub template_group: Option<String>,
    pub transcodes: bool,
    pub auto_encrypt: bool,
    pub auto_preheat: String,
    pub thumbnail: Option<serde_json::Value>,
    pub review: Option<serde_json::Value>,
    pub workflow_name: Option<String>,
    pub video_md5: Option<String>,
    pub cover_type: Option<String>,
    pub cover_md5: Option<String>,
    pub subtitles: Vec<SubtitleSpec>,
    pub bucket: String,
    pub object_key: String,
    pub owns_object: bool,
    pub size: i64,
    pub head_md5: Option<String>,
    pub head_md5_1025: Option<String>,
    pub confirmed_at: Option<i64>,
    pub thumbs_failed: bool,
    pub snapshots: Vec<Snapshot>,
    pub cover_key: Option<String>,
    pub pending: Option<PendingVideo>,
    pub source: String,
    /// When the media is deleted by itself (ms since the epoch); `None`: never.
    pub expires_at: Option<i64>,
    /// Playing time read from the original (ISO media files only; see `duration`).
    pub duration_ms: Option<i64>,
    /// What ffprobe read in the original (`None` without ffmpeg or for what is not media).
    pub media: Option<vodesk_media::MediaInfo>,
    /// ffmpeg is still reading the original (facts, cover, snapshots): thumbnails are running.
    pub media_pending: bool,
}

pub const ASSET_COLUMNS: &str = "asset_id, title, description, video_name, video_type, category_id, tags, \
    create_time, last_modified, status, published, auto_publish, template_group, transcodes, auto_encrypt, \
    auto_preheat, thumbnail, review, workflow_name, video_md5, cover_type, cover_md5, subtitles, bucket, \
    object_key, owns_object, size, head_md5, head_md5_1025, confirmed_at, thumbs_failed, snapshots, \
    cover_key, pending, source, expires_at, duration_ms, media, media_pending";

fn json_col<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

impl AssetRow {
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(AssetRow {
            asset_id: r.get(0)?,
            title: r.get(1)?,
            description: r.get(2)?,
            video_name: r.get(3)?,
            video_type: r.get(4)?,
            category_id: r.get(5)?,
            tags: r.get(6)?,
            create_time: r.get(7)?,
            last_modified: r.get(8)?,
            status: r.get(9)?,
            published: r.get::<_, i64>(10)? != 0,
            auto_publish: r.get::<_, i64>(11)? != 0,
            template_group: r.get(12)?,
            transcodes: r.get::<_, i64>(13)? != 0,
            auto_encrypt: r.get::<_, i64>(14)? != 0,
            auto_preheat: r.get(15)?,
            thumbnail: json_col(r.get(16)?),
            review: json_col(r.get(17)?),
            workflow_name: r.get(18)?,
            video_md5: r.get(19)?,
            cover_type: r.get(20)?,
            cover_md5: r.get(21)?,
            subtitles: json_col(r.get(22)?).unwrap_or_default(),
            bucket: r.get(23)?,
            object_key: r.get(24)?,
            owns_object: r.get::<_, i64>(25)? != 0,
            size: r.get(26)?,
            head_md5: r.get(27)?,
            head_md5_1025: r.get(28)?,
            confirmed_at: r.get(29)?,
            thumbs_failed: r.get::<_, i64>(30)? != 0,
            snapshots: json_col(r.get(31)?).unwrap_or_default(),
            cover_key: r.get(32)?,
            pending: json_col(r.get(33)?),
            source: r.get(34)?,
            expires_at: r.get(35)?,
            duration_ms: r.get(36)?,
            media: json_col(r.get(37)?),
            media_pending: r.get::<_, Option<i64>>(38)?.unwrap_or(0) != 0,
        })
    }

    pub fn insert(&self, conn: &Connection) -> rusqlite::Result<()> {
        // Cached statements: every create and confirm writes a row, and parsing these wide
        // statements anew each time showed up in the service's profile.
        conn.prepare_cached(&format!(
                "INSERT INTO assets({ASSET_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
                 ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, \
                 ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39)"
        ))?
        .execute(params![
                self.asset_id,
                self.title,
                self.description,
                self.video_name,
                self.video_type,
                self.category_id,
                self.tags,
                self.create_time,
                self.last_modified,
                self.status,
                self.published as i64,
                self.auto_publish as i64,
                self.template_group,
                self.transcodes as i64,
                self.auto_encrypt as i64,
                self.auto_preheat,
                self.thumbnail.as_ref().map(|v| v.to_string()),
                self.review.as_ref().map(|v| v.to_string()),
                self.workflow_name,
                self.video_md5,
                self.cover_type,
                self.cover_md5,
                serde_json::to_string(&self.subtitles).expect("subtitles serialize"),
                self.bucket,
                self.object_key,
                self.owns_object as i64,
                self.size,
                self.head_md5,
                self.head_md5_1025,
                self.confirmed_at,
                self.thumbs_failed as i64,
                serde_json::to_string(&self.snapshots).expect("snapshots serialize"),
                self.cover_key,
                self.pending
                    .as_ref()
                    .map(|p| serde_json::to_string(p).expect("pending serializes")),
                self.source,
                self.expires_at,
                self.duration_ms,
                self.media
                    .as_ref()
                    .map(|m| serde_json::to_string(m).expect("media facts serialize")),
                self.media_pending as i64,
            ])?;
        Ok(())
    }

    /// Rewrites the whole row (one transaction, so atomic).
    pub fn save(&self, conn: &Connection) -> rusqlite::Result<()> {
        let tx = conn.unchecked_transaction()?;
        tx.prepare_cached("DELETE FROM assets WHERE asset_id = ?1")?
            .execute([&self.asset_id])?;
        self.insert(&tx)?;
        tx.commit()
    }
}

pub fn get_asset(conn: &Connection, asset_id: &str) -> rusqlite::Result<Option<AssetRow>> {
    conn.prepare_cached(&format!(
        "SELECT {ASSET_COLUMNS} FROM assets WHERE asset_id = ?1"
    ))?
    .query_row([asset_id], AssetRow::from_row)
    .optional()
}

/// Deletes the asset's row and what a personality kept beside it.
pub fn delete_asset(conn: &Connection, asset_id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM assets WHERE asset_id = ?1", [asset_id])?;
    conn.execute("DELETE FROM extras WHERE asset_id = ?1", [asset_id])
        .map(|_| ())
}

/// The asset whose video (or pending replacement video) is `bucket/key`.
pub fn asset_by_object(
    conn: &Connection,
    bucket: &str,
    key: &str,
) -> rusqlite::Result<Option<AssetRow>> {
    if let Some(a) = conn
        .prepare_cached(&format!(
            "SELECT {ASSET_COLUMNS} FROM assets WHERE bucket = ?1 AND object_key = ?2"
        ))?
        .query_row(params![bucket, key], AssetRow::from_row)
        .optional()?
    {
        return Ok(Some(a));
    }
    // A pending replacement: the key carries the asset id as its second path segment.
    let mut segs = key.split('/');
    let (Some(first), Some(asset_id)) = (segs.next(), segs.next()) else {
        return Ok(None);
    };
    let prefix = format!("{first}/{asset_id}");
    Ok(get_asset(conn, asset_id)?.filter(|a| {
        a.pending
            .as_ref()
            .is_some_and(|p| p.object_key == key && a.bucket == bucket)
            || (layout::cover_key(&prefix, a.cover_type.as_deref()) == key
                || a.subtitles.iter().any(|s| s.object_key == key))
    }))
}
