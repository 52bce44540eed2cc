//! The real window under Xvfb: it starts on a fresh data directory, shows its window, draws
//! frames, and closes cleanly — saving its state — on Ctrl+Q and on SIGTERM. Needs `xvfb-run`
//! and `xdotool` (apt: xvfb xdotool, installed by .ci/run).

use std::process::Command;

/// How the running app is told to close.
enum Quit {
    CtrlQ,
    Sigterm,
}

struct Run {
    data: tempfile::TempDir,
    logs: String,
}

/// Starts the app in a virtual display, waits for its window, lets it draw, closes it, and
/// checks it exited cleanly.
fn run_window(quit: Quit) -> Run {
    for tool in ["xvfb-run", "xdotool"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(found, "{tool} is not installed (apt: xvfb xdotool)");
    }
    let data = tempfile::tempdir().expect("temp dir");
    let runtime = tempfile::tempdir().expect("temp dir");
    let close = match quit {
        // No window manager: focus the window directly, then press the shortcut.
        Quit::CtrlQ => {
            r#"xdotool windowfocus --sync "$win" 2>/dev/null; sleep 0.5; xdotool key ctrl+q 2>/dev/null"#
        }
        Quit::Sigterm => "kill -TERM $pid",
    };
    // Start the app, wait for its window, let it draw, close it, and report the app's exit
    // code (124 if the window never appeared).
    let script = format!(
        r#"
        "$VODESK_BIN" & pid=$!
        win=$(timeout 60 xdotool search --sync --name '^vodesk$' | head -1) || {{ kill $pid; exit 124; }}
        sleep 2
        kill -0 $pid || exit 125
        {close}
        timeout 30 tail --pid=$pid -f /dev/null || {{ kill $pid; exit 126; }}
        wait $pid
    "#
    );
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1440x900x24", "bash", "-c", &script])
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
        "the app did not start and close cleanly (exit {:?}); stderr:\n{stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let logs: String = std::fs::read_dir(data.path().join("logs"))
        .expect("a log folder")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    Run { data, logs }
}

/// Checks what every clean run leaves behind.
fn closed_cleanly(run: &Run) {
    // The app's own local service left its files in the fresh data directory.
    assert!(run.data.path().join("local").exists());
    assert!(run.logs.contains("first frame drawn"), "log: {}", run.logs);
    // It drew frames (two seconds of them), then closed through eframe, which saved its
    // state (settings, layout, column widths) where eframe keeps it.
    let frames: u64 = run
        .logs
        .lines()
        .find(|l| l.contains("closed: settings and the rows not started yet saved"))
        .and_then(|l| l.split("frames=").nth(1))
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no closing line in the log: {}", run.logs));
    assert!(frames >= 2, "{frames} frames");
    let saved = run.data.path().join("xdg-data/vodesk/app.ron");
    let state =
        std::fs::read_to_string(&saved).unwrap_or_else(|e| panic!("{}: {e}", saved.display()));
    assert!(state.contains("vodesk-ui"), "{state}");
}

#[test]
fn the_window_starts_renders_and_quits_cleanly() {
    closed_cleanly(&run_window(Quit::CtrlQ));
}

#[test]
fn sigterm_closes_the_window_like_its_close_button() {
    let run = run_window(Quit::Sigterm);
    assert!(
        run.logs.contains("signal received: closing the window"),
        "{}",
        run.logs
    );
    closed_cleanly(&run);
}

/// Add files… and Add folder… through the real native dialogs: the xdg-desktop-portal
/// FileChooser with its GTK backend, on a private bus (tests/window/file_dialogs.sh). What
/// was picked becomes rows, which the app saves as drafts when it closes.
#[test]
fn files_and_folders_picked_in_the_native_dialogs_are_queued() {
    let work = tempfile::tempdir().expect("temp dir");
    let media = work.path().join("media");
    let folder = media.join("批次 2");
    std::fs::create_dir_all(&folder).unwrap();
    let file = media.join("one clip.mp4");
    for p in [&file, &folder.join("a.mp4"), &folder.join("b.mov")] {
        std::fs::write(p, vec![7u8; 4096]).unwrap();
    }
    let out = Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/window/file_dialogs.sh"
        ))
        .arg(env!("CARGO_BIN_EXE_vodesk"))
        .arg(work.path().join("session"))
        .arg(&file)
        .arg(&folder)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let drafts = work.path().join("session/vodesk-data/drafts.json");
    let saved: serde_json::Value = serde_json::from_slice(
        &std::fs::read(&drafts).unwrap_or_else(|e| panic!("{}: {e}", drafts.display())),
    )
    .expect("drafts are JSON");
    let mut paths: Vec<String> = saved
        .as_array()
        .expect("a list of drafts")
        .iter()
        .map(|d| d["path"].as_str().expect("a path").to_string())
        .collect();
    paths.sort();
    let mut want: Vec<String> = [&file, &folder.join("a.mp4"), &folder.join("b.mov")]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    want.sort();
    assert_eq!(paths, want);
}
