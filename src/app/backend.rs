//! The app's side of the engine: owns the connection, the upload engine and every background
//! task. The UI calls these methods (none of them waits on I/O) and drains `BgMsg`s once per
//! frame; each message wakes the UI with a repaint request.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use tokio::sync::mpsc;
use vodesk_core::engine::job::JobRecord;
use vodesk_core::engine::walk::Walked;
use vodesk_core::engine::{
    AddError, Added, BringBack, Engine, EngineConfig, Event, JobSpec, JobView, Journal,
};
use vodesk_core::model::{AssetDetails, Category, Preset};
use vodesk_core::provider::api::{
    AssetPage, AssetQuery, Cursor, DeleteScope, ItemResult, MetadataEdit, UrlImported,
};
use vodesk_core::storage::{BucketInfo, ObjectListPage};

use crate::app::assets::AssetOp;

use crate::app::profiles::{ProfileAction, TypedSecrets};
use crate::connection::Connection;
use vodesk_core::credentials::manage::{self, SaveError, Secrets};
use vodesk_core::credentials::{Profile, ProfilesFile, Provider};

use crate::verdict::verdict_text;
use vodesk_core::provider::check::Verdict;

/// Results of background work, drained by the UI each frame.
pub enum BgMsg {
    /// A job changed state (from the engine).
    Job(JobView),
    /// Files found by a folder walk (a chunk at a time, so a big folder never floods a frame).
    Found(Vec<(PathBuf, u64)>),
    /// A folder walk met an unreadable folder.
    WalkProblem(String),
    /// Files in the walked folders that are not media.
    NotMedia(Vec<PathBuf>),
    /// What a queued file holds, and its frame.
    Probed(crate::app::queue::media::Probed),
    /// The watch folders kept from the last session.
    Watches(Result<Vec<crate::app::watch::Watch>, String>),
    /// A look at the watched folders (in the order asked).
    WatchScan(Vec<PathBuf>, Vec<crate::app::watch::Scanned>),
    /// The watch folders could not be written.
    WatchesNotSaved(String),
    /// A folder walk finished.
    WalkDone,
    /// A row was handed to the engine (or refused, with one sentence why).
    Queued {
        row: u64,
        result: Result<Added, String>,
    },
    /// Rows not started in the last session (or why they could not be read).
    Drafts(Result<Vec<crate::app::queue::drafts::Draft>, String>),
    /// Jobs the journal still had from a previous run, back at start (each record's state is
    /// the one it is back in: queued, or paused when the user had paused it).
    Resumed(Vec<JobRecord>),
    Categories(Result<Vec<Category>, String>),
    Presets(Result<Vec<Preset>, String>),
    /// Files chosen in a native dialog.
    Picked(Pick, Vec<PathBuf>),
    /// A decoded cover preview (or why it cannot be shown).
    Cover(PathBuf, Result<egui::ColorImage, String>),
    /// A page of the asset list (`epoch` names the query it answers).
    AssetPage {
        epoch: u64,
        result: Result<AssetPage, String>,
    },
    AssetDetails(String, Box<Result<AssetDetails, String>>),
    /// Fresh copies of the assets whose statuses are followed (or why the call failed).
    Statuses(Result<Vec<vodesk_core::model::Asset>, String>),
    /// Each asset's resulting status, or why the whole call failed.
    AssetOp(AssetOp, Result<Vec<ItemResult>, String>),
    /// A category change was made, or why not.
    CategoryDone(Result<CategoryDone, String>),
    Buckets(Result<Vec<BucketInfo>, String>),
    Objects {
        bucket: String,
        prefix: String,
        result: Result<ObjectListPage, String>,
    },
    /// A bucket's unfinished multipart uploads.
    Unfinished {
        bucket: String,
        result: Result<Vec<vodesk_core::storage::UnfinishedUpload>, String>,
    },
    /// Unfinished uploads of `bucket` were aborted: how many, and why others were not.
    Aborted {
        bucket: String,
        done: usize,
        failed: Vec<String>,
    },
    /// One line per item of a bucket action (import, authorise).
    BucketResults(Vec<BucketLine>),
    /// An asset's metadata was saved (or why not).
    /// (asset, what was saved, result)
    AssetSaved(String, Saved, Result<(), String>),
    /// A downloaded and decoded cover image.
    CoverImage(String, Result<egui::ColorImage, String>),
    /// A problem worth a toast.
    Problem(String),
    /// The saved profiles (or why they cannot be read).
    Profiles(Result<ProfilesFile, vodesk_core::credentials::ProfilesFileError>),
    /// A profile test / save / removal ended: what it did (or why not), and the profile
    /// to switch to (after "Use").
    ProfileDone {
        result: Result<ProfileOutcome, ProfileProblem>,
        switch_to: Option<String>,
    },
    /// The backend of another profile is ready (or why not).
    Switched(String, Result<Box<Backend>, String>),
}

/// What a native file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Files,
    Folder,
    Cover,
    Subtitle,
    /// A new cover for the asset shown in the details pane.
    AssetCover,
    /// A folder to watch.
    WatchFolder,
}

/// What the top bar shows about the connection.
pub struct ConnectionInfo {
    pub name: String,
    pub is_local: bool,
    pub endpoint: String,
}

pub struct Backend {
    pub rt: tokio::runtime::Handle,
    pub conn: Arc<Connection>,
    pub engine: Engine,
    pub info: ConnectionInfo,
    /// Where rows not started yet are kept between sessions.
    pub drafts_file: PathBuf,
    /// Where the watch folders are kept.
    pub watches_file: PathBuf,
    journal_path: PathBuf,
    tx: mpsc::UnboundedSender<BgMsg>,
    rx: mpsc::UnboundedReceiver<BgMsg>,
    ctx: egui::Context,
}

impl Backend {
    /// Starts the engine on `rt` (must be called inside the runtime) and the first background
    /// fetches: resumable jobs, categories, template groups.
    pub fn new(
        rt: tokio::runtime::Handle,
        conn: Arc<Connection>,
        journal_path: &Path,
        config: EngineConfig,
        ctx: egui::Context,
    ) -> Result<Backend, String> {
        let journal = Journal::open(journal_path).map(Arc::new).map_err(|e| {
            t!(
                "app-journal-unreadable",
                path = (journal_path.display().to_string()),
                error = (e.0)
            )
        })?;
        let _g = rt.enter();
        let (engine, mut events) = Engine::new(conn.vod.clone(), journal.clone(), config);
        let (tx, rx) = mpsc::unbounded_channel();
        let info = match &conn.local {
            Some(_) => ConnectionInfo {
                name: conn.profile.clone(),
                is_local: true,
                endpoint: conn.vod.endpoint(),
            },
            None => ConnectionInfo {
                name: conn.profile.clone(),
                is_local: false,
                endpoint: conn.vod.endpoint(),
            },
        };
        let b = Backend {
            rt,
            conn,
            engine,
            info,
            drafts_file: journal_path.with_file_name("drafts.json"),
            watches_file: crate::app::watch::file_next_to(journal_path),
            journal_path: journal_path.to_path_buf(),
            tx,
            rx,
            ctx,
        };
        // Engine events become UI messages; each wakes the UI.
        let (tx2, ctx2) = (b.tx.clone(), b.ctx.clone());
        b.rt.spawn(async move {
            while let Some(Event::Job(v)) = events.recv().await {
                if tx2.send(BgMsg::Job(v)).is_err() {
                    break;
                }
                ctx2.request_repaint();
            }
        });
        b.fetch_categories();
        b.fetch_presets();
        Ok(b)
    }

    /// Reads the saved profiles in the background.
    pub fn load_profiles(&self, config: PathBuf) {
        self.answer_blocking(move || BgMsg::Profiles(ProfilesFile::load(&config)));
    }

    /// Connects to another profile and opens its backend (journal included) in the background;
    /// the UI swaps backends when it is ready.
    pub fn switch(&self, places: crate::app::Places, name: String, config: EngineConfig) {
        let (rt, journal, ctx) = (self.rt.clone(), self.journal_path.clone(), self.ctx());
        self.answer(async move {
            let result = match crate::app::connect_profile(&places, Some(&name)).await {
                Ok(conn) => {
                    let rt2 = rt.clone();
                    rt.spawn_blocking(move || {
                        Backend::new(rt2, Arc::new(conn), &journal, config, ctx).map(Box::new)
                    })
                    .await
                    .unwrap_or_else(|e| Err(t!("task-stopped", error = (e.to_string()))))
                }
                Err(e) => Err(e),
            };
            BgMsg::Switched(name, result)
        });
    }

    /// Writes the rows not started yet in the background.
    pub fn save_drafts(&self, drafts: Vec<crate::app::queue::drafts::Draft>) {
        let (file, (tx, ctx)) = (self.drafts_file.clone(), self.wake());
        self.rt.spawn_blocking(move || {
            if let Err(e) = crate::app::queue::drafts::save(&file, &drafts) {
                let _ = tx.send(BgMsg::Problem(t!("drafts-not-saved", error = e)));
                ctx.request_repaint();
            }
        });
    }

    /// Tests, saves, removes or chooses a profile in the background.
    pub fn profile_action(&self, config: PathBuf, action: ProfileAction) {
        self.answer(async move {
            let (result, switch_to) = run_profile_action(config, action).await;
            BgMsg::ProfileDone { result, switch_to }
        });
    }

    pub fn ctx(&self) -> egui::Context {
        self.ctx.clone()
    }

    /// Runs `task` on the runtime; its message reaches the UI, which is woken for it.
    fn answer(&self, task: impl std::future::Future<Output = BgMsg> + Send + 'static) {
        let (tx, ctx) = self.wake();
        self.rt.spawn(async move {
            let _ = tx.send(task.await);
            ctx.request_repaint();
        });
    }

    /// [`Self::answer`] for blocking work (files, SQLite, the keychain).
    fn answer_blocking(&self, work: impl FnOnce() -> BgMsg + Send + 'static) {
        let (tx, ctx) = self.wake();
        self.rt.spawn_blocking(move || {
            let _ = tx.send(work());
            ctx.request_repaint();
        });
    }

    /// A sender and context for a background task.
    fn wake(&self) -> (mpsc::UnboundedSender<BgMsg>, egui::Context) {
        (self.tx.clone(), self.ctx.clone())
    }

    /// The next message that arrived, if any.
    pub fn next(&mut self) -> Option<BgMsg> {
        self.rx.try_recv().ok()
    }

    /// Asks for another frame (more messages are waiting).
    pub fn more_later(&self) {
        self.ctx.request_repaint();
    }

    /// Hands over an engine being replaced (a profile switch): it was told to stop, and its
    /// parts in flight finish first. A backend opened afterwards resumes nothing until every
    /// such engine is idle — switching back at once would otherwise let two engines work on
    /// the same job (a second asset created for one file, say).
    pub fn retire(engine: Engine) {
        engine.interrupt_all();
        retiring()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(engine);
    }

    /// The journal's unfinished jobs of this service come back as they were left: they continue
    /// where they stopped, stay paused when the user paused them, and a failed one stays
    /// failed (retried only when the user asks: unasked, each start could leave another
    /// failed asset on the service).
    /// Called once the backend is the app's (after a switch, once the old engine is retired).
    pub fn resume_unfinished(&self) {
        let engine = self.engine.clone();
        let (tx, ctx) = self.wake();
        let rt = self.rt.clone();
        self.rt.spawn_blocking(move || {
            let old: Vec<Engine> =
                std::mem::take(&mut *retiring().lock().unwrap_or_else(|e| e.into_inner()));
            for e in old {
                rt.block_on(e.wait_idle());
            }
            let msg = match engine.bring_back_unfinished(BringBack::AsLeft) {
                Ok(records) => BgMsg::Resumed(records),
                Err(e) => BgMsg::Problem(e.0),
            };
            let _ = tx.send(msg);
            ctx.request_repaint();
        });
    }

    pub fn load_drafts(&self) {
        let file = self.drafts_file.clone();
        self.answer_blocking(move || BgMsg::Drafts(crate::app::queue::drafts::load(&file)));
    }

    pub fn fetch_categories(&self) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let r = vod.categories().await.map_err(|e| e.to_string());
            BgMsg::Categories(r)
        });
    }

    pub fn fetch_presets(&self) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let r = vod.presets().await.map_err(|e| e.to_string());
            BgMsg::Presets(r)
        });
    }

    /// Hands one row to the engine; the answer comes back as `BgMsg::Queued`.
    pub fn submit(&self, row: u64, spec: JobSpec) {
        let engine = self.engine.clone();
        self.answer(async move {
            let result = engine.add(spec).await.map_err(|e| match e {
                AddError::Journal(j) => {
                    t!("queue-not-saved", error = (j.0))
                }
                e => e.to_string(),
            });
            BgMsg::Queued { row, result }
        });
    }

    /// Reads the watch folders kept from the last session.
    pub fn load_watches(&self) {
        let file = self.watches_file.clone();
        self.answer_blocking(move || BgMsg::Watches(crate::app::watch::load(&file)));
    }

    /// Writes the watch folders (off the UI thread).
    pub fn save_watches(&self, list: Vec<crate::app::watch::Watch>) {
        let file = self.watches_file.clone();
        self.answer_blocking(move || match crate::app::watch::save(&file, &list) {
            Ok(()) => BgMsg::WatchesNotSaved(String::new()),
            Err(e) => BgMsg::WatchesNotSaved(e),
        });
    }

    /// Looks at the watched folders off the UI thread.
    pub fn scan_watches(&self, folders: Vec<PathBuf>) {
        self.answer_blocking(move || {
            let scanned = crate::app::watch::scan::look(&folders);
            BgMsg::WatchScan(folders, scanned)
        });
    }

    /// Probes a queued file and takes its frame; the answer arrives as `BgMsg::Probed`.
    pub fn probe(&self, tools: vodesk_media::Tools, key: u64, path: PathBuf) {
        self.answer(async move {
            BgMsg::Probed(crate::app::queue::media::probe(tools, key, path).await)
        });
    }

    /// Walks folders off the UI thread; files arrive in chunks as they are found.
    pub fn walk(&self, folders: Vec<PathBuf>) {
        let (tx, ctx) = self.wake();
        self.rt.spawn_blocking(move || {
            // Small chunks: the first rows should show at once.
            vodesk_core::engine::walk::walk(&folders, 256, &mut |w| {
                let m = match w {
                    Walked::Files(found) => BgMsg::Found(found),
                    Walked::Problem(_, why) => BgMsg::WalkProblem(why),
                    Walked::NotMedia(paths) => BgMsg::NotMedia(paths),
                };
                let ok = tx.send(m).is_ok();
                ctx.request_repaint();
                ok
            });
            let _ = tx.send(BgMsg::WalkDone);
            ctx.request_repaint();
        });
    }

    /// Opens a native dialog without blocking the UI; the choice arrives as `BgMsg::Picked`.
    pub fn pick(&self, what: Pick) {
        // The dialog's words are made here, on the UI thread, in the window's language.
        let (files_title, folder_title) = (t!("pick-files"), t!("pick-folder"));
        let watch_title = t!("watch-pick-title");
        let (cover_title, cover_filter) = (t!("pick-cover"), t!("pick-cover-filter"));
        let (subtitles_title, subtitles_filter) =
            (t!("pick-subtitles"), t!("pick-subtitles-filter"));
        self.answer(async move {
            let d = rfd::AsyncFileDialog::new();
            let paths: Vec<PathBuf> = match what {
                Pick::Files => d
                    .set_title(files_title)
                    .pick_files()
                    .await
                    .unwrap_or_default()
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect(),
                Pick::Folder | Pick::WatchFolder => d
                    .set_title(if what == Pick::WatchFolder {
                        watch_title.clone()
                    } else {
                        folder_title
                    })
                    .pick_folders()
                    .await
                    .unwrap_or_default()
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect(),
                Pick::Cover | Pick::AssetCover => d
                    .set_title(cover_title)
                    .add_filter(cover_filter, &["jpg", "jpeg", "png"])
                    .pick_file()
                    .await
                    .map(|f| vec![f.path().to_path_buf()])
                    .unwrap_or_default(),
                Pick::Subtitle => d
                    .set_title(subtitles_title)
                    .add_filter(subtitles_filter, &["srt"])
                    .pick_files()
                    .await
                    .unwrap_or_default()
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect(),
            };
            BgMsg::Picked(what, paths)
        });
    }

    /// Decodes a cover image for the preview, scaled down, off the UI thread.
    pub fn load_cover(&self, path: PathBuf) {
        self.answer_blocking(move || {
            let r = crate::app::form::cover::decode_preview(&path);
            BgMsg::Cover(path, r)
        });
    }

    /// Fetches one page of the asset list (`cursor`: where it starts; `None` = the first).
    pub fn fetch_assets(&self, epoch: u64, q: AssetQuery, cursor: Option<Cursor>) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let result = vod
                .list_assets(&q, cursor.as_ref())
                .await
                .map_err(|e| e.to_string());
            BgMsg::AssetPage { epoch, result }
        });
    }

    /// The assets `ids` as the service has them now, as `BgMsg::Statuses`.
    pub fn fetch_statuses(&self, ids: Vec<String>) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let q = AssetQuery {
                page_size: ids.len().max(1) as u32,
                ids,
                ..Default::default()
            };
            let r = vod
                .list_assets(&q, None)
                .await
                .map(|page| page.assets)
                .map_err(|e| e.to_string());
            BgMsg::Statuses(r)
        });
    }

    pub fn fetch_details(&self, asset_id: String) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let r = vod
                .asset_details(&asset_id)
                .await
                .map_err(|e| e.to_string());
            BgMsg::AssetDetails(asset_id, Box::new(r))
        });
    }

    /// Publishes, unpublishes or deletes assets; each one's resulting status comes back.
    pub fn asset_op(&self, op: AssetOp, ids: Vec<String>) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let r = match op {
                AssetOp::Publish => vod.publish(&ids).await,
                AssetOp::Unpublish => vod.unpublish(&ids).await,
                AssetOp::Delete => vod.delete(&ids, DeleteScope::Everything).await,
            };
            BgMsg::AssetOp(op, r.map_err(|e| e.to_string()))
        });
    }

    pub fn category_op(&self, op: crate::app::assets::categories::CategoryOp) {
        use crate::app::assets::categories::CategoryOp;
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let r = match op {
                CategoryOp::Create { name, parent } => vod
                    .create_category(&name, parent)
                    .await
                    .map(|c| CategoryDone::Created(c.name)),
                CategoryOp::Rename { id, name } => vod
                    .rename_category(id, &name)
                    .await
                    .map(|c| CategoryDone::Renamed(c.name)),
                CategoryOp::Delete { id } => vod
                    .delete_category(id)
                    .await
                    .map(|()| CategoryDone::Deleted),
            };
            BgMsg::CategoryDone(r.map_err(|e| e.to_string()))
        });
    }

    /// Runs a bucket-browser command in the background.
    pub fn bucket_cmd(&self, cmd: crate::app::buckets::BucketCmd) {
        use crate::app::buckets::BucketCmd;
        let vod = self.conn.vod.clone();
        self.answer(async move {
            match cmd {
                BucketCmd::ListBuckets => {
                    BgMsg::Buckets(vod.list_buckets().await.map_err(|e| e.to_string()))
                }
                BucketCmd::List { bucket, query } => {
                    let result = vod
                        .list_objects(&bucket, &query)
                        .await
                        .map_err(|e| e.to_string());
                    BgMsg::Objects {
                        bucket,
                        prefix: query.prefix.unwrap_or_default(),
                        result,
                    }
                }
                BucketCmd::Authorize(b) => {
                    BgMsg::BucketResults(vec![match vod.authorize_bucket(&b, true).await {
                        Ok(()) => BucketLine::Authorized(b),
                        Err(e) => BucketLine::NotAuthorized(b, e.to_string()),
                    }])
                }
                BucketCmd::Import { bucket, items } => {
                    let mut lines = Vec::new();
                    for (key, media, meta) in items {
                        lines.push(
                            match vod.import_object(&bucket, &key, &media, &meta).await {
                                Ok(id) => BucketLine::Imported(key, id),
                                Err(e) => BucketLine::NotImported(key, e.to_string()),
                            },
                        );
                    }
                    BgMsg::BucketResults(lines)
                }
                BucketCmd::ListUploads(bucket) => {
                    let result = vod
                        .unfinished_uploads(&bucket)
                        .await
                        .map_err(|e| e.to_string());
                    BgMsg::Unfinished { bucket, result }
                }
                BucketCmd::AbortUploads { bucket, uploads } => {
                    let mut failed = Vec::new();
                    for (key, id) in &uploads {
                        if let Err(e) = vod.abort_upload(&bucket, key, id).await {
                            failed.push(format!("{key}: {e}"));
                        }
                    }
                    let done = uploads.len() - failed.len();
                    BgMsg::Aborted {
                        bucket,
                        done,
                        failed,
                    }
                }
                BucketCmd::ImportUrls(items) => {
                    BgMsg::BucketResults(match vod.import_urls(&items).await {
                        Ok(results) => results.into_iter().map(url_line).collect(),
                        Err(e) => vec![BucketLine::UrlsFailed(e.to_string())],
                    })
                }
            }
        });
    }

    /// Makes a snapshot the asset's cover; the answer comes back like a metadata save.
    pub fn set_cover(&self, asset_id: String, url: String) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let r = vod
                .set_cover_from_snapshot(&asset_id, &url)
                .await
                .map_err(|e| e.to_string());
            BgMsg::AssetSaved(asset_id, Saved::CoverSet, r)
        });
    }

    /// Replaces an asset's cover by the image at `path` (read and checked off the UI thread).
    pub fn set_cover_image(&self, asset_id: String, path: PathBuf) {
        let vod = self.conn.vod.clone();
        self.answer(async move {
            let read = tokio::task::spawn_blocking(move || {
                vodesk_core::model::metadata::CoverImage::read(&path)
            })
            .await
            .unwrap_or_else(|e| Err(t!("cover-read-stopped", error = (e.to_string()))));
            let r = match read {
                Ok(image) => vod
                    .set_cover_image(&asset_id, &image)
                    .await
                    .map_err(|e| e.to_string()),
                Err(why) => Err(why),
            };
            BgMsg::AssetSaved(asset_id, Saved::CoverReplaced, r)
        });
    }

    /// Saves metadata edits one after the other (each answer comes back on its own).
    pub fn save_assets(&self, edits: Vec<(String, MetadataEdit)>) {
        let vod = self.conn.vod.clone();
        let (tx, ctx) = self.wake();
        self.rt.spawn(async move {
            for (asset_id, edit) in edits {
                let r = vod
                    .edit_asset(&asset_id, &edit)
                    .await
                    .map_err(|e| e.to_string());
                let _ = tx.send(BgMsg::AssetSaved(asset_id, Saved::Metadata, r));
                ctx.request_repaint();
            }
        });
    }

    /// Downloads and decodes a cover image off the UI thread.
    pub fn fetch_cover(&self, url: String) {
        let http = self.conn.vod.http().clone();
        self.answer(async move {
            let bytes = async {
                let rsp = http.get(&url).send().await.map_err(|e| e.to_string())?;
                if !rsp.status().is_success() {
                    return Err(t!(
                        "cover-not-downloaded",
                        status = (rsp.status().to_string())
                    ));
                }
                rsp.bytes().await.map_err(|e| e.to_string())
            }
            .await;
            let r = match bytes {
                Ok(b) => {
                    tokio::task::spawn_blocking(move || crate::app::form::cover::decode_bytes(&b))
                        .await
                        .unwrap_or_else(|e| Err(e.to_string()))
                }
                Err(e) => Err(e),
            };
            BgMsg::CoverImage(url, r)
        });
    }
}

/// A category change the service made.
#[derive(Clone, Debug)]
pub enum CategoryDone {
    Created(String),
    Renamed(String),
    Deleted,
}

impl CategoryDone {
    pub fn text(&self) -> String {
        match self {
            CategoryDone::Created(name) => t!("category-created", name = name.as_str()),
            CategoryDone::Renamed(name) => t!("category-renamed", name = name.as_str()),
            CategoryDone::Deleted => t!("category-deleted"),
        }
    }
}

/// What an asset save changed.
#[derive(Clone, Copy, Debug)]
pub enum Saved {
    CoverSet,
    CoverReplaced,
    Metadata,
}

impl Saved {
    pub fn text(self) -> String {
        match self {
            Saved::CoverSet => t!("asset-cover-set"),
            Saved::CoverReplaced => t!("asset-cover-replaced"),
            Saved::Metadata => t!("asset-metadata-saved"),
        }
    }
}

/// What a profile action did.
#[derive(Clone, Debug)]
pub enum ProfileOutcome {
    /// The connection works, with this scope (project id, SubAppId…).
    Tested {
        provider: Provider,
        scope: String,
    },
    Saved(String),
    Removed(String),
    Switching(String),
}

impl ProfileOutcome {
    pub fn text(&self) -> String {
        match self {
            ProfileOutcome::Tested { provider, scope } => crate::verdict::ok_text(*provider, scope),
            ProfileOutcome::Saved(name) => t!("profile-saved", name = name.as_str()),
            ProfileOutcome::Removed(name) => t!("profile-removed", name = name.as_str()),
            ProfileOutcome::Switching(name) => t!("profile-switching", name = name.as_str()),
        }
    }
}

/// Why a profile action did not work.
#[derive(Clone, Debug)]
pub enum ProfileProblem {
    /// The connection test's verdict.
    Test(Verdict, Provider),
    /// The test before saving failed: nothing was saved.
    NotSaved(Verdict, Provider),
    /// A field breaks a rule of profiles.
    Field(vodesk_core::credentials::profile::ProfileError),
    /// Saving, removing or choosing did not happen.
    Manage(vodesk_core::credentials::manage::ManageError),
    /// No project id and no region to look one up with.
    NeedsProject,
    Other(String),
}

impl ProfileProblem {
    pub fn text(&self) -> String {
        match self {
            ProfileProblem::Test(v, kind) => verdict_text(v, *kind, ""),
            ProfileProblem::NotSaved(v, kind) => {
                t!("verdict-not-saved", verdict = (verdict_text(v, *kind, "")))
            }
            ProfileProblem::Field(e) => crate::app::profiles::problem_text(e),
            ProfileProblem::Manage(e) => crate::words::manage_error(e),
            ProfileProblem::NeedsProject => t!("profile-needs-project"),
            ProfileProblem::Other(e) => e.clone(),
        }
    }
}

/// What one item of a bucket action came to (put in words on the UI thread).
#[derive(Clone, Debug)]
pub enum BucketLine {
    Authorized(String),
    /// The bucket, and why.
    NotAuthorized(String, String),
    /// The object or URL, and the asset made.
    Imported(String, String),
    /// The object, and why.
    NotImported(String, String),
    /// The URL, and why the service refused it.
    UrlRefused(String, String),
    /// Why the whole import by URL failed.
    UrlsFailed(String),
}

impl BucketLine {
    pub fn ok(&self) -> bool {
        matches!(self, BucketLine::Authorized(_) | BucketLine::Imported(..))
    }

    pub fn text(&self) -> String {
        match self {
            BucketLine::Authorized(b) => t!("bucket-authorized", bucket = b.as_str()),
            BucketLine::NotAuthorized(b, e) => {
                t!(
                    "bucket-not-authorized",
                    bucket = b.as_str(),
                    error = e.as_str()
                )
            }
            BucketLine::Imported(item, id) => {
                t!("bucket-imported", item = item.as_str(), asset = id.as_str())
            }
            BucketLine::NotImported(item, e) => {
                t!(
                    "bucket-not-imported",
                    item = item.as_str(),
                    error = e.as_str()
                )
            }
            BucketLine::UrlRefused(url, e) => {
                t!("bucket-url-refused", url = url.as_str(), error = e.as_str())
            }
            BucketLine::UrlsFailed(e) => t!("bucket-urls-failed", error = e.as_str()),
        }
    }
}

/// One line of an import by URL: what the service did with it.
fn url_line(r: UrlImported) -> BucketLine {
    match (r.asset_id, r.error) {
        (Some(id), None) => BucketLine::Imported(r.url, id),
        (_, error) => BucketLine::UrlRefused(r.url, error.unwrap_or_default()),
    }
}

/// A keychain or file step on a blocking thread.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, vodesk_core::credentials::manage::ManageError> + Send + 'static,
) -> Result<T, ProfileProblem> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(ProfileProblem::Manage),
        Err(e) => Err(ProfileProblem::Other(t!(
            "task-stopped",
            error = (e.to_string())
        ))),
    }
}

/// One profile action: (worked, what to say, profile to switch to).
/// The profile and secrets to test or save: the typed secrets over the ones `stored` for that
/// profile in the keychain (read off the async threads). The profile uses a security token
/// when one is kept, and a proxy password only with a proxy.
async fn with_stored(
    mut profile: Profile,
    typed: TypedSecrets,
    stored: Option<String>,
) -> Result<(Profile, Secrets), ProfileProblem> {
    let kept = match stored {
        Some(name) => Some(blocking(move || manage::stored_secrets(&name)).await?),
        None => None,
    };
    let mut secrets = typed.over(kept).map_err(ProfileProblem::Manage)?;
    profile.security_token = secrets.security_token.is_some();
    if profile.proxy.is_none() {
        secrets.proxy_password = None;
    }
    Ok((profile, secrets))
}

/// Engines replaced by a profile switch whose work may still be in flight.
fn retiring() -> &'static std::sync::Mutex<Vec<Engine>> {
    static RETIRING: std::sync::OnceLock<std::sync::Mutex<Vec<Engine>>> =
        std::sync::OnceLock::new();
    RETIRING.get_or_init(Default::default)
}

async fn run_profile_action(
    config: PathBuf,
    action: ProfileAction,
) -> (Result<ProfileOutcome, ProfileProblem>, Option<String>) {
    match action {
        ProfileAction::Test {
            profile,
            secrets,
            stored,
        } => {
            let (profile, secrets) = match with_stored(*profile, secrets, stored).await {
                Ok(v) => v,
                Err(e) => return (Err(e), None),
            };
            match manage::prepare(profile, &secrets, false).await {
                Ok((p, _)) => (
                    Ok(ProfileOutcome::Tested {
                        provider: p.provider,
                        scope: p.project_id,
                    }),
                    None,
                ),
                Err(SaveError::Refused(v, kind)) => (Err(ProfileProblem::Test(v, kind)), None),
                Err(SaveError::Field(e)) => (Err(ProfileProblem::Field(e)), None),
                Err(SaveError::NeedsProjectOrRegion) => (Err(ProfileProblem::NeedsProject), None),
                Err(e) => (Err(ProfileProblem::Other(e.to_string())), None),
            }
        }
        ProfileAction::Save {
            profile,
            secrets,
            replacing,
            make_default,
            skip_test,
        } => {
            let (profile, secrets) = match with_stored(*profile, secrets, replacing.clone()).await {
                Ok(v) => v,
                Err(e) => return (Err(e), None),
            };
            let (p, _) = match manage::prepare(profile, &secrets, skip_test).await {
                Ok(v) => v,
                Err(SaveError::Refused(v, kind)) => {
                    return (Err(ProfileProblem::NotSaved(v, kind)), None);
                }
                Err(SaveError::Field(e)) => return (Err(ProfileProblem::Field(e)), None),
                Err(SaveError::NeedsProjectOrRegion) => {
                    return (Err(ProfileProblem::NeedsProject), None);
                }
                Err(e) => return (Err(ProfileProblem::Other(e.to_string())), None),
            };
            let name = p.name.clone();
            let saved = blocking(move || {
                manage::save(
                    &config,
                    p,
                    Some(&secrets),
                    replacing.as_deref(),
                    make_default,
                )
            })
            .await;
            match saved {
                Ok(()) => (Ok(ProfileOutcome::Saved(name)), None),
                Err(e) => (Err(e), None),
            }
        }
        ProfileAction::Remove(name) => {
            let n = name.clone();
            match blocking(move || manage::remove(&config, &n)).await {
                Ok(()) => (Ok(ProfileOutcome::Removed(name)), None),
                Err(e) => (Err(e), None),
            }
        }
        ProfileAction::Use(name) => {
            match blocking(move || manage::set_default(&config, &name)).await {
                Ok(chosen) => (Ok(ProfileOutcome::Switching(chosen.clone())), Some(chosen)),
                Err(e) => (Err(e), None),
            }
        }
    }
}
