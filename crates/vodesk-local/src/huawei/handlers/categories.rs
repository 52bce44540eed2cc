//! Categories (§11): up to 3 levels, ≤ 128 children each, names 1–64 bytes, unique among
//! siblings; "Other" (-1) is built in. Deleting a category moves its assets to "Other".

use axum::response::Response;
use serde_json::{Value, json};

use crate::http::{self, Body, Call};
use crate::huawei::Ctx;
use crate::huawei::errors::{ApiError, ApiResult};
use crate::library::Error;
use crate::library::categories::{self, Category, ROOT, Rules};

const RULES: Rules = Rules {
    max_depth: 3,
    max_children: 128,
    name_max_bytes: 64,
};

fn name(body: &Body) -> ApiResult<String> {
    let name = body.req_str("name")?;
    if !RULES.name_fits(&name) {
        return Err(ApiError::illegal(
            "name",
            format!("must be 1 to {} bytes", RULES.name_max_bytes),
        ));
    }
    Ok(name)
}

fn category_json(c: &Category, project_id: &str) -> Value {
    json!({"id": c.id, "name": c.name, "parent_id": c.parent_id, "level": c.level,
           "projectId": project_id})
}

/// The built-in category's refusal, worded for the operation.
fn built_in(e: Error, what: &str) -> ApiError {
    match e {
        Error::BuiltInCategory => {
            ApiError::illegal_403("id", format!("the default category cannot be {what}"))
        }
        other => other.into(),
    }
}

fn required_id(call: &Call) -> ApiResult<i64> {
    call.query
        .int("id")?
        .ok_or_else(|| ApiError::illegal("id", "the parameter is required"))
}

pub fn create(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let name = name(&body)?;
    let parent_id = body.opt_int("parent_id")?.unwrap_or(ROOT);
    if parent_id < 0 {
        return Err(ApiError::illegal("parent_id", "must be 0 or a category id"));
    }
    let cat = categories::create(&mut ctx.lib.db(), &name, parent_id, &RULES)?;
    Ok(http::json(category_json(&cat, &ctx.creds.project_id)))
}

pub fn update(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let id = body
        .opt_int("id")?
        .ok_or_else(|| ApiError::illegal("id", "the field is required"))?;
    let name = name(&body)?;
    let cat = categories::rename(&ctx.lib.db(), id, &name).map_err(|e| built_in(e, "renamed"))?;
    Ok(http::json(category_json(&cat, &ctx.creds.project_id)))
}

pub fn delete(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let id = required_id(call)?;
    categories::delete(&mut ctx.lib.db(), id).map_err(|e| built_in(e, "deleted"))?;
    Ok(http::no_content())
}

/// `GET /v1.0/{p}/asset/category?id=` — ids as strings, one level of children.
pub fn query_v1(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let id = required_id(call)?;
    let conn = ctx.lib.db();
    let mut out = Vec::new();
    for c in categories::listed(&conn, id)? {
        let kids: Vec<Value> = categories::children(&conn, c.id)?
            .iter()
            .map(|k| json!({"id": k.id.to_string(), "name": k.name, "children": []}))
            .collect();
        out.push(json!({"id": c.id.to_string(), "name": c.name, "children": kids}));
    }
    Ok(http::json(Value::Array(out)))
}

/// `GET /v2/{p}/asset/categories?id=…` — 1 to 10 ids, integer ids, `sub_categories`.
pub fn query_v2(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let raw = call.query.all("id");
    if raw.is_empty() || raw.len() > 10 {
        return Err(ApiError::illegal("id", "1 to 10 category ids are required"));
    }
    let ids = raw
        .iter()
        .map(|s| s.parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| ApiError::illegal("id", "must be integers"))?;
    let conn = ctx.lib.db();
    let mut cats = Vec::new();
    for id in ids {
        cats.extend(categories::listed(&conn, id)?);
    }
    let mut out = Vec::new();
    for c in cats {
        let subs: Vec<Value> = categories::children(&conn, c.id)?
            .iter()
            .map(|k| json!({"id": k.id, "name": k.name}))
            .collect();
        out.push(json!({"id": c.id, "name": c.name, "sub_categories": subs}));
    }
    Ok(http::json(Value::Array(out)))
}
