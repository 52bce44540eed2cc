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

/// Who holds an account's uploads, as the holder wrote it: facts, not a sentence, so each
/// face words it in its own language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Holder {
    /// Its process id; `None` when the lock file says nothing readable.
    pub pid: Option<u32>,
    /// The program, as a command line names it (`vodesk`, `vodesk upload`).
    pub program: String,
    /// When it took the uploads, local time to the minute.
    pub since: String,
}

impl Holder {
    /// The lock file's content: `pid<TAB>program<TAB>since`.
    fn parse(text: &str) -> Holder {
        let mut parts = text.trim().splitn(3, '\t');
        let pid = parts.next().and_then(|p| p.parse().ok());
        Holder {
            pid,
            program: parts.next().unwrap_or("").to_string(),
            since: parts.next().unwrap_or("").to_string(),
        }
    }
}

impl OwnerLock {
    /// Takes the lock, or says who holds it. `program` says what this process is, for others
    /// to read (a command, not words: the reader's language words the rest).
    pub fn try_acquire(path: &Path, program: &str) -> std::io::Result<Result<OwnerLock, Holder>> {
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
                let holder = format!("{}\t{program}\t{since}", std::process::id());
                file.set_len(0)?;
                file.rewind()?;
                file.write_all(holder.as_bytes())?;
                file.flush()?;
                Ok(Ok(OwnerLock { _file: file }))
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                Ok(Err(Holder::parse(&holder)))
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
        let held = OwnerLock::try_acquire(&path, "vodesk")
            .unwrap()
            .expect_err("held");
        assert_eq!(held.pid, Some(std::process::id()));
        assert_eq!(held.program, "vodesk upload");
        assert_eq!(held.since.len(), "2026-12-03 10:02".len(), "{held:?}");
        // A lock file with nothing readable names no one, without failing.
        assert_eq!(
            Holder::parse(""),
            Holder {
                pid: None,
                program: String::new(),
                since: String::new()
            }
        );
        let other = lock_path(&dir.path().join("journal.db"), "huawei:p:other");
        assert!(OwnerLock::try_acquire(&other, "x").unwrap().is_ok());
        drop(first);
        assert!(OwnerLock::try_acquire(&path, "vodesk").unwrap().is_ok());
    }
}
