//! Which service a command talks to: the HUAWEICLOUD_SDK_* / VODESK_ENDPOINT environment, or the
//! embedded local service (an instance already running on the default data directory is reused;
//! otherwise one is started in-process for the duration of the command).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vodesk_core::provider::ApiError;
use vodesk_core::provider::http::HttpOptions;
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

/// vodesk's data directory (`VODESK_DATA`, else the platform's): journal, local service, logs.
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("VODESK_DATA") {
        return PathBuf::from(d);
    }
    directories::ProjectDirs::from("", "", "vodesk")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".vodesk"))
}

/// The default data directory of the local service.
pub fn default_local_data_dir() -> PathBuf {
    std::env::var_os("VODESK_LOCAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| data_dir().join("local"))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn obs_for(endpoint: &str, creds: &AkSk) -> Result<ObsClient, CliError> {
    // One key pair signs both VOD and object-storage calls.
    ObsClient::new(ObsConfig::new(endpoint, creds.clone()))
        .map_err(|e| CliError::usage(format!("VODESK_OBJECT_ENDPOINT: {}", e.message)))
}

fn client(endpoint: Endpoint, project_id: String, creds: AkSk) -> Result<HuaweiVod, ApiError> {
    HuaweiVod::new(HuaweiConfig {
        endpoint,
        project_id,
        credentials: creds,
        http: HttpOptions::default(),
        pacing: true,
    })
}

/// Resolves the connection for one command.
pub async fn connect(profile: Option<&str>) -> Result<Connection, CliError> {
    if let Some(name) = profile {
        return Err(CliError::usage(format!(
            "profile \"{name}\" not found: saved profiles are not available in this version; set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID and VODESK_ENDPOINT instead"
        )));
    }
    let endpoint = env("VODESK_ENDPOINT");
    let ak = env("HUAWEICLOUD_SDK_AK");
    let sk = env("HUAWEICLOUD_SDK_SK");
    if endpoint.is_some() || ak.is_some() || sk.is_some() {
        return connect_env(endpoint, ak, sk);
    }
    connect_local(&default_local_data_dir()).await
}

fn connect_env(
    endpoint: Option<String>,
    ak: Option<String>,
    sk: Option<String>,
) -> Result<Connection, CliError> {
    let missing = |name: &str| {
        CliError::usage(format!(
            "{name} is not set; set it (with the other HUAWEICLOUD_SDK_* variables) or unset them all to use the local service"
        ))
    };
    let ak = ak.ok_or_else(|| missing("HUAWEICLOUD_SDK_AK"))?;
    let sk = sk.ok_or_else(|| missing("HUAWEICLOUD_SDK_SK"))?;
    let project_id =
        env("HUAWEICLOUD_SDK_PROJECT_ID").ok_or_else(|| missing("HUAWEICLOUD_SDK_PROJECT_ID"))?;
    let region = env("HUAWEICLOUD_SDK_REGION").unwrap_or_else(|| "cn-north-4".to_string());
    let endpoint = match endpoint {
        Some(e) => Endpoint::parse(&e)
            .map_err(|e| CliError::usage(format!("VODESK_ENDPOINT: {}", e.message)))?,
        None => Endpoint::for_region(&region).map_err(CliError::Api)?,
    };
    let creds = AkSk {
        access_key: ak,
        secret_key: sk,
        security_token: env("HUAWEICLOUD_SDK_SECURITY_TOKEN"),
    };
    let object_endpoint = env("VODESK_OBJECT_ENDPOINT")
        .unwrap_or_else(|| format!("https://obs.{region}.myhuaweicloud.com"));
    let obs = obs_for(&object_endpoint, &creds)?;
    Ok(Connection {
        vod: Arc::new(client(endpoint, project_id, creds).map_err(CliError::Api)?),
        obs: Arc::new(obs),
        region,
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
    let obs = obs_for(&info.object_endpoint, &aksk)?;
    Ok(Connection {
        vod: Arc::new(client(endpoint, creds.project_id.clone(), aksk).map_err(CliError::Api)?),
        obs: Arc::new(obs),
        region: info.region.clone(),
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

/// Reuses a running local service on `data_dir`, or starts one in-process for this command.
pub async fn connect_local(data_dir: &Path) -> Result<Connection, CliError> {
    connect_local_on(data_dir, std::net::SocketAddr::from(([127, 0, 0, 1], 0))).await
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
