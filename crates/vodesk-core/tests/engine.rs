//! The upload engine against the real local service (in-process, over loopback sockets):
//! bounded buffers, pause / resume, cancel, and limits changed while running.

use std::sync::Arc;
use std::time::{Duration, Instant};

use md5::{Digest, Md5};
use vodesk_core::credentials::Secret;
use vodesk_core::engine::{Added, BringBack, Engine, EngineConfig, JobSpec, JobState, Journal};
use vodesk_core::model::UploadMetadata;
use vodesk_core::provider::VodService;
use vodesk_core::provider::api::AssetQuery;
use vodesk_core::provider::connect::{Account, Loopback, connect};
use vodesk_local::{Credentials, RunningService, ServeConfig};

const MIB: usize = 1024 * 1024;

struct Fixture {
    service: RunningService,
    vod: Arc<dyn VodService>,
    dir: tempfile::TempDir,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new(dir.path().join("svc"));
    config.throttle = false;
    config.credentials = Some(Credentials {
        access_key: "ENGINETESTAK00000001".into(),
        secret_key: "EngineTestSecret00000000000000000000000".into(),
        project_id: "11112222333344445555666677778888".into(),
    });
    let service = RunningService::start(config).await.unwrap();
    let vod = connect(&Account::loopback(Loopback {
        kind: vodesk_core::provider::ProviderKind::Huawei,
        region: service.info.region.clone(),
        endpoint: service.info.vod_endpoint.clone(),
        object_endpoint: service.info.object_endpoint.clone(),
        scope: service.credentials.project_id.clone(),
        access_key: service.credentials.access_key.clone(),
        secret_key: Secret::new(service.credentials.secret_key.clone()),
    }))
    .unwrap();
    Fixture { service, vod, dir }
}

fn file(dir: &std::path::Path, name: &str, size: usize, seed: u8) -> (std::path::PathBuf, String) {
    let data: Vec<u8> = (0..size)
        .map(|i| (i as u8).wrapping_mul(13).wrapping_add(seed) ^ (i >> 11) as u8)
        .collect();
    let p = dir.join(name);
    std::fs::write(&p, &data).unwrap();
    (p, hex::encode(Md5::digest(&data)))
}

fn spec(path: &std::path::Path) -> JobSpec {
    JobSpec {
        path: path.to_path_buf(),
        media: "MP4".into(),
        metadata: UploadMetadata {
            title: path.file_stem().unwrap().to_string_lossy().into_owned(),
            ..Default::default()
        },
        skip_duplicates: false,
        again: false,
    }
}

/// The job `add` queued (it must have queued one).
fn job(added: Added) -> i64 {
    added.job().expect("a job was queued")
}

fn engine(f: &Fixture, config: EngineConfig) -> Engine {
    let journal = Arc::new(Journal::open(&f.dir.path().join("journal.db")).unwrap());
    Engine::new(f.vod.clone(), journal, config).0
}

async fn stored_md5(vod: &Arc<dyn VodService>, asset_id: &str) -> String {
    let d = vod.asset_details(asset_id).await.unwrap();
    let url = d.download_url.unwrap();
    let bytes = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
    hex::encode(Md5::digest(&bytes))
}

/// The first hundred assets on the service.
async fn all_assets(vod: &Arc<dyn VodService>) -> vodesk_core::provider::api::AssetPage {
    vod.list_assets(
        &AssetQuery {
            page_size: 100,
            ..Default::default()
        },
        None,
    )
    .await
    .unwrap()
}

async fn wait_for(engine: &Engine, id: i64, what: impl Fn(JobState) -> bool) -> JobState {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let s = engine.view(id).unwrap().state;
        if what(s) {
            return s;
        }
        assert!(Instant::now() < deadline, "job {id} stuck in {s:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buffers_stay_within_part_size_times_parts_in_flight() {
    let f = fixture().await;
    let e = engine(
        &f,
        EngineConfig {
            concurrent_files: 3,
            parts_per_file: 4,
            max_parts_in_flight: 3,
            part_size: MIB as u64,
            ..Default::default()
        },
    );
    let mut jobs = Vec::new();
    for i in 0..3 {
        let (p, md5) = file(
            f.dir.path(),
            &format!("big{i}.mp4"),
            21 * MIB + i * 1000,
            i as u8,
        );
        jobs.push((job(e.add(spec(&p)).await.unwrap()), md5));
    }
    e.wait_idle().await;
    for (id, md5) in &jobs {
        let v = e.view(*id).unwrap();
        assert_eq!(v.state, JobState::Done, "{v:?}");
        assert_eq!(
            &stored_md5(&f.vod, v.asset_id.as_deref().unwrap()).await,
            md5
        );
    }
    let peak = e.peak_buffer_bytes();
    assert!(peak > 0, "buffers were used");
    assert!(
        peak <= 3 * MIB as u64,
        "peak {peak} above part size × parts in flight"
    );
    f.service.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pause_resume_cancel_and_live_bandwidth() {
    let f = fixture().await;
    let e = engine(
        &f,
        EngineConfig {
            part_size: MIB as u64,
            parts_per_file: 2,
            bandwidth: 2 * MIB as u64,
            ..Default::default()
        },
    );
    let (a, md5_a) = file(f.dir.path(), "pausable.mp4", 24 * MIB, 1);
    let (b, _) = file(f.dir.path(), "cancelled.mp4", 24 * MIB, 2);
    let ja = job(e.add(spec(&a)).await.unwrap());
    let jb = job(e.add(spec(&b)).await.unwrap());
    wait_for(&e, ja, |s| s == JobState::Uploading).await;
    wait_for(&e, jb, |s| s == JobState::Uploading).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // The bandwidth limit holds: about 2 MiB/s shared (plus a small burst).
    let sent = e
        .totals()
        .bytes_sent
        .load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        sent <= 6 * MIB as u64,
        "{sent} bytes sent in ~1.5 s at 2 MiB/s"
    );

    e.pause(ja);
    assert_eq!(
        wait_for(&e, ja, |s| s == JobState::Paused).await,
        JobState::Paused
    );
    e.cancel(jb);
    assert_eq!(
        wait_for(&e, jb, |s| s.is_terminal()).await,
        JobState::Cancelled
    );

    // Lifting the limit while running: the rest goes at full speed.
    e.set_bandwidth(0);
    let t = Instant::now();
    e.resume(ja);
    assert_eq!(wait_for(&e, ja, |s| s.is_terminal()).await, JobState::Done);
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "did not speed up: {:?}",
        t.elapsed()
    );
    let va = e.view(ja).unwrap();
    assert_eq!(
        stored_md5(&f.vod, va.asset_id.as_deref().unwrap()).await,
        md5_a
    );

    // The cancelled job's asset is not left CREATING.
    let list = all_assets(&f.vod).await;
    let statuses: Vec<String> = list.assets.iter().map(|x| x.status.raw.clone()).collect();
    assert!(!statuses.iter().any(|s| s == "CREATING"), "{statuses:?}");
    assert_eq!(
        list.assets.iter().filter(|x| x.title == "pausable").count(),
        1
    );
    f.service.shutdown().await;
}

/// A file sent in one PUT (≤ 20 MB) stops where it is when paused or cancelled, instead of
/// running to the end and being published.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_single_put_in_flight_pauses_and_cancels() {
    let f = fixture().await;
    let e = engine(
        &f,
        EngineConfig {
            bandwidth: MIB as u64 / 2,
            ..Default::default()
        },
    );
    let (a, md5_a) = file(f.dir.path(), "paused-put.mp4", 4 * MIB, 3);
    let (b, _) = file(f.dir.path(), "cancelled-put.mp4", 4 * MIB, 4);
    let ja = job(e.add(spec(&a)).await.unwrap());
    let jb = job(e.add(spec(&b)).await.unwrap());
    wait_for(&e, ja, |s| s == JobState::Uploading).await;
    wait_for(&e, jb, |s| s == JobState::Uploading).await;
    // Both PUTs are under way: at 0.5 MiB/s shared, 8 MiB take 16 s.
    tokio::time::sleep(Duration::from_millis(500)).await;
    e.pause(ja);
    e.cancel(jb);
    assert_eq!(
        wait_for(&e, jb, |s| s.is_terminal()).await,
        JobState::Cancelled
    );
    assert_eq!(
        wait_for(&e, ja, |s| s != JobState::Uploading).await,
        JobState::Paused
    );
    let cancelled = e.view(jb).unwrap().asset_id;
    e.set_bandwidth(0);
    e.resume(ja);
    assert_eq!(wait_for(&e, ja, |s| s.is_terminal()).await, JobState::Done);
    let done = e.view(ja).unwrap().asset_id.unwrap();
    assert_eq!(stored_md5(&f.vod, &done).await, md5_a);
    // The cancelled file's asset was given up on the service, not left to be published.
    let list = all_assets(&f.vod).await;
    let live: Vec<_> = list
        .assets
        .iter()
        .filter(|x| Some(&x.id) == cancelled.as_ref())
        .map(|x| x.status.raw.clone())
        .filter(|s| s != "CANCELLED" && s != "FAILED")
        .collect();
    assert!(live.is_empty(), "{live:?}");
    f.service.shutdown().await;
}

/// A job whose upload was confirmed but whose "done" never reached the journal (a crash or a
/// full disk at that moment) resumes as done — also once the asset is transcoding — instead of
/// uploading a second asset.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_job_not_journaled_as_done_is_not_uploaded_twice() {
    use vodesk_core::engine::job::Phase;

    let f = fixture().await;
    // A group that transcodes (one with HLS output).
    let group = f
        .vod
        .presets()
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.produces_hls())
        .expect("an HLS template group")
        .id;
    let (path, _) = file(f.dir.path(), "transcoded.mp4", 300 * 1024, 7);
    let mut s = spec(&path);
    // Without auto-publish the confirmed asset goes on to its template group.
    s.metadata.auto_publish = false;
    s.metadata.preset = Some(group);
    let e = engine(&f, EngineConfig::default());
    let id = job(e.add(s).await.unwrap());
    assert_eq!(wait_for(&e, id, |s| s.is_terminal()).await, JobState::Done);
    let asset = e.view(id).unwrap().asset_id.unwrap();
    drop(e);
    // It is transcoding by now (its list status stays CREATED, huawei-vod-api.md §3.3).
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let q = AssetQuery {
            ids: vec![asset.clone()],
            page_size: 1,
            ..Default::default()
        };
        let l = f.vod.list_assets(&q, None).await.unwrap();
        if l.assets[0].transcode.raw != "UN_TRANSCODE" {
            break;
        }
        assert!(Instant::now() < deadline, "never started transcoding");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // As if the process died between the confirm and the journal's "done".
    let journal = Arc::new(Journal::open(&f.dir.path().join("journal.db")).unwrap());
    journal.set_phase(id, Phase::Created).unwrap();
    journal
        .set_state(id, JobState::Uploading, None, None, None)
        .unwrap();
    let rec = journal.get(id).unwrap().unwrap();
    let (e, _events) = Engine::new(f.vod.clone(), journal, EngineConfig::default());
    e.resume_record(&rec).unwrap();
    assert_eq!(wait_for(&e, id, |s| s.is_terminal()).await, JobState::Done);
    assert_eq!(
        e.view(id).unwrap().asset_id.as_deref(),
        Some(asset.as_str())
    );
    let all = f
        .vod
        .list_assets(
            &AssetQuery {
                page_size: 10,
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        all.total,
        Some(1),
        "a second asset was made: {:?}",
        all.assets
    );
    f.service.shutdown().await;
}

/// The status the asset list shows for `asset_id`.
async fn listed_status(vod: &Arc<dyn VodService>, asset_id: &str) -> String {
    let q = AssetQuery {
        ids: vec![asset_id.to_string()],
        page_size: 1,
        ..Default::default()
    };
    let l = vod.list_assets(&q, None).await.unwrap();
    l.assets[0].status.raw.clone()
}

/// An engine sending two 24 MiB files one 1 MiB part at a time under `bandwidth` (bytes per
/// second), once both are uploading: its config, and each job's id and source MD5.
async fn two_uploading(
    f: &Fixture,
    bandwidth: u64,
    names: [&str; 2],
) -> (Engine, EngineConfig, [(i64, String); 2]) {
    let config = EngineConfig {
        part_size: MIB as u64,
        parts_per_file: 1,
        bandwidth,
        ..Default::default()
    };
    let e = engine(f, config.clone());
    let mut jobs = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let (p, md5) = file(f.dir.path(), name, 24 * MIB, 3 + i as u8);
        jobs.push((job(e.add(spec(&p)).await.unwrap()), md5));
    }
    for (id, _) in &jobs {
        wait_for(&e, *id, |s| s == JobState::Uploading).await;
    }
    (e, config, jobs.try_into().expect("two jobs"))
}

/// What the app does when the user removes a row: the job is forgotten — its half-uploaded
/// asset is not left CREATING, and no later start resumes it. A running job is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_job_is_cancelled_on_the_service_and_never_resumed() {
    let f = fixture().await;
    let (e, _, [(ja, _), (jb, _)]) =
        two_uploading(&f, 2 * MIB as u64, ["removed.mp4", "running.mp4"]).await;

    assert!(
        !e.forget(jb),
        "a running job is only forgotten once cancelled"
    );
    e.cancel(jb);
    wait_for(&e, jb, |s| s.is_terminal()).await;

    e.pause(ja);
    wait_for(&e, ja, |s| s == JobState::Paused).await;
    let asset = e
        .journal()
        .get(ja)
        .unwrap()
        .unwrap()
        .asset_id()
        .expect("the asset was created")
        .to_string();
    assert_eq!(listed_status(&f.vod, &asset).await, "CREATING");
    let totals = e
        .totals()
        .jobs_total
        .load(std::sync::atomic::Ordering::Relaxed);

    assert!(e.forget(ja));
    assert!(e.view(ja).is_none(), "gone from the engine at once");
    assert_eq!(
        e.totals()
            .jobs_total
            .load(std::sync::atomic::Ordering::Relaxed),
        totals - 1
    );
    // The journal forgets it in the background.
    let journal = e.journal();
    let deadline = Instant::now() + Duration::from_secs(30);
    while journal.get(ja).unwrap().is_some() {
        assert!(Instant::now() < deadline, "the journal still has job {ja}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Cancelled on the service (a cancelled asset lists as FAILED, huawei-vod-api.md §3.3).
    assert_eq!(listed_status(&f.vod, &asset).await, "FAILED");
    // A later start finds nothing to resume.
    drop(e);
    let journal = Arc::new(Journal::open(&f.dir.path().join("journal.db")).unwrap());
    let unfinished: Vec<_> = journal.unfinished(&f.vod.account_key()).unwrap();
    assert!(unfinished.is_empty(), "{unfinished:?}");
    f.service.shutdown().await;
}

/// A job the user paused comes back paused in the next session (and Resume continues it from
/// its stored parts); a job merely interrupted (a halt, a profile switch, Ctrl-C) continues by
/// itself. The command line's resume continues even a paused one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_job_comes_back_paused_an_interrupted_one_continues() {
    let f = fixture().await;
    let (e, config, [(ja, md5_a), (jb, md5_b)]) =
        two_uploading(&f, 4 * MIB as u64, ["held.mp4", "interrupted.mp4"]).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    e.pause(ja);
    wait_for(&e, ja, |s| s == JobState::Paused).await;
    e.interrupt_all();
    wait_for(&e, jb, |s| s == JobState::Paused).await;
    drop(e);

    // The next session, as the app starts it.
    let journal = Arc::new(Journal::open(&f.dir.path().join("journal.db")).unwrap());
    let (e, _events) = Engine::new(
        f.vod.clone(),
        journal.clone(),
        EngineConfig {
            bandwidth: 0,
            ..config.clone()
        },
    );
    e.bring_back_unfinished(BringBack::AsLeft).unwrap();
    assert_eq!(wait_for(&e, jb, |s| s.is_terminal()).await, JobState::Done);
    let held = e.view(ja).unwrap();
    assert_eq!(held.state, JobState::Paused);
    assert!(held.bytes_done > 0, "its stored parts show: {held:?}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(e.view(ja).unwrap().bytes_done, held.bytes_done);
    assert_eq!(e.view(ja).unwrap().state, JobState::Paused);
    let sent_before = e
        .totals()
        .bytes_sent
        .load(std::sync::atomic::Ordering::Relaxed);
    e.resume(ja);
    assert_eq!(wait_for(&e, ja, |s| s.is_terminal()).await, JobState::Done);
    let sent = e
        .totals()
        .bytes_sent
        .load(std::sync::atomic::Ordering::Relaxed)
        - sent_before;
    assert!(
        sent <= 24 * MIB as u64 - held.bytes_done,
        "{sent} bytes sent again though {} were stored",
        held.bytes_done
    );
    for (id, md5) in [(ja, &md5_a), (jb, &md5_b)] {
        let v = e.view(id).unwrap();
        assert_eq!(
            &stored_md5(&f.vod, v.asset_id.as_deref().unwrap()).await,
            md5
        );
    }

    // `vodesk upload --resume` (resume_record) continues a paused job at once.
    e.set_bandwidth(MIB as u64);
    let (c, _) = file(f.dir.path(), "cli.mp4", 24 * MIB, 7);
    let jc = job(e.add(spec(&c)).await.unwrap());
    wait_for(&e, jc, |s| s == JobState::Uploading).await;
    e.pause(jc);
    wait_for(&e, jc, |s| s == JobState::Paused).await;
    drop(e);
    let (e, _events) = Engine::new(f.vod.clone(), journal.clone(), config);
    let rec = journal.get(jc).unwrap().unwrap();
    assert_eq!(rec.state, JobState::Paused);
    e.resume_record(&rec).unwrap();
    assert_eq!(wait_for(&e, jc, |s| s.is_terminal()).await, JobState::Done);
    f.service.shutdown().await;
}

/// Two engines on one journal and account (two processes, or a process and the app): only one
/// runs the account's jobs. The second waits, naming the holder; a job the first finished is
/// not run again by the second (no second asset), and the second takes over when the first
/// is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_owner_per_account_the_second_engine_waits_and_runs_nothing_twice() {
    let f = fixture().await;
    let journal = Arc::new(Journal::open(&f.dir.path().join("journal.db")).unwrap());
    let first_config = EngineConfig {
        part_size: MIB as u64,
        bandwidth: 8 * MIB as u64,
        owner_label: "first".into(),
        ..Default::default()
    };
    let (first, _events) = Engine::new(f.vod.clone(), journal.clone(), first_config);
    first.wait_owner().await;
    let (a, md5_a) = file(f.dir.path(), "owned.mp4", 6 * MIB, 1);
    let ja = job(first.add(spec(&a)).await.unwrap());
    wait_for(&first, ja, |s| s == JobState::Uploading).await;

    // The second engine, as `vodesk upload --resume` started meanwhile would make it.
    let (second, _events2) = Engine::new(f.vod.clone(), journal.clone(), EngineConfig::default());
    let back = second.bring_back_unfinished(BringBack::All).unwrap();
    assert_eq!(back.len(), 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    while second.held_by().is_none() {
        assert!(
            Instant::now() < deadline,
            "the second engine never saw the holder"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let holder = second.held_by().unwrap();
    assert_eq!(holder.program, "first", "{holder:?}");
    assert_eq!(holder.pid, Some(std::process::id()));
    assert_eq!(second.view(ja).unwrap().state, JobState::Queued);

    assert_eq!(
        wait_for(&first, ja, |s| s.is_terminal()).await,
        JobState::Done
    );
    let asset = first.view(ja).unwrap().asset_id.unwrap();
    drop(first);
    // The first is gone: the second owns the uploads and finds the job done, not to redo.
    assert_eq!(
        wait_for(&second, ja, |s| s.is_terminal()).await,
        JobState::Done
    );
    assert_eq!(second.held_by(), None);
    assert_eq!(
        second.view(ja).unwrap().asset_id.as_deref(),
        Some(asset.as_str())
    );
    assert_eq!(stored_md5(&f.vod, &asset).await, md5_a);
    assert_eq!(
        all_assets(&f.vod).await.assets.len(),
        1,
        "one asset for one file"
    );
    f.service.shutdown().await;
}
