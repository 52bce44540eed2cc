//! Watch folders: a new file is queued (and started) once it has stopped growing, files that
//! were there before are not; the watches survive a restart and pick up what arrived
//! meanwhile; a folder renamed away is reported, and watched again when it is back.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable;
use vodesk_core::engine::JobState;

use super::harness::{TestApp, media, noted, runtime};
use crate::app::queue::RowState;
use crate::app::watch::FolderState;

fn watch(t: &mut TestApp, folder: &Path) {
    t.app().add_watch(folder.to_path_buf());
    t.step_until("the first look", |app| {
        app.watches.list.len() == 1 && app.watches.list[0].primed
    });
}

#[test]
fn a_new_file_is_queued_once_complete_and_started() {
    let mut t = TestApp::start();
    let incoming = t.dir.path().join("导出");
    media(&incoming, "old.mp4", 4096);
    watch(&mut t, &incoming);
    // The window opened with the watch: start its files at once.
    t.step();
    t.harness
        .get_by_label("Start uploads at once")
        .click_accesskit();
    t.step();
    assert!(t.app().watches.list[0].auto_start);

    // An export being written: it grows for a few seconds and must not be queued meanwhile.
    let path = incoming.join("片尾.mp4");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![7u8; 256 * 1024];
    let until = Instant::now() + Duration::from_secs(5);
    while Instant::now() < until {
        f.write_all(&chunk).unwrap();
        f.flush().unwrap();
        for _ in 0..4 {
            t.step();
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(t.app().queue.rows.is_empty(), "queued while still growing");
    }
    drop(f);
    let size = std::fs::metadata(&path).unwrap().len();
    t.step_until("queued once complete", |app| app.queue.rows.len() == 1);
    let row = &t.app().queue.rows[0];
    assert_eq!((row.name.as_str(), row.size), ("片尾.mp4", size));
    t.until_all_uploaded();
    let id = t.app().queue.rows[0].asset_id.clone().unwrap();
    let d = runtime().block_on(t.conn.vod.asset_details(&id)).unwrap();
    assert_eq!(d.asset.size_bytes, Some(size as i64));
    assert!(noted(t.app(), |n| n.starts_with("1 new file from ")));
    // Queued once: later looks do not queue it again, and old.mp4 never was.
    for _ in 0..5 {
        t.step();
        std::thread::sleep(Duration::from_millis(500));
    }
    assert_eq!(t.app().queue.rows.len(), 1);
    t.shutdown();
}

#[test]
fn watches_survive_a_restart_and_a_folder_renamed_away_is_reported() {
    let mut t = TestApp::start();
    let incoming = t.dir.path().join("incoming");
    media(&incoming, "before.mp4", 4096);
    watch(&mut t, &incoming);
    let file = crate::app::watch::file_next_to(&t.dir.path().join("journal.db"));
    t.step_until("the watch is kept on disk", |_| {
        std::fs::read_to_string(&file).is_ok_and(|s| s.contains("\"primed\":true"))
    });
    let TestApp { harness, conn, dir } = t;
    drop(harness);
    // A file arrives while the app is closed.
    media(&incoming, "meanwhile.mp4", 8192);
    let mut t = TestApp::resume(conn, dir);
    t.step_until("picked up after the restart", |app| {
        app.queue.rows.len() == 1 && app.queue.rows[0].name == "meanwhile.mp4"
    });
    assert_eq!(t.app().queue.rows[0].state, RowState::Draft);
    assert_eq!(t.app().watches.list.len(), 1);

    // Renamed away: reported once, not crashed on; back again: watched again.
    let moved = t.dir.path().join("incoming-old");
    std::fs::rename(&incoming, &moved).unwrap();
    t.step_until("reported missing", |app| {
        noted(app, |n| {
            n.contains("cannot be read: it is not there any more")
        })
    });
    assert!(matches!(
        t.app().watches.state.get(&incoming),
        Some(FolderState::Missing(_))
    ));
    t.app().watches.open = true;
    for _ in 0..3 {
        t.step();
    }
    t.harness.get_by_label("⚠ missing");
    std::fs::rename(&moved, &incoming).unwrap();
    t.step_until("back", |app| {
        noted(app, |n| n.ends_with("is back; watching goes on."))
    });
    media(&incoming, "after.mp4", 2048);
    t.step_until("the new file", |app| app.queue.rows.len() == 2);
    t.app().run(crate::app::commands::Command::SelectAll);
    t.app().run(crate::app::commands::Command::Start);
    t.step_until("uploaded", |app| {
        app.queue
            .rows
            .iter()
            .all(|r| r.state == RowState::Job(JobState::Done))
    });
    t.shutdown();
}
