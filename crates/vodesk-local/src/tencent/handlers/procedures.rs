//! `DescribeProcedureTemplates` and `ProcessMediaByProcedure` (§A.8).

use serde_json::{Value, json};

use super::media::committed;
use super::procedure;
use crate::http::Body;
use crate::library::{jobs, presets};
use crate::tencent::Ctx;
use crate::tencent::errors::{TcError, TcResult};
use crate::tencent::handlers::tasks::task_id;
use crate::tencent::procedures::{CUSTOM, PRESET, media_process_task};
use crate::tencent::render::time;

pub fn describe(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let names = super::list_max(p, "Names", 100)?;
    let kind = p.opt_str("Type")?.filter(|t| !t.is_empty());
    if let Some(k) = &kind
        && k != PRESET
        && k != CUSTOM
    {
        return Err(TcError::invalid(None, "Type", "must be Preset or Custom"));
    }
    let offset = p.opt_int_in("Offset", 0, i64::MAX)?.unwrap_or(0);
    let limit = p.opt_int_in("Limit", 1, 100)?.unwrap_or(10);
    let mut all = presets::all(&ctx.lib.db())?;
    all.retain(|f| {
        (names.is_empty() || names.contains(&f.name)) && kind.as_ref().is_none_or(|k| &f.kind == k)
    });
    // The library's creation time is not kept per preset; all flows date from the epoch of
    // the local service's first start, which nobody reads.
    let created = time(0);
    let page: Vec<Value> = all
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|f| {
            json!({
                "Name": f.name,
                "Type": f.kind,
                "Comment": f.description,
                "MediaProcessTask": media_process_task(f),
                "AiContentReviewTask": null, "AiAnalysisTask": null, "AiRecognitionTask": null,
                "MiniProgramPublishTask": null, "ReviewAudioVideoTask": null,
                "CreateTime": created, "UpdateTime": created,
            })
        })
        .collect();
    Ok(json!({"TotalCount": all.len(), "ProcedureTemplateSet": page}))
}

pub fn process(ctx: &Ctx, p: &Body) -> TcResult<Value> {
    let file_id = p
        .opt_str("FileId")?
        .filter(|s| !s.is_empty())
        .ok_or_else(|| TcError::missing("FileId"))?;
    committed(ctx, &file_id)?;
    let flow = procedure(&ctx.lib.db(), p, "ProcedureName")?
        .ok_or_else(|| TcError::missing("ProcedureName"))?;
    super::text_max(p, "SessionContext", 1000, "SessionContext")?;
    ctx.lib.reprocess(&file_id, flow.clone())?;
    let id = task_id(ctx, "Procedure");
    let conn = ctx.lib.db();
    jobs::create(
        &conn,
        &id,
        "Procedure",
        &json!({"FileId": file_id, "ProcedureName": flow.name}),
    )?;
    // The processing itself is the library's simulation, timed from now.
    jobs::finish(&conn, &id, Ok(&file_id))?;
    Ok(json!({ "TaskId": id }))
}
