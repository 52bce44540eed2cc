//! From an account to a provider: profile fields and secrets in, the provider objects out.
//! The one place that picks a provider by kind; faces and the engine only see the seam.

use std::sync::Arc;

use super::aliyun;
use super::api::VodService;
use super::error::{ApiError, ErrorKind};
use super::http::HttpOptions;
use super::huawei;
use super::kind::ProviderKind;
use super::retry::RetryPolicy;
use super::tencent;
use crate::credentials::{Profile, Secret, redact};
use crate::storage::CredentialVault;

/// Everything needed to talk to one account.
#[derive(Clone, Debug)]
pub struct Account {
    pub kind: ProviderKind,
    pub region: String,
    /// The VOD API endpoint URL.
    pub endpoint: String,
    /// The object storage endpoint URL (bucket browser).
    pub object_endpoint: String,
    /// What scopes the account's calls: Huawei's project id.
    pub scope: String,
    pub access_key: String,
    pub secret_key: Secret,
    pub security_token: Option<Secret>,
    pub http: HttpOptions,
    pub retry: RetryPolicy,
    /// Pace calls to the provider's documented limits.
    pub pacing: bool,
    /// Where upload sessions' temporary credentials outlive the process (the OS keychain), for
    /// providers that cannot renew them; `None` keeps them in memory only.
    pub vault: Option<Arc<dyn CredentialVault>>,
}

/// What a profile of one provider holds beyond the common fields, and how the forms say it.
#[derive(Clone, Copy, Debug)]
pub struct ProfileRules {
    /// What the profile's scope is called ("project id", "SubAppId").
    pub scope_name: &'static str,
    /// A profile needs one (Huawei's project id; Tencent's SubAppId is optional).
    pub scope_required: bool,
    /// It can be looked up from the region when left out.
    pub scope_lookup: bool,
    /// Only digits (Tencent's SubAppId).
    pub scope_numeric: bool,
    /// What the access key is called.
    pub key_name: &'static str,
    /// Where the keys are created, as a sentence ends it.
    pub keys_hint: &'static str,
    /// The console page where access keys are created.
    pub keys_console: &'static str,
    /// The VOD service's product page.
    pub product_page: &'static str,
    /// The regions where the service runs, most used first (any other id is taken too).
    pub regions: &'static [Region],
}

/// A region of a provider: its id and its name in the provider's own English and Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub id: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
}

const fn region(id: &'static str, name_en: &'static str, name_zh: &'static str) -> Region {
    Region {
        id,
        name_en,
        name_zh,
    }
}

/// Huawei Cloud's regions with VOD (ap-southeast-1 is Hong Kong there).
const HUAWEI_REGIONS: &[Region] = &[
    region("cn-north-4", "CN North-Beijing4", "华北-北京四"),
    region("cn-north-1", "CN North-Beijing1", "华北-北京一"),
    region("cn-east-3", "CN East-Shanghai1", "华东-上海一"),
    region("cn-east-2", "CN East-Shanghai2", "华东-上海二"),
    region("cn-south-1", "CN South-Guangzhou", "华南-广州"),
    region("ap-southeast-1", "CN-Hong Kong", "中国-香港"),
    region("ap-southeast-2", "AP-Bangkok", "亚太-曼谷"),
    region("ap-southeast-3", "AP-Singapore", "亚太-新加坡"),
];

const TENCENT_REGIONS: &[Region] = &[
    region("ap-guangzhou", "Guangzhou", "广州"),
    region("ap-shanghai", "Shanghai", "上海"),
    region("ap-beijing", "Beijing", "北京"),
    region("ap-chengdu", "Chengdu", "成都"),
    region("ap-chongqing", "Chongqing", "重庆"),
    region("ap-nanjing", "Nanjing", "南京"),
    region("ap-hongkong", "Hong Kong, China", "中国香港"),
    region("ap-singapore", "Singapore", "新加坡"),
    region("ap-tokyo", "Tokyo", "东京"),
    region("ap-seoul", "Seoul", "首尔"),
    region("na-siliconvalley", "Silicon Valley", "硅谷"),
    region("eu-frankfurt", "Frankfurt", "法兰克福"),
];

const ALIYUN_REGIONS: &[Region] = &[
    region("cn-shanghai", "China (Shanghai)", "华东2（上海）"),
    region("cn-beijing", "China (Beijing)", "华北2（北京）"),
    region("cn-shenzhen", "China (Shenzhen)", "华南1（深圳）"),
    region("ap-southeast-1", "Singapore", "新加坡"),
    region("ap-northeast-1", "Japan (Tokyo)", "日本（东京）"),
    region("eu-central-1", "Germany (Frankfurt)", "德国（法兰克福）"),
    region("us-west-1", "US (Silicon Valley)", "美国（硅谷）"),
];

/// The rules of a provider's profiles; `None` while it is not supported.
pub fn profile_rules(kind: ProviderKind) -> Option<ProfileRules> {
    match kind {
        ProviderKind::Huawei => Some(ProfileRules {
            scope_name: "project id",
            scope_required: true,
            scope_lookup: true,
            scope_numeric: false,
            key_name: "access key",
            keys_hint: "create them in the Huawei Cloud console under My Credentials > Access Keys",
            keys_console: "https://console.huaweicloud.com/iam/#/mine/accessKey",
            product_page: "https://www.huaweicloud.com/product/vod.html",
            regions: HUAWEI_REGIONS,
        }),
        ProviderKind::Tencent => Some(ProfileRules {
            scope_name: "SubAppId",
            scope_required: false,
            scope_lookup: false,
            scope_numeric: true,
            key_name: "SecretId",
            keys_hint: "create them in the Tencent Cloud console under CAM > API Keys",
            keys_console: "https://console.cloud.tencent.com/cam/capi",
            product_page: "https://cloud.tencent.com/product/vod",
            regions: TENCENT_REGIONS,
        }),
        ProviderKind::Aliyun => Some(ProfileRules {
            scope_name: "AppId",
            scope_required: false,
            scope_lookup: false,
            scope_numeric: false,
            key_name: "AccessKey ID",
            keys_hint: "create them in the Alibaba Cloud console under RAM > AccessKey",
            keys_console: "https://ram.console.aliyun.com/manage/ak",
            product_page: "https://www.aliyun.com/product/vod",
            regions: ALIYUN_REGIONS,
        }),
    }
}

/// The environment variables that override a profile of one provider for one run, named as
/// the provider's own tools name them.
#[derive(Clone, Copy, Debug)]
pub struct EnvNames {
    pub access_key: &'static str,
    pub secret_key: &'static str,
    pub security_token: &'static str,
    pub scope: &'static str,
    pub region: &'static str,
}

pub fn env_names(kind: ProviderKind) -> EnvNames {
    match kind {
        ProviderKind::Huawei => EnvNames {
            access_key: "HUAWEICLOUD_SDK_AK",
            secret_key: "HUAWEICLOUD_SDK_SK",
            security_token: "HUAWEICLOUD_SDK_SECURITY_TOKEN",
            scope: "HUAWEICLOUD_SDK_PROJECT_ID",
            region: "HUAWEICLOUD_SDK_REGION",
        },
        ProviderKind::Tencent => EnvNames {
            access_key: "TENCENTCLOUD_SECRET_ID",
            secret_key: "TENCENTCLOUD_SECRET_KEY",
            security_token: "TENCENTCLOUD_SESSION_TOKEN",
            scope: "TENCENTCLOUD_SUBAPPID",
            region: "TENCENTCLOUD_REGION",
        },
        ProviderKind::Aliyun => EnvNames {
            access_key: "ALIBABA_CLOUD_ACCESS_KEY_ID",
            secret_key: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            security_token: "ALIBABA_CLOUD_SECURITY_TOKEN",
            scope: "ALIBABA_CLOUD_VOD_APP_ID",
            region: "ALIBABA_CLOUD_REGION_ID",
        },
    }
}

/// The region a profile without one uses.
pub fn default_region(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::Huawei => huawei::endpoint::DEFAULT_REGION,
        ProviderKind::Tencent => "ap-guangzhou",
        ProviderKind::Aliyun => "cn-shanghai",
    }
}

/// The VOD and object storage endpoints of a region.
pub fn region_endpoints(kind: ProviderKind, region: &str) -> (String, String) {
    match kind {
        ProviderKind::Huawei => huawei::endpoint::region_endpoints(region),
        ProviderKind::Tencent => (
            "https://vod.tencentcloudapi.com".to_string(),
            format!("https://cos.{region}.myqcloud.com"),
        ),
        ProviderKind::Aliyun => (
            format!("https://vod.{region}.aliyuncs.com"),
            format!("https://oss-{region}.aliyuncs.com"),
        ),
    }
}

/// Where a service on loopback (the embedded local service) is, and its keys.
#[derive(Clone, Debug)]
pub struct Loopback {
    /// Which personality of the local service.
    pub kind: ProviderKind,
    pub region: String,
    pub endpoint: String,
    pub object_endpoint: String,
    pub scope: String,
    pub access_key: String,
    pub secret_key: Secret,
}

impl Account {
    /// The account of a service on loopback: never through a proxy (one from the environment
    /// must not see it).
    pub fn loopback(l: Loopback) -> Account {
        Account {
            kind: l.kind,
            region: l.region,
            endpoint: l.endpoint,
            object_endpoint: l.object_endpoint,
            scope: l.scope,
            access_key: l.access_key,
            secret_key: l.secret_key,
            security_token: None,
            http: HttpOptions {
                proxy: super::http::ProxyMode::Direct,
                ..HttpOptions::default()
            },
            retry: RetryPolicy::default(),
            pacing: true,
            vault: None,
        }
    }

    /// The account's key pair (and token) as request signers take it.
    pub fn storage_credentials(&self) -> crate::storage::Credentials {
        crate::storage::Credentials {
            access_key: self.access_key.clone(),
            secret_key: self.secret_key.expose().to_string(),
            security_token: self.security_token.as_ref().map(|t| t.expose().to_string()),
        }
    }

    /// A saved profile's account: its endpoints (explicit, or the region's) and its secrets.
    pub fn from_profile(
        p: &Profile,
        secret_key: Secret,
        security_token: Option<Secret>,
        http: HttpOptions,
    ) -> Account {
        let region = p.effective_region().to_string();
        let (endpoint, object_endpoint) = region_endpoints(p.provider, &region);
        Account {
            kind: p.provider,
            endpoint: p.endpoint.clone().unwrap_or(endpoint),
            object_endpoint: p.object_endpoint.clone().unwrap_or(object_endpoint),
            region,
            scope: p.project_id.clone(),
            access_key: p.access_key.clone(),
            secret_key,
            security_token,
            http,
            retry: RetryPolicy::default(),
            pacing: true,
            vault: None,
        }
    }
}

fn unsupported(kind: ProviderKind) -> ApiError {
    ApiError::new(
        ErrorKind::BadParameter,
        format!("{kind} accounts have no scope to look up from the region; give it in the profile"),
    )
}

/// What a provider can do, known before connecting (input can be checked first).
pub fn capabilities(kind: ProviderKind) -> &'static super::api::Capabilities {
    match kind {
        ProviderKind::Huawei => &huawei::service::CAPABILITIES,
        ProviderKind::Tencent => &tencent::service::CAPABILITIES,
        ProviderKind::Aliyun => &aliyun::service::CAPABILITIES,
    }
}

/// The account's service.
pub fn connect(account: &Account) -> Result<Arc<dyn VodService>, ApiError> {
    // Whatever logs say about this run, they must not carry these.
    redact::register(account.secret_key.expose());
    if let Some(t) = &account.security_token {
        redact::register(t.expose());
    }
    match account.kind {
        ProviderKind::Huawei => Ok(Arc::new(huawei::connect::service(account)?)),
        ProviderKind::Tencent => Ok(Arc::new(tencent::connect::service(account)?)),
        ProviderKind::Aliyun => Ok(Arc::new(aliyun::connect::service(account)?)),
    }
}

/// Why the account's scope could not be looked up.
#[derive(Debug)]
pub enum ScopeLookup {
    /// The credentials, clock or network failed (as a connection test would say).
    Refused(super::check::Verdict),
    /// One sentence on what to give instead.
    Failed(String),
}

/// Finds the scope (Huawei's project id) the account's region has, for a profile that left it
/// out.
pub async fn lookup_scope(account: &Account) -> Result<String, ScopeLookup> {
    match account.kind {
        ProviderKind::Huawei => huawei::connect::project_id(account).await,
        k => Err(ScopeLookup::Failed(unsupported(k).to_string())),
    }
}

#[cfg(test)]
mod region_tests {
    use super::*;

    #[test]
    fn each_provider_lists_its_default_region_first_and_only_valid_ids() {
        for kind in [
            ProviderKind::Huawei,
            ProviderKind::Tencent,
            ProviderKind::Aliyun,
        ] {
            let rules = profile_rules(kind).expect("supported");
            assert_eq!(rules.regions[0].id, default_region(kind), "{kind}");
            for r in rules.regions {
                crate::credentials::profile::validate_region(kind, r.id)
                    .unwrap_or_else(|e| panic!("{kind}: {e}"));
            }
            assert!(rules.keys_console.starts_with("https://"), "{kind}");
        }
    }
}
