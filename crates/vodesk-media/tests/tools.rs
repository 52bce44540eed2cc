//! The real ffprobe and ffmpeg on a clip made by ffmpeg (Debian's `ffmpeg`, installed by
//! `.ci/run`).

use std::path::{Path, PathBuf};

use vodesk_media::{Error, Tools};

fn tools() -> Tools {
    let t = Tools::system();
    assert!(
        t.available(),
        "these tests need ffprobe and ffmpeg on PATH (apt-get install ffmpeg)"
    );
    t
}

/// A 3 s 320×240 test pattern with a tone, as an MP4.
fn clip(dir: &Path) -> PathBuf {
    let out = dir.join("clip.mp4");
    vodesk_media::samples::test_pattern(&out, 3, 320, 240).unwrap();
    out
}

#[tokio::test]
async fn a_clip_probes_to_its_duration_size_and_codecs() {
    let dir = tempfile::tempdir().unwrap();
    let clip = clip(dir.path());
    let m = tools().probe(clip.to_str().unwrap()).await.unwrap();
    assert_eq!(m.seconds(), 3);
    assert_eq!((m.width, m.height), (320, 240));
    assert_eq!(m.frame_rate, 25.0);
    assert!(m.video_codec.is_some() && m.audio_codec.is_some(), "{m:?}");
    assert!(m.bitrate > 0 && m.audio_channels >= 1, "{m:?}");
}

#[tokio::test]
async fn a_frame_is_a_png_of_the_asked_width_and_differs_over_time() {
    let dir = tempfile::tempdir().unwrap();
    let clip = clip(dir.path());
    let input = clip.to_str().unwrap();
    let t = tools();
    let first = t.frame_png(input, 0, 160).await.unwrap();
    let later = t.frame_png(input, 2_000, 160).await.unwrap();
    assert_eq!(&first[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height as big-endian u32 at 16 and 20.
    assert_eq!(u32::from_be_bytes(first[16..20].try_into().unwrap()), 160);
    assert_eq!(u32::from_be_bytes(first[20..24].try_into().unwrap()), 120);
    assert_ne!(
        first, later,
        "testsrc moves: two seconds apart the frames differ"
    );
    let past = t.frame_png(input, 60_000, 160).await.unwrap_err();
    assert!(matches!(past, Error::Unreadable(_)), "{past:?}");
}

#[tokio::test]
async fn text_is_not_media_and_no_tools_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("readme.mp4");
    std::fs::write(&text, "These are the holiday clips.\n").unwrap();
    let e = tools().probe(text.to_str().unwrap()).await.unwrap_err();
    assert!(
        matches!(&e, Error::Unreadable(why) if why.contains("Invalid data")),
        "{e:?}"
    );
    let none = Tools::in_dir(dir.path());
    assert!(!none.available());
    assert_eq!(
        none.probe(text.to_str().unwrap()).await.unwrap_err(),
        Error::Missing
    );
}
