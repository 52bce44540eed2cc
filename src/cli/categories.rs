//! `vodesk categories list|add|rename|remove`.

use clap::Subcommand;
use vodesk_core::model::Category;
use vodesk_core::model::category::validate_name;

use super::CliError;
use super::output::print_json;
use crate::connection::Connection;

#[derive(Subcommand, Debug)]
pub enum CategoriesCommand {
    /// Show the category tree.
    List,
    /// Create a category (level 1, or under --parent).
    Add {
        name: String,
        #[arg(long)]
        parent: Option<i64>,
    },
    /// Rename a category.
    Rename { id: i64, name: String },
    /// Remove a category.
    Remove { id: i64 },
}

fn print_tree(cats: &[Category], depth: usize) {
    for c in cats {
        println!("{}{:<6} {}", "  ".repeat(depth), c.id, c.name);
        print_tree(&c.children, depth + 1);
    }
}

pub async fn run(conn: &Connection, cmd: CategoriesCommand, json: bool) -> Result<(), CliError> {
    let vod = &conn.vod;
    match cmd {
        CategoriesCommand::List => {
            let tree = vod.categories().await?;
            if json {
                print_json(&tree);
            } else {
                println!("{:<6} {}", -1, t!("cli-category-other"));
                print_tree(
                    tree.iter()
                        .filter(|c| c.id != -1)
                        .cloned()
                        .collect::<Vec<_>>()
                        .as_slice(),
                    0,
                );
            }
        }
        CategoriesCommand::Add { name, parent } => {
            if let Some(e) = validate_name(&name, &vod.capabilities().limits) {
                return Err(super::metadata_args::field_errors(&[e]));
            }
            if let Some(p) = parent
                && p < 0
            {
                return Err(CliError::usage(t!("cli-bad-parent", id = p)));
            }
            let c = vod.create_category(&name, parent).await?;
            if json {
                print_json(&c)
            } else {
                println!(
                    "{}",
                    t!(
                        "cli-category-created",
                        id = (c.id),
                        name = (c.name.as_str())
                    )
                )
            }
        }
        CategoriesCommand::Rename { id, name } => {
            if let Some(e) = validate_name(&name, &vod.capabilities().limits) {
                return Err(super::metadata_args::field_errors(&[e]));
            }
            let c = vod.rename_category(id, &name).await?;
            if json {
                print_json(&c)
            } else {
                println!(
                    "{}",
                    t!(
                        "cli-category-renamed",
                        id = (c.id),
                        name = (c.name.as_str())
                    )
                )
            }
        }
        CategoriesCommand::Remove { id } => {
            vod.delete_category(id).await?;
            if json {
                print_json(&serde_json::json!({ "id": id, "status": "DELETED" }));
            } else {
                println!("{}", t!("cli-category-removed", id = id));
            }
        }
    }
    Ok(())
}
