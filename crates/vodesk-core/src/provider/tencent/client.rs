//! The Tencent VOD client: every action is a TC3-signed JSON POST (§A.1–§A.2), retried under
//! the shared policy, paced per action once throttled, and corrected for clock skew learned
//! from the server's `Date` header. `SubAppId` goes on every call when the profile names one.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::errors;
use super::sign::{self, Tc3Input};
use super::wire::{ApiErrorBody, Envelope};
use crate::provider::check::Verdict;
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::http::HttpOptions;
use crate::provider::retry::RetryPolicy;
use crate::provider::transport::{ApiTransport, authority};
use crate::storage::Credentials;

pub const API_VERSION: &str = "2018-07-17";
const SERVICE: &str = "vod";
const CONTENT_TYPE: &str = "application/json";
/// Beyond this the server refuses the timestamp (±5 minutes, §A.1).
const SKEW_TOLERANCE_SECS: i64 = 5 * 60;

#[derive(Clone, Debug)]
pub struct TencentConfig {
    /// `https://vod.tencentcloudapi.com`, or a local service on loopback.
    pub endpoint: url::Url,
    pub region: String,
    /// The VOD application the calls act in; the account's default one when absent.
    pub sub_app_id: Option<u64>,
    pub credentials: Credentials,
    pub http: HttpOptions,
    pub pacing: bool,
    pub retry: RetryPolicy,
}

pub struct TencentVod {
    config: TencentConfig,
    api: ApiTransport,
}

/// Per-account limits of the actions vodesk calls (§A.10; the documented ones are 100/s).
fn per_minute(action: &str) -> u32 {
    match action {
        "DescribeStorageRegions" | "CreateStorageRegion" => 20 * 60,
        _ => 100 * 60,
    }
}

impl TencentVod {
    pub fn new(config: TencentConfig) -> Result<Self, ApiError> {
        let api = ApiTransport::new(
            &config.endpoint,
            &config.http,
            config.pacing,
            SKEW_TOLERANCE_SECS,
        )?;
        Ok(TencentVod { config, api })
    }

    pub fn config(&self) -> &TencentConfig {
        &self.config
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.api.http
    }

    pub fn clock_offset_secs(&self) -> i64 {
        self.api.clock.offset_secs()
    }

    /// Calls `action` with `params` under the retry policy; the reply's `Response` object.
    pub async fn call<T: DeserializeOwned>(
        &self,
        action: &'static str,
        params: Value,
    ) -> Result<T, ApiError> {
        self.call_with(&self.config.retry, action, params).await
    }

    async fn call_with<T: DeserializeOwned>(
        &self,
        retry: &RetryPolicy,
        action: &'static str,
        params: Value,
    ) -> Result<T, ApiError> {
        let mut body = match params {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        if let Some(id) = self.config.sub_app_id {
            body.entry("SubAppId").or_insert(Value::from(id));
        }
        let body = serde_json::to_vec(&Value::Object(body)).expect("JSON serializes");
        let response = retry
            .run_with_clock(action, || self.send_once(action, &body))
            .await?;
        serde_json::from_value(response).map_err(|e| {
            ApiError::new(
                ErrorKind::MalformedResponse,
                format!("{action}: unexpected reply ({e})"),
            )
        })
    }

    async fn send_once(&self, action: &'static str, body: &[u8]) -> Result<Value, ApiError> {
        self.api
            .pacer
            .paced(action, per_minute(action), self.send_unpaced(action, body))
            .await
    }

    async fn send_unpaced(&self, action: &'static str, body: &[u8]) -> Result<Value, ApiError> {
        let creds = &self.config.credentials;
        let timestamp = self.api.clock.now().timestamp();
        let host = authority(&self.config.endpoint);
        let signed = sign::sign(&Tc3Input {
            secret_id: &creds.access_key,
            secret_key: &creds.secret_key,
            service: SERVICE,
            host: &host,
            content_type: CONTENT_TYPE,
            timestamp,
            body,
        });
        let mut req = self
            .api
            .http
            .post(self.config.endpoint.as_str())
            .header("Content-Type", CONTENT_TYPE)
            .header("Host", &host)
            .header("X-TC-Action", action)
            .header("X-TC-Version", API_VERSION)
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("X-TC-Region", &self.config.region)
            .header("Authorization", &signed.authorization)
            .body(body.to_vec());
        if let Some(token) = &creds.security_token {
            req = req.header("X-TC-Token", token);
        }
        tracing::debug!(action, "Tencent VOD request");
        let endpoint = self.config.endpoint.as_str();
        let reply = self.api.exchange(req, endpoint).await?;
        let (status, bytes) = (reply.status, reply.body);
        // API errors come with 200; anything else is the transport's (§A.1).
        if status != 200 {
            let kind = match status {
                429 => ErrorKind::Throttled {
                    retry_after_secs: None,
                },
                s if s >= 500 => ErrorKind::ServerFault,
                _ => ErrorKind::Other,
            };
            let mut e = ApiError::new(kind, format!("{action}: HTTP {status} from {endpoint}"));
            e.status = Some(status);
            return Err(e);
        }
        let envelope: Envelope = serde_json::from_slice(&bytes).map_err(|e| {
            let preview: String = String::from_utf8_lossy(&bytes).chars().take(120).collect();
            ApiError::new(
                ErrorKind::MalformedResponse,
                format!("{action}: unexpected reply ({e}): {preview}"),
            )
        })?;
        let response = envelope.response.ok_or_else(|| {
            ApiError::new(
                ErrorKind::MalformedResponse,
                format!("{action}: the reply has no Response"),
            )
        })?;
        let request_id = response
            .get("RequestId")
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(err) = response.get("Error") {
            let err: ApiErrorBody = serde_json::from_value(err.clone()).unwrap_or_default();
            return Err(errors::from_reply(&err.code, &err.message, request_id));
        }
        Ok(response)
    }

    /// "Test connection": one cheap signed call (the class list), at once.
    pub async fn test_connection(&self) -> Verdict {
        let once = RetryPolicy {
            max_attempts: 1,
            ..self.config.retry.clone()
        };
        let result = self
            .call_with::<Value>(&once, "DescribeAllClass", serde_json::json!({}))
            .await
            .map(|_| ());
        Verdict::from_probe(result, self.clock_offset_secs())
    }
}
