//! Real media on the local service: ffprobe's facts in the asset's metadata, ffmpeg's frames as
//! its cover and snapshots (Debian's `ffmpeg`, installed by `.ci/run`).

use std::path::{Path, PathBuf};

use crate::common::*;

/// A 3 s 320×240 moving test pattern with a tone.
pub fn clip(dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    vodesk_media::samples::test_pattern(&out, 3, 320, 240).unwrap();
    out
}

/// The picture at `url`, decoded.
fn picture(url: &str) -> image::RgbImage {
    let (code, body) = http_get(url);
    assert_eq!(code, 200, "{url}");
    image::load_from_memory(&body)
        .unwrap_or_else(|e| panic!("{url} is not an image: {e}"))
        .to_rgb8()
}

/// How many different colours the picture has: a frame of testsrc has dozens, a generated
/// stand-in one or two.
fn colours(p: &image::RgbImage) -> usize {
    p.pixels()
        .map(|px| px.0)
        .collect::<std::collections::HashSet<_>>()
        .len()
}

#[test]
fn a_clip_reports_its_duration_and_size_and_its_cover_and_snapshots_are_frames() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let f = clip(dir.path(), "片头.mp4");
    let lines = server.json_lines(&[
        "upload",
        "--thumbnail",
        "dots",
        "--thumbnail-dots",
        "0,2,30",
        f.to_str().unwrap(),
    ]);
    let id = lines[0]["asset_id"].as_str().expect("asset id").to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let d = loop {
        let d = server.json(&["assets", "show", &id]);
        if d["thumbnails"]["state"] == "succeeded" {
            break d;
        }
        assert!(std::time::Instant::now() < deadline, "no snapshots: {d}");
        std::thread::sleep(std::time::Duration::from_millis(300));
    };
    let facts = &d["facts"];
    assert_eq!(facts["duration_secs"], 3, "{d}");
    assert_eq!(
        (&facts["width"], &facts["height"]),
        (&320.into(), &240.into()),
        "{d}"
    );
    assert_eq!(facts["codec"], "H.264", "{d}");

    // Snapshots at 0 s and 2 s; none at 30 s, past the end.
    let snaps: Vec<&str> = d["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(snaps.len(), 2, "{d}");
    let (first, later) = (picture(snaps[0]), picture(snaps[1]));
    assert_eq!(first.dimensions(), (320, 240));
    assert!(colours(&first) > 20, "a real frame has many colours");
    assert_ne!(first, later, "the test pattern moves between 0 s and 2 s");
    let cover = d["covers"][0].as_str().expect("a cover");
    assert_eq!(picture(cover), first, "the cover is the first snapshot");

    let show = server.run(&["assets", "show", &id]);
    assert!(show.stdout.contains("duration:     3 s"), "{}", show.stdout);
    assert!(show.stdout.contains("320×240"), "{}", show.stdout);
}

#[test]
fn without_snapshots_the_cover_is_the_first_frame() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let f = clip(dir.path(), "clip.mp4");
    let lines = server.json_lines(&["upload", f.to_str().unwrap()]);
    let id = lines[0]["asset_id"].as_str().expect("asset id").to_string();
    // ffmpeg cuts it after the upload is confirmed: the upload is not held up by it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let d = loop {
        let d = server.json(&["assets", "show", &id]);
        if d["covers"][0].is_string() {
            break d;
        }
        assert!(std::time::Instant::now() < deadline, "no cover: {d}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    assert_eq!(d["facts"]["duration_secs"], 3, "{d}");
    let cover = picture(d["covers"][0].as_str().expect("a cover"));
    assert_eq!(cover.dimensions(), (320, 240));
    assert!(colours(&cover) > 20, "a real frame, not a constant image");
}
