//! Where the tools are, and the two things asked of them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::run::output_of;
use crate::{Error, MediaInfo};

/// How long one probe or one frame may take: a stalled network input or a broken file must
/// not hold a caller (or a worker) for ever.
const PROBE_LIMIT: Duration = Duration::from_secs(30);
const FRAME_LIMIT: Duration = Duration::from_secs(30);

/// The `ffprobe` and `ffmpeg` programs to run.
#[derive(Clone, Debug)]
pub struct Tools {
    ffprobe: Option<PathBuf>,
    ffmpeg: Option<PathBuf>,
}

impl Tools {
    /// The tools on `PATH` (looked up once; installing them later needs a restart).
    pub fn system() -> Tools {
        static FOUND: std::sync::OnceLock<Tools> = std::sync::OnceLock::new();
        FOUND
            .get_or_init(|| {
                let path = std::env::var_os("PATH").unwrap_or_default();
                let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
                Tools::among(&dirs)
            })
            .clone()
    }

    /// The tools in `dir` only (tests use an empty one for a machine without ffmpeg).
    pub fn in_dir(dir: &Path) -> Tools {
        Tools::among(&[dir.to_path_buf()])
    }

    fn among(dirs: &[PathBuf]) -> Tools {
        let find = |name: &str| dirs.iter().map(|d| d.join(name)).find(|p| p.is_file());
        Tools {
            ffprobe: find("ffprobe"),
            ffmpeg: find("ffmpeg"),
        }
    }

    /// Whether both programs are there.
    pub fn available(&self) -> bool {
        self.ffprobe.is_some() && self.ffmpeg.is_some()
    }

    /// What `input` (a path or an `http://` URL) holds.
    pub async fn probe(&self, input: &str) -> Result<MediaInfo, Error> {
        let program = self.ffprobe.as_ref().ok_or(Error::Missing)?;
        let args = [
            "-v",
            "error",
            "-show_format",
            "-show_streams",
            "-of",
            "json",
            "--",
            input,
        ];
        let out = output_of(program, &args, PROBE_LIMIT).await?;
        MediaInfo::from_ffprobe(&out)
    }

    /// A PNG of the frame at `at_ms` (the first frame for 0), scaled to `width` pixels wide.
    pub async fn frame_png(&self, input: &str, at_ms: i64, width: u32) -> Result<Vec<u8>, Error> {
        let program = self.ffmpeg.as_ref().ok_or(Error::Missing)?;
        let at = format!("{:.3}", at_ms.max(0) as f64 / 1000.0);
        // Even height: some encoders of what comes next (the providers' covers) want it.
        let scale = format!("scale={width}:-2");
        let args = [
            "-v",
            "error",
            "-nostdin",
            "-ss",
            &at,
            "-i",
            input,
            "-frames:v",
            "1",
            "-vf",
            &scale,
            "-f",
            "image2pipe",
            "-c:v",
            "png",
            "-",
        ];
        let out = output_of(program, &args, FRAME_LIMIT).await?;
        if out.is_empty() {
            // Past the last frame, or no video stream: ffmpeg ends without writing anything.
            return Err(Error::Unreadable(format!("no frame at {at} s")));
        }
        Ok(out)
    }
}
