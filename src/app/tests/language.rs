//! The language: chosen in Settings it applies at once (no restart) and is kept with the
//! settings; the screens converted to the catalogue speak Chinese.

use egui_kittest::kittest::Queryable;

use super::harness::{TestApp, media, runtime};
use crate::app::settings::UiSettings;
use crate::i18n::Language;

/// The app started with `lang` chosen in its settings.
pub fn in_language(lang: Language) -> TestApp {
    TestApp::start_with(UiSettings {
        language: lang,
        ..Default::default()
    })
}

#[test]
fn chinese_chosen_in_settings_applies_at_once_and_is_kept() {
    let mut t = TestApp::start();
    t.app().show_settings = true;
    // A window is measured in its first frame and drawn in the next.
    t.step();
    t.step();
    t.harness.get_by_label("Concurrent files");
    t.harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "Language")
        .click();
    t.step();
    t.step();
    t.harness.get_by_label("简体中文").click();
    t.step();
    t.step();
    assert_eq!(t.app().settings.language, Language::Chinese);
    // The same frame's window already speaks Chinese.
    t.harness.get_by_label("每个文件的并行分段数");
    t.harness.get_by_label("跟随系统");
    assert!(t.harness.query_by_label("Concurrent files").is_none());

    // Kept as eframe keeps the settings, and back to English at once.
    let kept = serde_json::to_string(&t.app().settings).expect("serialised");
    let back: UiSettings = serde_json::from_str(&kept).expect("read back");
    assert_eq!(back.language, Language::Chinese);
    t.app().settings.language = Language::English;
    t.step();
    t.step();
    t.harness.get_by_label("Concurrent files");
}

#[test]
fn the_bucket_browsers_unfinished_uploads_speak_chinese() {
    let mut t = in_language(Language::Chinese);
    let obs = t.object_storage();
    runtime()
        .block_on(obs.create_bucket("media-in", None))
        .expect("bucket");
    t.leave_unfinished("media-in", "2026/海岸.mp4", &[1000]);
    t.leave_unfinished("media-in", "2026/b.mp4", &[1000]);
    t.open_bucket("media-in");
    t.harness.get_by_label("未完成的上传…").click_accesskit();
    t.step_until("listed", |app| {
        let u = &app.buckets.unfinished;
        !u.loading && u.uploads.len() == 2
    });
    t.step();
    t.harness.get_by_label("2 个未完成的上传占用 2.0 KB。");
    t.harness.get_by_label("2026/海岸.mp4").click_accesskit();
    t.step();
    t.harness.get_by_label("取消所选上传").click_accesskit();
    t.step_until("aborted", |app| {
        let u = &app.buckets.unfinished;
        !u.busy && !u.loading && u.uploads.len() == 1
    });
    t.step();
    t.harness.get_by_label("已取消 1 个上传。");
}

#[test]
fn the_queue_form_and_asset_list_speak_chinese() {
    let mut t = TestApp::start();
    t.app().settings.language = Language::Chinese;
    t.step();
    let src = t.dir.path().join("media");
    t.drop_files(&[media(&src, "海岸.mp4", 4096)]);
    t.step_until("row", |app| app.queue.rows.len() == 1);
    t.step();
    let shown = |t: &TestApp, label: &str| t.harness.query_all_by_label(label).count() > 0;
    for label in [
        "上传队列",
        "▶ 开始",
        "➕ 添加文件…",
        "文件名",
        "就绪",
        "媒资",
        "元数据",
        "标题模板",
        "转码模板组",
        "已完成 0 / 1 个文件",
    ] {
        assert!(shown(&t, label), "{label} is not shown");
    }
    // Combo boxes show their choice as a value.
    for value in ["全部状态", "最新优先", "任意时间"] {
        assert!(
            t.harness.query_all_by_value(value).count() > 0,
            "{value} is not shown"
        );
    }
    for english in ["Upload queue", "Name", "ready", "Metadata", "Newest first"] {
        assert!(!shown(&t, english), "{english} is still shown");
        assert_eq!(
            t.harness.query_all_by_value(english).count(),
            0,
            "{english}"
        );
    }
}

/// A field's problem names the field as the form labels it, in the language in use.
#[test]
fn a_field_problem_names_the_form_field_in_english_and_chinese() {
    use eframe::egui::accesskit::Role;
    for (lang, enable, interval, problem) in [
        (
            Language::English,
            "Thumbnails",
            "Interval (s)",
            "⚠ Thumbnail interval must be 0–100 s; it is 101 s.",
        ),
        (
            Language::Chinese,
            "截图",
            "间隔（秒）",
            "⚠ 截图间隔须在 0–100 秒之间，当前为 101 秒。",
        ),
    ] {
        let mut t = in_language(lang);
        // The form settles once the service's categories are in (a busy machine takes a
        // while); a click on the layout before then can miss.
        t.step_until("catalog", |app| !app.catalog.categories.is_empty());
        t.step();
        // The defaults form (no row selected) takes thumbnails on the Huawei-like service.
        t.harness
            .get_by_role_and_label(Role::CheckBox, enable)
            .click_accesskit();
        t.step();
        t.step();
        super::harness::type_into(&mut t, interval, "101");
        t.harness.get_by_label(problem);
        assert!(
            t.harness
                .query_by_label_contains("thumbnail-interval")
                .is_none()
        );
        t.shutdown();
    }
}

#[test]
fn the_bucket_browser_speaks_chinese() {
    let mut t = in_language(Language::Chinese);
    let obs = t.object_storage();
    let clip = media(t.dir.path(), "源片.mp4", 4096);
    runtime().block_on(async {
        obs.create_bucket("media-in", None).await.expect("bucket");
        for key in ["2026/源片.mp4", "readme.txt"] {
            obs.put_object("media-in", key, &clip, Some("video/mp4"))
                .await
                .expect("object");
        }
    });
    t.open_bucket("media-in");
    t.harness.get_by_label("导入所选的 0 个");
    t.harness.get_by_label("授权 VOD");
    t.harness.get_by_label_contains("通过 URL 导入（每行一个");
    t.harness.get_by_label("导入 URL");
    t.harness
        .get_by_label_contains("导入使用元数据表单的默认值");
    // A URL that is not one says so in Chinese.
    t.app().buckets.urls = "ftp://example.com/a.mp4".into();
    t.step();
    t.step();
    t.harness
        .get_by_label("⚠ “ftp://example.com/a.mp4”必须是 http 或 https");
    for english in ["Import URLs", "Authorize VOD", "Load more", "Empty."] {
        assert!(t.harness.query_by_label(english).is_none(), "{english}");
    }
    t.shutdown();
}

#[test]
fn the_profiles_window_speaks_chinese() {
    use eframe::egui::accesskit::Role;
    let mut t = in_language(Language::Chinese);
    t.app().profiles.open = true;
    t.app().profiles.add_new();
    t.step();
    t.step();
    t.harness.get_by_label("新建配置（华为云点播）");
    t.harness
        .get_by_label("访问密钥在华为云控制台创建：我的凭证 > 访问密钥");
    // The region list names regions in Huawei's Chinese.
    t.combo("cn-north-4 — 华北-北京四").click_accesskit();
    t.step();
    t.step();
    t.harness
        .get_by_role_and_label(Role::Button, "cn-east-3 — 华东-上海一");
    t.harness.get_by_role_and_label(Role::Button, "其他…");
    t.harness
        .get_by_role_and_label(Role::Button, "cn-east-3 — 华东-上海一")
        .click_accesskit();
    t.step();
    t.step();
    t.combo("cn-east-3 — 华东-上海一");
    for label in ["测试连接", "保存", "设为默认", "访问密钥 ID（AK）", "区域"] {
        t.harness.get_by_label(label);
    }
    for english in ["Save", "Test connection", "Region", "Profiles"] {
        assert!(t.harness.query_by_label(english).is_none(), "{english}");
    }
    t.shutdown();
}

/// Notes about uploads and the confirmation before deleting speak Chinese, plurals and all.
#[test]
fn notes_and_confirmations_speak_chinese() {
    let mut t = in_language(Language::Chinese);
    let src = t.dir.path().join("media");
    t.drop_files(&[media(&src, "海岸.mp4", 4096), media(&src, "港口.mp4", 4096)]);
    t.step_until("rows", |app| app.queue.rows.len() == 2);
    t.app().queue.select_all();
    t.app().run(crate::app::commands::Command::Start);
    t.until_all_uploaded();
    t.step_until("noted", |app| {
        app.notes
            .history
            .iter()
            .any(|n| n.text == "已上传 2 个文件。")
    });
    assert!(t.notes().iter().any(|n| n == "正在上传 2 个文件。"));

    let ids: Vec<String> = t
        .app()
        .queue
        .rows
        .iter()
        .filter_map(|r| r.asset_id.clone())
        .collect();
    t.app().assets.confirm_delete = Some(ids);
    t.step();
    t.step();
    t.harness.get_by_label("删除媒资？");
    t.harness
        .get_by_label("从服务中删除 2 个媒资？其媒体文件和转码输出将被移除，且无法撤销。");
    t.harness.get_by_label("保留").click();
    t.step();
    assert!(t.app().assets.confirm_delete.is_none());
    t.shutdown();
}
