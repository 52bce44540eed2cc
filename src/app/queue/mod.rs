//! The upload queue: rows, selection, and the actions on them. Rows are drafts until started
//! (their metadata is still editable); started rows follow their engine job.

pub mod drafts;
pub mod follow;
pub mod left_out;
pub mod media;
pub mod row;
pub mod table;
pub mod toolbar;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use vodesk_core::engine::job::JobRecord;
use vodesk_core::engine::{Added, JobId, JobSpec, JobState, JobView};
use vodesk_core::model::{MediaType, UploadMetadata, title_pattern};

pub use row::{Row, RowState};

#[derive(Default)]
pub struct QueueState {
    pub rows: Vec<Row>,
    next_key: u64,
    by_key: HashMap<u64, usize>,
    by_job: HashMap<JobId, usize>,
    /// Paths with an unfinished row, so the same file is never queued twice.
    open_paths: HashSet<PathBuf>,
    pub selected: HashSet<u64>,
    /// Where a shift-click range starts.
    anchor: Option<u64>,
    /// Bumped whenever the selection or the selected rows' metadata change from outside the
    /// form, so the form reloads its text buffers.
    pub generation: u64,
    /// Folder walks still running.
    pub walks: usize,
    /// The filter typed over the queue: selection and actions apply to what it shows.
    pub search: String,
    /// Files in walked folders that are not media.
    pub left_out: left_out::LeftOut,
    /// Probes of the files and their frames.
    pub media: media::QueueMedia,
}

impl QueueState {
    /// Adds found files as draft rows with metadata from `template` and titles from `pattern`;
    /// returns how many rows were added.
    pub fn add_found(
        &mut self,
        found: Vec<(PathBuf, u64)>,
        template: &UploadMetadata,
        pattern: Option<&str>,
    ) -> usize {
        let mut added = 0;
        for (path, size) in found {
            if self.open_paths.contains(&path) {
                continue;
            }
            let Some(media) = MediaType::from_path(&path) else {
                continue;
            };
            let mut meta = template.clone();
            meta.title = title_pattern::expand(pattern, &path);
            let key = self.next_key();
            let mut row = Row::new(key, path.clone(), size, media.code, meta);
            if size == 0 {
                row.state = RowState::Refused;
                row.error = Some(t!("row-empty-file"));
            }
            self.open_paths.insert(path);
            self.push(row);
            added += 1;
        }
        added
    }

    /// Rows not started yet, to keep for the next session.
    pub fn drafts(&self) -> Vec<drafts::Draft> {
        self.rows
            .iter()
            .filter(|r| r.state == RowState::Draft)
            .map(|r| drafts::Draft {
                path: r.path.clone(),
                size: r.size,
                meta: r.meta.clone(),
            })
            .collect()
    }

    /// Brings back the drafts of the last session, with the metadata they had.
    pub fn add_drafts(&mut self, drafts: Vec<drafts::Draft>) {
        for d in drafts {
            if self.open_paths.contains(&d.path) {
                continue;
            }
            let Some(media) = MediaType::from_path(&d.path) else {
                continue;
            };
            let key = self.next_key();
            self.open_paths.insert(d.path.clone());
            self.push(Row::new(key, d.path, d.size, media.code, d.meta));
        }
    }

    /// Shows jobs resumed from the journal (a previous run's unfinished queue).
    pub fn add_resumed(&mut self, records: Vec<JobRecord>) {
        for rec in records {
            if self.by_job.contains_key(&rec.id) {
                continue;
            }
            let key = self.next_key();
            let mut row = Row::new(
                key,
                rec.spec.path.clone(),
                rec.identity.size,
                rec.spec.media.clone(),
                rec.spec.metadata.clone(),
            );
            row.job = Some(rec.id);
            row.state = RowState::Job(rec.state);
            row.error = rec.reason.clone();
            row.asset_id = rec.asset_id().map(str::to_string);
            self.open_paths.insert(rec.spec.path.clone());
            self.by_job.insert(rec.id, self.rows.len());
            self.push(row);
        }
    }

    fn next_key(&mut self) -> u64 {
        self.next_key += 1;
        self.next_key
    }

    fn push(&mut self, row: Row) {
        self.by_key.insert(row.key, self.rows.len());
        self.rows.push(row);
    }

    /// Makes room for a large folder before its rows stream in: growing the row list and its
    /// indexes while 100,000 rows arrive would copy and rehash them all in one frame (a
    /// 10–25 ms stall); room reserved here is untouched memory until used.
    pub fn make_room(&mut self) {
        const AHEAD: usize = 1 << 17;
        if self.rows.capacity() - self.rows.len() < AHEAD {
            self.rows.reserve(AHEAD);
            self.by_key.reserve(AHEAD);
            self.open_paths.reserve(AHEAD);
        }
    }

    fn reindex(&mut self) {
        self.by_key.clear();
        self.by_job.clear();
        for (i, r) in self.rows.iter().enumerate() {
            self.by_key.insert(r.key, i);
            if let Some(j) = r.job {
                self.by_job.insert(j, i);
            }
        }
    }

    pub fn row(&self, key: u64) -> Option<&Row> {
        self.by_key.get(&key).map(|&i| &self.rows[i])
    }

    /// Those of `keys` whose rows have not been handed to the engine yet.
    pub fn drafts_among(&self, keys: &[u64]) -> Vec<u64> {
        keys.iter()
            .copied()
            .filter(|k| self.row(*k).is_some_and(|r| r.state == RowState::Draft))
            .collect()
    }

    pub fn row_mut(&mut self, key: u64) -> Option<&mut Row> {
        self.by_key.get(&key).map(|&i| &mut self.rows[i])
    }

    /// Applies an engine event to its row.
    /// Applies a job's new state; true when that finished its upload just now.
    pub fn on_job(&mut self, v: &JobView) -> bool {
        let Some(&i) = self.by_job.get(&v.id) else {
            return false;
        };
        let was_done = self.rows[i].state == RowState::Job(JobState::Done);
        self.rows[i].apply(v);
        !was_done && self.rows[i].state == RowState::Job(JobState::Done)
    }

    /// The engine accepted (or refused) a row; the job to cancel at once, when the row was
    /// cancelled on its way.
    pub fn on_queued(&mut self, key: u64, result: Result<Added, String>) -> Option<JobId> {
        let i = *self.by_key.get(&key)?;
        let row = &mut self.rows[i];
        match result {
            Ok(Added::AlreadyUploaded { asset_id }) => {
                row.state = RowState::AlreadyUploaded;
                row.asset_id = Some(asset_id);
                None
            }
            Ok(Added::Queued(id) | Added::Resumed(id)) => {
                row.job = Some(id);
                if row.state == RowState::Submitting {
                    row.state = RowState::Job(JobState::Queued);
                }
                self.by_job.insert(id, i);
                std::mem::take(&mut row.cancel_when_queued).then_some(id)
            }
            Err(e) => {
                row.state = RowState::Refused;
                row.error = Some(e);
                None
            }
        }
    }

    /// Rows among `keys` that Cancel would stop: uploads not finished, and rows on their way
    /// to the engine.
    pub fn cancellable(&self, keys: &[u64], live: impl Fn(JobId) -> bool) -> Vec<u64> {
        keys.iter()
            .copied()
            .filter(|k| {
                self.row(*k).is_some_and(|r| match r.job {
                    Some(j) => live(j),
                    None => r.state == RowState::Submitting,
                })
            })
            .collect()
    }

    /// Indices of the rows the filter shows; `None` when no filter is typed (all of them).
    /// One pass over the rows, and only while a filter is typed.
    pub fn shown(&self) -> Option<Vec<usize>> {
        let needle = self.search.trim().to_lowercase();
        (!needle.is_empty()).then(|| {
            self.rows
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    r.name.to_lowercase().contains(&needle)
                        || r.meta.title.to_lowercase().contains(&needle)
                })
                .map(|(i, _)| i)
                .collect()
        })
    }

    /// The rows shown, in order.
    fn shown_rows(&self) -> Box<dyn Iterator<Item = &Row> + '_> {
        match self.shown() {
            None => Box::new(self.rows.iter()),
            Some(ix) => Box::new(ix.into_iter().map(|i| &self.rows[i])),
        }
    }

    /// Rows an action applies to: the selected rows the filter shows, or every row it shows
    /// when nothing is selected — never one out of sight.
    pub fn targets(&self) -> Vec<u64> {
        self.target_rows().map(|r| r.key).collect()
    }

    fn target_rows(&self) -> impl Iterator<Item = &Row> + '_ {
        self.shown_rows()
            .filter(|r| self.selected.is_empty() || self.selected.contains(&r.key))
    }

    /// Drafts among `keys` without `problems` become jobs (`submit` hands each to the
    /// engine); returns how many started and the invalid rows' first problem.
    pub fn start(
        &mut self,
        keys: &[u64],
        problems: &dyn Fn(&UploadMetadata) -> Vec<vodesk_core::model::FieldError>,
        submit: &mut dyn FnMut(u64, JobSpec),
    ) -> (usize, Vec<(String, vodesk_core::model::FieldError)>) {
        let mut started = 0;
        let mut invalid = Vec::new();
        for &k in keys {
            let Some(row) = self.row_mut(k) else { continue };
            if row.state != RowState::Draft {
                continue;
            }
            if let Some(e) = problems(&row.meta).into_iter().next() {
                invalid.push((row.name.clone(), e));
                continue;
            }
            row.error = None;
            row.state = RowState::Submitting;
            submit(
                k,
                JobSpec {
                    path: row.path.clone(),
                    media: row.media.clone(),
                    metadata: row.meta.clone(),
                    skip_duplicates: false,
                    again: row.again,
                },
            );
            started += 1;
        }
        (started, invalid)
    }

    /// Rows among `keys` the account has from an earlier upload become drafts that will be
    /// sent once more.
    pub fn upload_again(&mut self, keys: &[u64]) {
        for &k in keys {
            if let Some(row) = self.row_mut(k)
                && row.state == RowState::AlreadyUploaded
            {
                row.state = RowState::Draft;
                row.again = true;
                row.asset_id = None;
            }
        }
    }

    /// Failed or cancelled rows among `keys` become drafts again (their old jobs are returned
    /// for the engine to forget); they start with the next Start.
    pub fn reset_for_retry(&mut self, keys: &[u64]) -> Vec<JobId> {
        let mut old = Vec::new();
        for &k in keys {
            let Some(row) = self.row_mut(k) else { continue };
            let retryable = matches!(
                row.state,
                RowState::Job(JobState::Failed | JobState::Cancelled) | RowState::Refused
            ) && row.size > 0;
            if retryable {
                old.extend(row.job.take());
                row.state = RowState::Draft;
                row.error = None;
                row.bytes_done = 0;
            }
        }
        self.reindex();
        old
    }

    /// Removes settled rows among `keys` (active or paused ones must be cancelled first);
    /// returns the removed rows (their jobs are for the engine to forget).
    pub fn remove(&mut self, keys: &[u64]) -> Vec<Row> {
        let keys: HashSet<u64> = keys.iter().copied().collect();
        let (gone, kept): (Vec<Row>, Vec<Row>) =
            std::mem::take(&mut self.rows).into_iter().partition(|r| {
                keys.contains(&r.key)
                    && r.state.is_settled()
                    && r.state != RowState::Job(JobState::Paused)
            });
        self.rows = kept;
        for r in &gone {
            self.open_paths.remove(&r.path);
            self.media.forget(r.key);
        }
        self.selected.retain(|k| !keys.contains(k));
        self.reindex();
        self.generation += 1;
        gone
    }

    /// Every done or skipped row.
    pub fn finished(&self) -> Vec<u64> {
        self.rows
            .iter()
            .filter(|r| r.state.is_finished())
            .map(|r| r.key)
            .collect()
    }

    /// Click selection: plain replaces, ctrl toggles, shift extends from the anchor.
    pub fn click(&mut self, key: u64, ctrl: bool, shift: bool) {
        if shift && let Some(a) = self.anchor {
            // The range runs over the rows shown, skipping those the filter hides.
            let shown: Vec<u64> = self.shown_rows().map(|r| r.key).collect();
            let ia = shown.iter().position(|&k| k == a);
            let ib = shown.iter().position(|&k| k == key);
            if let (Some(ia), Some(ib)) = (ia, ib) {
                if !ctrl {
                    self.selected.clear();
                }
                self.selected.extend(&shown[ia.min(ib)..=ia.max(ib)]);
                self.generation += 1;
                return;
            }
        }
        if ctrl {
            if !self.selected.remove(&key) {
                self.selected.insert(key);
            }
        } else {
            self.selected.clear();
            self.selected.insert(key);
        }
        self.anchor = Some(key);
        self.generation += 1;
    }

    /// Selects every row the filter shows.
    pub fn select_all(&mut self) {
        self.selected = self.shown_rows().map(|r| r.key).collect();
        self.generation += 1;
    }

    pub fn select_none(&mut self) {
        self.selected.clear();
        self.generation += 1;
    }

    /// Selected rows whose metadata can still change.
    /// How many rows Start would start now: the drafts among the shown, selected rows (or
    /// among all shown rows when none is selected). Start's buttons count these.
    pub fn startable(&self) -> usize {
        self.target_rows()
            .filter(|r| r.state == RowState::Draft)
            .count()
    }

    pub fn selected_drafts(&self) -> Vec<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| self.selected.contains(&r.key) && r.state == RowState::Draft)
            .map(|(i, _)| i)
            .collect()
    }

    pub fn count(&self, f: impl Fn(&Row) -> bool) -> usize {
        self.rows.iter().filter(|r| f(r)).count()
    }
}
