//! `CreateAudit` and `GetAuditHistory` (§B.7): a manual review sets a video `Blocked` (it stops
//! playing) or `Normal` again; each verdict is kept in the video's history, newest last.

use serde_json::{Value, json};

use super::video;
use crate::aliyun::Ctx;
use crate::aliyun::errors::{AliError, AliResult};
use crate::aliyun::params::{self, Unit};
use crate::aliyun::render::{audit_status, status, time};
use crate::http::Body;
use crate::library::assets::{set_published, uploaded};
use crate::library::extras;
use crate::library::lifecycle::now_ms;

/// Who the history says audited (the account's own reviewer).
const AUDITOR: &str = "vodesk-local";

pub fn create(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let items = params::json_objects(p, "AuditContent", 100)?;
    let now = now_ms();
    let mut verdicts = Vec::new();
    {
        let conn = ctx.lib.db();
        for item in &items {
            let id = item
                .opt_str("VideoId")?
                .ok_or_else(|| AliError::missing("AuditContent.VideoId"))?;
            let verdict = item
                .opt_str("Status")?
                .ok_or_else(|| AliError::missing("AuditContent.Status"))?;
            if verdict != "Normal" && verdict != "Blocked" {
                return Err(AliError::invalid(
                    "AuditContent.Status",
                    "must be Normal or Blocked",
                ));
            }
            let reason = params::text(item, "Reason", 128, Unit::Bytes)?.unwrap_or_default();
            let comment = params::text(item, "Comment", 512, Unit::Bytes)?.unwrap_or_default();
            let a = video(&conn, &id)?;
            if !uploaded(&a) {
                return Err(AliError::illegal_status(status(&a, now)));
            }
            verdicts.push((id, verdict, reason, comment));
        }
    }
    // Checked in full before anything changes: one bad entry changes nothing.
    let mut conn = ctx.lib.db();
    for (id, verdict, reason, comment) in verdicts {
        set_published(
            &mut conn,
            std::slice::from_ref(&id),
            verdict == "Normal",
            now,
        )?;
        extras::update(&conn, &id, |m| {
            let entry = json!({
                "Status": verdict, "Reason": reason, "Comment": comment,
                "Auditor": AUDITOR, "CreationTime": time(now),
            });
            match m.get_mut("Audits").and_then(Value::as_array_mut) {
                Some(list) => list.push(entry),
                None => {
                    m.insert("Audits".into(), json!([entry]));
                }
            }
        })?;
    }
    Ok(json!({}))
}

pub fn history(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    let id = p
        .opt_str("VideoId")?
        .ok_or_else(|| AliError::missing("VideoId"))?;
    let (no, size) = params::page(p, 100)?;
    let newest_first = params::newest_first(p)?;
    let conn = ctx.lib.db();
    video(&conn, &id)?;
    let x = extras::get(&conn, &id)?;
    let mut list: Vec<Value> = x
        .get("Audits")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if newest_first {
        list.reverse();
    }
    let total = list.len();
    let page = crate::library::filter::Page::numbered(no - 1, size).of(list);
    Ok(json!({"Status": audit_status(&x), "Total": total, "Histories": page}))
}
