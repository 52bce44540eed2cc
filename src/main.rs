//! vodesk: with no arguments, the desktop app; with a subcommand, the command line.

// First: its `t!` macro is used by every module declared after it.
#[macro_use]
mod i18n;
mod verdict;

mod app;
mod cli;
mod connection;
mod format;
mod logging;
mod runtime;
mod words;

use clap::Parser;

/// When the process started, for the app's start-up time.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() -> std::process::ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let args = cli::Cli::parse();
    match args.command {
        None => app::run(),
        Some(_) => cli::run(args),
    }
}
