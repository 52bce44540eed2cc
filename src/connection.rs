//! Which account both faces talk to: a saved profile (secrets from the OS keychain, fields
//! overridable by the HUAWEICLOUD_SDK_* / VODESK_*ENDPOINT environment for one run), the
//! environment alone, or the built-in Local profile — the embedded local service (an instance
//! already running on the default data directory is reused; otherwise one is started in-process
//! for as long as the connection lives). The provider objects themselves are built in core
//! (`provider::connect`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vodesk_core::credentials::session_vault::KeychainVault;
use vodesk_core::credentials::{
    Profile, ProfilesFile, Provider, Secret, SecretKind, config_dir, local_profile,
};
use vodesk_core::credentials::{keychain, manage, redact};
use vodesk_core::provider::ApiError;
use vodesk_core::provider::VodService;
use vodesk_core::provider::connect::{
    self as provider, Account, Loopback, default_region, env_names, region_endpoints,
};
use vodesk_core::provider::http::{HttpOptions, ProxyMode};
use vodesk_local::{
    AliyunCredentials, Credentials, RunningService, ServeConfig, StartupInfo, TencentCredentials,
};

/// Why no connection could be made: one sentence.
#[derive(Debug)]
pub enum ConnectError {
    /// A profile, a variable or a field is wrong.
    Usage(String),
    Api(ApiError),
    Other(String),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::Usage(m) | ConnectError::Other(m) => f.write_str(m),
            ConnectError::Api(e) => write!(f, "{e}"),
        }
    }
}

impl ConnectError {
    fn usage(msg: impl Into<String>) -> Self {
        ConnectError::Usage(msg.into())
    }
}

/// A ready connection: the account's service, and (when we started it) the in-process local
/// service, kept alive until the connection is closed.
pub struct Connection {
    pub vod: Arc<dyn VodService>,
    /// The profile in use ("Local", a saved profile's name, or "environment").
    pub profile: String,
    /// The local service in use, when it is one (started here or reused).
    pub local: Option<StartupInfo>,
    pub embedded: Option<RunningService>,
}

impl Connection {
    pub async fn close(self) {
        if let Some(s) = self.embedded {
            s.shutdown().await;
        }
    }
}

pub use vodesk_core::paths::data_dir;

/// The default data directory of the local service.
pub fn default_local_data_dir() -> PathBuf {
    std::env::var_os("VODESK_LOCAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| data_dir().join("local"))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The HUAWEICLOUD_SDK_* / VODESK_*ENDPOINT variables: they override the profile for one run.
#[derive(Default)]
struct EnvOverrides {
    ak: Option<String>,
    sk: Option<Secret>,
    project_id: Option<String>,
    security_token: Option<Secret>,
    region: Option<String>,
    endpoint: Option<String>,
    object_endpoint: Option<String>,
}

impl EnvOverrides {
    /// The variables of `kind`'s own tools (Huawei's select an account without a profile).
    fn read(kind: Provider) -> Self {
        let n = env_names(kind);
        EnvOverrides {
            ak: env(n.access_key),
            sk: env(n.secret_key).map(Secret::new),
            project_id: env(n.scope),
            security_token: env(n.security_token).map(Secret::new),
            region: env(n.region),
            endpoint: env("VODESK_ENDPOINT"),
            object_endpoint: env("VODESK_OBJECT_ENDPOINT"),
        }
    }

    /// Enough to leave the local service: credentials or an endpoint.
    fn selects_remote(&self) -> bool {
        self.endpoint.is_some() || self.ak.is_some() || self.sk.is_some()
    }
}

fn service(account: &Account) -> Result<Arc<dyn VodService>, ConnectError> {
    provider::connect(account).map_err(ConnectError::Api)
}

fn not_found(name: &str) -> ConnectError {
    ConnectError::usage(t!("connect-profile-not-found", name = name))
}

/// The provider `connect(profile)` would talk to, without connecting (input is checked against
/// its rules first).
pub fn provider_of(profile: Option<&str>) -> Result<Provider, ConnectError> {
    let file = ProfilesFile::load(&config_dir()).map_err(file_error)?;
    let name = profile.unwrap_or_else(|| file.default_name());
    if let Some((_, kind)) = local_profile(name) {
        return Ok(kind);
    }
    Ok(file.get(name).ok_or_else(|| not_found(name))?.provider)
}

/// Resolves the connection for one command: `--profile`, else the environment when it names
/// credentials or an endpoint and no default profile is set, else the default profile.
pub async fn connect(profile: Option<&str>) -> Result<Connection, ConnectError> {
    let local = default_local_data_dir();
    connect_in(&config_dir(), &local, profile, ([127, 0, 0, 1], 0).into()).await
}

/// [`connect`] with the profiles of `dir`; for the Local profile, the local service of
/// `local_data` (started on `local_listen`, free ports when taken, unless already running).
pub async fn connect_in(
    dir: &Path,
    local_data: &Path,
    profile: Option<&str>,
    local_listen: std::net::SocketAddr,
) -> Result<Connection, ConnectError> {
    let file = ProfilesFile::load(dir).map_err(file_error)?;
    let name = profile.unwrap_or_else(|| file.default_name());
    if let Some((_, kind)) = local_profile(name) {
        // With no profile chosen, HUAWEICLOUD_SDK_* select an account (as Huawei's own tools
        // do); the Tencent and Alibaba built-in profiles are only ever the local service.
        let overrides = EnvOverrides::read(Provider::Huawei);
        if kind == Provider::Huawei && overrides.selects_remote() {
            return connect_env(overrides);
        }
        return connect_local_on(local_data, local_listen, kind).await;
    }
    let saved = file.get(name).ok_or_else(|| not_found(name))?.clone();
    let overrides = EnvOverrides::read(saved.provider);
    connect_profile(&saved, overrides).await
}

/// Looks a secret up in the keychain on a blocking thread (D-Bus, maybe an unlock prompt).
pub async fn keychain_get(profile: &str, kind: SecretKind) -> Result<Option<Secret>, ConnectError> {
    let name = profile.to_string();
    tokio::task::spawn_blocking(move || keychain::get(&name, kind))
        .await
        .map_err(|e| ConnectError::Other(t!("connect-keychain-stopped", error = (e.to_string()))))?
        .map_err(|e| ConnectError::Other(e.to_string()))
}

/// The proxy of a profile, its password from the keychain.
pub async fn proxy_mode(profile: &Profile) -> Result<ProxyMode, ConnectError> {
    let password = match profile.proxy.as_ref().and_then(|p| p.user.as_ref()) {
        Some(_) => keychain_get(&profile.name, SecretKind::ProxyPassword).await?,
        None => None,
    };
    if let Some(pw) = &password {
        redact::register(pw.expose());
    }
    Ok(manage::proxy_mode(profile, password))
}

async fn connect_profile(p: &Profile, env: EnvOverrides) -> Result<Connection, ConnectError> {
    let secret_key = match (&env.ak, env.sk) {
        (_, Some(sk)) => sk,
        (Some(_), None) => {
            let n = env_names(p.provider);
            return Err(ConnectError::usage(t!(
                "connect-keys-half-set",
                access = (n.access_key),
                secret = (n.secret_key)
            )));
        }
        (None, None) => keychain_get(&p.name, SecretKind::SecretKey)
            .await?
            .ok_or_else(|| {
                ConnectError::usage(t!("connect-secret-missing", name = (p.name.as_str())))
            })?,
    };
    let security_token = match env.security_token {
        Some(t) => Some(t),
        None if p.security_token && env.ak.is_none() => {
            keychain_get(&p.name, SecretKind::SecurityToken).await?
        }
        None => None,
    };
    let http = HttpOptions {
        proxy: proxy_mode(p).await?,
        ..HttpOptions::default()
    };
    let mut account = Account::from_profile(p, secret_key, security_token, http);
    account.vault = Some(Arc::new(KeychainVault));
    if let Some(ak) = env.ak {
        account.access_key = ak;
    }
    if let Some(e) = env.endpoint {
        account.endpoint = e;
    }
    if let Some(e) = env.object_endpoint {
        account.object_endpoint = e;
    }
    if let Some(id) = env.project_id {
        account.scope = id;
    }
    if let Some(r) = env.region {
        account.region = r;
    }
    Ok(Connection {
        vod: service(&account)?,
        profile: p.name.clone(),
        local: None,
        embedded: None,
    })
}

fn connect_env(env: EnvOverrides) -> Result<Connection, ConnectError> {
    let missing = |name: &str| ConnectError::usage(t!("connect-env-missing", name = name));
    let ak = env.ak.ok_or_else(|| missing("HUAWEICLOUD_SDK_AK"))?;
    let sk = env.sk.ok_or_else(|| missing("HUAWEICLOUD_SDK_SK"))?;
    let project_id = env
        .project_id
        .ok_or_else(|| missing("HUAWEICLOUD_SDK_PROJECT_ID"))?;
    let region = env
        .region
        .unwrap_or_else(|| default_region(Provider::Huawei).to_string());
    let (endpoint, object_endpoint) = region_endpoints(Provider::Huawei, &region);
    let account = Account {
        kind: Provider::Huawei,
        endpoint: env.endpoint.unwrap_or(endpoint),
        object_endpoint: env.object_endpoint.unwrap_or(object_endpoint),
        region,
        scope: project_id,
        access_key: ak,
        secret_key: sk,
        security_token: env.security_token,
        http: HttpOptions::default(),
        retry: Default::default(),
        pacing: true,
        vault: None,
    };
    let vod = service(&account).map_err(|e| {
        ConnectError::usage(format!(
            "VODESK_ENDPOINT / VODESK_OBJECT_ENDPOINT / HUAWEICLOUD_SDK_REGION: {e}"
        ))
    })?;
    Ok(Connection {
        vod,
        profile: "environment".to_string(),
        local: None,
        embedded: None,
    })
}

/// A provider the local service speaks.
#[derive(Clone, Copy)]
enum Personality {
    Huawei,
    Tencent,
    Aliyun,
}

impl Personality {
    fn of(kind: Provider) -> Personality {
        match kind {
            Provider::Huawei => Personality::Huawei,
            Provider::Tencent => Personality::Tencent,
            Provider::Aliyun => Personality::Aliyun,
        }
    }
}

/// The keys of one personality of the local service.
enum LocalKeys {
    Huawei(Credentials),
    Tencent(TencentCredentials),
    Aliyun(AliyunCredentials),
}

impl LocalKeys {
    /// The keys a running service keeps in `data_dir` for `kind`, when they are the ones it
    /// announced (a service given keys by the environment keeps none).
    fn stored(data_dir: &Path, info: &StartupInfo, p: Personality) -> Option<LocalKeys> {
        match p {
            Personality::Huawei => Credentials::read_stored(data_dir)
                .filter(|c| c.access_key == info.ak)
                .map(LocalKeys::Huawei),
            Personality::Tencent => TencentCredentials::read_stored(data_dir)
                .filter(|c| c.secret_id == info.tencent_secret_id)
                .map(LocalKeys::Tencent),
            Personality::Aliyun => AliyunCredentials::read_stored(data_dir)
                .filter(|c| c.access_key_id == info.aliyun_access_key_id)
                .map(LocalKeys::Aliyun),
        }
    }

    /// The keys of the service this process started.
    fn of(service: &RunningService, p: Personality) -> LocalKeys {
        match p {
            Personality::Huawei => LocalKeys::Huawei(service.credentials.clone()),
            Personality::Tencent => LocalKeys::Tencent(service.tencent_credentials.clone()),
            Personality::Aliyun => LocalKeys::Aliyun(service.aliyun_credentials.clone()),
        }
    }

    fn account(&self, info: &StartupInfo) -> Account {
        let loopback = match self {
            LocalKeys::Huawei(c) => Loopback {
                kind: Provider::Huawei,
                region: info.region.clone(),
                endpoint: info.vod_endpoint.clone(),
                object_endpoint: info.object_endpoint.clone(),
                scope: c.project_id.clone(),
                access_key: c.access_key.clone(),
                secret_key: Secret::new(c.secret_key.clone()),
            },
            LocalKeys::Tencent(c) => Loopback {
                kind: Provider::Tencent,
                region: info.tencent_region.clone(),
                endpoint: info.tencent_endpoint.clone(),
                object_endpoint: info.tencent_cos_endpoint.clone(),
                scope: c.sub_app_id.to_string(),
                access_key: c.secret_id.clone(),
                secret_key: Secret::new(c.secret_key.clone()),
            },
            LocalKeys::Aliyun(c) => Loopback {
                kind: Provider::Aliyun,
                region: info.aliyun_region.clone(),
                endpoint: info.aliyun_endpoint.clone(),
                // Uploads are told where OSS is; the account names it for what shows it.
                object_endpoint: info.aliyun_oss_endpoint.clone(),
                scope: String::new(),
                access_key: c.access_key_id.clone(),
                secret_key: Secret::new(c.access_key_secret.clone()),
            },
        };
        let mut account = Account::loopback(loopback);
        // The same keychain keeps the local Tencent sessions' certificates as a real
        // account's, so a crash resumes them the same way.
        account.vault = Some(Arc::new(KeychainVault));
        account
    }
}

fn connection_to(
    info: &StartupInfo,
    account: &Account,
    embedded: Option<RunningService>,
) -> Result<Connection, ConnectError> {
    let name = vodesk_core::credentials::LOCAL_PROFILES
        .iter()
        .find(|(_, k)| *k == account.kind)
        .map_or(vodesk_core::credentials::LOCAL_PROFILE, |(n, _)| n);
    Ok(Connection {
        vod: service(account)?,
        profile: name.to_string(),
        local: Some(info.clone()),
        embedded,
    })
}

/// Reuses a running local service on `data_dir`, or starts one in-process on `listen`
/// (free ports when that is taken); connects to its `kind` personality.
pub async fn connect_local_on(
    data_dir: &Path,
    listen: std::net::SocketAddr,
    kind: Provider,
) -> Result<Connection, ConnectError> {
    let personality = Personality::of(kind);
    if let Some(info) = RunningService::read_service_file(data_dir)
        && let Some(keys) = LocalKeys::stored(data_dir, &info, personality)
        && reachable(&info.vod_endpoint).await
    {
        return connection_to(&info, &keys.account(&info), None);
    }
    let mut config = ServeConfig::new(data_dir.to_path_buf());
    config.listen = listen;
    let service = match RunningService::start(config.clone()).await {
        Ok(s) => s,
        Err(_) if listen.port() != 0 => {
            config.listen.set_port(0);
            config.object_listen = None;
            RunningService::start(config).await
        }
        .map_err(|e| ConnectError::Other(t!("connect-local-failed", error = (e.to_string()))))?,
        Err(e) => {
            return Err(ConnectError::Other(t!(
                "connect-local-failed",
                error = (e.to_string())
            )));
        }
    };
    let info = service.info.clone();
    let keys = LocalKeys::of(&service, personality);
    connection_to(&info, &keys.account(&info), Some(service))
}

async fn reachable(endpoint: &str) -> bool {
    let Ok(url) = url::Url::parse(endpoint) else {
        return false;
    };
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
        return false;
    };
    tokio::time::timeout(
        std::time::Duration::from_millis(500),
        tokio::net::TcpStream::connect((host, port)),
    )
    .await
    .is_ok_and(|r| r.is_ok())
}

/// The profiles file's problem in the command line's words (options by name).
fn file_error(e: vodesk_core::credentials::ProfilesFileError) -> ConnectError {
    ConnectError::Usage(crate::words::profiles_file_error(
        &e,
        crate::words::profile_problem,
    ))
}
