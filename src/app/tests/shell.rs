//! The shell: banner, help overlay, the connect button, theme, persisted settings.

use eframe::egui;
use egui_kittest::kittest::Queryable;

use super::harness::TestApp;
use crate::app::settings::{ThemePref, UiSettings};

#[test]
fn local_banner_help_overlay_and_connect_button() {
    let mut t = TestApp::start();
    t.harness
        .get_by_label_contains("Local library — nothing leaves this computer");
    t.harness.key_press(egui::Key::F1);
    t.step();
    t.harness.get_by_label("Add files…");
    t.harness.get_by_label("Add media files to the queue");
    t.harness.key_press(egui::Key::F1);
    t.step();
    assert!(
        t.harness
            .query_by_label("Add media files to the queue")
            .is_none()
    );
    t.harness.get_by_label("Connect a cloud account").click();
    // A window is laid out invisibly in its first frame.
    t.step();
    t.step();
    t.harness
        .get_by_label_contains("New profile (Huawei Cloud VOD)");
    t.shutdown();
}

#[test]
fn theme_follows_the_setting() {
    let mut t = TestApp::start();
    t.app().settings.theme = ThemePref::Dark;
    t.step();
    assert_eq!(t.harness.ctx.theme(), egui::Theme::Dark);
    t.app().settings.theme = ThemePref::Light;
    t.step();
    assert_eq!(t.harness.ctx.theme(), egui::Theme::Light);
    // Follow system: whatever the desktop says, also when it changes while running.
    t.app().settings.theme = ThemePref::System;
    t.harness.input_mut().system_theme = Some(egui::Theme::Dark);
    t.step();
    t.step();
    assert_eq!(t.harness.ctx.theme(), egui::Theme::Dark);
    t.harness.input_mut().system_theme = Some(egui::Theme::Light);
    t.step();
    t.step();
    assert_eq!(t.harness.ctx.theme(), egui::Theme::Light);
    t.shutdown();
}

#[test]
fn settings_from_an_older_version_load_with_defaults() {
    let s: UiSettings = serde_json::from_str(r#"{"theme":"Dark","unknown":1}"#).expect("parses");
    assert_eq!(s.theme, ThemePref::Dark);
    assert!(s.show_right && s.defaults.auto_publish);
    let back: UiSettings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back.theme, ThemePref::Dark);
}

#[test]
fn settings_change_limits_live_and_the_part_size_at_start() {
    let mut t = TestApp::start();
    t.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    t.step();
    t.step();
    t.harness
        .get_by_label("Concurrent files")
        .set_value_accesskit(2.0);
    t.step();
    assert_eq!(t.app().settings.concurrent_files, 2);
    t.harness
        .get_by_label("Bandwidth limit (MiB/s, 0 = none)")
        .set_value_accesskit(0.5);
    t.step();
    // The running engine has them now, not just the settings.
    let (bandwidth, files, _) = t.app().backend.engine.limits();
    assert_eq!((bandwidth, files), (512 * 1024, 2));
    t.harness
        .get_by_label("Part size (MiB)")
        .set_value_accesskit(64.0);
    t.step();
    assert_eq!(t.app().settings.part_size_mib, 64);
    let config = crate::app::engine_config_for(&t.app().settings);
    assert_eq!(config.part_size, 64 * 1024 * 1024);
    t.shutdown();
}

#[test]
fn a_part_size_out_of_range_is_clamped() {
    use crate::app::settings::part_size_bytes;
    assert_eq!(part_size_bytes(0), 1024 * 1024);
    assert_eq!(part_size_bytes(99_999), 5120 * 1024 * 1024);
}

/// An in-memory `eframe::Storage`, standing where eframe's file storage is in the app.
#[derive(Default)]
struct Kept(std::collections::HashMap<String, String>);

impl eframe::Storage for Kept {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn settings_and_panels_survive_a_restart() {
    let mut t = TestApp::start();
    t.harness.get_by_label("☰").click();
    t.step();
    t.step();
    t.harness.get_by_label("Assets panel").click();
    t.step();
    assert!(t.harness.query_by_label("🔍 Search assets").is_none());
    t.app().settings.theme = ThemePref::Dark;
    t.app().settings.bandwidth_mib = 1.5;
    t.app().settings.title_pattern = "{name} (2026)".into();
    let mut kept = Kept::default();
    eframe::App::save(t.app(), &mut kept);
    t.shutdown();

    let settings = crate::app::settings::load(Some(&kept as &dyn eframe::Storage));
    let mut t = TestApp::start_with(settings);
    t.step();
    t.step();
    assert!(!t.app().settings.show_left);
    assert_eq!(t.harness.ctx.theme(), egui::Theme::Dark);
    assert_eq!(t.app().settings.title_pattern, "{name} (2026)");
    // The limit is in force in the new engine, not just remembered.
    assert_eq!(t.app().backend.engine.limits().0, 3 * 512 * 1024);
    t.harness.get_by_label("☰").click();
    t.step();
    t.step();
    t.harness.get_by_label("Assets panel").click();
    t.step();
    t.step();
    assert!(t.app().settings.show_left);
    t.shutdown();
}

#[test]
fn a_resized_queue_column_keeps_its_width_after_a_restart() {
    let mut t = TestApp::start();
    let src = t.dir.path().join("media");
    t.drop_files(&[super::harness::media(&src, "wide.mp4", 100)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.step();
    let size_x = |t: &TestApp| {
        t.harness
            .get_all_by_label("Size")
            .map(|n| n.rect().left())
            .fold(f32::INFINITY, f32::min)
    };
    let before = size_x(&t);
    // Drag the Name column's right edge (just left of the Size column) 120 points right.
    let edge = egui::pos2(
        before - 3.0,
        t.harness.get_by_label("Name").rect().center().y,
    );
    t.harness.event(egui::Event::PointerMoved(edge));
    t.step();
    let button = |pressed, pos| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Default::default(),
    };
    t.harness.event(button(true, edge));
    t.step();
    for dx in [40.0, 80.0, 120.0] {
        t.harness
            .event(egui::Event::PointerMoved(edge + egui::vec2(dx, 0.0)));
        t.step();
    }
    t.harness
        .event(button(false, edge + egui::vec2(120.0, 0.0)));
    t.step();
    t.step();
    let wider = size_x(&t);
    assert!(wider > before + 100.0, "{before} → {wider}");
    // What eframe keeps of egui's memory at exit, and gives the next start.
    let mut kept = Kept::default();
    t.harness
        .ctx
        .memory(|m| eframe::set_value(&mut kept, "egui", m));
    t.shutdown();

    let mut t = TestApp::start();
    let memory: egui::Memory = eframe::get_value(&kept, "egui").expect("kept memory");
    t.harness.ctx.memory_mut(|m| *m = memory);
    t.drop_files(&[super::harness::media(
        &t.dir.path().join("media"),
        "wide.mp4",
        100,
    )]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.step();
    t.step();
    assert!(
        (size_x(&t) - wider).abs() < 2.0,
        "{} vs {wider}",
        size_x(&t)
    );
    t.shutdown();
}

#[test]
fn about_names_the_version_and_the_commit_it_was_built_from() {
    let mut t = TestApp::start();
    t.app().show_about = true;
    t.step();
    t.step();
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("git runs");
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    assert_eq!(head.len(), 10, "a git checkout");
    t.harness.get_by_label(&format!(
        "Version {} (commit {head})",
        env!("CARGO_PKG_VERSION")
    ));
    t.shutdown();
}

#[test]
fn escape_closes_each_window_one_press_at_a_time() {
    let mut t = TestApp::start();
    t.app().show_settings = true;
    t.app().categories.open = true;
    t.app().show_about = true;
    t.step();
    t.step();
    let open = |t: &mut TestApp| {
        let a = t.app();
        [a.show_about, a.show_settings, a.categories.open]
    };
    assert_eq!(open(&mut t), [true, true, true]);
    for left in [
        [false, true, true],
        [false, false, true],
        [false, false, false],
    ] {
        t.harness.key_press(egui::Key::Escape);
        t.step();
        assert_eq!(open(&mut t), left);
    }
    // With every window closed, Escape clears the queue's selection.
    let src = t.dir.path().join("media");
    t.drop_files(&[super::harness::media(&src, "a.mp4", 100)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(crate::app::commands::Command::SelectAll);
    t.step();
    assert_eq!(t.app().queue.selected.len(), 1);
    t.harness.key_press(egui::Key::Escape);
    t.step();
    assert!(t.app().queue.selected.is_empty());
}
