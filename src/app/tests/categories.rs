//! The category manager: create, rename and delete reach the service; bad names are refused
//! before anything is sent.

use eframe::egui;
use egui_kittest::kittest::Queryable;

use super::harness::{TestApp, noted, runtime, type_into};

fn names_on_service(t: &TestApp) -> Vec<String> {
    fn walk(cs: &[vodesk_core::model::Category], out: &mut Vec<String>) {
        for c in cs {
            out.push(c.name.clone());
            walk(&c.children, out);
        }
    }
    let tree = runtime().block_on(t.conn.vod.categories()).expect("tree");
    let mut out = Vec::new();
    walk(&tree, &mut out);
    out
}

fn set_name(t: &mut TestApp, text: &str) {
    type_into(t, "Name", text);
}

/// Creates, renames and deletes a top-level category through the window, after checking that
/// `too_long` is refused with `refusal` before anything is sent. Serves every provider.
pub fn crud_through_the_window(t: &mut TestApp, too_long: &str, refusal: &str, names: [&str; 2]) {
    let [first, renamed] = names;
    t.step_until("categories", |app| app.catalog.loaded_categories);
    t.harness.get_by_label("Categories…").click_accesskit();
    t.step();
    t.step();

    set_name(t, too_long);
    t.harness.get_by_label_contains(refusal);
    t.harness.get_by_label("Add top-level").click_accesskit();
    t.step();
    assert!(!t.app().categories.busy, "a bad name is not sent");

    set_name(t, first);
    t.harness.get_by_label("Add top-level").click_accesskit();
    t.step_until("created", |app| {
        !app.categories.busy && app.catalog.names.values().any(|n| n == first)
    });
    assert!(names_on_service(t).contains(&first.to_string()));

    t.step();
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, first)
        .click_accesskit();
    t.step();
    set_name(t, renamed);
    t.harness.get_by_label("Rename selected").click_accesskit();
    t.step_until("renamed", |app| {
        !app.categories.busy && app.catalog.names.values().any(|n| n == renamed)
    });
    assert!(names_on_service(t).contains(&renamed.to_string()));

    t.step();
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, renamed)
        .click_accesskit();
    t.step();
    t.harness.get_by_label("Delete selected").click_accesskit();
    t.step_until("deleted", |app| {
        !app.categories.busy && !app.catalog.names.values().any(|n| n == renamed)
    });
    assert!(!names_on_service(t).contains(&renamed.to_string()));
}

#[test]
fn create_rename_and_delete_a_category() {
    let mut t = TestApp::start();
    // Huawei counts bytes: 22 Chinese characters are 66.
    crud_through_the_window(
        &mut t,
        &"栏".repeat(22),
        "⚠ Category name is 66 bytes long",
        ["新栏目", "改名栏目"],
    );
    t.shutdown();
}

#[test]
fn a_refusal_shows_its_error_code_and_request_id_in_a_toast_and_the_panel() {
    let mut t = TestApp::start();
    // A parent with a child: the service refuses to delete the parent.
    let parent = runtime()
        .block_on(t.conn.vod.create_category("有子栏目", None))
        .expect("parent");
    runtime()
        .block_on(t.conn.vod.create_category("子栏目", Some(parent.id)))
        .expect("child");
    t.app().backend.fetch_categories();
    t.step_until("categories", |app| {
        app.catalog.names.values().any(|n| n == "有子栏目 / 子栏目")
    });
    t.harness.get_by_label("Categories…").click_accesskit();
    t.step();
    t.step();
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "有子栏目")
        .click_accesskit();
    t.step();
    t.harness.get_by_label("Delete selected").click_accesskit();
    t.step_until("refused", |app| {
        !app.categories.busy && noted(app, |n| n.starts_with("The category change was refused"))
    });
    let note = t
        .notes()
        .into_iter()
        .find(|n| n.starts_with("The category change was refused"))
        .unwrap();
    assert!(note.contains("VOD."), "{note}");
    assert!(note.contains("request id "), "{note}");
    t.step();
    // A toast says it (egui-notify paints toasts outside the accessibility tree)…
    assert!(t.app().notes.toasts_shown() >= 1);
    // …and the notification panel keeps it, with a button that copies it whole.
    t.app().run(crate::app::commands::Command::Notifications);
    t.step();
    t.step();
    t.harness.get_by_label("📋").click_accesskit();
    t.step();
    let copied = t
        .harness
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(text) if *text == note));
    assert!(copied, "{:?}", t.harness.output().platform_output.commands);
    assert!(names_on_service(&t).contains(&"有子栏目".to_string()));
    t.shutdown();
}
