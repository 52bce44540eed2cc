//! `vodesk assets list|show|publish|unpublish|delete|edit`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use clap::{Args, Subcommand};
use vodesk_core::model::metadata::CoverImage;
use vodesk_core::model::metadata::{
    parse_tags, validate_description, validate_tags, validate_title,
};
use vodesk_core::model::{AssetDetails, AssetState};
use vodesk_core::provider::api::{AssetQuery, Cursor, DeleteScope, ItemResult, MetadataEdit};

use super::CliError;
use super::metadata_args::field_errors;
use super::output::{human_size, print_fields, print_json, print_table};
use crate::connection::Connection;

#[derive(Subcommand, Debug)]
pub enum AssetsCommand {
    /// List assets (newest first), with filters.
    List(ListArgs),
    /// Show one asset's details.
    Show { asset_id: String },
    /// Publish assets.
    Publish {
        #[arg(required = true)]
        asset_ids: Vec<String>,
    },
    /// Unpublish assets.
    Unpublish {
        #[arg(required = true)]
        asset_ids: Vec<String>,
    },
    /// Delete assets (and their files).
    Delete {
        #[arg(required = true)]
        asset_ids: Vec<String>,
        /// Delete only the original file, keep transcoded outputs.
        #[arg(long)]
        origin_only: bool,
    },
    /// Edit an asset's title, description, category or tags.
    Edit(EditArgs),
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Search title, description and category name.
    #[arg(long)]
    pub query: Option<String>,
    /// Status filter (repeatable): unpublished, published, processing, uploading, failed.
    #[arg(long)]
    pub status: Vec<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub category: Option<i64>,
    /// Comma-separated tags.
    #[arg(long)]
    pub tags: Option<String>,
    /// Media type filter (repeatable), e.g. MP4.
    #[arg(long)]
    pub media_type: Vec<String>,
    /// Created at or after (2026-12-03, 2026-12-03T08:00:00Z or yyyymmddhhmmss, UTC).
    #[arg(long)]
    pub since: Option<String>,
    /// Created at or before (same forms as --since).
    #[arg(long)]
    pub until: Option<String>,
    /// Where the page starts: the `next` of the previous page.
    #[arg(long)]
    pub cursor: Option<String>,
    /// Page size, 1..100.
    #[arg(long, default_value_t = 20)]
    pub size: u32,
    /// Oldest first.
    #[arg(long)]
    pub asc: bool,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    pub asset_id: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub category: Option<i64>,
    /// Comma-separated tags (replaces the existing ones).
    #[arg(long)]
    pub tags: Option<String>,
    /// A JPG or PNG image that becomes the cover (where the cloud takes one, e.g. Tencent).
    #[arg(long, value_name = "FILE")]
    pub cover: Option<std::path::PathBuf>,
}

/// A time given on the command line, in UTC; a bare date means its first second, or its last
/// for `--until`.
fn parse_time(
    name: &str,
    v: &Option<String>,
    end_of_day: bool,
) -> Result<Option<DateTime<Utc>>, CliError> {
    let Some(t) = v.as_deref().map(str::trim) else {
        return Ok(None);
    };
    let parsed = DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M%S")
                .ok()
                .map(|d| d.and_utc())
        })
        .or_else(|| {
            let day = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()?;
            let time = if end_of_day {
                day.and_hms_opt(23, 59, 59)
            } else {
                day.and_hms_opt(0, 0, 0)
            };
            time.map(|d| d.and_utc())
        });
    parsed
        .map(Some)
        .ok_or_else(|| CliError::usage(t!("cli-bad-time", option = name, value = t)))
}

fn parse_states(values: &[String]) -> Result<Vec<AssetState>, CliError> {
    values
        .iter()
        .map(|v| {
            AssetState::parse(v)
                .filter(|s| AssetState::FILTERS.contains(s))
                .ok_or_else(|| {
                    let names: Vec<&str> = AssetState::FILTERS.iter().map(|s| s.as_str()).collect();
                    CliError::usage(t!(
                        "cli-bad-status",
                        value = (v.as_str()),
                        statuses = (names.join(", "))
                    ))
                })
        })
        .collect()
}

/// A time as people read it: to the minute, in the local time zone (`--json` keeps the
/// service's value).
fn time_text(t: Option<DateTime<Utc>>) -> String {
    t.map(crate::format::local_time).unwrap_or_default()
}

fn print_details(d: &AssetDetails) {
    let a = &d.asset;
    let mut rows = vec![
        (t!("cli-show-asset-id"), a.id.clone()),
        (t!("cli-show-title"), a.title.clone()),
        (
            t!("cli-show-status"),
            format!("{} ({})", a.status.state.as_str(), a.status.raw),
        ),
        (
            t!("cli-show-description"),
            a.description.clone().unwrap_or_default(),
        ),
        (
            t!("cli-show-file"),
            format!(
                "{} ({})",
                d.file_name.clone().unwrap_or_default(),
                a.format.clone().unwrap_or_default()
            ),
        ),
    ];
    if let Some(m) = &d.facts {
        let size = m.size_bytes.map(human_size).unwrap_or_default();
        let secs = m.duration_secs.unwrap_or_default();
        rows.push((t!("cli-show-size"), size));
        rows.push((t!("cli-show-duration"), t!("cli-show-seconds", n = secs)));
        if let (Some(w), Some(h)) = (m.width.filter(|w| *w > 0), m.height.filter(|h| *h > 0)) {
            let codec = m.codec.clone().unwrap_or_default();
            rows.push((t!("cli-show-picture"), format!("{w}×{h} {codec}")));
        }
    }
    rows.extend([
        (
            t!("cli-show-category"),
            format!(
                "{} ({})",
                a.category_name.clone().unwrap_or_default(),
                a.category_id.unwrap_or(-1)
            ),
        ),
        (t!("cli-show-tags"), a.tags.join(",")),
        (t!("cli-show-created"), time_text(a.created_at)),
        (
            t!("cli-show-transcode"),
            format!(
                "{} ({})",
                a.transcode.raw,
                d.preset_name.clone().unwrap_or_default()
            ),
        ),
        (t!("cli-show-thumbnails"), a.thumbnails.raw.clone()),
        (t!("cli-show-review"), a.review.raw.clone()),
        (
            t!("cli-show-video-url"),
            a.original_url.clone().unwrap_or_default(),
        ),
    ]);
    rows.extend(d.covers.iter().map(|c| (t!("cli-show-cover"), c.clone())));
    print_fields(&rows);
}

pub async fn run(conn: &Connection, cmd: AssetsCommand, json: bool) -> Result<(), CliError> {
    let vod = &conn.vod;
    let limits = vod.capabilities().limits;
    match cmd {
        AssetsCommand::List(a) => {
            if !(1..=100).contains(&a.size) {
                return Err(CliError::usage(t!("cli-bad-size", value = (a.size))));
            }
            let q = AssetQuery {
                text: a.query,
                tags: a.tags.as_deref().map(parse_tags).unwrap_or_default(),
                states: parse_states(&a.status)?,
                category_id: a.category,
                formats: a
                    .media_type
                    .iter()
                    .map(|s| s.to_ascii_uppercase())
                    .collect(),
                created_from: parse_time("since", &a.since, false)?,
                created_to: parse_time("until", &a.until, true)?,
                oldest_first: a.asc,
                page_size: a.size,
                ..Default::default()
            };
            let cursor = a.cursor.map(Cursor);
            let page = vod.list_assets(&q, cursor.as_ref()).await?;
            let next = page.next.as_ref().map(|c| c.0.clone());
            if json {
                print_json(
                    &serde_json::json!({ "total": page.total, "assets": page.assets, "next": next }),
                );
            } else {
                let rows: Vec<Vec<String>> = page
                    .assets
                    .iter()
                    .map(|a| {
                        vec![
                            a.id.clone(),
                            a.title.clone(),
                            a.status.raw.clone(),
                            a.transcode.raw.clone(),
                            a.size_bytes.map(human_size).unwrap_or_default(),
                            time_text(a.created_at),
                        ]
                    })
                    .collect();
                print_table(
                    &[
                        t!("cli-col-asset-id"),
                        t!("cli-col-title"),
                        t!("cli-col-status"),
                        t!("cli-col-transcode"),
                        t!("cli-col-size"),
                        t!("cli-col-created"),
                    ],
                    &rows,
                );
                let shown = page.assets.len();
                let total = page.total.unwrap_or(shown as i64);
                println!("{}", t!("cli-assets-shown", shown = shown, total = total));
                if let Some(n) = next {
                    println!("{}", t!("cli-more", cursor = n));
                }
            }
        }
        AssetsCommand::Show { asset_id } => {
            let d = vod.asset_details(&asset_id).await?;
            if json {
                print_json(&d);
            } else {
                print_details(&d);
            }
        }
        AssetsCommand::Publish { asset_ids } => {
            let results = vod.publish(&asset_ids).await?;
            report_results(&results, "publish", json)?;
        }
        AssetsCommand::Unpublish { asset_ids } => {
            let results = vod.unpublish(&asset_ids).await?;
            report_results(&results, "unpublish", json)?;
        }
        AssetsCommand::Delete {
            asset_ids,
            origin_only,
        } => {
            if origin_only && !vod.capabilities().delete_original_only {
                return Err(CliError::usage(t!("cli-origin-only-unavailable")));
            }
            let scope = if origin_only {
                DeleteScope::OriginalOnly
            } else {
                DeleteScope::Everything
            };
            let results = vod.delete(&asset_ids, scope).await?;
            report_results(&results, "delete", json)?;
        }
        AssetsCommand::Edit(e) => {
            let mut errors = Vec::new();
            if let Some(t) = &e.title {
                errors.extend(validate_title(t, &limits));
            }
            if let Some(d) = &e.description {
                errors.extend(validate_description(d, &limits));
            }
            let tags = e.tags.as_deref().map(parse_tags);
            if let Some(t) = &tags {
                errors.extend(validate_tags(t, &limits));
            }
            if !errors.is_empty() {
                return Err(field_errors(&errors));
            }
            // Read and checked before anything is sent, so a bad image changes nothing.
            let cover = match &e.cover {
                Some(_) if !vod.capabilities().cover_image => {
                    return Err(CliError::usage(t!("cli-cover-unavailable")));
                }
                Some(p) => Some(CoverImage::read(p).map_err(CliError::Usage)?),
                None => None,
            };
            let edit = MetadataEdit {
                title: e.title,
                description: e.description,
                category_id: e.category,
                tags,
            };
            if edit.is_empty() && cover.is_none() {
                return Err(CliError::usage(t!("cli-nothing-to-change")));
            }
            if !edit.is_empty() {
                vod.edit_asset(&e.asset_id, &edit).await?;
            }
            if let Some(c) = &cover {
                vod.set_cover_image(&e.asset_id, c).await?;
            }
            if json {
                print_json(&serde_json::json!({ "asset_id": e.asset_id, "status": "UPDATED" }));
            } else {
                println!("{}", t!("cli-asset-updated", id = (e.asset_id.as_str())));
            }
        }
    }
    Ok(())
}

/// One line per asset of a publish, unpublish or delete (`op`, the catalogue's `$op`); the
/// count of those it failed for.
fn report_results(results: &[ItemResult], op: &str, json: bool) -> Result<(), CliError> {
    let mut failed = 0;
    for r in results {
        let status = r.status.as_ref().map(|s| s.raw.clone()).unwrap_or_default();
        if !r.ok {
            failed += 1;
        }
        if json {
            print_json(r);
        } else if r.ok {
            let line = t!(
                "cli-asset-done",
                op = op,
                id = (r.asset_id.as_str()),
                status = status
            );
            println!("{line}");
        } else {
            let id = r.asset_id.as_str();
            let line = match r.reason.as_deref() {
                Some(reason) => t!(
                    "cli-asset-not-done",
                    op = op,
                    id = id,
                    status = status,
                    reason = reason
                ),
                None => t!("cli-asset-not-done-busy", op = op, id = id, status = status),
            };
            eprintln!("{line}");
        }
    }
    if failed > 0 {
        let total = results.len();
        return Err(CliError::Partial(t!(
            "cli-assets-not-done",
            op = op,
            n = failed,
            total = total
        )));
    }
    Ok(())
}
