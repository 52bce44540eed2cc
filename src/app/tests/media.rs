//! Real media in the queue: rows probed by ffprobe (duration, picture size, codec) with a frame
//! from ffmpeg, files that are not media listed as left out, the note when ffmpeg is missing,
//! and Open / Play running the chosen program.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;

use super::harness::{TestApp, media};
use crate::app::commands::Command;
use crate::app::queue::RowState;

/// A `secs`-second moving test pattern made by ffmpeg.
fn clip(dir: &Path, name: &str, secs: u32, w: u32, h: u32) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let p = dir.join(name);
    vodesk_media::samples::test_pattern(&p, secs, w, h).unwrap();
    p
}

/// A script that writes what it was asked to open to `out`, standing in for a media player.
fn recording_player(dir: &Path, out: &Path) -> PathBuf {
    let script = dir.join("player.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{}.tmp' && mv '{0}.tmp' '{0}'\n",
            out.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn dropped_clips_show_duration_size_codec_and_a_frame_and_other_files_are_left_out() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("素材");
    clip(&src, "海岸线.mp4", 3, 320, 240);
    clip(&src, "b-roll.mov", 2, 640, 360);
    std::fs::write(src.join("readme.txt"), "shot list").unwrap();
    std::fs::write(src.join("fake.mp4"), "not a video at all").unwrap();
    std::fs::write(src.join(".DS_Store"), "litter").unwrap();
    t.drop_files(std::slice::from_ref(&src));
    t.step_until("probed", |app| {
        app.queue.walks == 0
            && app.queue.rows.len() == 3
            && app
                .queue
                .rows
                .iter()
                .all(|r| r.probe.info.is_some() || r.probe.problem.is_some())
    });
    let app = t.app();
    let row = |name: &str| app.queue.rows.iter().find(|r| r.name == name).unwrap();
    let coast = row("海岸线.mp4").probe.info.clone().unwrap();
    assert_eq!(
        (coast.duration_ms, coast.width, coast.height),
        (Some(3_000), 320, 240)
    );
    let broll = row("b-roll.mov").probe.info.clone().unwrap();
    assert_eq!((broll.width, broll.height), (640, 360));
    assert!(
        row("fake.mp4").probe.problem.is_some(),
        "ffprobe's reason is kept"
    );
    // Each clip's frame is a texture of the frame width, in the clip's proportions.
    let key = row("海岸线.mp4").key;
    let size = app.queue.media.frame(key).expect("a frame").size();
    assert_eq!(size, [240, 180]);
    t.step();
    t.harness.get_by_label("0:03 · 240p");
    t.harness.get_by_label("0:02 · 360p");
    t.harness.get_by_label("⚠ not readable as media");
    // The selected row's preview says everything: picture size, rate, codecs.
    t.app().queue.selected.insert(key);
    t.step();
    for fact in [
        "Duration: 0:03",
        "Picture: 320×240, 25 frames/s",
        "Video: h264",
    ] {
        t.harness.get_by_label_contains(fact);
    }
    t.app().queue.selected.clear();
    t.step();

    // readme.txt is listed with its reason; the hidden file is not.
    assert_eq!(t.app().queue.left_out.count, 1);
    t.harness
        .get_by_label("⚠ 1 file left out")
        .click_accesskit();
    t.step();
    t.step();
    t.harness.get_by_label("readme.txt");
    t.harness
        .get_by_label("not a media format VOD takes (.txt)");
    assert!(t.harness.query_by_label(".DS_Store").is_none());
    t.harness.get_by_label("Clear the list").click_accesskit();
    for _ in 0..4 {
        t.step();
    }
    assert_eq!(t.app().queue.left_out.count, 0);
    assert!(t.harness.query_by_label("readme.txt").is_none());
    t.shutdown();
}

#[test]
fn without_ffmpeg_the_queue_says_so_once_and_works_as_before() {
    let mut t = TestApp::start();
    let empty = t.dir.path().join("no-tools");
    std::fs::create_dir_all(&empty).unwrap();
    t.app().queue.media.tools = vodesk_media::Tools::in_dir(&empty);
    let src = t.dir.path().join("media");
    t.drop_files(&[media(&src, "a.mp4", 2048), media(&src, "b.mp4", 2048)]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    for _ in 0..5 {
        t.step();
    }
    t.drop_files(&[media(&src, "c.mp4", 2048)]);
    t.step_until("rows", |app| app.queue.rows.len() == 3);
    t.step();
    let told: Vec<String> = t
        .notes()
        .into_iter()
        .filter(|n| n.starts_with("ffprobe and ffmpeg were not found"))
        .collect();
    assert_eq!(told.len(), 1, "said once: {told:?}");
    assert!(told[0].contains("apt install ffmpeg"));
    assert!(
        t.app()
            .queue
            .rows
            .iter()
            .all(|r| r.probe.info.is_none() && !r.probe.pending)
    );
    // Uploads go on as before.
    t.app().run(Command::Start);
    t.until_all_uploaded();
    t.shutdown();
}

#[test]
fn open_runs_the_chosen_player_on_the_file_and_play_on_the_asset_url() {
    let mut t = TestApp::start();
    let opened = t.dir.path().join("opened.txt");
    let player = recording_player(t.dir.path(), &opened);
    t.app().settings.open_with = player.to_string_lossy().into_owned();
    let f = clip(&t.dir.path().join("media"), "take1.mp4", 3, 320, 240);
    t.drop_files(std::slice::from_ref(&f));
    t.step_until("probed", |app| {
        app.queue.rows.len() == 1 && app.queue.rows[0].probe.info.is_some()
    });
    let key = t.app().queue.rows[0].key;
    t.app().queue.selected.insert(key);
    t.step();
    t.harness.get_by_label("▶ Open").click_accesskit();
    t.step_until("the player was started on the file", |_| opened.exists());
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        f.to_string_lossy()
    );
    std::fs::remove_file(&opened).unwrap();

    t.app().run(Command::Start);
    t.until_all_uploaded();
    assert_eq!(
        t.app().queue.rows[0].state,
        RowState::Job(vodesk_core::engine::JobState::Done)
    );
    let id = t.app().queue.rows[0].asset_id.clone().unwrap();
    t.app().open_asset(id.clone());
    t.step_until("details", |app| {
        app.assets.details.is_some() && !app.assets.loading
    });
    t.step();
    t.harness.get_by_label("▶ Play").click_accesskit();
    t.step_until("the player was started on the URL", |_| opened.exists());
    let url = std::fs::read_to_string(&opened).unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.contains(&id),
        "{url}"
    );
    t.shutdown();
}

#[test]
fn media_left_out_files_and_watch_folders_speak_chinese() {
    let mut t = super::language::in_language(crate::i18n::Language::Chinese);
    let src = t.dir.path().join("素材");
    clip(&src, "海岸线.mp4", 3, 320, 240);
    std::fs::write(src.join("说明.txt"), "镜头表").unwrap();
    t.drop_files(std::slice::from_ref(&src));
    t.step_until("probed", |app| {
        app.queue.rows.len() == 1 && app.queue.rows[0].probe.info.is_some()
    });
    t.step();
    t.harness.get_by_label("媒体信息");
    t.harness.get_by_label("0:03 · 240p");
    t.harness
        .get_by_label("⚠ 已略过 1 个文件")
        .click_accesskit();
    for _ in 0..3 {
        t.step();
    }
    t.harness.get_by_label("不是点播支持的媒体格式（.txt）");
    t.harness.get_by_label("👁 监视文件夹…").click_accesskit();
    for _ in 0..3 {
        t.step();
    }
    t.harness.get_by_label("尚未监视任何文件夹。");
    t.shutdown();
}
