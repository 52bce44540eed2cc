//! Upload sessions for clouds whose asset id is known only once the upload is committed
//! (Tencent `VodSessionKey`): an opaque handle names the asset created for the upload, so the
//! commit finds it and a repeated commit finds the same asset again.

use rand::Rng;
use rusqlite::{Connection, OptionalExtension, params};

use super::Result;
use super::lifecycle::now_ms;

/// A new opaque handle for `asset_id`.
pub fn open(conn: &Connection, asset_id: &str) -> Result<String> {
    let handle = hex::encode(rand::rng().random::<[u8; 24]>());
    conn.execute(
        "INSERT INTO upload_sessions(handle, asset_id, created_at) VALUES (?1, ?2, ?3)",
        params![handle, asset_id, now_ms()],
    )?;
    Ok(handle)
}

/// The asset a handle was opened for.
pub fn asset_of(conn: &Connection, handle: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT asset_id FROM upload_sessions WHERE handle = ?1",
            [handle],
            |r| r.get(0),
        )
        .optional()?)
}
