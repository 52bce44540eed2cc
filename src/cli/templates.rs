//! `vodesk templates list`.

use clap::Subcommand;

use super::CliError;
use super::connect::Connection;
use super::output::{print_json, print_table};

#[derive(Subcommand, Debug)]
pub enum TemplatesCommand {
    /// List the transcoding template groups.
    List,
}

pub async fn run(conn: &Connection, cmd: TemplatesCommand, json: bool) -> Result<(), CliError> {
    match cmd {
        TemplatesCommand::List => {
            let groups = conn.vod.all_template_groups().await?;
            if json {
                print_json(&groups);
            } else {
                let rows: Vec<Vec<String>> = groups
                    .iter()
                    .map(|g| {
                        vec![
                            g.name.clone(),
                            g.kind.clone().unwrap_or_default(),
                            g.formats(),
                            g.group_id.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                print_table(&["NAME", "TYPE", "FORMATS", "GROUP ID"], &rows);
            }
        }
    }
    Ok(())
}
