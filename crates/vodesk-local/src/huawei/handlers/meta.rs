//! The metadata fields shared by create, reproduction and URL pull (§4.1, §13).

use rusqlite::Connection;
use serde_json::Value;

use crate::http::Body;
use crate::huawei::errors::{ApiError, ApiResult};
use crate::huawei::validate;
use crate::library::assets::AssetMeta;
use crate::library::{categories, presets, workflows};

/// Parses the shared fields in their documented order; the category and the template group
/// must exist.
pub fn parse(conn: &Connection, body: &Body) -> ApiResult<AssetMeta> {
    let title = validate::title(&body.req_str("title")?)?;
    let description = match body.opt_str("description")? {
        Some(d) => validate::description(&d)?,
        None => String::new(),
    };
    let category_id = body.opt_int("category_id")?.unwrap_or(categories::OTHER);
    categories::require(conn, category_id)?;
    let tags = match body.opt_str("tags")? {
        Some(t) => validate::tags(&t)?,
        None => String::new(),
    };
    let auto_publish = validate::flag(body, "auto_publish", true)?;
    let preset = match body.opt_str("template_group_name")? {
        Some(name) if !name.is_empty() => {
            Some(presets::by_name(conn, &name)?.ok_or_else(|| {
                ApiError::illegal(
                    "template_group_name",
                    format!("no template group named \"{name}\""),
                )
            })?)
        }
        _ => None,
    };
    let workflow_name = body.opt_str("workflow_name")?.filter(|w| !w.is_empty());
    // A template group, when given, wins over the workflow (huawei-vod-api.md §4.1).
    let preset = match (&workflow_name, preset) {
        (Some(name), None) => {
            let workflow = workflows::by_name(name).ok_or_else(|| {
                ApiError::illegal(
                    "workflow_name",
                    format!(
                        "no workflow named \"{name}\" (the local service has one: \"{}\")",
                        workflows::BUILT_IN.name
                    ),
                )
            })?;
            workflows::preset(conn, workflow)?
        }
        (_, preset) => preset,
    };
    let auto_encrypt = validate::flag(body, "auto_encrypt", false)?;
    if auto_encrypt && preset.as_ref().is_none_or(|g| g.format != "HLS") {
        return Err(ApiError::illegal(
            "auto_encrypt",
            "encryption needs an HLS transcoding template group",
        ));
    }
    let auto_preheat = match body.map.get("auto_preheat") {
        None | Some(Value::Null) => "0".to_string(),
        Some(Value::String(s)) if s == "0" || s == "1" => s.clone(),
        Some(Value::Number(n)) if n.as_i64() == Some(0) || n.as_i64() == Some(1) => n.to_string(),
        Some(_) => return Err(ApiError::illegal("auto_preheat", "must be 0 or 1")),
    };
    let thumbnail = match body.opt_obj("thumbnail")? {
        Some(t) => Some(validate::thumbnail(&t)?),
        None => None,
    };
    let review = match body.opt_obj("review")? {
        Some(r) => Some(validate::review(&r)?),
        None => None,
    };
    Ok(AssetMeta {
        title,
        description,
        category_id,
        tags,
        auto_publish,
        preset,
        auto_encrypt,
        auto_preheat,
        thumbnail,
        review,
        workflow_name,
        // Huawei has no media expiry.
        expires_at: None,
    })
}
