//! URLs of stored media (`FileURL`, `PlayURL`, `CoverURL`, `ImageURL`): GET-able on the OSS
//! endpoint with a pre-signed query, the way a private bucket's objects are handed out. They
//! last the library's URL lifetime (a day); the path names bucket and key, so a URL given back
//! (`CoverURL=<ImageURL>`) still says which object it was.

use super::Ctx;
use crate::library::path_and_query;
use crate::library::rows::AssetRow;

/// A URL that downloads `bucket/key` from the OSS endpoint.
pub fn object_url(ctx: &Ctx, bucket: &str, key: &str) -> String {
    format!(
        "{}{}",
        ctx.oss_endpoint,
        path_and_query(&ctx.lib.presign_get(bucket, key))
    )
}

/// The original's URL, once it is stored.
pub fn file_url(ctx: &Ctx, a: &AssetRow) -> Option<String> {
    ctx.lib
        .object_exists(&a.bucket, &a.object_key)
        .then(|| object_url(ctx, &a.bucket, &a.object_key))
}

/// The cover's URL, when there is a cover object.
pub fn cover_url(ctx: &Ctx, a: &AssetRow) -> Option<String> {
    let key = a.cover_key.as_ref()?;
    ctx.lib
        .object_exists(ctx.lib.bucket(), key)
        .then(|| object_url(ctx, ctx.lib.bucket(), key))
}
