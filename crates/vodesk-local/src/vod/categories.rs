//! Categories (§11): up to 3 levels, ≤ 128 children each, names 1–64 bytes, unique among
//! siblings; "Other" (-1) is built in. Deleting a category moves its assets to "Other".

use std::sync::Arc;

use axum::response::Response;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::Ctx;
use super::errors::{ApiError, ApiResult};
use super::request::Body;
use super::routes::{Call, no_content, ok_json};

pub const OTHER: i64 = -1;
const NAME_MAX: usize = 64;
const MAX_CHILDREN: i64 = 128;
const MAX_LEVEL: i64 = 3;

#[derive(Clone, Debug)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub parent_id: i64,
    pub level: i64,
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Category>> {
    // Cached: every create asset checks its category.
    conn.prepare_cached("SELECT id, name, parent_id, level FROM categories WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Category {
                id: r.get(0)?,
                name: r.get(1)?,
                parent_id: r.get(2)?,
                level: r.get(3)?,
            })
        })
        .optional()
}

fn children(conn: &Connection, parent: i64) -> rusqlite::Result<Vec<Category>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, parent_id, level FROM categories WHERE parent_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([parent], |r| {
        Ok(Category {
            id: r.get(0)?,
            name: r.get(1)?,
            parent_id: r.get(2)?,
            level: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// Checks that `id` (after mapping "omitted" to -1 by the caller) exists.
pub fn require(conn: &Connection, id: i64) -> ApiResult<()> {
    match get(conn, id)? {
        Some(_) => Ok(()),
        None => Err(ApiError::no_category(id)),
    }
}

fn name(body: &Body) -> ApiResult<String> {
    let name = body.req_str("name")?;
    if name.trim().is_empty() || name.len() > NAME_MAX {
        return Err(ApiError::illegal(
            "name",
            format!("must be 1 to {NAME_MAX} bytes"),
        ));
    }
    Ok(name)
}

fn sibling_exists(
    conn: &Connection,
    parent: i64,
    name: &str,
    except: i64,
) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT COUNT(*) FROM categories WHERE parent_id = ?1 AND name = ?2 AND id != ?3",
        params![parent, name, except],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

fn category_json(c: &Category, project_id: &str) -> Value {
    json!({"id": c.id, "name": c.name, "parent_id": c.parent_id, "level": c.level,
           "projectId": project_id})
}

pub fn create(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let name = name(&body)?;
    let parent_id = body.opt_int("parent_id")?.unwrap_or(0);
    if parent_id < 0 {
        return Err(ApiError::illegal("parent_id", "must be 0 or a category id"));
    }
    let mut conn = ctx.db();
    let tx = conn.transaction()?;
    let level = if parent_id == 0 {
        1
    } else {
        let parent = get(&tx, parent_id)?.ok_or_else(|| ApiError::no_category(parent_id))?;
        if parent.level >= MAX_LEVEL {
            return Err(ApiError::category_level());
        }
        parent.level + 1
    };
    let count: i64 = tx.query_row(
        "SELECT COUNT(*) FROM categories WHERE parent_id = ?1",
        [parent_id],
        |r| r.get(0),
    )?;
    if parent_id != 0 && count >= MAX_CHILDREN {
        return Err(ApiError::illegal_403(
            "parent_id",
            format!("a category holds at most {MAX_CHILDREN} sub-categories"),
        ));
    }
    if sibling_exists(&tx, parent_id, &name, i64::MIN)? {
        return Err(ApiError::category_exists(&name));
    }
    tx.execute(
        "INSERT INTO categories(name, parent_id, level) VALUES (?1, ?2, ?3)",
        params![name, parent_id, level],
    )?;
    let id = tx.last_insert_rowid();
    tx.commit()?;
    ok_json(category_json(
        &Category {
            id,
            name,
            parent_id,
            level,
        },
        &ctx.creds.project_id,
    ))
}

pub fn update(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let id = body
        .opt_int("id")?
        .ok_or_else(|| ApiError::illegal("id", "the field is required"))?;
    let name = name(&body)?;
    if id == OTHER {
        return Err(ApiError::illegal_403(
            "id",
            "the default category cannot be renamed",
        ));
    }
    let conn = ctx.db();
    let mut cat = get(&conn, id)?.ok_or_else(|| ApiError::no_category(id))?;
    if sibling_exists(&conn, cat.parent_id, &name, id)? {
        return Err(ApiError::category_exists(&name));
    }
    conn.execute(
        "UPDATE categories SET name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    cat.name = name;
    ok_json(category_json(&cat, &ctx.creds.project_id))
}

pub fn delete(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let id = call
        .query
        .int("id")?
        .ok_or_else(|| ApiError::illegal("id", "the parameter is required"))?;
    if id == OTHER || id == 0 {
        return Err(ApiError::illegal_403(
            "id",
            "the default category cannot be deleted",
        ));
    }
    let mut conn = ctx.db();
    let tx = conn.transaction()?;
    get(&tx, id)?.ok_or_else(|| ApiError::no_category(id))?;
    if !children(&tx, id)?.is_empty() {
        return Err(ApiError::illegal_403(
            "id",
            "the category has sub-categories; delete them first",
        ));
    }
    tx.execute(
        "UPDATE assets SET category_id = ?1 WHERE category_id = ?2",
        params![OTHER, id],
    )?;
    tx.execute("DELETE FROM categories WHERE id = ?1", [id])?;
    tx.commit()?;
    no_content()
}

/// `GET /v1.0/{p}/asset/category?id=` — ids as strings, one level of children.
pub fn query_v1(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let id = call
        .query
        .int("id")?
        .ok_or_else(|| ApiError::illegal("id", "the parameter is required"))?;
    let conn = ctx.db();
    let roots = if id == 0 {
        children(&conn, 0)?
    } else {
        vec![get(&conn, id)?.ok_or_else(|| ApiError::no_category(id))?]
    };
    let mut out = Vec::new();
    for c in roots {
        let kids: Vec<Value> = children(&conn, c.id)?
            .iter()
            .map(|k| json!({"id": k.id.to_string(), "name": k.name, "children": []}))
            .collect();
        out.push(json!({"id": c.id.to_string(), "name": c.name, "children": kids}));
    }
    ok_json(Value::Array(out))
}

/// `GET /v2/{p}/asset/categories?id=…` — 1 to 10 ids, integer ids, `sub_categories`.
pub fn query_v2(ctx: &Arc<Ctx>, call: &Call) -> ApiResult<Response> {
    let raw = call.query.all("id");
    if raw.is_empty() || raw.len() > 10 {
        return Err(ApiError::illegal("id", "1 to 10 category ids are required"));
    }
    let ids = raw
        .iter()
        .map(|s| s.parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| ApiError::illegal("id", "must be integers"))?;
    let conn = ctx.db();
    let mut cats = Vec::new();
    for id in ids {
        if id == 0 {
            cats.extend(children(&conn, 0)?);
        } else {
            cats.push(get(&conn, id)?.ok_or_else(|| ApiError::no_category(id))?);
        }
    }
    let mut out = Vec::new();
    for c in cats {
        let subs: Vec<Value> = children(&conn, c.id)?
            .iter()
            .map(|k| json!({"id": k.id, "name": k.name}))
            .collect();
        out.push(json!({"id": c.id, "name": c.name, "sub_categories": subs}));
    }
    ok_json(Value::Array(out))
}
