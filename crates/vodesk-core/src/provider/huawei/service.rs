//! [`VodService`] for Huawei VOD: the client ([`HuaweiVod`]) for the catalogue and uploads, the
//! OBS client for the bucket browser.

use std::sync::Arc;

use async_trait::async_trait;

use super::client::{HuaweiVod, ListAssetsQuery};
use super::mapping;
use super::status::HwAssetStatus;
use super::uploads;
use super::wire::{
    AssetInfo, InputAddr, ReproductionReq, UpdateMetaReq, UrlUploadItem, tags_field,
};
use crate::model::{
    Accepts, AssetDetails, AssetState, Category, LengthUnit, Limits, MediaType, Preset, PresetKind,
    UploadMetadata, WorkflowRef,
};
use crate::provider::api::*;
use crate::provider::check::Verdict;
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;
use crate::storage::{
    BucketInfo, ListObjectsQuery, ObjectListPage, ObsClient, RequestSigner, UnfinishedUpload,
};

/// The documented rules (huawei-vod-api.md §4.1, §6.3, §11, §13.3).
pub const CAPABILITIES: Capabilities = Capabilities {
    limits: Limits {
        accepts: Accepts {
            encryption: true,
            preheat: true,
            thumbnails: true,
            subtitles: true,
            cover: true,
            review: true,
            workflow: Some(WorkflowRef::Name),
            expiry: false,
        },
        preset_kind: PresetKind::TemplateGroup,
        unit: LengthUnit::Bytes,
        title_max: 128,
        description_max: 1024,
        tags_max_count: 16,
        // The stricter of the two documented limits (16 vs 24 bytes).
        tag_max: 16,
        preset_max: 128,
        category_name_max: 64,
        category_levels: 3,
        url_imports_max: 16,
    },
    parts: PartRules {
        single_put_max: 20 * 1000 * 1000,
        part_size_min: 1024 * 1024,
        part_size_max: 5 * 1024 * 1024 * 1024,
        // Keeps List Parts within one page (§6.2 point 3).
        max_parts: 1000,
    },
    publish: Some(PublishModel::Publish),
    asset_id_at_open: true,
    per_call_authorization: true,
    refreshable_credentials: false,
    duplicate_check: true,
    cover_from_snapshot: true,
    cover_image: false,
    delete_original_only: true,
    buckets: true,
    bucket_authorization: true,
    url_import: true,
};

pub struct HuaweiService {
    vod: Arc<HuaweiVod>,
    obs: ObsClient,
}

impl HuaweiService {
    pub fn new(vod: HuaweiVod, obs: ObsClient) -> Self {
        HuaweiService {
            vod: Arc::new(vod),
            obs,
        }
    }

    /// The service over a client shared with other code (its tests drive both).
    pub fn over(vod: Arc<HuaweiVod>, obs: ObsClient) -> Self {
        HuaweiService { vod, obs }
    }

    /// The API client, for what only Huawei has (IAM project look-up).
    pub fn client(&self) -> &HuaweiVod {
        &self.vod
    }
}

/// Publish / unpublish results: the merged status each asset is in now, and whether that is
/// what was asked for.
fn item_results(infos: Vec<AssetInfo>, worked: fn(&HwAssetStatus) -> bool) -> Vec<ItemResult> {
    infos
        .into_iter()
        .map(|i| ItemResult {
            ok: i.status.as_ref().is_some_and(worked),
            status: i.status.as_ref().map(HwAssetStatus::neutral),
            reason: i.description.filter(|d| !d.trim().is_empty()),
            asset_id: i.asset_id,
        })
        .collect()
}

fn list_query(q: &AssetQuery, page: u32) -> ListAssetsQuery {
    ListAssetsQuery {
        asset_ids: q.ids.clone(),
        status: q
            .states
            .iter()
            .flat_map(|s| HwAssetStatus::filter_values(*s))
            .map(|s| s.to_string())
            .collect(),
        start_time: q.created_from.map(mapping::format_time),
        end_time: q.created_to.map(mapping::format_time),
        category_id: q.category_id,
        tags: tags_field(&q.tags),
        query_string: q.text.clone().filter(|t| !t.trim().is_empty()),
        media_type: q.formats.iter().map(|f| f.to_ascii_uppercase()).collect(),
        page,
        size: q.page_size,
        order: Some(if q.oldest_first { "asc" } else { "desc" }.into()),
    }
}

#[async_trait]
impl Catalogue for HuaweiService {
    async fn list_assets(
        &self,
        q: &AssetQuery,
        cursor: Option<&Cursor>,
    ) -> Result<AssetPage, ApiError> {
        let page = match cursor {
            Some(c) => c.0.parse::<u32>().map_err(|_| {
                ApiError::new(
                    ErrorKind::BadParameter,
                    format!("bad list cursor {:?}", c.0),
                )
            })?,
            None => 0,
        };
        let query = list_query(q, page);
        let size = query.size.clamp(1, 100) as usize;
        let rsp = self.vod.list_assets(&query).await?;
        let full = rsp.assets.len() >= size;
        Ok(AssetPage {
            total: rsp.total,
            next: full.then(|| Cursor((page + 1).to_string())),
            assets: rsp.assets.into_iter().map(mapping::asset).collect(),
        })
    }

    async fn asset_details(&self, asset_id: &str) -> Result<AssetDetails, ApiError> {
        let row_query = ListAssetsQuery {
            asset_ids: vec![asset_id.to_string()],
            size: 1,
            ..Default::default()
        };
        let (details, rows) = tokio::try_join!(
            self.vod.asset_details(asset_id, &[]),
            self.vod.list_assets(&row_query)
        )?;
        Ok(mapping::details(details, rows.assets.into_iter().next()))
    }

    async fn edit_asset(&self, asset_id: &str, edit: &MetadataEdit) -> Result<(), ApiError> {
        self.vod
            .update_metadata(&UpdateMetaReq {
                asset_id: asset_id.to_string(),
                title: edit.title.clone(),
                description: edit.description.clone(),
                category_id: edit.category_id,
                tags: edit
                    .tags
                    .as_ref()
                    .map(|t| tags_field(t).unwrap_or_default()),
            })
            .await
    }

    async fn publish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        Ok(item_results(self.vod.publish(asset_ids).await?, |s| {
            *s == HwAssetStatus::Published
        }))
    }

    async fn unpublish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        // An unpublished asset with a template group reports its transcoding state (§3.3).
        Ok(item_results(self.vod.unpublish(asset_ids).await?, |s| {
            s.state() == AssetState::Unpublished
                || s.state() == AssetState::Processing
                || *s == HwAssetStatus::TranscodeFailed
        }))
    }

    async fn delete(
        &self,
        asset_ids: &[String],
        scope: DeleteScope,
    ) -> Result<Vec<ItemResult>, ApiError> {
        let origin_only = scope == DeleteScope::OriginalOnly;
        Ok(self
            .vod
            .delete_assets(asset_ids, origin_only)
            .await?
            .into_iter()
            .map(|r| {
                let status = HwAssetStatus::parse(&r.status.unwrap_or_default());
                ItemResult {
                    ok: matches!(status, HwAssetStatus::Deleted | HwAssetStatus::Deleting),
                    status: Some(status.neutral()),
                    reason: None,
                    asset_id: r.asset_id,
                }
            })
            .collect())
    }

    async fn set_cover_from_snapshot(
        &self,
        _asset_id: &str,
        snapshot_url: &str,
    ) -> Result<(), ApiError> {
        // The snapshot URL names its asset (§10.6).
        self.vod.set_cover_from_snapshot(snapshot_url).await
    }

    async fn categories(&self) -> Result<Vec<Category>, ApiError> {
        self.vod.category_tree().await
    }

    async fn create_category(
        &self,
        name: &str,
        parent_id: Option<i64>,
    ) -> Result<Category, ApiError> {
        self.vod.create_category(name, parent_id).await
    }

    async fn rename_category(&self, id: i64, name: &str) -> Result<Category, ApiError> {
        self.vod.rename_category(id, name).await
    }

    async fn delete_category(&self, id: i64) -> Result<(), ApiError> {
        self.vod.delete_category(id).await
    }

    async fn presets(&self) -> Result<Vec<Preset>, ApiError> {
        Ok(self
            .vod
            .all_template_groups()
            .await?
            .into_iter()
            .map(mapping::preset)
            .collect())
    }
}

#[async_trait]
impl Uploads for HuaweiService {
    fn http(&self) -> &reqwest::Client {
        self.vod.http()
    }

    async fn open_upload(&self, file: &UploadFile<'_>) -> Result<OpenedUpload, ApiError> {
        uploads::open(&self.vod, file).await
    }

    async fn reopen_upload(
        &self,
        session: &UploadSession,
        file: &UploadFile<'_>,
    ) -> Result<Arc<dyn RequestSigner>, ApiError> {
        Ok(uploads::reopen(&self.vod, session, file))
    }

    async fn finish_upload(
        &self,
        session: &UploadSession,
        _file: &UploadFile<'_>,
    ) -> Result<Finished, ApiError> {
        uploads::finish(&self.vod, session).await
    }

    async fn abandon_upload(&self, session: &UploadSession, why: Abandon) -> Result<(), ApiError> {
        uploads::abandon(&self.vod, session, why).await
    }

    async fn find_duplicate(
        &self,
        size: u64,
        head_md5_hex: &str,
    ) -> Result<Option<String>, ApiError> {
        let dup = self.vod.check_duplication(size, head_md5_hex).await?;
        Ok(if dup.is_duplicated == Some(1) {
            dup.asset_ids.into_iter().next()
        } else {
            None
        })
    }
}

#[async_trait]
impl Buckets for HuaweiService {
    async fn list_buckets(&self) -> Result<Vec<BucketInfo>, ApiError> {
        let retry = &self.vod.config().retry;
        retry.run("list buckets", |_| self.obs.list_buckets()).await
    }

    async fn list_objects(
        &self,
        bucket: &str,
        query: &ListObjectsQuery,
    ) -> Result<ObjectListPage, ApiError> {
        let retry = &self.vod.config().retry;
        retry
            .run("list objects", |_| self.obs.list_objects(bucket, query))
            .await
    }

    async fn unfinished_uploads(&self, bucket: &str) -> Result<Vec<UnfinishedUpload>, ApiError> {
        let retry = &self.vod.config().retry;
        retry
            .run("list unfinished uploads", |_| {
                self.obs.unfinished_uploads(bucket)
            })
            .await
    }

    async fn abort_upload(&self, bucket: &str, key: &str, upload_id: &str) -> Result<(), ApiError> {
        let retry = &self.vod.config().retry;
        retry
            .run("abort an unfinished upload", |_| {
                self.obs.abort_multipart_upload(bucket, key, upload_id)
            })
            .await
    }

    async fn authorize_bucket(&self, bucket: &str, grant: bool) -> Result<(), ApiError> {
        self.vod.authorize_bucket(bucket, grant).await
    }

    async fn import_object(
        &self,
        bucket: &str,
        key: &str,
        media: &MediaType,
        metadata: &UploadMetadata,
    ) -> Result<String, ApiError> {
        let req = ReproductionReq::from_metadata(
            metadata,
            media,
            InputAddr {
                bucket: bucket.to_string(),
                location: self.vod.config().region.clone(),
                object: key.to_string(),
            },
        );
        self.vod.reproduction(&req).await
    }

    async fn import_urls(&self, items: &[UrlImport]) -> Result<Vec<UrlImported>, ApiError> {
        let reqs: Vec<UrlUploadItem> = items
            .iter()
            .map(|i| UrlUploadItem::from_metadata(&i.metadata, &i.media, &i.url))
            .collect();
        Ok(self
            .vod
            .upload_by_url(&reqs)
            .await?
            .into_iter()
            .map(|r| {
                let accepted = r
                    .error_code
                    .as_deref()
                    .is_none_or(|c| c.is_empty() || c == "0");
                UrlImported {
                    url: r.url.unwrap_or_default(),
                    asset_id: r.asset_id.clone().filter(|_| accepted),
                    error: (!accepted || r.asset_id.is_none()).then(|| {
                        format!(
                            "{} ({})",
                            r.error_msg.unwrap_or_default(),
                            r.error_code.unwrap_or_default()
                        )
                    }),
                }
            })
            .collect())
    }
}

#[async_trait]
impl VodService for HuaweiService {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Huawei
    }

    fn capabilities(&self) -> &Capabilities {
        &CAPABILITIES
    }

    fn account_key(&self) -> String {
        let c = self.vod.config();
        format!("huawei:{}:{}", c.project_id, c.credentials.access_key)
    }

    fn endpoint(&self) -> String {
        self.vod.config().endpoint.base()
    }

    async fn test_connection(&self) -> Verdict {
        self.vod.test_connection().await
    }
}
