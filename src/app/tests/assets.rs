//! The asset browser: uploads appear in the list; details; publish, unpublish and delete
//! (confirmed) reach the service.

use egui_kittest::kittest::{NodeT, Queryable};
use vodesk_core::engine::JobState;
use vodesk_core::model::AssetState;

use super::harness::{TestApp, media, noted, runtime, status_on_service};
use crate::app::commands::Command;
use crate::app::queue::RowState;

#[test]
fn uploaded_assets_are_listed_and_can_be_unpublished_published_and_deleted() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[media(&src, "海岸线 sunset.mp4", 64 * 1024)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(Command::Start);
    t.step_until("uploaded", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    let id = t.app().queue.rows[0].asset_id.clone().unwrap();
    t.step_until("listed", |app| {
        !app.assets.loading && app.assets.items.iter().any(|a| a.id == id)
    });
    t.step();
    t.app().queue.select_none();
    t.harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::Button, "海岸线 sunset")
        .click_accesskit();
    t.step_until("details", |app| app.assets.details.is_some());
    t.step();
    t.harness.get_by_label(&id);
    // The buttons are clicked through the accessibility tree: the pane's layout still moves
    // while the cover loads.

    t.harness.get_by_label("Unpublish").click_accesskit();
    t.step_until("unpublished", |app| {
        !app.assets.busy && noted(app, |n| n.contains("unpublished"))
    });
    assert_eq!(status_on_service(&t, &id).as_deref(), Some("CREATED"));
    t.step_until("list reloaded", |app| !app.assets.loading);
    t.harness.get_by_label("Publish").click_accesskit();
    t.step_until("published", |app| {
        !app.assets.busy && noted(app, |n| n.contains("1 asset published"))
    });
    assert_eq!(status_on_service(&t, &id).as_deref(), Some("PUBLISHED"));
    t.step_until("list reloaded", |app| !app.assets.loading);
    t.harness.get_by_label("🗑 Delete…").click_accesskit();
    t.step();
    t.step();
    // Nothing happens until confirmed.
    assert!(t.app().assets.confirm_delete.is_some());
    t.harness.get_by_label("Delete").click_accesskit();
    t.step_until("deleted and gone from the list", |app| {
        !app.assets.busy
            && !app.assets.loading
            && app.assets.current.is_none()
            && !app.assets.items.iter().any(|a| a.id == id)
    });
    let left = status_on_service(&t, &id);
    assert!(
        left.is_none() || left.as_deref() == Some("DELETED"),
        "{left:?}"
    );
    t.shutdown();
}

#[test]
fn unpublishing_a_transcoded_asset_is_reported_as_done() {
    let mut t = TestApp::start();
    let id = t.upload_and_open("transcoded.mp4", 4096, Some("HD-MP4"));
    t.harness.get_by_label("Unpublish").click_accesskit();
    t.step_until("answered", |app| {
        !app.assets.busy && noted(app, |n| n.contains("Asset") || n.contains("unpublished"))
    });
    // With a template group the service answers with the transcoding state, not CREATED.
    let texts = t.notes();
    assert!(
        texts.iter().any(|n| n == "1 asset unpublished."),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|n| n.contains("was not unpublished")),
        "{texts:?}"
    );
    assert_eq!(status_on_service(&t, &id).as_deref(), Some("CREATED"));
    t.shutdown();
}

#[test]
fn uploads_finished_during_a_batch_are_offered_without_reloading_under_the_user() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "quick.mp4", 4096),
        media(&src, "slow.mp4", 3 * 1024 * 1024),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    // The slow one keeps the batch busy for seconds.
    t.app().backend.engine.set_bandwidth(512 * 1024);
    t.app().run(Command::Start);
    let quick = t
        .app()
        .queue
        .rows
        .iter()
        .position(|r| r.name == "quick.mp4")
        .unwrap();
    t.step_until("quick one done", |app| {
        app.queue.rows[quick].state == RowState::Job(JobState::Done)
    });
    assert!(t.app().queue.rows.iter().any(|r| r.state.is_active()));
    let id = t.app().queue.rows[quick].asset_id.clone().unwrap();
    assert!(!t.app().assets.items.iter().any(|a| a.id == id));
    t.step();
    t.harness
        .get_by_label("⟳ 1 new upload since this list loaded — show")
        .click_accesskit();
    t.step_until("reloaded", |app| {
        !app.assets.loading && app.assets.items.iter().any(|a| a.id == id)
    });
    assert_eq!(t.app().assets.new_uploads, 0);
    t.shutdown();
}

#[test]
fn search_and_filters_narrow_the_list() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "alpha.mp4", 4096),
        media(&src, "beta.mp4", 4096),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    let beta = t
        .app()
        .queue
        .rows
        .iter()
        .position(|r| r.name == "beta.mp4")
        .unwrap();
    t.app().queue.rows[beta].meta.tags = vec!["海浪".into()];
    t.app().run(Command::Start);
    t.step_until("listed", |app| {
        app.assets.items.len() == 2 && !app.assets.loading
    });
    // By status and media format, as the service filters them.
    let count_with = |t: &mut TestApp, status: Option<AssetState>, format: Option<&'static str>| {
        t.app().assets.status = status;
        t.app().assets.format = format;
        t.app().reload_assets();
        t.step_until("filtered", |app| !app.assets.loading);
        t.app().assets.items.len()
    };
    assert_eq!(count_with(&mut t, Some(AssetState::Published), None), 2);
    assert_eq!(count_with(&mut t, Some(AssetState::Unpublished), None), 0);
    assert_eq!(count_with(&mut t, None, Some("MP4")), 2);
    assert_eq!(count_with(&mut t, None, Some("MOV")), 0);
    count_with(&mut t, None, None);
    // By tag.
    t.app().assets.tags = "海浪".into();
    t.app().reload_assets();
    t.step_until("tag filtered", |app| !app.assets.loading);
    let tagged: Vec<_> = t
        .app()
        .assets
        .items
        .iter()
        .map(|a| a.title.clone())
        .collect();
    assert_eq!(tagged, ["beta".to_string()]);
    t.app().assets.tags.clear();
    t.app().assets.search = "beta".into();
    t.app().reload_assets();
    t.step_until("searched", |app| !app.assets.loading);
    let titles: Vec<_> = t
        .app()
        .assets
        .items
        .iter()
        .map(|a| a.title.clone())
        .collect();
    assert_eq!(titles, ["beta"]);

    // A date range: a past year has none of them, one around today has "beta".
    t.app().assets.since = crate::app::assets::Since::Range;
    t.app().assets.range_from = "2001-01-01".into();
    t.app().assets.range_to = "2001-12-31".into();
    t.app().reload_assets();
    t.step_until("past range listed", |app| !app.assets.loading);
    assert!(t.app().assets.items.is_empty());
    let today = chrono::Utc::now().date_naive();
    t.app().assets.range_from = (today - chrono::Days::new(1)).to_string();
    t.app().assets.range_to = (today + chrono::Days::new(1)).to_string();
    t.app().reload_assets();
    t.step_until("today's range listed", |app| !app.assets.loading);
    assert_eq!(t.app().assets.items.len(), 1);
    // A typo is named, not sent.
    t.app().assets.range_to = "2026-13-45".into();
    t.step();
    t.step();
    t.harness
        .get_by_label_contains("\"2026-13-45\" is not a date");
    t.shutdown();
}

#[test]
fn an_assets_metadata_is_edited_with_inline_validation() {
    let mut t = TestApp::start();
    let id = t.upload_and_open("edit-me.mp4", 4096, None);
    // Until the details arrive there is nothing to start editing from.
    let details = t.app().assets.details.take();
    t.step();
    assert!(
        t.harness
            .get_by_label("✏ Edit")
            .accesskit_node()
            .is_disabled()
    );
    t.app().assets.details = details;
    t.step();
    t.harness.get_by_label("✏ Edit").click_accesskit();
    t.step();
    t.step();
    fn title(t: &TestApp) -> egui_kittest::Node<'_> {
        t.harness
            .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "New title")
    }
    title(&t).focus();
    t.step();
    t.harness
        .key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    t.step();
    title(&t).type_text(&"岸".repeat(43));
    t.step();
    t.step();
    t.harness.get_by_label_contains("⚠ Title is 129 bytes long");
    t.harness
        .key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    t.step();
    title(&t).type_text("新标题");
    t.step();
    t.step();
    assert!(t.harness.query_by_label_contains("⚠ Title").is_none());
    t.harness.get_by_label("Save").click_accesskit();
    t.step_until("saved", |app| noted(app, |n| n == "Metadata saved."));
    let d = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("asset");
    assert_eq!(d.asset.title, "新标题");
    t.shutdown();
}

#[test]
fn bulk_edit_and_unpublish_apply_to_the_selected_assets_only() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "b1.mp4", 4096),
        media(&src, "b2.mp4", 4096),
        media(&src, "b3.mp4", 4096),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 3);
    t.app().run(Command::Start);
    // The list reloads once the batch is done: wait for that reload.
    t.step_until("uploaded and listed", |app| {
        noted(app, |n| n == "3 files uploaded.")
            && !app.assets.loading
            && app.assets.items.len() == 3
    });
    t.app().queue.select_none();
    t.step();
    let button = eframe::egui::accesskit::Role::Button;
    // The list is on screen (a layout once pushed it below the window).
    assert!(t.harness.get_by_role_and_label(button, "b1").rect().max.y < 900.0);
    t.harness
        .get_by_role_and_label(button, "b1")
        .click_modifiers(eframe::egui::Modifiers::COMMAND);
    t.step();
    t.harness
        .get_by_role_and_label(button, "b3")
        .click_modifiers(eframe::egui::Modifiers::COMMAND);
    t.step();
    t.step();
    t.harness.get_by_label("2 assets selected");
    let chosen: Vec<String> = t.app().assets.selected.iter().cloned().collect();

    t.harness.get_by_label("Tags").click_accesskit();
    t.step();
    t.step();
    let tags = t
        .harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "New tags for all");
    tags.focus();
    t.step();
    t.harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "New tags for all")
        .type_text("批量, bulk");
    t.step();
    t.step();
    t.harness.get_by_label("Apply to 2").click_accesskit();
    t.step_until("saved", |app| {
        !app.assets.busy && noted(app, |n| n == "Metadata saved.")
    });
    for a in &t.app().assets.items.clone() {
        let d = runtime()
            .block_on(t.conn.vod.asset_details(&a.id))
            .expect("asset");
        let tags = d.asset.tags;
        assert_eq!(
            tags.iter().any(|tag| tag.contains("bulk")),
            chosen.contains(&a.id),
            "{} has tags {tags:?}",
            a.id
        );
    }

    t.step_until("list reloaded", |app| !app.assets.loading);
    t.harness.get_by_label("Unpublish all").click_accesskit();
    t.step_until("unpublished", |app| {
        !app.assets.busy && noted(app, |n| n.contains("2 assets unpublished"))
    });
    for a in t.app().assets.items.clone() {
        let want = if chosen.contains(&a.id) {
            "CREATED"
        } else {
            "PUBLISHED"
        };
        assert_eq!(status_on_service(&t, &a.id).as_deref(), Some(want));
    }
    t.shutdown();
}

#[test]
fn a_snapshot_becomes_the_cover() {
    let mut t = TestApp::start();
    // New rows ask for snapshots every 5 seconds.
    let mut thumb = vodesk_core::model::Thumbnail::new(vodesk_core::model::ThumbnailKind::Time);
    thumb.interval = Some(5);
    t.app().settings.defaults.thumbnail = Some(thumb);
    let src = t.dir.path().join("media");
    t.drop_files(&[media(&src, "snap.mp4", 4096)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(Command::Start);
    t.step_until("uploaded", |app| {
        app.queue.rows[0].state == RowState::Job(JobState::Done)
    });
    let id = t.app().queue.rows[0].asset_id.clone().unwrap();
    // Snapshots are made after the upload: reopen until the details list them.
    t.step_until("snapshots", |app| {
        let has = app
            .assets
            .details
            .as_ref()
            .is_some_and(|d| !d.snapshots.is_empty());
        if !has && app.assets.details.is_some() || app.assets.current.is_none() {
            app.open_asset(id.clone());
        }
        has
    });
    // Every snapshot's picture arrives, not just the first.
    let urls: Vec<String> = t
        .app()
        .assets
        .details
        .as_ref()
        .map(|d| d.snapshots.clone())
        .unwrap_or_default();
    assert!(urls.len() > 1, "{urls:?}");
    t.step_until("every snapshot decoded", |app| {
        urls.iter().all(|u| app.covers.is_ready(u))
    });
    t.step();
    t.step();
    t.harness
        .get_by_label_contains("Snapshot 1")
        .click_accesskit();
    t.step_until("cover set", |app| {
        !app.assets.busy && noted(app, |n| n == "Cover set.")
    });
    assert!(
        !noted(t.app(), |n| n.contains("could not be saved")),
        "{:?}",
        t.app()
            .notes
            .history
            .iter()
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    );
    t.shutdown();
}

/// Creates an asset titled `title` on the service without uploading its file (an upload
/// opened and never sent: Huawei's status CREATING); its id.
fn create_asset(t: &TestApp, title: &str, file: &str) -> String {
    use vodesk_core::model::{MediaType, UploadMetadata};
    use vodesk_core::provider::api::UploadFile;
    let meta = UploadMetadata {
        title: title.into(),
        ..Default::default()
    };
    let path = std::path::Path::new(file);
    let media = MediaType::from_path(path).expect("a media type");
    let opened = runtime()
        .block_on(t.conn.vod.open_upload(&UploadFile {
            path,
            media: &media,
            size: 4096,
            md5_b64: None,
            metadata: &meta,
        }))
        .expect("created");
    opened.session.asset_id.expect("an asset id at open")
}

#[test]
fn a_refused_publish_shows_the_services_reason() {
    let mut t = TestApp::start();
    // An asset created but never uploaded cannot be published; the service says why.
    let created = create_asset(&t, "never uploaded", "x.mp4");
    t.app()
        .asset_op(crate::app::assets::AssetOp::Publish, vec![created]);
    t.step_until("the refusal is shown", |app| {
        app.notes.history.iter().any(|n| {
            n.text
                .contains("the service says: the asset is not uploaded")
        })
    });
    t.shutdown();
}

/// Creates `n` assets (not uploaded) titled `title(i)` on the service.
fn create_assets(t: &TestApp, n: usize, title: impl Fn(usize) -> String) {
    for i in 0..n {
        create_asset(t, &title(i), "clip.mp4");
    }
}

#[test]
fn a_title_sort_loads_every_page_and_orders_the_whole_list() {
    let mut t = TestApp::start();
    // More than two of the sort's 100-asset pages, created in a scrambled title order.
    let n = 230;
    create_assets(&t, n, |i| format!("clip {:03}", (i * 97) % n));
    t.app().reload_assets();
    t.step_until("first page", |app| {
        app.assets.started && !app.assets.loading && !app.assets.items.is_empty()
    });
    // Scrolling would load one 50-asset page at a time; nothing has scrolled.
    assert!(t.app().assets.items.len() < n);

    t.combo("Newest first").click_accesskit();
    t.step();
    t.step();
    t.harness.get_by_label("Title A–Z").click_accesskit();
    t.step_until("every page loaded", |app| {
        app.assets.exhausted && !app.assets.loading
    });
    let shown: Vec<String> = {
        let a = &t.app().assets;
        (0..a.view.len())
            .map(|r| a.shown(r).title.clone())
            .collect()
    };
    let want: Vec<String> = (0..n).map(|i| format!("clip {i:03}")).collect();
    assert_eq!(shown, want);
    // The top of the list, as drawn, is the first title.
    t.step();
    t.harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::Button, "clip 000");
    t.shutdown();
}

#[test]
fn scrolling_the_list_loads_the_next_pages() {
    let mut t = TestApp::start();
    let n = 130;
    create_assets(&t, n, |i| format!("page test {i:03}"));
    t.app().reload_assets();
    t.step_until("first page", |app| {
        !app.assets.loading && !app.assets.items.is_empty()
    });
    t.step();
    assert_eq!(t.app().assets.items.len(), 50);
    // The pointer over the list, the wheel turned until the end stays in view.
    let row = t
        .harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::Button, "page test 129")
        .rect()
        .center();
    t.harness.event(eframe::egui::Event::PointerMoved(row));
    let wheel = |t: &mut TestApp| {
        t.harness.event(eframe::egui::Event::MouseWheel {
            unit: eframe::egui::MouseWheelUnit::Point,
            delta: eframe::egui::vec2(0.0, -400.0),
            modifiers: Default::default(),
            phase: eframe::egui::TouchPhase::Move,
            source: eframe::egui::MouseWheelSource::Wheel,
        });
        t.step();
    };
    for _ in 0..400 {
        wheel(&mut t);
        std::thread::sleep(std::time::Duration::from_millis(5));
        if t.app().assets.exhausted && !t.app().assets.loading {
            break;
        }
    }
    assert!(t.app().assets.exhausted, "the last page never loaded");
    assert_eq!(t.app().assets.items.len(), n);
    for _ in 0..20 {
        wheel(&mut t);
    }
    // The last asset of the list is on screen now.
    let last = {
        let a = &t.app().assets;
        a.shown(a.view.len() - 1).title.clone()
    };
    t.harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::Button, &last);
    t.shutdown();
}

/// The listed copy of asset `id`.
fn listed<'a>(app: &'a crate::app::shell::VodeskApp, id: &str) -> &'a vodesk_core::model::Asset {
    app.assets
        .items
        .iter()
        .find(|a| a.id == id)
        .expect("the asset is listed")
}

#[test]
fn a_listed_asset_still_transcoding_refreshes_by_itself_in_words() {
    use vodesk_core::model::TaskState;
    let mut t = TestApp::start();
    t.step_until("presets", |app| !app.catalog.templates.is_empty());
    let group = t.transcoding_preset();
    let id = t.upload_and_open("live.mp4", 100_000, Some(&group));
    t.step_until("listed", |app| {
        !app.assets.loading && app.assets.items.iter().any(|a| a.id == id)
    });
    let epoch = t.app().assets.epoch;
    // The local service transcodes for 3 s after the upload is confirmed.
    let first = listed(t.app(), &id).transcode.clone();
    assert!(
        first.state.in_progress(),
        "listed before transcoding ends: {first:?}"
    );
    t.step();
    let shown = |t: &TestApp, word: &str| t.harness.query_all_by_label(word).count() > 0;
    assert!(
        shown(&t, "Waiting to transcode") || shown(&t, "Transcoding"),
        "a transcoding badge in words"
    );

    // No Refresh: the list and the open details follow the service.
    t.step_until("transcoded", |app| {
        listed(app, &id).transcode.state == TaskState::Succeeded
    });
    assert_eq!(t.app().assets.epoch, epoch, "the list was not reloaded");
    t.step_until("details fresh", |app| {
        app.assets
            .details
            .as_ref()
            .is_some_and(|d| d.asset.transcode.state == TaskState::Succeeded)
    });
    t.step();
    assert!(t.harness.query_all_by_label("Transcoded").count() >= 1);
    assert!(
        t.harness.query_by_label("TRANSCODE_SUCCEED").is_none(),
        "words, not raw values"
    );
    // Settled: nothing more is asked for.
    assert!(!t.app().assets.any_unsettled());
}
