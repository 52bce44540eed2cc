//! The screenshots in docs/screenshots, rendered from the real app with wgpu (run with
//! `cargo test -p vodesk --bin vodesk screenshots -- --ignored`).

use std::path::{Path, PathBuf};

use eframe::egui;
use vodesk_core::engine::JobState;

use super::harness::{TestApp, media, runtime};
use crate::app::commands::Command;
use crate::app::queue::RowState;
use crate::app::settings::ThemePref;

fn save(t: &mut TestApp, name: &str) {
    // A few frames so windows and popups settle.
    for _ in 0..4 {
        t.step();
    }
    let img = t.harness.render().expect("a frame renders");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&dir).expect("docs/screenshots");
    img.save(dir.join(name)).expect("png written");
}

/// The bucket browser on `bucket`, listing `prefix`.
fn browse(t: &mut TestApp, bucket: &str, prefix: &str) {
    t.app().show_buckets = true;
    t.step_until("buckets", |app| !app.buckets.buckets.is_empty());
    t.app()
        .backend
        .bucket_cmd(crate::app::buckets::BucketCmd::List {
            bucket: bucket.into(),
            query: vodesk_core::storage::ListObjectsQuery {
                prefix: Some(prefix.into()),
                delimiter: Some("/".into()),
                ..Default::default()
            },
        });
    t.app().buckets.bucket = Some(bucket.into());
    t.app().buckets.prefix = prefix.into();
    t.app().buckets.listing = true;
    t.step_until("objects", |app| !app.buckets.listing);
}

/// Opens asset `id` and saves the screen as `name` once its cover has downloaded.
fn details_shot(t: &mut TestApp, id: String, name: &str) {
    t.app().open_asset(id);
    t.step_until("details", |app| app.assets.details.is_some());
    // The cover downloads in the background.
    for _ in 0..30 {
        t.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    save(t, name);
}

/// A bucket "media-in" holding a small clip under each of `keys`.
fn fill_bucket(t: &mut TestApp, keys: &[&str]) {
    let clip = media(t.dir.path(), "source.mp4", 300_000);
    let obs = t.object_storage();
    runtime().block_on(async {
        obs.create_bucket("media-in", None).await.expect("bucket");
        for key in keys {
            obs.put_object("media-in", key, &clip, Some("video/mp4"))
                .await
                .expect("object");
        }
    });
}

/// A saved Huawei profile for the profile window's list.
fn production() -> vodesk_core::credentials::Profile {
    vodesk_core::credentials::Profile {
        name: "production".into(),
        provider: vodesk_core::credentials::Provider::Huawei,
        region: Some("cn-north-4".into()),
        endpoint: None,
        object_endpoint: None,
        project_id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9".into(),
        access_key: "HPUAEXAMPLEKEY0000".into(),
        security_token: false,
        proxy: None,
    }
}

#[test]
#[ignore = "writes docs/screenshots"]
fn screenshots() {
    let mut t = TestApp::start_rendering();
    let _g = runtime().enter();
    t.app().settings.theme = ThemePref::Dark;
    t.step_until("catalog", |app| !app.catalog.categories.is_empty());
    save(&mut t, "empty.png");

    let src = t.dir.path().join("media");
    // Real clips (ffmpeg's test pattern), so rows show their facts and frames; the raw
    // interview is bytes that are not media, as a broken export would be.
    let clip = |name: &str, secs: u32, w: u32, h: u32| {
        let p = src.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        vodesk_media::samples::test_pattern(&p, secs, w, h).unwrap();
        p
    };
    let mut files: Vec<PathBuf> = vec![
        clip("clip01.mp4", 12, 1280, 720),
        clip("clip02.mp4", 8, 1920, 1080),
        clip("片段.mov", 5, 640, 360),
        media(&src, "interview-raw.mp4", 26 * 1024 * 1024),
    ];
    for (n, secs) in [("日落.mov", 7), ("海浪.mov", 9), ("灯塔.mov", 4)] {
        clip(&format!("纪录片/海岸线/{n}"), secs, 960, 540);
    }
    files.push(src.join("纪录片"));
    files.push(media(&src, "bad.mp4", 0));
    t.drop_files(&files);
    t.step_until("rows", |app| {
        app.queue.walks == 0 && app.queue.rows.len() == 8
    });
    t.step_until("probed", |app| {
        app.queue.rows[..7]
            .iter()
            .all(|r| r.probe.info.is_some() || r.probe.problem.is_some())
    });

    // The first three upload; the big one is caught mid-way under a bandwidth limit.
    let k = t.keys();
    t.app().queue.click(k[0], false, false);
    t.app().queue.click(k[3], false, true);
    t.step();
    t.app().settings.bandwidth_mib = 2.0;
    t.app().backend.engine.set_bandwidth(2 * 1024 * 1024);
    t.app().run(Command::Start);
    t.step_until("small ones done, big one going", |app| {
        let r = &app.queue.rows;
        r[..3]
            .iter()
            .all(|r| r.state == RowState::Job(JobState::Done))
            && r[3].bytes_done > 6 * 1024 * 1024
            && r[3].speed > 0.0
    });
    // The folder's rows, selected, with a batch edit under way.
    t.app().queue.click(k[4], false, false);
    t.app().queue.click(k[6], false, true);
    t.step();
    {
        let app = t.app();
        let cat = app
            .catalog
            .categories
            .iter()
            .find(|c| !c.children.is_empty())
            .map(|c| c.children[0].id);
        for r in app.queue.rows[4..7].iter_mut() {
            r.meta.description = Some("海岸线纪录片素材".into());
            r.meta.tags = vec!["纪录片".into(), "coast".into()];
            r.meta.category_id = cat;
        }
        app.queue.rows[5].meta.title = "海浪 — a title that is far too long for the service to accept, because it runs on and on and on, well past the documented limit".into();
        app.queue.generation += 1;
    }
    save(&mut t, "queue-dark.png");

    t.app().settings.theme = ThemePref::Light;
    t.step();
    save(&mut t, "queue-light.png");

    t.harness.key_press(egui::Key::F1);
    save(&mut t, "shortcuts.png");
    t.harness.key_press(egui::Key::F1);
    t.app().settings.theme = ThemePref::Dark;
    t.app().backend.engine.set_bandwidth(0);
    t.step_until("all done", |app| {
        app.queue.rows[3].state == RowState::Job(JobState::Done)
    });
    // Two of the folder's rows upload too (the third still needs its title fixed), then the
    // asset browser shows one of them.
    let k = t.keys();
    t.app().queue.click(k[4], false, false);
    t.app().queue.click(k[6], true, false);
    t.app().run(Command::Start);
    t.step_until("folder rows done", |app| {
        [4, 6]
            .iter()
            .all(|&i| app.queue.rows[i].state == RowState::Job(JobState::Done))
    });
    t.app().reload_assets();
    t.step_until("listed", |app| {
        !app.assets.loading && app.assets.items.len() >= 6
    });
    let id = t.app().queue.rows[4].asset_id.clone().expect("asset");
    details_shot(&mut t, id, "assets-dark.png");
    // The bucket browser, on a bucket with a folder and a clip.
    fill_bucket(
        &mut t,
        &[
            "2026/海岸/源片.mp4",
            "2026/海岸/空镜.mov",
            "2026/readme.txt",
        ],
    );
    t.app().assets.current = None;
    browse(&mut t, "media-in", "2026/海岸/");
    t.app().buckets.selected.insert("2026/海岸/源片.mp4".into());
    save(&mut t, "buckets-dark.png");

    // The bucket's unfinished uploads (a crashed uploader's parts).
    let parts = [5 * 1024 * 1024, 5 * 1024 * 1024, 1024 * 1024];
    t.leave_unfinished("media-in", "2026/海岸/全片 4K.mp4", &parts);
    t.leave_unfinished("media-in", "2026/trailer.mp4", &[300_000]);
    let cmd = t.app().buckets.unfinished.open_on("media-in");
    t.app().backend.bucket_cmd(cmd);
    t.step_until("unfinished listed", |app| !app.buckets.unfinished.loading);
    save(&mut t, "unfinished-uploads-dark.png");
    t.app().buckets.unfinished.open = false;

    // Settings and the category manager.
    t.app().show_buckets = false;
    t.app().show_settings = true;
    save(&mut t, "settings-dark.png");
    t.app().show_settings = false;
    t.app().categories.open = true;
    save(&mut t, "categories-dark.png");
    t.app().categories.open = false;

    // Watch folders: one watching, one renamed away.
    let watched = t.dir.path().join("exports/每日新闻");
    std::fs::create_dir_all(&watched).unwrap();
    t.app().add_watch(watched);
    let gone = t.dir.path().join("exports/old-camera");
    t.app().add_watch(gone);
    t.step_until("looked", |app| app.watches.state.len() == 2);
    t.app().watches.list[0].auto_start = true;
    save(&mut t, "watch-folders-dark.png");
    t.app().watches.open = false;

    // The profile screen with a profile being added (its secret field masked).
    t.app().profiles.saved = vec![production()];
    t.app().profiles.add_new();
    if let Some(d) = t.app().profiles.draft.as_mut() {
        d.name = "测试 staging".into();
        d.region = "ap-southeast-1".into();
        d.access_key = "HPUAEXAMPLESTAGING0".into();
        d.secret_key = "not-a-real-secret-key".into();
    }
    save(&mut t, "profiles-dark.png");
    t.shutdown();
}

/// The Tencent screens: the queue with the form in Tencent's words (task flow, no snapshot or
/// encryption fields), a media whose playback is forbidden, and the profile window listing
/// Local-Tencent with a Tencent profile being added.
#[test]
#[ignore = "writes docs/screenshots"]
fn tencent_screenshots() {
    let mut t = TestApp::start_rendering_on(vodesk_core::credentials::Provider::Tencent);
    let _g = runtime().enter();
    t.app().settings.theme = ThemePref::Dark;
    let (class, flow) = t.category_and_preset("旅行 Travel");
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "港口 harbour.mp4", 2 * 1024 * 1024),
        media(&src, "夜市 night market.mp4", 1024 * 1024),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    for row in t.app().queue.rows.iter_mut() {
        row.meta.category_id = Some(class.id);
        row.meta.preset = Some(flow.clone());
        row.meta.auto_publish = false;
    }
    let k = t.keys();
    t.app().queue.click(k[0], false, false);
    save(&mut t, "tencent-queue-dark.png");

    t.app().queue.select_all();
    t.app().run(Command::Start);
    t.until_all_uploaded();
    let id = t.app().queue.rows[0].asset_id.clone().expect("a FileId");
    t.app().reload_assets();
    t.step_until("listed", |app| {
        !app.assets.loading && app.assets.items.len() >= 2
    });
    details_shot(&mut t, id, "tencent-assets-dark.png");

    t.app().assets.current = None;
    t.app().profiles.open = true;
    t.app().profiles.add_new();
    if let Some(d) = t.app().profiles.draft.as_mut() {
        d.provider = Some(vodesk_core::credentials::Provider::Tencent);
        d.name = "腾讯云 production".into();
        d.region = "ap-guangzhou".into();
        d.access_key = "AKIDEXAMPLE0000000000000000000000000".into();
        d.secret_key = "not-a-real-secret-key".into();
    }
    save(&mut t, "tencent-profiles-dark.png");
    t.shutdown();
}

/// The Alibaba screens: the queue with the form in Alibaba's words (template group, cover) and
/// done rows following their videos, a video's details with the audit's Block button, and the
/// profile window with an Alibaba profile being added.
#[test]
#[ignore = "writes docs/screenshots"]
fn aliyun_screenshots() {
    let mut t = TestApp::start_rendering_on(vodesk_core::credentials::Provider::Aliyun);
    let _g = runtime().enter();
    t.app().settings.theme = ThemePref::Dark;
    let (category, _) = t.category_and_preset("纪实 Stories");
    let group = Some(t.transcoding_preset());
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "港口 harbour.mp4", 2 * 1024 * 1024),
        media(&src, "夜市 night market.mp4", 1024 * 1024),
        media(&src, "渡轮 ferry.mp4", 1536 * 1024),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 3);
    for row in t.app().queue.rows.iter_mut() {
        row.meta.category_id = Some(category.id);
        row.meta.preset = group.clone();
        row.meta.tags = vec!["港口".into(), "city".into()];
    }
    let k = t.keys();
    t.app().queue.click(k[0], false, false);
    t.app().queue.click(k[1], false, true);
    t.app().run(Command::Start);
    t.step_until("two uploaded", |app| {
        app.queue.rows[..2]
            .iter()
            .all(|r| r.state == RowState::Job(JobState::Done))
    });
    t.step_until("one plays", |app| {
        app.queue
            .rows
            .iter()
            .any(|r| r.asset_status.as_ref().is_some_and(|s| s.raw == "Normal"))
    });
    t.app().queue.click(k[2], false, false);
    save(&mut t, "aliyun-queue-dark.png");

    let id = t.app().queue.rows[0].asset_id.clone().expect("a VideoId");
    t.app().reload_assets();
    t.step_until("listed", |app| {
        !app.assets.loading && app.assets.items.len() >= 2
    });
    details_shot(&mut t, id, "aliyun-assets-dark.png");

    t.app().assets.current = None;
    t.app().profiles.open = true;
    t.app().profiles.add_new();
    if let Some(d) = t.app().profiles.draft.as_mut() {
        d.provider = Some(vodesk_core::credentials::Provider::Aliyun);
        d.name = "阿里云 production".into();
        d.region = "cn-shanghai".into();
        d.access_key = "LTAI5tEXAMPLE00000000000".into();
        d.secret_key = "not-a-real-secret-key".into();
    }
    save(&mut t, "aliyun-profiles-dark.png");
    t.shutdown();
}

/// The main screens in Chinese: the queue, an asset's details, the bucket browser and the
/// profile window with a profile being added.
#[test]
#[ignore = "writes docs/screenshots"]
fn chinese_screenshots() {
    let mut t = TestApp::start_rendering();
    let _g = runtime().enter();
    t.app().settings.theme = ThemePref::Dark;
    t.app().settings.language = crate::i18n::Language::Chinese;
    let src = t.dir.path().join("media");
    t.drop_files(&[
        media(&src, "港口 harbour.mp4", 2 * 1024 * 1024),
        media(&src, "夜市.mp4", 1024 * 1024),
    ]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    t.app().run(Command::Start);
    t.until_all_uploaded();
    t.step_until("listed", |app| app.assets.items.len() == 2);
    save(&mut t, "queue-zh-dark.png");

    let id = t.app().queue.rows[0].asset_id.clone().expect("asset");
    details_shot(&mut t, id, "assets-zh-dark.png");

    // The bucket browser, on a bucket with a folder, two clips and a file VOD cannot import.
    fill_bucket(
        &mut t,
        &[
            "2026/海岸/源片.mp4",
            "2026/海岸/空镜.mov",
            "2026/海岸/说明.txt",
        ],
    );
    t.app().assets.current = None;
    t.app().queue.selected.clear();
    browse(&mut t, "media-in", "2026/海岸/");
    t.app().buckets.selected.insert("2026/海岸/源片.mp4".into());
    save(&mut t, "buckets-zh-dark.png");
    t.app().show_buckets = false;

    // The profile window: a saved profile, and a new one being added in another region.
    t.app().profiles.saved = vec![production()];
    t.app().profiles.add_new();
    if let Some(d) = t.app().profiles.draft.as_mut() {
        d.name = "测试 staging".into();
        d.region = "cn-east-3".into();
        d.access_key = "HPUAEXAMPLESTAGING0".into();
        d.secret_key = "not-a-real-secret-key".into();
    }
    save(&mut t, "profiles-zh-dark.png");
    t.shutdown();
}
