//! [`VodService`] for Tencent VOD: the catalogue over `SearchMedia` / `DescribeMediaInfos` /
//! `ModifyMediaInfo`, classes, task flows as presets, publish as `ForbidMediaDistribution`
//! recover / forbid (§A.9), uploads through COS, imports by URL as `PullUpload` tasks.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use serde_json::{Value, json};

use crate::model::metadata::CoverImage;

use super::client::TencentVod;
use super::mapping;
use super::uploads::{self, Sessions};
use super::wire::{
    CreateClassRsp, DescribeAllClassRsp, DescribeMediaInfosRsp, DescribeProcedureTemplatesRsp,
    MediaInfo, NotExistRsp, SearchMediaRsp, TaskRsp,
};
use crate::model::{
    Accepts, AssetDetails, AssetState, Category, LengthUnit, Limits, Preset, PresetKind,
};
use crate::provider::api::*;
use crate::provider::check::Verdict;
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;
use crate::storage::RequestSigner;

/// The documented rules (§A.4, §A.8; names and tags are counted in characters).
pub const CAPABILITIES: Capabilities = Capabilities {
    limits: Limits {
        // Snapshots, encryption and the rest are a task flow's business on Tencent (§A.8).
        accepts: Accepts {
            encryption: false,
            preheat: false,
            thumbnails: false,
            subtitles: false,
            cover: true,
            review: false,
            workflow: None,
            expiry: true,
        },
        preset_kind: PresetKind::TaskFlow,
        unit: LengthUnit::Chars,
        title_max: 64,
        description_max: 128,
        tags_max_count: 16,
        tag_max: 32,
        // A task flow's name.
        preset_max: 20,
        category_name_max: 64,
        category_levels: 4,
        url_imports_max: 16,
    },
    parts: PartRules {
        single_put_max: 20 * 1000 * 1000,
        // [INF] COS's minimum part is commonly documented as 1 MB but unverified (§A.5).
        part_size_min: 1024 * 1024,
        part_size_max: 5 * 1024 * 1024 * 1024,
        // COS allows 10,000; kept within one List Parts page.
        max_parts: 1000,
    },
    publish: Some(PublishModel::Distribution),
    asset_id_at_open: false,
    per_call_authorization: false,
    refreshable_credentials: false,
    duplicate_check: false,
    cover_from_snapshot: false,
    cover_image: true,
    delete_original_only: true,
    buckets: false,
    bucket_authorization: false,
    url_import: true,
};

/// `SearchMedia` pages: `Offset + Limit` may not pass 5,000 (§A.8).
const SEARCH_WINDOW: u32 = 5000;
/// `ForbidMediaDistribution` and `DescribeMediaInfos` take at most 20 ids.
const BATCH: usize = 20;
/// How long an import by URL is followed before it is reported as still running.
const PULL_PATIENCE: Duration = Duration::from_secs(30);

pub struct TencentService {
    vod: Arc<TencentVod>,
    sessions: Sessions,
    /// Where COS is reached instead of each bucket's own host (the local service).
    cos_endpoint: Option<String>,
}

impl TencentService {
    pub fn new(
        vod: TencentVod,
        cos_endpoint: Option<String>,
        vault: Option<Arc<dyn crate::storage::CredentialVault>>,
    ) -> Self {
        TencentService {
            vod: Arc::new(vod),
            sessions: Sessions::new(vault),
            cos_endpoint,
        }
    }

    async fn media(
        &self,
        ids: &[String],
        filters: &[&str],
    ) -> Result<DescribeMediaInfosRsp, ApiError> {
        self.vod
            .call(
                "DescribeMediaInfos",
                json!({ "FileIds": ids, "Filters": filters }),
            )
            .await
    }

    async fn one_media(&self, id: &str, filters: &[&str]) -> Result<MediaInfo, ApiError> {
        let rsp = self.media(&[id.to_string()], filters).await?;
        rsp.media_info_set
            .into_iter()
            .find(|m| m.file_id == id)
            .ok_or_else(|| {
                let mut e = ApiError::new(ErrorKind::NotFound, format!("no media {id}"));
                e.code = Some("ResourceNotFound.FileNotExist".into());
                e
            })
    }

    /// Forbids or recovers distribution, 20 at a time.
    async fn distribution(
        &self,
        ids: &[String],
        operation: &str,
        after: &str,
    ) -> Result<Vec<ItemResult>, ApiError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(BATCH) {
            let rsp: NotExistRsp = self
                .vod
                .call(
                    "ForbidMediaDistribution",
                    json!({ "FileIds": chunk, "Operation": operation }),
                )
                .await?;
            for id in chunk {
                let missing = rsp.not_exist_file_id_set.contains(id);
                out.push(ItemResult {
                    asset_id: id.clone(),
                    ok: !missing,
                    status: (!missing).then(|| mapping::status(after)),
                    reason: missing.then(|| "there is no such media".to_string()),
                });
            }
        }
        Ok(out)
    }

    /// Follows a `PullUpload` task until it names its media (or patience runs out).
    async fn pulled(&self, task: &str) -> Result<Option<String>, ApiError> {
        let deadline = tokio::time::Instant::now() + PULL_PATIENCE;
        let mut wait = Duration::from_millis(200);
        loop {
            let detail: Value = self
                .vod
                .call("DescribeTaskDetail", json!({ "TaskId": task }))
                .await?;
            let status = detail["Status"].as_str().unwrap_or_default();
            let pull = &detail["PullUploadTask"];
            if let Some(id) = pull["FileId"].as_str().filter(|id| !id.is_empty())
                && status == "FINISH"
            {
                return Ok(Some(id.to_string()));
            }
            if status == "FINISH" || status == "ABORTED" {
                let code = pull["ErrCodeExt"]
                    .as_str()
                    .or(pull["ErrCode"].as_str())
                    .unwrap_or("FailedOperation");
                let message = pull["Message"].as_str().unwrap_or("the import failed");
                let mut e = ApiError::new(ErrorKind::Other, message);
                e.code = Some(code.to_string());
                return Err(e);
            }
            if tokio::time::Instant::now() >= deadline {
                return Ok(None);
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(3));
        }
    }
}

fn unavailable(what: &str) -> ApiError {
    ApiError::new(
        ErrorKind::BadParameter,
        format!("{what} is not available with Tencent Cloud VOD"),
    )
}

/// vodesk's "Other" (-1) is Tencent's class 0.
fn class_id(id: Option<i64>) -> Option<i64> {
    id.map(|c| c.max(0))
}

#[async_trait]
impl Catalogue for TencentService {
    async fn list_assets(
        &self,
        q: &AssetQuery,
        cursor: Option<&Cursor>,
    ) -> Result<AssetPage, ApiError> {
        let offset: u32 = match cursor {
            Some(c) => c.0.parse().map_err(|_| {
                ApiError::new(
                    ErrorKind::BadParameter,
                    format!("bad list cursor {:?}", c.0),
                )
            })?,
            None => 0,
        };
        let statuses: Vec<&str> = q
            .states
            .iter()
            .flat_map(|s| mapping::status_filter(*s))
            .copied()
            .collect();
        // Only some states exist on Tencent media: asking for the others finds nothing.
        if !q.states.is_empty() && statuses.is_empty() {
            return Ok(AssetPage {
                assets: Vec::new(),
                total: Some(0),
                next: None,
            });
        }
        let limit = q
            .page_size
            .clamp(1, 100)
            .min(SEARCH_WINDOW - offset.min(SEARCH_WINDOW - 1));
        let mut p = json!({
            "Offset": offset,
            "Limit": limit,
            "Filters": ["basicInfo", "metaData"],
            "Sort": { "Field": "CreateTime", "Order": if q.oldest_first { "Asc" } else { "Desc" } },
        });
        if !q.ids.is_empty() {
            p["FileIds"] = json!(q.ids);
        }
        if let Some(t) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
            p["Names"] = json!([t.trim()]);
        }
        if !q.tags.is_empty() {
            p["Tags"] = json!(q.tags);
        }
        if let Some(c) = q.category_id {
            p["ClassIds"] = json!([c.max(0)]);
        }
        if !statuses.is_empty() {
            p["Status"] = json!(statuses);
        }
        if !q.formats.is_empty() {
            // [INF] `MediaTypes` takes container types; sent lower case as ApplyUpload's are.
            let f: Vec<String> = q.formats.iter().map(|f| f.to_ascii_lowercase()).collect();
            p["MediaTypes"] = json!(f);
        }
        if q.created_from.is_some() || q.created_to.is_some() {
            let mut range = json!({});
            if let Some(t) = q.created_from {
                range["After"] = json!(mapping::format_time(t));
            }
            if let Some(t) = q.created_to {
                // `Before` is exclusive: the last second asked for stays in.
                range["Before"] = json!(mapping::format_time(t + chrono::Duration::seconds(1)));
            }
            p["CreateTime"] = range;
        }
        let rsp: SearchMediaRsp = self.vod.call("SearchMedia", p).await?;
        let got = rsp.media_info_set.len() as u32;
        let reached = offset + got;
        let more = got == limit
            && rsp.total_count.is_none_or(|t| (reached as i64) < t)
            && reached < SEARCH_WINDOW;
        Ok(AssetPage {
            total: rsp.total_count,
            next: more.then(|| Cursor(reached.to_string())),
            assets: rsp.media_info_set.iter().map(mapping::asset).collect(),
        })
    }

    async fn asset_details(&self, asset_id: &str) -> Result<AssetDetails, ApiError> {
        let m = self
            .one_media(asset_id, &["basicInfo", "metaData", "transcodeInfo"])
            .await?;
        Ok(mapping::details(&m))
    }

    async fn edit_asset(&self, asset_id: &str, edit: &MetadataEdit) -> Result<(), ApiError> {
        let mut p = json!({ "FileId": asset_id });
        if let Some(t) = &edit.title {
            p["Name"] = json!(t);
        }
        if let Some(d) = &edit.description {
            p["Description"] = json!(d);
        }
        if let Some(c) = class_id(edit.category_id) {
            p["ClassId"] = json!(c);
        }
        // Tencent edits tags by difference (§A.8): what to add and what to drop.
        if let Some(tags) = &edit.tags {
            let current = self
                .one_media(asset_id, &["basicInfo"])
                .await?
                .basic_info
                .unwrap_or_default()
                .tag_set;
            let add: Vec<&String> = tags.iter().filter(|t| !current.contains(t)).collect();
            let drop: Vec<&String> = current.iter().filter(|t| !tags.contains(t)).collect();
            if !add.is_empty() {
                p["AddTags"] = json!(add);
            }
            if !drop.is_empty() {
                p["DeleteTags"] = json!(drop);
            }
        }
        let _: Value = self.vod.call("ModifyMediaInfo", p).await?;
        Ok(())
    }

    async fn publish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        self.distribution(asset_ids, "recover", "Normal").await
    }

    async fn unpublish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        self.distribution(asset_ids, "forbid", "Forbidden").await
    }

    async fn delete(
        &self,
        asset_ids: &[String],
        scope: DeleteScope,
    ) -> Result<Vec<ItemResult>, ApiError> {
        let mut out = Vec::new();
        for id in asset_ids {
            let mut p = json!({ "FileId": id });
            if scope == DeleteScope::OriginalOnly {
                p["DeleteParts"] = json!([{ "Type": "OriginalFiles" }]);
            }
            let r: Result<Value, ApiError> = self.vod.call("DeleteMedia", p).await;
            out.push(match r {
                Ok(_) => ItemResult {
                    asset_id: id.clone(),
                    ok: true,
                    status: Some(crate::model::AssetStatus::new(AssetState::Deleted, "")),
                    reason: None,
                },
                // One media refused: say which and why; the others go on.
                Err(e) if !e.is_retryable() => ItemResult {
                    asset_id: id.clone(),
                    ok: false,
                    status: None,
                    reason: Some(e.to_string()),
                },
                Err(e) => return Err(e),
            });
        }
        Ok(out)
    }

    async fn set_cover_from_snapshot(
        &self,
        _asset_id: &str,
        _snapshot_url: &str,
    ) -> Result<(), ApiError> {
        Err(unavailable("Making a snapshot the cover"))
    }

    async fn set_cover_image(&self, asset_id: &str, image: &CoverImage) -> Result<(), ApiError> {
        // `CoverData`: the image itself, base64 (§A.8); the service stores it as the cover.
        let data = base64::engine::general_purpose::STANDARD.encode(&image.bytes);
        let _: serde_json::Value = self
            .vod
            .call(
                "ModifyMediaInfo",
                json!({ "FileId": asset_id, "CoverData": data }),
            )
            .await?;
        Ok(())
    }

    async fn categories(&self) -> Result<Vec<Category>, ApiError> {
        let rsp: DescribeAllClassRsp = self.vod.call("DescribeAllClass", json!({})).await?;
        Ok(mapping::class_tree(&rsp.class_info_set))
    }

    async fn create_category(
        &self,
        name: &str,
        parent_id: Option<i64>,
    ) -> Result<Category, ApiError> {
        let rsp: CreateClassRsp = self
            .vod
            .call(
                "CreateClass",
                json!({ "ParentId": parent_id.unwrap_or(-1), "ClassName": name }),
            )
            .await?;
        let id = rsp.class_id.ok_or_else(|| {
            ApiError::new(
                ErrorKind::MalformedResponse,
                "CreateClass returned no ClassId",
            )
        })?;
        Ok(Category {
            id,
            name: name.to_string(),
            parent_id,
            level: None,
            children: Vec::new(),
        })
    }

    async fn rename_category(&self, id: i64, name: &str) -> Result<Category, ApiError> {
        let _: Value = self
            .vod
            .call("ModifyClass", json!({ "ClassId": id, "ClassName": name }))
            .await?;
        Ok(Category {
            id,
            name: name.to_string(),
            parent_id: None,
            level: None,
            children: Vec::new(),
        })
    }

    async fn delete_category(&self, id: i64) -> Result<(), ApiError> {
        let _: Value = self
            .vod
            .call("DeleteClass", json!({ "ClassId": id }))
            .await?;
        Ok(())
    }

    async fn presets(&self) -> Result<Vec<Preset>, ApiError> {
        let mut out = Vec::new();
        for page in 0..50u32 {
            let rsp: DescribeProcedureTemplatesRsp = self
                .vod
                .call(
                    "DescribeProcedureTemplates",
                    json!({ "Offset": page * 100, "Limit": 100 }),
                )
                .await?;
            let n = rsp.procedure_template_set.len();
            out.extend(rsp.procedure_template_set.into_iter().map(mapping::preset));
            if n < 100 || rsp.total_count.is_some_and(|t| out.len() as i64 >= t) {
                break;
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl Uploads for TencentService {
    fn http(&self) -> &reqwest::Client {
        self.vod.http()
    }

    async fn open_upload(&self, file: &UploadFile<'_>) -> Result<OpenedUpload, ApiError> {
        uploads::open(
            &self.vod,
            &self.sessions,
            self.cos_endpoint.as_deref(),
            file,
        )
        .await
    }

    async fn reopen_upload(
        &self,
        session: &UploadSession,
        _file: &UploadFile<'_>,
    ) -> Result<Arc<dyn RequestSigner>, ApiError> {
        uploads::reopen(
            &self.vod,
            &self.sessions,
            self.cos_endpoint.as_deref(),
            session,
        )
        .await
    }

    async fn finish_upload(
        &self,
        session: &UploadSession,
        file: &UploadFile<'_>,
    ) -> Result<Finished, ApiError> {
        uploads::finish(&self.vod, &self.sessions, session, file).await
    }

    async fn abandon_upload(&self, session: &UploadSession, _why: Abandon) -> Result<(), ApiError> {
        // [INF] Tencent has no call to drop a session: one never committed makes no media,
        // and its storage is the service's to reclaim. Its certificate is no longer kept.
        uploads::abandon(&self.sessions, session).await;
        Ok(())
    }

    async fn find_duplicate(
        &self,
        _size: u64,
        _head_md5_hex: &str,
    ) -> Result<Option<String>, ApiError> {
        Ok(None)
    }
}

#[async_trait]
impl Buckets for TencentService {
    async fn import_urls(&self, items: &[UrlImport]) -> Result<Vec<UrlImported>, ApiError> {
        let mut out = Vec::new();
        for item in items {
            let meta = &item.metadata;
            let mut p = json!({
                "MediaUrl": item.url,
                "MediaType": item.media.code.to_ascii_lowercase(),
                "MediaName": meta.title,
            });
            if let Some(c) = meta.category_id.filter(|c| *c > 0) {
                p["ClassId"] = json!(c);
            }
            if let Some(procedure) = &meta.preset {
                p["Procedure"] = json!(procedure);
            }
            if let Some(t) = meta.expires_at {
                p["ExpireTime"] = json!(uploads::iso_time(t));
            }
            let r: Result<TaskRsp, ApiError> = self.vod.call("PullUpload", p).await;
            let result = match r {
                Ok(t) => self.pulled(&t.task_id).await.map(|id| (id, t.task_id)),
                Err(e) => Err(e),
            };
            out.push(UrlImported::from_outcome(&item.url, result));
        }
        Ok(out)
    }
}

#[async_trait]
impl VodService for TencentService {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Tencent
    }

    fn capabilities(&self) -> &Capabilities {
        &CAPABILITIES
    }

    fn account_key(&self) -> String {
        let c = self.vod.config();
        let app = c
            .sub_app_id
            .map_or_else(|| "default".to_string(), |id| id.to_string());
        format!("tencent:{app}:{}", c.credentials.access_key)
    }

    fn endpoint(&self) -> String {
        self.vod
            .config()
            .endpoint
            .as_str()
            .trim_end_matches('/')
            .to_string()
    }

    async fn test_connection(&self) -> Verdict {
        self.vod.test_connection().await
    }
}
