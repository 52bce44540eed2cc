//! The desktop app. Until the desktop issue lands this is a minimal window that connects to the
//! embedded local VOD service (reusing a running one) and says where it runs.

use std::process::ExitCode;

use crate::cli::connect::{connect_local_on, default_local_data_dir};

/// Where the app's own local service listens when it starts one (free ports if taken).
const APP_LISTEN: ([u8; 4], u16) = ([127, 0, 0, 1], 7361);

struct App {
    lines: Vec<String>,
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        eframe::egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("vodesk");
            ui.label("Local library — nothing leaves this computer.");
            ui.separator();
            for line in &self.lines {
                ui.label(line);
            }
        });
    }
}

pub fn run() -> ExitCode {
    crate::logging::init(&crate::cli::connect::data_dir());
    let Some(runtime) = crate::cli::runtime() else {
        return ExitCode::FAILURE;
    };
    let _guard = runtime.enter();
    let data_dir = default_local_data_dir();
    let connection = runtime.block_on(connect_local_on(&data_dir, APP_LISTEN.into()));
    let lines = match &connection {
        Ok(c) => {
            let info = c.local.as_ref().expect("a local connection");
            let how = if c.embedded.is_some() {
                "started"
            } else {
                "reused (already running)"
            };
            vec![
                format!("Local VOD service {how}: {}", info.vod_endpoint),
                format!("Object endpoint: {}", info.object_endpoint),
                format!("Project id: {}   Access key: {}", info.project_id, info.ak),
                format!("Data directory: {}", data_dir.display()),
            ]
        }
        Err(e) => vec![format!("The local service could not start: {e}")],
    };
    for l in &lines {
        println!("{l}");
    }
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("vodesk")
            .with_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "vodesk",
        options,
        Box::new(|_cc| Ok(Box::new(App { lines }))),
    );
    if let Ok(c) = connection {
        runtime.block_on(c.close());
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: the window could not open ({e}); on Linux a desktop session (X11 or Wayland) is needed"
            );
            ExitCode::FAILURE
        }
    }
}
