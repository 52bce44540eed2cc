//! The upload journal: one SQLite file in the platform data directory, updated after every
//! completed part, so an upload survives a crash, SIGKILL or power loss and continues from its
//! last completed part. Every change is one transaction (WAL): no torn records.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use super::job::{Extras, FileIdentity, JobId, JobRecord, JobSpec, JobState, Phase};
use crate::model::UploadMetadata;

#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct JournalError(pub String);

pub struct Journal {
    conn: Mutex<Connection>,
    path: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  target TEXT NOT NULL,
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
  asset_id TEXT,
  bucket TEXT,
  object_key TEXT,
  upload_id TEXT,
  part_size INTEGER,
  video_md5 TEXT,
  phase TEXT NOT NULL DEFAULT 'new',
  extras INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_target_state ON jobs(target, state);
CREATE TABLE IF NOT EXISTS parts (
  job_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  etag TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (job_id, number)
) WITHOUT ROWID;
";

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

const COLUMNS: &str = "id, target, path, media, metadata, skip_duplicates, size, mtime_ns, head_md5, tail_md5, state, reason, error_code, request_id, asset_id, bucket, object_key, upload_id, part_size, video_md5, phase, extras";

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<JobRecord> {
    let metadata: String = row.get(4)?;
    Ok(JobRecord {
        id: row.get(0)?,
        target: row.get(1)?,
        spec: JobSpec {
            path: path_from(row.get(2)?),
            media: row.get(3)?,
            // A record we wrote ourselves; an unreadable one becomes an empty form that fails
            // validation at the service instead of a panic.
            metadata: serde_json::from_str::<UploadMetadata>(&metadata).unwrap_or_default(),
            skip_duplicates: row.get::<_, i64>(5)? != 0,
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
        asset_id: row.get(14)?,
        bucket: row.get(15)?,
        object_key: row.get(16)?,
        upload_id: row.get(17)?,
        part_size: row.get::<_, Option<i64>>(18)?.map(|v| v as u64),
        video_md5: row.get(19)?,
        phase: Phase::parse(&row.get::<_, String>(20)?),
        extras: Extras::from_bits(row.get(21)?),
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

/// Journals written by an earlier version lack columns added since; SQLite adds them in place.
fn add_missing_columns(conn: &Connection) -> rusqlite::Result<()> {
    let has_extras = conn
        .prepare("SELECT 1 FROM pragma_table_info('jobs') WHERE name = 'extras'")?
        .exists([])?;
    if !has_extras {
        conn.execute_batch("ALTER TABLE jobs ADD COLUMN extras INTEGER NOT NULL DEFAULT 0")?;
    }
    Ok(())
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
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        )
        .and_then(|_| conn.execute_batch(SCHEMA))
        .and_then(|_| add_missing_columns(&conn))
        .map_err(|e| fail(&e))?;
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
        target: &str,
        spec: &JobSpec,
        identity: &FileIdentity,
    ) -> Result<JobId, JournalError> {
        let metadata = serde_json::to_string(&spec.metadata).expect("metadata serializes");
        self.with(|c| {
            c.prepare_cached(
                "INSERT INTO jobs (target, path, media, metadata, skip_duplicates, size, mtime_ns, head_md5, tail_md5, state, phase, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'queued', 'new', ?10, ?10)"
            )?
            .execute(
                params![
                    target,
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

    /// The unfinished job of `target` for `path`, if any.
    pub fn find_unfinished(
        &self,
        target: &str,
        path: &Path,
    ) -> Result<Option<JobRecord>, JournalError> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM jobs WHERE target = ?1 AND path = ?2 AND state NOT IN ('done','skipped','cancelled') ORDER BY id DESC LIMIT 1"),
                params![target, path_bytes(path)],
                record,
            )
            .optional()
        })
    }

    /// Every job of `target` that has not finished (queued, running, paused or failed); the
    /// states left out are those of [`JobState::is_closed`].
    pub fn unfinished(&self, target: &str) -> Result<Vec<JobRecord>, JournalError> {
        self.with(|c| {
            let mut st = c.prepare(&format!(
                "SELECT {COLUMNS} FROM jobs WHERE target = ?1 AND state NOT IN ('done','skipped','cancelled') ORDER BY id"
            ))?;
            st.query_map([target], record)?.collect()
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

    /// Records the asset created for the job, with the extra files it still lacks.
    #[allow(clippy::too_many_arguments)]
    pub fn set_asset(
        &self,
        id: JobId,
        asset_id: &str,
        bucket: Option<&str>,
        object_key: Option<&str>,
        part_size: Option<u64>,
        video_md5: Option<&str>,
        extras: Extras,
    ) -> Result<(), JournalError> {
        self.with(|c| {
            c.prepare_cached(
                "UPDATE jobs SET asset_id = ?2, bucket = ?3, object_key = ?4, part_size = ?5, video_md5 = ?6, extras = ?7, phase = 'created', updated_at = ?8 WHERE id = ?1"
            )?
            .execute(
                params![id, asset_id, bucket, object_key, part_size.map(|v| v as i64), video_md5, extras.bits(), now()],
            )
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

    /// Forgets the asset (it will be created anew).
    pub fn reset_asset(&self, id: JobId) -> Result<(), JournalError> {
        self.with(|c| {
            let tx = c.unchecked_transaction()?;
            tx.execute("DELETE FROM parts WHERE job_id = ?1", [id])?;
            tx.execute(
                "UPDATE jobs SET asset_id = NULL, bucket = NULL, object_key = NULL, upload_id = NULL, part_size = NULL, video_md5 = NULL, extras = 0, phase = 'new', updated_at = ?2 WHERE id = ?1",
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
            },
            FileIdentity {
                size: 10,
                mtime_ns: 1,
                head_md5: "00".repeat(16),
                tail_md5: "00".repeat(16),
            },
        )
    }

    #[test]
    fn pending_extras_survive_a_reopen_and_old_journals_gain_the_column() {
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
            j.set_asset(id, "asset-1", None, None, None, None, pending)
                .expect("asset");
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
        assert_eq!(rec.asset_id.as_deref(), Some("asset-1"));
        assert_eq!(
            rec.extras,
            Extras {
                cover: false,
                subtitles: true
            }
        );
        drop(j);

        // A journal written before the column existed opens, keeps its jobs and records extras.
        let conn = Connection::open(&path).expect("raw open");
        conn.execute_batch("ALTER TABLE jobs DROP COLUMN extras")
            .expect("drop column");
        drop(conn);
        let j = Journal::open(&path).expect("open old journal");
        let rec = j
            .find_unfinished("t", &spec.path)
            .expect("read")
            .expect("job");
        assert_eq!(rec.extras, Extras::default());
        j.set_extras(
            rec.id,
            Extras {
                cover: true,
                subtitles: false,
            },
        )
        .expect("extras");
        assert!(j.get(rec.id).expect("get").expect("job").extras.cover);
    }
}
