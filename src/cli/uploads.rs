//! `vodesk uploads list|discard`: the jobs of the upload journal.

use clap::Subcommand;
use vodesk_core::engine::{Engine, EngineConfig};

use super::CliError;
use super::output::{human_size, print_json, print_table};
use super::upload::open_journal;
use crate::connection::Connection;

#[derive(Subcommand, Debug)]
pub enum UploadsCommand {
    /// List the jobs of the upload journal (newest first).
    List {
        /// Also show finished jobs.
        #[arg(long)]
        all: bool,
    },
    /// Drop jobs: an interrupted upload is aborted and its asset cancelled on the service.
    Discard {
        #[arg(required_unless_present = "all")]
        ids: Vec<i64>,
        /// Every unfinished job of this account.
        #[arg(long)]
        all: bool,
    },
}

pub async fn run_list(all: bool, json: bool) -> Result<(), CliError> {
    let journal = open_journal()?;
    let jobs: Vec<_> = journal
        .all()
        .map_err(|e| CliError::Other(e.0))?
        .into_iter()
        .filter(|r| all || !r.state.is_closed())
        .collect();
    if json {
        let rows: Vec<_> = jobs
            .iter()
            .map(|r| {
                let parts = journal.parts(r.id).map(|p| p.len()).unwrap_or(0);
                serde_json::json!({
                    "id": r.id, "path": r.spec.path.display().to_string(), "size": r.identity.size,
                    "state": r.state, "asset_id": r.asset_id(), "upload_id": r.upload_id,
                    "parts_done": parts, "part_size": r.part_size, "reason": r.reason,
                    "error_code": r.error_code, "request_id": r.request_id,
                })
            })
            .collect();
        print_json(&rows);
    } else {
        let rows: Vec<Vec<String>> = jobs
            .iter()
            .map(|r| {
                let parts = journal.parts(r.id).map(|p| p.len()).unwrap_or(0);
                vec![
                    r.id.to_string(),
                    r.state.as_str().to_string(),
                    human_size(r.identity.size as i64),
                    if r.upload_id.is_some() {
                        t!("cli-job-parts", n = parts)
                    } else {
                        String::new()
                    },
                    r.spec.path.display().to_string(),
                    r.reason.clone().unwrap_or_default(),
                ]
            })
            .collect();
        print_table(
            &[
                t!("cli-col-id"),
                t!("cli-col-state"),
                t!("cli-col-size"),
                t!("cli-col-progress"),
                t!("cli-col-path"),
                t!("cli-col-reason"),
            ],
            &rows,
        );
    }
    Ok(())
}

pub async fn run_discard(
    conn: &Connection,
    ids: Vec<i64>,
    all: bool,
    json: bool,
) -> Result<(), CliError> {
    let journal = open_journal()?;
    let account = conn.vod.account_key();
    let records = if all {
        journal
            .unfinished(&account)
            .map_err(|e| CliError::Other(e.0))?
    } else {
        let mut v = Vec::new();
        for id in ids {
            match journal.get(id).map_err(|e| CliError::Other(e.0))? {
                Some(r) => v.push(r),
                None => {
                    return Err(CliError::usage(t!("cli-no-job", id = (id.to_string()))));
                }
            }
        }
        v
    };
    let config = EngineConfig {
        owner_label: "vodesk uploads discard".to_string(),
        ..EngineConfig::default()
    };
    let (engine, _events) = Engine::new(conn.vod.clone(), journal.clone(), config);
    // Jobs another process is running are not this one's to drop.
    if tokio::time::timeout(std::time::Duration::from_secs(2), engine.wait_owner())
        .await
        .is_err()
    {
        let holder = engine
            .held_by()
            .map_or_else(|| t!("owner-unknown"), |h| crate::words::holder(&h));
        return Err(CliError::Other(t!("cli-jobs-held", holder = holder)));
    }
    for r in records {
        let ack = engine.discard(&r).await.map_err(|e| CliError::Other(e.0))?;
        if json {
            print_json(
                &serde_json::json!({ "id": r.id, "path": r.spec.path.display().to_string(), "status": "discarded", "service_acknowledged": ack }),
            );
        } else if ack {
            let (id, path) = (r.id.to_string(), r.spec.path.display().to_string());
            println!("{}", t!("cli-job-discarded", id = id, path = path));
        } else {
            let (id, path) = (r.id.to_string(), r.spec.path.display().to_string());
            eprintln!("{}", t!("cli-job-discarded-locally", id = id, path = path));
        }
    }
    Ok(())
}
