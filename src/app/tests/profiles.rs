//! Profiles in the app: add one through the profile screen (secret into a real keychain), switch
//! to it from the top bar and see the other account's data, switch back.

use std::sync::Arc;

use egui_kittest::kittest::Queryable;
use vodesk_core::credentials::keychain::{self, SecretKind};

use super::harness::{TestApp, keyring, runtime};
use crate::connection::connect_local_on;

/// A second account: another local service with its own data (kept in the returned folder).
fn second_account() -> (tempfile::TempDir, Arc<crate::connection::Connection>) {
    let dir = tempfile::tempdir().unwrap();
    let conn = runtime()
        .block_on(connect_local_on(
            dir.path(),
            ([127, 0, 0, 1], 0).into(),
            vodesk_core::credentials::Provider::Huawei,
        ))
        .expect("second service");
    (dir, Arc::new(conn))
}

/// The keys of the local service whose data is in `data_dir`.
fn keys(data_dir: &std::path::Path) -> vodesk_local::Credentials {
    vodesk_local::Credentials::read_stored(data_dir).expect("the local service's keys")
}

/// Types the account of `conn` (its data in `data_dir`) into the open profile form, named
/// `name`.
fn fill_form(
    t: &mut TestApp,
    name: &str,
    conn: &crate::connection::Connection,
    data_dir: &std::path::Path,
) {
    let info = conn.local.clone().expect("local info");
    let creds = keys(data_dir);
    let d = t.app().profiles.draft.as_mut().expect("a profile form");
    d.name = name.into();
    d.region = info.region.clone();
    d.endpoint = info.vod_endpoint.clone();
    d.object_endpoint = info.object_endpoint.clone();
    d.access_key = creds.access_key.clone();
    d.secret_key = creds.secret_key.clone();
}

fn close(conn: Arc<crate::connection::Connection>) {
    runtime().block_on(async move {
        if let Ok(c) = Arc::try_unwrap(conn) {
            c.close().await;
        }
    });
}

#[test]
fn add_a_profile_switch_to_it_and_back() {
    keyring();
    let mut t = TestApp::start();
    // A second account: another local service with its own data.
    let (other_dir, other) = second_account();
    runtime()
        .block_on(other.vod.create_category("第二个账号", None))
        .expect("category on the second account");
    let info = other.local.clone().expect("local info");
    let creds = keys(other_dir.path());

    // "Connect a cloud account" opens the profile form.
    t.harness.get_by_label("Connect a cloud account").click();
    t.step();
    t.step();
    t.harness.get_by_label_contains("New profile");
    fill_form(&mut t, "second", &other, other_dir.path());
    t.step();
    t.harness.get_by_label("Save").click();
    t.step_until("the profile is saved", |app| {
        app.profiles.saved.iter().any(|p| p.name == "second")
    });
    let (ok, msg) = t.app().profiles.status.clone().expect("a verdict");
    assert!(ok, "{msg}");
    let saved = t.app().profiles.saved[0].clone();
    assert_eq!(saved.project_id, creds.project_id);
    let stored = keychain::get("second", SecretKind::SecretKey).expect("keychain works");
    assert_eq!(
        stored.as_ref().map(|s| s.expose()),
        Some(creds.secret_key.as_str())
    );
    let toml = std::fs::read_to_string(t.app().places.config.join("profiles.toml")).unwrap();
    assert!(!toml.contains(&creds.secret_key), "{toml}");

    // One click in the top bar switches; the second account's categories arrive.
    t.app().profiles.open = false;
    t.step();
    t.combo("Profile: Local").click_accesskit();
    t.step();
    t.step();
    t.harness.get_by_label("second").click_accesskit();
    t.step_until("switched to the second profile", |app| {
        app.backend.info.name == "second"
            && app
                .catalog
                .categories
                .iter()
                .any(|c| c.name == "第二个账号")
    });
    assert_eq!(t.app().backend.info.endpoint, info.vod_endpoint);
    t.step();
    t.combo("Profile: second");

    // And back to the local library.
    t.app().switch_profile("Local");
    t.step_until("back on Local", |app| app.backend.info.name == "Local");
    assert!(t.app().backend.info.is_local);

    // Removing it takes the secret out of the keychain.
    t.app().profiles.open = true;
    let places = t.app().places.clone();
    t.app().backend.profile_action(
        places.config,
        crate::app::profiles::ProfileAction::Remove("second".into()),
    );
    t.step_until("removed", |app| app.profiles.saved.is_empty());
    assert_eq!(
        keychain::get("second", SecretKind::SecretKey).unwrap(),
        None
    );
    t.shutdown();
    close(other);
    drop(other_dir);
}

#[test]
fn editing_a_profile_keeps_the_secrets_not_retyped_and_replaces_the_typed_ones() {
    keyring();
    let mut t = TestApp::start();
    let (other_dir, other) = second_account();
    let creds = keys(other_dir.path());
    t.app().profiles.add_new();
    fill_form(&mut t, "temporary", &other, other_dir.path());
    t.app().profiles.draft.as_mut().unwrap().security_token = "token-one".into();
    t.step();
    t.step();
    t.harness.get_by_label("Save").click();
    t.step_until("saved", |app| {
        app.profiles.saved.iter().any(|p| p.name == "temporary")
    });
    let token = || {
        keychain::get("temporary", SecretKind::SecurityToken)
            .expect("keychain works")
            .map(|s| s.expose().to_string())
    };
    assert_eq!(token().as_deref(), Some("token-one"));

    // The list's Test uses what the keychain holds.
    t.step();
    t.harness.get_by_label("Test").click();
    t.step_until("tested", |app| {
        !app.profiles.busy && app.profiles.status.is_some()
    });
    let (ok, msg) = t.app().profiles.status.clone().unwrap();
    assert!(ok, "{msg}");

    // Edit with every secret field left empty: Test works, Save keeps them all.
    t.harness.get_by_label("Edit").click();
    t.step();
    t.step();
    assert!(
        t.app()
            .profiles
            .draft
            .as_ref()
            .unwrap()
            .secret_key
            .is_empty()
    );
    t.harness.get_by_label("Test connection").click();
    t.step_until("edit tested", |app| {
        !app.profiles.busy && app.profiles.status.is_some()
    });
    assert!(t.app().profiles.status.as_ref().unwrap().0);
    // Only the token is retyped: it is replaced, the secret key stays.
    t.app().profiles.draft.as_mut().unwrap().security_token = "token-two".into();
    t.step();
    t.harness.get_by_label("Save").click();
    t.step_until("edit saved", |app| {
        !app.profiles.busy && app.profiles.status.is_some()
    });
    let (ok, msg) = t.app().profiles.status.clone().unwrap();
    assert!(ok, "{msg}");
    assert_eq!(token().as_deref(), Some("token-two"));
    let sk = keychain::get("temporary", SecretKind::SecretKey).unwrap();
    assert_eq!(
        sk.as_ref().map(|s| s.expose()),
        Some(creds.secret_key.as_str())
    );
    assert!(
        t.app()
            .profiles
            .saved
            .iter()
            .any(|p| p.name == "temporary" && p.security_token)
    );
    vodesk_core::credentials::manage::remove(&t.app().places.config, "temporary")
        .expect("clean up");
    t.shutdown();
    close(other);
    drop(other_dir);
}

/// Opens a new profile form, lets `choose` set its region, saves it without a test and gives
/// the region saved.
fn saved_region(t: &mut TestApp, name: &str, choose: impl FnOnce(&mut TestApp)) -> Option<String> {
    t.app().profiles.add_new();
    t.step();
    t.step();
    choose(t);
    {
        let d = t.app().profiles.draft.as_mut().expect("a profile form");
        d.name = name.into();
        // A project id of its own: nothing is looked up on a network.
        d.project_id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9".into();
        d.access_key = "AK-REGION-TEST".into();
        d.secret_key = "SK-REGION-TEST".into();
        d.skip_test = true;
    }
    t.step();
    t.harness.get_by_label("Save").click();
    t.step_until("saved", |app| {
        app.profiles.saved.iter().any(|p| p.name == name)
    });
    let saved = t.app().profiles.saved.iter().find(|p| p.name == name);
    saved.and_then(|p| p.region.clone())
}

#[test]
fn the_region_is_chosen_from_the_provider_s_list_or_typed_under_other() {
    use eframe::egui::accesskit::Role;
    keyring();
    let mut t = TestApp::start();
    // A listed region, chosen from the list of Huawei's (the form's first cloud).
    let listed = saved_region(&mut t, "shanghai", |t| {
        t.combo("cn-north-4 — CN North-Beijing4").click_accesskit();
        t.step();
        t.step();
        t.harness
            .get_by_role_and_label(Role::Button, "cn-east-3 — CN East-Shanghai1")
            .click_accesskit();
        t.step();
        t.step();
        // The key console is a link, in the cloud's words.
        t.harness
            .get_by_label_contains("Access keys are created in the Huawei Cloud console");
    });
    assert_eq!(listed.as_deref(), Some("cn-east-3"));

    // A region the list does not have: Other…, then typed.
    let typed = saved_region(&mut t, "elsewhere", |t| {
        t.combo("cn-north-4 — CN North-Beijing4").click_accesskit();
        t.step();
        t.step();
        t.harness
            .get_by_role_and_label(Role::Button, "Other…")
            .click_accesskit();
        t.step();
        t.step();
        super::harness::type_into(t, "Region ID", "la-south-2");
    });
    assert_eq!(typed.as_deref(), Some("la-south-2"));

    // Editing it again shows Other… with its value.
    let p = t
        .app()
        .profiles
        .saved
        .iter()
        .find(|p| p.name == "elsewhere")
        .cloned();
    t.app().profiles.draft = Some(crate::app::profiles::ProfileDraft::edit(&p.unwrap()));
    t.step();
    t.step();
    t.combo("Other…");
    assert_eq!(
        super::harness::field(&t, "Region ID").value().as_deref(),
        Some("la-south-2")
    );
    t.shutdown();
}

#[test]
fn a_profile_problem_names_the_form_field_not_the_cli_option() {
    keyring();
    let mut t = TestApp::start();
    t.app().profiles.add_new();
    {
        let d = t.app().profiles.draft.as_mut().expect("a profile form");
        d.name = "bad region".into();
        d.region = "CN North".into();
        d.access_key = "AK-REGION-TEST".into();
        d.secret_key = "SK-REGION-TEST".into();
        d.skip_test = true;
    }
    t.step();
    t.step();
    t.harness.get_by_label("Save").click();
    t.step_until("refused", |app| {
        !app.profiles.busy && app.profiles.status.is_some()
    });
    let (ok, msg) = t.app().profiles.status.clone().unwrap();
    assert!(!ok);
    assert_eq!(
        msg,
        "Region: \"CN North\" is not a region ID; choose one from the list."
    );
    t.shutdown();
}
