//! The bucket browser: buckets and prefixes of the local object endpoint, authorising VOD,
//! importing a selected object, and URLs refused before sending when malformed.

use eframe::egui;
use egui_kittest::kittest::{NodeT, Queryable};

use super::harness::{TestApp, media, runtime};

#[test]
fn browse_a_bucket_authorize_and_import_an_object() {
    let mut t = TestApp::start();
    let clip = media(t.dir.path(), "source.mp4", 200_000);
    let obs = t.object_storage();
    runtime().block_on(async {
        obs.create_bucket("media-in", None).await.expect("bucket");
        obs.put_object("media-in", "2026/海岸/源片.mp4", &clip, Some("video/mp4"))
            .await
            .expect("object");
        obs.put_object("media-in", "2026/readme.txt", &clip, None)
            .await
            .expect("object");
    });
    t.open_bucket("media-in");
    t.harness.get_by_label("📁 2026/").click_accesskit();
    t.step_until("2026/ listed", |app| {
        !app.buckets.listing && app.buckets.prefix == "2026/"
    });
    t.step();
    // The text file cannot be imported; the folder leads on.
    assert!(
        t.harness
            .get_by_label("readme.txt")
            .accesskit_node()
            .is_disabled()
    );
    t.harness.get_by_label("📁 海岸/").click_accesskit();
    t.step_until("海岸/ listed", |app| {
        !app.buckets.listing && app.buckets.objects.len() == 1
    });
    t.step();

    t.harness.get_by_label("Authorize VOD").click_accesskit();
    t.step_until("authorised", |app| !app.buckets.busy);
    assert!(
        t.app().buckets.results[0].contains("VOD may now read media-in"),
        "{:?}",
        t.app().buckets.results
    );

    t.harness.get_by_label("源片.mp4").click_accesskit();
    // Imports take their titles from the form's title pattern.
    t.app().form.pattern = "导入-{name}".into();
    t.step();
    t.harness
        .get_by_label("Import 1 selected")
        .click_accesskit();
    t.step_until("imported", |app| !app.buckets.busy);
    let line = t.app().buckets.results[0].clone();
    assert!(line.contains("imported as asset"), "{line}");
    let id = line.rsplit(' ').next().unwrap().to_string();
    let d = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("the imported asset exists");
    assert_eq!(d.asset.title, "导入-源片");

    // Malformed URLs are refused before anything is sent.
    let urls = t.harness.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "Import by URL (one per line, up to 16)",
    );
    urls.focus();
    t.step();
    t.harness
        .get_by_role_and_label(
            egui::accesskit::Role::MultilineTextInput,
            "Import by URL (one per line, up to 16)",
        )
        .type_text("ftp://example.com/a.mp4");
    t.step();
    t.step();
    t.harness.get_by_label_contains("must be http or https");
    assert!(
        t.harness
            .get_by_label("Import URLs")
            .accesskit_node()
            .is_disabled()
    );

    // Two URLs in one request, each with its own result: the imported asset's own (signed)
    // URL is pulled, a missing object is refused.
    let signed = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("details")
        .download_url
        .expect("a signed URL");
    let object_endpoint = t
        .conn
        .local
        .as_ref()
        .expect("local")
        .object_endpoint
        .clone();
    let missing = format!("{object_endpoint}/media-in/no-such-clip.mp4");
    t.app().buckets.urls = format!("{signed}\n{missing}\n");
    t.step();
    t.step();
    t.harness.get_by_label("Import URLs").click_accesskit();
    t.step_until("URLs imported", |app| !app.buckets.busy);
    let results = t.app().buckets.results.clone();
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(
        results.iter().any(|r| r.contains("imported as asset")),
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| r.contains("no-such-clip.mp4") && r.contains("not accepted")),
        "{results:?}"
    );

    // Defaults the service would refuse (a description over 1,024 bytes) block every import
    // and say why.
    t.app().settings.defaults.description = Some("长".repeat(400));
    t.step();
    t.step();
    t.harness
        .get_by_label_contains("Fix the defaults before importing");
    let import = t.harness.get_by(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("Import ") && l.ends_with(" selected"))
    });
    assert!(import.accesskit_node().is_disabled());
    t.shutdown();
}

#[test]
fn a_long_folder_lists_a_page_at_a_time() {
    let mut t = TestApp::start();
    let tiny = media(t.dir.path(), "tiny.mp4", 16);
    let obs = t.object_storage();
    runtime().block_on(async {
        obs.create_bucket("many", None).await.expect("bucket");
        for i in 0..230 {
            obs.put_object("many", &format!("clip{i:03}.mp4"), &tiny, Some("video/mp4"))
                .await
                .expect("object");
        }
    });
    t.app().show_buckets = true;
    t.step_until("buckets listed", |app| {
        app.buckets.buckets.iter().any(|b| b.name == "many")
    });
    t.combo("Choose a bucket").click_accesskit();
    t.step();
    t.step();
    t.harness.get_by_label("many").click_accesskit();
    t.step_until("first page", |app| {
        !app.buckets.listing && !app.buckets.objects.is_empty()
    });
    assert_eq!(t.app().buckets.objects.len(), 200);
    t.step();
    t.harness.get_by_label("Load more").click_accesskit();
    t.step_until("second page", |app| {
        !app.buckets.listing && app.buckets.objects.len() > 200
    });
    let keys: Vec<String> = t
        .app()
        .buckets
        .objects
        .iter()
        .map(|o| o.key.clone())
        .collect();
    let want: Vec<String> = (0..230).map(|i| format!("clip{i:03}.mp4")).collect();
    assert_eq!(keys, want);
    t.step();
    assert!(t.harness.query_by_label("Load more").is_none());
    t.shutdown();
}

#[test]
fn unfinished_uploads_are_listed_and_aborted_from_their_window() {
    let mut t = TestApp::start();
    let obs = t.object_storage();
    runtime()
        .block_on(obs.create_bucket("media-in", None))
        .expect("bucket");
    let first = t.leave_unfinished("media-in", "2026/海岸 a.mp4", &[200_000, 100]);
    let second = t.leave_unfinished("media-in", "2026/b.mp4", &[5_000]);
    t.open_bucket("media-in");

    t.harness
        .get_by_label("Unfinished uploads…")
        .click_accesskit();
    t.step_until("uploads listed", |app| {
        let u = &app.buckets.unfinished;
        u.open && !u.loading && u.uploads.len() == 2
    });
    t.step();
    let view = &t.app().buckets.unfinished;
    let a = view
        .uploads
        .iter()
        .find(|u| u.upload_id == first)
        .expect("listed");
    assert_eq!((a.parts, a.bytes), (2, 200_100));
    t.harness
        .get_by_label(&crate::app::format::human_bytes(200_100));
    // Nothing is a week old: aborting older ones aborts nothing (the button says so by
    // sending nothing); the one ticked is aborted.
    t.harness.get_by_label("Abort older").click_accesskit();
    t.step();
    assert!(!t.app().buckets.unfinished.busy);
    t.harness.get_by_label("2026/海岸 a.mp4").click_accesskit();
    t.step();
    t.harness.get_by_label("Abort selected").click_accesskit();
    t.step_until("aborted and listed again", |app| {
        let u = &app.buckets.unfinished;
        !u.busy && !u.loading && u.uploads.len() == 1
    });
    t.step();
    t.harness.get_by_label("1 upload aborted.");
    let left = runtime()
        .block_on(obs.unfinished_uploads("media-in"))
        .expect("the service's list");
    let ids: Vec<&str> = left.iter().map(|u| u.upload_id.as_str()).collect();
    assert_eq!(ids, [second.as_str()], "gone from the service too");

    // Escape closes the window.
    t.harness.key_press(egui::Key::Escape);
    t.step();
    assert!(!t.app().buckets.unfinished.open);
}

#[test]
fn the_bucket_tab_explains_buckets_when_there_are_none_and_what_to_do_next() {
    let mut t = TestApp::start();
    let obs = t.object_storage();
    runtime()
        .block_on(obs.create_bucket("media-in", None))
        .expect("bucket");
    t.app().show_buckets = true;
    t.step_until("listed", |app| {
        app.buckets.buckets.iter().any(|b| b.name == "media-in")
    });
    t.step();
    // With a bucket, the tab says to choose one.
    t.harness.get_by_label_contains("Choose a bucket above");
    assert!(
        t.harness
            .query_by_label("This account has no buckets yet.")
            .is_none()
    );
    // An account without buckets (the list as the service gave it, emptied).
    t.app().buckets.buckets.clear();
    t.step();
    t.harness.get_by_label("This account has no buckets yet.");
    t.harness.get_by_label_contains("A bucket is a container");
    t.harness
        .get_by_label_contains("then Authorize VOD before importing");
}
