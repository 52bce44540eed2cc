//! `AddCategory`, `GetCategories`, `UpdateCategory` and `DeleteCategory` (§B.8): three levels
//! (`Level` 0–2), names of at most 64 bytes unique among siblings. `GetCategories` without a
//! `CateId` (or with -1) lists level 0. The library's built-in default category is not shown:
//! a video outside any category has no `CateId`. Deleting a category deletes its
//! subcategories too; their videos fall back to no category.

use serde_json::{Value, json};

use crate::aliyun::Ctx;
use crate::aliyun::errors::{AliError, AliResult};
use crate::aliyun::params;
use crate::aliyun::render::category;
use crate::http::Body;
use crate::library::categories::{self, Rules};
use crate::library::filter::Page;

const RULES: Rules = Rules {
    max_depth: 3,
    max_children: 500,
    name_max_bytes: 64,
};

fn name(p: &Body) -> AliResult<String> {
    let name = p
        .opt_str("CateName")?
        .ok_or_else(|| AliError::missing("CateName"))?;
    if !RULES.name_fits(&name) {
        return Err(AliError::invalid("CateName", "1 to 64 bytes"));
    }
    Ok(name)
}

pub fn add(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let name = name(p)?;
    match p.opt_str("Type")?.as_deref() {
        None | Some("default") => {}
        Some(other) => {
            return Err(AliError::invalid(
                "Type",
                format!("{other}: the local service keeps default categories only"),
            ));
        }
    }
    let parent = match p.opt_int("ParentId")? {
        None | Some(-1) => categories::ROOT,
        Some(id) if id > 0 => id,
        Some(id) => return Err(AliError::no_resource(format!("category {id}"))),
    };
    let made = categories::create(&mut ctx.lib.db(), &name, parent, &RULES)?;
    Ok(json!({ "Category": category(&made) }))
}

pub fn get(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let (no, size) = params::page(p, 100)?;
    let conn = ctx.lib.db();
    let (head, parent) = match p.opt_int("CateId")? {
        None | Some(-1) => (
            json!({"CateId": -1, "CateName": "", "ParentId": -1, "Level": -1, "Type": "default"}),
            categories::ROOT,
        ),
        Some(id) if id > 0 => {
            let c = categories::get(&conn, id)?
                .ok_or_else(|| AliError::no_resource(format!("category {id}")))?;
            (category(&c), id)
        }
        Some(id) => return Err(AliError::no_resource(format!("category {id}"))),
    };
    let subs: Vec<_> = categories::children(&conn, parent)?
        .into_iter()
        .filter(|c| c.id != categories::OTHER)
        .collect();
    let total = subs.len();
    let mut shown = Vec::new();
    for c in Page::numbered(no - 1, size).of(subs) {
        let mut v = category(&c);
        v["SubTotal"] = json!(categories::children(&conn, c.id)?.len());
        shown.push(v);
    }
    Ok(json!({
        "Category": head,
        "SubCategories": { "Category": shown },
        "SubTotal": total,
    }))
}

pub fn update(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let id = p
        .opt_int("CateId")?
        .ok_or_else(|| AliError::missing("CateId"))?;
    let name = name(p)?;
    if id <= 0 {
        return Err(AliError::no_resource(format!("category {id}")));
    }
    categories::rename(&ctx.lib.db(), id, &name)?;
    Ok(json!({}))
}

pub fn delete(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let id = p
        .opt_int("CateId")?
        .ok_or_else(|| AliError::missing("CateId"))?;
    if id <= 0 {
        return Err(AliError::no_resource(format!("category {id}")));
    }
    categories::delete_tree(&mut ctx.lib.db(), id)?;
    Ok(json!({}))
}
