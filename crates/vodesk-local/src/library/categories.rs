//! The category tree. How deep it may grow, how many children a node takes and how long a name
//! may be are each personality's [`Rules`]; names are unique among siblings; the built-in
//! default category ([`OTHER`]) is never renamed or deleted, and deleting a category moves its
//! assets there.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Error, Result};

/// The built-in default category ("Other").
pub const OTHER: i64 = -1;
/// Parent id of top-level categories.
pub const ROOT: i64 = 0;

#[derive(Clone, Copy, Debug)]
pub struct Rules {
    /// Levels below the root (a top-level category is level 1).
    pub max_depth: i64,
    /// Children of one category (top-level categories are not counted).
    pub max_children: i64,
    pub name_max_bytes: usize,
}

impl Rules {
    /// Whether `name` fits: not blank, at most `name_max_bytes` bytes.
    pub fn name_fits(&self, name: &str) -> bool {
        !name.trim().is_empty() && name.len() <= self.name_max_bytes
    }
}

#[derive(Clone, Debug)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub parent_id: i64,
    pub level: i64,
}

const COLUMNS: &str = "SELECT id, name, parent_id, level FROM categories";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        name: r.get(1)?,
        parent_id: r.get(2)?,
        level: r.get(3)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Category>> {
    // Cached: every asset creation checks its category.
    Ok(conn
        .prepare_cached(&format!("{COLUMNS} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// The category `id`, or [`Error::NoCategory`].
pub fn require(conn: &Connection, id: i64) -> Result<Category> {
    get(conn, id)?.ok_or(Error::NoCategory(id))
}

/// Children of `parent` ([`ROOT`] for the top level), by id.
pub fn children(conn: &Connection, parent: i64) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} WHERE parent_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([parent], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a query for `id` lists: the top level for [`ROOT`], else that one category.
pub fn listed(conn: &Connection, id: i64) -> Result<Vec<Category>> {
    if id == ROOT {
        children(conn, ROOT)
    } else {
        Ok(vec![require(conn, id)?])
    }
}

/// Id → name of every category.
pub fn names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, name FROM categories")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn sibling_exists(conn: &Connection, parent: i64, name: &str, except: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM categories WHERE parent_id = ?1 AND name = ?2 AND id != ?3",
        params![parent, name, except],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// A new category under `parent_id` ([`ROOT`] for the top level); `name` already fits the rules.
pub fn create(
    conn: &mut Connection,
    name: &str,
    parent_id: i64,
    rules: &Rules,
) -> Result<Category> {
    let tx = conn.transaction()?;
    let level = if parent_id == ROOT {
        1
    } else {
        let parent = require(&tx, parent_id)?;
        if parent.level >= rules.max_depth {
            return Err(Error::CategoryTooDeep);
        }
        parent.level + 1
    };
    let count: i64 = tx.query_row(
        "SELECT COUNT(*) FROM categories WHERE parent_id = ?1",
        [parent_id],
        |r| r.get(0),
    )?;
    if parent_id != ROOT && count >= rules.max_children {
        return Err(Error::TooManySubcategories(rules.max_children));
    }
    if sibling_exists(&tx, parent_id, name, i64::MIN)? {
        return Err(Error::CategoryExists(name.to_string()));
    }
    tx.execute(
        "INSERT INTO categories(name, parent_id, level) VALUES (?1, ?2, ?3)",
        params![name, parent_id, level],
    )?;
    let id = tx.last_insert_rowid();
    tx.commit()?;
    Ok(Category {
        id,
        name: name.to_string(),
        parent_id,
        level,
    })
}

/// Renames `id`; `name` already fits the rules.
pub fn rename(conn: &Connection, id: i64, name: &str) -> Result<Category> {
    if id == OTHER {
        return Err(Error::BuiltInCategory);
    }
    let mut cat = require(conn, id)?;
    if sibling_exists(conn, cat.parent_id, name, id)? {
        return Err(Error::CategoryExists(name.to_string()));
    }
    conn.execute(
        "UPDATE categories SET name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    cat.name = name.to_string();
    Ok(cat)
}

/// Deletes a category without sub-categories; its assets move to [`OTHER`].
pub fn delete(conn: &mut Connection, id: i64) -> Result<()> {
    if id == OTHER || id == ROOT {
        return Err(Error::BuiltInCategory);
    }
    let tx = conn.transaction()?;
    require(&tx, id)?;
    if !children(&tx, id)?.is_empty() {
        return Err(Error::HasSubcategories);
    }
    remove(&tx, &[id])?;
    tx.commit()?;
    Ok(())
}

/// Removes the categories, moving their assets to [`OTHER`].
fn remove(tx: &Connection, ids: &[i64]) -> Result<()> {
    for id in ids {
        tx.execute(
            "UPDATE assets SET category_id = ?1 WHERE category_id = ?2",
            params![OTHER, id],
        )?;
        tx.execute("DELETE FROM categories WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Deletes a category with all its subcategories in one transaction; their assets move to
/// [`OTHER`].
pub fn delete_tree(conn: &mut Connection, id: i64) -> Result<()> {
    if id == OTHER || id == ROOT {
        return Err(Error::BuiltInCategory);
    }
    let tx = conn.transaction()?;
    require(&tx, id)?;
    let mut doomed = vec![id];
    let mut i = 0;
    while i < doomed.len() {
        doomed.extend(children(&tx, doomed[i])?.iter().map(|c| c.id));
        i += 1;
    }
    remove(&tx, &doomed)?;
    tx.commit()?;
    Ok(())
}

/// Whether any asset is filed under the category itself (not its subcategories).
pub fn has_assets(conn: &Connection, id: i64) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM assets WHERE category_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// Every category, by id.
pub fn all(conn: &Connection) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
