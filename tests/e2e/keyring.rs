//! A real Secret Service for tests: a private D-Bus session bus with gnome-keyring on it, in a
//! temporary HOME, so tests never see or touch the user's keychain and each starts empty.
//! A machine without dbus-daemon or gnome-keyring fails these tests (it never skips them):
//! `.ci/run` installs both.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Keyring {
    pub home: tempfile::TempDir,
    runtime: tempfile::TempDir,
    bus: Child,
    daemon: Option<Child>,
    pub address: String,
}

const PASSWORD: &str = "keyring-test-password";

fn spawn_or_explain(cmd: &mut Command, what: &str) -> Child {
    cmd.spawn().unwrap_or_else(|e| {
        panic!("cannot start {what} ({e}); install dbus-daemon and gnome-keyring (apt), as .ci/run does")
    })
}

impl Keyring {
    /// An unlocked keyring whose login collection exists.
    pub fn start() -> Keyring {
        let home = tempfile::tempdir().expect("temp dir");
        let runtime = tempfile::tempdir().expect("temp dir");
        std::fs::set_permissions(
            runtime.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .unwrap();
        let mut bus = spawn_or_explain(
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .env("HOME", home.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
            "dbus-daemon",
        );
        let mut address = String::new();
        BufReader::new(bus.stdout.take().expect("stdout"))
            .read_line(&mut address)
            .expect("bus address");
        let mut k = Keyring {
            home,
            runtime,
            bus,
            daemon: None,
            address: address.trim().to_string(),
        };
        k.start_daemon(true);
        k
    }

    /// A keyring whose login collection exists but is locked (as after a login without the
    /// keyring password).
    pub fn start_locked() -> Keyring {
        let mut k = Keyring::start();
        k.stop_daemon();
        k.start_daemon(false);
        k
    }

    fn start_daemon(&mut self, unlock: bool) {
        let mut cmd = Command::new("gnome-keyring-daemon");
        cmd.args(["--foreground", "--components=secrets"]);
        if unlock {
            cmd.arg("--unlock");
        } else {
            cmd.arg("--start");
        }
        self.apply(&mut cmd);
        let mut child = spawn_or_explain(
            cmd.stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
            "gnome-keyring-daemon",
        );
        if unlock {
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(PASSWORD.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        self.daemon = Some(child);
        self.wait_for_service();
    }

    fn stop_daemon(&mut self) {
        if let Some(mut d) = self.daemon.take() {
            let _ = d.kill();
            let _ = d.wait();
        }
        // Wait until the name is released, so the next daemon owns it.
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.service_registered() {
            assert!(Instant::now() < deadline, "gnome-keyring did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn service_registered(&self) -> bool {
        let mut cmd = Command::new("dbus-send");
        cmd.args([
            "--session",
            "--dest=org.freedesktop.DBus",
            "--type=method_call",
            "--print-reply",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ]);
        self.apply(&mut cmd);
        let out = cmd.output().expect("dbus-send runs (apt dbus-bin)");
        String::from_utf8_lossy(&out.stdout).contains("boolean true")
    }

    fn wait_for_service(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.service_registered() {
            assert!(
                Instant::now() < deadline,
                "gnome-keyring did not register org.freedesktop.secrets"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Points a command at this keyring (and its HOME).
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("HOME", self.home.path())
            .env("XDG_RUNTIME_DIR", self.runtime.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DATA_HOME");
    }

    /// The bus and keyring processes (to end them when a process-wide keyring is not dropped).
    pub fn pids(&self) -> Vec<u32> {
        let mut p = vec![self.bus.id()];
        p.extend(self.daemon.as_ref().map(Child::id));
        p
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// `secret-tool lookup service vodesk username ACCOUNT`.
    pub fn lookup(&self, account: &str) -> Option<String> {
        let mut cmd = Command::new("secret-tool");
        cmd.args(["lookup", "service", "vodesk", "username", account]);
        self.apply(&mut cmd);
        let out = cmd
            .output()
            .expect("secret-tool runs (apt libsecret-tools)");
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Every item vodesk left in the keychain (`secret-tool search --all service vodesk`).
    pub fn vodesk_items(&self) -> String {
        let mut cmd = Command::new("secret-tool");
        cmd.args(["search", "--all", "service", "vodesk"]);
        self.apply(&mut cmd);
        let out = cmd
            .output()
            .expect("secret-tool runs (apt libsecret-tools)");
        // Items are listed on stdout and their attributes on stderr, depending on the version.
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        if let Some(mut d) = self.daemon.take() {
            let _ = d.kill();
            let _ = d.wait();
        }
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}
