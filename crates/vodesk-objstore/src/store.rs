//! Shared state and the write paths that make objects visible.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use axum::http::StatusCode;

use crate::blobs::Blobs;
use crate::content::{self, Segment};
use crate::credentials::KeyRing;
use crate::error::S3Error;
use crate::index::{self, Index, Meta, ObjectRow};
use crate::ingest::TempFile;
use crate::{ObjectInfo, ObjectStoreConfig, StoreError};

pub(crate) const DEFAULT_CONTENT_TYPE: &str = "binary/octet-stream";

pub(crate) struct Inner {
    pub keys: Arc<KeyRing>,
    pub region: String,
    pub base_url: RwLock<String>,
    pub index: Index,
    pub blobs: Blobs,
    /// Master blobs of [`Inner::write_temp_shared`]. No index row names them, so the sweep on
    /// the next open removes them; only links made from them outlive the process.
    shared: Mutex<Vec<SharedBlob>>,
}

/// A body kept with its master blob. Found again by comparing bytes, which costs far less than
/// hashing them (the grabbed cover is a 43 KB PNG).
struct SharedBlob {
    data: Vec<u8>,
    md5: [u8; 16],
    master: PathBuf,
}

/// OBS bucket naming rules (section 4 of the API notes).
pub(crate) fn valid_bucket_name(name: &str) -> bool {
    let b = name.as_bytes();
    if !(3..=63).contains(&b.len()) {
        return false;
    }
    let ok_chars = b
        .iter()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'.');
    let ends_ok = b[0].is_ascii_alphanumeric() && b[b.len() - 1].is_ascii_alphanumeric();
    let looks_like_ip =
        name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok());
    ok_chars
        && ends_ok
        && !name.contains("..")
        && !name.contains(".-")
        && !name.contains("-.")
        && !looks_like_ip
}

pub(crate) fn row_to_info(bucket: &str, row: &ObjectRow) -> ObjectInfo {
    ObjectInfo {
        bucket: bucket.to_string(),
        key: row.key.clone(),
        size: row.size,
        etag: row.etag.clone(),
        content_type: row.content_type.clone(),
        last_modified: row.modified_ms.div_euclid(1000),
    }
}

/// Runs blocking work (SQLite, file system) off the async workers.
pub(crate) async fn blocking<R, F>(f: F) -> Result<R, S3Error>
where
    R: Send + 'static,
    F: FnOnce() -> Result<R, S3Error> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(S3Error::internal)?
}

impl Inner {
    pub fn open(cfg: &ObjectStoreConfig) -> Result<Self, StoreError> {
        std::fs::create_dir_all(&cfg.data_dir)?;
        let index = Index::open(&cfg.data_dir.join("objects.db"))?;
        let blobs = Blobs::open(&cfg.data_dir)?;
        {
            // Whatever a killed process left behind: temp files and blobs never committed
            // (or whose replacement committed before the old file could be removed).
            let conn = index.lock();
            let referenced = index::referenced_blobs(&conn)?;
            let removed = blobs.sweep(&referenced)?;
            if removed > 0 {
                tracing::info!("object store: removed {removed} orphaned files on open");
            }
        }
        Ok(Inner {
            keys: Arc::new(KeyRing::new(&cfg.access_key, &cfg.secret_key)),
            region: cfg.region.clone(),
            base_url: RwLock::new(String::new()),
            index,
            blobs,
            shared: Mutex::new(Vec::new()),
        })
    }

    pub fn base_url(&self) -> String {
        self.base_url
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn bucket_exists(&self, bucket: &str) -> Result<bool, StoreError> {
        Ok(index::bucket_exists(&self.index.lock(), bucket)?)
    }

    pub fn require_bucket(&self, bucket: &str) -> Result<(), S3Error> {
        if self.bucket_exists(bucket)? {
            Ok(())
        } else {
            Err(S3Error::no_such_bucket(bucket))
        }
    }

    /// Makes a finished blob file the content of `bucket/key` with one index commit.
    /// A crash before the commit leaves an unreferenced blob (swept on open), never a torn object.
    #[allow(clippy::too_many_arguments)]
    pub fn commit_object(
        &self,
        bucket: &str,
        key: &str,
        temp: TempFile,
        size: u64,
        etag: String,
        content_type: String,
        meta: Meta,
    ) -> Result<ObjectRow, S3Error> {
        let blob = self.blobs.id_of(temp.path())?;
        let _ = temp.disarm();
        self.commit_content(bucket, key, blob, size, etag, content_type, meta)
    }

    /// Makes finished blobs (`column`: one id or a manifest) the content of `bucket/key`
    /// with one index commit; the replaced object's blobs are unlinked afterwards. On failure the
    /// new blobs are unlinked, so nothing stays behind unreferenced.
    #[allow(clippy::too_many_arguments)]
    pub fn commit_content(
        &self,
        bucket: &str,
        key: &str,
        column: String,
        size: u64,
        etag: String,
        content_type: String,
        meta: Meta,
    ) -> Result<ObjectRow, S3Error> {
        let row = ObjectRow {
            key: key.to_string(),
            size,
            etag,
            content_type,
            modified_ms: crate::time::now_ms(),
            blob: column,
            meta,
        };
        let result = (|| -> Result<Option<String>, S3Error> {
            let mut conn = self.index.lock();
            let tx = conn.transaction()?;
            if !index::bucket_exists(&tx, bucket)? {
                return Err(S3Error::no_such_bucket(bucket));
            }
            let old = index::object_put(&tx, bucket, &row)?;
            tx.commit()?;
            Ok(old)
        })();
        match result {
            Ok(old) => {
                if let Some(old) = old {
                    self.blobs.remove_content(&old);
                }
                Ok(row)
            }
            Err(e) => {
                self.blobs.remove_content(&row.blob);
                Err(e)
            }
        }
    }

    pub fn delete_object(&self, bucket: &str, key: &str) -> Result<(), StoreError> {
        let old = index::object_delete(&self.index.lock(), bucket, key)?;
        if let Some(old) = old {
            self.blobs.remove_content(&old);
        }
        Ok(())
    }

    /// Server-side copy. Blobs are immutable, so hard links share the bytes safely; a multipart
    /// object is copied part by part into a manifest of its own (the two never share a blob, so
    /// deleting one cannot take bytes from the other).
    pub fn copy_object(
        &self,
        src_bucket: &str,
        src_key: &str,
        dst_bucket: &str,
        dst_key: &str,
        replace: Option<(String, Meta)>,
    ) -> Result<ObjectRow, S3Error> {
        if !self.bucket_exists(src_bucket)? {
            return Err(S3Error::no_such_bucket(src_bucket));
        }
        // The source may be replaced concurrently (its blobs unlinked): retry with the new row.
        for _ in 0..3 {
            let src = index::object_get(&self.index.lock(), src_bucket, src_key)?
                .ok_or_else(|| S3Error::no_such_key(src_key))?;
            match self.link_content(&src) {
                Ok(column) => {
                    let (ctype, meta) = replace
                        .clone()
                        .unwrap_or((src.content_type.clone(), src.meta.clone()));
                    return self.commit_content(
                        dst_bucket, dst_key, column, src.size, src.etag, ctype, meta,
                    );
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(S3Error::new(
            StatusCode::CONFLICT,
            "OperationAborted",
            "The source object changed during the copy; retry.",
        ))
    }

    /// Fresh blobs with the bytes of `src` (hard links where the file system allows), as a
    /// column of the same shape. On error none of the new blobs remain.
    fn link_content(&self, src: &ObjectRow) -> std::io::Result<String> {
        let segments = content::segments(&src.blob, src.size);
        let mut linked: Vec<Segment> = Vec::with_capacity(segments.len());
        for s in &segments {
            let temp = TempFile::new(self.blobs.fresh_path());
            let src_path = self.blobs.path(&s.blob);
            let done = std::fs::hard_link(&src_path, temp.path())
                .or_else(|_| std::fs::copy(&src_path, temp.path()).map(|_| ()))
                .and_then(|()| self.blobs.id_of(temp.path()));
            match done {
                Ok(blob) => {
                    let _ = temp.disarm();
                    linked.push(Segment { blob, size: s.size });
                }
                Err(e) => {
                    for l in &linked {
                        self.blobs.remove(&l.blob);
                    }
                    return Err(e);
                }
            }
        }
        Ok(if content::is_manifest(&src.blob) {
            content::manifest(&linked)
        } else {
            linked.remove(0).blob
        })
    }

    /// See [`crate::ObjectStore::read_head`]. A concurrent overwrite may unlink the blobs
    /// between lookup and read: look up again, as GET does.
    pub fn read_head(
        &self,
        bucket: &str,
        key: &str,
        len: u64,
    ) -> Result<Option<bytes::Bytes>, StoreError> {
        use std::io::{Read, Seek, SeekFrom};
        let mut attempt = 0;
        loop {
            let Some(row) = index::object_get(&self.index.lock(), bucket, key)? else {
                return Ok(None);
            };
            let want = len.min(row.size);
            let mut out = Vec::with_capacity(want as usize);
            let read = content::pieces(&self.blobs, &row.blob, row.size, 0, want)
                .iter()
                .try_for_each(|p| {
                    let mut f = std::fs::File::open(&p.path)?;
                    f.seek(SeekFrom::Start(p.offset))?;
                    f.take(p.len).read_to_end(&mut out).map(|_| ())
                });
            match read {
                Ok(()) => return Ok(Some(out.into())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempt < 3 => attempt += 1,
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// See [`crate::ObjectStore::files_of`]. A piece that is part of a larger file (never the
    /// case for what PUT and multipart completion store) makes it `Ok(Some(vec![]))`: no list.
    pub fn files_of(
        &self,
        bucket: &str,
        key: &str,
    ) -> Result<Option<Vec<std::path::PathBuf>>, StoreError> {
        let Some(row) = index::object_get(&self.index.lock(), bucket, key)? else {
            return Ok(None);
        };
        let pieces = content::pieces(&self.blobs, &row.blob, row.size, 0, row.size);
        let whole = pieces
            .iter()
            .all(|p| p.offset == 0 && std::fs::metadata(&p.path).is_ok_and(|m| m.len() == p.len));
        Ok(Some(if whole {
            pieces.into_iter().map(|p| p.path).collect()
        } else {
            vec![]
        }))
    }

    pub fn write_temp(&self, data: &[u8]) -> std::io::Result<(TempFile, [u8; 16])> {
        let temp = TempFile::new(self.blobs.fresh_path());
        std::fs::write(temp.path(), data)?;
        Ok((temp, vodesk_md5::Md5::digest(data)))
    }

    /// As [`Inner::write_temp`], for a body many objects repeat: its bytes are written once per
    /// process and each object gets a hard link. Creating an inode and writing its data cost the
    /// service more than the link per grabbed cover (one per confirmed asset). Blobs are
    /// immutable, so sharing the inode is as safe as the hard links of `copy_object`.
    pub fn write_temp_shared(&self, data: &[u8]) -> std::io::Result<(TempFile, [u8; 16])> {
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        let at = match shared.iter().position(|s| s.data == data) {
            Some(at) => at,
            None => {
                let (master, md5) = self.write_temp(data)?;
                shared.push(SharedBlob {
                    data: data.to_vec(),
                    md5,
                    master: master.disarm(),
                });
                shared.len() - 1
            }
        };
        let temp = TempFile::new(self.blobs.fresh_path());
        match std::fs::hard_link(&shared[at].master, temp.path()) {
            Ok(()) => Ok((temp, shared[at].md5)),
            Err(e) => {
                // No hard links here, or the master is gone: write this one in full and
                // make a new master next time.
                let gone = shared.swap_remove(at);
                drop(shared);
                tracing::debug!("shared blob {}: {e}", gone.master.display());
                self.blobs.remove_path(&gone.master);
                self.write_temp(data)
            }
        }
    }
}

pub(crate) type Shared = Arc<Inner>;
