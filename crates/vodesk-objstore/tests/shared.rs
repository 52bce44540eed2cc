//! `put_object_shared`: a body repeated by many objects is written once and hard-linked, yet
//! every object behaves as its own copy (delete, overwrite, reopen).

mod common;

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::*;

const BUCKET: &str = "media";

/// Distinct inodes under `dir` (hard links of one blob count once).
fn inodes(dir: &Path) -> HashSet<u64> {
    let mut out = HashSet::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let meta = entry.metadata().expect("metadata");
        if meta.is_dir() {
            out.extend(inodes(&entry.path()));
        } else {
            out.insert(meta.ino());
        }
    }
    out
}

async fn read(s: &Server, key: &str) -> Option<Vec<u8>> {
    s.store
        .read_head(BUCKET, key, u64::MAX)
        .await
        .expect("read")
        .map(|b| b.to_vec())
}

#[tokio::test]
async fn shared_bodies_are_one_file_but_independent_objects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blobs = dir.path().join("blobs");
    let cover = data(900, 21);
    let other = data(700, 22);
    {
        let s = start(dir.path()).await;
        s.store.ensure_bucket(BUCKET).expect("bucket");
        for key in ["a/cover0", "b/cover0", "c/cover0"] {
            let info = s
                .store
                .put_object_shared(BUCKET, key, "image/png", cover.clone().into())
                .await
                .expect("put shared");
            assert_eq!(info.etag.trim_matches('"'), md5_hex(&cover));
            assert_eq!(info.size, cover.len() as u64);
        }
        s.store
            .put_object_shared(BUCKET, "d/cover0", "image/png", other.clone().into())
            .await
            .expect("put other");
        // Two masters plus one link per object, but only two files' worth of bytes.
        assert_eq!(count_files(&blobs), 6);
        assert_eq!(inodes(&blobs).len(), 2);
        for key in ["a/cover0", "b/cover0", "c/cover0"] {
            assert_eq!(read(&s, key).await.as_deref(), Some(&cover[..]));
        }
        let head = s.store.head_object(BUCKET, "b/cover0").expect("head");
        assert_eq!(head.expect("b exists").content_type, "image/png");

        // Deleting or overwriting one object leaves the others' bytes alone.
        s.store.delete_object(BUCKET, "a/cover0").expect("delete");
        assert_eq!(read(&s, "a/cover0").await, None);
        s.store
            .put_object(BUCKET, "b/cover0", "image/png", other.clone().into())
            .await
            .expect("overwrite");
        assert_eq!(read(&s, "b/cover0").await.as_deref(), Some(&other[..]));
        assert_eq!(read(&s, "c/cover0").await.as_deref(), Some(&cover[..]));
    }
    // The masters belong to no object: the sweep on reopen removes them, the objects stay.
    let s = start(dir.path()).await;
    assert_eq!(count_files(&blobs), 3);
    assert_eq!(read(&s, "c/cover0").await.as_deref(), Some(&cover[..]));
    assert_eq!(read(&s, "d/cover0").await.as_deref(), Some(&other[..]));
    assert_eq!(read(&s, "b/cover0").await.as_deref(), Some(&other[..]));

    // The new process writes a master of its own.
    s.store
        .put_object_shared(BUCKET, "e/cover0", "image/png", cover.clone().into())
        .await
        .expect("put after reopen");
    assert_eq!(read(&s, "e/cover0").await.as_deref(), Some(&cover[..]));
}
