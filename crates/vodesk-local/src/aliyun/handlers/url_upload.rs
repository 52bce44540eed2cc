//! `UploadMediaByURL` and `GetURLUploadInfos` (§B.8, §B.9). Each URL becomes a job that waits,
//! fetches the file in the background and makes a video (`PENDING` → `PROCESSING` →
//! `SUCCESS` with its `MediaId`, or `FAIL` with an error). Only loopback URLs are fetched.

use std::sync::Arc;

use serde_json::{Value, json};

use super::new_meta;
use crate::aliyun::Ctx;
use crate::aliyun::errors::{AliError, AliResult};
use crate::aliyun::params::{self, Unit};
use crate::aliyun::render::time;
use crate::http::{Body, fetch};
use crate::library::assets::AssetMeta;
use crate::library::jobs::{self, Job, JobState};
use crate::library::rows::get_asset;

const KIND: &str = "UploadMediaByURL";

/// One URL to fetch: what its video becomes.
struct Pull {
    url: url::Url,
    source: String,
    meta: AssetMeta,
    video_type: String,
    name: String,
}

/// `UploadMetadatas`: a JSON array of objects naming their URL in `SourceURL`.
fn metadatas(p: &Body) -> AliResult<Vec<Body>> {
    match p.opt_str("UploadMetadatas")? {
        Some(_) => params::json_objects(p, "UploadMetadatas", 20),
        None => Ok(vec![]),
    }
}

/// The settings of one URL: its metadata entry over the call's own parameters.
fn merged(p: &Body, entry: Option<&Body>) -> Body {
    let mut map = p.map.clone();
    if let Some(e) = entry {
        for (k, v) in &e.map {
            let v = match v {
                Value::Number(n) => json!(n.to_string()),
                other => other.clone(),
            };
            map.insert(k.clone(), v);
        }
    }
    Body::from_map(map)
}

pub fn submit(ctx: &Arc<Ctx>, p: &Body) -> AliResult<Value> {
    let raw = p
        .opt_str("UploadURLs")?
        .ok_or_else(|| AliError::missing("UploadURLs"))?;
    // Each URL is URL-encoded before the list is joined with commas.
    let sources: Vec<String> = raw
        .split(',')
        .map(|s| {
            percent_encoding::percent_decode_str(s.trim())
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if sources.is_empty() {
        return Err(AliError::missing("UploadURLs"));
    }
    if sources.len() > 20 {
        return Err(AliError::invalid("UploadURLs", "at most 20 URLs"));
    }
    let metas = metadatas(p)?;
    let mut pulls = Vec::new();
    for source in &sources {
        let url = url::Url::parse(source)
            .map_err(|_| AliError::invalid("UploadURLs", format!("{source} is not a URL")))?;
        if let Some(why) = fetch::refuse_url(&url) {
            return Err(AliError::invalid("UploadURLs", why));
        }
        let entry = metas
            .iter()
            .find(|m| m.opt_str("SourceURL").ok().flatten().as_deref() == Some(source));
        let q = merged(p, entry);
        let file = fetch::file_name(&url);
        let video_type = match q.opt_str("FileExtension")? {
            Some(e) => params::extension("FileExtension", &format!("x.{e}"))?,
            None => params::extension("UploadURLs", &file)?,
        };
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
        let title = params::text(&q, "Title", 128, Unit::Chars)?
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| stem.to_string());
        let meta = new_meta(&ctx.lib.db(), &q, title.clone())?;
        pulls.push(Pull {
            url,
            source: source.clone(),
            meta,
            video_type,
            name: file.clone(),
        });
    }
    let user_data = p.opt_str("UserData")?.unwrap_or_default();
    let mut out = Vec::new();
    for pull in pulls {
        let id = crate::http::request_id();
        jobs::create(
            &ctx.lib.db(),
            &id,
            KIND,
            &json!({"SourceURL": pull.source, "UserData": user_data}),
        )?;
        out.push(json!({"JobId": id, "SourceURL": pull.source}));
        let (ctx2, job) = (ctx.clone(), id.clone());
        jobs::run_in_background(
            ctx.lib.clone(),
            id,
            async move { run(&ctx2, &job, pull).await },
        );
    }
    Ok(json!({ "UploadJobs": out }))
}

async fn run(ctx: &Ctx, job: &str, pull: Pull) -> Result<String, (String, String)> {
    let failed = |m: String| ("FetchFailed".to_string(), m);
    jobs::start(&ctx.lib.db(), job).map_err(|e| failed(format!("{e:?}")))?;
    let data = fetch::fetch(&ctx.http, &pull.url).await.map_err(failed)?;
    ctx.lib
        .ingest(pull.meta, pull.video_type, pull.name, data.into(), "url")
        .await
        .map_err(|e| {
            let e = AliError::from(e);
            (e.code, e.message)
        })
}

/// `Status` of a URL upload job.
fn job_status(job: &Job) -> &'static str {
    match (job.state, &job.error_code) {
        (JobState::Waiting, _) => "PENDING",
        (JobState::Running, _) => "PROCESSING",
        (JobState::Done, None) => "SUCCESS",
        (JobState::Done, Some(_)) => "FAIL",
    }
}

fn info(ctx: &Ctx, job: &Job) -> AliResult<Value> {
    let size = match &job.asset_id {
        Some(id) => get_asset(&ctx.lib.db(), id)?
            .map(|a| a.size.to_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(json!({
        "JobId": job.id,
        "UploadURL": job.input["SourceURL"],
        "MediaId": job.asset_id.clone().unwrap_or_default(),
        "Status": job_status(job),
        "ErrorCode": job.error_code.clone().unwrap_or_default(),
        "ErrorMessage": job.error_message.clone().unwrap_or_default(),
        "FileSize": size,
        "CreationTime": time(job.created_at),
        "CompleteTime": job.finished_at.map(time).unwrap_or_default(),
        "UserData": job.input["UserData"],
    }))
}

pub fn infos(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let (key, wanted) = if p.has("JobIds") {
        ("JobIds", params::id_list(p, "JobIds", 10)?)
    } else if p.has("UploadURLs") {
        let raw = params::id_list(p, "UploadURLs", 10)?;
        let urls = raw
            .iter()
            .map(|u| {
                percent_encoding::percent_decode_str(u)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        ("UploadURLs", urls)
    } else {
        return Err(AliError::missing("JobIds"));
    };
    let all = jobs::of_kind(&ctx.lib.db(), KIND)?;
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for w in &wanted {
        let matching: Vec<&Job> = all
            .iter()
            .filter(|j| match key {
                "JobIds" => &j.id == w,
                _ => j.input["SourceURL"].as_str() == Some(w.as_str()),
            })
            .collect();
        if matching.is_empty() {
            missing.push(w.clone());
        }
        for j in matching {
            found.push(info(ctx, j)?);
        }
    }
    Ok(json!({"URLUploadInfoList": found, "NonExists": missing}))
}
