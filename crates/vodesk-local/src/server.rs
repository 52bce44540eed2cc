//! Start-up and composition: binds each personality's API and object endpoint (Huawei VOD +
//! OBS, Tencent VOD + COS, Alibaba VOD + OSS), wires faults and throttling, writes `service.json` so other vodesk
//! processes can reuse a running instance.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::sync::watch;
use vodesk_objstore::{ObjectStore, ObjectStoreConfig};

use crate::aliyun::{AliyunApi, AliyunOptions};
use crate::credentials::{AliyunCredentials, Credentials, CredentialsSource, TencentCredentials};
use crate::faults::{FaultConfig, FaultTarget};
use crate::huawei::{HuaweiApi, HuaweiOptions};
use crate::library::{IdStyle, Library, LibraryOptions, presets};
use crate::tencent::{TencentApi, TencentOptions};

/// Region the local service pretends to be in.
pub const LOCAL_REGION: &str = "local-1";

/// Region of the Tencent personality: a real region name, because COS hosts
/// (`<bucket>.cos.<region>.myqcloud.com`) and the SDKs take it as given.
pub const TENCENT_REGION: &str = "ap-guangzhou";

/// Region of the Alibaba personality: a real region (the SDKs map it to an endpoint, and
/// `UploadAuth.Region` names it).
pub const ALIYUN_REGION: &str = "cn-shanghai";

#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub data_dir: PathBuf,
    /// Address of the VOD API. Port 0 picks a free port.
    pub listen: SocketAddr,
    /// Address of the object endpoint; default: the VOD port + 1 (or a free port when that is 0).
    pub object_listen: Option<SocketAddr>,
    /// Per-tenant throttling as documented (huawei-vod-api.md §14).
    pub throttle: bool,
    /// Injected faults (0 = none).
    pub faults: FaultConfig,
    /// Credentials to accept; `None` loads or generates them in `data_dir`.
    pub credentials: Option<Credentials>,
    /// Address of the Tencent VOD API; default: the VOD port + 2 (or a free port).
    pub tencent_listen: Option<SocketAddr>,
    /// Address of the COS endpoint; default: the VOD port + 3 (or a free port).
    pub cos_listen: Option<SocketAddr>,
    /// Tencent keys to accept; `None` loads or generates them in `data_dir`.
    pub tencent_credentials: Option<TencentCredentials>,
    /// Lifetime of `ApplyUpload` certificates; `None`: `VODESK_LOCAL_TENCENT_CERT_SECS` if
    /// set, else one hour.
    pub tencent_cert_lifetime: Option<std::time::Duration>,
    /// Address of the Alibaba VOD API; default: the VOD port + 4 (or a free port).
    pub aliyun_listen: Option<SocketAddr>,
    /// Address of the OSS endpoint; default: the VOD port + 5 (or a free port).
    pub oss_listen: Option<SocketAddr>,
    /// Alibaba keys to accept; `None` loads or generates them in `data_dir`.
    pub aliyun_credentials: Option<AliyunCredentials>,
    /// Lifetime of the STS keys of uploads; `None`: `VODESK_LOCAL_ALIYUN_STS_SECS` if set,
    /// else the documented 3000 s.
    pub aliyun_sts_lifetime: Option<std::time::Duration>,
}

impl ServeConfig {
    pub fn new(data_dir: PathBuf) -> Self {
        ServeConfig {
            data_dir,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            object_listen: None,
            throttle: true,
            faults: FaultConfig::default(),
            credentials: None,
            tencent_listen: None,
            cos_listen: None,
            tencent_credentials: None,
            tencent_cert_lifetime: None,
            aliyun_listen: None,
            oss_listen: None,
            aliyun_credentials: None,
            aliyun_sts_lifetime: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "cannot listen on {addr}: {source} (is another `vodesk serve` running? pick another address with --listen)"
    )]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(
        "refusing to listen on {0}: the local service only binds loopback addresses (127.0.0.1 or ::1)"
    )]
    NotLoopback(SocketAddr),
    #[error("data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(String),
}

/// What a started service tells the world (`service.json`, `vodesk serve --json`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StartupInfo {
    pub vod_endpoint: String,
    pub object_endpoint: String,
    pub project_id: String,
    pub region: String,
    pub ak: String,
    /// Only present when this start-up generated the key (shown once).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sk: Option<String>,
    pub pid: u32,
    /// The Tencent personality (absent in a `service.json` of an older vodesk).
    #[serde(default)]
    pub tencent_endpoint: String,
    #[serde(default)]
    pub tencent_cos_endpoint: String,
    #[serde(default)]
    pub tencent_region: String,
    #[serde(default)]
    pub tencent_subappid: u64,
    #[serde(default)]
    pub tencent_secret_id: String,
    /// Only present when this start-up generated the key (shown once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tencent_secret_key: Option<String>,
    /// The Alibaba personality (absent in a `service.json` of an older vodesk).
    #[serde(default)]
    pub aliyun_endpoint: String,
    #[serde(default)]
    pub aliyun_region: String,
    #[serde(default)]
    pub aliyun_oss_endpoint: String,
    #[serde(default)]
    pub aliyun_access_key_id: String,
    /// Only present when this start-up generated the key (shown once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliyun_access_key_secret: Option<String>,
    #[serde(default)]
    pub aliyun_app_id: String,
}

pub struct RunningService {
    pub info: StartupInfo,
    pub credentials: Credentials,
    pub credentials_source: CredentialsSource,
    pub tencent_credentials: TencentCredentials,
    pub tencent_credentials_source: CredentialsSource,
    pub aliyun_credentials: AliyunCredentials,
    pub aliyun_credentials_source: CredentialsSource,
    pub data_dir: PathBuf,
    shutdown: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

pub const SERVICE_FILE: &str = "service.json";

impl RunningService {
    /// Binds both listeners and starts serving on the current tokio runtime.
    pub async fn start(config: ServeConfig) -> Result<RunningService, ServeError> {
        if !config.listen.ip().is_loopback() {
            return Err(ServeError::NotLoopback(config.listen));
        }
        let data_dir = config.data_dir.clone();
        std::fs::create_dir_all(&data_dir).map_err(|source| ServeError::DataDir {
            path: data_dir.clone(),
            source,
        })?;
        let (credentials, credentials_source) = match config.credentials.clone() {
            Some(c) => (c, CredentialsSource::Given),
            None => {
                Credentials::load_or_generate(&data_dir).map_err(|source| ServeError::DataDir {
                    path: data_dir.clone(),
                    source,
                })?
            }
        };

        let (tencent_credentials, tencent_credentials_source) =
            match config.tencent_credentials.clone() {
                Some(c) => (c, CredentialsSource::Given),
                None => TencentCredentials::load_or_generate(&data_dir).map_err(|source| {
                    ServeError::DataDir {
                        path: data_dir.clone(),
                        source,
                    }
                })?,
            };

        let (aliyun_credentials, aliyun_credentials_source) =
            match config.aliyun_credentials.clone() {
                Some(c) => (c, CredentialsSource::Given),
                None => AliyunCredentials::load_or_generate(&data_dir).map_err(|source| {
                    ServeError::DataDir {
                        path: data_dir.clone(),
                        source,
                    }
                })?,
            };

        let vod_listener = bind(config.listen).await?;
        let vod_addr = vod_listener
            .local_addr()
            .map_err(|source| ServeError::Bind {
                addr: config.listen,
                source,
            })?;
        let (object_listener, object_addr) =
            bind_next(config.object_listen, config.listen, 1, false).await?;
        let (tencent_listener, tencent_addr) =
            bind_next(config.tencent_listen, config.listen, 2, true).await?;
        let (cos_listener, cos_addr) = bind_next(config.cos_listen, config.listen, 3, true).await?;
        let (aliyun_listener, aliyun_addr) =
            bind_next(config.aliyun_listen, config.listen, 4, true).await?;
        let (oss_listener, oss_addr) = bind_next(config.oss_listen, config.listen, 5, true).await?;

        let vod_endpoint = format!("http://{vod_addr}");
        let object_endpoint = format!("http://{object_addr}");

        let objects = ObjectStore::open(ObjectStoreConfig {
            data_dir: data_dir.join("objects"),
            access_key: credentials.access_key.clone(),
            secret_key: credentials.secret_key.clone(),
            region: LOCAL_REGION.to_string(),
        })
        .map_err(|e| ServeError::Store(e.to_string()))?;
        objects.set_base_url(&object_endpoint);

        let library = Library::open(LibraryOptions {
            data_dir: data_dir.join("vod"),
            objects: objects.clone(),
            tenant: credentials.project_id.clone(),
            presets: presets::defaults(),
            ids: IdStyle::Hex32,
            bucket: None,
        })
        .map_err(|e| ServeError::Store(e.to_string()))?;
        let huawei = HuaweiApi::new(HuaweiOptions {
            library: library.shared(),
            credentials: credentials.clone(),
            region: LOCAL_REGION.to_string(),
            throttle: config.throttle,
        });

        // The Tencent personality keeps its own library (its own database and bucket) in the
        // same object store: a file uploaded through one cloud's API is not an asset of another.
        let tencent_library = Library::open(LibraryOptions {
            data_dir: data_dir.join("tencent"),
            objects: objects.clone(),
            tenant: tencent_credentials.sub_app_id.to_string(),
            presets: crate::tencent::procedures(),
            ids: IdStyle::Digits19,
            bucket: None,
        })
        .map_err(|e| ServeError::Store(e.to_string()))?;
        let tencent_cos_endpoint = format!("http://{cos_addr}");
        let tencent = TencentApi::new(TencentOptions {
            library: tencent_library.shared(),
            credentials: tencent_credentials.clone(),
            region: TENCENT_REGION.to_string(),
            throttle: config.throttle,
            cert_lifetime: config
                .tencent_cert_lifetime
                .or_else(crate::tencent::cert_lifetime_from_env)
                .unwrap_or(crate::tencent::DEFAULT_CERT_LIFETIME),
            public_url: format!("http://{tencent_addr}"),
        });

        // The Alibaba personality too keeps its own library, its keys under `sv/` in an
        // `outin-<32 hex>` bucket as Alibaba names them.
        let aliyun_library = Library::open(LibraryOptions {
            data_dir: data_dir.join("aliyun"),
            objects: objects.clone(),
            tenant: crate::aliyun::KEY_ROOT.to_string(),
            presets: crate::aliyun::template_groups(),
            ids: IdStyle::Hex32,
            bucket: Some(format!("outin-{}", crate::library::assets::new_asset_id())),
        })
        .map_err(|e| ServeError::Store(e.to_string()))?;
        let aliyun_endpoint = format!("http://{aliyun_addr}");
        let aliyun_oss_endpoint = format!("http://{oss_addr}");
        let aliyun = AliyunApi::new(AliyunOptions {
            library: aliyun_library.shared(),
            credentials: aliyun_credentials.clone(),
            region: ALIYUN_REGION.to_string(),
            throttle: config.throttle,
            sts_lifetime: config
                .aliyun_sts_lifetime
                .or_else(crate::aliyun::sts_lifetime_from_env)
                .unwrap_or(crate::aliyun::DEFAULT_STS_LIFETIME),
            public_url: aliyun_endpoint.clone(),
            oss_endpoint: aliyun_oss_endpoint.clone(),
        });

        let vod_router = crate::faults::apply(huawei.router(), &config.faults, FaultTarget::Vod);
        let object_router =
            crate::faults::apply(objects.router(), &config.faults, FaultTarget::Object);
        let tencent_router =
            crate::faults::apply(tencent.router(), &config.faults, FaultTarget::TencentVod);
        let cos_router =
            crate::faults::apply(objects.cos_router(), &config.faults, FaultTarget::Object);
        let aliyun_router =
            crate::faults::apply(aliyun.router(), &config.faults, FaultTarget::AliyunVod);
        let oss_router =
            crate::faults::apply(objects.oss_router(), &config.faults, FaultTarget::Object);

        let (shutdown, rx) = watch::channel(false);
        let tasks = vec![
            spawn_server(vod_listener, vod_router, rx.clone()),
            spawn_server(object_listener, object_router, rx.clone()),
            spawn_server(tencent_listener, tencent_router, rx.clone()),
            spawn_server(cos_listener, cos_router, rx.clone()),
            spawn_server(aliyun_listener, aliyun_router, rx.clone()),
            spawn_server(oss_listener, oss_router, rx),
        ];

        let info = StartupInfo {
            vod_endpoint,
            object_endpoint,
            project_id: credentials.project_id.clone(),
            region: LOCAL_REGION.to_string(),
            ak: credentials.access_key.clone(),
            sk: (credentials_source == CredentialsSource::Generated)
                .then(|| credentials.secret_key.clone()),
            pid: std::process::id(),
            tencent_endpoint: format!("http://{tencent_addr}"),
            tencent_cos_endpoint,
            tencent_region: TENCENT_REGION.to_string(),
            tencent_subappid: tencent_credentials.sub_app_id,
            tencent_secret_id: tencent_credentials.secret_id.clone(),
            tencent_secret_key: (tencent_credentials_source == CredentialsSource::Generated)
                .then(|| tencent_credentials.secret_key.clone()),
            aliyun_endpoint,
            aliyun_region: ALIYUN_REGION.to_string(),
            aliyun_oss_endpoint,
            aliyun_access_key_id: aliyun_credentials.access_key_id.clone(),
            aliyun_access_key_secret: (aliyun_credentials_source == CredentialsSource::Generated)
                .then(|| aliyun_credentials.access_key_secret.clone()),
            aliyun_app_id: crate::aliyun::APP_ID.to_string(),
        };
        // service.json never carries the secret key: readers take it from credentials.json (0600).
        let public = StartupInfo {
            sk: None,
            tencent_secret_key: None,
            aliyun_access_key_secret: None,
            ..info.clone()
        };
        let _ = std::fs::write(
            data_dir.join(SERVICE_FILE),
            serde_json::to_vec_pretty(&public).expect("startup info serializes"),
        );

        Ok(RunningService {
            info,
            credentials,
            credentials_source,
            tencent_credentials,
            tencent_credentials_source,
            aliyun_credentials,
            aliyun_credentials_source,
            data_dir,
            shutdown,
            tasks,
        })
    }

    /// Reads the `service.json` a service wrote into `data_dir`, if any.
    pub fn read_service_file(data_dir: &std::path::Path) -> Option<StartupInfo> {
        serde_json::from_slice(&std::fs::read(data_dir.join(SERVICE_FILE)).ok()?).ok()
    }

    /// Stops accepting connections and waits for the servers to finish.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let own = self.data_dir.join(SERVICE_FILE);
        if Self::read_service_file(&self.data_dir).is_some_and(|i| i.pid == self.info.pid) {
            let _ = std::fs::remove_file(own);
        }
        for t in self.tasks {
            let _ = t.await;
        }
    }
}

/// Binds `given`, or the port `offset` above `base` (a free port when `base`'s is 0); loopback
/// only. With `or_any`, a derived port that is taken gives way to a free one: the Tencent
/// ports came after the Huawei ones, and a caller that fixed those two (tests restarting a
/// service on its ports) must not fail because a neighbouring port is busy.
async fn bind_next(
    given: Option<SocketAddr>,
    base: SocketAddr,
    offset: u16,
    or_any: bool,
) -> Result<(TcpListener, SocketAddr), ServeError> {
    let derived = given.is_none();
    let addr = given.unwrap_or_else(|| {
        let mut a = base;
        a.set_port(if base.port() == 0 {
            0
        } else {
            base.port().saturating_add(offset)
        });
        a
    });
    if !addr.ip().is_loopback() {
        return Err(ServeError::NotLoopback(addr));
    }
    let listener = match bind(addr).await {
        Err(_) if derived && or_any && addr.port() != 0 => {
            let mut any = addr;
            any.set_port(0);
            bind(any).await?
        }
        other => other?,
    };
    let bound = listener
        .local_addr()
        .map_err(|source| ServeError::Bind { addr, source })?;
    Ok((listener, bound))
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, ServeError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })
}

fn spawn_server(
    listener: TcpListener,
    router: axum::Router,
    mut shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let app = router.into_make_service_with_connect_info::<SocketAddr>();
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = shutdown.wait_for(|stop| *stop).await;
            })
            .await;
    })
}
