//! vodesk: with no arguments, the desktop app; with a subcommand, the command line.

mod app;
mod cli;
mod logging;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    match args.command {
        None => app::run(),
        Some(_) => cli::run(args),
    }
}
