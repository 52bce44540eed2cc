//! The Alibaba VOD client: every action is `POST /` with its parameters in the query string,
//! signed ACS3-HMAC-SHA256 (§B.1, §B.3) over all the headers sent, retried under the shared
//! policy, paced per action once throttled (honouring `x-acs-retry-after`), and corrected for
//! clock skew learned from the server's `Date` header.

use rand::Rng;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::errors;
use super::sign::{acs3_authorization, percent_encode, sha256_hex};
use crate::provider::check::Verdict;
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::http::HttpOptions;
use crate::provider::retry::RetryPolicy;
use crate::provider::transport::{ApiTransport, authority};
use crate::storage::Credentials;

pub const API_VERSION: &str = "2017-03-21";
/// Beyond this the gateway refuses the timestamp (15 minutes, §B.2).
const SKEW_TOLERANCE_SECS: i64 = 15 * 60;

#[derive(Clone, Debug)]
pub struct AliyunConfig {
    /// `https://vod.cn-shanghai.aliyuncs.com`, or a local service on loopback.
    pub endpoint: url::Url,
    pub region: String,
    pub credentials: Credentials,
    pub http: HttpOptions,
    pub pacing: bool,
    pub retry: RetryPolicy,
}

pub struct AliyunVod {
    config: AliyunConfig,
    api: ApiTransport,
}

/// Per-account limits of the actions (§B.9, queries per second × 60; the lower figure of the
/// regions that differ).
fn per_minute(action: &str) -> u32 {
    let per_second = match action {
        "CreateUploadVideo" | "RefreshUploadVideo" | "CreateUploadImage" => 40,
        "SearchMedia" | "GetCategories" => 50,
        "AddCategory" => 30,
        "DeleteCategory" => 10,
        "UpdateVideoInfos" | "DeleteVideo" => 30,
        "GetPlayInfo" | "GetVideoPlayAuth" => 360,
        _ => 100,
    };
    per_second * 60
}

impl AliyunVod {
    pub fn new(config: AliyunConfig) -> Result<Self, ApiError> {
        let api = ApiTransport::new(
            &config.endpoint,
            &config.http,
            config.pacing,
            SKEW_TOLERANCE_SECS,
        )?;
        Ok(AliyunVod { config, api })
    }

    pub fn clock_offset_secs(&self) -> i64 {
        self.api.clock.offset_secs()
    }

    pub fn config(&self) -> &AliyunConfig {
        &self.config
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.api.http
    }

    pub fn retry(&self) -> &RetryPolicy {
        &self.config.retry
    }

    /// Calls `action` with `params` under the retry policy; the reply's JSON object.
    pub async fn call<T: DeserializeOwned>(
        &self,
        action: &'static str,
        params: &[(&str, String)],
    ) -> Result<T, ApiError> {
        self.call_with(&self.config.retry, action, params).await
    }

    async fn call_with<T: DeserializeOwned>(
        &self,
        retry: &RetryPolicy,
        action: &'static str,
        params: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let response = retry
            .run_with_clock(action, || self.send_once(action, params))
            .await?;
        serde_json::from_value(response).map_err(|e| {
            ApiError::new(
                ErrorKind::MalformedResponse,
                format!("{action}: unexpected reply ({e})"),
            )
        })
    }

    /// One cheap signed call, not retried, and a precise verdict ("Test connection").
    pub async fn test_connection(&self) -> Verdict {
        let once = RetryPolicy {
            max_attempts: 1,
            ..self.config.retry.clone()
        };
        let result = self
            .call_with::<Value>(&once, "GetCategories", &[("CateId", "-1".to_string())])
            .await
            .map(|_| ());
        Verdict::from_probe(result, self.clock_offset_secs())
    }

    async fn send_once(
        &self,
        action: &'static str,
        params: &[(&str, String)],
    ) -> Result<Value, ApiError> {
        self.api
            .pacer
            .paced(
                action,
                per_minute(action),
                self.send_unpaced(action, params),
            )
            .await
    }

    async fn send_unpaced(
        &self,
        action: &'static str,
        params: &[(&str, String)],
    ) -> Result<Value, ApiError> {
        let creds = &self.config.credentials;
        let now = self.api.clock.now();
        let date = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let nonce = hex::encode(rand::rng().random::<[u8; 16]>());
        let host = authority(&self.config.endpoint);
        let body_hash = sha256_hex(b"");
        let mut headers: Vec<(&str, &str)> = vec![
            ("host", &host),
            ("x-acs-action", action),
            ("x-acs-version", API_VERSION),
            ("x-acs-date", &date),
            ("x-acs-signature-nonce", &nonce),
            ("x-acs-content-sha256", &body_hash),
            ("accept", "application/json"),
        ];
        if let Some(token) = &creds.security_token {
            headers.push(("x-acs-accesskey-id", &creds.access_key));
            headers.push(("x-acs-security-token", token));
        }
        let query: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let authorization = acs3_authorization(
            &creds.access_key,
            &creds.secret_key,
            "POST",
            &query,
            &headers,
            &body_hash,
        );
        let mut url = self.config.endpoint.clone();
        url.set_path("/");
        let encoded: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        let joined = encoded.join("&");
        url.set_query(Some(joined.as_str()).filter(|q| !q.is_empty()));
        let mut req = self
            .api
            .http
            .post(url.as_str())
            .header("authorization", authorization);
        for (name, value) in &headers {
            req = req.header(*name, *value);
        }
        tracing::debug!(action, "Alibaba VOD request");
        let reply = self
            .api
            .exchange(req, self.config.endpoint.as_str())
            .await?;
        let (status, bytes) = (reply.status, reply.body);
        let retry_after = reply
            .headers
            .get("x-acs-retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if status != 200 {
            return Err(errors::from_reply(status, &bytes, retry_after));
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            let preview: String = String::from_utf8_lossy(&bytes).chars().take(120).collect();
            ApiError::new(
                ErrorKind::MalformedResponse,
                format!("{action}: unexpected reply ({e}): {preview}"),
            )
        })
    }
}
