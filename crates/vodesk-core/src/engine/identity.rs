//! File identity (size, mtime, MD5 of the first and last MiB) and the duplicate-check hash.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use vodesk_md5::Md5;

use super::job::FileIdentity;

const MIB: u64 = 1024 * 1024;
/// Files up to this size are hashed whole for their identity (`head_md5` is their MD5).
pub const WHOLE_FILE_IDENTITY: u64 = MIB;

fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

/// Size and modification time only: a cheap check that a file is as it was moments ago.
pub fn same_stat(path: &Path, identity: &FileIdentity) -> bool {
    std::fs::metadata(path)
        .is_ok_and(|m| m.is_file() && m.len() == identity.size && mtime_ns(&m) == identity.mtime_ns)
}

/// Reads the identity of `path` (at most 2 MiB of reading).
pub fn read_identity(path: &Path) -> std::io::Result<FileIdentity> {
    let mut f = std::fs::File::open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let size = meta.len();
    let head_len = size.min(MIB) as usize;
    let mut buf = vec![0u8; head_len];
    f.read_exact(&mut buf)?;
    let head_md5 = hex::encode(Md5::digest(&buf));
    // A file of at most 1 MiB is its own head and tail: hash it once.
    let tail_md5 = if size <= MIB {
        head_md5.clone()
    } else {
        f.seek(SeekFrom::Start(size - MIB))?;
        buf.resize(MIB as usize, 0);
        f.read_exact(&mut buf)?;
        hex::encode(Md5::digest(&buf))
    };
    Ok(FileIdentity {
        size,
        mtime_ns: mtime_ns(&meta),
        head_md5,
        tail_md5,
    })
}

/// Hex MD5 of the first 1024 bytes, as the duplication check wants (huawei-vod-api.md §8).
pub fn dedup_md5(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1024];
    let mut n = 0;
    while n < buf.len() {
        let r = f.read(&mut buf[n..])?;
        if r == 0 {
            break;
        }
        n += r;
    }
    Ok(hex::encode(Md5::digest(&buf[..n])))
}
