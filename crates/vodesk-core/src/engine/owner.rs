//! One owner per account's uploads: the engine that runs an account's jobs holds an OS file
//! lock next to the journal, so two vodesk processes (two command lines, or one and the app)
//! never run the same job. The lock file names its holder, so another process can say who has
//! the uploads; the lock goes with the process, however it ends.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// A held lock: released when dropped (or when the process ends).
#[derive(Debug)]
pub struct OwnerLock {
    _file: File,
}

/// Where the lock of `account`'s uploads in `journal` is.
pub fn lock_path(journal: &Path, account: &str) -> PathBuf {
    let digest = hex::encode(Sha256::digest(account.as_bytes()));
    let dir = journal.parent().unwrap_or(Path::new("."));
    dir.join("owners").join(format!("{}.lock", &digest[..16]))
}

impl OwnerLock {
    /// Takes the lock, or says who holds it ("process 1234 (vodesk upload) since 10:02").
    /// `label` says what this process is, for others to read.
    pub fn try_acquire(path: &Path, label: &str) -> std::io::Result<Result<OwnerLock, String>> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {
                let since = chrono::Local::now().format("%Y-%m-%d %H:%M");
                let holder = format!("process {} ({label}) since {since}", std::process::id());
                file.set_len(0)?;
                file.rewind()?;
                file.write_all(holder.as_bytes())?;
                file.flush()?;
                Ok(Ok(OwnerLock { _file: file }))
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                Ok(Err(if holder.is_empty() {
                    "another vodesk process".to_string()
                } else {
                    holder.to_string()
                }))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_owner_is_refused_with_the_holder_named_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = lock_path(&dir.path().join("journal.db"), "huawei:p:ak");
        let first = OwnerLock::try_acquire(&path, "vodesk upload")
            .unwrap()
            .expect("free");
        let held = OwnerLock::try_acquire(&path, "the vodesk app")
            .unwrap()
            .expect_err("held");
        assert!(
            held.starts_with(&format!(
                "process {} (vodesk upload) since ",
                std::process::id()
            )),
            "{held}"
        );
        let other = lock_path(&dir.path().join("journal.db"), "huawei:p:other");
        assert!(OwnerLock::try_acquire(&other, "x").unwrap().is_ok());
        drop(first);
        assert!(
            OwnerLock::try_acquire(&path, "the vodesk app")
                .unwrap()
                .is_ok()
        );
    }
}
