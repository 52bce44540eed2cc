//! `DescribeMediaInfos`, `ModifyMediaInfo`, `DeleteMedia` and `ForbidMediaDistribution`
//! (§A.8, §A.9). A media exists from its commit on: sessions never committed are not media.

use base64::Engine;
use serde_json::{Value, json};

use super::{class_param, expire_time, file_ids, list_max, text_max};
use crate::http::Body;
use crate::library::assets::{self, Deletion, MetaChange, uploaded};
use crate::library::lifecycle::now_ms;
use crate::library::presets;
use crate::library::rows::{AssetRow, get_asset};
use crate::tencent::Ctx;
use crate::tencent::errors::{TcError, TcResult};
use crate::tencent::render::{Blocks, Classes, FILTERS, cover_url, media_info, tags};

/// The `Filters` parameter: block names from [`FILTERS`].
pub fn filters(p: &Body) -> TcResult<Blocks> {
    let list = p.str_list("Filters")?;
    if let Some(bad) = list
        .iter()
        .flatten()
        .find(|f| !FILTERS.contains(&f.as_str()))
    {
        return Err(TcError::invalid(
            None,
            "Filters",
            format!("unknown block {bad}"),
        ));
    }
    Ok(Blocks::new(list))
}

/// The committed media `file_id`.
pub fn committed(ctx: &Ctx, file_id: &str) -> TcResult<AssetRow> {
    get_asset(&ctx.lib.db(), file_id)?
        .filter(uploaded)
        .ok_or_else(|| TcError::no_file(file_id))
}

pub fn describe(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let ids = file_ids(p, 20)?;
    let blocks = filters(p)?;
    let now = now_ms();
    let conn = ctx.lib.db();
    let classes = Classes::load(&conn)?;
    let flows = presets::all(&conn)?;
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for id in &ids {
        match get_asset(&conn, id)?.filter(uploaded) {
            Some(a) => found.push(a),
            None => missing.push(id.clone()),
        }
    }
    drop(conn);
    let infos: Vec<Value> = found
        .iter()
        .map(|a| media_info(ctx, a, now, &classes, &flows, &blocks))
        .collect();
    Ok(json!({"MediaInfoSet": infos, "NotExistFileIdSet": missing}))
}

fn tag_list(p: &Body, key: &str) -> TcResult<Vec<String>> {
    let tags = list_max(p, key, 16)?;
    for t in &tags {
        if t.chars().count() > 32 {
            return Err(TcError::invalid(
                Some("TagTooLong"),
                key,
                format!("tag {t} is longer than 32 characters"),
            ));
        }
        // The library keeps tags comma-separated.
        if t.contains(',') || t.trim().is_empty() {
            return Err(TcError::invalid(
                None,
                key,
                format!("tag {t:?} is empty or has a comma"),
            ));
        }
    }
    Ok(tags)
}

/// The cover type of an image, from its first bytes (gif, jpeg and png are accepted).
fn image_type(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("PNG")
    } else if data.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("JPG")
    } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        Some("GIF")
    } else {
        None
    }
}

pub async fn modify(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let file_id = p.req_str("FileId")?;
    let a = committed(ctx, &file_id)?;
    let name = text_max(p, "Name", 64, "Name")?;
    let description = text_max(p, "Description", 128, "Description")?;
    let category_id = match p.has("ClassId") {
        true => Some(class_param(&ctx.lib.db(), p)?),
        false => None,
    };
    let expiry = expire_time(p, &ctx.lib)?;
    for key in [
        "AddKeyFrameDescs",
        "DeleteKeyFrameDescs",
        "AddSubtitles",
        "DeleteSubtitleIds",
        "DeleteKnowledgeBases",
    ] {
        if p.opt_array(key)?.is_some_and(|l| !l.is_empty()) {
            return Err(TcError::unsupported(key));
        }
    }
    let add = tag_list(p, "AddTags")?;
    let delete = tag_list(p, "DeleteTags")?;
    if let Some(t) = add.iter().find(|t| delete.contains(t)) {
        return Err(TcError::invalid(
            Some("AddTagsAndDeleteTagsConflict"),
            "AddTags",
            format!("{t} is both added and deleted"),
        ));
    }
    let clear = p.opt_int("ClearTags")? == Some(1);
    let new_tags = if add.is_empty() && delete.is_empty() && !clear {
        None
    } else {
        let mut set = if clear { vec![] } else { tags(&a) };
        set.retain(|t| !delete.contains(t));
        for t in add {
            if !set.contains(&t) {
                set.push(t);
            }
        }
        if set.len() > 16 {
            return Err(TcError::new(
                "LimitExceeded.TagCountReachMax",
                "A media has at most 16 tags.",
            ));
        }
        Some(set.join(","))
    };
    let cover = match p.opt_str("CoverData")?.filter(|c| !c.is_empty()) {
        None => None,
        Some(b64) => {
            let data = base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|_| TcError::invalid(Some("CoverData"), "CoverData", "not Base64"))?;
            let kind = image_type(&data).ok_or_else(|| {
                TcError::invalid(
                    Some("CoverData"),
                    "CoverData",
                    "not a gif, jpeg or png image",
                )
            })?;
            Some((kind, data))
        }
    };

    assets::update_meta(
        &ctx.lib.db(),
        &file_id,
        MetaChange {
            title: name,
            description,
            tags: new_tags,
            category_id,
        },
    )?;
    if let Some(expires_at) = expiry {
        assets::set_expiry(&ctx.lib.db(), &file_id, expires_at)?;
    }
    let mut out = json!({"AddedSubtitleSet": []});
    if let Some((kind, data)) = cover {
        ctx.lib.set_cover_image(&file_id, kind, data.into()).await?;
        let a = committed(ctx, &file_id)?;
        out["CoverUrl"] = json!(cover_url(ctx, &a).unwrap_or_default());
    }
    Ok(out)
}

pub fn delete(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let file_id = p.req_str("FileId")?;
    let not_found = || {
        TcError::new(
            "ResourceNotFound",
            format!("The media {file_id} does not exist."),
        )
    };
    committed(ctx, &file_id).map_err(|_| not_found())?;
    let mut types = Vec::new();
    for part in p.opt_array("DeleteParts")?.unwrap_or_default() {
        let t = part
            .get("Type")
            .and_then(Value::as_str)
            .ok_or_else(|| TcError::missing("DeleteParts.Type"))?;
        types.push(t.to_string());
    }
    // An empty list deletes the media and everything derived from it (§A.8).
    if types.is_empty() {
        return match ctx.lib.delete(vec![file_id.clone()], now_ms())?.pop() {
            Some((_, Deletion::Done)) => Ok(json!({})),
            Some((_, Deletion::Busy(task))) => Err(crate::library::Error::Busy(task).into()),
            _ => Err(not_found()),
        };
    }
    for t in &types {
        match t.as_str() {
            "OriginalFiles" => ctx.lib.drop_original(&file_id)?,
            "TranscodeFiles" | "AdaptiveDynamicStreamingFiles" => {
                ctx.lib.drop_renditions(&file_id)?
            }
            // Nothing of these kinds is ever made here.
            "WechatPublishFiles"
            | "WechatMiniProgramPublishFiles"
            | "MpsAiMediaAiAnalysisFiles"
            | "MpsAiMediaSmartEraseFiles"
            | "MpsAiMediaSmartSubtitleFiles" => {}
            other => {
                return Err(TcError::invalid(
                    None,
                    "DeleteParts.Type",
                    format!("unknown part {other}"),
                ));
            }
        }
    }
    Ok(json!({}))
}

pub fn forbid(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    // The SDK's docstring (§A.9) says 20 per call.
    let ids = file_ids(p, 20)?;
    let publish = match p.req_str("Operation")?.as_str() {
        "forbid" => false,
        "recover" => true,
        other => {
            return Err(TcError::invalid(
                Some("Operation"),
                "Operation",
                format!("{other} is neither forbid nor recover"),
            ));
        }
    };
    let changed = assets::set_published(&mut ctx.lib.db(), &ids, publish, now_ms())?;
    let missing: Vec<String> = changed
        .into_iter()
        .filter(|(_, a)| !a.as_ref().is_some_and(uploaded))
        .map(|(id, _)| id)
        .collect();
    Ok(json!({ "NotExistFileIdSet": missing }))
}
