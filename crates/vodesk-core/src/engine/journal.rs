//! The upload journal: one SQLite file in the platform data directory, updated after every
//! completed part, so an upload survives a crash, SIGKILL or power loss and continues from its
//! last completed part. Every change is one transaction (WAL): no torn records.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use super::job::{Extras, FileIdentity, JobId, JobRecord, JobSpec, JobState, Phase};
use crate::model::UploadMetadata;
use crate::provider::ProviderKind;
use crate::provider::api::{StorageKind, UploadSession};

#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct JournalError(pub String);

pub struct Journal {
    conn: Mutex<Connection>,
    path: PathBuf,
}

/// Version 2: the provider-neutral upload session (provider, handle, storage kind, endpoint,
/// credential expiry) and the files uploaded per account. Version 1 (unversioned) was written by
/// vodesk 0.1 before the provider seam: [`migrate_v1`] brings it forward in place.
const VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL,
  path BLOB NOT NULL,
  media TEXT NOT NULL,
  metadata TEXT NOT NULL,
  skip_duplicates INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  head_md5 TEXT NOT NULL,
  tail_md5 TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  error_code TEXT,
  request_id TEXT,
  provider TEXT,
  handle TEXT,
  asset_id TEXT,
  storage TEXT,
  endpoint TEXT,
  bucket TEXT,
  object_key TEXT,
  credential_expiry INTEGER,
  upload_id TEXT,
  part_size INTEGER,
  file_md5 TEXT,
  phase TEXT NOT NULL DEFAULT 'new',
  extras INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_account_state ON jobs(account, state);
CREATE TABLE IF NOT EXISTS parts (
  job_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  etag TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (job_id, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS uploaded (
  account TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  head_md5 TEXT NOT NULL,
  tail_md5 TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  path BLOB NOT NULL,
  finished_at INTEGER NOT NULL,
  PRIMARY KEY (account, size, head_md5, tail_md5, mtime_ns)
) WITHOUT ROWID;
";

/// Brings a journal of vodesk 0.1 (no version, Huawei only) to [`VERSION`]: columns renamed to
/// their neutral names, the session columns added (every session then was a Huawei asset, its
/// storage calls authorised by the service), and finished uploads remembered per account.
fn migrate_v1(conn: &Connection) -> rusqlite::Result<()> {
    let has = |column: &str| -> rusqlite::Result<bool> {
        conn.prepare("SELECT 1 FROM pragma_table_info('jobs') WHERE name = ?1")?
            .exists([column])
    };
    // Journals older still lack the extras column.
    if !has("extras")? {
        conn.execute_batch("ALTER TABLE jobs ADD COLUMN extras INTEGER NOT NULL DEFAULT 0")?;
    }
    conn.execute_batch(
        "ALTER TABLE jobs RENAME COLUMN target TO account;
         ALTER TABLE jobs RENAME COLUMN video_md5 TO file_md5;
         ALTER TABLE jobs ADD COLUMN provider TEXT;
         ALTER TABLE jobs ADD COLUMN handle TEXT;
         ALTER TABLE jobs ADD COLUMN storage TEXT;
         ALTER TABLE jobs ADD COLUMN endpoint TEXT;
         ALTER TABLE jobs ADD COLUMN credential_expiry INTEGER;
         UPDATE jobs SET provider = 'huawei', handle = asset_id, storage = 'authorized'
           WHERE asset_id IS NOT NULL;
         DROP INDEX IF EXISTS jobs_target_state;",
    )?;
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(
        "INSERT OR REPLACE INTO uploaded
           (account, size, mtime_ns, head_md5, tail_md5, asset_id, path, finished_at)
         SELECT account, size, mtime_ns, head_md5, tail_md5, asset_id, path, updated_at
           FROM jobs WHERE state = 'done' AND asset_id IS NOT NULL ORDER BY id",
    )
}

/// Creates or upgrades the schema in one transaction: a journal is never left half-migrated.
fn prepare_schema(conn: &Connection) -> rusqlite::Result<Result<(), i64>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Ok(Err(version));
    }
    if version == VERSION {
        return Ok(Ok(()));
    }
    // Immediate: a second process preparing the same journal waits for the first (busy
    // timeout) instead of failing on a stale read, and reads the version again once it may write.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Ok(Err(version));
    }
    if version == VERSION {
        return Ok(Ok(()));
    }
    let has_jobs = tx
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'")?
        .exists([])?;
    if has_jobs {
        migrate_v1(&tx)?;
    } else {
        tx.execute_batch(SCHEMA)?;
    }
    tx.execute_batch(&format!("PRAGMA user_version = {VERSION}"))?;
    tx.commit()?;
    Ok(Ok(()))
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from(b: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(b))
}

#[cfg(not(unix))]
fn path_from(b: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&b).into_owned())
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

const COLUMNS: &str = "id, account, path, media, metadata, skip_duplicates, size, mtime_ns, head_md5, tail_md5, state, reason, error_code, request_id, provider, handle, asset_id, storage, endpoint, bucket, object_key, credential_expiry, upload_id, part_size, file_md5, phase, extras";

fn session(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<UploadSession>> {
    let provider: Option<String> = row.get(14)?;
    let handle: Option<String> = row.get(15)?;
    let storage: Option<String> = row.get(17)?;
    let (Some(provider), Some(handle)) =
        (provider.as_deref().and_then(ProviderKind::parse), handle)
    else {
        return Ok(None);
    };
    Ok(Some(UploadSession {
        provider,
        handle,
        asset_id: row.get(16)?,
        storage: storage
            .as_deref()
            .and_then(StorageKind::parse)
            .unwrap_or(StorageKind::Authorized),
        endpoint: row.get(18)?,
        bucket: row.get(19)?,
        key: row.get(20)?,
        credential_expiry: row.get(21)?,
    }))
}

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<JobRecord> {
    let metadata: String = row.get(4)?;
    Ok(JobRecord {
        id: row.get(0)?,
        account: row.get(1)?,
        spec: JobSpec {
            path: path_from(row.get(2)?),
            media: row.get(3)?,
            // A record we wrote ourselves; an unreadable one becomes an empty form that fails
            // validation at the service instead of a panic.
            metadata: serde_json::from_str::<UploadMetadata>(&metadata).unwrap_or_default(),
            skip_duplicates: row.get::<_, i64>(5)? != 0,
            again: false,
        },
        identity: FileIdentity {
            size: row.get::<_, i64>(6)? as u64,
            mtime_ns: row.get(7)?,
            head_md5: row.get(8)?,
            tail_md5: row.get(9)?,
        },
        state: JobState::parse(&row.get::<_, String>(10)?),
        reason: row.get(11)?,
        error_code: row.get(12)?,
        request_id: row.get(13)?,
        session: session(row)?,
        upload_id: row.get(22)?,
        part_size: row.get::<_, Option<i64>>(23)?.map(|v| v as u64),
        file_md5: row.get(24)?,
        phase: Phase::parse(&row.get::<_, String>(25)?),
        extras: Extras::from_bits(row.get(26)?),
    })
}

/// SQLite reports a full disk as a generic I/O error in some places: ask the file system.
fn disk_full(dir: &Path) -> bool {
    let probe = dir.join(".vodesk-space-probe");
    let full = std::fs::write(&probe, [0u8; 8192])
        .is_err_and(|e| e.kind() == std::io::ErrorKind::StorageFull);
    let _ = std::fs::remove_file(&probe);
    full
}

fn full_message(path: &Path) -> String {
    format!(
        "the disk holding the upload journal {} is full; free some space, then run `vodesk upload --resume`",
        path.display()
    )
}

impl Journal {
    pub fn open(path: &Path) -> Result<Journal, JournalError> {
        let fail = |e: &dyn std::fmt::Display| {
            if path.parent().is_some_and(disk_full) {
                return JournalError(full_message(path));
            }
            JournalError(format!(
                "the upload journal {} cannot be opened ({e}); check that its folder is writable",
                path.display()
            ))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail(&e))?;
        let schema = conn
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            )
            .and_then(|_| prepare_schema(&conn))
            .map_err(|e| fail(&e))?;
        if let Err(version) = schema {
            return Err(JournalError(format!(
                "the upload journal {} was written by a newer vodesk (format {version}); update vodesk, or move the file away to start a new journal",
                path.display()
            )));
        }
        Ok(Journal {
            conn: Mutex::new(conn),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> JournalError {
        let full = matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull)
            || self.path.parent().is_some_and(disk_full);
        if full {
            JournalError(full_message(&self.path))
        } else {
            JournalError(format!(
                "the upload journal {} could not be updated ({e})",
                self.path.display()
            ))
        }
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, JournalError> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&conn).map_err(|e| self.err(e))
    }

    pub fn insert(
        &self,
        account: &str,
        spec: &JobSpec,
        identity: &FileIdentity,
    ) -> Result<JobId, JournalError> {
        let metadata = serde_json::to_string(&spec.metadata).expect("metadata serializes");
        self.with(|c| {
            c.prepare_cached(
                "INSERT INTO jobs (account, path, media, metadata, skip_duplicates, size, mtime_ns, head_md5, tail_md5, state, phase, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'queued', 'new', ?10, ?10)"
            )?
            .execute(
                params![
                    account,
                    path_bytes(&spec.path),
                    spec.media,
                    metadata,
                    spec.skip_duplicates as i64,
                    identity.size as i64,
                    identity.mtime_ns,
                    identity.head_md5,
                    identity.tail_md5,
                    now()
                ],
            )?;
            Ok(c.last_insert_rowid())
        })
    }

    pub fn get(&self, id: JobId) -> Result<Option<JobRecord>, JournalError> {
        self.with(|c| {
            c.prepare_cached(&format!("SELECT {COLUMNS} FROM jobs WHERE id = ?1"))?
                .query_row([id], record)
                .optional()
        })
    }

    /// The unfinished job of `account` for `path`, if any.
    pub fn find_unfinished(
        &self,
        account: &str,
        path: &Path,
    ) -> Result<Option<JobRecord>, JournalError> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM jobs WHERE account = ?1 AND path = ?2 AND state NOT IN ('done','skipped','cancelled') ORDER BY id DESC LIMIT 1"),
                params![account, path_bytes(path)],
                record,
            )
            .optional()
        })
    }

    /// Every job of `account` that has not finished (queued, running, paused or failed); the
    /// states left out are those of [`JobState::is_closed`].
    pub fn unfinished(&self, account: &str) -> Result<Vec<JobRecord>, JournalError> {
        self.with(|c| {
            let mut st = c.prepare(&format!(
                "SELECT {COLUMNS} FROM jobs WHERE account = ?1 AND state NOT IN ('done','skipped','cancelled') ORDER BY id"
            ))?;
            st.query_map([account], record)?.collect()
        })
    }

    /// The asset a file with this identity was uploaded to in `account`, if it was.
    pub fn find_uploaded(
        &self,
        account: &str,
        identity: &FileIdentity,
    ) -> Result<Option<String>, JournalError> {
        self.with(|c| {
            c.prepare_cached(
                "SELECT asset_id FROM uploaded WHERE account = ?1 AND size = ?2 AND head_md5 = ?3 AND tail_md5 = ?4 AND mtime_ns = ?5",
            )?
            .query_row(
                params![
                    account,
                    identity.size as i64,
                    identity.head_md5,
                    identity.tail_md5,
                    identity.mtime_ns
                ],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// Closes the job as uploaded to `asset_id` and remembers the file as uploaded to it, in
    /// one commit.
    pub fn done(&self, id: JobId, asset_id: &str) -> Result<(), JournalError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            tx.execute(
                "UPDATE jobs SET state = 'done', reason = NULL, error_code = NULL, request_id = NULL, asset_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, asset_id, now()],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO uploaded (account, size, mtime_ns, head_md5, tail_md5, asset_id, path, finished_at)
                 SELECT account, size, mtime_ns, head_md5, tail_md5, ?2, path, ?3 FROM jobs WHERE id = ?1",
                params![id, asset_id, now()],
            )?;
            tx.commit()
        })
    }

    /// All jobs (every target), newest first.
    pub fn all(&self) -> Result<Vec<JobRecord>, JournalError> {
        self.with(|c| {
            let mut st = c.prepare(&format!("SELECT {COLUMNS} FROM jobs ORDER BY id DESC"))?;
            st.query_map([], record)?.collect()
        })
    }

    pub fn set_state(
        &self,
        id: JobId,
        state: JobState,
        reason: Option<&str>,
        code: Option<&str>,
        request_id: Option<&str>,
    ) -> Result<(), JournalError> {
        self.with(|c| {
            c.prepare_cached(
                "UPDATE jobs SET state = ?2, reason = ?3, error_code = ?4, request_id = ?5, updated_at = ?6 WHERE id = ?1"
            )?
            .execute(
                params![id, state.as_str(), reason, code, request_id, now()],
            )
            .map(|_| ())
        })
    }

    /// Records the upload session opened for the job, with its part size, the whole file's
    /// MD5 when it was declared, and the extra files the asset still lacks.
    pub fn set_session(
        &self,
        id: JobId,
        session: &UploadSession,
        part_size: Option<u64>,
        file_md5: Option<&str>,
        extras: Extras,
    ) -> Result<(), JournalError> {
        self.with(|c| {
            c.prepare_cached(
                "UPDATE jobs SET provider = ?2, handle = ?3, asset_id = ?4, storage = ?5, endpoint = ?6, bucket = ?7, object_key = ?8, credential_expiry = ?9, part_size = ?10, file_md5 = ?11, extras = ?12, phase = 'created', updated_at = ?13 WHERE id = ?1"
            )?
            .execute(params![
                id,
                session.provider.as_str(),
                session.handle,
                session.asset_id,
                session.storage.as_str(),
                session.endpoint,
                session.bucket,
                session.key,
                session.credential_expiry,
                part_size.map(|v| v as i64),
                file_md5,
                extras.bits(),
                now()
            ])
            .map(|_| ())
        })
    }

    /// Records which extra files are still to be uploaded.
    pub fn set_extras(&self, id: JobId, extras: Extras) -> Result<(), JournalError> {
        self.with(|c| {
            c.prepare_cached("UPDATE jobs SET extras = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![id, extras.bits(), now()])
                .map(|_| ())
        })
    }

    /// Sets (or clears) the multipart upload id; its recorded parts are dropped with it.
    pub fn set_upload_id(&self, id: JobId, upload_id: Option<&str>) -> Result<(), JournalError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            tx.execute("DELETE FROM parts WHERE job_id = ?1", [id])?;
            tx.execute(
                "UPDATE jobs SET upload_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, upload_id, now()],
            )?;
            tx.commit()
        })
    }

    pub fn set_phase(&self, id: JobId, phase: Phase) -> Result<(), JournalError> {
        self.with(|c| {
            c.prepare_cached("UPDATE jobs SET phase = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![id, phase.as_str(), now()])
                .map(|_| ())
        })
    }

    /// Forgets the upload session (a new one will be opened).
    pub fn reset_session(&self, id: JobId) -> Result<(), JournalError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            tx.execute("DELETE FROM parts WHERE job_id = ?1", [id])?;
            tx.execute(
                "UPDATE jobs SET provider = NULL, handle = NULL, asset_id = NULL, storage = NULL, endpoint = NULL, bucket = NULL, object_key = NULL, credential_expiry = NULL, upload_id = NULL, part_size = NULL, file_md5 = NULL, extras = 0, phase = 'new', updated_at = ?2 WHERE id = ?1",
                params![id, now()],
            )?;
            tx.commit()
        })
    }

    pub fn add_part(
        &self,
        id: JobId,
        number: u32,
        etag: &str,
        size: u64,
    ) -> Result<(), JournalError> {
        self.with(|c| {
            c.prepare_cached(
                "INSERT OR REPLACE INTO parts (job_id, number, etag, size) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, number, etag, size as i64])
            .map(|_| ())
        })
    }

    /// Replaces the recorded parts with what the storage service reports.
    pub fn replace_parts(
        &self,
        id: JobId,
        parts: &[(u32, String, u64)],
    ) -> Result<(), JournalError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            tx.execute("DELETE FROM parts WHERE job_id = ?1", [id])?;
            for (n, etag, size) in parts {
                tx.execute(
                    "INSERT INTO parts (job_id, number, etag, size) VALUES (?1, ?2, ?3, ?4)",
                    params![id, n, etag, *size as i64],
                )?;
            }
            tx.commit()
        })
    }

    pub fn parts(&self, id: JobId) -> Result<Vec<(u32, String, u64)>, JournalError> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT number, etag, size FROM parts WHERE job_id = ?1 ORDER BY number",
            )?;
            st.query_map([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
            })?
            .collect()
        })
    }

    pub fn delete(&self, id: JobId) -> Result<(), JournalError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            tx.execute("DELETE FROM parts WHERE job_id = ?1", [id])?;
            tx.execute("DELETE FROM jobs WHERE id = ?1", [id])?;
            tx.commit()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(path: &str) -> (JobSpec, FileIdentity) {
        (
            JobSpec {
                path: PathBuf::from(path),
                media: "MP4".into(),
                metadata: UploadMetadata::default(),
                skip_duplicates: false,
                again: false,
            },
            FileIdentity {
                size: 10,
                mtime_ns: 1,
                head_md5: "00".repeat(16),
                tail_md5: "00".repeat(16),
            },
        )
    }

    fn session(asset: &str) -> UploadSession {
        UploadSession {
            provider: ProviderKind::Huawei,
            handle: asset.into(),
            asset_id: Some(asset.into()),
            storage: StorageKind::Authorized,
            endpoint: None,
            bucket: Some("b".into()),
            key: Some("k".into()),
            credential_expiry: Some(7),
        }
    }

    #[test]
    fn sessions_and_pending_extras_survive_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("journal.db");
        let (spec, identity) = job("/media/a.mp4");
        {
            let j = Journal::open(&path).expect("open");
            let id = j.insert("t", &spec, &identity).expect("insert");
            let pending = Extras {
                cover: true,
                subtitles: true,
            };
            j.set_session(id, &session("asset-1"), Some(5), Some("md5"), pending)
                .expect("session");
            j.set_extras(
                id,
                Extras {
                    cover: false,
                    subtitles: true,
                },
            )
            .expect("extras");
        }
        let j = Journal::open(&path).expect("reopen");
        let rec = j
            .find_unfinished("t", &spec.path)
            .expect("read")
            .expect("job");
        assert_eq!(rec.session, Some(session("asset-1")));
        assert_eq!(rec.part_size, Some(5));
        assert_eq!(rec.file_md5.as_deref(), Some("md5"));
        assert_eq!(rec.phase, Phase::Created);
        assert_eq!(
            rec.extras,
            Extras {
                cover: false,
                subtitles: true
            }
        );
        j.reset_session(rec.id).expect("reset");
        let rec = j.get(rec.id).expect("get").expect("job");
        assert_eq!((rec.session, rec.phase), (None, Phase::New));
    }

    #[test]
    fn finished_files_are_remembered_per_account() {
        let dir = tempfile::tempdir().expect("tempdir");
        let j = Journal::open(&dir.path().join("journal.db")).expect("open");
        let (spec, identity) = job("/media/a.mp4");
        let id = j.insert("acct-1", &spec, &identity).expect("insert");
        assert_eq!(j.find_uploaded("acct-1", &identity).expect("find"), None);
        j.done(id, "asset-9").expect("done");
        assert_eq!(
            j.find_uploaded("acct-1", &identity)
                .expect("find")
                .as_deref(),
            Some("asset-9")
        );
        assert_eq!(j.find_uploaded("acct-2", &identity).expect("find"), None);
        let touched = FileIdentity {
            mtime_ns: 2,
            ..identity.clone()
        };
        assert_eq!(j.find_uploaded("acct-1", &touched).expect("find"), None);
        assert_eq!(j.get(id).expect("get").expect("job").state, JobState::Done);
    }

    #[test]
    fn a_journal_of_a_newer_format_is_refused_in_one_sentence() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("journal.db");
        Connection::open(&path)
            .expect("raw")
            .execute_batch("PRAGMA user_version = 99")
            .expect("version");
        let err = Journal::open(&path).err().expect("refused");
        assert!(err.0.contains("newer vodesk (format 99)"), "{}", err.0);
    }
}
