//! A Tencent account's service: the TC3 client, and where COS is reached.

use super::client::{TencentConfig, TencentVod};
use super::service::TencentService;
use crate::provider::connect::{Account, region_endpoints};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;

pub fn service(account: &Account) -> Result<TencentService, ApiError> {
    let endpoint = url::Url::parse(account.endpoint.trim()).map_err(|_| {
        ApiError::new(
            ErrorKind::BadParameter,
            format!(
                "endpoint \"{}\" is not a URL; give one like https://vod.tencentcloudapi.com",
                account.endpoint
            ),
        )
    })?;
    let sub_app_id = match account.scope.trim() {
        "" => None,
        s => Some(s.parse::<u64>().map_err(|_| {
            ApiError::new(
                ErrorKind::BadParameter,
                format!("SubAppId \"{s}\" is not a number; copy it from the VOD console's application list"),
            )
        })?),
    };
    let vod = TencentVod::new(TencentConfig {
        endpoint,
        region: account.region.clone(),
        sub_app_id,
        credentials: account.storage_credentials(),
        http: account.http.clone(),
        pacing: account.pacing,
        retry: account.retry.clone(),
    })?;
    // COS is reached at each bucket's own host unless the account names another endpoint
    // (the local service on loopback).
    let default_cos = region_endpoints(ProviderKind::Tencent, &account.region).1;
    let cos = (account.object_endpoint != default_cos).then(|| account.object_endpoint.clone());
    Ok(TencentService::new(vod, cos, account.vault.clone()))
}
