//! What a media file holds and what it looks like, through the system's `ffprobe` and `ffmpeg`
//! (Debian's `ffmpeg` package). Both faces use it: the app to show a queued file's duration,
//! size, codec and a frame; the local service to fill an asset's metadata, cover and snapshots
//! from the stored original. Without the tools everything here answers [`Error::Missing`], and
//! callers carry on as they did without media facts.

mod info;
mod run;
pub mod samples;
mod sniff;
mod tools;

pub use info::MediaInfo;
pub use sniff::looks_like_media;
pub use tools::Tools;

/// Why a probe or a frame did not come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// `ffprobe` / `ffmpeg` is not installed (not on `PATH`).
    Missing,
    /// The tool ran and could not read the input as media; its own words.
    Unreadable(String),
    /// The tool took longer than it is allowed.
    TimedOut,
    /// The tool could not be started or its output read.
    Io(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Missing => f.write_str("ffprobe/ffmpeg is not installed"),
            Error::Unreadable(why) => write!(f, "not readable as media: {why}"),
            Error::TimedOut => f.write_str("ffprobe/ffmpeg took too long"),
            Error::Io(e) => write!(f, "could not run ffprobe/ffmpeg: {e}"),
        }
    }
}

impl std::error::Error for Error {}
