//! SQLite schema and first-open data. WAL journal; every multi-row change runs in one
//! transaction so a SIGKILL never leaves half a change. Tables are created if missing, so an
//! older database opens as it is.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::{categories, presets};

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS categories(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    parent_id INTEGER NOT NULL,
    level INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS categories_parent ON categories(parent_id);
CREATE TABLE IF NOT EXISTS template_groups(
    group_id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assets(
    asset_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    video_name TEXT NOT NULL,
    video_type TEXT NOT NULL,
    category_id INTEGER NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    create_time INTEGER NOT NULL,
    last_modified INTEGER NOT NULL,
    status TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0,
    auto_publish INTEGER NOT NULL DEFAULT 1,
    template_group TEXT,
    transcodes INTEGER NOT NULL DEFAULT 0,
    auto_encrypt INTEGER NOT NULL DEFAULT 0,
    auto_preheat TEXT NOT NULL DEFAULT '0',
    thumbnail TEXT,
    review TEXT,
    workflow_name TEXT,
    video_md5 TEXT,
    cover_type TEXT,
    cover_md5 TEXT,
    subtitles TEXT NOT NULL DEFAULT '[]',
    bucket TEXT NOT NULL,
    object_key TEXT NOT NULL,
    owns_object INTEGER NOT NULL DEFAULT 1,
    size INTEGER NOT NULL DEFAULT 0,
    head_md5 TEXT,
    head_md5_1025 TEXT,
    confirmed_at INTEGER,
    thumbs_failed INTEGER NOT NULL DEFAULT 0,
    snapshots TEXT NOT NULL DEFAULT '[]',
    cover_key TEXT,
    pending TEXT,
    source TEXT NOT NULL DEFAULT 'upload',
    expires_at INTEGER,
    duration_ms INTEGER,
    media TEXT,
    media_pending INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS assets_ctime ON assets(create_time);
CREATE INDEX IF NOT EXISTS assets_size ON assets(size);
CREATE INDEX IF NOT EXISTS assets_object ON assets(bucket, object_key);
CREATE TABLE IF NOT EXISTS authorized_buckets(bucket TEXT PRIMARY KEY, authorized_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS upload_sessions(
    handle TEXT PRIMARY KEY,
    asset_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS extras(
    asset_id TEXT PRIMARY KEY,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS images(
    image_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    ext TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    category_id INTEGER NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    bucket TEXT NOT NULL,
    object_key TEXT NOT NULL,
    create_time INTEGER NOT NULL,
    extras TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS jobs(
    job_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    asset_id TEXT,
    error_code TEXT,
    error_message TEXT,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER,
    input TEXT NOT NULL DEFAULT '{}'
);
"#;

pub fn open(dir: &Path, presets: &[presets::Preset]) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open(dir.join("vod.db"))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(SCHEMA)?;
    add_missing_columns(&conn)?;
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS assets_expiry ON assets(expires_at) WHERE expires_at IS NOT NULL;
         -- The Alibaba personality looks for videos waiting for their object on every call.
         CREATE INDEX IF NOT EXISTS assets_creating ON assets(asset_id) WHERE status = 'CREATING';",
    )?;
    seed_defaults(&mut conn, presets)?;
    Ok(conn)
}

/// Columns added since a database was made: an older one gets them, empty.
fn add_missing_columns(conn: &Connection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info('assets')")?;
    let have: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for (column, kind) in [
        ("expires_at", "INTEGER"),
        ("duration_ms", "INTEGER"),
        ("media", "TEXT"),
        ("media_pending", "INTEGER NOT NULL DEFAULT 0"),
    ] {
        if !have.iter().any(|c| c == column) {
            conn.execute_batch(&format!("ALTER TABLE assets ADD COLUMN {column} {kind}"))?;
        }
    }
    Ok(())
}

/// First open: the default category, a few example categories and the presets.
fn seed_defaults(conn: &mut Connection, presets: &[presets::Preset]) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    let seeded: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'seeded'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if seeded.is_none() {
        let cats: [(i64, &str, i64, i64); 5] = [
            (categories::OTHER, "Other", 0, 1),
            (1, "纪录片", 0, 1),
            (2, "海岸线", 1, 2),
            (3, "News", 0, 1),
            (4, "Sports", 0, 1),
        ];
        for (id, name, parent, level) in cats {
            tx.execute(
                "INSERT OR IGNORE INTO categories(id, name, parent_id, level) VALUES (?1, ?2, ?3, ?4)",
                params![id, name, parent, level],
            )?;
        }
        for (pos, preset) in presets.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO template_groups(group_id, name, position, json) VALUES (?1, ?2, ?3, ?4)",
                params![
                    preset.id,
                    preset.name,
                    pos as i64,
                    serde_json::to_string(preset).expect("preset serializes")
                ],
            )?;
        }
        tx.execute("INSERT INTO meta(key, value) VALUES ('seeded', '1')", [])?;
    }
    tx.commit()
}

pub fn meta_get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub fn meta_set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map(|_| ())
}
