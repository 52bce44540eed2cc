//! The desktop app. Until the desktop issue lands this is a minimal window that starts the
//! embedded local VOD service and says where it runs.

use std::process::ExitCode;

use vodesk_local::{RunningService, ServeConfig};

use crate::cli::connect::default_local_data_dir;

struct App {
    status: String,
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        eframe::egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("vodesk");
            ui.label("Local library — nothing leaves this computer.");
            ui.separator();
            ui.label(&self.status);
        });
    }
}

pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let _guard = runtime.enter();
    let data_dir = default_local_data_dir();
    let service = runtime.block_on(async {
        let mut config = ServeConfig::new(data_dir.clone());
        config.listen = "127.0.0.1:7361".parse().expect("valid address");
        match RunningService::start(config.clone()).await {
            Ok(s) => Ok(s),
            // The default port is taken (another vodesk): use free ports instead.
            Err(_) => {
                config.listen = "127.0.0.1:0".parse().expect("valid address");
                RunningService::start(config).await
            }
        }
    });
    let status = match &service {
        Ok(s) => format!(
            "Local VOD service on {} (objects on {}), data in {}",
            s.info.vod_endpoint,
            s.info.object_endpoint,
            s.data_dir.display()
        ),
        Err(e) => format!("The local service could not start: {e}"),
    };
    println!("{status}");
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("vodesk")
            .with_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "vodesk",
        options,
        Box::new(|_cc| Ok(Box::new(App { status }))),
    );
    if let Ok(s) = service {
        runtime.block_on(s.shutdown());
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
