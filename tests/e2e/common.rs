//! Shared helpers for the end-to-end tests: a real `vodesk serve` on loopback and a way to run
//! the `vodesk` command line against it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const AK: &str = "E2ETESTAK00000000001";
pub const SK: &str = "E2eTestSecretKey0000000000000000000000000";
pub const PROJECT: &str = "fedcba9876543210fedcba9876543210";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_vodesk")
}

/// The sentences vodesk prints for people follow the system's language; the tests read them
/// in English whatever the machine running them uses.
pub const ENGLISH: [(&str, &str); 4] = [
    ("LANG", "C.UTF-8"),
    ("LC_ALL", "C.UTF-8"),
    ("LC_MESSAGES", "C.UTF-8"),
    ("LANGUAGE", "en"),
];

pub struct Server {
    pub child: Child,
    /// `--listen` value and extra arguments, for restarts on the same ports.
    listen: String,
    args: Vec<String>,
    pub vod_endpoint: String,
    pub object_endpoint: String,
    /// The Tencent personality's API and COS endpoints.
    pub tencent_endpoint: String,
    pub tencent_cos_endpoint: String,
    /// The Alibaba personality's API and OSS endpoints.
    pub aliyun_endpoint: String,
    pub aliyun_oss_endpoint: String,
    pub data: tempfile::TempDir,
    /// Isolated default data dir for CLI runs, so tests never touch the user's.
    pub home: tempfile::TempDir,
    /// The service was given the test's Huawei keys (otherwise it generated and kept its own,
    /// and the CLI reaches it through a built-in Local profile: [`Server::tencent_cmd`]).
    keys_given: bool,
    /// Variables the service was started with (kept for restarts).
    env: Vec<(String, String)>,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        let data = tempfile::tempdir().expect("temp dir");
        Self::start_in(data, extra)
    }

    pub fn start_in(data: tempfile::TempDir, extra: &[&str]) -> Server {
        Self::start_on(data, "127.0.0.1:0", extra)
    }

    /// On free ports chosen once for the VOD API and the object endpoint, so that restarts
    /// keep the endpoints (and with them the CLI's journal target).
    pub fn start_on_fixed_ports(extra: &[&str]) -> Server {
        let listen = format!("127.0.0.1:{}", free_port());
        let object = format!("127.0.0.1:{}", free_port());
        let mut args = extra.to_vec();
        args.extend(["--object-listen", object.as_str()]);
        Self::start_on(tempfile::tempdir().expect("temp dir"), &listen, &args)
    }

    /// On a given `--listen` address (fixed ports survive a restart).
    pub fn start_on(data: tempfile::TempDir, listen: &str, extra: &[&str]) -> Server {
        let home = tempfile::tempdir().expect("temp dir");
        Self::spawn(
            data,
            home,
            listen,
            extra.iter().map(|s| s.to_string()).collect(),
            true,
        )
    }

    /// A service with keys of its own, for the CLI's built-in Local-Tencent and Local-Alibaba
    /// profiles.
    pub fn start_tencent(extra: &[&str]) -> Server {
        Self::start_tencent_env(extra, &[])
    }

    /// [`Self::start_tencent`] with variables set for the service (e.g. short-lived keys).
    pub fn start_tencent_env(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut s = Self::spawn_env(
            tempfile::tempdir().expect("temp dir"),
            tempfile::tempdir().expect("temp dir"),
            "127.0.0.1:0",
            extra.iter().map(|s| s.to_string()).collect(),
            false,
            env,
        );
        s.env = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        s
    }

    fn spawn(
        data: tempfile::TempDir,
        home: tempfile::TempDir,
        listen: &str,
        args: Vec<String>,
        keys_given: bool,
    ) -> Server {
        Self::spawn_env(data, home, listen, args, keys_given, &[])
    }

    fn spawn_env(
        data: tempfile::TempDir,
        home: tempfile::TempDir,
        listen: &str,
        args: Vec<String>,
        keys_given: bool,
        env: &[(&str, &str)],
    ) -> Server {
        let mut serve = Command::new(bin());
        serve.envs(ENGLISH).envs(env.iter().copied());
        serve
            .args(["serve", "--data"])
            .arg(data.path())
            .args(["--listen", listen, "--json"])
            .args(&args)
            .env_remove("TENCENTCLOUD_SECRET_ID")
            .env_remove("TENCENTCLOUD_SECRET_KEY")
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        if keys_given {
            serve
                .env("HUAWEICLOUD_SDK_AK", AK)
                .env("HUAWEICLOUD_SDK_SK", SK)
                .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT);
        }
        let mut child = serve
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("vodesk serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("start-up line");
        let v: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("bad start-up line {line:?}: {e}"));
        Server {
            child,
            listen: listen.to_string(),
            args,
            vod_endpoint: v["vod_endpoint"]
                .as_str()
                .expect("vod_endpoint")
                .to_string(),
            object_endpoint: v["object_endpoint"]
                .as_str()
                .expect("object_endpoint")
                .to_string(),
            tencent_endpoint: v["tencent_endpoint"]
                .as_str()
                .expect("tencent_endpoint")
                .to_string(),
            tencent_cos_endpoint: v["tencent_cos_endpoint"]
                .as_str()
                .expect("tencent_cos_endpoint")
                .to_string(),
            aliyun_endpoint: v["aliyun_endpoint"]
                .as_str()
                .expect("aliyun_endpoint")
                .to_string(),
            aliyun_oss_endpoint: v["aliyun_oss_endpoint"]
                .as_str()
                .expect("aliyun_oss_endpoint")
                .to_string(),
            data,
            home,
            keys_given,
            env: Vec::new(),
        }
    }

    /// SIGKILLs the service, waits `down`, and starts it again on the same data and ports.
    pub fn restart_after(mut self, down: std::time::Duration) -> Server {
        self.kill();
        std::thread::sleep(down);
        let args = self.args.clone();
        self.respawn(args)
    }

    /// Stops the service and starts it again on the same data and ports with other arguments
    /// (a fixed object endpoint port is kept).
    pub fn restart_with(mut self, extra: &[&str]) -> Server {
        self.kill();
        let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        if let Some(i) = self.args.iter().position(|a| a == "--object-listen")
            && !args.iter().any(|a| a == "--object-listen")
        {
            args.extend(self.args[i..].iter().take(2).cloned());
        }
        self.respawn(args)
    }

    fn respawn(mut self, args: Vec<String>) -> Server {
        let data = std::mem::replace(&mut self.data, tempfile::tempdir().expect("temp dir"));
        let home = std::mem::replace(&mut self.home, tempfile::tempdir().expect("temp dir"));
        let listen = self.listen.clone();
        let env = std::mem::take(&mut self.env);
        let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut s = Self::spawn_env(data, home, &listen, args, self.keys_given, &pairs);
        s.env = env.clone();
        s
    }

    /// A `vodesk` command on this service's Tencent personality, through the built-in
    /// Local-Tencent profile (which reuses the service running on its local data directory).
    pub fn tencent_cmd(&self) -> Command {
        self.local_cmd("Local-Tencent")
    }

    /// A `vodesk` command on this service's Alibaba personality (the Local-Alibaba profile).
    pub fn aliyun_cmd(&self) -> Command {
        self.local_cmd("Local-Alibaba")
    }

    /// A `vodesk` command through the built-in profile `profile` of this service.
    fn local_cmd(&self, profile: &str) -> Command {
        let mut c = Command::new(bin());
        c.envs(ENGLISH)
            .args(["--profile", profile])
            .env("VODESK_LOCAL_DATA", self.data.path())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env_remove("VODESK_ENDPOINT")
            .env_remove("VODESK_OBJECT_ENDPOINT")
            .env_remove("HUAWEICLOUD_SDK_AK")
            .env_remove("HUAWEICLOUD_SDK_SK")
            .env_remove("VODESK_LOG");
        c
    }

    /// A Tencent `--json` run expected to succeed: its JSON lines.
    pub fn tencent_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        Self::json_of(self.tencent_cmd(), args)
    }

    /// An Alibaba `--json` run expected to succeed: its JSON lines.
    pub fn aliyun_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        Self::json_of(self.aliyun_cmd(), args)
    }

    fn json_of(mut cmd: Command, args: &[&str]) -> Vec<serde_json::Value> {
        let r = Run::from(cmd.arg("--json").args(args).output().expect("vodesk runs"));
        assert!(
            r.ok(),
            "vodesk {:?} {args:?} failed: {}",
            cmd.get_args().collect::<Vec<_>>(),
            r.stderr
        );
        r.json_lines()
    }

    /// A `vodesk` command configured for this server.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        c.envs(ENGLISH)
            .env("VODESK_ENDPOINT", &self.vod_endpoint)
            .env("VODESK_OBJECT_ENDPOINT", &self.object_endpoint)
            .env("HUAWEICLOUD_SDK_AK", AK)
            .env("HUAWEICLOUD_SDK_SK", SK)
            .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
            .env("HUAWEICLOUD_SDK_REGION", "local-1")
            .env("VODESK_LOCAL_DATA", self.home.path().join("local"))
            .env("HOME", self.home.path())
            .env_remove("VODESK_LOG");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd().args(args).output().expect("vodesk runs"))
    }

    /// Runs and expects success, returning stdout parsed as JSON (the command gets `--json`).
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert!(r.ok(), "vodesk {args:?} failed: {}", r.stderr);
        serde_json::from_str(r.stdout.trim())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
    }

    /// Every JSON line of a `--json` run that is expected to succeed.
    pub fn json_lines(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert!(r.ok(), "vodesk {args:?} failed: {}", r.stderr);
        r.json_lines()
    }

    pub fn asset_total(&self) -> i64 {
        self.json(&["assets", "list", "--size", "100"])["total"]
            .as_i64()
            .expect("total")
    }

    /// The Tencent keys the service generated and keeps: SecretId, SecretKey, SubAppId.
    pub fn tencent_keys(&self) -> (String, String, String) {
        let path = self.data.path().join("tencent-credentials.json");
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("tencent-credentials.json"))
                .expect("JSON");
        (
            v["secret_id"].as_str().unwrap().to_string(),
            v["secret_key"].as_str().unwrap().to_string(),
            v["sub_app_id"].as_u64().unwrap().to_string(),
        )
    }

    /// The Alibaba keys the service generated and keeps: AccessKey ID and secret.
    pub fn aliyun_keys(&self) -> (String, String) {
        let path = self.data.path().join("aliyun-credentials.json");
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("aliyun-credentials.json"))
                .expect("JSON");
        (
            v["access_key_id"].as_str().unwrap().to_string(),
            v["access_key_secret"].as_str().unwrap().to_string(),
        )
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }

    /// Failed with exit code 1 and one `error: ...` sentence that contains `needle`.
    pub fn assert_error(&self, needle: &str) {
        assert_eq!(
            self.code,
            Some(1),
            "expected failure, got {:?}: {} / {}",
            self.code,
            self.stdout,
            self.stderr
        );
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "expected one error line, got: {}",
            self.stderr
        );
        assert!(
            lines[0].starts_with("error: "),
            "not an error sentence: {}",
            lines[0]
        );
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        assert!(
            self.stderr.contains(needle),
            "expected {needle:?} in: {}",
            self.stderr
        );
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A file of `size` pseudo-random bytes (deterministic per seed).
pub fn make_file(dir: &Path, name: &str, size: usize, seed: u64) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut written = 0;
    let mut chunk = vec![0u8; 64 * 1024];
    while written < size {
        for b in chunk.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
        let n = chunk.len().min(size - written);
        f.write_all(&chunk[..n]).unwrap();
        written += n;
    }
    f.flush().unwrap();
    path
}

pub fn md5_file(path: &Path) -> String {
    use md5::Digest;
    hex::encode(md5::Md5::digest(std::fs::read(path).unwrap()))
}

pub fn md5_bytes(b: &[u8]) -> String {
    use md5::Digest;
    hex::encode(md5::Md5::digest(b))
}

/// GETs a URL (the service's download URLs) and returns the body.
pub fn http_get(url: &str) -> (u16, Vec<u8>) {
    try_http_get(url).expect("GET works")
}

/// [`http_get`], `None` when the connection fails (a service injecting faults drops some).
pub fn try_http_get(url: &str) -> Option<(u16, Vec<u8>)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let r = reqwest::get(url).await.ok()?;
        let status = r.status().as_u16();
        Some((status, r.bytes().await.ok()?.to_vec()))
    })
}

/// Checks that asset `id` serves `cover` as its cover and `srt` as its first subtitle.
pub fn assert_cover_and_subtitle(server: &Server, id: &str, cover: &Path, srt: &Path) {
    let d = server.json(&["assets", "show", id]);
    let covers = d["covers"].as_array().expect("covers");
    let (status, bytes) = http_get(covers[0].as_str().expect("cover url"));
    assert_eq!(status, 200);
    assert_eq!(md5_bytes(&bytes), md5_file(cover));
    let subs = d["subtitles"].as_array().expect("subtitles");
    let (status, bytes) = http_get(subs[0]["url"].as_str().expect("subtitle url"));
    assert_eq!(status, 200);
    assert_eq!(bytes, std::fs::read(srt).unwrap());
}

/// The category named `name` anywhere in a `categories list --json` tree.
pub fn find<'a>(tree: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    tree.as_array()?.iter().find_map(|c| {
        if c["name"] == name {
            Some(c)
        } else {
            find(&c["children"], name)
        }
    })
}

/// The result line of `path` among an upload's `--json` lines.
pub fn result_for<'a>(lines: &'a [serde_json::Value], path: &str) -> &'a serde_json::Value {
    lines
        .iter()
        .find(|l| l["path"] == path)
        .unwrap_or_else(|| panic!("no result line for {path}: {lines:?}"))
}
