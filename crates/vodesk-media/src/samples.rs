//! Media made on the spot, for tests and demonstrations: ffmpeg's moving test pattern.

use std::path::Path;

/// Writes a `secs`-second `width`×`height` moving test pattern with a tone to `out` (its
/// extension picks the container).
pub fn test_pattern(out: &Path, secs: u32, width: u32, height: u32) -> Result<(), String> {
    let video = format!("testsrc=duration={secs}:size={width}x{height}:rate=25");
    let audio = format!("sine=duration={secs}");
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", &video])
        .args([
            "-f",
            "lavfi",
            "-i",
            &audio,
            "-pix_fmt",
            "yuv420p",
            "-shortest",
        ])
        .arg(out)
        .status()
        .map_err(|e| format!("ffmpeg does not run ({e}): apt-get install ffmpeg"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("ffmpeg could not write {}", out.display()))
    }
}
