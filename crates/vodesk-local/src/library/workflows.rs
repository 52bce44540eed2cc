//! The workflows the local service knows. The clouds build workflows in their consoles and list
//! them in none of the APIs vodesk speaks, so a client names one: Huawei by `workflow_name`,
//! Alibaba by `WorkflowId`. Here there is one, built in, and it runs the default template group.

use rusqlite::Connection;

use super::Result;
use super::presets::{self, Preset, PresetQuery};

pub struct Workflow {
    pub id: &'static str,
    pub name: &'static str,
}

/// Alibaba's workflow ids are 32 hex digits; the name is what Huawei's form takes.
pub const BUILT_IN: Workflow = Workflow {
    id: "7e3f0a9c5b2d4e6f8a1b3c5d7e9f0a2b",
    name: "local-transcode",
};

/// The workflow named `name`, if it exists.
pub fn by_name(name: &str) -> Option<&'static Workflow> {
    (name == BUILT_IN.name).then_some(&BUILT_IN)
}

/// The workflow with id `id`, if it exists.
pub fn by_id(id: &str) -> Option<&'static Workflow> {
    (id == BUILT_IN.id).then_some(&BUILT_IN)
}

/// The template group a workflow runs.
pub fn preset(conn: &Connection, _workflow: &Workflow) -> Result<Option<Preset>> {
    let query = PresetQuery {
        is_default: Some(true),
        ..Default::default()
    };
    Ok(presets::find(conn, &query)?.into_iter().next())
}
