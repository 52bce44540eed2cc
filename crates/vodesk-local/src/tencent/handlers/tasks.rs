//! `PullUpload` and `DescribeTaskDetail` (§A.8). A pull is a task: it waits, fetches the URL in
//! the background and makes a media, and `DescribeTaskDetail` follows it from `WAITING` through
//! `PROCESSING` to `FINISH` (with `FileId`, or an error code). Only loopback URLs are fetched:
//! the local service never reaches off the machine (see [`fetch`]).

use std::sync::Arc;

use serde_json::{Value, json};

use super::{class_param, expire_time, media_type, new_meta, procedure, storage_region, text_max};
use crate::http::{self, Body, fetch};
use crate::library::assets::{AssetMeta, uploaded};
use crate::library::jobs::{self, Job, JobState};
use crate::library::lifecycle::{Progress, Stage, now_ms};
use crate::library::rows::get_asset;
use crate::tencent::Ctx;
use crate::tencent::errors::{TcError, TcResult};
use crate::tencent::render::{Classes, basic_info, media_url, meta_data, time};

/// `{subappid}-{kind}-{32 hex}t0`, the shape of Tencent task ids.
pub fn task_id(ctx: &Ctx, kind: &str) -> String {
    format!("{}-{kind}-{}t0", ctx.creds.sub_app_id, http::request_id())
}

pub fn pull_upload(ctx: &Arc<Ctx>, p: &Body) -> TcResult<Value> {
    let raw = p.req_str("MediaUrl")?;
    let bad_url = |why: &str| TcError::invalid(Some("MediaUrl"), "MediaUrl", why);
    let url = url::Url::parse(raw.trim()).map_err(|_| bad_url("not a URL"))?;
    if let Some(why) = fetch::refuse_url(&url) {
        return Err(bad_url(why));
    }
    let file = fetch::file_name(&url);
    let (stem, ext) = file.rsplit_once('.').unwrap_or((&file, ""));
    let video_type = match p.opt_str("MediaType")?.filter(|t| !t.is_empty()) {
        Some(t) => media_type(&t)?,
        None => media_type(ext)?,
    };
    let name = text_max(p, "MediaName", 64, "MediaName")?.unwrap_or_else(|| stem.to_string());
    if p.opt_str("CoverUrl")?.is_some_and(|c| !c.is_empty()) {
        return Err(TcError::unsupported("Pulling a cover (CoverUrl)"));
    }
    let expires_at = expire_time(p, &ctx.lib)?.flatten();
    storage_region(p, &ctx.region)?;
    text_max(p, "SourceContext", 250, "SourceContext")?;
    let session_context =
        text_max(p, "SessionContext", 1000, "SessionContext")?.unwrap_or_default();
    let session_id = text_max(p, "SessionId", 50, "SessionId")?.unwrap_or_default();

    let (category_id, preset) = {
        let conn = ctx.lib.db();
        (class_param(&conn, p)?, procedure(&conn, p, "Procedure")?)
    };
    let meta = new_meta(name.clone(), category_id, preset, expires_at);
    let id = task_id(ctx, "PullUpload");
    jobs::create(
        &ctx.lib.db(),
        &id,
        "PullUpload",
        &json!({"MediaUrl": raw, "SessionContext": session_context, "SessionId": session_id}),
    )?;
    let (ctx2, task) = (ctx.clone(), id.clone());
    jobs::run_in_background(ctx.lib.clone(), id.clone(), async move {
        pull(&ctx2, &task, url, meta, video_type, name).await
    });
    Ok(json!({ "TaskId": id }))
}

async fn pull(
    ctx: &Ctx,
    task: &str,
    url: url::Url,
    meta: AssetMeta,
    video_type: String,
    name: String,
) -> Result<String, (String, String)> {
    let failed = |m: String| ("FailedOperation".to_string(), m);
    jobs::start(&ctx.lib.db(), task).map_err(|e| failed(format!("{e:?}")))?;
    let data = fetch::fetch(&ctx.http, &url).await.map_err(failed)?;
    ctx.lib
        .ingest(meta, video_type, name, data.into(), "url")
        .await
        .map_err(|e| {
            let e = TcError::from(e);
            (e.code, e.message)
        })
}

fn job_time(ms: Option<i64>) -> String {
    ms.map(time).unwrap_or_default()
}

/// `WAITING` / `PROCESSING` / `FINISH` of a stored job.
fn job_status(state: JobState) -> &'static str {
    match state {
        JobState::Waiting => "WAITING",
        JobState::Running => "PROCESSING",
        JobState::Done => "FINISH",
    }
}

fn err_code(code: Option<&str>) -> i64 {
    match code {
        None => 0,
        // The documented task codes: 70000 internal error, 60000 source file error.
        Some(c) if c.starts_with("InternalError") => 70000,
        Some(_) => 60000,
    }
}

fn pull_detail(ctx: &Ctx, job: &Job) -> TcResult<(String, Value)> {
    let status = job_status(job.state);
    let mut v = json!({
        "TaskId": job.id,
        "Status": status,
        "ErrCode": err_code(job.error_code.as_deref()),
        "ErrCodeExt": job.error_code.clone().unwrap_or_default(),
        "Message": job.error_message.clone().unwrap_or_else(|| "SUCCESS".into()),
        "Progress": match job.state { JobState::Waiting => 0, JobState::Running => 50, JobState::Done => 100 },
        "FileId": job.asset_id.clone().unwrap_or_default(),
        "MediaBasicInfo": null,
        "MetaData": null,
        "FileUrl": "",
        "ProcedureTaskId": "",
        "ReviewAudioVideoTaskId": "",
        "SessionContext": job.input["SessionContext"],
        "SessionId": job.input["SessionId"],
    });
    if let Some(id) = &job.asset_id {
        let conn = ctx.lib.db();
        if let Some(a) = get_asset(&conn, id)?.filter(uploaded) {
            let classes = Classes::load(&conn)?;
            drop(conn);
            v["MediaBasicInfo"] = basic_info(ctx, &a, &classes);
            v["MetaData"] = meta_data(&a);
            v["FileUrl"] = json!(media_url(ctx, &a).unwrap_or_default());
        }
    }
    Ok((status.to_string(), json!({ "PullUploadTask": v })))
}

/// A procedure run follows its media's processing (the library's simulation).
fn procedure_detail(ctx: &Ctx, job: &Job) -> TcResult<(String, Value)> {
    let file_id = job.asset_id.clone().unwrap_or_default();
    let a = get_asset(&ctx.lib.db(), &file_id)?.filter(uploaded);
    let status = match a.as_ref().map(|a| Progress::of(a, now_ms()).transcode) {
        Some(Stage::Waiting) => "WAITING",
        Some(Stage::Running) => "PROCESSING",
        _ => "FINISH",
    };
    let v = json!({
        "TaskId": job.id,
        "Status": status,
        "ErrCode": 0,
        "Message": "SUCCESS",
        "FileId": file_id,
        "FileName": a.as_ref().map(|a| a.title.clone()).unwrap_or_default(),
        "FileUrl": a.as_ref().and_then(|a| media_url(ctx, a)).unwrap_or_default(),
        "MetaData": a.as_ref().map(meta_data),
        "MediaProcessResultSet": [],
        "SessionContext": "", "SessionId": "",
    });
    Ok((status.to_string(), json!({ "ProcedureTask": v })))
}

pub fn describe(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let id = p.req_str("TaskId")?;
    let job = jobs::get(&ctx.lib.db(), &id)?.ok_or_else(|| {
        TcError::new("ResourceNotFound", format!("The task {id} does not exist."))
    })?;
    let (status, detail) = match job.kind.as_str() {
        "PullUpload" => pull_detail(ctx, &job)?,
        _ => procedure_detail(ctx, &job)?,
    };
    let mut out = json!({
        "TaskType": job.kind,
        "Status": status,
        "CreateTime": time(job.created_at),
        "BeginProcessTime": job_time(job.started_at),
        "FinishTime": if status == "FINISH" { job_time(job.finished_at) } else { String::new() },
    });
    if let (Value::Object(o), Value::Object(d)) = (&mut out, detail) {
        o.extend(d);
    }
    Ok(out)
}
