//! The SQLite index: buckets, objects, multipart uploads and parts.
//!
//! One connection behind a mutex: statements are short (the bytes never go through SQLite),
//! and a single writer keeps WAL commits cheap. `synchronous=NORMAL` survives a process kill;
//! only a power loss may lose the last commits, which is acceptable for a local test service.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::StoreError;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS buckets (
    name TEXT PRIMARY KEY,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS objects (
    bucket TEXT NOT NULL,
    key TEXT NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT NOT NULL,
    content_type TEXT NOT NULL,
    modified_ms INTEGER NOT NULL,
    blob TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY,
    bucket TEXT NOT NULL,
    key TEXT NOT NULL,
    content_type TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '[]',
    initiated_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS uploads_by_key ON uploads (bucket, key, upload_id);
CREATE TABLE IF NOT EXISTS parts (
    upload_id TEXT NOT NULL,
    part_number INTEGER NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT NOT NULL,
    modified_ms INTEGER NOT NULL,
    blob TEXT NOT NULL,
    PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;
";

pub(crate) struct Index {
    conn: Mutex<Connection>,
}

/// User metadata (`x-amz-meta-*` / `x-obs-meta-*`) as stored: lower-case name, value.
pub(crate) type Meta = Vec<(String, String)>;

#[derive(Clone, Debug)]
pub(crate) struct ObjectRow {
    pub key: String,
    pub size: u64,
    pub etag: String,
    pub content_type: String,
    pub modified_ms: i64,
    /// One blob id, or a manifest of part blobs (see `content`).
    pub blob: String,
    pub meta: Meta,
}

#[derive(Default, Debug)]
pub(crate) struct ListPage {
    pub contents: Vec<ObjectRow>,
    pub prefixes: Vec<String>,
    pub truncated: bool,
    /// Last key or common prefix returned (the resume point).
    pub next_marker: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct UploadRow {
    pub upload_id: String,
    pub bucket: String,
    pub key: String,
    pub content_type: String,
    pub meta: Meta,
    pub initiated_ms: i64,
}

#[derive(Clone, Debug)]
pub(crate) struct PartRow {
    pub part_number: u32,
    pub size: u64,
    pub etag: String,
    pub modified_ms: i64,
    pub blob: String,
}

pub(crate) fn meta_to_json(meta: &Meta) -> String {
    serde_json::to_string(meta).unwrap_or_else(|_| "[]".into())
}

fn meta_from_json(s: &str) -> Meta {
    serde_json::from_str(s).unwrap_or_default()
}

const OBJECT_COLS: &str = "key, size, etag, content_type, modified_ms, blob, meta";

fn object_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ObjectRow> {
    Ok(ObjectRow {
        key: r.get(0)?,
        size: r.get::<_, i64>(1)? as u64,
        etag: r.get(2)?,
        content_type: r.get(3)?,
        modified_ms: r.get(4)?,
        blob: r.get(5)?,
        meta: meta_from_json(&r.get::<_, String>(6)?),
    })
}

impl Index {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Index {
            conn: Mutex::new(conn),
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent (transactions roll back).
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

// ---- buckets ----

pub(crate) fn bucket_exists(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM buckets WHERE name = ?1")?
        .query_row([name], |_| Ok(()))
        .optional()
        .map(|r| r.is_some())
}

/// Returns whether the bucket was newly created.
pub(crate) fn bucket_create(conn: &Connection, name: &str, now_ms: i64) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO buckets (name, created_ms) VALUES (?1, ?2)",
        params![name, now_ms],
    )?;
    Ok(n > 0)
}

pub(crate) fn bucket_list(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut st = conn.prepare_cached("SELECT name, created_ms FROM buckets ORDER BY name")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

pub(crate) enum BucketDelete {
    Missing,
    NotEmpty,
    /// Blobs of multipart uploads dropped with the bucket, to unlink after commit.
    Deleted(Vec<String>),
}

pub(crate) fn bucket_delete(tx: &Transaction<'_>, name: &str) -> rusqlite::Result<BucketDelete> {
    if !bucket_exists(tx, name)? {
        return Ok(BucketDelete::Missing);
    }
    let has_objects = tx
        .query_row(
            "SELECT 1 FROM objects WHERE bucket = ?1 LIMIT 1",
            [name],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if has_objects {
        return Ok(BucketDelete::NotEmpty);
    }
    let mut blobs = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT p.blob FROM parts p JOIN uploads u ON u.upload_id = p.upload_id WHERE u.bucket = ?1",
        )?;
        for b in st.query_map([name], |r| r.get::<_, String>(0))? {
            blobs.push(b?);
        }
    }
    tx.execute(
        "DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = ?1)",
        [name],
    )?;
    tx.execute("DELETE FROM uploads WHERE bucket = ?1", [name])?;
    tx.execute("DELETE FROM buckets WHERE name = ?1", [name])?;
    Ok(BucketDelete::Deleted(blobs))
}

// ---- objects ----

pub(crate) fn object_get(
    conn: &Connection,
    bucket: &str,
    key: &str,
) -> rusqlite::Result<Option<ObjectRow>> {
    conn.prepare_cached(&format!(
        "SELECT {OBJECT_COLS} FROM objects WHERE bucket = ?1 AND key = ?2"
    ))?
    .query_row([bucket, key], object_from_row)
    .optional()
}

/// Inserts or replaces; returns the `blob` column of the replaced object (to unlink after commit).
pub(crate) fn object_put(
    tx: &Transaction<'_>,
    bucket: &str,
    row: &ObjectRow,
) -> rusqlite::Result<Option<String>> {
    let old: Option<String> = tx
        .prepare_cached("SELECT blob FROM objects WHERE bucket = ?1 AND key = ?2")?
        .query_row([bucket, &row.key], |r| r.get(0))
        .optional()?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO objects (bucket, key, size, etag, content_type, modified_ms, blob, meta)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        bucket,
        row.key,
        row.size as i64,
        row.etag,
        row.content_type,
        row.modified_ms,
        row.blob,
        meta_to_json(&row.meta)
    ])?;
    Ok(old.filter(|b| *b != row.blob))
}

/// Returns the `blob` column of the deleted object, if there was one.
pub(crate) fn object_delete(
    conn: &Connection,
    bucket: &str,
    key: &str,
) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("DELETE FROM objects WHERE bucket = ?1 AND key = ?2 RETURNING blob")?
        .query_row([bucket, key], |r| r.get(0))
        .optional()
}

const LIST_BATCH: i64 = 1000;

/// S3 listing semantics: keys strictly after `marker`, starting with `prefix`, rolled up at the
/// first `delimiter` after the prefix; `max_keys` counts keys and common prefixes together.
pub(crate) fn list_objects(
    conn: &Connection,
    bucket: &str,
    prefix: &str,
    delimiter: Option<&str>,
    marker: &str,
    max_keys: usize,
) -> rusqlite::Result<ListPage> {
    let delimiter = delimiter.filter(|d| !d.is_empty());
    let mut page = ListPage::default();
    let mut st = conn.prepare_cached(&format!(
        "SELECT {OBJECT_COLS} FROM objects WHERE bucket = ?1 AND key > ?2 AND key >= ?3 ORDER BY key LIMIT ?4"
    ))?;
    let mut cursor = marker.to_string();
    let mut last_prefix: Option<String> = None;
    let mut count = 0usize;
    'scan: loop {
        let rows: Vec<ObjectRow> = st
            .query_map(params![bucket, cursor, prefix, LIST_BATCH], object_from_row)?
            .collect::<Result<_, _>>()?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            cursor.clone_from(&row.key);
            if !row.key.starts_with(prefix) {
                break 'scan;
            }
            if let Some(d) = delimiter
                && let Some(i) = row.key[prefix.len()..].find(d)
            {
                let cp = &row.key[..prefix.len() + i + d.len()];
                if last_prefix.as_deref() == Some(cp) || cp == marker {
                    continue;
                }
                if count == max_keys {
                    page.truncated = true;
                    break 'scan;
                }
                count += 1;
                page.prefixes.push(cp.to_string());
                page.next_marker = Some(cp.to_string());
                last_prefix = Some(cp.to_string());
                // Skip the rest of the rolled-up group in one seek; any key sorting after this
                // bound but still inside the group is caught by the `last_prefix` check.
                cursor = format!("{cp}\u{10FFFF}");
                continue 'scan;
            }
            if count == max_keys {
                page.truncated = true;
                break 'scan;
            }
            count += 1;
            page.next_marker = Some(row.key.clone());
            page.contents.push(row);
        }
    }
    Ok(page)
}

// ---- multipart ----

pub(crate) fn upload_create(conn: &Connection, u: &UploadRow) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO uploads (upload_id, bucket, key, content_type, meta, initiated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![u.upload_id, u.bucket, u.key, u.content_type, meta_to_json(&u.meta), u.initiated_ms],
    )?;
    Ok(())
}

pub(crate) fn upload_get(
    conn: &Connection,
    upload_id: &str,
) -> rusqlite::Result<Option<UploadRow>> {
    conn.prepare_cached(
        "SELECT upload_id, bucket, key, content_type, meta, initiated_ms FROM uploads WHERE upload_id = ?1",
    )?
    .query_row([upload_id], |r| {
        Ok(UploadRow {
            upload_id: r.get(0)?,
            bucket: r.get(1)?,
            key: r.get(2)?,
            content_type: r.get(3)?,
            meta: meta_from_json(&r.get::<_, String>(4)?),
            initiated_ms: r.get(5)?,
        })
    })
    .optional()
}

/// Uploads of a bucket, ordered by (key, upload id), after the given markers.
pub(crate) fn upload_list(
    conn: &Connection,
    bucket: &str,
    prefix: &str,
    key_marker: &str,
    upload_id_marker: &str,
    limit: usize,
) -> rusqlite::Result<Vec<UploadRow>> {
    let mut st = conn.prepare_cached(
        "SELECT upload_id, bucket, key, content_type, meta, initiated_ms FROM uploads
         WHERE bucket = ?1 AND key >= ?2 AND (key > ?3 OR (key = ?3 AND upload_id > ?4))
         ORDER BY key, upload_id",
    )?;
    let rows = st.query_map(params![bucket, prefix, key_marker, upload_id_marker], |r| {
        Ok(UploadRow {
            upload_id: r.get(0)?,
            bucket: r.get(1)?,
            key: r.get(2)?,
            content_type: r.get(3)?,
            meta: meta_from_json(&r.get::<_, String>(4)?),
            initiated_ms: r.get(5)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if !row.key.starts_with(prefix) {
            break;
        }
        out.push(row);
        if out.len() > limit {
            break;
        }
    }
    Ok(out)
}

/// Inserts or replaces a part; returns the blob of the replaced part.
pub(crate) fn part_put(
    tx: &Transaction<'_>,
    upload_id: &str,
    p: &PartRow,
) -> rusqlite::Result<Option<String>> {
    let old: Option<String> = tx
        .prepare_cached("SELECT blob FROM parts WHERE upload_id = ?1 AND part_number = ?2")?
        .query_row(params![upload_id, p.part_number], |r| r.get(0))
        .optional()?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, modified_ms, blob) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![upload_id, p.part_number, p.size as i64, p.etag, p.modified_ms, p.blob])?;
    Ok(old)
}

pub(crate) fn parts_list(
    conn: &Connection,
    upload_id: &str,
    after: u32,
    limit: usize,
) -> rusqlite::Result<Vec<PartRow>> {
    let mut st = conn.prepare_cached(
        "SELECT part_number, size, etag, modified_ms, blob FROM parts
         WHERE upload_id = ?1 AND part_number > ?2 ORDER BY part_number LIMIT ?3",
    )?;
    let rows = st.query_map(params![upload_id, after, limit as i64], |r| {
        Ok(PartRow {
            part_number: r.get(0)?,
            size: r.get::<_, i64>(1)? as u64,
            etag: r.get(2)?,
            modified_ms: r.get(3)?,
            blob: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// Deletes the upload and its parts; returns the part blobs to unlink after commit.
pub(crate) fn upload_delete(
    tx: &Transaction<'_>,
    upload_id: &str,
) -> rusqlite::Result<Option<Vec<String>>> {
    let n = tx.execute("DELETE FROM uploads WHERE upload_id = ?1", [upload_id])?;
    if n == 0 {
        return Ok(None);
    }
    let mut st = tx.prepare_cached("DELETE FROM parts WHERE upload_id = ?1 RETURNING blob")?;
    let blobs = st
        .query_map([upload_id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(blobs))
}

pub(crate) fn referenced_blobs(conn: &Connection) -> rusqlite::Result<HashSet<String>> {
    let mut set = HashSet::new();
    for sql in ["SELECT blob FROM objects", "SELECT blob FROM parts"] {
        let mut st = conn.prepare(sql)?;
        for b in st.query_map([], |r| r.get::<_, String>(0))? {
            // An object's column may be a manifest: its part blobs are what is referenced.
            set.extend(
                crate::content::blob_ids(&b?)
                    .into_iter()
                    .map(str::to_string),
            );
        }
    }
    Ok(set)
}
