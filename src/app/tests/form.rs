//! The metadata form: inline validation, batch edit of selected rows, title patterns, and the
//! metadata reaching the service.

use eframe::egui;
use egui_kittest::kittest::Queryable;

use super::harness::{TestApp, field, media, runtime, type_into};
use crate::app::commands::Command;
use crate::app::queue::RowState;

/// Three draft rows, all selected.
fn three_rows() -> TestApp {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media").join("纪录片");
    let files: Vec<_> = ["a.mp4", "b.mp4", "c.mp4"]
        .iter()
        .map(|n| media(&src, n, 4096))
        .collect();
    t.drop_files(&files);
    t.step_until("rows", |app| app.queue.rows.len() == 3);
    t.app().run(Command::SelectAll);
    t.step();
    t
}

/// Start leaves every row a draft, and the last notification says `why`.
fn start_is_refused(t: &mut TestApp, why: &str) {
    t.app().run(Command::Start);
    t.step();
    assert!(
        t.app()
            .queue
            .rows
            .iter()
            .all(|r| r.state == RowState::Draft)
    );
    let last = t.app().notes.history.last().map(|n| n.text.clone());
    assert!(last.as_deref().is_some_and(|n| n.contains(why)), "{last:?}");
}

/// `text` is on screen (in the form, and in the table's rows when they have the problem).
fn shown(t: &TestApp, text: &str) {
    let n = t.harness.query_all_by_label_contains(text).count();
    assert!(n >= 1, "{text:?} is not shown");
}

/// Picks the template group `name` in the form's picker.
fn pick_template(t: &mut TestApp, name: &str) {
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Template group")
        .click();
    t.step();
    t.step();
    t.harness.get_by_label_contains(name).click();
    t.step();
    t.step();
}

#[test]
fn invalid_values_are_marked_and_clear_when_fixed() {
    let mut t = three_rows();
    // Huawei media do not expire: no such field.
    assert!(t.harness.query_by_label("Expires").is_none());
    // 43 × 3 bytes: one byte over the title limit.
    type_into(&mut t, "Title", &"海".repeat(43));
    // The form, and the table's three rows before anything is sent, in the same words.
    assert_eq!(
        t.harness
            .query_all_by_label_contains("⚠ Title is 129 bytes long")
            .count(),
        4
    );
    assert!(
        t.app()
            .queue
            .rows
            .iter()
            .all(|r| r.meta.title == "海".repeat(43))
    );
    // Start refuses invalid rows and says why.
    start_is_refused(&mut t, "Title is 129 bytes long");
    type_into(&mut t, "Title", "海岸线");
    t.step();
    assert!(t.harness.query_by_label_contains("⚠ Title").is_none());
    assert!(t.harness.query_by_label_contains("title: is 129").is_none());

    let many: Vec<String> = (0..17).map(|i| format!("t{i}")).collect();
    type_into(&mut t, "Tags", &many.join(", "));
    shown(&t, "⚠ Tags: 17 given");
    type_into(&mut t, "Tags", "news, 海岸");
    assert!(t.harness.query_by_label_contains("⚠ Tags").is_none());
    assert_eq!(t.app().queue.rows[0].meta.tags, ["news", "海岸"]);

    t.harness.get_by_label("Thumbnails").click();
    t.step();
    type_into(&mut t, "Interval (s)", "abc");
    shown(&t, "⚠ Thumbnail interval: \"abc\" is not a whole number");
    type_into(&mut t, "Interval (s)", "101");
    shown(&t, "⚠ Thumbnail interval must be 0–100 s; it is 101 s");
    type_into(&mut t, "Interval (s)", "12");
    assert!(
        t.harness
            .query_by_label_contains("⚠ Thumbnail interval")
            .is_none()
    );
    assert!(t.harness.query_by_label_contains("whole number").is_none());
    let thumb = t.app().queue.rows[2]
        .meta
        .thumbnail
        .clone()
        .expect("thumbnail set");
    assert_eq!(thumb.interval, Some(12));

    // Encryption without a template group is refused inline.
    t.harness.get_by_label("Auto-encrypt (HLS only)").click();
    t.step();
    t.step();
    shown(&t, "⚠ Auto-encrypt needs a template group with HLS output");
    t.harness.get_by_label("Auto-encrypt (HLS only)").click();
    t.step();
    t.step();
    assert!(
        t.harness
            .query_by_label_contains("⚠ Auto-encrypt")
            .is_none()
    );
    t.shutdown();
}

#[test]
fn batch_edit_applies_to_the_selected_rows_only_and_shows_mixed() {
    let mut t = three_rows();
    let k = t.keys();
    // Select a and c.
    t.app().queue.click(k[0], false, false);
    t.app().queue.click(k[2], true, false);
    t.step();
    t.harness.get_by_label_contains("Metadata (2 selected)");
    type_into(&mut t, "Description", "海岸 news");
    let descs: Vec<_> = t
        .app()
        .queue
        .rows
        .iter()
        .map(|r| r.meta.description.clone())
        .collect();
    assert_eq!(
        descs,
        [
            Some("海岸 news".to_string()),
            None,
            Some("海岸 news".to_string())
        ]
    );
    // a and b differ now: the field is empty ("mixed") and editing another field leaves it.
    t.app().queue.click(k[0], false, false);
    t.app().queue.click(k[1], true, false);
    t.step();
    t.step();
    assert_eq!(field(&t, "Description").value().as_deref(), Some(""));
    t.harness.get_by_label("Auto-publish").click();
    t.step();
    let rows = &t.app().queue.rows;
    assert!(!rows[0].meta.auto_publish && !rows[1].meta.auto_publish && rows[2].meta.auto_publish);
    assert_eq!(rows[0].meta.description.as_deref(), Some("海岸 news"));
    assert_eq!(rows[1].meta.description, None);

    // A title pattern over all rows.
    t.app().run(Command::SelectAll);
    t.step();
    type_into(&mut t, "Title pattern", "{dir} – {name}");
    t.harness.get_by_label("Apply").click();
    t.step();
    let titles: Vec<_> = t
        .app()
        .queue
        .rows
        .iter()
        .map(|r| r.meta.title.clone())
        .collect();
    assert_eq!(titles, ["纪录片 – a", "纪录片 – b", "纪录片 – c"]);
    // That pattern was for those rows: the defaults for new rows keep theirs.
    t.app().queue.select_none();
    t.step();
    t.step();
    assert_eq!(t.app().settings.title_pattern, "");
    assert_eq!(t.app().form.pattern, "");
    t.shutdown();
}

#[test]
fn category_and_template_pickers_come_from_the_service_and_reach_the_asset() {
    let mut t = three_rows();
    t.step_until("categories and template groups loaded", |app| {
        !app.catalog.categories.is_empty() && app.catalog.loaded_templates
    });
    let (cat_id, cat_name) = {
        let cats = &t.app().catalog.categories;
        let c = cats.iter().find(|c| c.id > 0).expect("a default category");
        (c.id, c.name.clone())
    };
    // The left panel's tree has the same name: the popup's entry is the new node.
    let before: Vec<_> = t
        .harness
        .query_all_by_label(&cat_name)
        .map(|n| n.rect())
        .collect();
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Category")
        .click();
    t.step();
    t.step();
    t.harness
        .get_all_by_label(&cat_name)
        .find(|n| !before.contains(&n.rect()))
        .expect("the category in the picker")
        .click();
    t.step();
    assert!(
        t.app()
            .queue
            .rows
            .iter()
            .all(|r| r.meta.category_id == Some(cat_id))
    );
    type_into(&mut t, "Title", "批量 upload");
    t.app().run(Command::Start);
    t.until_all_uploaded();
    let asset = t.app().queue.rows[0].asset_id.clone().unwrap();
    let d = runtime()
        .block_on(t.conn.vod.asset_details(&asset))
        .expect("asset");
    assert_eq!(d.asset.title, "批量 upload");
    assert_eq!(d.asset.category_id, Some(cat_id));
    t.shutdown();
}

#[test]
fn account_rules_mark_rows_until_fixed_encryption_needs_an_hls_group() {
    let mut t = three_rows();
    t.step_until("categories and template groups loaded", |app| {
        app.catalog.loaded_categories && app.catalog.loaded_templates
    });
    // Choices from another account (rows moved across profiles): ids and names unknown here.
    for r in &mut t.app().queue.rows {
        r.meta.category_id = Some(987_654);
        r.meta.preset = Some("其他账号的模板".into());
    }
    t.app().queue.generation += 1;
    t.step();
    t.step();
    assert_eq!(t.harness.get_all_by_label("needs fixing").count(), 3);
    // Each row says why (and the form, for the selection).
    assert!(
        t.harness
            .query_all_by_label_contains("category 987654 does not exist in this account")
            .count()
            >= 3
    );
    start_is_refused(&mut t, "does not exist in this account");

    // Fixed through the form: the category set to "Other", the template group picked from
    // the service's list — one that outputs MP4 only, with encryption on.
    for r in &mut t.app().queue.rows {
        r.meta.category_id = None;
        r.meta.auto_encrypt = true;
    }
    t.app().queue.generation += 1;
    t.step();
    pick_template(&mut t, "HD-MP4");
    assert!(
        t.app()
            .queue
            .rows
            .iter()
            .all(|r| r.meta.preset.as_deref() == Some("HD-MP4"))
    );
    assert!(
        t.harness
            .query_all_by_label_contains(
                "needs a template group with HLS output; \"HD-MP4\" outputs"
            )
            .count()
            >= 3
    );
    assert_eq!(t.harness.get_all_by_label("needs fixing").count(), 3);
    pick_template(&mut t, "HD-HLS");
    assert!(t.harness.query_by_label_contains("needs an HLS").is_none());
    assert_eq!(t.harness.query_all_by_label("needs fixing").count(), 0);
    t.app().run(Command::Start);
    t.until_all_uploaded();
    t.shutdown();
}

#[test]
fn a_cover_and_a_subtitle_chosen_for_the_selection_reach_the_assets() {
    use crate::app::backend::Pick;
    let mut t = three_rows();
    // Two of the three rows.
    t.app().queue.select_none();
    let keys = t.keys();
    t.app().queue.click(keys[0], false, false);
    t.app().queue.click(keys[1], true, false);
    t.step();
    let dir = t.dir.path().join("extras");
    std::fs::create_dir_all(&dir).unwrap();
    let cover = dir.join("封面.png");
    image::RgbImage::from_fn(64, 36, |x, y| image::Rgb([x as u8 * 4, y as u8 * 7, 90]))
        .save(&cover)
        .expect("a PNG");
    let srt = dir.join("zh.srt");
    std::fs::write(&srt, "1\n00:00:00,000 --> 00:00:01,000\n海岸线\n").unwrap();
    // What the native dialogs answer (they are driven for real in tests/window).
    t.app().picked(Pick::Cover, vec![cover.clone()]);
    t.app().picked(Pick::Subtitle, vec![srt.clone()]);
    t.step_until("the preview is decoded", |app| {
        app.form.previews.is_ready(&cover.display().to_string())
    });
    t.step();
    t.harness.get_by_label("封面.png");
    t.harness.get_by_label("Cover preview");
    let rows = &t.app().queue.rows;
    assert!(
        rows[..2]
            .iter()
            .all(|r| r.meta.cover.as_deref() == Some(cover.as_path()))
    );
    assert!(rows[..2].iter().all(|r| r.meta.subtitles.len() == 1));
    assert!(rows[2].meta.cover.is_none() && rows[2].meta.subtitles.is_empty());

    t.app().queue.select_all();
    t.app().run(Command::Start);
    t.until_all_uploaded();
    let with = |t: &mut TestApp, i: usize| {
        let id = t.app().queue.rows[i].asset_id.clone().unwrap();
        let d = runtime()
            .block_on(t.conn.vod.asset_details(&id))
            .expect("asset");
        let subtitles = d.subtitles;
        let cover = d.covers.first().cloned().map(|url| {
            runtime()
                .block_on(async { t.conn.vod.http().get(&url).send().await?.bytes().await })
                .expect("the cover downloads")
                .to_vec()
        });
        (cover, subtitles.iter().filter(|s| s.url.is_some()).count())
    };
    let png = std::fs::read(&cover).unwrap();
    // The chosen picture itself, byte for byte, and the subtitle, on both assets.
    assert_eq!(with(&mut t, 0), (Some(png.clone()), 1));
    assert_eq!(with(&mut t, 1), (Some(png.clone()), 1));
    let third = with(&mut t, 2);
    assert_ne!(third.0, Some(png));
    assert_eq!(third.1, 0);
    t.shutdown();
}

#[test]
fn a_thumbnail_parameter_typed_for_rows_that_differ_changes_only_that_parameter() {
    use vodesk_core::model::{Thumbnail, ThumbnailKind};
    let mut t = three_rows();
    for (i, r) in t.app().queue.rows.iter_mut().enumerate() {
        let mut th = Thumbnail::new(ThumbnailKind::Time);
        th.interval = Some(5 * (i as u32 + 1));
        th.max_length = Some(640);
        r.meta.thumbnail = Some(th);
    }
    t.app().queue.generation += 1;
    t.step();
    t.step();
    // The intervals differ: shown as mixed; the shared length as it is.
    let hint_of = |t: &TestApp, label: &str| field(t, label).value();
    assert_eq!(hint_of(&t, "Max length (px)").as_deref(), Some("640"));
    assert_eq!(hint_of(&t, "Interval (s)").as_deref(), Some(""));
    type_into(&mut t, "Max length (px)", "1280");
    let rows: Vec<(Option<u32>, Option<u32>)> = t
        .app()
        .queue
        .rows
        .iter()
        .map(|r| {
            let th = r.meta.thumbnail.as_ref().unwrap();
            (th.interval, th.max_length)
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some(5), Some(1280)),
            (Some(10), Some(1280)),
            (Some(15), Some(1280))
        ]
    );
    // Typing the mixed one sets it on all.
    type_into(&mut t, "Interval (s)", "30");
    assert!(
        t.app()
            .queue
            .rows
            .iter()
            .all(|r| r.meta.thumbnail.as_ref().unwrap().interval == Some(30))
    );
    t.shutdown();
}
