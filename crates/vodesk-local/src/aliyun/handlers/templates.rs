//! `ListTranscodeTemplateGroup` (§B.8): the library's presets, no paging (neither SDK has any).

use serde_json::{Value, json};

use super::app_id;
use crate::aliyun::Ctx;
use crate::aliyun::errors::AliResult;
use crate::aliyun::render::time;
use crate::aliyun::templates::SYSTEM;
use crate::http::Body;
use crate::library::presets::{self, NON_TRANSCODING};

pub fn list(ctx: &Ctx, p: &Body) -> AliResult<Value> {
    app_id(p)?;
    // Creation times are not kept per preset; they all date from the epoch, which nobody reads.
    let created = time(0);
    let groups: Vec<Value> = presets::all(&ctx.lib.db())?
        .iter()
        .map(|g| {
            let built_in = g.kind == SYSTEM || g.kind == NON_TRANSCODING;
            json!({
                "TranscodeTemplateGroupId": g.id,
                "Name": g.name,
                "IsDefault": if g.is_default { "Default" } else { "NotDefault" },
                "Locked": if built_in { "Enabled" } else { "Disabled" },
                "AppId": crate::aliyun::APP_ID,
                "CreationTime": created,
                "ModifyTime": created,
            })
        })
        .collect();
    Ok(json!({ "TranscodeTemplateGroupList": groups }))
}
