//! Object and part bytes as immutable files: `blobs/<2 hex>/<32 hex>`.
//!
//! A blob is written once, in place under a fresh random id, and only ever deleted afterwards,
//! which is what lets the index switch objects atomically and lets readers keep an open file
//! while a replacement is committed. Until an index row names it, a blob is invisible; one a
//! killed process was still writing is unreferenced and swept on the next open. (Writing to a
//! shared `tmp/` first and renaming cost a contended directory lock per object for nothing.)

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use rand::RngCore;

pub(crate) struct Blobs {
    root: PathBuf,
    tmp: PathBuf,
}

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

impl Blobs {
    pub fn open(data_dir: &Path) -> io::Result<Self> {
        let root = data_dir.join("blobs");
        let tmp = data_dir.join("tmp");
        std::fs::create_dir_all(&tmp)?;
        for i in 0..=255u8 {
            std::fs::create_dir_all(root.join(format!("{i:02x}")))?;
        }
        Ok(Blobs { root, tmp })
    }

    pub fn path(&self, id: &str) -> PathBuf {
        let shard = id.get(..2).unwrap_or("00");
        self.root.join(shard).join(id)
    }

    /// Where a new blob is written: a fresh id, not yet visible (no index row refers to it).
    pub fn fresh_path(&self) -> PathBuf {
        self.path(&random_hex(16))
    }

    /// The id of a finished blob written at a [`Blobs::fresh_path`].
    pub fn id_of(&self, written: &Path) -> io::Result<String> {
        written
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|_| written.starts_with(&self.root))
            .map(str::to_string)
            .ok_or_else(|| io::Error::other(format!("{} is not a blob", written.display())))
    }

    pub fn remove(&self, id: &str) {
        self.remove_path(&self.path(id));
    }

    pub fn remove_path(&self, path: &Path) {
        if let Err(e) = std::fs::remove_file(path)
            && e.kind() != io::ErrorKind::NotFound
        {
            tracing::warn!("could not remove blob {}: {e}", path.display());
        }
    }

    /// Unlinks every blob of an object's `blob` column (one blob, or all parts of a manifest).
    pub fn remove_content(&self, column: &str) {
        for id in crate::content::blob_ids(column) {
            self.remove(id);
        }
    }

    /// Start-up clean-up after a crash: blobs no index row refers to, and the temp files older
    /// versions wrote to `tmp/`.
    pub fn sweep(&self, referenced: &HashSet<String>) -> io::Result<usize> {
        let mut removed = 0;
        for entry in std::fs::read_dir(&self.tmp)? {
            let entry = entry?;
            if std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        for shard in std::fs::read_dir(&self.root)? {
            let shard = shard?;
            if !shard.file_type()?.is_dir() {
                continue;
            }
            for entry in std::fs::read_dir(shard.path())? {
                let entry = entry?;
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if !referenced.contains(name.as_ref()) && std::fs::remove_file(entry.path()).is_ok()
                {
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}
