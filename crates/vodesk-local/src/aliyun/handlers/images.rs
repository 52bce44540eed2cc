//! `GetImageInfo`: an image is `Uploading` until its object is stored, then `Normal`.

use serde_json::{Map, Value, json};

use crate::aliyun::Ctx;
use crate::aliyun::errors::{AliError, AliResult};
use crate::aliyun::media_urls::object_url;
use crate::aliyun::render::{Cats, storage_location, time};
use crate::http::Body;
use crate::library::images;

pub fn get(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let id = p
        .opt_str("ImageId")?
        .ok_or_else(|| AliError::missing("ImageId"))?;
    let conn = ctx.lib.db();
    let image =
        images::get(&conn, &id)?.ok_or_else(|| AliError::no_resource(format!("image {id}")))?;
    let cats = Cats::load(&conn)?;
    drop(conn);
    let stored = ctx
        .lib
        .objects()
        .head_object(&image.bucket, &image.object_key);
    let size = match &stored {
        Ok(Some(info)) => Some(info.size),
        Ok(None) => None,
        Err(e) => return Err(AliError::internal(e)),
    };
    let url = object_url(ctx, &image.bucket, &image.object_key);
    let mut info = Map::new();
    info.insert("ImageId".into(), json!(image.image_id));
    info.insert("Title".into(), json!(image.title));
    info.insert("Description".into(), json!(image.description));
    info.insert("Tags".into(), json!(image.tags));
    info.insert("ImageType".into(), json!(image.kind));
    info.insert("CreationTime".into(), json!(time(image.create_time)));
    info.insert(
        "Status".into(),
        json!(if size.is_some() {
            "Normal"
        } else {
            "Uploading"
        }),
    );
    info.insert("StorageLocation".into(), json!(storage_location(ctx)));
    info.insert(
        "AppId".into(),
        image
            .extras
            .get("AppId")
            .cloned()
            .unwrap_or(json!(crate::aliyun::APP_ID)),
    );
    info.insert("URL".into(), json!(url));
    info.insert(
        "Mezzanine".into(),
        json!({
            "FileURL": url,
            "OriginalFileName": image.original_name,
            "FileSize": size.map(|s| s.to_string()).unwrap_or_default(),
            "Width": 0,
            "Height": 0,
        }),
    );
    cats.fill(&mut info, image.category_id);
    Ok(json!({ "ImageInfo": info }))
}
