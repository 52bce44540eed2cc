//! Scale: 10,000 queued rows and 100,000 listed assets must not slow the frame down. Measures
//! the UI thread's CPU time (and wall-clock time) per frame of the whole app (layout of every panel, without rendering) while the
//! queue table and the asset list scroll. Run with
//! `cargo test --release -p vodesk --bin vodesk scale -- --ignored --nocapture`.

use std::path::PathBuf;
use std::time::Instant;

use vodesk_core::model::{Asset, UploadMetadata};

use super::harness::TestApp;

/// CPU time of the calling thread in ns, so other processes on the machine do not count.
fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// Peak resident memory of the test process in MiB (it also holds the local service).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))?
                .split_whitespace()
                .nth(1)?
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// p50, p99 and max of `v` (sorted here).
fn stats(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[(v.len() - 1) * 99 / 100], v[v.len() - 1])
}

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
        a.set_items(
            (0..100_000)
                .map(|i| Asset {
                    id: format!("{i:032x}"),
                    title: format!("素材 {i}"),
                    size_bytes: Some(1_000_000),
                    ..Default::default()
                })
                .collect(),
        );
    }
    for _ in 0..10 {
        t.step();
    }
    let plain = scroll_frames(&mut t);
    report("10,000 rows + 100,000 assets", plain);
    // The same with a queue search typed and the last asset's details open.
    t.app().queue.search = "clip0".into();
    t.app().assets.current = Some(format!("{:032x}", 99_999));
    for _ in 0..10 {
        t.step();
    }
    report(
        "the same, searching the queue, details of asset 100,000 open",
        scroll_frames(&mut t),
    );
    t.shutdown();
}

/// 300 frames scrolling both lists a little each frame: CPU and wall times per frame, in ms.
fn scroll_frames(t: &mut TestApp) -> (Vec<f64>, Vec<f64>) {
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for i in 0..300 {
        t.harness.event(eframe::egui::Event::MouseWheel {
            unit: eframe::egui::MouseWheelUnit::Point,
            delta: eframe::egui::vec2(0.0, if i % 100 < 50 { -120.0 } else { 120.0 }),
            modifiers: Default::default(),
            phase: eframe::egui::TouchPhase::Move,
            source: eframe::egui::MouseWheelSource::Wheel,
        });
        let (start, c0) = (Instant::now(), thread_cpu_ns());
        t.step();
        cpu.push((thread_cpu_ns() - c0) as f64 / 1e6);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    (cpu, times)
}

fn report(what: &str, (mut cpu, mut times): (Vec<f64>, Vec<f64>)) {
    let (w50, w99, wmax) = stats(&mut times);
    let (c50, c99, cmax) = stats(&mut cpu);
    println!(
        "{what}, {} frames: CPU p50 {c50:.2} ms, p99 {c99:.2} ms, max {cmax:.2} ms; wall p50 {w50:.2}, p99 {w99:.2}, max {wmax:.2} ms; peak RSS {:.0} MiB",
        times.len(),
        peak_rss_mib()
    );
}

#[test]
#[ignore = "a measurement; prints frame times"]
fn dropping_a_folder_of_a_hundred_thousand_files_never_stalls_a_frame() {
    let mut t = TestApp::start();
    let dir = t.dir.path().join("big");
    for sub in 0..100 {
        let d = dir.join(format!("片段{sub:03}"));
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
    let mut cpu = Vec::new();
    while t.app().queue.walks > 0 || t.app().queue.rows.len() < 100_000 {
        let (start, c0) = (Instant::now(), thread_cpu_ns());
        t.step();
        cpu.push((thread_cpu_ns() - c0) as f64 / 1e6);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if first_rows.is_none() && !t.app().queue.rows.is_empty() {
            first_rows = Some(dropped.elapsed().as_secs_f64() * 1000.0);
        }
        assert!(times.len() < 1_000_000, "the walk never finished");
    }
    let frames = times.len();
    let (_, w99, wmax) = stats(&mut times);
    let (c50, c99, cmax) = stats(&mut cpu);
    println!(
        "100,000 files: first rows after {:.0} ms, all after {:.0} ms over {frames} frames; CPU p50 {c50:.2} ms, p99 {c99:.2} ms, max {cmax:.2} ms; wall p99 {w99:.2}, max {wmax:.2} ms",
        first_rows.unwrap_or_default(),
        dropped.elapsed().as_secs_f64() * 1000.0,
    );
    t.shutdown();
}
