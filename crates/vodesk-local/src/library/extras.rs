//! What a personality keeps about an asset beyond the neutral row (Alibaba: `UserData`,
//! `AppId`, the audit history): one JSON object per asset, deleted with it.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use super::Result;

/// The asset's extras (an empty object when it has none).
pub fn get(conn: &Connection, asset_id: &str) -> Result<Map<String, Value>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT json FROM extras WHERE asset_id = ?1")?
        .query_row([asset_id], |r| r.get(0))
        .optional()?;
    Ok(match json.and_then(|j| serde_json::from_str(&j).ok()) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    })
}

/// Changes the asset's extras with `change` and stores them.
pub fn update(
    conn: &Connection,
    asset_id: &str,
    change: impl FnOnce(&mut Map<String, Value>),
) -> Result<()> {
    let mut m = get(conn, asset_id)?;
    change(&mut m);
    conn.prepare_cached(
        "INSERT INTO extras(asset_id, json) VALUES (?1, ?2) \
         ON CONFLICT(asset_id) DO UPDATE SET json = excluded.json",
    )?
    .execute(params![asset_id, Value::Object(m).to_string()])?;
    Ok(())
}
