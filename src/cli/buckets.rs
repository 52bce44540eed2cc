//! `vodesk buckets list|authorize`, `vodesk objects BUCKET`, `vodesk import BUCKET KEY | --url URL`.

use std::path::Path;

use clap::{Args, Subcommand};
use vodesk_core::model::MediaType;
use vodesk_core::provider::api::UrlImport;
use vodesk_core::storage::{BucketInfo, ListObjectsQuery, ObjectListPage};

use super::CliError;
use super::metadata_args::MetadataArgs;
use super::output::{human_size, print_json, print_table};
use crate::connection::Connection;

#[derive(Subcommand, Debug)]
pub enum BucketsCommand {
    /// List the buckets of the account.
    List,
    /// The bucket's unfinished multipart uploads, and aborting them.
    Uploads(super::bucket_uploads::UploadsArgs),
    /// Allow (or with --revoke, stop allowing) VOD to read a bucket, for imports.
    Authorize {
        bucket: String,
        #[arg(long)]
        revoke: bool,
    },
}

#[derive(Args, Debug)]
pub struct ObjectsArgs {
    pub bucket: String,
    /// Only keys starting with this; ends with / to open a folder.
    #[arg(long)]
    pub prefix: Option<String>,
    /// List everything below the prefix instead of one folder level.
    #[arg(long)]
    pub recursive: bool,
    /// Continue after this key (from a previous page).
    #[arg(long)]
    pub marker: Option<String>,
    /// Page size, 1..1000.
    #[arg(long, default_value_t = 1000)]
    pub max_keys: u32,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Bucket holding the object.
    #[arg(required_unless_present = "url")]
    pub bucket: Option<String>,
    /// Object key.
    #[arg(required_unless_present = "url")]
    pub key: Option<String>,
    /// Pull media from http(s) URLs instead (up to 16; each must end with its file extension).
    #[arg(long, conflicts_with_all = ["bucket", "key"])]
    pub url: Vec<String>,
    #[command(flatten)]
    pub metadata: MetadataArgs,
}

pub async fn run_buckets(
    conn: &Connection,
    cmd: BucketsCommand,
    json: bool,
) -> Result<(), CliError> {
    match cmd {
        BucketsCommand::List => {
            let buckets = conn.vod.list_buckets().await?;
            if json {
                print_json(&buckets.iter().map(bucket_json).collect::<Vec<_>>());
            } else {
                let rows: Vec<Vec<String>> = buckets
                    .iter()
                    .map(|b| {
                        vec![
                            b.name.clone(),
                            b.location.clone().unwrap_or_default(),
                            b.creation_date.map(|d| d.to_rfc3339()).unwrap_or_default(),
                        ]
                    })
                    .collect();
                let headers = [
                    t!("cli-col-bucket"),
                    t!("cli-col-location"),
                    t!("cli-col-created"),
                ];
                print_table(&headers, &rows);
            }
        }
        BucketsCommand::Uploads(a) => super::bucket_uploads::run(conn, a, json).await?,
        BucketsCommand::Authorize { bucket, revoke } => {
            conn.vod.authorize_bucket(&bucket, !revoke).await?;
            let status = if revoke { "REVOKED" } else { "AUTHORIZED" };
            if json {
                print_json(&serde_json::json!({ "bucket": bucket, "status": status }));
            } else {
                println!("{bucket}  {}", status.to_ascii_lowercase());
            }
        }
    }
    Ok(())
}

pub async fn run_objects(conn: &Connection, a: ObjectsArgs, json: bool) -> Result<(), CliError> {
    if !(1..=1000).contains(&a.max_keys) {
        return Err(CliError::usage(t!(
            "cli-bad-max-keys",
            value = (a.max_keys)
        )));
    }
    let page = conn
        .vod
        .list_objects(
            &a.bucket,
            &ListObjectsQuery {
                prefix: a.prefix.clone(),
                delimiter: (!a.recursive).then(|| "/".to_string()),
                marker: a.marker.clone(),
                max_keys: Some(a.max_keys),
            },
        )
        .await?;
    if json {
        print_json(&page_json(&page));
    } else {
        let mut rows: Vec<Vec<String>> = page
            .common_prefixes
            .iter()
            .map(|p| vec![p.clone(), "DIR".to_string(), String::new()])
            .collect();
        rows.extend(page.objects.iter().map(|o| {
            vec![
                o.key.clone(),
                human_size(o.size as i64),
                o.last_modified.map(|d| d.to_rfc3339()).unwrap_or_default(),
            ]
        }));
        let headers = [
            t!("cli-col-key"),
            t!("cli-col-size"),
            t!("cli-col-modified"),
        ];
        print_table(&headers, &rows);
        if page.is_truncated {
            let marker = page.next_marker.clone().unwrap_or_default();
            println!("{}", t!("cli-more-marker", marker = marker));
        }
    }
    Ok(())
}

fn bucket_json(b: &BucketInfo) -> serde_json::Value {
    serde_json::json!({
        "name": b.name,
        "location": b.location,
        "creation_date": b.creation_date.map(|d| d.to_rfc3339()),
        "bucket_type": b.bucket_type,
    })
}

fn page_json(p: &ObjectListPage) -> serde_json::Value {
    serde_json::json!({
        "objects": p.objects.iter().map(|o| serde_json::json!({
            "key": o.key,
            "size": o.size,
            "etag": o.etag,
            "last_modified": o.last_modified.map(|d| d.to_rfc3339()),
            "storage_class": o.storage_class,
        })).collect::<Vec<_>>(),
        "common_prefixes": p.common_prefixes,
        "is_truncated": p.is_truncated,
        "next_marker": p.next_marker,
    })
}

pub async fn run_import(conn: &Connection, a: ImportArgs, json: bool) -> Result<(), CliError> {
    if !a.url.is_empty() {
        return import_urls(conn, a, json).await;
    }
    let (Some(bucket), Some(key)) = (a.bucket, a.key) else {
        return Err(CliError::usage(t!("cli-import-what")));
    };
    let media = MediaType::from_path(Path::new(&key)).ok_or_else(|| {
        CliError::usage(t!(
            "cli-key-not-media",
            key = (key.as_str()),
            formats = (MediaType::supported_list())
        ))
    })?;
    let limits = conn.vod.capabilities().limits;
    let meta = a.metadata.build(Some(Path::new(&key)), &limits)?;
    if meta.cover.is_some() || !meta.subtitles.is_empty() {
        return Err(CliError::usage(t!("cli-import-no-cover")));
    }
    let asset_id = conn.vod.import_object(&bucket, &key, &media, &meta).await?;
    if json {
        print_json(
            &serde_json::json!({ "bucket": bucket, "key": key, "asset_id": asset_id, "status": "done" }),
        );
    } else {
        let line = t!(
            "cli-imported",
            bucket = (bucket.as_str()),
            key = (key.as_str()),
            asset = (asset_id.as_str())
        );
        println!("{line}");
    }
    Ok(())
}

async fn import_urls(conn: &Connection, a: ImportArgs, json: bool) -> Result<(), CliError> {
    let max = conn.vod.capabilities().limits.url_imports_max;
    if a.url.len() > max {
        return Err(CliError::usage(t!(
            "cli-too-many-urls",
            n = (a.url.len()),
            max = max
        )));
    }
    let mut items = Vec::new();
    for u in &a.url {
        let parsed = url::Url::parse(u)
            .map_err(|_| CliError::usage(t!("cli-not-url", url = (u.as_str()))))?;
        if parsed.scheme() != "http" && parsed.scheme() != "https" {
            return Err(CliError::usage(t!("cli-not-http", url = (u.as_str()))));
        }
        let path = Path::new(parsed.path());
        let media = MediaType::from_path(path).ok_or_else(|| {
            CliError::usage(t!(
                "cli-url-not-media",
                url = (u.as_str()),
                formats = (MediaType::supported_list())
            ))
        })?;
        let meta = a
            .metadata
            .build(Some(path), &conn.vod.capabilities().limits)?;
        items.push(UrlImport {
            url: u.clone(),
            media,
            metadata: meta,
        });
    }
    let results = conn.vod.import_urls(&items).await?;
    let mut failed = 0;
    for r in &results {
        if json {
            print_json(r);
        }
        match (&r.asset_id, &r.error) {
            (Some(id), None) => {
                if !json {
                    let line = t!(
                        "cli-url-accepted",
                        url = (r.url.as_str()),
                        asset = (id.as_str())
                    );
                    println!("{line}");
                }
            }
            (_, error) => {
                failed += 1;
                if !json {
                    let error = error.clone().unwrap_or_default();
                    eprintln!(
                        "{}",
                        t!("cli-url-failed", url = (r.url.as_str()), error = error)
                    );
                }
            }
        }
    }
    if failed > 0 {
        let total = results.len();
        return Err(CliError::Partial(t!(
            "cli-urls-not-accepted",
            n = failed,
            total = total
        )));
    }
    Ok(())
}
