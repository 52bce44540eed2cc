//! An Alibaba account's service: the ACS3 client in the account's region, scoped to its
//! application (`AppId`) when it names one. OSS needs no endpoint here: every upload is told
//! where its bytes go (`UploadAddress.Endpoint`).

use super::client::{AliyunConfig, AliyunVod};
use super::service::AliyunService;
use crate::provider::connect::Account;
use crate::provider::error::{ApiError, ErrorKind};

/// The application every account has; naming it is the same as naming none.
pub const DEFAULT_APP_ID: &str = "app-1000000";

pub fn service(account: &Account) -> Result<AliyunService, ApiError> {
    let endpoint = url::Url::parse(account.endpoint.trim()).map_err(|_| {
        ApiError::new(
            ErrorKind::BadParameter,
            format!(
                "endpoint \"{}\" is not a URL; give one like https://vod.cn-shanghai.aliyuncs.com",
                account.endpoint
            ),
        )
    })?;
    let app_id = match account.scope.trim() {
        "" | DEFAULT_APP_ID => None,
        s if s.starts_with("app-") && s.len() > 4 => Some(s.to_string()),
        s => {
            return Err(ApiError::new(
                ErrorKind::BadParameter,
                format!(
                    "AppId \"{s}\" is not an application id (they look like app-1000000); copy it from the VOD console's application list"
                ),
            ));
        }
    };
    let vod = AliyunVod::new(AliyunConfig {
        endpoint,
        region: account.region.clone(),
        credentials: account.storage_credentials(),
        http: account.http.clone(),
        pacing: account.pacing,
        retry: account.retry.clone(),
    })?;
    Ok(AliyunService::new(vod, app_id))
}
