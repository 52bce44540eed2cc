//! `ApplyUpload` (§A.4) and `CommitUpload` (§A.6). Applying creates the library asset, waiting
//! for its upload, and an upload session naming it; the temporary COS key may write only under
//! that asset's directory (media and cover). Committing checks the media object and makes the
//! media (its FileId appears only now); committing the same session again answers the same
//! media, so a client that lost the first answer can retry.

use serde_json::{Value, json};
use vodesk_objstore::Scope;

use super::{class_param, expire_time, media_type, new_meta, procedure, storage_region, text_max};
use crate::http::Body;
use crate::library::assets::{self, NewUpload, uploaded};
use crate::library::{Error, Outcome, sessions};
use crate::tencent::Ctx;
use crate::tencent::errors::{TcError, TcResult};
use crate::tencent::render::{cover_url, media_url};

fn cover_type(raw: &str) -> TcResult<String> {
    match raw
        .trim()
        .trim_start_matches('.')
        .to_ascii_lowercase()
        .as_str()
    {
        "jpg" | "jpeg" => Ok("JPG".into()),
        "png" => Ok("PNG".into()),
        "gif" => Ok("GIF".into()),
        _ => Err(TcError::invalid(
            Some("CoverType"),
            "CoverType",
            format!("{raw} is not a cover type (jpg, jpeg, png, gif)"),
        )),
    }
}

pub fn apply(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let video_type = media_type(&p.req_str("MediaType")?)?;
    let name = text_max(p, "MediaName", 64, "MediaName")?.unwrap_or_default();
    let cover = match p.opt_str("CoverType")?.filter(|c| !c.is_empty()) {
        Some(c) => Some(cover_type(&c)?),
        None => None,
    };
    let expires_at = expire_time(p, &ctx.lib)?.flatten();
    storage_region(p, &ctx.region)?;
    text_max(p, "SourceContext", 250, "SourceContext")?;
    text_max(p, "SessionContext", 1000, "SessionContext")?;
    if p.opt_str("MediaStoragePath")?
        .is_some_and(|s| !s.is_empty())
    {
        return Err(TcError::invalid(
            Some("MediaStoragePath"),
            "MediaStoragePath",
            "the application is not in FileID + Path mode",
        ));
    }

    let conn = ctx.lib.db();
    let category_id = class_param(&conn, p)?;
    let preset = procedure(&conn, p, "Procedure")?;
    let row = ctx.lib.create(
        &conn,
        NewUpload {
            meta: new_meta(name.clone(), category_id, preset, expires_at),
            video_type,
            video_name: name,
            video_md5: None,
            cover_type: cover,
            cover_md5: None,
            subtitles: vec![],
        },
    )?;
    let session = sessions::open(&conn, &row.asset_id)?;
    drop(conn);

    let dir = ctx.lib.layout().asset_dir(&row.asset_id);
    let cert = ctx.lib.objects().issue_temporary(
        Scope::prefix(ctx.lib.bucket(), format!("{dir}/")),
        ctx.cert_lifetime,
    );
    let cover_path = row
        .cover_key
        .as_ref()
        .filter(|_| row.cover_type.is_some())
        .map(|k| format!("/{k}"))
        .unwrap_or_default();
    Ok(json!({
        "StorageBucket": ctx.lib.bucket(),
        "StorageRegion": ctx.region,
        "VodSessionKey": session,
        "MediaStoragePath": format!("/{}", row.object_key),
        "CoverStoragePath": cover_path,
        "TempCertificate": {
            "SecretId": cert.access_key,
            "SecretKey": cert.secret_key,
            "Token": cert.security_token.unwrap_or_default(),
            "ExpiredTime": cert.expires_at.unwrap_or_default(),
        },
    }))
}

fn bad_session(why: &str) -> TcError {
    TcError::invalid(Some("VodSessionKey"), "VodSessionKey", why)
}

pub async fn commit(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let handle = p.req_str("VodSessionKey")?;
    let asset_id = sessions::asset_of(&ctx.lib.db(), &handle)?
        .ok_or_else(|| bad_session("no such upload session"))?;
    let load = || -> TcResult<_> {
        assets::load(&ctx.lib.db(), &asset_id).map_err(|e| match e {
            Error::NoAsset(_) => bad_session("the session's media was deleted"),
            other => other.into(),
        })
    };
    let a = load()?;
    if !uploaded(&a) {
        match ctx.lib.confirm(&asset_id, Outcome::Uploaded).await {
            // A concurrent commit of the same session got there first.
            Ok(()) | Err(Error::NotAwaitingUpload) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let a = load()?;
    if !uploaded(&a) {
        return Err(TcError::new(
            "FailedOperation",
            "The upload could not be committed.",
        ));
    }
    Ok(json!({
        "FileId": a.asset_id,
        "MediaUrl": media_url(ctx, &a).unwrap_or_default(),
        "CoverUrl": cover_url(ctx, &a).unwrap_or_default(),
    }))
}
