//! The category manager: create, rename and delete reach the service; bad names are refused
//! before anything is sent.

use eframe::egui;
use egui_kittest::kittest::Queryable;

use super::harness::{TestApp, runtime};

fn names_on_service(t: &TestApp) -> Vec<String> {
    fn walk(cs: &[vodesk_core::model::Category], out: &mut Vec<String>) {
        for c in cs {
            out.push(c.name.clone());
            walk(&c.children, out);
        }
    }
    let tree = runtime()
        .block_on(t.conn.vod.category_tree())
        .expect("tree");
    let mut out = Vec::new();
    walk(&tree, &mut out);
    out
}

fn set_name(t: &mut TestApp, text: &str) {
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Name")
        .focus();
    t.step();
    t.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    t.step();
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Name")
        .type_text(text);
    t.step();
    t.step();
}

#[test]
fn create_rename_and_delete_a_category() {
    let mut t = TestApp::start();
    t.step_until("categories", |app| !app.catalog.categories.is_empty());
    t.harness.get_by_label("Categories…").click_accesskit();
    t.step();
    t.step();

    set_name(&mut t, &"栏".repeat(22)); // 66 bytes
    t.harness
        .get_by_label_contains("⚠ category name is 66 bytes long");
    t.harness.get_by_label("Add top-level").click_accesskit();
    t.step();
    assert!(!t.app().categories.busy, "a bad name is not sent");

    set_name(&mut t, "新栏目");
    t.harness.get_by_label("Add top-level").click_accesskit();
    t.step_until("created", |app| {
        !app.categories.busy && app.catalog.names.values().any(|n| n == "新栏目")
    });
    assert!(names_on_service(&t).contains(&"新栏目".to_string()));

    t.step();
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "新栏目")
        .click_accesskit();
    t.step();
    set_name(&mut t, "改名栏目");
    t.harness.get_by_label("Rename selected").click_accesskit();
    t.step_until("renamed", |app| {
        !app.categories.busy && app.catalog.names.values().any(|n| n == "改名栏目")
    });
    assert!(names_on_service(&t).contains(&"改名栏目".to_string()));

    t.step();
    t.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "改名栏目")
        .click_accesskit();
    t.step();
    t.harness.get_by_label("Delete selected").click_accesskit();
    t.step_until("deleted", |app| {
        !app.categories.busy && !app.catalog.names.values().any(|n| n == "改名栏目")
    });
    assert!(!names_on_service(&t).contains(&"改名栏目".to_string()));
    t.shutdown();
}
