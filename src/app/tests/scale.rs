//! Scale: 10,000 queued rows and 100,000 listed assets must not slow the frame down. Measures
//! the wall-clock time per frame of the whole app (layout of every panel, without rendering) while the
//! queue table and the asset list scroll. Run with
//! `cargo test --release -p vodesk --bin vodesk scale -- --ignored --nocapture`.

use std::path::PathBuf;
use std::time::Instant;

use vodesk_core::model::{AssetSummary, UploadMetadata};

use super::harness::TestApp;

#[test]
#[ignore = "a measurement; prints frame times"]
fn ten_thousand_rows_and_a_hundred_thousand_assets_stay_smooth() {
    let mut t = TestApp::start();
    let found: Vec<(PathBuf, u64)> = (0..10_000)
        .map(|i| {
            (
                PathBuf::from(format!("/media/批次/clip{i:05}.mp4")),
                1_000_000 + i,
            )
        })
        .collect();
    let added = t
        .app()
        .queue
        .add_found(found, &UploadMetadata::default(), None);
    assert_eq!(added, 10_000);
    if std::env::var_os("SCALE_NO_SELECTION").is_none() {
        t.app().queue.select_all();
    }
    {
        let a = &mut t.app().assets;
        a.started = true;
        a.exhausted = true;
        a.items = (0..100_000)
            .map(|i| AssetSummary {
                asset_id: format!("{i:032x}"),
                title: Some(format!("素材 {i}")),
                size: Some(1_000_000),
                ..Default::default()
            })
            .collect();
    }
    for _ in 0..10 {
        t.step();
    }
    let mut times = Vec::new();
    for i in 0..300 {
        // Scroll both lists a little every frame.
        t.harness.event(eframe::egui::Event::MouseWheel {
            unit: eframe::egui::MouseWheelUnit::Point,
            delta: eframe::egui::vec2(0.0, if i % 100 < 50 { -120.0 } else { 120.0 }),
            modifiers: Default::default(),
            phase: eframe::egui::TouchPhase::Move,
            source: eframe::egui::MouseWheelSource::Wheel,
        });
        let start = Instant::now();
        t.step();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let p = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "frame time (wall clock) over {} frames: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        p(0.5),
        p(0.99),
        p(1.0)
    );
    t.shutdown();
}

#[test]
#[ignore = "a measurement; prints frame times"]
fn dropping_a_folder_of_twenty_thousand_files_never_stalls_a_frame() {
    let mut t = TestApp::start();
    let dir = t.dir.path().join("big");
    for sub in 0..20 {
        let d = dir.join(format!("片段{sub:02}"));
        std::fs::create_dir_all(&d).expect("folder");
        for i in 0..1000 {
            std::fs::write(d.join(format!("clip{i:04}.mp4")), b"x").expect("file");
        }
    }
    t.step();
    let dropped = Instant::now();
    t.app().add_paths(vec![dir]);
    let mut first_rows = None;
    let mut times = Vec::new();
    while t.app().queue.walks > 0 || t.app().queue.rows.len() < 20_000 {
        let start = Instant::now();
        t.step();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if first_rows.is_none() && !t.app().queue.rows.is_empty() {
            first_rows = Some(dropped.elapsed().as_secs_f64() * 1000.0);
        }
        assert!(times.len() < 100_000, "the walk never finished");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "20,000 files: first rows after {:.0} ms, all after {:.0} ms over {} frames; frame p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        first_rows.unwrap_or_default(),
        dropped.elapsed().as_secs_f64() * 1000.0,
        times.len(),
        times[times.len() / 2],
        times[(times.len() - 1) * 99 / 100],
        times[times.len() - 1]
    );
    t.shutdown();
}
