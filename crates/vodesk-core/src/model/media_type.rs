//! Which files can become assets: the container formats of huawei-vod-api.md §4.1 (`video_type`).

use std::path::Path;

const VIDEO: &[&str] = &[
    "MP4", "TS", "MOV", "MXF", "MPG", "FLV", "WMV", "AVI", "M4V", "F4V", "MPEG", "3GP", "ASF",
    "MKV", "HLS",
];
const AUDIO: &[&str] = &[
    "MP3", "OGG", "WAV", "WMA", "APE", "FLAC", "AAC", "AC3", "MMF", "AMR", "M4A", "M4R", "WV",
    "MP2",
];

/// A supported media format, e.g. `MP4` (video) or `MP3` (audio).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaType {
    /// Upper-case `video_type` value.
    pub code: String,
    pub is_audio: bool,
}

impl MediaType {
    /// The format for a `video_type` value or file extension (case-insensitive).
    pub fn from_code(code: &str) -> Option<MediaType> {
        let upper = code.trim().to_ascii_uppercase();
        let upper = match upper.as_str() {
            "M3U8" => "HLS".to_string(),
            "MPEG4" => "MP4".to_string(),
            _ => upper,
        };
        if VIDEO.contains(&upper.as_str()) {
            Some(MediaType {
                code: upper,
                is_audio: false,
            })
        } else if AUDIO.contains(&upper.as_str()) {
            Some(MediaType {
                code: upper,
                is_audio: true,
            })
        } else {
            None
        }
    }

    /// The format of a file, from its extension.
    pub fn from_path(path: &Path) -> Option<MediaType> {
        Self::from_code(path.extension()?.to_str()?)
    }

    /// The Content-Type the upload URL is signed for: `video/<fmt>` or `audio/<fmt>`.
    pub fn content_type(&self) -> String {
        let kind = if self.is_audio { "audio" } else { "video" };
        format!("{kind}/{}", self.code.to_ascii_lowercase())
    }

    /// All supported extensions, for error messages.
    pub fn supported_list() -> String {
        VIDEO
            .iter()
            .chain(AUDIO)
            .map(|s| s.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(
            MediaType::from_path(Path::new("a/clip.Mp4"))
                .unwrap()
                .content_type(),
            "video/mp4"
        );
        assert_eq!(
            MediaType::from_path(Path::new("song.flac"))
                .unwrap()
                .content_type(),
            "audio/flac"
        );
        assert!(MediaType::from_path(Path::new("notes.txt")).is_none());
        assert!(MediaType::from_path(Path::new("noext")).is_none());
    }
}
