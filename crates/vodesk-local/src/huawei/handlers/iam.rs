//! IAM `GET /v3/projects?name=REGION` (huawei-vod-api.md §1.2): how clients look up the project
//! id of a region. The local service has one project, named after its region.

use axum::response::Response;

use crate::http::{self, Query};
use crate::huawei::Ctx;
use crate::huawei::errors::ApiResult;

pub fn projects(ctx: &Ctx, query: &Query) -> ApiResult<Response> {
    let matches = query.get("name").is_none_or(|n| n == ctx.region);
    let projects: Vec<serde_json::Value> = if matches {
        vec![serde_json::json!({
            "id": ctx.creds.project_id,
            "name": ctx.region,
            "domain_id": ctx.creds.project_id,
            "enabled": true,
            "is_domain": false,
            "parent_id": ctx.creds.project_id,
            "description": "vodesk local service",
        })]
    } else {
        Vec::new()
    };
    Ok(http::json(serde_json::json!({
        "projects": projects,
        "links": { "self": "/v3/projects", "next": null, "previous": null },
    })))
}
