//! Media URLs (`GET /media/{FileId}/{file}`), unsigned like a CDN's: the original `f0.<ext>`,
//! the cover `cover.<ext>`, and the renditions of a finished task flow (`v.f<definition>.mp4`,
//! `adp.10.m3u8`; the local service serves the original bytes for them). The media's files
//! answer 403 while it is forbidden (§A.9: forbidding stops playback); [INF] its cover stays
//! visible, so an editor still sees what the forbidden media is. 404 when it or the file does
//! not exist.

use axum::http::StatusCode;
use axum::response::Response;

use crate::library::assets::uploaded;
use crate::library::lifecycle::{Progress, Stage, now_ms};
use crate::library::rows::get_asset;
use crate::tencent::Ctx;
use crate::tencent::routes::status;

pub async fn media(ctx: &Ctx, rest: &str) -> Response {
    let Some((file_id, file)) = rest.split_once('/') else {
        return status(StatusCode::NOT_FOUND);
    };
    let a = match get_asset(&ctx.lib.db(), file_id) {
        Ok(Some(a)) if uploaded(&a) => a,
        Ok(_) => return status(StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::warn!("media URL {rest}: {e}");
            return status(StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    if !a.published && !file.starts_with("cover.") {
        return status(StatusCode::FORBIDDEN);
    }
    let transcoded = Progress::of(&a, now_ms()).transcode == Stage::Succeeded;
    let (bucket, key) = if file.starts_with("f0.")
        || ((file.starts_with("v.f") || file.starts_with("adp.")) && transcoded)
    {
        (a.bucket.clone(), a.object_key.clone())
    } else if file.starts_with("cover.")
        && let Some(k) = &a.cover_key
    {
        (ctx.lib.bucket().to_string(), k.clone())
    } else {
        return status(StatusCode::NOT_FOUND);
    };
    match ctx.lib.fetch_object(&bucket, &key).await {
        Ok(resp) => resp,
        Err(e) => {
            tracing::warn!("media URL {rest}: {e:?}");
            status(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}
