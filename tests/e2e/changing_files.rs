//! Files that change under an upload, awkward folders, and a full journal disk: a clear
//! error, nothing uploaded as a mix, nothing left half-done, nothing lost.

use std::io::{Seek, SeekFrom, Write};
use std::process::Stdio;
use std::time::Duration;

use crate::common::*;

fn statuses(server: &Server) -> Vec<(String, String)> {
    let l = server.json(&["assets", "list", "--size", "100"]);
    l["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap().to_string(),
                a["status"]["raw"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_file_changed_during_upload_fails_cleanly() {
    let server = Server::start(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    type Mutation = fn(&std::path::Path);
    let mutations: [(&str, Mutation); 3] = [
        ("deleted", |p| std::fs::remove_file(p).unwrap()),
        ("truncated", |p| {
            std::fs::OpenOptions::new()
                .write(true)
                .open(p)
                .unwrap()
                .set_len(3 * 1024 * 1024)
                .unwrap()
        }),
        ("rewritten", |p| {
            let mut f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
            f.seek(SeekFrom::Start(20 * 1024 * 1024)).unwrap();
            f.write_all(&[0xAB; 1024 * 1024]).unwrap();
            f.set_len(24 * 1024 * 1024).unwrap();
        }),
    ];
    for (name, mutate) in mutations {
        let file = make_file(
            dir.path(),
            &format!("{name}.mp4"),
            24 * 1024 * 1024,
            name.len() as u64,
        );
        let child = server
            .cmd()
            .args([
                "upload",
                "--json",
                "--part-size",
                "2M",
                "--parts",
                "2",
                "--bwlimit",
                "8M",
            ])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(800));
        mutate(&file);
        let r = Run::from(child.wait_with_output().unwrap());
        assert_eq!(r.code, Some(1), "{name}: {}", r.stdout);
        let line = r
            .json_lines()
            .into_iter()
            .find(|l| l.get("path").is_some())
            .expect("a result line");
        assert_eq!(line["status"], "failed", "{name}: {line}");
        let error = line["error"].as_str().unwrap();
        assert!(
            error.contains(file.to_str().unwrap()),
            "{name}: the error names the file: {error}"
        );
        assert!(
            error.contains("changed") || error.contains("shorter"),
            "{name}: {error}"
        );
        // The asset was given up on the service, not left CREATING.
        let st = statuses(&server);
        let mine: Vec<_> = st.iter().filter(|(t, _)| t == name).collect();
        assert!(mine.iter().all(|(_, s)| s == "FAILED"), "{name}: {st:?}");
    }
    assert!(statuses(&server).iter().all(|(_, s)| s != "CREATING"));
}

#[test]
fn folders_with_loops_specials_and_bad_files() {
    let server = Server::start(&["--no-throttle"]);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("media");
    make_file(&root, "good/a.mp4", 50_000, 1);
    make_file(&root, "good/deeper/b.mp3", 40_000, 2);
    std::fs::write(root.join("good/empty.mp4"), b"").unwrap();
    std::fs::write(root.join("good/readme.txt"), b"text").unwrap();
    std::fs::create_dir_all(root.join("folder.mp4")).unwrap(); // a directory where a file is expected
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, root.join("good/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.mp4"), root.join("dangling.mp4")).unwrap();
        let fifo = root.join("pipe.mp4");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
    }
    let r = Run::from(
        server
            .cmd()
            .args(["upload", "--json"])
            .arg(&root)
            .output()
            .unwrap(),
    );
    let lines = r.json_lines();
    let done: Vec<_> = lines.iter().filter(|l| l["status"] == "done").collect();
    assert_eq!(done.len(), 2, "{lines:?}");
    let failed: Vec<_> = lines.iter().filter(|l| l["status"] == "failed").collect();
    assert_eq!(
        failed.len(),
        1,
        "only the empty file is reported: {lines:?}"
    );
    assert!(
        failed[0]["error"]
            .as_str()
            .unwrap()
            .contains("empty (0 bytes)")
    );
    assert_eq!(
        r.code,
        Some(1),
        "a failure in the batch gives a non-zero exit"
    );
    assert_eq!(server.asset_total(), 2);
}

use std::process::Command;

/// The journal's disk fills up: uploads stop with one clear sentence, and once space is back
/// `--resume` finishes every file, each exactly once. Needs root to mount a small tmpfs, as CI
/// runs (`bash .ci/run`).
#[test]
fn a_full_journal_disk_stops_safely_and_resumes() {
    let mnt = tempfile::tempdir().unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8m", "tmpfs"])
        .arg(mnt.path())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(
        ok,
        "this test mounts a small tmpfs and needs root; run the suite as CI does (bash .ci/run)"
    );
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.path().to_path_buf());
    let server = Server::start(&["--no-throttle"]);
    let data = mnt.path().join("vodesk");
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        make_file(dir.path(), &format!("j{i:02}.mp4"), 30_000, 500 + i);
    }
    // Create the journal, then fill the disk to the brim.
    let r = Run::from(
        server
            .cmd()
            .env("VODESK_DATA", &data)
            .args(["uploads", "list"])
            .output()
            .unwrap(),
    );
    assert!(r.ok(), "{}", r.stderr);
    let filler = mnt.path().join("filler");
    {
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.flush();
        // A little room: the journal opens, then fills up in the middle of the batch.
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(96 * 1024)).unwrap();
    }
    let r = Run::from(
        server
            .cmd()
            .env("VODESK_DATA", &data)
            .args(["upload", "--json"])
            .arg(dir.path())
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let last = r
        .stderr
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .to_string();
    assert!(
        last.contains("journal") && last.contains("full") && last.contains("--resume"),
        "{}",
        r.stderr
    );

    std::fs::remove_file(&filler).unwrap();
    let r = Run::from(
        server
            .cmd()
            .env("VODESK_DATA", &data)
            .args(["upload", "--json", "--resume"])
            .arg(dir.path())
            .output()
            .unwrap(),
    );
    assert!(r.ok(), "{} {}", r.stdout, r.stderr);
    let l = server.json(&["assets", "list", "--size", "100"]);
    let titles: Vec<&str> = l["assets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"]["raw"] != "FAILED" && a["status"]["raw"] != "CANCELLED")
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 60, "every file uploaded: {titles:?}");
    // On failure, show every asset of a repeated title with its status (which path left it).
    let repeated: Vec<String> = l["assets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| titles.iter().filter(|t| a["title"] == **t).count() > 1)
        .map(|a| format!("{} {} {}", a["title"], a["status"]["raw"], a["id"]))
        .collect();
    assert_eq!(
        titles.len(),
        60,
        "each exactly once; repeated: {repeated:?}"
    );
    let creating = l["assets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"]["raw"] == "CREATING")
        .count();
    assert_eq!(creating, 0, "nothing left half-done on the service");
}

/// Unreadable files and folders, as an ordinary user meets them: the CLI runs unprivileged
/// (root reads everything, and CI runs as root). A named unreadable file is refused before any
/// request; inside a folder, unreadable entries are reported and the rest is uploaded.
#[cfg(unix)]
#[test]
fn unreadable_files_and_folders() {
    use std::os::unix::fs::PermissionsExt;
    let server = Server::start(&["--no-throttle"]);
    let base = tempfile::tempdir().unwrap();
    let open = |p: &std::path::Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    open(base.path(), 0o755);
    let root = base.path().join("media");
    make_file(&root, "ok.mp4", 40_000, 1);
    let secret = make_file(&root, "secret.mp4", 40_000, 2);
    make_file(&root, "locked/inside.mp4", 40_000, 3);
    open(&root, 0o755);
    open(&root.join("ok.mp4"), 0o644);
    open(&secret, 0o000);
    open(&root.join("locked"), 0o000);
    let home = base.path().join("home");
    std::fs::create_dir(&home).unwrap();
    open(&home, 0o777);
    let unprivileged = |args: &[&str]| {
        let mut c = server.cmd();
        let program = c.get_program().to_owned();
        let am_root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout == b"0\n")
            .unwrap_or(false);
        let mut cmd = if am_root {
            let mut s = Command::new("setpriv");
            s.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(program);
            s
        } else {
            Command::new(program)
        };
        for (k, v) in c.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd.env("HOME", &home).env("VODESK_DATA", home.join("data"));
        c = cmd;
        Run::from(c.args(args).output().unwrap())
    };
    unprivileged(&["upload", secret.to_str().unwrap()]).assert_error("permission denied");
    assert_eq!(server.asset_total(), 0, "nothing was sent");
    let r = unprivileged(&["upload", "--json", root.to_str().unwrap()]);
    assert_eq!(r.code, Some(1), "{} {}", r.stdout, r.stderr);
    let lines = r.json_lines();
    let status = |name: &str| {
        lines
            .iter()
            .find(|l| l["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .map(|l| l["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status("ok.mp4").as_deref(), Some("done"), "{lines:?}");
    assert_eq!(status("secret.mp4").as_deref(), Some("failed"), "{lines:?}");
    assert_eq!(
        status("locked").as_deref(),
        Some("failed"),
        "the unreadable folder is reported: {lines:?}"
    );
    assert_eq!(server.asset_total(), 1);
    open(&root.join("locked"), 0o755);
}
