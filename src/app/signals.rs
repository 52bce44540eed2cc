//! SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in the terminal) close the window
//! the way its close button does, so settings and the rows not started yet are saved. A
//! second signal exits at once, for a window that no longer answers.

use eframe::egui;

#[cfg(unix)]
pub fn close_on_signals(runtime: &tokio::runtime::Handle, ctx: egui::Context) {
    use tokio::signal::unix::{Signal, SignalKind, signal};
    async fn next(s: &mut Option<Signal>) {
        match s {
            Some(s) => {
                s.recv().await;
            }
            None => std::future::pending().await,
        }
    }
    let watch = |k: SignalKind| {
        signal(k)
            .inspect_err(|e| tracing::warn!("cannot watch signal {k:?}: {e}"))
            .ok()
    };
    runtime.spawn(async move {
        let mut term = watch(SignalKind::terminate());
        let mut int = watch(SignalKind::interrupt());
        let mut hup = watch(SignalKind::hangup());
        let mut first = true;
        loop {
            tokio::select! {
                _ = next(&mut term) => {}
                _ = next(&mut int) => {}
                _ = next(&mut hup) => {}
            }
            if !first {
                tracing::warn!("second signal: exiting without saving");
                std::process::exit(130);
            }
            first = false;
            tracing::info!("signal received: closing the window");
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            ctx.request_repaint();
        }
    });
}

#[cfg(not(unix))]
pub fn close_on_signals(_runtime: &tokio::runtime::Handle, _ctx: egui::Context) {}
