//! Which service a command talks to: a saved profile (secrets from the OS keychain, fields
//! overridable by the HUAWEICLOUD_SDK_* / VODESK_*ENDPOINT environment for one run), the
//! environment alone, or the built-in Local profile — the embedded local service (an instance
//! already running on the default data directory is reused; otherwise one is started in-process
//! for the duration of the command).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vodesk_core::credentials::redact;
use vodesk_core::credentials::{
    LOCAL_PROFILE, Profile, ProfilesFile, Secret, SecretKind, config_dir,
};
use vodesk_core::credentials::{keychain, manage};
use vodesk_core::provider::ApiError;
use vodesk_core::provider::http::{HttpOptions, ProxyMode};
use vodesk_core::provider::huawei::{AkSk, Endpoint, HuaweiConfig, HuaweiVod};
use vodesk_core::provider::obs::client::{ObsClient, ObsConfig};
use vodesk_local::{Credentials, RunningService, ServeConfig, StartupInfo};

use super::CliError;

/// A ready connection: the VOD client, the object-storage client, and (when we started it) the
/// in-process local service, kept alive until the command ends.
pub struct Connection {
    pub vod: Arc<HuaweiVod>,
    pub obs: Arc<ObsClient>,
    /// Region used for `location` fields (OBS import).
    pub region: String,
    /// The profile in use ("Local", a saved profile's name, or "environment").
    pub profile: String,
    /// The local service in use, when it is one (started here or reused).
    pub local: Option<StartupInfo>,
    pub embedded: Option<RunningService>,
}

impl Connection {
    /// Names the service for the upload journal: jobs are only resumed against the same one.
    pub fn journal_target(&self) -> String {
        let c = self.vod.config();
        format!("huawei:{}:{}", c.project_id, c.credentials.access_key)
    }

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
    fn read() -> Self {
        EnvOverrides {
            ak: env("HUAWEICLOUD_SDK_AK"),
            sk: env("HUAWEICLOUD_SDK_SK").map(Secret::new),
            project_id: env("HUAWEICLOUD_SDK_PROJECT_ID"),
            security_token: env("HUAWEICLOUD_SDK_SECURITY_TOKEN").map(Secret::new),
            region: env("HUAWEICLOUD_SDK_REGION"),
            endpoint: env("VODESK_ENDPOINT"),
            object_endpoint: env("VODESK_OBJECT_ENDPOINT"),
        }
    }

    /// Enough to leave the local service: credentials or an endpoint.
    fn selects_remote(&self) -> bool {
        self.endpoint.is_some() || self.ak.is_some() || self.sk.is_some()
    }
}

fn obs_for(endpoint: &str, creds: &AkSk, http: &HttpOptions) -> Result<ObsClient, CliError> {
    // One key pair signs both VOD and object-storage calls.
    let mut config = ObsConfig::new(endpoint, creds.clone());
    config.http = http.clone();
    ObsClient::new(config).map_err(|e| CliError::usage(format!("object endpoint: {}", e.message)))
}

fn client(
    endpoint: Endpoint,
    project_id: String,
    creds: AkSk,
    http: HttpOptions,
) -> Result<HuaweiVod, ApiError> {
    // Whatever logs say about this run, they must not carry these.
    redact::register(&creds.secret_key);
    if let Some(t) = &creds.security_token {
        redact::register(t);
    }
    HuaweiVod::new(HuaweiConfig {
        endpoint,
        project_id,
        credentials: creds,
        http,
        pacing: true,
    })
}

fn not_found(name: &str) -> CliError {
    CliError::usage(format!(
        "profile \"{name}\" not found; `vodesk profiles list` shows the saved profiles, `vodesk profiles add` saves one"
    ))
}

/// Resolves the connection for one command: `--profile`, else the environment when it names
/// credentials or an endpoint and no default profile is set, else the default profile.
pub async fn connect(profile: Option<&str>) -> Result<Connection, CliError> {
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
) -> Result<Connection, CliError> {
    let file = ProfilesFile::load(dir).map_err(CliError::Usage)?;
    let overrides = EnvOverrides::read();
    let name = profile.unwrap_or_else(|| file.default_name());
    if name.eq_ignore_ascii_case(LOCAL_PROFILE) {
        if overrides.selects_remote() {
            return connect_env(overrides);
        }
        return connect_local_on(local_data, local_listen).await;
    }
    let saved = file.get(name).ok_or_else(|| not_found(name))?.clone();
    connect_profile(&saved, overrides).await
}

/// Looks a secret up in the keychain on a blocking thread (D-Bus, maybe an unlock prompt).
pub async fn keychain_get(profile: &str, kind: SecretKind) -> Result<Option<Secret>, CliError> {
    let name = profile.to_string();
    tokio::task::spawn_blocking(move || keychain::get(&name, kind))
        .await
        .map_err(|e| CliError::Other(format!("keychain lookup stopped: {e}")))?
        .map_err(|e| CliError::Other(e.to_string()))
}

/// The proxy of a profile, its password from the keychain.
pub async fn proxy_mode(profile: &Profile) -> Result<ProxyMode, CliError> {
    let password = match profile.proxy.as_ref().and_then(|p| p.user.as_ref()) {
        Some(_) => keychain_get(&profile.name, SecretKind::ProxyPassword).await?,
        None => None,
    };
    if let Some(pw) = &password {
        redact::register(pw.expose());
    }
    Ok(manage::proxy_mode(profile, password))
}

async fn connect_profile(p: &Profile, env: EnvOverrides) -> Result<Connection, CliError> {
    let secret_key = match (&env.ak, env.sk) {
        (_, Some(sk)) => sk,
        (Some(_), None) => {
            return Err(CliError::usage(
                "HUAWEICLOUD_SDK_AK is set without HUAWEICLOUD_SDK_SK; set both, or neither to use the profile's keys",
            ));
        }
        (None, None) => keychain_get(&p.name, SecretKind::SecretKey)
            .await?
            .ok_or_else(|| {
                CliError::usage(format!(
                    "the secret key of profile \"{}\" is not in the OS keychain (service vodesk, account {}); remove the profile and add it again",
                    p.name, p.name
                ))
            })?,
    };
    let security_token = match env.security_token {
        Some(t) => Some(t),
        None if p.security_token && env.ak.is_none() => {
            keychain_get(&p.name, SecretKind::SecurityToken).await?
        }
        None => None,
    };
    let creds = AkSk {
        access_key: env.ak.unwrap_or_else(|| p.access_key.clone()),
        secret_key: secret_key.expose().to_string(),
        security_token: security_token.map(|t| t.expose().to_string()),
    };
    let endpoint_url = env.endpoint.unwrap_or_else(|| p.vod_endpoint());
    let endpoint = Endpoint::parse(&endpoint_url).map_err(CliError::Api)?;
    let http = HttpOptions {
        proxy: proxy_mode(p).await?,
        ..HttpOptions::default()
    };
    let object_endpoint = env.object_endpoint.unwrap_or_else(|| p.obs_endpoint());
    let obs = obs_for(&object_endpoint, &creds, &http)?;
    let project_id = env.project_id.unwrap_or_else(|| p.project_id.clone());
    Ok(Connection {
        vod: Arc::new(client(endpoint, project_id, creds, http).map_err(CliError::Api)?),
        obs: Arc::new(obs),
        region: env
            .region
            .unwrap_or_else(|| p.effective_region().to_string()),
        profile: p.name.clone(),
        local: None,
        embedded: None,
    })
}

fn connect_env(env: EnvOverrides) -> Result<Connection, CliError> {
    let missing = |name: &str| {
        CliError::usage(format!(
            "{name} is not set; set it (with the other HUAWEICLOUD_SDK_* variables) or unset them all to use the local service"
        ))
    };
    let ak = env.ak.ok_or_else(|| missing("HUAWEICLOUD_SDK_AK"))?;
    let sk = env.sk.ok_or_else(|| missing("HUAWEICLOUD_SDK_SK"))?;
    let project_id = env
        .project_id
        .ok_or_else(|| missing("HUAWEICLOUD_SDK_PROJECT_ID"))?;
    let region = env.region.unwrap_or_else(|| "cn-north-4".to_string());
    let endpoint = match env.endpoint {
        Some(e) => Endpoint::parse(&e)
            .map_err(|e| CliError::usage(format!("VODESK_ENDPOINT: {}", e.message)))?,
        None => Endpoint::for_region(&region).map_err(CliError::Api)?,
    };
    let creds = AkSk {
        access_key: ak,
        secret_key: sk.expose().to_string(),
        security_token: env.security_token.map(|t| t.expose().to_string()),
    };
    let object_endpoint = env
        .object_endpoint
        .unwrap_or_else(|| format!("https://obs.{region}.myhuaweicloud.com"));
    let http = HttpOptions::default();
    let obs = obs_for(&object_endpoint, &creds, &http)
        .map_err(|e| CliError::usage(format!("VODESK_OBJECT_ENDPOINT: {e}")))?;
    Ok(Connection {
        vod: Arc::new(client(endpoint, project_id, creds, http).map_err(CliError::Api)?),
        obs: Arc::new(obs),
        region,
        profile: "environment".to_string(),
        local: None,
        embedded: None,
    })
}

fn connection_to(
    info: &StartupInfo,
    creds: &Credentials,
    embedded: Option<RunningService>,
) -> Result<Connection, CliError> {
    let aksk = AkSk {
        access_key: creds.access_key.clone(),
        secret_key: creds.secret_key.clone(),
        security_token: None,
    };
    let endpoint = Endpoint::parse(&info.vod_endpoint).map_err(CliError::Api)?;
    // The local service is on loopback: a proxy from the environment must not see it.
    let http = HttpOptions {
        proxy: ProxyMode::Direct,
        ..HttpOptions::default()
    };
    let obs = obs_for(&info.object_endpoint, &aksk, &http)?;
    Ok(Connection {
        vod: Arc::new(
            client(endpoint, creds.project_id.clone(), aksk, http).map_err(CliError::Api)?,
        ),
        obs: Arc::new(obs),
        region: info.region.clone(),
        profile: LOCAL_PROFILE.to_string(),
        local: Some(info.clone()),
        embedded,
    })
}

/// Reuses a running local service on `data_dir`, or starts one in-process on `listen`
/// (free ports when that is taken).
pub async fn connect_local_on(
    data_dir: &Path,
    listen: std::net::SocketAddr,
) -> Result<Connection, CliError> {
    if let (Some(info), Some(creds)) = (
        RunningService::read_service_file(data_dir),
        Credentials::read_stored(data_dir),
    ) && info.ak == creds.access_key
        && reachable(&info.vod_endpoint).await
    {
        return connection_to(&info, &creds, None);
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
        .map_err(|e| CliError::Other(format!("cannot start the local service: {e}")))?,
        Err(e) => {
            return Err(CliError::Other(format!(
                "cannot start the local service: {e}"
            )));
        }
    };
    let info = service.info.clone();
    let creds = service.credentials.clone();
    connection_to(&info, &creds, Some(service))
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
