//! Request pipeline: media URLs (`GET /media/…`, unsigned) apart, every call is
//! `POST /` (JSON) or `GET /?…` → TC3 signature → version and action → `SubAppId` → throttling →
//! the action; the answer is always HTTP 200 with `{"Response":{…,"RequestId"}}`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Ctx;
use super::auth::{SignedRequest, verify};
use super::errors::{TcError, TcResult};
use super::form::unflatten;
use super::handlers::{classes, media, procedures, search, serve, tasks, upload};
use super::throttle::Action;
use crate::http::{self, Body};

pub const API_VERSION: &str = "2018-07-17";
/// TC3 POST bodies may reach 10 MB (§A.1).
const MAX_BODY: usize = 10 * 1024 * 1024;
/// GET requests may reach 32 KB (§A.1).
const MAX_QUERY: usize = 32 * 1024;

/// The actions served, by their wire name.
const ACTIONS: &[&str] = &[
    "ApplyUpload",
    "CommitUpload",
    "DescribeMediaInfos",
    "SearchMedia",
    "ModifyMediaInfo",
    "DeleteMedia",
    "ForbidMediaDistribution",
    "CreateClass",
    "DescribeAllClass",
    "ModifyClass",
    "DeleteClass",
    "DescribeProcedureTemplates",
    "ProcessMediaByProcedure",
    "PullUpload",
    "DescribeTaskDetail",
];

pub fn router(ctx: Arc<Ctx>) -> Router {
    http::guarded(ctx, dispatch, on_panic)
}

fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    envelope(Err(TcError::new("InternalError", "Internal error.")))
}

fn envelope(result: TcResult<Value>) -> Response {
    let rid = http::request_uuid();
    let response = match result {
        Ok(Value::Object(mut m)) => {
            m.insert("RequestId".into(), json!(rid));
            Value::Object(m)
        }
        Ok(_) => json!({ "RequestId": rid }),
        Err(e) => json!({"Error": {"Code": e.code, "Message": e.message}, "RequestId": rid}),
    };
    let mut resp = http::json(json!({ "Response": response }));
    http::set_request_id(&mut resp, &rid);
    resp
}

async fn dispatch(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    if (req.method() == Method::GET || req.method() == Method::HEAD)
        && let Some(rest) = req.uri().path().strip_prefix("/media/")
    {
        return serve::media(&ctx, rest).await;
    }
    envelope(handle(&ctx, req).await)
}

async fn handle(ctx: &Arc<Ctx>, req: Request) -> TcResult<Value> {
    let (parts, body) = req.into_parts();
    let get = parts.method == Method::GET;
    if !get && parts.method != Method::POST {
        return Err(TcError::new(
            "InvalidRequest",
            format!("{} is not supported: calls are POST or GET /", parts.method),
        ));
    }
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    if raw_query.len() > MAX_QUERY {
        return Err(TcError::new(
            "InvalidRequest",
            "The query string exceeds 32 KB.",
        ));
    }
    let body = http::read_body(body, MAX_BODY)
        .await
        .ok_or_else(|| TcError::new("InvalidRequest", "The request body exceeds 10 MB."))?;

    verify(
        &SignedRequest {
            method: parts.method.as_str(),
            raw_query: &raw_query,
            headers: &parts.headers,
            body: &body,
        },
        &ctx.creds,
        chrono::Utc::now().timestamp(),
    )?;

    let version = http::header(&parts.headers, "x-tc-version")
        .ok_or_else(|| TcError::missing("X-TC-Version"))?;
    if version != API_VERSION {
        return Err(TcError::new(
            "NoSuchVersion",
            format!("The API version {version} does not exist (VOD is {API_VERSION})."),
        ));
    }
    let asked = http::header(&parts.headers, "x-tc-action")
        .ok_or_else(|| TcError::missing("X-TC-Action"))?;
    let action = ACTIONS
        .iter()
        .copied()
        .find(|a| *a == asked)
        .ok_or_else(|| {
            TcError::new(
                "InvalidAction",
                format!(
                    "The action {asked} does not exist or is not served by the local VOD service."
                ),
            )
        })?;

    let params = if get {
        Body::from_map(unflatten(&raw_query).ok_or_else(|| {
            TcError::new(
                "InvalidParameter",
                "The query string names a parameter twice.",
            )
        })?)
    } else if body.iter().all(u8::is_ascii_whitespace) {
        // The SDK sends `{}` for a call without parameters; an empty body means the same.
        Body::from_map(Default::default())
    } else {
        Body::parse(&body)?
    };
    check_sub_app(ctx, &params)?;
    let region = http::header(&parts.headers, "x-tc-region");
    if matches!(action, "ApplyUpload" | "CommitUpload") && region.is_none() {
        return Err(TcError::missing("X-TC-Region"));
    }

    if let Some(throttle) = &ctx.throttle {
        throttle
            .check(&ctx.creds.secret_id, Action(action))
            .map_err(|_| {
                TcError::new(
                    "RequestLimitExceeded",
                    format!(
                        "Your current request rate of {action} exceeds the limit of {} per second. Please try again later.",
                        Action(action).per_second()
                    ),
                )
            })?;
    }
    // Media past their ExpireTime are gone before anything reads the library (§A.4); a
    // library where no media ever had one skips this.
    if ctx.lib.may_expire() {
        let lib = ctx.lib.clone();
        let swept = tokio::task::spawn_blocking(move || {
            lib.sweep_expired(crate::library::lifecycle::now_ms())
        })
        .await;
        if let Ok(Err(e)) = swept {
            tracing::warn!("deleting expired media: {e:?}");
        }
    }
    run(ctx, action, &params).await
}

/// The local account has one VOD application: its id, or none (the default application, the
/// same one here). Any other id is `InvalidParameterValue.SubAppId`, 0 included.
fn check_sub_app(ctx: &Ctx, params: &Body) -> TcResult<()> {
    match params.opt_int("SubAppId")? {
        None => Ok(()),
        Some(id) if u64::try_from(id).ok() == Some(ctx.creds.sub_app_id) => Ok(()),
        Some(id) => Err(TcError::new(
            "InvalidParameterValue.SubAppId",
            format!("The sub-application {id} does not exist in this account."),
        )),
    }
}

async fn run(ctx: &Arc<Ctx>, action: &str, p: &Body) -> TcResult<Value> {
    match action {
        "ApplyUpload" => upload::apply(ctx, p),
        "CommitUpload" => upload::commit(ctx, p).await,
        "DescribeMediaInfos" => media::describe(ctx, p),
        "SearchMedia" => search::search(ctx, p),
        "ModifyMediaInfo" => media::modify(ctx, p).await,
        "DeleteMedia" => media::delete(ctx, p),
        "ForbidMediaDistribution" => media::forbid(ctx, p),
        "CreateClass" => classes::create(ctx, p),
        "DescribeAllClass" => classes::describe_all(ctx),
        "ModifyClass" => classes::modify(ctx, p),
        "DeleteClass" => classes::delete(ctx, p),
        "DescribeProcedureTemplates" => procedures::describe(ctx, p),
        "ProcessMediaByProcedure" => procedures::process(ctx, p),
        "PullUpload" => tasks::pull_upload(ctx, p),
        "DescribeTaskDetail" => tasks::describe(ctx, p),
        _ => Err(TcError::new(
            "InvalidAction",
            format!("{action} is not served"),
        )),
    }
}

/// A plain HTTP status for media URLs.
pub fn status(code: StatusCode) -> Response {
    (code, code.canonical_reason().unwrap_or("")).into_response()
}
