//! The command line (PRODUCT.md "Command line"): same binary as the desktop app.

mod assets;
mod bucket_uploads;
mod buckets;
mod categories;
mod metadata_args;
mod output;
mod profiles;
mod serve;
mod templates;
mod upload;
mod uploads;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vodesk_core::provider::ApiError;

#[derive(Parser, Debug)]
#[command(name = "vodesk", version, about = "Upload media to cloud VOD services and manage it there", long_about = None)]
pub struct Cli {
    /// Use this saved profile instead of the default.
    #[arg(long, global = true)]
    pub profile: Option<String>,
    /// Machine-readable output: JSON (one JSON line per item for streams).
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the local VOD service in the foreground.
    Serve(serve::ServeArgs),
    /// Upload files and folders (resumable).
    Upload(upload::UploadArgs),
    /// Interrupted and finished uploads in the journal.
    #[command(subcommand)]
    Uploads(uploads::UploadsCommand),
    /// List, show, publish, unpublish, delete and edit assets.
    #[command(subcommand)]
    Assets(assets::AssetsCommand),
    /// List, add, rename and remove categories.
    #[command(subcommand)]
    Categories(categories::CategoriesCommand),
    /// Transcoding template groups.
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
    /// Object-storage buckets.
    #[command(subcommand)]
    Buckets(buckets::BucketsCommand),
    /// List the objects of a bucket.
    Objects(buckets::ObjectsArgs),
    /// Import an object from a bucket into VOD.
    Import(buckets::ImportArgs),
    /// Saved accounts: list, add, remove, use (make default), test.
    #[command(subcommand)]
    Profiles(profiles::ProfilesCommand),
}

/// Why a command failed; printed as one sentence on stderr.
#[derive(Debug)]
pub enum CliError {
    /// Bad input: a file, a field or an option.
    Usage(String),
    /// The service refused or could not be reached.
    Api(ApiError),
    Other(String),
    /// Already reported item by item (e.g. some files of a batch failed).
    Partial(String),
}

impl CliError {
    pub fn usage(msg: impl Into<String>) -> Self {
        CliError::Usage(msg.into())
    }
}

impl From<crate::connection::ConnectError> for CliError {
    fn from(e: crate::connection::ConnectError) -> Self {
        use crate::connection::ConnectError as C;
        match e {
            C::Usage(m) => CliError::Usage(m),
            C::Api(a) => CliError::Api(a),
            C::Other(m) => CliError::Other(m),
        }
    }
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> Self {
        CliError::Api(e)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Other(m) | CliError::Partial(m) => f.write_str(m),
            CliError::Api(e) => write!(f, "{e}"),
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    // Sentences for people follow the system's language (LANG…); --json output is for scripts
    // and stays in English whatever the system's language.
    crate::i18n::apply(if cli.json {
        crate::i18n::Language::English
    } else {
        crate::i18n::Language::System
    });
    crate::logging::init(&crate::connection::data_dir());
    let Some(runtime) = crate::runtime::runtime() else {
        return ExitCode::FAILURE;
    };
    let json = cli.json;
    let result = runtime.block_on(dispatch(cli));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::report_error(json, &e);
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cli: Cli) -> Result<(), CliError> {
    let json = cli.json;
    let profile = cli.profile.as_deref();
    let Some(command) = cli.command else {
        return Ok(());
    };
    if let Command::Serve(args) = command {
        return serve::run(args, json).await;
    }
    if let Command::Profiles(c) = command {
        return profiles::run(c, profile, json).await;
    }
    if let Command::Uploads(uploads::UploadsCommand::List { all }) = command {
        return uploads::run_list(all, json).await;
    }
    // Validate input before connecting, so bad input never creates anything.
    let prepared = match &command {
        Command::Upload(args) => {
            let kind = crate::connection::provider_of(profile)?;
            let limits = vodesk_core::provider::connect::capabilities(kind).limits;
            Some(upload::prepare(args, &limits)?)
        }
        _ => None,
    };
    let conn = crate::connection::connect(profile).await?;
    let result = match command {
        Command::Serve(_)
        | Command::Profiles(_)
        | Command::Uploads(uploads::UploadsCommand::List { .. }) => {
            unreachable!("handled above")
        }
        Command::Uploads(uploads::UploadsCommand::Discard { ids, all }) => {
            uploads::run_discard(&conn, ids, all, json).await
        }
        Command::Upload(args) => {
            upload::run(&conn, args, prepared.expect("prepared above"), json).await
        }
        Command::Assets(c) => assets::run(&conn, c, json).await,
        Command::Categories(c) => categories::run(&conn, c, json).await,
        Command::Templates(c) => templates::run(&conn, c, json).await,
        Command::Buckets(c) => buckets::run_buckets(&conn, c, json).await,
        Command::Objects(a) => buckets::run_objects(&conn, a, json).await,
        Command::Import(a) => buckets::run_import(&conn, a, json).await,
    };
    conn.close().await;
    result
}
