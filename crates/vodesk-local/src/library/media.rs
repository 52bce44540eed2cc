//! Media formats: which are audio (no transcoding, snapshots, covers or subtitles) and the
//! `Content-Type`s that upload URLs are signed with.

pub const VIDEO_TYPES: &[&str] = &[
    "MP4", "TS", "MOV", "MXF", "MPG", "FLV", "WMV", "AVI", "M4V", "F4V", "MPEG", "3GP", "ASF",
    "MKV", "HLS",
];
pub const AUDIO_TYPES: &[&str] = &[
    "MP3", "OGG", "WAV", "WMA", "APE", "FLAC", "AAC", "AC3", "MMF", "AMR", "M4A", "M4R", "WV",
    "MP2",
];

pub fn is_audio(video_type: &str) -> bool {
    AUDIO_TYPES.contains(&video_type)
}

/// `video/<type>` or `audio/<type>`, lower case.
pub fn media_content_type(video_type: &str) -> String {
    let lower = video_type.to_ascii_lowercase();
    if is_audio(video_type) {
        format!("audio/{lower}")
    } else {
        format!("video/{lower}")
    }
}

/// `image/jpg` or `image/png` (`image/<lower-case cover_type>`; `image/jpg` without a type).
pub fn cover_content_type(cover_type: Option<&str>) -> String {
    format!("image/{}", cover_type.unwrap_or("JPG").to_ascii_lowercase())
}

pub const SUBTITLE_CONTENT_TYPE: &str = "application/octet-stream";
