//! The real window under Xvfb: it starts on a fresh data directory, shows its window, and quits
//! cleanly on Ctrl+Q. Needs `xvfb-run` and `xdotool` (apt: xvfb xdotool, installed by .ci/run).

use std::process::Command;

#[test]
fn the_window_starts_renders_and_quits_cleanly() {
    for tool in ["xvfb-run", "xdotool"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(found, "{tool} is not installed (apt: xvfb xdotool)");
    }
    let data = tempfile::tempdir().expect("temp dir");
    let runtime = tempfile::tempdir().expect("temp dir");
    // Inside the virtual display: start the app, wait for its window, let it draw, press
    // Ctrl+Q, and report the app's exit code (124 if the window never appeared).
    let script = r#"
        "$VODESK_BIN" & pid=$!
        win=$(timeout 60 xdotool search --sync --name '^vodesk$' | head -1) || { kill $pid; exit 124; }
        sleep 2
        kill -0 $pid || exit 125
        # No window manager: focus the window directly, then press the shortcut.
        xdotool windowfocus --sync "$win" 2>/dev/null; sleep 0.5; xdotool key ctrl+q 2>/dev/null
        timeout 30 tail --pid=$pid -f /dev/null || { kill $pid; exit 126; }
        wait $pid
    "#;
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1440x900x24", "bash", "-c", script])
        .env("VODESK_BIN", env!("CARGO_BIN_EXE_vodesk"))
        .env("VODESK_DATA", data.path())
        .env("XDG_RUNTIME_DIR", runtime.path())
        // Nothing of the user's: profiles, eframe's app state, keychain.
        .env("HOME", data.path())
        .env("VODESK_CONFIG", data.path().join("config"))
        .env("XDG_CONFIG_HOME", data.path().join("xdg-config"))
        .env("XDG_DATA_HOME", data.path().join("xdg-data"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("VODESK_FILE_LOG", "info")
        .output()
        .expect("xvfb-run runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the app did not start and quit cleanly (exit {:?}); stderr:\n{stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The app's own local service left its files in the fresh data directory.
    assert!(data.path().join("local").exists());
    // And the window drew frames (the app logs its first one).
    let logs: String = std::fs::read_dir(data.path().join("logs"))
        .expect("a log folder")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(logs.contains("first frame drawn"), "log: {logs}");
}
