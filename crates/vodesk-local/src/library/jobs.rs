//! Background jobs a client follows by id (Tencent tasks: a pull from a URL, a processing run):
//! waiting → running → done, with the asset made and the error, if any. A job interrupted by a
//! restart is finished as failed when the library opens again.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::Result;
use super::lifecycle::now_ms;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobState {
    Waiting,
    Running,
    Done,
}

impl JobState {
    fn parse(s: &str) -> JobState {
        match s {
            "waiting" => JobState::Waiting,
            "running" => JobState::Running,
            _ => JobState::Done,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Job {
    pub id: String,
    /// The personality's name for the kind of work (`PullUpload`, `Procedure`).
    pub kind: String,
    pub state: JobState,
    pub asset_id: Option<String>,
    /// Set when the job failed.
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    /// What the job was asked to do, as the personality recorded it.
    pub input: Value,
}

/// Records a new waiting job.
pub fn create(conn: &Connection, id: &str, kind: &str, input: &Value) -> Result<()> {
    conn.execute(
        "INSERT INTO jobs(job_id, kind, state, created_at, input) VALUES (?1, ?2, 'waiting', ?3, ?4)",
        params![id, kind, now_ms(), input.to_string()],
    )?;
    Ok(())
}

pub fn start(conn: &Connection, id: &str) -> Result<()> {
    conn.execute(
        "UPDATE jobs SET state = 'running', started_at = ?2 WHERE job_id = ?1",
        params![id, now_ms()],
    )?;
    Ok(())
}

/// Finishes a job: with the asset it made, or with an error.
pub fn finish(
    conn: &Connection,
    id: &str,
    outcome: std::result::Result<&str, (&str, &str)>,
) -> Result<()> {
    let (asset, code, msg) = match outcome {
        Ok(asset) => (Some(asset), None, None),
        Err((code, msg)) => (None, Some(code), Some(msg)),
    };
    conn.execute(
        "UPDATE jobs SET state = 'done', finished_at = ?2, asset_id = COALESCE(?3, asset_id), \
         error_code = ?4, error_message = ?5, started_at = COALESCE(started_at, ?2) WHERE job_id = ?1",
        params![id, now_ms(), asset, code, msg],
    )?;
    Ok(())
}

/// Runs `work` in the background and records its outcome as the end of job `id`: the asset
/// it made, or an error code and message.
pub fn run_in_background<F>(lib: std::sync::Arc<super::Library>, id: String, work: F)
where
    F: std::future::Future<Output = std::result::Result<String, (String, String)>> + Send + 'static,
{
    tokio::spawn(async move {
        let outcome = work.await;
        let conn = lib.db();
        let saved = match &outcome {
            Ok(asset) => finish(&conn, &id, Ok(asset)),
            Err((code, msg)) => finish(&conn, &id, Err((code, msg))),
        };
        if let Err(e) = saved {
            tracing::warn!("recording the end of job {id}: {e:?}");
        }
    });
}

/// Ends every job a previous process left unfinished.
pub fn fail_unfinished(conn: &Connection, code: &str, msg: &str) -> Result<()> {
    conn.execute(
        "UPDATE jobs SET state = 'done', finished_at = ?1, error_code = ?2, error_message = ?3 \
         WHERE state != 'done'",
        params![now_ms(), code, msg],
    )?;
    Ok(())
}

const COLUMNS: &str = "job_id, kind, state, asset_id, error_code, error_message, created_at, \
                       started_at, finished_at, input";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Job> {
    Ok(Job {
        id: r.get(0)?,
        kind: r.get(1)?,
        state: JobState::parse(&r.get::<_, String>(2)?),
        asset_id: r.get(3)?,
        error_code: r.get(4)?,
        error_message: r.get(5)?,
        created_at: r.get(6)?,
        started_at: r.get(7)?,
        finished_at: r.get(8)?,
        input: serde_json::from_str(&r.get::<_, String>(9)?).unwrap_or(Value::Null),
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Job>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM jobs WHERE job_id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every job of a kind, oldest first.
pub fn of_kind(conn: &Connection, kind: &str) -> Result<Vec<Job>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE kind = ?1 ORDER BY created_at, job_id"
    ))?;
    let jobs = stmt
        .query_map([kind], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(jobs)
}
