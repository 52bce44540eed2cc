//! Running a tool with a time limit and its complaints kept.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::Error;

/// The standard output of `program args`, or its standard error's last line as the reason.
pub async fn output_of(program: &Path, args: &[&str], limit: Duration) -> Result<Vec<u8>, Error> {
    let child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // A caller giving up (timeout, cancelled task) must not leave the process running.
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| Error::Io(e.to_string()))?;
    let out = match tokio::time::timeout(limit, child.wait_with_output()).await {
        Ok(out) => out.map_err(|e| Error::Io(e.to_string()))?,
        Err(_) => return Err(Error::TimedOut),
    };
    if out.status.success() {
        return Ok(out.stdout);
    }
    let said = String::from_utf8_lossy(&out.stderr);
    let last = said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Err(Error::Unreadable(reason(last)))
}

/// ffmpeg prefixes its complaints with the input's name ("/path/x.mp4: Invalid data…"): the
/// caller already knows which file it asked about.
fn reason(line: &str) -> String {
    let line = line.trim();
    match line.rsplit_once(": ") {
        Some((_, why)) if !why.is_empty() => why.to_string(),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_name_is_dropped_from_a_complaint() {
        assert_eq!(
            reason("/tmp/a: b.mp4: Invalid data found when processing input"),
            "Invalid data found when processing input"
        );
        assert_eq!(reason("  plain words "), "plain words");
    }
}
