//! A Huawei account's service: the VOD client and the OBS client over one key pair, and the
//! IAM look-up of a region's project id (huawei-vod-api.md §1.2).

use super::client::{HuaweiConfig, HuaweiVod};
use super::endpoint::Endpoint;
use super::service::HuaweiService;
use crate::provider::check::Verdict;
use crate::provider::connect::{Account, ScopeLookup};
use crate::provider::error::{ApiError, ErrorKind};
use crate::storage::{ObsClient, ObsConfig};

fn client(account: &Account, endpoint: &str, project_id: &str) -> Result<HuaweiVod, ApiError> {
    HuaweiVod::new(HuaweiConfig {
        endpoint: Endpoint::parse(endpoint)?,
        project_id: project_id.to_string(),
        region: account.region.clone(),
        credentials: account.storage_credentials(),
        http: account.http.clone(),
        pacing: account.pacing,
        retry: account.retry.clone(),
    })
}

pub fn service(account: &Account) -> Result<HuaweiService, ApiError> {
    let vod = client(account, &account.endpoint, &account.scope)?;
    // One key pair signs both VOD and object-storage calls, over one connection pool.
    let mut obs_config = ObsConfig::new(&account.object_endpoint, account.storage_credentials());
    obs_config.http = account.http.clone();
    let obs = ObsClient::with_http_client(obs_config, vod.http().clone()).map_err(|mut e| {
        e.message = format!("object endpoint: {}", e.message);
        e
    })?;
    Ok(HuaweiService::new(vod, obs))
}

/// The project id named after the account's region, from IAM at the region's IAM endpoint (or
/// at the explicit endpoint, where a private cloud or the local service answers it).
pub async fn project_id(account: &Account) -> Result<String, ScopeLookup> {
    let region = &account.region;
    let default_vod = super::endpoint::region_endpoints(region).0;
    let iam_url = if account.endpoint == default_vod {
        format!("https://iam.{region}.myhuaweicloud.com")
    } else {
        account.endpoint.clone()
    };
    let client =
        client(account, &iam_url, "").map_err(|e| ScopeLookup::Failed(e.message.clone()))?;
    let iam = Endpoint::parse(&iam_url).map_err(|e| ScopeLookup::Failed(e.message))?;
    let ids = match client.iam_projects(&iam, region).await {
        Ok(ids) => ids,
        // Keys, clock, network: the same verdict the connection test would give.
        Err(e) if !matches!(e.kind, ErrorKind::NotFound | ErrorKind::Other) => {
            return Err(ScopeLookup::Refused(Verdict::from_probe(
                Err(e),
                client.clock_offset_secs(),
            )));
        }
        Err(e) => {
            return Err(ScopeLookup::Failed(format!(
                "cannot look up the project id of {region} at {iam_url}: {e}; give the project id"
            )));
        }
    };
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(ScopeLookup::Failed(format!(
            "this account has no project named {region}; check the region or give the project id"
        ))),
        _ => Err(ScopeLookup::Failed(format!(
            "this account has {} projects named {region}; give the project id to use",
            ids.len()
        ))),
    }
}
