//! Confirm upload (§7).

use axum::response::Response;
use serde_json::json;

use crate::http::{self, Body, Call};
use crate::huawei::Ctx;
use crate::huawei::errors::{ApiError, ApiResult};
use crate::library::Outcome;

/// `POST /v1.0/{p}/asset/status/uploaded`.
pub async fn confirm(ctx: &Ctx, call: &Call) -> ApiResult<Response> {
    let body = Body::parse(&call.body)?;
    let asset_id = body.req_str("asset_id")?;
    let outcome = match body.req_str("status")?.as_str() {
        "CREATED" => Outcome::Uploaded,
        "FAILED" => Outcome::Failed,
        "CANCELLED" => Outcome::Cancelled,
        _ => {
            return Err(ApiError::illegal_403(
                "status",
                "must be CREATED, FAILED or CANCELLED",
            ));
        }
    };
    ctx.lib
        .confirm(&asset_id, outcome)
        .await
        .map_err(ApiError::missing_is_403)?;
    Ok(http::json(json!({"asset_id": asset_id})))
}
