//! `CreateUploadVideo`, `RefreshUploadVideo` and `CreateUploadImage` (§B.5). Creating makes the
//! library asset (or image) at once, waiting for its object at `sv/<id>/<id>.<ext>` (images:
//! `image/<type>/<id>.<ext>`), and hands out where to write it and an STS-like key for exactly
//! that object. Refreshing gives the same address with a new key; the old one lasts until its
//! own expiry.

use serde_json::{Value, json};

use super::{app_id, cover_object, new_meta, storage_location, video};
use crate::aliyun::Ctx;
use crate::aliyun::errors::{AliError, AliResult};
use crate::aliyun::media_urls::object_url;
use crate::aliyun::params::{self, Unit};
use crate::aliyun::upload_auth;
use crate::http::Body;
use crate::library::assets::{self, NewUpload};
use crate::library::categories;
use crate::library::images::{self, Image};
use crate::library::lifecycle::now_ms;

/// Personality fields kept with a new video or image.
fn extras(p: &Body) -> AliResult<serde_json::Map<String, Value>> {
    let mut x = serde_json::Map::new();
    if let Some(u) = p.opt_str("UserData")? {
        x.insert("UserData".into(), json!(u));
    }
    x.insert("AppId".into(), json!(crate::aliyun::APP_ID));
    Ok(x)
}

pub fn create_video(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let title = params::title(p, Unit::Chars)?;
    let file_name = p
        .opt_str("FileName")?
        .ok_or_else(|| AliError::missing("FileName"))?;
    let video_type = params::extension("FileName", &file_name)?;
    if let Some(size) = p.opt_int("FileSize")?
        && size < 0
    {
        return Err(AliError::invalid("FileSize", "must not be negative"));
    }
    storage_location(ctx, p)?;
    app_id(p)?;
    let cover = p
        .opt_str("CoverURL")?
        .map(|u| cover_object(ctx, &u))
        .transpose()?;
    let x = extras(p)?;
    let conn = ctx.lib.db();
    let meta = new_meta(&conn, p, title)?;
    let row = ctx.lib.create(
        &conn,
        NewUpload {
            meta,
            video_type,
            video_name: file_name,
            video_md5: None,
            cover_type: None,
            cover_md5: None,
            subtitles: vec![],
        },
    )?;
    crate::library::extras::update(&conn, &row.asset_id, |m| m.extend(x))?;
    if let Some((key, kind)) = cover {
        assets::set_cover_key(&conn, &row.asset_id, &key, &kind)?;
    }
    drop(conn);
    let (address, auth) = upload_auth::issue(ctx, &row.object_key);
    Ok(json!({
        "VideoId": row.asset_id,
        "UploadAddress": address,
        "UploadAuth": auth,
    }))
}

pub fn refresh_video(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let id = p
        .opt_str("VideoId")?
        .ok_or_else(|| AliError::missing("VideoId"))?;
    let a = video(&ctx.lib.db(), &id)?;
    let (address, auth) = upload_auth::issue(ctx, &a.object_key);
    Ok(json!({
        "VideoId": a.asset_id,
        "UploadAddress": address,
        "UploadAuth": auth,
    }))
}

const IMAGE_EXTS: &[&str] = &["png", "jpg", "jpeg", "gif", "heic", "webp"];

pub fn create_image(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let kind = p
        .opt_str("ImageType")?
        .ok_or_else(|| AliError::missing("ImageType"))?;
    if kind != "default" && kind != "cover" {
        return Err(AliError::invalid("ImageType", "must be default or cover"));
    }
    // `ImageExt` wins over the original name's extension (§B.5).
    let ext = p
        .opt_str("ImageExt")?
        .unwrap_or_else(|| "png".into())
        .to_ascii_lowercase();
    if !IMAGE_EXTS.contains(&ext.as_str()) {
        return Err(AliError::invalid(
            "ImageExt",
            format!("{ext} is not one of {}", IMAGE_EXTS.join(", ")),
        ));
    }
    let title = params::text(p, "Title", 128, Unit::Chars)?.unwrap_or_default();
    let description = params::text(p, "Description", 1024, Unit::Chars)?.unwrap_or_default();
    let tags = params::tags(p, Unit::Chars)?.unwrap_or_default();
    storage_location(ctx, p)?;
    app_id(p)?;
    let conn = ctx.lib.db();
    let category_id = params::category(&conn, p)?.unwrap_or(categories::OTHER);
    let image_id = ctx.lib.new_id();
    let key = format!("image/{kind}/{image_id}.{ext}");
    let image = Image {
        image_id: image_id.clone(),
        kind,
        ext,
        title,
        description,
        tags,
        category_id,
        original_name: p.opt_str("OriginalFileName")?.unwrap_or_default(),
        bucket: ctx.lib.bucket().to_string(),
        object_key: key.clone(),
        create_time: now_ms(),
        extras: extras(p)?,
    };
    images::insert(&conn, &image)?;
    drop(conn);
    let (address, auth) = upload_auth::issue(ctx, &key);
    let url = object_url(ctx, ctx.lib.bucket(), &key);
    Ok(json!({
        "ImageId": image_id,
        "ImageURL": url,
        "FileURL": url,
        "UploadAddress": address,
        "UploadAuth": auth,
    }))
}
