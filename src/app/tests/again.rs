//! A file this account uploaded before is not sent again when dropped once more: its row says
//! "already uploaded" with the asset it went to, and Upload again sends it as a new asset.

use egui_kittest::kittest::Queryable;
use vodesk_core::engine::JobState;

use super::harness::{TestApp, assets_on_service, media, noted};
use crate::app::commands::Command;
use crate::app::queue::RowState;

#[test]
fn a_file_uploaded_before_is_marked_and_upload_again_sends_it_once_more() {
    let mut t = TestApp::start();
    let file = media(&t.dir.path().join("media"), "again.mp4", 96 * 1024);
    t.drop_files(std::slice::from_ref(&file));
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(Command::Start);
    t.until_all_uploaded();
    let first = t.app().queue.rows[0].asset_id.clone().expect("asset id");
    t.app().run(Command::ClearFinished);
    t.step_until("cleared", |app| app.queue.rows.is_empty());

    // The same, unchanged file once more: nothing is sent, the row names the first asset.
    t.drop_files(std::slice::from_ref(&file));
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(Command::Start);
    t.step_until("marked", |app| {
        app.queue.rows[0].state == RowState::AlreadyUploaded
    });
    assert_eq!(
        t.app().queue.rows[0].asset_id.as_deref(),
        Some(first.as_str())
    );
    assert!(noted(t.app(), |n| n.contains(&format!(
        "already uploaded as {first}; nothing was sent"
    ))));
    assert_eq!(assets_on_service(&t, &[]).len(), 1);

    // Upload again, from the row's own button.
    t.step();
    t.harness.get_by_label("⤴").click();
    t.step_until("uploaded again", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    let second = t.app().queue.rows[0].asset_id.clone().expect("asset id");
    assert_ne!(second, first);
    assert_eq!(assets_on_service(&t, &[]).len(), 2);
}
