//! The command line's progress under a terminal (a pseudo-terminal, as a person's shell gives):
//! the total line's bytes, file count and time left move as files finish, skipped files leave
//! the total so it ends at 100 %, and "finding more…" goes once the folders are walked.

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Command;

use crate::common::*;

/// Runs `cmd` with a 120-column pseudo-terminal as its standard streams; all it wrote.
fn in_terminal(mut cmd: Command) -> (Option<i32>, String) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors into the given integers; null name and
    // termios ask for defaults, and the window size lives through the call.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    cmd.stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    let mut child = cmd.spawn().expect("vodesk runs");
    // The parent's copies of the terminal's other end must go, or reading never ends.
    drop(cmd);
    let mut out = Vec::new();
    let mut reader = std::fs::File::from(master);
    // Linux reports EIO on the master once the last writer is gone: the end of the output.
    let _ = reader.read_to_end(&mut out);
    let code = child.wait().unwrap().code();
    (code, String::from_utf8_lossy(&out).into_owned())
}

/// The total line of every frame drawn, without terminal controls.
fn total_frames(raw: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters… final letter.
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            plain.push('\n');
        } else {
            plain.push(c);
        }
    }
    plain
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| l.starts_with("total ") && l.contains(" of "))
        .map(str::to_string)
        .collect()
}

/// (bytes done, bytes total, time left in s, files finished, files) of a frame.
fn read_frame(f: &str) -> (String, String, Option<u64>, usize, usize) {
    let parts: Vec<&str> = f.split(" · ").collect();
    assert_eq!(parts.len(), 4, "{f}");
    let bytes = parts[0].trim_start_matches(|c: char| c != ' ').trim();
    let bytes = bytes.trim_start_matches(['=', '>', ' ']);
    let (done, total) = bytes.split_once(" of ").unwrap_or_else(|| panic!("{f}"));
    let left = parts[2].trim_end_matches(" left");
    let left = (left != "–").then(|| {
        left.split(':')
            .fold(0u64, |acc, p| acc * 60 + p.parse::<u64>().unwrap())
    });
    let files = parts[3]
        .split(" files")
        .next()
        .unwrap()
        .split(" file")
        .next()
        .unwrap();
    let (finished, found) = files.split_once(" of ").unwrap_or_else(|| panic!("{f}"));
    (
        done.to_string(),
        total.to_string(),
        left,
        finished.parse().unwrap(),
        found.parse().unwrap(),
    )
}

#[test]
fn the_total_line_moves_as_files_finish_and_ends_at_every_byte() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("batch");
    // One file the account already has: with --skip-duplicates it is skipped, not sent.
    let dup = make_file(&folder, "a/dup.mp4", 200_000, 1);
    let first = server.json_lines(&["upload", dup.to_str().unwrap()]);
    assert_eq!(first[0]["status"], "done");
    for (i, size) in [900_000, 1_400_000, 2_100_000, 600_000, 1_700_000]
        .iter()
        .enumerate()
    {
        make_file(&folder, &format!("b/clip{i}.mp4"), *size, 10 + i as u64);
    }
    make_file(&folder, "c/last.mov", 1_100_000, 20);

    let mut cmd = server.cmd();
    cmd.env("LANG", "en_US.UTF-8").args([
        "upload",
        "--again",
        "--skip-duplicates",
        "--bwlimit",
        "3M",
        "--concurrency",
        "2",
    ]);
    cmd.arg(&folder);
    let (code, raw) = in_terminal(cmd);
    assert_eq!(code, Some(0), "{raw}");
    let frames = total_frames(&raw);
    assert!(frames.len() > 5, "too few frames: {frames:?}");
    let read: Vec<_> = frames.iter().map(|f| read_frame(f)).collect();

    // The file count moves up one file at a time, to every file.
    let counts: Vec<usize> = read.iter().map(|r| r.3).collect();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    let mut distinct = counts.clone();
    distinct.dedup();
    assert!(distinct.len() >= 4, "the count did not move: {counts:?}");
    let last = read.last().unwrap();
    assert_eq!((last.3, last.4), (7, 7), "{frames:?}");

    // It ends with every byte that was to be sent stored: the skipped file left the total
    // (7.8 MB sent; with the duplicate's 200 KB it would never reach 100 %).
    assert_eq!(last.0, last.1, "{}", frames.last().unwrap());
    assert_eq!(last.1, "7.4 MiB", "{}", frames.last().unwrap());
    assert_eq!(last.2, Some(0));
    // Time left was known and came down.
    let lefts: Vec<u64> = read.iter().filter_map(|r| r.2).collect();
    assert!(lefts.iter().any(|l| *l >= 2), "{lefts:?}");

    // "finding more…" only while walking: never after a frame without it, not at the end.
    let walking: Vec<bool> = frames.iter().map(|f| f.contains("finding more")).collect();
    assert!(walking.windows(2).all(|w| w[0] || !w[1]), "{frames:?}");
    assert!(!walking.last().unwrap());

    // The summary follows, on its own line.
    assert!(
        raw.contains("6 uploaded, 0 already uploaded, 1 skipped, 0 failed"),
        "{raw}"
    );
}
