//! `vodesk buckets uploads BUCKET`: the bucket's unfinished multipart uploads (parts stored and
//! billed for uploads nobody completed), with `--abort-older-than 7d` and `--abort UPLOAD_ID` to
//! free them.

use chrono::{DateTime, Duration, Utc};
use clap::Args;
use vodesk_core::storage::UnfinishedUpload;

use super::CliError;
use super::output::{human_size, print_json, print_table};
use crate::connection::Connection;

#[derive(Args, Debug)]
pub struct UploadsArgs {
    pub bucket: String,
    /// Abort the uploads started longer ago than this: 7d (days), 12h (hours) or 30m (minutes).
    #[arg(long, value_name = "AGE")]
    pub abort_older_than: Option<String>,
    /// Abort this upload (by its id, as listed); may be given more than once.
    #[arg(long, value_name = "UPLOAD_ID")]
    pub abort: Vec<String>,
}

/// `7d`, `12h` or `30m` as a duration.
pub fn parse_age(text: &str) -> Result<Duration, CliError> {
    let bad = || CliError::usage(t!("cli-bad-age", value = text));
    let t = text.trim();
    let (digits, unit) = t.split_at(t.len().saturating_sub(1));
    let n: i64 = digits.parse().map_err(|_| bad())?;
    if n < 0 {
        return Err(bad());
    }
    match unit {
        "d" => Ok(Duration::days(n)),
        "h" => Ok(Duration::hours(n)),
        "m" => Ok(Duration::minutes(n)),
        _ => Err(bad()),
    }
}

/// Whether `u` is to be aborted: named, or started before `before`.
fn chosen(u: &UnfinishedUpload, ids: &[String], before: Option<DateTime<Utc>>) -> bool {
    ids.contains(&u.upload_id) || before.is_some_and(|b| u.started_before(b))
}

pub async fn run(conn: &Connection, a: UploadsArgs, json: bool) -> Result<(), CliError> {
    let before = match a.abort_older_than.as_deref() {
        Some(age) => Some(Utc::now() - parse_age(age)?),
        None => None,
    };
    let uploads = conn.vod.unfinished_uploads(&a.bucket).await?;
    if let Some(missing) = a
        .abort
        .iter()
        .find(|id| !uploads.iter().any(|u| &u.upload_id == *id))
    {
        return Err(CliError::usage(t!(
            "cli-no-such-upload",
            id = (missing.as_str()),
            bucket = (a.bucket.as_str())
        )));
    }
    let mut aborted = Vec::with_capacity(uploads.len());
    for u in &uploads {
        let abort = chosen(u, &a.abort, before);
        if abort {
            conn.vod
                .abort_upload(&a.bucket, &u.key, &u.upload_id)
                .await?;
        }
        aborted.push(abort);
    }
    if json {
        let lines: Vec<serde_json::Value> = uploads
            .iter()
            .zip(&aborted)
            .map(|(u, &aborted)| {
                serde_json::json!({
                    "key": u.key,
                    "upload_id": u.upload_id,
                    "initiated": u.initiated.map(|t| t.to_rfc3339()),
                    "parts": u.parts,
                    "bytes": u.bytes,
                    "aborted": aborted,
                })
            })
            .collect();
        print_json(&lines);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = uploads
        .iter()
        .zip(&aborted)
        .map(|(u, &aborted)| {
            vec![
                u.key.clone(),
                u.upload_id.clone(),
                u.initiated
                    .map(crate::format::local_time)
                    .unwrap_or_default(),
                u.parts.to_string(),
                human_size(u.bytes as i64),
                if aborted {
                    t!("cli-cell-aborted")
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    if rows.is_empty() {
        println!("{}", t!("cli-no-unfinished", bucket = (a.bucket.as_str())));
        return Ok(());
    }
    let headers = [
        t!("cli-col-key"),
        t!("cli-col-upload-id"),
        t!("cli-col-started"),
        t!("cli-col-parts"),
        t!("cli-col-size"),
        String::new(),
    ];
    print_table(&headers, &rows);
    let n = aborted.iter().filter(|a| **a).count();
    let left: u64 = uploads
        .iter()
        .zip(&aborted)
        .filter(|(_, a)| !**a)
        .map(|(u, _)| u.bytes)
        .sum();
    let line = t!(
        "cli-unfinished-summary",
        n = (uploads.len()),
        aborted = n,
        size = (human_size(left as i64))
    );
    println!("{line}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_days_hours_and_minutes() {
        assert_eq!(parse_age("7d").unwrap(), Duration::days(7));
        assert_eq!(parse_age("12h").unwrap(), Duration::hours(12));
        assert_eq!(parse_age("0m").unwrap(), Duration::minutes(0));
        for bad in ["7", "d", "-1d", "7w", "", "1.5d"] {
            let e = parse_age(bad).unwrap_err().to_string();
            assert!(e.contains("is not an age"), "{bad}: {e}");
        }
    }
}
