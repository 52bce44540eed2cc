//! `vodesk assets list|show|publish|unpublish|delete|edit`.

use clap::{Args, Subcommand};
use vodesk_core::model::metadata::{
    parse_tags, validate_description, validate_tags, validate_title,
};
use vodesk_core::provider::huawei::ListAssetsQuery;
use vodesk_core::provider::huawei::wire::{UpdateMetaReq, tags_field};

use super::CliError;
use super::connect::Connection;
use super::metadata_args::field_errors;
use super::output::{human_size, print_json, print_table};

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
    /// Status filter (repeatable): CREATING, CREATED, PUBLISHED, TRANSCODING, ...
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
    /// Created at or after (yyyymmddhhmmss, UTC).
    #[arg(long)]
    pub since: Option<String>,
    /// Created at or before (yyyymmddhhmmss, UTC).
    #[arg(long)]
    pub until: Option<String>,
    /// Page, from 0.
    #[arg(long, default_value_t = 0)]
    pub page: u32,
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
}

fn check_time(name: &str, v: &Option<String>) -> Result<(), CliError> {
    if let Some(t) = v
        && (t.len() != 14 || !t.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(CliError::usage(format!(
            "--{name} \"{t}\" is not a time; write yyyymmddhhmmss in UTC, e.g. 20260101000000"
        )));
    }
    Ok(())
}

pub async fn run(conn: &Connection, cmd: AssetsCommand, json: bool) -> Result<(), CliError> {
    let vod = &conn.vod;
    match cmd {
        AssetsCommand::List(a) => {
            if !(1..=100).contains(&a.size) {
                return Err(CliError::usage(format!(
                    "--size {} is out of range; use 1 to 100",
                    a.size
                )));
            }
            check_time("since", &a.since)?;
            check_time("until", &a.until)?;
            let q = ListAssetsQuery {
                query_string: a.query,
                status: a.status.iter().map(|s| s.to_ascii_uppercase()).collect(),
                category_id: a.category,
                tags: a.tags,
                media_type: a
                    .media_type
                    .iter()
                    .map(|s| s.to_ascii_uppercase())
                    .collect(),
                start_time: a.since,
                end_time: a.until,
                page: a.page,
                size: a.size,
                order: Some(if a.asc { "asc" } else { "desc" }.to_string()),
                ..Default::default()
            };
            let rsp = vod.list_assets(&q).await?;
            if json {
                print_json(&serde_json::json!({ "total": rsp.total, "assets": rsp.assets }));
            } else {
                let rows: Vec<Vec<String>> = rsp
                    .assets
                    .iter()
                    .map(|a| {
                        vec![
                            a.asset_id.clone(),
                            a.title.clone().unwrap_or_default(),
                            a.asset_status
                                .as_ref()
                                .map(|s| s.to_string())
                                .unwrap_or_default(),
                            a.transcode_status
                                .as_ref()
                                .map(|s| s.to_string())
                                .unwrap_or_default(),
                            a.size.map(human_size).unwrap_or_default(),
                            a.create_time.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                print_table(
                    &[
                        "ASSET ID",
                        "TITLE",
                        "STATUS",
                        "TRANSCODE",
                        "SIZE",
                        "CREATED",
                    ],
                    &rows,
                );
                println!(
                    "{} shown, {} in total",
                    rsp.assets.len(),
                    rsp.total.unwrap_or(rsp.assets.len() as i64)
                );
            }
        }
        AssetsCommand::Show { asset_id } => {
            let d = vod.asset_details(&asset_id, &[]).await?;
            if json {
                print_json(&d);
            } else {
                let b = d.base_info.clone().unwrap_or_default();
                println!("asset id:     {}", d.asset_id);
                println!("title:        {}", b.title.unwrap_or_default());
                println!("description:  {}", b.description.unwrap_or_default());
                println!(
                    "file:         {} ({})",
                    b.video_name.unwrap_or_default(),
                    b.video_type.unwrap_or_default()
                );
                if let Some(m) = &b.meta_data {
                    println!(
                        "size:         {}",
                        m.video_size.map(human_size).unwrap_or_default()
                    );
                    println!("duration:     {} s", m.duration.unwrap_or_default());
                }
                println!(
                    "category:     {} ({})",
                    b.category_name.unwrap_or_default(),
                    b.category_id.unwrap_or(-1)
                );
                println!("tags:         {}", b.tags.unwrap_or_default());
                println!("created:      {}", b.create_time.unwrap_or_default());
                if let Some(t) = &d.transcode_info {
                    println!(
                        "transcode:    {} ({})",
                        t.transcode_status
                            .as_ref()
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                        t.template_group_name.clone().unwrap_or_default()
                    );
                }
                if let Some(t) = &d.thumbnail_info {
                    println!(
                        "thumbnails:   {}",
                        t.thumbnail_status
                            .as_ref()
                            .map(|s| s.to_string())
                            .unwrap_or_default()
                    );
                }
                if let Some(r) = &d.review_info {
                    println!(
                        "review:       {}",
                        r.review_status
                            .as_ref()
                            .map(|s| s.to_string())
                            .unwrap_or_default()
                    );
                }
                println!("video url:    {}", b.video_url.unwrap_or_default());
                for c in b.cover_info_array.unwrap_or_default() {
                    println!("cover:        {}", c.cover_url.unwrap_or_default());
                }
            }
        }
        AssetsCommand::Publish { asset_ids } => {
            let results = vod.publish(&asset_ids).await?;
            report_status_results(&results, "PUBLISHED", json)?;
        }
        AssetsCommand::Unpublish { asset_ids } => {
            let results = vod.unpublish(&asset_ids).await?;
            report_status_results(&results, "CREATED", json)?;
        }
        AssetsCommand::Delete {
            asset_ids,
            origin_only,
        } => {
            let results = vod.delete_assets(&asset_ids, origin_only).await?;
            let mut failed = 0;
            for r in &results {
                let ok = r.status.as_deref() == Some("DELETED");
                if !ok {
                    failed += 1;
                }
                if json {
                    print_json(r);
                } else if ok {
                    println!("{}  deleted", r.asset_id);
                } else {
                    eprintln!(
                        "{}  not deleted ({}): it may be processing — retry when processing finishes",
                        r.asset_id,
                        r.status.clone().unwrap_or_default()
                    );
                }
            }
            if failed > 0 {
                return Err(CliError::Partial(format!(
                    "{failed} of {} assets were not deleted",
                    results.len()
                )));
            }
        }
        AssetsCommand::Edit(e) => {
            let mut errors = Vec::new();
            if let Some(t) = &e.title {
                errors.extend(validate_title(t));
            }
            if let Some(d) = &e.description {
                errors.extend(validate_description(d));
            }
            let tags = e.tags.as_deref().map(parse_tags);
            if let Some(t) = &tags {
                errors.extend(validate_tags(t));
            }
            if !errors.is_empty() {
                return Err(field_errors(&errors));
            }
            if e.title.is_none()
                && e.description.is_none()
                && e.category.is_none()
                && tags.is_none()
            {
                return Err(CliError::usage(
                    "nothing to change; give --title, --description, --category or --tags",
                ));
            }
            vod.update_metadata(&UpdateMetaReq {
                asset_id: e.asset_id.clone(),
                title: e.title,
                description: e.description,
                category_id: e.category,
                tags: tags.map(|t| tags_field(&t).unwrap_or_default()),
            })
            .await?;
            if json {
                print_json(&serde_json::json!({ "asset_id": e.asset_id, "status": "UPDATED" }));
            } else {
                println!("{}  updated", e.asset_id);
            }
        }
    }
    Ok(())
}

fn report_status_results(
    results: &[vodesk_core::provider::huawei::wire::AssetInfo],
    wanted: &str,
    json: bool,
) -> Result<(), CliError> {
    let mut failed = 0;
    for r in results {
        let status = r.status.as_ref().map(|s| s.to_string()).unwrap_or_default();
        let ok = status == wanted;
        if !ok {
            failed += 1;
        }
        if json {
            print_json(r);
        } else if ok {
            println!("{}  {}", r.asset_id, status);
        } else {
            eprintln!(
                "{}  {} {}",
                r.asset_id,
                status,
                r.description
                    .as_deref()
                    .map(|d| format!("({d})"))
                    .unwrap_or_default()
            );
        }
    }
    if failed > 0 {
        return Err(CliError::Partial(format!(
            "{failed} of {} assets did not reach {wanted}",
            results.len()
        )));
    }
    Ok(())
}
