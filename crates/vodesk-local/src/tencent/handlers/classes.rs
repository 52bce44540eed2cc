//! `CreateClass`, `DescribeAllClass`, `ModifyClass`, `DeleteClass` (§A.8): up to 4 levels and
//! 500 subclasses per class, names of 1–64 characters unique among siblings. Class 0 (the
//! default class, the library's "Other") is implicit: it is not listed, renamed or deleted.
//! Deleting a class with subclasses or media is refused (`UnsupportedOperation.ClassNotEmpty`,
//! §A.8), where Huawei moves a deleted category's assets to "Other".

use serde_json::{Value, json};

use crate::http::Body;
use crate::library::Error;
use crate::library::categories::{self, Rules};
use crate::tencent::Ctx;
use crate::tencent::errors::{TcError, TcResult};
use crate::tencent::render::class_out;

const RULES: Rules = Rules {
    max_depth: 4,
    max_children: 500,
    // Names are counted in characters here (64 of them), checked before the library sees them.
    name_max_bytes: 64 * 4,
};

fn class_name(p: &Body) -> TcResult<String> {
    let name = p.req_str("ClassName")?;
    let n = name.trim().chars().count();
    if n == 0 || name.chars().count() > 64 {
        return Err(TcError::invalid(
            Some("ClassName"),
            "ClassName",
            "1 to 64 characters",
        ));
    }
    Ok(name)
}

fn class_id(p: &Body) -> TcResult<i64> {
    p.opt_int("ClassId")?
        .ok_or_else(|| TcError::missing("ClassId"))
}

fn no_class(id: i64) -> TcError {
    TcError::new(
        "ResourceNotFound",
        format!("The class {id} does not exist."),
    )
}

pub fn create(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let parent = p
        .opt_int("ParentId")?
        .ok_or_else(|| TcError::missing("ParentId"))?;
    let name = class_name(p)?;
    let parent_id = match parent {
        -1 => categories::ROOT,
        id if id > 0 => id,
        // Class 0 takes no subclasses.
        id => return Err(parent_missing(id)),
    };
    let made =
        categories::create(&mut ctx.lib.db(), &name, parent_id, &RULES).map_err(|e| match e {
            Error::NoCategory(id) => parent_missing(id),
            other => other.into(),
        })?;
    Ok(json!({ "ClassId": made.id }))
}

fn parent_missing(id: i64) -> TcError {
    TcError::new(
        "FailedOperation.ParentIdNoFound",
        format!("The parent class {id} does not exist."),
    )
}

pub fn describe_all(ctx: &Ctx) -> TcResult<Value> {
    let all = categories::all(&ctx.lib.db())?;
    let infos: Vec<Value> = all
        .iter()
        .filter(|c| c.id != categories::OTHER)
        .map(|c| {
            let subs: Vec<i64> = all
                .iter()
                .filter(|s| s.parent_id == c.id)
                .map(|s| s.id)
                .collect();
            let parent = if c.parent_id == categories::ROOT {
                -1
            } else {
                class_out(c.parent_id)
            };
            json!({
                "ClassId": c.id,
                "ParentId": parent,
                "Name": c.name,
                "ClassName": c.name,
                "Level": c.level - 1,
                "SubClassIdSet": subs,
            })
        })
        .collect();
    Ok(json!({ "ClassInfoSet": infos }))
}

/// Library category of a class a call changes (class 0 is the built-in default).
fn existing(id: i64) -> TcResult<i64> {
    match id {
        0 => Ok(categories::OTHER),
        id if id > 0 => Ok(id),
        id => Err(no_class(id)),
    }
}

pub fn modify(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let id = class_id(p)?;
    let name = class_name(p)?;
    categories::rename(&ctx.lib.db(), existing(id)?, &name).map_err(|e| match e {
        Error::NoCategory(_) => no_class(id),
        other => other.into(),
    })?;
    Ok(json!({}))
}

pub fn delete(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let id = class_id(p)?;
    let mut conn = ctx.lib.db();
    let id = existing(id)?;
    if categories::has_assets(&conn, id)? {
        return Err(TcError::new(
            "UnsupportedOperation.ClassNotEmpty",
            "The class holds media; move them to another class or delete them first.",
        ));
    }
    categories::delete(&mut conn, id).map_err(|e| match e {
        Error::NoCategory(_) => no_class(id),
        other => other.into(),
    })?;
    Ok(json!({}))
}
