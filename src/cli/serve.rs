//! `vodesk serve`: the local VOD service in the foreground.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use vodesk_local::faults::FaultConfig;
use vodesk_local::{
    AliyunCredentials, Credentials, CredentialsSource, RunningService, ServeConfig,
    TencentCredentials,
};

use super::CliError;
use crate::connection::default_local_data_dir;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Data directory (default: the platform data directory).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Address of the VOD API; the object endpoint takes the next port, the Tencent API and
    /// COS the two after, the Alibaba API and OSS the two after those (each moves to a free
    /// port when its own is busy).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7361")]
    pub listen: SocketAddr,
    /// Address of the object endpoint (default: the VOD port + 1).
    #[arg(long, value_name = "ADDR")]
    pub object_listen: Option<SocketAddr>,
    /// Turn off the per-tenant request throttling.
    #[arg(long)]
    pub no_throttle: bool,
    /// Share of requests (0..1) that fail with injected faults, for tests.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub faults: f64,
    /// Never answer requests whose path contains PATTERN, for tests that kill a client at
    /// that request.
    #[arg(long, value_name = "PATTERN")]
    pub stall: Option<String>,
}

pub async fn run(args: ServeArgs, json: bool) -> Result<(), CliError> {
    if !(0.0..=1.0).contains(&args.faults) {
        return Err(CliError::usage(t!(
            "cli-bad-faults",
            value = (args.faults.to_string())
        )));
    }
    let ak = std::env::var("HUAWEICLOUD_SDK_AK")
        .ok()
        .filter(|s| !s.is_empty());
    let sk = std::env::var("HUAWEICLOUD_SDK_SK")
        .ok()
        .filter(|s| !s.is_empty());
    let credentials = match (ak, sk) {
        (Some(access_key), Some(secret_key)) => Some(Credentials {
            access_key,
            secret_key,
            project_id: std::env::var("HUAWEICLOUD_SDK_PROJECT_ID")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| Credentials::generate().project_id),
        }),
        (None, None) => None,
        _ => {
            return Err(keys_half("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"));
        }
    };
    let mut config = ServeConfig::new(args.data.unwrap_or_else(default_local_data_dir));
    let tencent_credentials = tencent_credentials(&config.data_dir)?;
    let aliyun_credentials = aliyun_credentials()?;
    config.listen = args.listen;
    config.object_listen = args.object_listen;
    config.throttle = !args.no_throttle;
    config.faults = FaultConfig {
        rate: args.faults,
        stall: args.stall.filter(|p| !p.is_empty()),
        ..FaultConfig::default()
    };
    config.credentials = credentials;
    config.tencent_credentials = tencent_credentials;
    config.aliyun_credentials = aliyun_credentials;
    let service = RunningService::start(config)
        .await
        .map_err(|e| CliError::Other(e.to_string()))?;
    let info = &service.info;
    if json {
        super::output::print_json(info);
    } else {
        let stored =
            |path: &std::path::Path| t!("cli-serve-stored-in", path = (path.display().to_string()));
        let shown = |secret: &str, path: &std::path::Path| {
            t!(
                "cli-serve-shown-once",
                secret = secret,
                path = (path.display().to_string())
            )
        };
        let from_env = |var: &str| t!("cli-serve-from-env", var = var);
        let secret =
            |source: &CredentialsSource, value: &str, file: &std::path::Path, var| match source {
                CredentialsSource::Generated => shown(value, file),
                CredentialsSource::Stored => stored(file),
                CredentialsSource::Given => from_env(var),
            };
        let huawei_file = service.data_dir.join("credentials.json");
        let tencent_file = TencentCredentials::file(&service.data_dir);
        let aliyun_file = AliyunCredentials::file(&service.data_dir);
        let sections = [
            (
                t!("cli-serve-huawei"),
                vec![
                    (t!("cli-serve-vod-api"), info.vod_endpoint.clone()),
                    (
                        t!("cli-serve-object-endpoint"),
                        info.object_endpoint.clone(),
                    ),
                    (t!("cli-serve-project-id"), info.project_id.clone()),
                    (t!("cli-serve-access-key"), info.ak.clone()),
                    (
                        t!("cli-serve-secret-key"),
                        secret(
                            &service.credentials_source,
                            service.credentials.secret_key.as_str(),
                            &huawei_file,
                            "HUAWEICLOUD_SDK_SK",
                        ),
                    ),
                ],
            ),
            (
                t!("cli-serve-tencent"),
                vec![
                    (t!("cli-serve-vod-api"), info.tencent_endpoint.clone()),
                    (
                        t!("cli-serve-cos-endpoint"),
                        info.tencent_cos_endpoint.clone(),
                    ),
                    (t!("cli-serve-region"), info.tencent_region.clone()),
                    ("SubAppId:".to_string(), info.tencent_subappid.to_string()),
                    ("SecretId:".to_string(), info.tencent_secret_id.clone()),
                    (
                        "SecretKey:".to_string(),
                        secret(
                            &service.tencent_credentials_source,
                            service.tencent_credentials.secret_key.as_str(),
                            &tencent_file,
                            "TENCENTCLOUD_SECRET_KEY",
                        ),
                    ),
                ],
            ),
            (
                t!("cli-serve-aliyun"),
                vec![
                    (t!("cli-serve-vod-api"), info.aliyun_endpoint.clone()),
                    (
                        t!("cli-serve-oss-endpoint"),
                        info.aliyun_oss_endpoint.clone(),
                    ),
                    (t!("cli-serve-region"), info.aliyun_region.clone()),
                    ("AppId:".to_string(), info.aliyun_app_id.clone()),
                    (
                        "AccessKey ID:".to_string(),
                        info.aliyun_access_key_id.clone(),
                    ),
                    (
                        "AccessKey secret:".to_string(),
                        secret(
                            &service.aliyun_credentials_source,
                            service.aliyun_credentials.access_key_secret.as_str(),
                            &aliyun_file,
                            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                        ),
                    ),
                ],
            ),
        ];
        super::output::print_sections(&sections);
        let data = service.data_dir.display().to_string();
        println!("{}", t!("cli-serve-data-dir", path = data));
        println!("{}", t!("cli-serve-stop"));
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    wait_for_signal().await;
    service.shutdown().await;
    Ok(())
}

/// The Tencent personality's keys from TENCENTCLOUD_SECRET_ID / _KEY (and TENCENTCLOUD_SUBAPPID),
/// as Tencent's own tools read them; `None` lets the service load or generate its own. Without
/// TENCENTCLOUD_SUBAPPID the SubAppId stays the one of earlier runs, so its media stay listed.
fn tencent_credentials(data_dir: &std::path::Path) -> Result<Option<TencentCredentials>, CliError> {
    let var = |n: &str| std::env::var(n).ok().filter(|s| !s.trim().is_empty());
    let sub_app_id =
        match var("TENCENTCLOUD_SUBAPPID") {
            None => None,
            Some(v) => Some(v.trim().parse::<u64>().map_err(|_| {
                CliError::usage(t!("cli-bad-subappid", value = (format!("{v:?}"))))
            })?),
        };
    match (
        var("TENCENTCLOUD_SECRET_ID"),
        var("TENCENTCLOUD_SECRET_KEY"),
    ) {
        (Some(secret_id), Some(secret_key)) => Ok(Some(TencentCredentials {
            secret_id,
            secret_key,
            sub_app_id: sub_app_id
                .or_else(|| TencentCredentials::read_stored(data_dir).map(|c| c.sub_app_id))
                .unwrap_or_else(TencentCredentials::generated_sub_app_id),
        })),
        (None, None) => Ok(None),
        _ => Err(keys_half(
            "TENCENTCLOUD_SECRET_ID",
            "TENCENTCLOUD_SECRET_KEY",
        )),
    }
}

/// The Alibaba personality's keys from ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, as Alibaba's
/// own tools read them; `None` lets the service load or generate its own.
fn aliyun_credentials() -> Result<Option<AliyunCredentials>, CliError> {
    let var = |n: &str| std::env::var(n).ok().filter(|s| !s.trim().is_empty());
    match (
        var("ALIBABA_CLOUD_ACCESS_KEY_ID"),
        var("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
    ) {
        (Some(access_key_id), Some(access_key_secret)) => Ok(Some(AliyunCredentials {
            access_key_id,
            access_key_secret,
        })),
        (None, None) => Ok(None),
        _ => Err(keys_half(
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        )),
    }
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler installs");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Only one of a pair of key variables is set.
fn keys_half(access: &str, secret: &str) -> CliError {
    CliError::usage(t!("cli-serve-keys-half", access = access, secret = secret))
}
