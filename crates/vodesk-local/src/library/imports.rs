//! Assets from objects that are already stored: buckets the user authorized the library to read,
//! and the import of one object (copied into the library's bucket, or referenced in place).

use rusqlite::{Connection, params};

use super::assets::AssetMeta;
use super::lifecycle::now_ms;
use super::rows::status;
use super::{Error, Library, Result, processing};

pub fn is_authorized(conn: &Connection, bucket: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM authorized_buckets WHERE bucket = ?1",
        [bucket],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// Grants (or revokes) the library read access to `bucket`.
pub fn authorize(conn: &Connection, bucket: &str, grant: bool) -> Result<()> {
    if grant {
        conn.execute(
            "INSERT INTO authorized_buckets(bucket, authorized_at) VALUES (?1, ?2) \
             ON CONFLICT(bucket) DO NOTHING",
            params![bucket, now_ms()],
        )?;
    } else {
        conn.execute("DELETE FROM authorized_buckets WHERE bucket = ?1", [bucket])?;
    }
    Ok(())
}

/// Where an imported object comes from.
pub struct Source<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    /// Reference the object where it is instead of copying it into the library's bucket.
    pub keep_in_place: bool,
    /// Recorded with the asset (`reproduction`, `url`).
    pub origin: &'a str,
}

impl Library {
    /// `bucket/key` must exist ([`Error::NoObject`]).
    pub fn require_object(&self, bucket: &str, key: &str) -> Result<()> {
        match self.objects.head_object(bucket, key)? {
            Some(_) => Ok(()),
            None => Err(Error::NoObject {
                bucket: bucket.to_string(),
                key: key.to_string(),
            }),
        }
    }

    /// Creates an uploaded asset whose original is the source object; returns its id.
    pub async fn import(
        &self,
        meta: AssetMeta,
        video_type: String,
        source: Source<'_>,
    ) -> Result<String> {
        let asset_id = self.new_id();
        let (bucket, key) = (source.bucket, source.key);
        let video_name = key.rsplit('/').next().unwrap_or(key).to_string();
        let (dst_bucket, dst_key) = if source.keep_in_place {
            (bucket.to_string(), key.to_string())
        } else {
            let dst_key = self.layout.video_key(&asset_id, &asset_id, &video_type);
            self.objects
                .copy_object(bucket, key, self.bucket(), &dst_key)
                .await?;
            (self.bucket().to_string(), dst_key)
        };
        let mut row = meta.into_row(
            asset_id.clone(),
            video_type,
            video_name,
            dst_bucket,
            dst_key,
        );
        row.owns_object = !source.keep_in_place;
        row.source = source.origin.to_string();
        self.settle(row).await
    }

    /// Creates an uploaded asset whose original is `data` (fetched from elsewhere, e.g. a URL
    /// pull); returns its id.
    pub async fn ingest(
        &self,
        meta: AssetMeta,
        video_type: String,
        video_name: String,
        data: bytes::Bytes,
        origin: &str,
    ) -> Result<String> {
        let asset_id = self.new_id();
        let key = self.layout.video_key(&asset_id, &asset_id, &video_type);
        let content_type = super::media::media_content_type(&video_type);
        self.objects
            .put_object(self.bucket(), &key, &content_type, data)
            .await?;
        let mut row = meta.into_row(
            asset_id,
            video_type,
            video_name,
            self.bucket().to_string(),
            key,
        );
        row.source = origin.to_string();
        self.settle(row).await
    }

    /// Inspects the original of a new asset row and stores the row as uploaded.
    async fn settle(&self, mut row: super::rows::AssetRow) -> Result<String> {
        let asset_id = row.asset_id.clone();
        let up = self
            .inspect(&row, &row.bucket.clone(), &row.object_key.clone(), None)
            .await?;
        row.status = status::CREATED.into();
        row.published = row.auto_publish;
        processing::apply(&mut row, up);
        row.insert(&self.db())?;
        Ok(asset_id)
    }
}
