//! `vodesk templates list`: the account's processing presets.

use clap::Subcommand;

use super::CliError;
use super::output::{print_json, print_table};
use crate::connection::Connection;

#[derive(Subcommand, Debug)]
pub enum TemplatesCommand {
    /// List the processing presets (transcoding template groups).
    List,
}

pub async fn run(conn: &Connection, cmd: TemplatesCommand, json: bool) -> Result<(), CliError> {
    match cmd {
        TemplatesCommand::List => {
            let groups = conn.vod.presets().await?;
            if json {
                print_json(&groups);
            } else {
                let rows: Vec<Vec<String>> = groups
                    .iter()
                    .map(|g| {
                        vec![
                            g.name.clone(),
                            if g.transcodes { "yes" } else { "no" }.to_string(),
                            g.formats_text(),
                            g.id.clone(),
                        ]
                    })
                    .collect();
                let headers = [
                    t!("cli-col-name"),
                    t!("cli-col-transcodes"),
                    t!("cli-col-formats"),
                    t!("cli-col-id"),
                ];
                print_table(&headers, &rows);
            }
        }
    }
    Ok(())
}
