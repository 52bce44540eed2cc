//! The upload queue: drops, folder walks, selection, upload to the end, restart and resume.

use egui_kittest::kittest::{NodeT, Queryable};
use vodesk_core::engine::JobState;

use super::harness::{TestApp, media, noted, runtime, statuses_on_service};
use crate::app::commands::Command;
use crate::app::queue::RowState;

#[test]
fn dropped_files_and_folders_become_rows_with_chinese_names() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    let a = media(&src, "clip01.mp4", 2048);
    let b = media(&src, "片段.mov", 1024);
    media(&src, "海岸线/日落.mp4", 1024);
    media(&src, "海岸线/notes.txt", 10);
    let empty = media(&src, "bad.mp4", 0);
    let folder = src.join("海岸线");
    t.drop_files(&[a, b, folder, empty]);
    t.step_until("the walk finished", |app| {
        app.queue.walks == 0 && app.queue.rows.len() == 4
    });
    let app = t.app();
    let names: Vec<_> = app.queue.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["clip01.mp4", "片段.mov", "日落.mp4", "bad.mp4"]);
    // Titles come from the file names.
    assert_eq!(app.queue.rows[1].meta.title, "片段");
    assert_eq!(app.queue.rows[3].state, RowState::Refused);
    assert!(
        app.queue.rows[3]
            .error
            .as_deref()
            .unwrap()
            .contains("empty")
    );
    t.step();
    // Rendered (the harness panics on a glyph no font has) and in the accessibility tree.
    t.harness.get_by_label("片段.mov");
    t.harness.get_by_label("日落");
    t.harness.get_by_label_contains("empty file");
    // Sending an empty file again cannot help: its row offers Remove, not Retry (the one ⟳
    // left is the asset list's Refresh).
    assert_eq!(t.harness.query_all_by_label("🗑").count(), 4);
    assert_eq!(t.harness.query_all_by_label("⟳").count(), 1);
    t.shutdown();
}

#[test]
fn hovering_files_shows_the_drop_overlay() {
    let mut t = TestApp::start();
    t.harness.input_mut().hovered_files = vec![eframe::egui::HoveredFile {
        path: Some(t.dir.path().join("clip.mp4")),
        mime: String::new(),
    }];
    t.step();
    t.step();
    t.harness
        .get_by_label("Drop files or folders to add them to the upload queue");
    t.harness.input_mut().hovered_files.clear();
    t.step();
    t.step();
    assert!(
        t.harness
            .query_by_label("Drop files or folders to add them to the upload queue")
            .is_none()
    );
    t.shutdown();
}

#[test]
fn a_dropped_non_media_file_is_explained() {
    let mut t = TestApp::start();
    let txt = media(t.dir.path(), "readme.txt", 10);
    t.drop_files(&[txt]);
    t.step_until("the walk finished", |app| app.queue.walks == 0);
    assert!(t.app().queue.rows.is_empty());
    let note = &t.app().notes.history.last().expect("a notification").text;
    assert!(note.contains("is not a supported media file"), "{note}");
    t.shutdown();
}

#[test]
fn click_ctrl_shift_and_select_all() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    let files: Vec<_> = (0..5)
        .map(|i| media(&src, &format!("c{i}.mp4"), 100))
        .collect();
    t.drop_files(&files);
    t.step_until("rows", |app| app.queue.rows.len() == 5);
    t.step();
    let k = t.keys();
    t.harness.get_by_label("c1.mp4").click();
    t.step();
    assert_eq!(sorted(&t.app().queue.selected), [k[1]]);
    t.harness
        .get_by_label("c3.mp4")
        .click_modifiers(eframe::egui::Modifiers::SHIFT);
    t.step();
    assert_eq!(sorted(&t.app().queue.selected), [k[1], k[2], k[3]]);
    t.harness
        .get_by_label("c0.mp4")
        .click_modifiers(eframe::egui::Modifiers::COMMAND);
    t.step();
    assert_eq!(sorted(&t.app().queue.selected), [k[0], k[1], k[2], k[3]]);
    t.harness
        .key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    t.step();
    assert_eq!(t.app().queue.selected.len(), 5);
    // Remove (Delete) takes the selected rows out.
    t.harness.get_by_label("c4.mp4").click();
    t.step();
    t.harness.key_press(eframe::egui::Key::Delete);
    t.step();
    assert_eq!(t.app().queue.rows.len(), 4);
    t.shutdown();
}

#[test]
fn selection_and_actions_stay_within_the_filtered_rows() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    let names = ["a0.mp4", "b0.mp4", "a1.mp4", "b1.mp4", "a2.mp4"];
    let files: Vec<_> = names.iter().map(|n| media(&src, n, 100)).collect();
    t.drop_files(&files);
    t.step_until("rows", |app| app.queue.rows.len() == 5);
    t.app().queue.search = "a".into();
    t.step();
    t.step();
    assert!(t.harness.query_by_label("b0.mp4").is_none());
    let key = |t: &mut TestApp, name: &str| {
        t.app()
            .queue
            .rows
            .iter()
            .find(|r| r.name == name)
            .unwrap()
            .key
    };
    let a: Vec<u64> = ["a0.mp4", "a1.mp4", "a2.mp4"]
        .map(|n| key(&mut t, n))
        .to_vec();
    // A shift range over the shown rows skips the hidden ones between them.
    t.harness.get_by_label("a0.mp4").click();
    t.step();
    t.harness
        .get_by_label("a2.mp4")
        .click_modifiers(eframe::egui::Modifiers::SHIFT);
    t.step();
    assert_eq!(sorted(&t.app().queue.selected), a);
    t.app().queue.select_none();
    t.harness
        .key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    t.step();
    assert_eq!(sorted(&t.app().queue.selected), a);
    // Remove takes out what was selected and shown, nothing hidden.
    t.harness.key_press(eframe::egui::Key::Delete);
    t.step();
    let left: Vec<String> = t.app().queue.rows.iter().map(|r| r.name.clone()).collect();
    assert_eq!(left, ["b0.mp4", "b1.mp4"]);
    // With nothing selected, an action applies to every shown row only.
    t.app().queue.search = "b1".into();
    assert_eq!(t.app().queue.targets(), [key(&mut t, "b1.mp4")]);
    t.shutdown();
}

fn sorted(s: &std::collections::HashSet<u64>) -> Vec<u64> {
    let mut v: Vec<u64> = s.iter().copied().collect();
    v.sort();
    v
}

#[test]
fn start_uploads_to_the_end_and_the_assets_have_their_titles() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    let files = [
        media(&src, "海岸线.mp4", 300 * 1024),
        media(&src, "clip02.mp4", 64 * 1024),
    ];
    t.drop_files(&files);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    t.step();
    t.harness.get_by_label_contains("Start").click();
    t.until_all_uploaded();
    t.step();
    // "done ✔", followed by the asset's status once the service has been asked.
    assert_eq!(t.harness.get_all_by_label_contains("done ✔").count(), 2);
    let rows: Vec<(String, String)> = t
        .app()
        .queue
        .rows
        .iter()
        .map(|r| (r.asset_id.clone().expect("asset id"), r.meta.title.clone()))
        .collect();
    for (asset, title) in rows {
        let d = runtime()
            .block_on(t.conn.vod.asset_details(&asset))
            .expect("the asset exists on the service");
        assert_eq!(d.asset.title, title);
    }
    assert!(noted(t.app(), |n| n.contains("2 files uploaded")));
    // Clear finished empties the queue.
    t.app().run(Command::ClearFinished);
    t.step();
    assert!(t.app().queue.rows.is_empty());
    t.shutdown();
}

/// The app closed and opened again on the same journal and service.
fn restart(t: TestApp) -> TestApp {
    let TestApp { harness, conn, dir } = t;
    drop(harness);
    TestApp::resume(conn, dir)
}

/// A multipart upload (over the single-PUT size) of `name`, started one small part at a time
/// and slowly enough to be caught between parts; returns its file once bytes are moving.
fn slow_upload(t: &mut TestApp, name: &str) -> std::path::PathBuf {
    let file = media(&t.dir.path().join("media"), name, 24 * 1024 * 1024);
    t.app().settings.bandwidth_mib = 4.0;
    t.app().backend.engine.set_bandwidth(4 * 1024 * 1024);
    t.app().backend.engine.set_concurrency(1, 1, 1);
    t.drop_files(std::slice::from_ref(&file));
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(Command::Start);
    t.step_until("some bytes sent", |app| app.queue.rows[0].bytes_done > 0);
    file
}

#[test]
fn a_paused_upload_stays_paused_after_a_restart_until_resumed() {
    let mut t = TestApp::start();
    let _g = runtime().enter();
    let file = slow_upload(&mut t, "long.mp4");
    t.app().run(Command::Pause);
    t.step_until("paused", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Paused)
    });
    let mut t = restart(t);
    t.step_until("the paused upload is back", |app| app.queue.rows.len() == 1);
    assert_eq!(t.app().queue.rows[0].name, "long.mp4");
    assert_eq!(t.app().queue.rows[0].state, RowState::Job(JobState::Paused));
    // It shows the parts it stored, and does not move by itself.
    let stored = t.app().queue.rows[0].bytes_done;
    assert!(stored > 0);
    for _ in 0..50 {
        t.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let row = &t.app().queue.rows[0];
    assert_eq!(
        (row.state, row.bytes_done),
        (RowState::Job(JobState::Paused), stored)
    );
    assert!(noted(t.app(), |n| n.contains(
        "1 upload you paused in the last session stays paused"
    )),);
    // Resume continues from the stored parts, to the file's exact bytes.
    t.app().backend.engine.set_bandwidth(0);
    t.app().run(Command::Resume);
    t.step_until("resumed to the end", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    let sent = t
        .app()
        .backend
        .engine
        .totals()
        .bytes_sent
        .load(std::sync::atomic::Ordering::Relaxed);
    assert!(sent <= 24 * 1024 * 1024 - stored, "{sent} bytes sent again");
    let asset = t.app().queue.rows[0].asset_id.clone().expect("asset id");
    assert_eq!(stored_bytes(&t, &asset), std::fs::read(&file).unwrap());
    t.shutdown();
}

/// The bytes the service stores for `asset`.
fn stored_bytes(t: &TestApp, asset: &str) -> Vec<u8> {
    let rt = runtime();
    let d = rt
        .block_on(t.conn.vod.asset_details(asset))
        .expect("the asset exists on the service");
    let url = d.download_url.expect("a download URL");
    rt.block_on(async {
        let rsp = t.conn.vod.http().get(&url).send().await?;
        rsp.bytes().await
    })
    .expect("download")
    .to_vec()
}

/// An upload of "shrinks.mp4" that fails after its asset exists: the file shrinks under the
/// engine (a change it does not retry).
fn failed_upload(t: &mut TestApp) {
    let file = slow_upload(t, "shrinks.mp4");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_len(1024 * 1024))
        .expect("truncate");
    t.step_until("failed", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Failed)
    });
}

#[test]
fn a_removed_failed_upload_does_not_come_back_after_a_restart() {
    let mut t = TestApp::start();
    let _g = runtime().enter();
    failed_upload(&mut t);
    let job = t.app().queue.rows[0].job.expect("a job");
    t.harness.get_by_label("shrinks.mp4").click();
    t.step();
    t.harness.key_press(eframe::egui::Key::Delete);
    t.step();
    assert!(t.app().queue.rows.is_empty());
    t.step_until("the journal forgot the job", |app| {
        app.backend
            .engine
            .journal()
            .get(job)
            .expect("journal")
            .is_none()
    });
    let mut t = restart(t);
    for _ in 0..50 {
        t.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(t.app().queue.rows.is_empty(), "the removed row came back");
    let account = t.app().backend.conn.vod.account_key();
    assert!(
        t.app()
            .backend
            .engine
            .journal()
            .unfinished(&account)
            .expect("journal")
            .is_empty()
    );
    // Nothing is left half-made on the service, and nothing was uploaded again.
    assert_eq!(statuses_on_service(&t), ["FAILED"]);
    t.shutdown();
}

#[test]
fn a_failed_upload_comes_back_failed_and_is_sent_again_only_on_retry() {
    let mut t = TestApp::start();
    let _g = runtime().enter();
    failed_upload(&mut t);
    let mut t = restart(t);
    t.step_until("the failed row is back", |app| app.queue.rows.len() == 1);
    for _ in 0..50 {
        t.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let row = &t.app().queue.rows[0];
    assert_eq!(row.state, RowState::Job(JobState::Failed));
    assert!(row.error.is_some(), "the reason is shown again");
    assert!(
        t.notes()
            .iter()
            .any(|n| n == "1 upload failed in the last session; select it and press Retry.")
    );
    // Not tried again by itself: still the one failed asset.
    assert_eq!(statuses_on_service(&t), ["FAILED"]);
    // Retry sends the file as it is now.
    t.app().backend.engine.set_bandwidth(0);
    t.app().queue.select_all();
    t.app().run(Command::Retry);
    t.step_until("retried to the end", |app| {
        app.queue.rows.len() == 1 && app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    let mut statuses = statuses_on_service(&t);
    statuses.sort();
    assert_eq!(statuses, ["FAILED", "PUBLISHED"]);
    t.shutdown();
}

#[test]
fn rows_not_started_come_back_after_a_restart_with_their_metadata() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[media(&src, "a.mp4", 1000), media(&src, "海.mov", 1000)]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    t.app().queue.rows[1].meta.title = "海岸 — 改过的标题".into();
    // What closing the window does.
    t.app().keep_drafts();
    let mut t = restart(t);
    t.step_until("drafts back", |app| app.queue.rows.len() == 2);
    let rows: Vec<_> = t
        .app()
        .queue
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.meta.title.clone(), r.state))
        .collect();
    assert_eq!(
        rows,
        [
            ("a.mp4".to_string(), "a".to_string(), RowState::Draft),
            (
                "海.mov".to_string(),
                "海岸 — 改过的标题".to_string(),
                RowState::Draft
            )
        ]
    );
    t.shutdown();
}

/// Answers "Cancel uploads" in the confirmation and waits until every row is cancelled.
fn confirm_cancelling_all(t: &mut TestApp) {
    // A new window is measured in its first frame and drawn in the next.
    t.step();
    t.step();
    t.harness.get_by_label("Cancel uploads").click_accesskit();
    t.step_until("all cancelled", |app| {
        app.queue
            .rows
            .iter()
            .all(|r| r.state == RowState::Job(JobState::Cancelled))
    });
}

#[test]
fn cancelling_several_uploads_asks_first() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    let files = [
        media(&src, "long-a.mp4", 3 * 1024 * 1024),
        media(&src, "long-b.mp4", 3 * 1024 * 1024),
    ];
    t.drop_files(&files);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    // Slow enough to be caught mid-upload.
    t.app().backend.engine.set_bandwidth(256 * 1024);
    t.app().run(Command::Start);
    t.step_until("both under way", |app| {
        app.queue
            .rows
            .iter()
            .all(|r| r.job.is_some() && r.state.is_active())
    });
    t.app().run(Command::Cancel);
    assert_eq!(t.app().confirm_cancel.as_ref().map(Vec::len), Some(2));
    // A new window is measured in its first frame and drawn in the next.
    t.step();
    t.step();
    t.harness
        .get_by_label_contains("Cancel 2 uploads? What they sent is discarded");
    t.harness.get_by_label("Keep uploading").click_accesskit();
    t.step();
    t.step();
    assert!(t.app().confirm_cancel.is_none());
    assert!(t.app().queue.rows.iter().all(|r| r.state.is_active()));
    t.app().run(Command::Cancel);
    confirm_cancelling_all(&mut t);
    t.shutdown();
}

#[test]
fn a_service_gone_for_good_stops_the_uploads_with_a_banner_until_resumed() {
    let (mut t, service) = TestApp::start_stoppable();
    let _g = runtime().enter();
    let file = slow_upload(&mut t, "interrupted.mp4");
    let info = service.info.clone();
    let addr = |endpoint: &str| {
        let u = url::Url::parse(endpoint).unwrap();
        std::net::SocketAddr::from(([127, 0, 0, 1], u.port().unwrap()))
    };
    runtime().block_on(service.shutdown());
    t.step_until("uploads stopped", |app| {
        app.backend.engine.halted().is_some()
    });
    t.step();
    t.step();
    t.harness.get_by_label_contains("⚠ Uploads stopped:");
    assert!(
        t.notes()
            .iter()
            .any(|n| n.starts_with("Uploads stopped:") && n.contains("Resume them"))
    );
    // The job is kept, not failed: it can continue once the service is back.
    assert_ne!(t.app().queue.rows[0].state, RowState::Job(JobState::Failed));
    // The service comes back (same data, same addresses); Resume all finishes the upload.
    let mut config = vodesk_local::ServeConfig::new(t.dir.path().join("local"));
    config.listen = addr(&info.vod_endpoint);
    config.object_listen = Some(addr(&info.object_endpoint));
    let back = runtime()
        .block_on(vodesk_local::RunningService::start(config))
        .expect("the service starts again");
    t.harness.get_by_label("▶ Resume all").click();
    t.step_until("finished after all", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    assert!(
        t.harness
            .query_by_label_contains("⚠ Uploads stopped:")
            .is_none()
    );
    let asset = t.app().queue.rows[0].asset_id.clone().expect("an asset");
    assert_eq!(stored_bytes(&t, &asset), std::fs::read(&file).unwrap());
    t.shutdown();
    runtime().block_on(back.shutdown());
}

#[test]
fn switching_back_at_once_continues_each_upload_on_one_engine() {
    let mut t = TestApp::start();
    let _g = runtime().enter();
    let file = slow_upload(&mut t, "switched.mp4");
    // A switch to the same account, mid-upload: the old engine stops after its parts in
    // flight, and only then does the new one resume the job.
    let ctx = t.harness.ctx.clone();
    let again = crate::app::backend::Backend::new(
        runtime().handle().clone(),
        t.conn.clone(),
        &t.dir.path().join("journal.db"),
        crate::app::engine_config_for(&t.app().settings),
        ctx,
    )
    .expect("a second backend");
    t.app().replace_backend(again);
    t.app().backend.engine.set_bandwidth(0);
    t.step_until("finished on the new engine", |app| {
        app.queue.rows.len() == 1 && app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    let asset = t.app().queue.rows[0].asset_id.clone().expect("an asset");
    assert_eq!(stored_bytes(&t, &asset), std::fs::read(&file).unwrap());
    // One asset for the file, not one per engine.
    assert_eq!(
        statuses_on_service(&t).len(),
        1,
        "{:?}",
        statuses_on_service(&t)
    );
    t.shutdown();
}

/// The `icon` button in the Actions column of the row of `name`.
fn row_button<'a>(t: &'a TestApp, name: &str, icon: &'a str) -> egui_kittest::Node<'a> {
    let y = t.harness.get_by_label(name).rect().center().y;
    t.harness
        .get_all_by_label(icon)
        .find(|b| (b.rect().center().y - y).abs() < 6.0)
        .unwrap_or_else(|| panic!("no {icon} on the row of {name}"))
}

#[test]
fn each_rows_own_buttons_act_on_that_row_only() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "a.mp4", 3 * 1024 * 1024),
        media(&src, "b.mp4", 4096),
        media(&src, "c.mp4", 4096),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 3);
    t.step();
    let state = |t: &mut TestApp, name: &str| {
        t.app()
            .queue
            .rows
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.state)
    };
    row_button(&t, "c.mp4", "🗑").click();
    t.step();
    assert_eq!(state(&mut t, "c.mp4"), None);
    // a alone starts, slowly enough to be paused, resumed and cancelled on the way.
    t.app().backend.engine.set_bandwidth(256 * 1024);
    row_button(&t, "a.mp4", "▶").click();
    t.step_until("a under way", |app| {
        app.queue.rows[0].job.is_some() && app.queue.rows[0].state.is_active()
    });
    t.step();
    assert_eq!(state(&mut t, "b.mp4"), Some(RowState::Draft));
    row_button(&t, "a.mp4", "⏸").click();
    t.step_until("a paused", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Paused)
    });
    t.step();
    row_button(&t, "a.mp4", "▶").click();
    t.step_until("a resumed", |app| app.queue.rows[0].state.is_active());
    t.step();
    // One upload is cancelled at once, without asking.
    row_button(&t, "a.mp4", "✖").click();
    t.step_until("a cancelled", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Cancelled)
    });
    assert!(t.app().confirm_cancel.is_none());
    t.step();
    // Retry sends it again, to the end.
    t.app().backend.engine.set_bandwidth(0);
    row_button(&t, "a.mp4", "⟳").click();
    t.step_until("a uploaded", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    assert_eq!(state(&mut t, "b.mp4"), Some(RowState::Draft));
    t.shutdown();
}

#[test]
fn cancel_reaches_rows_still_on_their_way_to_the_engine() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "one.mp4", 3 * 1024 * 1024),
        media(&src, "two.mp4", 3 * 1024 * 1024),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    t.app().backend.engine.set_bandwidth(256 * 1024);
    // Start and Cancel in the same frame: the rows have no job yet.
    t.app().run(Command::Start);
    assert!(
        t.app()
            .queue
            .rows
            .iter()
            .all(|r| r.state == RowState::Submitting)
    );
    t.app().run(Command::Cancel);
    assert_eq!(t.app().confirm_cancel.as_ref().map(Vec::len), Some(2));
    confirm_cancelling_all(&mut t);
    // One row: cancelled without asking, as soon as its job exists.
    t.drop_files(&[media(&src, "three.mp4", 3 * 1024 * 1024)]);
    t.step_until("third row", |app| app.queue.rows.len() == 3);
    t.app().queue.select_none();
    let key = t.app().queue.rows[2].key;
    t.app().queue.click(key, false, false);
    t.app().run(Command::Start);
    t.app().run(Command::Cancel);
    assert!(t.app().confirm_cancel.is_none());
    assert!(t.app().queue.rows[2].cancel_when_queued);
    t.step_until("third cancelled", |app| {
        app.queue.rows[2].state == RowState::Job(JobState::Cancelled)
    });
    t.shutdown();
}

#[test]
fn start_counts_what_it_would_start_as_the_form_does() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[media(&src, "a.mp4", 2048), media(&src, "b.mp4", 2048)]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    let k = t.keys();
    t.app().queue.click(k[0], false, false);
    t.app().run(Command::Start);
    t.step_until("first uploaded", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    // One done row and one draft selected: both Start buttons count the one draft.
    t.app().run(Command::SelectAll);
    t.step();
    t.step();
    t.harness.get_by_label("▶ Start (1)");
    t.harness.get_by_label("▶ Start 1 selected");
    t.harness.get_by_label_contains("Metadata (1 selected)");
    t.harness.get_by_label("1 started row is not changed.");
    // Only the done row selected: nothing to start, the button says so by being off.
    t.app().queue.click(k[0], false, false);
    t.step();
    let start = t.harness.get_by_label("▶ Start (0)");
    assert!(start.accesskit_node().is_disabled());
}
