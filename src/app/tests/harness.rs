//! The test harness: a local service, the app, and helpers to drop files and wait.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::app::backend::Backend;
use crate::app::settings::UiSettings;
use crate::app::shell::VodeskApp;
use crate::app::{engine_config, fonts};
use crate::connection::{Connection, connect_local_on};
use vodesk_core::credentials::Provider;

/// One runtime for all tests (the engine and the service run on it).
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
    })
}

pub struct TestApp {
    pub harness: Harness<'static, Option<VodeskApp>>,
    pub conn: Arc<Connection>,
    pub dir: tempfile::TempDir,
}

/// A dropped file as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

impl TestApp {
    /// A fresh local service and app in a temporary directory.
    pub fn start() -> TestApp {
        Self::start_in(tempfile::tempdir().expect("temp dir"))
    }

    pub fn start_in(dir: tempfile::TempDir) -> TestApp {
        Self::start_on(dir, Provider::Huawei)
    }

    /// A fresh local service and an app on its `kind` personality (the Local-Tencent profile…).
    pub fn start_on(dir: tempfile::TempDir, kind: Provider) -> TestApp {
        if kind == Provider::Tencent {
            keyring();
        }
        let rt = runtime();
        let _g = rt.enter();
        let service_dir = dir.path().join("local");
        let conn = Arc::new(
            rt.block_on(connect_local_on(
                &service_dir,
                ([127, 0, 0, 1], 0).into(),
                kind,
            ))
            .expect("local service starts"),
        );
        Self::resume(conn, dir)
    }

    /// A new app on a running service and the journal kept in `dir` (a restart).
    pub fn resume(conn: Arc<Connection>, dir: tempfile::TempDir) -> TestApp {
        Self::build(conn, dir, false, UiSettings::default(), test_config())
    }

    /// A fresh app whose service the test can stop (the returned handle), with retries short
    /// enough that an unreachable service stops the uploads within a second.
    pub fn start_stoppable() -> (TestApp, vodesk_local::RunningService) {
        let dir = tempfile::tempdir().expect("temp dir");
        let rt = runtime();
        let mut conn = rt
            .block_on(connect_local_on(
                &dir.path().join("local"),
                ([127, 0, 0, 1], 0).into(),
                Provider::Huawei,
            ))
            .expect("local service starts");
        let service = conn.embedded.take().expect("an embedded service");
        let mut config = test_config();
        config.retry = vodesk_core::engine::RetryPolicy {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(50),
            max_attempts: 2,
            ..Default::default()
        };
        let t = Self::build(Arc::new(conn), dir, false, UiSettings::default(), config);
        (t, service)
    }

    /// A fresh app that starts with `settings` (as kept by eframe from a last run).
    pub fn start_with(settings: UiSettings) -> TestApp {
        let t = Self::start();
        let TestApp { harness, conn, dir } = t;
        drop(harness);
        Self::build(conn, dir, false, settings, test_config())
    }

    /// A fresh app that can also render real frames (wgpu, e.g. llvmpipe), for screenshots.
    pub fn start_rendering() -> TestApp {
        Self::start_rendering_on(Provider::Huawei)
    }

    /// [`Self::start_rendering`] on the local service's `kind` personality.
    pub fn start_rendering_on(kind: Provider) -> TestApp {
        if kind == Provider::Tencent {
            keyring();
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let rt = runtime();
        let conn = Arc::new(
            rt.block_on(connect_local_on(
                &dir.path().join("local"),
                ([127, 0, 0, 1], 0).into(),
                kind,
            ))
            .expect("local service starts"),
        );
        Self::build(conn, dir, true, UiSettings::default(), test_config())
    }

    fn build(
        conn: Arc<Connection>,
        dir: tempfile::TempDir,
        render: bool,
        settings: UiSettings,
        config: vodesk_core::engine::EngineConfig,
    ) -> TestApp {
        let rt = runtime();
        let _g = rt.enter();
        // English unless a test asks otherwise, whatever the machine's locale.
        let mut settings = settings;
        if settings.language == crate::i18n::Language::System {
            settings.language = crate::i18n::Language::English;
        }
        let journal = dir.path().join("journal.db");
        let places = crate::app::Places {
            config: dir.path().join("config"),
            local_data: dir.path().join("local"),
        };
        let mut pending = Some((rt.handle().clone(), conn.clone(), journal, settings, config));
        // The app's default window size.
        let mut builder = Harness::builder().with_size([1440.0, 900.0]);
        if render {
            builder = builder.wgpu();
        }
        let harness = builder.build_ui_state(
            move |ui, state: &mut Option<VodeskApp>| {
                if let Some((handle, conn, journal, settings, config)) = pending.take() {
                    fonts::install(ui.ctx()).expect("a CJK font on this machine");
                    let backend = Backend::new(handle, conn, &journal, config, ui.ctx().clone())
                        .expect("backend starts");
                    backend.load_drafts();
                    backend.resume_unfinished();
                    let app = VodeskApp::new(backend, settings, places.clone());
                    // As eframe's start does: the kept limits go to the engine.
                    app.apply_limits();
                    *state = Some(app);
                }
                state.as_mut().expect("app").frame(ui);
            },
            None,
        );
        let mut t = TestApp { harness, conn, dir };
        t.step();
        t
    }

    pub fn app(&mut self) -> &mut VodeskApp {
        self.harness.state_mut().as_mut().expect("app")
    }

    /// The combo box showing `value`.
    pub fn combo<'a>(&'a self, value: &'a str) -> egui_kittest::Node<'a> {
        self.harness.get_by(|n| {
            n.role() == eframe::egui::accesskit::Role::ComboBox
                && n.value().as_deref() == Some(value)
        })
    }

    pub fn step(&mut self) {
        let _g = runtime().enter();
        self.harness.step();
    }

    /// Steps until `done` holds; panics with `what` if it never does (the cap is a safety net
    /// against hangs, not a timing assertion).
    pub fn step_until(&mut self, what: &str, mut done: impl FnMut(&mut VodeskApp) -> bool) {
        for _ in 0..6000 {
            self.step();
            if done(self.app()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("never happened: {what}; notifications: {:#?}", self.notes());
    }

    /// Steps until every row of the queue is uploaded.
    pub fn until_all_uploaded(&mut self) {
        self.step_until("every row uploaded", |app| {
            app.queue.rows.iter().all(|r| {
                r.state == crate::app::queue::RowState::Job(vodesk_core::engine::JobState::Done)
            })
        });
    }

    /// The texts of every notification so far.
    pub fn notes(&mut self) -> Vec<String> {
        self.app()
            .notes
            .history
            .iter()
            .map(|n| n.text.clone())
            .collect()
    }

    /// Uploads one file of `size` bytes named `name` and opens its details; its asset id.
    pub fn upload_and_open(&mut self, name: &str, size: usize, group: Option<&str>) -> String {
        let src = self.dir.path().join("media");
        self.drop_files(&[media(&src, name, size)]);
        self.step_until("row", |app| app.queue.rows.len() == 1);
        self.app().queue.rows[0].meta.preset = group.map(str::to_string);
        self.app().run(crate::app::commands::Command::Start);
        self.step_until("uploaded", |app| {
            app.queue.rows[0].state
                == crate::app::queue::RowState::Job(vodesk_core::engine::JobState::Done)
        });
        let id = self.app().queue.rows[0].asset_id.clone().expect("asset id");
        self.app().open_asset(id.clone());
        self.step_until("details", |app| {
            app.assets.details.is_some() && !app.assets.loading
        });
        self.step();
        id
    }

    /// Drops `paths` onto the window, as the windowing layer does.
    pub fn drop_files(&mut self, paths: &[PathBuf]) {
        let files: Vec<Arc<dyn egui::DroppedFile + Send + Sync>> = paths
            .iter()
            .map(|p| Arc::new(Dropped(p.clone())) as Arc<dyn egui::DroppedFile + Send + Sync>)
            .collect();
        self.harness.input_mut().dropped_files = files;
        self.step();
    }

    /// Row keys in table order.
    pub fn keys(&mut self) -> Vec<u64> {
        self.app().queue.rows.iter().map(|r| r.key).collect()
    }

    /// A client of the local service's object storage, signed with the account's own keys
    /// (to make buckets and objects the app then browses).
    pub fn object_storage(&self) -> vodesk_core::storage::ObsClient {
        use vodesk_core::provider::http::{HttpOptions, ProxyMode};
        use vodesk_core::storage::{Credentials, ObsClient, ObsConfig};
        let info = self.conn.local.as_ref().expect("a local service");
        let keys = vodesk_local::Credentials::read_stored(&self.dir.path().join("local"))
            .expect("the local service's keys");
        let mut config = ObsConfig::new(
            info.object_endpoint.clone(),
            Credentials::new(keys.access_key, keys.secret_key),
        );
        // The service is on loopback: a proxy from the environment must not see it.
        config.http = HttpOptions {
            proxy: ProxyMode::Direct,
            ..HttpOptions::default()
        };
        ObsClient::new(config).expect("an object storage client")
    }

    /// Stops the in-process service (tests end cleanly without leaving ports bound).
    pub fn shutdown(self) -> tempfile::TempDir {
        let TestApp {
            harness, conn, dir, ..
        } = self;
        drop(harness);
        if let Ok(c) = Arc::try_unwrap(conn) {
            runtime().block_on(c.close());
        }
        dir
    }
}

/// Small parts, so a test file of a few MiB is a multipart upload that can stop between parts.
fn test_config() -> vodesk_core::engine::EngineConfig {
    vodesk_core::engine::EngineConfig {
        part_size: 5 * 1024 * 1024,
        ..engine_config()
    }
}

/// Whether some notification's text `is` what the test waits for.
pub fn noted(app: &VodeskApp, is: impl Fn(&str) -> bool) -> bool {
    app.notes.history.iter().any(|n| is(&n.text))
}

/// Writes a media file of `size` bytes (content differs per name, so no duplicates).
pub fn media(dir: &Path, name: &str, size: usize) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    let seed = name
        .bytes()
        .fold(7u8, |a, b| a.wrapping_mul(31).wrapping_add(b));
    let data: Vec<u8> = (0..size)
        .map(|i| (i as u8).wrapping_mul(seed).wrapping_add(seed))
        .collect();
    std::fs::write(&p, data).expect("write media");
    p
}

#[path = "../../../tests/e2e/keyring.rs"]
mod keyring;

#[path = "../../../tests/e2e/unfinished.rs"]
mod unfinished;

impl TestApp {
    /// Leaves a multipart upload of `key` unfinished in `bucket` of the local service, with
    /// parts of `parts` bytes; its upload id.
    pub fn leave_unfinished(&self, bucket: &str, key: &str, parts: &[usize]) -> String {
        let endpoint = &self.conn.local.as_ref().expect("local").object_endpoint;
        let keys = vodesk_local::Credentials::read_stored(&self.dir.path().join("local"))
            .expect("the local service's keys");
        let keys = (keys.access_key.as_str(), keys.secret_key.as_str());
        runtime().block_on(unfinished::begin(endpoint, keys, bucket, key, parts))
    }

    /// Shows the bucket browser and picks `bucket` in it, as a person does.
    pub fn open_bucket(&mut self, bucket: &str) {
        self.app().show_buckets = true;
        self.step_until("buckets listed", |app| {
            app.buckets.buckets.iter().any(|b| b.name == bucket)
        });
        // In the app's language (this thread's).
        let choose = t!("buckets-choose-combo");
        self.combo(&choose).click_accesskit();
        self.step();
        self.step();
        self.harness.get_by_label(bucket).click_accesskit();
        self.step_until("top level listed", |app| !app.buckets.listing);
        self.step();
    }
}

static PIDS: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();

extern "C" fn end_keyring() {
    for pid in PIDS.get().into_iter().flatten() {
        // SAFETY: kill(2) with a pid we started; nothing else to uphold.
        unsafe {
            libc::kill(*pid as libc::pid_t, libc::SIGTERM);
        }
    }
}

/// One keyring for the whole test process: keyring's store connects to the session bus once
/// per process, so the bus address must be set before the first keychain call and stay. Every
/// test that may reach the keychain calls this first (profiles; Tencent uploads, whose
/// certificates are kept there).
pub fn keyring() {
    static KEYRING: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    KEYRING.get_or_init(|| {
        let k = keyring::Keyring::start();
        // SAFETY: set once, before any keychain call of this process reads it; the other
        // tests of this binary do not touch these variables.
        unsafe {
            std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &k.address);
        }
        let _ = PIDS.set(k.pids());
        // SAFETY: registering a plain extern "C" function.
        unsafe {
            libc::atexit(end_keyring);
        }
        // Its temporary HOME must outlive the process's use of it.
        std::mem::forget(k);
    });
}

/// The text field labelled `label` (a table column may have the same name).
pub fn field<'a>(t: &'a TestApp, label: &'a str) -> egui_kittest::Node<'a> {
    use eframe::egui::accesskit::Role;
    t.harness.get_by(move |n| {
        matches!(n.role(), Role::TextInput | Role::MultilineTextInput)
            && n.label().as_deref() == Some(label)
    })
}

/// Replaces the text of the field labelled `label`.
pub fn type_into(t: &mut TestApp, label: &str, text: &str) {
    field(t, label).focus();
    t.step();
    t.harness
        .key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    t.step();
    field(t, label).type_text(text);
    t.step();
    t.step();
}

impl TestApp {
    /// A new top-level category made on the service and known to the app, with the first
    /// preset the app lists: what a test uploads into.
    pub fn category_and_preset(&mut self, name: &str) -> (vodesk_core::model::Category, String) {
        let category = runtime()
            .block_on(self.conn.vod.create_category(name, None))
            .expect("a category");
        self.app().backend.fetch_categories();
        self.step_until("categories and presets", |app| {
            app.catalog.names.contains_key(&category.id) && !app.catalog.templates.is_empty()
        });
        let preset = self.app().catalog.templates[0].id.clone();
        (category, preset)
    }
}

impl TestApp {
    /// Adds a profile of the cloud `cloud` (its name in the form's Cloud list) through the
    /// form, which must show `words` once the cloud is chosen: `fill` completes the draft;
    /// saved (after the connection test passes), then tested from the list. The test's
    /// verdict sentence.
    pub fn add_profile_through_form(
        &mut self,
        cloud: &str,
        words: &[&str],
        name: &str,
        fill: impl FnOnce(&mut crate::app::profiles::ProfileDraft),
    ) -> String {
        self.harness.get_by_label("Connect a cloud account").click();
        self.step();
        self.step();
        // Choosing the cloud changes the form's words and the region's default.
        self.combo("Huawei Cloud VOD").click_accesskit();
        self.step();
        self.step();
        self.harness
            .get_by_role_and_label(eframe::egui::accesskit::Role::Button, cloud)
            .click_accesskit();
        self.step();
        self.step();
        self.harness
            .get_by_label_contains(&format!("New profile ({cloud})"));
        for w in words {
            self.harness.get_by_label_contains(w);
        }
        {
            let d = self.app().profiles.draft.as_mut().expect("a profile form");
            d.name = name.into();
            fill(d);
        }
        self.step();
        self.harness.get_by_label("Save").click();
        self.step_until("the profile is saved", |app| {
            app.profiles.saved.iter().any(|p| p.name == name)
        });
        let (ok, msg) = self.app().profiles.status.clone().expect("a verdict");
        assert!(ok, "{msg}");
        // The list's Test names what worked, in the cloud's words.
        self.step();
        self.harness.get_by_label("Test").click();
        self.step_until("tested", |app| {
            !app.profiles.busy
                && app
                    .profiles
                    .status
                    .as_ref()
                    .is_some_and(|(_, m)| m.starts_with("OK"))
        });
        let (ok, msg) = self.app().profiles.status.clone().unwrap();
        assert!(ok, "{msg}");
        msg
    }

    /// Switches to the saved profile `name` from the top bar and waits until its categories
    /// (among them `category`) are shown.
    pub fn switch_to_profile(&mut self, name: &str, category: &str) {
        self.app().profiles.open = false;
        self.step();
        self.combo("Profile: Local").click_accesskit();
        self.step();
        self.step();
        self.harness.get_by_label(name).click_accesskit();
        self.step_until("switched", |app| {
            app.backend.info.name == name
                && app.catalog.categories.iter().any(|c| c.name == category)
        });
    }

    /// Asserts that the keychain holds `secret` as the secret key of profile `name`.
    pub fn assert_secret_in_keychain(name: &str, secret: &str) {
        let stored = vodesk_core::credentials::keychain::get(
            name,
            vodesk_core::credentials::SecretKind::SecretKey,
        )
        .expect("keychain works");
        assert_eq!(stored.as_ref().map(|s| s.expose()), Some(secret));
    }

    /// The first template group of the account that transcodes.
    pub fn transcoding_preset(&mut self) -> String {
        self.app()
            .catalog
            .templates
            .iter()
            .find(|p| p.transcodes)
            .expect("a transcoding preset")
            .id
            .clone()
    }
}

/// Another account of `kind`: a second local service in its own folder with a category named
/// `category`, its start-up facts, and the folder (where its keys are kept).
pub fn other_account(
    kind: Provider,
    category: &str,
) -> (Connection, vodesk_local::StartupInfo, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let other = runtime()
        .block_on(connect_local_on(
            dir.path(),
            ([127, 0, 0, 1], 0).into(),
            kind,
        ))
        .expect("the other account");
    runtime()
        .block_on(other.vod.create_category(category, None))
        .expect("a category there");
    let info = other.local.clone().expect("local info");
    (other, info, dir)
}

/// The assets on the service (the first hundred), or only those of `ids` when any are given.
pub fn assets_on_service(t: &TestApp, ids: &[&str]) -> Vec<vodesk_core::model::Asset> {
    let q = vodesk_core::provider::api::AssetQuery {
        ids: ids.iter().map(|i| i.to_string()).collect(),
        page_size: 100,
        ..Default::default()
    };
    runtime()
        .block_on(t.conn.vod.list_assets(&q, None))
        .expect("list")
        .assets
}

/// The asset's status on the service, as the service words it.
pub fn status_on_service(t: &TestApp, id: &str) -> Option<String> {
    assets_on_service(t, &[id])
        .first()
        .map(|a| a.status.raw.clone())
        .filter(|s| !s.is_empty())
}

/// The statuses of the assets on the service, as the service words them.
pub fn statuses_on_service(t: &TestApp) -> Vec<String> {
    assets_on_service(t, &[])
        .iter()
        .map(|a| a.status.raw.clone())
        .collect()
}
