//! What an object's `blob` column holds: one blob id (single PUT, copy of one), or the manifest
//! of a completed multipart upload — its part blobs in order, each with its size.
//!
//! Completing a multipart upload used to concatenate the parts into a new blob: a second full
//! write of the object (≈ 2.5 s per GiB) while the client waits. A manifest makes completion a
//! single index commit; readers walk the parts instead. Blobs stay immutable either way, so
//! everything that relies on that (atomic switch, hard-link copies) still holds per part.

use std::path::PathBuf;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, TryStreamExt, stream};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use crate::blobs::Blobs;

/// Marks a manifest; blob ids are plain hex, so they never start with it.
const MANIFEST: &str = "parts:";

/// One stretch of an object's bytes: a whole blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    pub blob: String,
    pub size: u64,
}

/// The column value for an object made of `segments` (in order).
pub(crate) fn manifest(segments: &[Segment]) -> String {
    let mut out = String::from(MANIFEST);
    for (i, s) in segments.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("{}:{}", s.blob, s.size));
    }
    out
}

pub(crate) fn is_manifest(column: &str) -> bool {
    column.starts_with(MANIFEST)
}

/// The segments of an object whose column is `column` and whose size is `size`.
pub(crate) fn segments(column: &str, size: u64) -> Vec<Segment> {
    match column.strip_prefix(MANIFEST) {
        None => vec![Segment {
            blob: column.to_string(),
            size,
        }],
        Some(list) => list
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let (blob, size) = s.split_once(':').unwrap_or((s, "0"));
                Segment {
                    blob: blob.to_string(),
                    size: size.parse().unwrap_or(0),
                }
            })
            .collect(),
    }
}

/// Every blob an object's column refers to (what must be kept, or unlinked with the object).
pub(crate) fn blob_ids(column: &str) -> Vec<&str> {
    match column.strip_prefix(MANIFEST) {
        None => vec![column],
        Some(list) => list
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.split_once(':').map_or(s, |(b, _)| b))
            .collect(),
    }
}

/// The part of one blob a range read needs.
pub(crate) struct Piece {
    pub path: PathBuf,
    pub offset: u64,
    pub len: u64,
}

/// The pieces of blobs that hold bytes `start .. start + len` of the object.
pub(crate) fn pieces(blobs: &Blobs, column: &str, size: u64, start: u64, len: u64) -> Vec<Piece> {
    let end = start.saturating_add(len);
    let mut out = Vec::new();
    let mut at = 0u64;
    for s in segments(column, size) {
        let (seg_start, seg_end) = (at, at + s.size);
        at = seg_end;
        if seg_end <= start || s.size == 0 {
            continue;
        }
        if seg_start >= end {
            break;
        }
        let from = start.max(seg_start);
        let to = end.min(seg_end);
        out.push(Piece {
            path: blobs.path(&s.blob),
            offset: from - seg_start,
            len: to - from,
        });
    }
    out
}

async fn open_piece(path: &std::path::Path, offset: u64) -> std::io::Result<tokio::fs::File> {
    let mut f = tokio::fs::File::open(path).await?;
    if offset > 0 {
        f.seek(std::io::SeekFrom::Start(offset)).await?;
    }
    Ok(f)
}

/// Streams `pieces`, the first already opened (so that a vanished object is noticed before the
/// response starts). Later pieces open lazily: a 1,000-part object must not hold 1,000 open
/// files, and if the object is deleted mid-read the body ends early with an error, which HTTP
/// clients see as a short read against `Content-Length`.
pub(crate) fn stream_pieces(
    first: tokio::fs::File,
    pieces: Vec<Piece>,
    buffer: usize,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send {
    let mut rest = pieces.into_iter();
    let first_len = rest.next().map_or(0, |p| p.len);
    let head = ReaderStream::with_capacity(first.take(first_len), buffer);
    let tail = stream::iter(rest)
        .then(move |p| async move {
            let f = open_piece(&p.path, p.offset).await?;
            Ok::<_, std::io::Error>(ReaderStream::with_capacity(f.take(p.len), buffer))
        })
        .try_flatten();
    head.chain(tail)
}

/// Opens the first piece of a read, positioned at its offset (`None` when there is nothing to read).
pub(crate) async fn open_first(pieces: &[Piece]) -> std::io::Result<Option<tokio::fs::File>> {
    match pieces.first() {
        Some(p) => open_piece(&p.path, p.offset).await.map(Some),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trips_and_plain_ids_stay_plain() {
        let segs = vec![
            Segment {
                blob: "aa".repeat(16),
                size: 10,
            },
            Segment {
                blob: "bb".repeat(16),
                size: 3,
            },
        ];
        let col = manifest(&segs);
        assert_eq!(segments(&col, 13), segs);
        assert_eq!(blob_ids(&col), vec!["aa".repeat(16), "bb".repeat(16)]);
        let plain = "cc".repeat(16);
        assert_eq!(blob_ids(&plain), vec![plain.as_str()]);
        assert_eq!(
            segments(&plain, 7),
            vec![Segment {
                blob: plain.clone(),
                size: 7
            }]
        );
    }
}
