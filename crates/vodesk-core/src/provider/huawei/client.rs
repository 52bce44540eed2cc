//! The Huawei VOD client: signs each call (§2.2), sends it, maps replies and errors.
//! Corrects for clock skew once it is detected from the server's `Date` header.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::assets_wire::{AssetDetailsRsp, TemplateGroupWire};
use super::endpoint::Endpoint;
use super::errors;
use super::pacing::Category as ApiCategory;
use super::sign::{self, DATE_FORMAT, SignInput};
use super::wire::*;
use crate::model::category::Category;
use crate::provider::check::Verdict;
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::http::{HttpOptions, build_client, transport_error};
use crate::provider::pacing::Pacer;
use crate::provider::retry::RetryPolicy;

/// AK/SK credentials, optionally temporary: the same key pair signs VOD calls and object
/// storage calls (its `Debug` never shows the secret or the token).
pub use crate::storage::Credentials as AkSk;

#[derive(Clone, Debug)]
pub struct HuaweiConfig {
    pub endpoint: Endpoint,
    pub project_id: String,
    /// The region, for the `location` of objects imported from OBS.
    pub region: String,
    pub credentials: AkSk,
    pub http: HttpOptions,
    /// Pace calls to the documented per-tenant limits.
    pub pacing: bool,
    /// Every call retries what a retry can cure (throttling, 5xx, resets, timeouts).
    pub retry: RetryPolicy,
}

/// Query parameters of the asset list (§9.1).
#[derive(Clone, Debug, Default)]
pub struct ListAssetsQuery {
    pub asset_ids: Vec<String>,
    pub status: Vec<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub category_id: Option<i64>,
    pub tags: Option<String>,
    pub query_string: Option<String>,
    pub media_type: Vec<String>,
    pub page: u32,
    pub size: u32,
    /// `asc` or `desc` by creation time.
    pub order: Option<String>,
}

/// One OBS call to authorize through `GET /v1.1/{project_id}/asset/authority` (§6.1).
#[derive(Clone, Debug, Default)]
pub struct AuthorityQuery {
    pub http_verb: String,
    pub bucket: String,
    pub object_key: String,
    pub content_type: Option<String>,
    pub content_md5: Option<String>,
    pub upload_id: Option<String>,
    pub part_number: Option<u32>,
}

pub struct HuaweiVod {
    http: reqwest::Client,
    config: HuaweiConfig,
    /// Server time minus local time, in seconds, learned from `Date` headers.
    clock_offset: AtomicI64,
    pacer: Pacer<ApiCategory>,
}

const SKEW_TOLERANCE_SECS: i64 = 5 * 60;

impl HuaweiVod {
    pub fn new(config: HuaweiConfig) -> Result<Self, ApiError> {
        Ok(HuaweiVod {
            http: build_client(&config.http)?,
            pacer: Pacer::new(config.pacing),
            config,
            clock_offset: AtomicI64::new(0),
        })
    }

    pub fn config(&self) -> &HuaweiConfig {
        &self.config
    }

    pub fn clock_offset_secs(&self) -> i64 {
        self.clock_offset.load(Ordering::Relaxed)
    }

    /// Overrides the learned clock offset (server time minus local time).
    pub fn set_clock_offset_secs(&self, secs: i64) {
        self.clock_offset.store(secs, Ordering::Relaxed);
    }

    /// The HTTP client, shared with the upload path (pre-signed OBS URLs).
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    fn path(&self, version: &str, rest: &str) -> String {
        format!("/{version}/{}/{rest}", self.config.project_id)
    }

    /// Sends one signed call under the retry policy and returns the body of a 2xx reply.
    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, ApiError> {
        self.send_with(&self.config.retry, method, path, query, body)
            .await
    }

    async fn send_with(
        &self,
        retry: &RetryPolicy,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, ApiError> {
        let what = format!("{method} {path}");
        retry
            .run(&what, |_| async {
                // A skew error is retried at once with the offset learned from that reply.
                match self.send_once(&method, path, query, body.as_deref()).await {
                    Err(e) if e.kind == ErrorKind::ClockSkew => {
                        tracing::warn!(
                            offset = self.clock_offset_secs(),
                            "clock skew detected; retrying with corrected time"
                        );
                        self.send_once(&method, path, query, body.as_deref()).await
                    }
                    other => other,
                }
            })
            .await
    }

    async fn send_once(
        &self,
        method: &Method,
        path: &str,
        query: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<Vec<u8>, ApiError> {
        let category = ApiCategory::of(method.as_str(), path);
        self.pacer.acquire(category, category.per_minute()).await;
        let result = self
            .send_unpaced(&self.config.endpoint, true, method, path, query, body)
            .await;
        if let Err(e) = &result
            && matches!(e.kind, ErrorKind::Throttled { .. })
        {
            self.pacer.throttled(category);
        }
        result
    }

    /// One signed call to `endpoint` (the VOD endpoint, or IAM without the project header).
    async fn send_unpaced(
        &self,
        endpoint: &Endpoint,
        project_header: bool,
        method: &Method,
        path: &str,
        query: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<Vec<u8>, ApiError> {
        let now = chrono::Utc::now() + chrono::Duration::seconds(self.clock_offset_secs());
        let date = now.format(DATE_FORMAT).to_string();
        let creds = &self.config.credentials;
        let mut headers = vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("Host".to_string(), endpoint.host_header()),
        ];
        if project_header {
            headers.push(("X-Project-Id".to_string(), self.config.project_id.clone()));
        }
        headers.push(("X-Sdk-Date".to_string(), date));
        if let Some(token) = &creds.security_token {
            headers.push(("X-Security-Token".to_string(), token.clone()));
        }
        let body = body.unwrap_or_default();
        let signed = sign::sign(
            &creds.access_key,
            &creds.secret_key,
            &SignInput {
                method: method.as_str(),
                path,
                query,
                headers: &headers,
                body,
            },
        );
        let url = format!("{}{}", endpoint.base(), signed.request_target);
        let mut req = self.http.request(method.clone(), &url);
        for (name, value) in headers.iter().chain(&signed.extra_headers) {
            if !name.eq_ignore_ascii_case("host") {
                req = req.header(name, value);
            }
        }
        req = req.header("Authorization", &signed.authorization);
        if !body.is_empty() {
            req = req.body(body.to_vec());
        }
        tracing::debug!(method = %method, path, "VOD request");
        let resp = req
            .send()
            .await
            .map_err(|e| transport_error(&e, &endpoint.base()))?;
        let status = resp.status().as_u16();
        let request_id = header_str(&resp, "x-request-id");
        let retry_after = header_str(&resp, "retry-after").and_then(|v| v.trim().parse().ok());
        if let Some(server) =
            header_str(&resp, "date").and_then(|d| chrono::DateTime::parse_from_rfc2822(&d).ok())
        {
            let offset = server.timestamp() - chrono::Utc::now().timestamp();
            let previous = self.clock_offset_secs();
            if (offset - previous).abs() > SKEW_TOLERANCE_SECS {
                self.clock_offset.store(offset, Ordering::Relaxed);
            }
        }
        let bytes = resp.bytes().await.map_err(|e| {
            let mut err = transport_error(&e, &endpoint.base());
            err.request_id = request_id.clone();
            err
        })?;
        if (200..300).contains(&status) {
            Ok(bytes.to_vec())
        } else {
            Err(errors::from_reply(status, &bytes, request_id, retry_after))
        }
    }

    /// "Test connection": one cheap signed call (the level-1 categories) and its verdict —
    /// at once, without the patience of the retry policy: the user is waiting for the answer.
    pub async fn test_connection(&self) -> Verdict {
        let once = RetryPolicy {
            max_attempts: 1,
            ..self.config.retry.clone()
        };
        let query = vec![("id".to_string(), "0".to_string())];
        let result = self
            .send_with(
                &once,
                Method::GET,
                &self.path("v1.0", "asset/category"),
                &query,
                None,
            )
            .await
            .map(|_| ());
        Verdict::from_probe(result, self.clock_offset_secs())
    }

    /// The project ids named `region` for these credentials, from IAM
    /// (`GET /v3/projects?name=REGION`, huawei-vod-api.md §1.2).
    pub async fn iam_projects(
        &self,
        iam: &Endpoint,
        region: &str,
    ) -> Result<Vec<String>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Projects {
            #[serde(default)]
            projects: Vec<Project>,
        }
        #[derive(serde::Deserialize)]
        struct Project {
            id: String,
        }
        let query = vec![("name".to_string(), region.to_string())];
        let bytes = self
            .send_unpaced(iam, false, &Method::GET, "/v3/projects", &query, None)
            .await?;
        let rsp: Projects = parse(&bytes)?;
        Ok(rsp.projects.into_iter().map(|p| p.id).collect())
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<&impl Serialize>,
    ) -> Result<T, ApiError> {
        let body = body.map(|b| serde_json::to_vec(b).expect("request bodies serialize"));
        let bytes = self.send(method, path, query, body).await?;
        parse(&bytes)
    }

    async fn call_empty(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<&impl Serialize>,
    ) -> Result<(), ApiError> {
        let body = body.map(|b| serde_json::to_vec(b).expect("request bodies serialize"));
        self.send(method, path, query, body).await.map(|_| ())
    }

    // ---- upload ----

    pub async fn create_asset(&self, req: &CreateAssetReq) -> Result<CreateAssetRsp, ApiError> {
        let rsp: CreateAssetRsp = self
            .call(Method::POST, &self.path("v1.0", "asset"), &[], Some(req))
            .await?;
        if rsp.asset_id.is_empty() {
            return Err(malformed("create asset returned no asset_id"));
        }
        Ok(rsp)
    }

    /// Pre-signed URL for one OBS call of a multipart upload.
    pub async fn authority(&self, q: &AuthorityQuery) -> Result<String, ApiError> {
        let mut query = vec![
            ("http_verb".to_string(), q.http_verb.clone()),
            ("bucket".to_string(), q.bucket.clone()),
            ("object_key".to_string(), q.object_key.clone()),
        ];
        push_opt(&mut query, "content_type", q.content_type.clone());
        push_opt(&mut query, "content_md5", q.content_md5.clone());
        push_opt(&mut query, "upload_id", q.upload_id.clone());
        push_opt(
            &mut query,
            "part_number",
            q.part_number.map(|n| n.to_string()),
        );
        let rsp: AuthorityRsp = self
            .call(
                Method::GET,
                &self.path("v1.1", "asset/authority"),
                &query,
                None::<&()>,
            )
            .await?;
        if rsp.sign_str.is_empty() {
            return Err(malformed("upload authorization returned no sign_str"));
        }
        Ok(rsp.sign_str)
    }

    /// `status` is `CREATED`, `FAILED` or `CANCELLED`.
    pub async fn confirm_upload(&self, asset_id: &str, status: &str) -> Result<(), ApiError> {
        #[derive(Serialize)]
        struct Req<'a> {
            asset_id: &'a str,
            status: &'a str,
        }
        let _: serde_json::Value = self
            .call(
                Method::POST,
                &self.path("v1.0", "asset/status/uploaded"),
                &[],
                Some(&Req { asset_id, status }),
            )
            .await?;
        Ok(())
    }

    /// `md5_hex` is the hex MD5 of the first bytes of the file (§8).
    pub async fn check_duplication(
        &self,
        size: u64,
        md5_hex: &str,
    ) -> Result<DuplicationRsp, ApiError> {
        let query = vec![
            ("size".to_string(), size.to_string()),
            ("md5".to_string(), md5_hex.to_string()),
        ];
        self.call(
            Method::GET,
            &self.path("v1.0", "asset/duplication"),
            &query,
            None::<&()>,
        )
        .await
    }

    // ---- query ----

    pub async fn list_assets(&self, q: &ListAssetsQuery) -> Result<ListAssetsRsp, ApiError> {
        let mut query = Vec::new();
        for id in &q.asset_ids {
            query.push(("asset_id".to_string(), id.clone()));
        }
        for s in &q.status {
            query.push(("status".to_string(), s.clone()));
        }
        for m in &q.media_type {
            query.push(("media_type".to_string(), m.clone()));
        }
        push_opt(&mut query, "start_time", q.start_time.clone());
        push_opt(&mut query, "end_time", q.end_time.clone());
        push_opt(
            &mut query,
            "category_id",
            q.category_id.map(|c| c.to_string()),
        );
        push_opt(&mut query, "tags", q.tags.clone());
        push_opt(&mut query, "query_string", q.query_string.clone());
        push_opt(&mut query, "order", q.order.clone());
        query.push(("page".to_string(), q.page.to_string()));
        query.push(("size".to_string(), q.size.clamp(1, 100).to_string()));
        self.call(
            Method::GET,
            &self.path("v1.0", "asset/list"),
            &query,
            None::<&()>,
        )
        .await
    }

    /// `sections`: any of `base_info`, `transcode_info`, `thumbnail_info`, `review_info`; empty = all.
    pub async fn asset_details(
        &self,
        asset_id: &str,
        sections: &[&str],
    ) -> Result<AssetDetailsRsp, ApiError> {
        let mut query = vec![("asset_id".to_string(), asset_id.to_string())];
        for s in sections {
            query.push(("categories".to_string(), s.to_string()));
        }
        let d: AssetDetailsRsp = self
            .call(
                Method::GET,
                &self.path("v1.0", "asset/details"),
                &query,
                None::<&()>,
            )
            .await?;
        if d.asset_id.is_empty() {
            return Err(malformed("asset details returned no asset_id"));
        }
        Ok(d)
    }

    // ---- management ----

    pub async fn publish(&self, asset_ids: &[String]) -> Result<Vec<AssetInfo>, ApiError> {
        self.publish_call("asset/status/publish", asset_ids).await
    }

    pub async fn unpublish(&self, asset_ids: &[String]) -> Result<Vec<AssetInfo>, ApiError> {
        self.publish_call("asset/status/unpublish", asset_ids).await
    }

    async fn publish_call(
        &self,
        rest: &str,
        asset_ids: &[String],
    ) -> Result<Vec<AssetInfo>, ApiError> {
        #[derive(Serialize)]
        struct Req<'a> {
            asset_id: &'a [String],
        }
        let rsp: AssetInfoArray = self
            .call(
                Method::POST,
                &self.path("v1.0", rest),
                &[],
                Some(&Req {
                    asset_id: asset_ids,
                }),
            )
            .await?;
        Ok(rsp.asset_info_array)
    }

    /// `origin_only` deletes just the source file and keeps transcoded outputs.
    pub async fn delete_assets(
        &self,
        asset_ids: &[String],
        origin_only: bool,
    ) -> Result<Vec<DeleteResult>, ApiError> {
        let mut query: Vec<(String, String)> = asset_ids
            .iter()
            .map(|id| ("asset_id".to_string(), id.clone()))
            .collect();
        if origin_only {
            query.push(("delete_type".to_string(), "origin".to_string()));
        }
        let rsp: DeleteRsp = self
            .call(
                Method::DELETE,
                &self.path("v1.0", "asset"),
                &query,
                None::<&()>,
            )
            .await?;
        Ok(rsp.delete_result_array)
    }

    pub async fn update_metadata(&self, req: &UpdateMetaReq) -> Result<(), ApiError> {
        self.call_empty(
            Method::PUT,
            &self.path("v1.0", "asset/info"),
            &[],
            Some(req),
        )
        .await
    }

    pub async fn update_asset(&self, req: &UpdateAssetReq) -> Result<UpdateAssetRsp, ApiError> {
        self.call(Method::PUT, &self.path("v1.0", "asset"), &[], Some(req))
            .await
    }

    /// Sets the cover from one of the asset's snapshot URLs (§10.6).
    pub async fn set_cover_from_snapshot(&self, thumbnail_url: &str) -> Result<(), ApiError> {
        #[derive(Serialize)]
        struct Req<'a> {
            #[serde(rename = "thumbnailUrl")]
            thumbnail_url: &'a str,
        }
        self.call_empty(
            Method::PUT,
            &self.path("v1.0", "asset/cover"),
            &[],
            Some(&Req { thumbnail_url }),
        )
        .await
    }

    // ---- categories ----

    pub async fn create_category(
        &self,
        name: &str,
        parent_id: Option<i64>,
    ) -> Result<Category, ApiError> {
        #[derive(Serialize)]
        struct Req<'a> {
            name: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            parent_id: Option<i64>,
        }
        let rsp: CategoryRsp = self
            .call(
                Method::POST,
                &self.path("v1.0", "asset/category"),
                &[],
                Some(&Req { name, parent_id }),
            )
            .await?;
        category_from_rsp(rsp)
    }

    pub async fn rename_category(&self, id: i64, name: &str) -> Result<Category, ApiError> {
        #[derive(Serialize)]
        struct Req<'a> {
            id: i64,
            name: &'a str,
        }
        let rsp: CategoryRsp = self
            .call(
                Method::PUT,
                &self.path("v1.0", "asset/category"),
                &[],
                Some(&Req { id, name }),
            )
            .await?;
        category_from_rsp(rsp)
    }

    pub async fn delete_category(&self, id: i64) -> Result<(), ApiError> {
        let query = vec![("id".to_string(), id.to_string())];
        self.call_empty(
            Method::DELETE,
            &self.path("v1.0", "asset/category"),
            &query,
            None::<&()>,
        )
        .await
    }

    /// v1.0 query: `id = 0` gives the level-1 categories with one level of children.
    pub async fn query_categories(&self, id: i64) -> Result<Vec<Category>, ApiError> {
        let query = vec![("id".to_string(), id.to_string())];
        let rsp: Vec<CategoryV1> = self
            .call(
                Method::GET,
                &self.path("v1.0", "asset/category"),
                &query,
                None::<&()>,
            )
            .await?;
        Ok(rsp.into_iter().map(|c| category_from_v1(c, None)).collect())
    }

    /// v2 query of 1..=10 ids (`0` = level-1 categories).
    pub async fn query_categories_v2(&self, ids: &[i64]) -> Result<Vec<Category>, ApiError> {
        let query: Vec<(String, String)> = ids
            .iter()
            .map(|i| ("id".to_string(), i.to_string()))
            .collect();
        let rsp: Vec<CategoryV2> = self
            .call(
                Method::GET,
                &self.path("v2", "asset/categories"),
                &query,
                None::<&()>,
            )
            .await?;
        Ok(rsp
            .into_iter()
            .map(|c| {
                let id = c.id.unwrap_or_default();
                Category {
                    id,
                    name: c.name,
                    parent_id: None,
                    level: None,
                    children: c
                        .sub_categories
                        .into_iter()
                        .map(|s| Category {
                            id: s.id.unwrap_or_default(),
                            name: s.name,
                            parent_id: Some(id),
                            level: None,
                            children: Vec::new(),
                        })
                        .collect(),
                }
            })
            .collect())
    }

    /// The whole category tree (up to 3 levels), walking the v1.0 query.
    pub async fn category_tree(&self) -> Result<Vec<Category>, ApiError> {
        let mut roots = self.query_categories(0).await?;
        for root in &mut roots {
            root.level = Some(1);
            for child in &mut root.children {
                child.level = Some(2);
                if let Some(full) = self
                    .query_categories(child.id)
                    .await?
                    .into_iter()
                    .find(|c| c.id == child.id)
                {
                    child.children = full
                        .children
                        .into_iter()
                        .map(|mut g| {
                            g.level = Some(3);
                            g
                        })
                        .collect();
                }
            }
        }
        Ok(roots)
    }

    // ---- templates ----

    pub async fn template_groups(
        &self,
        page: u32,
        size: u32,
    ) -> Result<TemplateGroupsRsp, ApiError> {
        let query = vec![
            ("page".to_string(), page.to_string()),
            ("size".to_string(), size.clamp(1, 100).to_string()),
        ];
        self.call(
            Method::GET,
            &self.path("v1.0", "asset/template_group/transcodings"),
            &query,
            None::<&()>,
        )
        .await
    }

    /// Every template group, paging through the list.
    pub async fn all_template_groups(&self) -> Result<Vec<TemplateGroupWire>, ApiError> {
        let mut out = Vec::new();
        for page in 0..100 {
            let rsp = self.template_groups(page, 100).await?;
            let n = rsp.template_group_list.len();
            out.extend(rsp.template_group_list);
            if n < 100 || rsp.total.is_some_and(|t| out.len() as i64 >= t) {
                break;
            }
        }
        Ok(out)
    }

    // ---- OBS integration ----

    pub async fn authorize_bucket(&self, bucket: &str, grant: bool) -> Result<(), ApiError> {
        #[derive(Serialize)]
        struct Req<'a> {
            bucket: &'a str,
            operation: &'a str,
        }
        let operation = if grant { "1" } else { "0" };
        self.call_empty(
            Method::PUT,
            &self.path("v1.0", "asset/authority"),
            &[],
            Some(&Req { bucket, operation }),
        )
        .await
    }

    pub async fn reproduction(&self, req: &ReproductionReq) -> Result<String, ApiError> {
        let rsp: AssetIdRsp = self
            .call(
                Method::POST,
                &self.path("v1.0", "asset/reproduction"),
                &[],
                Some(req),
            )
            .await?;
        if rsp.asset_id.is_empty() {
            return Err(malformed("reproduction returned no asset_id"));
        }
        Ok(rsp.asset_id)
    }

    pub async fn upload_by_url(
        &self,
        items: &[UrlUploadItem],
    ) -> Result<Vec<UrlUploadResult>, ApiError> {
        #[derive(Serialize)]
        struct Req<'a> {
            upload_metadatas: &'a [UrlUploadItem],
        }
        let rsp: UrlUploadRsp = self
            .call(
                Method::POST,
                &self.path("v1.0", "asset/upload_by_url"),
                &[],
                Some(&Req {
                    upload_metadatas: items,
                }),
            )
            .await?;
        Ok(rsp.upload_assets)
    }
}

fn push_opt(query: &mut Vec<(String, String)>, key: &str, value: Option<String>) {
    if let Some(v) = value {
        query.push((key.to_string(), v));
    }
}

fn header_str(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn malformed(what: &str) -> ApiError {
    ApiError::new(ErrorKind::MalformedResponse, what)
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let slice = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        bytes
    };
    serde_json::from_slice(slice).map_err(|e| {
        let preview: String = String::from_utf8_lossy(bytes).chars().take(120).collect();
        malformed(&format!("unexpected reply ({e}): {preview}"))
    })
}

fn category_from_rsp(rsp: CategoryRsp) -> Result<Category, ApiError> {
    Ok(Category {
        id: rsp
            .id
            .ok_or_else(|| malformed("category reply has no id"))?,
        name: rsp.name,
        parent_id: rsp.parent_id,
        level: rsp.level.map(|l| l as u32),
        children: Vec::new(),
    })
}

fn category_from_v1(c: CategoryV1, parent: Option<i64>) -> Category {
    let id = c.id.unwrap_or_default();
    Category {
        id,
        name: c.name,
        parent_id: parent,
        level: None,
        children: c
            .children
            .into_iter()
            .map(|k| category_from_v1(k, Some(id)))
            .collect(),
    }
}

/// Time budget for one VOD call.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(60);
