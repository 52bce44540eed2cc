//! The app on the local service's Alibaba personality (the Local-Alibaba profile): the form
//! offers what Alibaba takes (template groups, a workflow by ID and a cover; no encryption,
//! snapshots or expiry), an upload's row follows its video until it plays, the audit blocks and
//! unblocks it in Alibaba's words, categories are managed three levels deep, and an Alibaba
//! profile is added through the form.

use egui_kittest::kittest::Queryable;
use vodesk_core::credentials::Provider;
use vodesk_core::engine::JobState;

use super::harness::{TestApp, noted, runtime, status_on_service, type_into};
use crate::app::commands::Command;
use crate::app::queue::RowState;

#[test]
fn an_alibaba_upload_is_followed_until_it_plays_then_blocked_and_unblocked() {
    let mut t = TestApp::start_on(tempfile::tempdir().unwrap(), Provider::Aliyun);
    assert_eq!(t.app().profiles.current, "Local-Alibaba");
    let (category, _) = t.category_and_preset("旅行 Travel");
    let group = t.transcoding_preset();

    // The form speaks Alibaba: template groups, and none of what Alibaba does not take.
    t.harness.get_by_label_contains("Template group");
    super::harness::field(&t, "Workflow ID");
    assert!(t.harness.query_by_label("Auto-encrypt").is_none());
    assert!(t.harness.query_by_label_contains("Thumbnail").is_none());
    assert!(t.harness.query_by_label_contains("Expires").is_none());

    let src = t.dir.path().join("media");
    t.drop_files(&[super::harness::media(&src, "海岸 dawn.mp4", 300_000)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    {
        let meta = &mut t.app().queue.rows[0].meta;
        meta.category_id = Some(category.id);
        meta.preset = Some(group.clone());
        meta.auto_publish = true;
    }
    t.app().run(Command::Start);
    t.until_all_uploaded();
    let id = t.app().queue.rows[0].asset_id.clone().expect("a VideoId");
    // No confirm call at Alibaba: the row follows the video (Uploading → … → Normal) by itself.
    until_first_row_plays(&mut t);
    assert_eq!(t.app().queue.rows[0].state, RowState::Job(JobState::Done));
    t.harness.get_by_label("done ✔ · passed review");
    let d = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("details");
    assert_eq!(d.asset.category_id, Some(category.id));
    assert_eq!(d.preset_name.as_deref(), Some(group.as_str()));

    t.app().open_asset(id.clone());
    t.step_until("details", |app| {
        app.assets.details.is_some() && !app.assets.loading
    });
    t.step();
    assert!(
        t.harness.query_by_label("Publish").is_none(),
        "Alibaba's words"
    );
    t.harness.get_by_label("Block").click_accesskit();
    t.step_until("blocked", |app| {
        !app.assets.busy && noted(app, |n| n.contains("1 asset blocked"))
    });
    assert_eq!(status_on_service(&t, &id).unwrap_or_default(), "Blocked");
    // The list and the open details show the block before the next click.
    t.step_until("list and details reloaded", |app| {
        !app.assets.loading
            && !app.assets.busy
            && app.assets.details.as_ref().is_some_and(|d| {
                d.asset.status.state == vodesk_core::model::AssetState::Unpublished
            })
    });
    t.step();
    t.harness.get_by_label("Unblock").click_accesskit();
    t.step_until("unblocked", |app| {
        !app.assets.busy && noted(app, |n| n.contains("unblocked"))
    });
    assert_eq!(status_on_service(&t, &id).unwrap_or_default(), "Normal");
}

/// Steps until the first row's video is Normal on the service, as the row shows it.
fn until_first_row_plays(t: &mut TestApp) {
    t.step_until("the video plays", |app| {
        app.queue.rows[0]
            .asset_status
            .as_ref()
            .is_some_and(|s| s.raw == "Normal")
    });
}

#[test]
fn a_workflow_typed_by_its_id_runs_in_place_of_the_template_group() {
    let mut t = TestApp::start_on(tempfile::tempdir().unwrap(), Provider::Aliyun);
    let src = t.dir.path().join("media");
    t.drop_files(&[super::harness::media(&src, "workflow.mp4", 50_000)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.app().run(Command::SelectAll);
    t.step();

    // An ID has no spaces: the field says so, and Start is refused until it is fixed.
    type_into(&mut t, "Workflow ID", "my workflow");
    // The field and the queue's row say it in the same words.
    assert!(
        t.harness
            .query_all_by_label_contains("⚠ Workflow ID: \"my workflow\" is not a workflow ID")
            .count()
            >= 1
    );
    t.app().run(Command::Start);
    t.step();
    assert_eq!(t.app().queue.rows[0].state, RowState::Draft);
    type_into(&mut t, "Workflow ID", vodesk_local::WORKFLOW_ID);
    assert!(t.harness.query_by_label_contains("⚠ Workflow ID").is_none());
    assert_eq!(
        t.app().queue.rows[0].meta.workflow_name.as_deref(),
        Some(vodesk_local::WORKFLOW_ID)
    );

    // Chosen with a group that keeps the original as it is, the workflow still wins.
    t.step_until("presets", |app| !app.catalog.templates.is_empty());
    let keep = t.app().catalog.templates.iter().find(|p| !p.transcodes);
    let keep = keep.expect("a no-transcoding group").id.clone();
    t.app().queue.rows[0].meta.preset = Some(keep.clone());

    t.app().run(Command::Start);
    t.until_all_uploaded();
    let id = t.app().queue.rows[0].asset_id.clone().expect("a VideoId");
    until_first_row_plays(&mut t);
    // The local workflow runs the default template group, which transcodes.
    let d = runtime()
        .block_on(t.conn.vod.asset_details(&id))
        .expect("details");
    let ran = d.preset_name.expect("a template group");
    assert_ne!(ran, keep);
    let templates = &t.app().catalog.templates;
    assert!(
        templates.iter().any(|p| p.id == ran && p.transcodes),
        "{ran}"
    );
}

#[test]
fn categories_are_created_renamed_and_deleted_from_the_categories_window() {
    let mut t = TestApp::start_on(tempfile::tempdir().unwrap(), Provider::Aliyun);
    // Alibaba counts bytes: 22 Chinese characters are 66 bytes, over the 64 allowed.
    super::categories::crud_through_the_window(
        &mut t,
        &"类".repeat(22),
        "64 bytes",
        ["新分类", "改名分类"],
    );
}

#[test]
fn an_alibaba_profile_is_added_through_the_form_and_used() {
    super::harness::keyring();
    // The Alibaba account: another local service, reached by its Alibaba endpoint and keys.
    let mut t = TestApp::start();
    let (other, info, other_dir) =
        super::harness::other_account(Provider::Aliyun, "阿里云账号的分类");
    let keys = vodesk_local::AliyunCredentials::read_stored(other_dir.path()).expect("keys");

    let msg = t.add_profile_through_form(
        "Alibaba Cloud ApsaraVideo VOD",
        &["RAM > AccessKey", "AccessKey ID"],
        "阿里云",
        |d| {
            assert_eq!(d.region, "cn-shanghai");
            d.endpoint = info.aliyun_endpoint.clone();
            d.object_endpoint = info.aliyun_oss_endpoint.clone();
            d.access_key = keys.access_key_id.clone();
            d.secret_key = keys.access_key_secret.clone();
        },
    );
    assert!(msg.contains("AccessKey ID"), "{msg}");
    TestApp::assert_secret_in_keychain("阿里云", &keys.access_key_secret);

    // Switching to it shows the Alibaba account's categories and Alibaba's words.
    t.switch_to_profile("阿里云", "阿里云账号的分类");
    t.harness.get_by_label_contains("Template group");
    runtime().block_on(async move { other.close().await });
}
