//! Images uploaded on their own (Alibaba `CreateUploadImage`): a row naming the object the
//! client writes with its temporary key. An image is uploaded once its object exists; there is
//! no confirmation call, so callers look at the store.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use super::Result;

#[derive(Clone, Debug)]
pub struct Image {
    pub image_id: String,
    /// What it is for (Alibaba `ImageType`: `default`, `cover`).
    pub kind: String,
    /// Lower-case file extension (`png`, `jpg`, ...).
    pub ext: String,
    pub title: String,
    pub description: String,
    /// Normalised `a,b,c`.
    pub tags: String,
    pub category_id: i64,
    pub original_name: String,
    pub bucket: String,
    pub object_key: String,
    pub create_time: i64,
    /// The personality's own fields.
    pub extras: Map<String, Value>,
}

const COLUMNS: &str = "image_id, kind, ext, title, description, tags, category_id, original_name, \
                       bucket, object_key, create_time, extras";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Image> {
    let extras: String = r.get(11)?;
    Ok(Image {
        image_id: r.get(0)?,
        kind: r.get(1)?,
        ext: r.get(2)?,
        title: r.get(3)?,
        description: r.get(4)?,
        tags: r.get(5)?,
        category_id: r.get(6)?,
        original_name: r.get(7)?,
        bucket: r.get(8)?,
        object_key: r.get(9)?,
        create_time: r.get(10)?,
        extras: match serde_json::from_str(&extras) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        },
    })
}

pub fn insert(conn: &Connection, i: &Image) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO images({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        params![
            i.image_id,
            i.kind,
            i.ext,
            i.title,
            i.description,
            i.tags,
            i.category_id,
            i.original_name,
            i.bucket,
            i.object_key,
            i.create_time,
            Value::Object(i.extras.clone()).to_string(),
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, image_id: &str) -> Result<Option<Image>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM images WHERE image_id = ?1"),
            [image_id],
            from_row,
        )
        .optional()?)
}

/// The image whose object is `bucket/key`.
pub fn by_object(conn: &Connection, bucket: &str, key: &str) -> Result<Option<Image>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM images WHERE bucket = ?1 AND object_key = ?2"),
            params![bucket, key],
            from_row,
        )
        .optional()?)
}
