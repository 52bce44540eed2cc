//! Object and part bytes as immutable files: `blobs/<2 hex>/<32 hex>`, temporaries in `tmp/`.
//!
//! A blob is written once (temp file, then rename) and only ever deleted afterwards, which is
//! what lets the index switch objects atomically and lets readers keep an open file while a
//! replacement is committed.

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

    pub fn temp_path(&self) -> PathBuf {
        self.tmp.join(random_hex(16))
    }

    /// Renames a finished temp file to a fresh blob id. Not yet visible: no index row refers to it.
    pub fn promote(&self, temp: &Path) -> io::Result<String> {
        let id = random_hex(16);
        std::fs::rename(temp, self.path(&id))?;
        Ok(id)
    }

    pub fn remove(&self, id: &str) {
        if let Err(e) = std::fs::remove_file(self.path(id))
            && e.kind() != io::ErrorKind::NotFound
        {
            tracing::warn!("could not remove blob {id}: {e}");
        }
    }

    /// Unlinks every blob of an object's `blob` column (one blob, or all parts of a manifest).
    pub fn remove_content(&self, column: &str) {
        for id in crate::content::blob_ids(column) {
            self.remove(id);
        }
    }

    /// Start-up clean-up after a crash: temp files and blobs no index row refers to.
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
