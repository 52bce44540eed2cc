//! Opening a file or a URL for the editor to watch: in the program chosen in Settings, or the
//! system's default handler (`xdg-open` and friends).

use std::process::{Command, Stdio};

/// Opens `target` (a path or a URL); the error in the launcher's words.
pub fn open(target: &str, with: &str) -> Result<(), String> {
    let program = with.trim();
    if program.is_empty() {
        return open::that_detached(target).map_err(|e| e.to_string());
    }
    let mut child = Command::new(program)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    // Reaped when it ends, so no zombie stays behind while the app runs.
    std::thread::spawn(move || child.wait());
    Ok(())
}
