//! Request pipeline: request id → route lookup (404 `APIGW.0101`) → signature (401) → project id
//! (403 `VOD.10057`) → throttling (429) → operation. Every answer carries `X-Request-Id`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::Ctx;
use super::auth::{SignedRequest, verify};
use super::errors::{ApiError, ApiResult};
use super::handlers::{assets, authority, categories, iam, listing, obs_import, presets, upload};
use super::throttle::ApiCategory;
use crate::http::{self, Call, Query};

/// AK/SK signing is documented for bodies up to 12 MB.
const MAX_BODY: usize = 12 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    CreateAsset,
    UpdateAsset,
    DeleteAssets,
    AuthorityV11,
    AuthorityV10,
    BucketAuthority,
    Confirm,
    Duplication,
    List,
    Details,
    Publish,
    Unpublish,
    UpdateMeta,
    SetCover,
    CategoryCreate,
    CategoryUpdate,
    CategoryDelete,
    CategoryQuery,
    CategoriesV2,
    TemplateGroups,
    TemplatesV2,
    Reproduction,
    UploadByUrl,
}

fn lookup(method: &Method, version: &str, rest: &str) -> Option<Op> {
    use Op::*;
    let m = method.as_str();
    Some(match (version, rest, m) {
        ("v1.0", "asset", "POST") => CreateAsset,
        ("v1.0", "asset", "PUT") => UpdateAsset,
        ("v1.0", "asset", "DELETE") => DeleteAssets,
        ("v1.1", "asset/authority", "GET") => AuthorityV11,
        ("v1.0", "asset/authority", "GET") => AuthorityV10,
        ("v1.0", "asset/authority", "PUT") => BucketAuthority,
        ("v1.0", "asset/status/uploaded", "POST") => Confirm,
        ("v1.0", "asset/duplication", "GET") => Duplication,
        ("v1.0", "asset/list", "GET") => List,
        ("v1.0", "asset/details", "GET") => Details,
        ("v1.0", "asset/status/publish", "POST") => Publish,
        ("v1.0", "asset/status/unpublish", "POST") => Unpublish,
        ("v1.0", "asset/info", "PUT") => UpdateMeta,
        ("v1.0", "asset/cover", "PUT") => SetCover,
        ("v1.0", "asset/category", "POST") => CategoryCreate,
        ("v1.0", "asset/category", "PUT") => CategoryUpdate,
        ("v1.0", "asset/category", "DELETE") => CategoryDelete,
        ("v1.0", "asset/category", "GET") => CategoryQuery,
        ("v2", "asset/categories", "GET") => CategoriesV2,
        ("v1.0", "asset/template_group/transcodings", "GET") => TemplateGroups,
        ("v2", "asset/template/transcodings", "GET") => TemplatesV2,
        ("v1.0", "asset/reproduction", "POST") => Reproduction,
        ("v1.0", "asset/upload_by_url", "POST") => UploadByUrl,
        _ => return None,
    })
}

pub fn router(ctx: Arc<Ctx>) -> Router {
    http::guarded(ctx, dispatch, on_panic)
}

fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let mut resp = ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "VOD.10051",
        "Internal system error.",
    )
    .into_response();
    resp.headers_mut()
        .insert("x-request-id", HeaderValue::from_static("panic"));
    resp
}

async fn dispatch(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let rid = http::request_id();
    let mut resp = match handle(&ctx, req).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    };
    http::set_request_id(&mut resp, &rid);
    resp
}

async fn handle(ctx: &Ctx, req: Request) -> ApiResult<Response> {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let segs: Vec<&str> = path.trim_start_matches('/').splitn(3, '/').collect();
    let iam = parts.method == Method::GET && path.trim_end_matches('/') == "/v3/projects";
    let (version, project, rest) = match segs.as_slice() {
        _ if iam => ("v3", "", "projects"),
        [v, p, rest] => (*v, *p, rest.trim_end_matches('/')),
        _ => return Err(ApiError::no_api()),
    };
    let op = if iam {
        None
    } else {
        Some(lookup(&parts.method, version, rest).ok_or_else(ApiError::no_api)?)
    };
    let body = http::read_body(body, MAX_BODY).await.ok_or_else(|| {
        ApiError::illegal("body", "the request body is too large (12 MB at most)")
    })?;

    verify(
        &SignedRequest {
            method: parts.method.as_str(),
            path: &path,
            raw_query: &raw_query,
            headers: &parts.headers,
            body: &body,
        },
        &ctx.creds,
        chrono::Utc::now(),
    )?;

    // IAM is not project-scoped: it is how a client finds its project id.
    let Some(op) = op else {
        return iam::projects(ctx, &Query::parse(&raw_query));
    };
    let project = percent_encoding::percent_decode_str(project).decode_utf8_lossy();
    if project != ctx.creds.project_id {
        return Err(ApiError::tenant());
    }
    if let Some(h) = parts.headers.get("x-project-id")
        && h.to_str().ok().map(str::trim) != Some(ctx.creds.project_id.as_str())
    {
        return Err(ApiError::tenant());
    }

    if let (Some(throttle), Some(category)) = (
        ctx.throttle.as_ref(),
        ApiCategory::of(parts.method.as_str(), version, rest),
    ) {
        throttle
            .check(&ctx.creds.access_key, category)
            .map_err(|retry| ApiError::throttled(category.limit(), retry))?;
    }

    let call = Call {
        query: Query::parse(&raw_query),
        body,
    };
    run(ctx, op, &call).await
}

async fn run(ctx: &Ctx, op: Op, call: &Call) -> ApiResult<Response> {
    use Op::*;
    match op {
        CreateAsset => assets::create(ctx, call),
        UpdateAsset => assets::update_asset(ctx, call),
        DeleteAssets => assets::delete(ctx, call),
        AuthorityV11 => authority::temp_authority(ctx, call, true),
        AuthorityV10 => authority::temp_authority(ctx, call, false),
        BucketAuthority => obs_import::bucket_authority(ctx, call),
        Confirm => upload::confirm(ctx, call).await,
        Duplication => assets::duplication(ctx, call),
        List => listing::list(ctx, call),
        Details => listing::details(ctx, call),
        Publish => assets::publish(ctx, call, true),
        Unpublish => assets::publish(ctx, call, false),
        UpdateMeta => assets::update_meta(ctx, call),
        SetCover => assets::set_cover(ctx, call),
        CategoryCreate => categories::create(ctx, call),
        CategoryUpdate => categories::update(ctx, call),
        CategoryDelete => categories::delete(ctx, call),
        CategoryQuery => categories::query_v1(ctx, call),
        CategoriesV2 => categories::query_v2(ctx, call),
        TemplateGroups => presets::list_legacy(ctx, call),
        TemplatesV2 => presets::list_v2(ctx, call),
        Reproduction => obs_import::reproduction(ctx, call).await,
        UploadByUrl => obs_import::upload_by_url(ctx, call).await,
    }
}
