//! The actions: each parses Alibaba parameters into library calls and renders the result (the
//! router adds `RequestId`).

pub mod audit;
pub mod categories;
pub mod images;
pub mod media;
pub mod search;
pub mod templates;
pub mod upload;
pub mod url_upload;

use rusqlite::Connection;

use super::Ctx;
use super::errors::{AliError, AliResult};
use super::params::{self, Unit};
use crate::http::Body;
use crate::library::assets::AssetMeta;
use crate::library::rows::{AssetRow, get_asset};
use crate::library::{
    bucket_and_key, categories as cats, images as image_rows, presets, workflows,
};

/// The video `id`, or `InvalidVideo.NotFound`.
pub fn video(conn: &Connection, id: &str) -> AliResult<AssetRow> {
    get_asset(conn, id)?.ok_or_else(|| AliError::no_video(id))
}

/// The template group of `WorkflowId`'s workflow, which takes precedence, else of
/// `TemplateGroupId`; the default group when neither is given.
pub fn template_group(conn: &Connection, p: &Body) -> AliResult<presets::Preset> {
    if let Some(id) = p.opt_str("WorkflowId")? {
        let workflow = workflows::by_id(&id).ok_or_else(|| {
            AliError::invalid(
                "WorkflowId",
                format!(
                    "no workflow {id} (the local service has one: {})",
                    workflows::BUILT_IN.id
                ),
            )
        })?;
        return workflows::preset(conn, workflow)?
            .ok_or_else(|| AliError::internal("no default template group"));
    }
    let all = presets::all(conn)?;
    match p.opt_str("TemplateGroupId")? {
        Some(id) => all
            .into_iter()
            .find(|g| g.id == id)
            .ok_or_else(|| AliError::invalid("TemplateGroupId", format!("no template group {id}"))),
        None => all
            .into_iter()
            .find(|g| g.is_default)
            .ok_or_else(|| AliError::internal("no default template group")),
    }
}

/// `StorageLocation`, when given, must be the library's own.
pub fn storage_location(ctx: &Ctx, p: &Body) -> AliResult<()> {
    match p.opt_str("StorageLocation")? {
        Some(s) if s != super::render::storage_location(ctx) && s != ctx.lib.bucket() => {
            Err(AliError::invalid(
                "StorageLocation",
                format!(
                    "the only storage location is {}",
                    super::render::storage_location(ctx)
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// `AppId`, when given, must be the one application.
pub fn app_id(p: &Body) -> AliResult<()> {
    match p.opt_str("AppId")? {
        Some(a) if a != super::APP_ID => Err(AliError::invalid(
            "AppId",
            format!("the only application is {}", super::APP_ID),
        )),
        _ => Ok(()),
    }
}

/// The library metadata of a new video (create limits counted in characters, §B.5).
pub fn new_meta(conn: &Connection, p: &Body, title: String) -> AliResult<AssetMeta> {
    Ok(AssetMeta {
        title,
        description: params::text(p, "Description", 1024, Unit::Chars)?.unwrap_or_default(),
        category_id: params::category(conn, p)?.unwrap_or(cats::OTHER),
        tags: params::tags(p, Unit::Chars)?.unwrap_or_default(),
        // Alibaba plays a video once it is Normal; an audit may block it later.
        auto_publish: true,
        preset: Some(template_group(conn, p)?),
        auto_encrypt: false,
        auto_preheat: "0".into(),
        thumbnail: None,
        review: None,
        workflow_name: p.opt_str("WorkflowId")?,
        expires_at: None,
    })
}

/// The object a `CoverURL` names, with its image type: only images stored here (an `ImageURL`
/// of `CreateUploadImage`) can be covers, as the local service fetches nothing from elsewhere.
pub fn cover_object(ctx: &Ctx, url: &str) -> AliResult<(String, String)> {
    let not_ours = || {
        AliError::invalid(
            "CoverURL",
            "the local service takes as a cover only an ImageURL that CreateUploadImage gave",
        )
    };
    let (bucket, key) = bucket_and_key(url.trim()).ok_or_else(not_ours)?;
    if bucket != ctx.lib.bucket() {
        return Err(not_ours());
    }
    let image = image_rows::by_object(&ctx.lib.db(), &bucket, &key)?.ok_or_else(not_ours)?;
    Ok((key, image.ext.to_ascii_uppercase()))
}
