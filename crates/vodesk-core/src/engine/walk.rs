//! Walking dropped, chosen or named paths for media files, for both faces: folders in name
//! order, symlinked folders not followed (no loops), files that are not media reported as such
//! (hidden files and the system's folder litter left out silently), and files handed over in
//! chunks so a folder of 100,000 files streams in.

use std::path::{Path, PathBuf};

use crate::model::MediaType;

/// What a walk finds.
#[derive(Debug)]
pub enum Walked {
    /// Media files and their sizes, in walk order.
    Files(Vec<(PathBuf, u64)>),
    /// A path that could not be walked, or a named file that is not media: one sentence.
    Problem(PathBuf, String),
    /// Files inside the folders that are not of a media format VOD takes (each face says so).
    NotMedia(Vec<PathBuf>),
}

/// Files nobody means to upload and nobody wants to hear about: hidden files (`.DS_Store`,
/// `._clip.mp4` from macOS) and the thumbnail caches Windows leaves in folders.
pub fn is_litter(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

fn unreadable(path: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("{} cannot be read ({why}); check the path", path.display())
}

/// Walks `paths` (files or folders), calling `send` with at most `chunk` files at a time and
/// with problems; stops as soon as `send` says no one listens any more.
pub fn walk(paths: &[PathBuf], chunk: usize, send: &mut dyn FnMut(Walked) -> bool) {
    let mut found = Found {
        media: Vec::with_capacity(chunk),
        other: Vec::new(),
    };
    for p in paths {
        let alive = match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_dir(p, chunk, &mut found, send),
            Ok(m) if MediaType::from_path(p).is_some() => {
                found.media.push((p.clone(), m.len()));
                true
            }
            Ok(_) => send(Walked::Problem(
                p.clone(),
                format!(
                    "{} is not a supported media file; supported formats: {}",
                    p.display(),
                    MediaType::supported_list()
                ),
            )),
            Err(e) => send(Walked::Problem(p.clone(), unreadable(p, &e))),
        };
        if !alive {
            return;
        }
    }
    if !found.media.is_empty() && !send(Walked::Files(found.media)) {
        return;
    }
    if !found.other.is_empty() {
        send(Walked::NotMedia(found.other));
    }
}

/// What a walk has found and not yet sent.
struct Found {
    media: Vec<(PathBuf, u64)>,
    other: Vec<PathBuf>,
}

fn walk_dir(
    dir: &Path,
    chunk: usize,
    found: &mut Found,
    send: &mut dyn FnMut(Walked) -> bool,
) -> bool {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).collect(),
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => e.to_string(),
            };
            return send(Walked::Problem(
                dir.to_path_buf(),
                format!(
                    "folder {} cannot be read ({why}); check its permissions",
                    dir.display()
                ),
            ));
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(ft) = e.file_type() else { continue };
        let path = e.path();
        if ft.is_dir() {
            if !walk_dir(&path, chunk, found, send) {
                return false;
            }
        } else if !(ft.is_file() || (ft.is_symlink() && path.is_file())) || is_litter(&path) {
            continue;
        } else if MediaType::from_path(&path).is_some() {
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            found.media.push((path, size));
            if found.media.len() >= chunk && !send(Walked::Files(std::mem::take(&mut found.media)))
            {
                return false;
            }
        } else {
            found.other.push(path);
            if found.other.len() >= chunk
                && !send(Walked::NotMedia(std::mem::take(&mut found.other)))
            {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_stream_media_in_name_order_and_name_their_problems() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).unwrap();
        for f in [
            "b/2.mp4",
            "b/1.mov",
            "a.mp3",
            "readme.txt",
            ".DS_Store",
            "b/Thumbs.db",
        ] {
            std::fs::write(root.join(f), b"x").unwrap();
        }
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let mut not_media = Vec::new();
        walk(
            &[
                root.to_path_buf(),
                root.join("readme.txt"),
                root.join("gone"),
            ],
            2,
            &mut |w| {
                match w {
                    Walked::Files(f) => files.push(f.len()),
                    Walked::Problem(_, why) => problems.push(why),
                    Walked::NotMedia(paths) => not_media.extend(paths),
                }
                true
            },
        );
        assert_eq!(files, [2, 1], "chunks of at most two, the rest at the end");
        assert_eq!(
            not_media,
            [root.join("readme.txt")],
            "litter is left out silently"
        );
        assert_eq!(problems.len(), 2);
        assert!(problems[0].contains("not a supported media file"));
        assert!(problems[1].contains("does not exist"));
    }
}
