//! The desktop app (eframe/egui): the UI draws state and sends commands; the engine and every
//! other piece of I/O run on the tokio runtime (see `backend`).

mod assets;
mod backend;
mod buckets;
mod commands;
mod dialogs;
mod follow;
mod fonts;
pub(crate) mod form;
// The formatters both faces share live at the crate root; the app reaches them here too.
pub(crate) use crate::format;
mod launch;
mod notify;
mod profiles;
mod queue;
mod settings;
mod settings_window;
mod shell;
mod signals;
#[cfg(test)]
mod tests;
mod theme;
mod watch;

use std::process::ExitCode;
use std::sync::Arc;

use eframe::egui;
use vodesk_core::engine::EngineConfig;

use std::path::PathBuf;

use crate::connection::{Connection, connect_in, data_dir, default_local_data_dir};
use backend::Backend;
use settings::UiSettings;
use shell::VodeskApp;
use vodesk_core::credentials::{LOCAL_PROFILE, config_dir};

/// Where the app's own local service listens when it starts one (free ports if taken).
const APP_LISTEN: ([u8; 4], u16) = ([127, 0, 0, 1], 7361);

const ICON: &[u8] = include_bytes!("../../assets/icon-256.png");

/// The engine settings the app starts with (the limits are then set live from the UI).
pub fn engine_config() -> EngineConfig {
    EngineConfig {
        owner_label: "vodesk".to_string(),
        ..EngineConfig::default()
    }
}

/// The engine settings for saved settings: the part size is only read at start.
pub fn engine_config_for(s: &UiSettings) -> EngineConfig {
    EngineConfig {
        part_size: settings::part_size_bytes(s.part_size_mib),
        ..engine_config()
    }
}

/// Where the app finds its profiles and its local service.
#[derive(Clone, Debug)]
pub struct Places {
    /// `profiles.toml` is here.
    pub config: PathBuf,
    /// The Local profile's service keeps its data here.
    pub local_data: PathBuf,
}

/// The connection for a profile (`None`: the default one). The Local profile is the app's own
/// local service, on its usual port.
pub async fn connect_profile(places: &Places, name: Option<&str>) -> Result<Connection, String> {
    connect_in(&places.config, &places.local_data, name, APP_LISTEN.into())
        .await
        .map_err(|e| e.to_string())
}

pub fn run() -> ExitCode {
    // Until the settings are read (with the window), the system's language.
    crate::i18n::apply(crate::i18n::Language::System);
    crate::logging::init(&crate::connection::data_dir());
    let Some(runtime) = crate::runtime::runtime() else {
        return ExitCode::FAILURE;
    };
    // poll-style background work and the engine spawn onto this runtime.
    let _guard = runtime.enter();
    let places = Places {
        config: config_dir(),
        local_data: default_local_data_dir(),
    };
    // The default profile; when it cannot connect (a locked keychain, say), the local library
    // opens instead and the problem is shown.
    let (connection, problem) = match runtime.block_on(connect_profile(&places, None)) {
        Ok(c) => (c, None),
        Err(e) => match runtime.block_on(connect_profile(&places, Some(LOCAL_PROFILE))) {
            Ok(c) => (c, Some(e.to_string())),
            Err(local) => {
                eprintln!("error: {local}");
                return ExitCode::FAILURE;
            }
        },
    };
    let connection = Arc::new(connection);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("vodesk")
        .with_app_id("vodesk")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([800.0, 500.0]);
    match eframe::icon_data::from_png_bytes(ICON) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("warning: the window icon could not be decoded: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let handle = runtime.handle().clone();
    let conn2 = connection.clone();
    let result = eframe::run_native(
        "vodesk",
        options,
        Box::new(move |cc| {
            signals::close_on_signals(&handle, cc.egui_ctx.clone());
            fonts::install(&cc.egui_ctx);
            theme::style(&cc.egui_ctx);
            let settings = settings::load(cc.storage);
            let backend = Backend::new(
                handle,
                conn2,
                &data_dir().join("journal.db"),
                engine_config_for(&settings),
                cc.egui_ctx.clone(),
            )?;
            backend.load_drafts();
            backend.resume_unfinished();
            // Said in the language the settings choose (they are read only now).
            crate::i18n::use_language(settings.language);
            let mut app = VodeskApp::new(backend, settings, places);
            if let Some(e) = problem {
                let text = t!("profile-default-not-connected", error = e);
                app.notes.push(notify::Level::Error, text);
            }
            Ok(Box::new(app))
        }),
    );
    if let Ok(c) = Arc::try_unwrap(connection) {
        runtime.block_on(c.close());
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The window opened, but the app could not start inside it (e.g. the journal).
        Err(eframe::Error::AppCreation(e)) => {
            eprintln!("{}", t!("app-could-not-start", error = (e.to_string())));
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{}", t!("app-no-window", error = (e.to_string())));
            ExitCode::FAILURE
        }
    }
}
