//! The app on the local service's Tencent personality (the Local-Tencent profile): the form
//! offers what Tencent takes (task flows, no encryption or snapshots), an upload lands in its
//! class with its task flow, playback is forbidden and allowed in Tencent's words, and classes
//! are managed from the same window.

use egui_kittest::kittest::Queryable;
use vodesk_core::credentials::Provider;

use super::harness::{TestApp, assets_on_service, noted, runtime, status_on_service, type_into};

#[test]
fn a_tencent_upload_lands_in_its_class_and_playback_is_forbidden_and_allowed() {
    let mut t = TestApp::start_on(tempfile::tempdir().unwrap(), Provider::Tencent);
    assert_eq!(t.app().profiles.current, "Local-Tencent");
    let (class, flow) = t.category_and_preset("旅行 Travel");

    // The form speaks Tencent: a task flow, and none of what Tencent does not take.
    t.harness.get_by_label_contains("Task flow");
    assert!(t.harness.query_by_label("Auto-encrypt").is_none());
    assert!(t.harness.query_by_label_contains("Thumbnail").is_none());
    assert!(t.harness.query_by_label_contains("Workflow").is_none());

    let src = t.dir.path().join("media");
    t.drop_files(&[super::harness::media(&src, "海岸 dawn.mp4", 300_000)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    {
        let meta = &mut t.app().queue.rows[0].meta;
        meta.category_id = Some(class.id);
        meta.preset = Some(flow.clone());
        meta.auto_publish = false;
    }
    // Tencent takes an expiry: typed for the selected row, a non-date is said and not applied.
    let k = t.keys();
    t.app().queue.click(k[0], false, false);
    t.step();
    t.step();
    let expires = |t: &mut TestApp, text: &str| type_into(t, "Expires", text);
    expires(&mut t, "someday");
    t.harness.get_by_label_contains("\"someday\" is not a date");
    assert_eq!(t.app().queue.rows[0].meta.expires_at, None);
    expires(&mut t, "2099-01-31");
    assert_eq!(
        t.app().queue.rows[0]
            .meta
            .expires_at
            .map(|t| t.to_rfc3339()),
        Some("2099-01-31T23:59:59+00:00".to_string())
    );
    t.app().run(crate::app::commands::Command::Start);
    t.until_all_uploaded();
    let id = t.app().queue.rows[0].asset_id.clone().expect("a FileId");
    let d = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("details");
    assert_eq!(d.asset.category_id, Some(class.id));
    assert_eq!(
        d.expires_at.map(|t| t.to_rfc3339()),
        Some("2099-01-31T23:59:59+00:00".to_string())
    );
    // The task flow ran: its renditions appear a few seconds after the commit.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("details")
        .asset
        .transcode
        .state
        != vodesk_core::model::TaskState::Succeeded
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no renditions of {flow}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(
        status_on_service(&t, &id).unwrap_or_default(),
        "Forbidden",
        "not auto-published"
    );

    t.app().open_asset(id.clone());
    t.step_until("details", |app| {
        app.assets.details.is_some() && !app.assets.loading
    });
    t.step();
    assert!(
        t.harness.query_by_label("Publish").is_none(),
        "Tencent's words"
    );
    t.harness.get_by_label("Allow playback").click_accesskit();
    t.step_until("allowed", |app| {
        !app.assets.busy && noted(app, |n| n.contains("1 asset allowed for playback"))
    });
    assert_eq!(status_on_service(&t, &id).unwrap_or_default(), "Normal");
    t.step_until("list reloaded", |app| !app.assets.loading);
    t.harness.get_by_label("Forbid playback").click_accesskit();
    t.step_until("forbidden", |app| {
        !app.assets.busy && noted(app, |n| n.contains("forbidden for playback"))
    });
    assert_eq!(status_on_service(&t, &id).unwrap_or_default(), "Forbidden");

    // A new cover from an image file (the button opens a native dialog; its answer is fed in).
    t.step_until("list reloaded", |app| !app.assets.loading);
    t.harness.get_by_label("🖼 Change cover…");
    let png = t.dir.path().join("new cover.png");
    let image = include_bytes!("../../../tests/data/cover-2x2.png").to_vec();
    std::fs::write(&png, &image).unwrap();
    t.app()
        .picked(crate::app::backend::Pick::AssetCover, vec![png]);
    t.step_until("cover replaced", |app| {
        !app.assets.busy && noted(app, |n| n.contains("Cover replaced."))
    });
    let cover = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("details")
        .asset
        .cover_url
        .expect("a cover URL");
    let served =
        runtime().block_on(async { reqwest::get(&cover).await.unwrap().bytes().await.unwrap() });
    assert_eq!(served.as_ref(), image.as_slice());
}

#[test]
fn classes_are_created_renamed_and_deleted_from_the_categories_window() {
    let mut t = TestApp::start_on(tempfile::tempdir().unwrap(), Provider::Tencent);
    // Tencent counts characters: 64 fit, 65 are refused before anything is sent.
    super::categories::crud_through_the_window(
        &mut t,
        &"类".repeat(65),
        "64 characters",
        ["新分类", "改名分类"],
    );
}

#[test]
fn without_a_bucket_browser_the_import_tab_imports_by_url() {
    let mut t = TestApp::start_on(tempfile::tempdir().unwrap(), Provider::Tencent);
    // A media of the service itself, playable, is the URL to import from.
    let src = t.dir.path().join("media");
    t.drop_files(&[super::harness::media(&src, "源片 source.mp4", 200_000)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(crate::app::commands::Command::Start);
    t.until_all_uploaded();
    let id = t.app().queue.rows[0].asset_id.clone().expect("a FileId");
    let url = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("details")
        .download_url
        .expect("a media URL");

    t.harness.get_by_label("Import").click_accesskit();
    t.step();
    t.step();
    t.harness
        .get_by_label_contains("no bucket browser; import media by URL");
    assert!(t.harness.query_by_label("Choose a bucket").is_none());
    t.app().buckets.urls = "ftp://example.invalid/x.mp4\n".into();
    t.step();
    t.step();
    // An ftp URL is refused before anything is sent.
    t.harness.get_by_label_contains("must be http or https");
    t.app().buckets.urls = format!("{url}\n");
    t.step();
    t.step();
    t.harness.get_by_label("Import URLs").click_accesskit();
    t.step_until("URL imported", |app| !app.buckets.busy);
    let results = t.app().buckets.results.clone();
    assert!(
        results.iter().any(|r| r.contains("imported as asset")),
        "{results:?}"
    );
    assert_eq!(
        assets_on_service(&t, &[]).len(),
        2,
        "the upload and its import"
    );
}

#[test]
fn a_tencent_profile_is_added_through_the_form_and_used() {
    super::harness::keyring();
    // The Tencent account: another local service, reached by its Tencent endpoints and keys.
    let mut t = TestApp::start();
    let (other, info, other_dir) =
        super::harness::other_account(Provider::Tencent, "腾讯账号的分类");
    let keys = vodesk_local::TencentCredentials::read_stored(other_dir.path()).expect("keys");

    let msg = t.add_profile_through_form(
        "Tencent Cloud VOD",
        &["CAM > API Keys", "SecretId"],
        "腾讯云",
        |d| {
            assert_eq!(d.region, "ap-guangzhou");
            d.endpoint = info.tencent_endpoint.clone();
            d.object_endpoint = info.tencent_cos_endpoint.clone();
            d.project_id = keys.sub_app_id.to_string();
            d.access_key = keys.secret_id.clone();
            d.secret_key = keys.secret_key.clone();
        },
    );
    assert!(
        msg.contains(&format!("SubAppId ({})", keys.sub_app_id)),
        "{msg}"
    );
    TestApp::assert_secret_in_keychain("腾讯云", &keys.secret_key);

    // Switching to it shows the Tencent account's classes and Tencent's words.
    t.switch_to_profile("腾讯云", "腾讯账号的分类");
    t.harness.get_by_label_contains("Task flow");
    runtime().block_on(async move { other.close().await });
}
