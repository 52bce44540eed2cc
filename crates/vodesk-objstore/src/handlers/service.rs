//! `GET /`: ListBuckets.

use axum::http::{Method, StatusCode};
use axum::response::Response;

use super::{Ctx, xml_response};
use crate::error::S3Error;
use crate::index;
use crate::store::blocking;

pub(crate) const OWNER_ID: &str = "vodesk-local";

pub(super) async fn handle(ctx: Ctx) -> Result<Response, S3Error> {
    if ctx.method != Method::GET {
        return Err(S3Error::method_not_allowed());
    }
    let inner = ctx.inner.clone();
    let buckets = blocking(move || Ok(index::bucket_list(&inner.index.lock())?)).await?;
    let mut x = ctx.xml("ListAllMyBucketsResult");
    x.open("Owner");
    x.elem("ID", OWNER_ID);
    x.elem("DisplayName", OWNER_ID);
    x.close("Owner");
    x.open("Buckets");
    for (name, created) in buckets {
        x.open("Bucket");
        x.elem("Name", &name);
        x.elem("CreationDate", &ctx.dialect.time(created));
        x.elem("Location", &ctx.inner.region);
        x.close("Bucket");
    }
    x.close("Buckets");
    Ok(xml_response(
        StatusCode::OK,
        x.finish("ListAllMyBucketsResult"),
    ))
}
