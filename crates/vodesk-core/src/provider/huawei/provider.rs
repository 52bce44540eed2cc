//! [`VodProvider`] for Huawei VOD.

use async_trait::async_trait;

use super::client::{HuaweiVod, ListAssetsQuery};
use super::wire::{AssetInfo, CreateAssetReq, UpdateMetaReq, tags_field};
use crate::model::{AssetDetails, AssetStatus, Category, TemplateGroup, UploadMetadata};
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::vod::*;

fn item_results(infos: Vec<AssetInfo>, wanted: AssetStatus) -> Vec<ItemResult> {
    infos
        .into_iter()
        .map(|i| {
            let status = i
                .status
                .clone()
                .unwrap_or(AssetStatus::Other(String::new()));
            ItemResult {
                ok: status == wanted,
                detail: match &i.description {
                    Some(d) if !d.is_empty() => format!("{status}: {d}"),
                    _ => status.to_string(),
                },
                asset_id: i.asset_id,
            }
        })
        .collect()
}

#[async_trait]
impl VodProvider for HuaweiVod {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Huawei
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            publish: true,
            per_call_part_authorization: true,
            refreshable_credentials: false,
            category_levels: 3,
        }
    }

    async fn open_upload(
        &self,
        file: &UploadFile,
        meta: &UploadMetadata,
    ) -> Result<UploadSession, ApiError> {
        let mut req = CreateAssetReq::from_metadata(meta, &file.file_name, &file.media);
        req.video_md5 = file.md5_b64.clone();
        req.cover_md5 = file.cover_md5_b64.clone();
        let rsp = self.create_asset(&req).await?;
        let target = rsp.target.unwrap_or_default();
        Ok(UploadSession {
            provider: ProviderKind::Huawei,
            handle: rsp.asset_id.clone(),
            asset_id: Some(rsp.asset_id),
            target: UploadTarget::Presigned {
                video_url: rsp.video_upload_url.ok_or_else(|| {
                    ApiError::new(
                        ErrorKind::MalformedResponse,
                        "create asset returned no video_upload_url",
                    )
                })?,
                cover_url: rsp.cover_upload_url,
                subtitle_urls: rsp.subtitle_upload_urls.unwrap_or_default(),
                bucket: target.bucket.unwrap_or_default(),
                object: target.object.unwrap_or_default(),
                location: target.location,
            },
        })
    }

    async fn finish_upload(
        &self,
        session: &UploadSession,
        end: UploadEnd,
    ) -> Result<Option<String>, ApiError> {
        let status = match end {
            UploadEnd::Uploaded => "CREATED",
            UploadEnd::Failed => "FAILED",
            UploadEnd::Cancelled => "CANCELLED",
        };
        self.confirm_upload(&session.handle, status).await?;
        Ok(Some(session.handle.clone()))
    }

    async fn list_assets(&self, q: &AssetQuery) -> Result<AssetPage, ApiError> {
        let rsp = HuaweiVod::list_assets(
            self,
            &ListAssetsQuery {
                query_string: q.text.clone(),
                status: q.status.clone(),
                category_id: q.category_id,
                media_type: q.media_type.clone(),
                start_time: q.created_from.clone(),
                end_time: q.created_to.clone(),
                page: q.page,
                size: q.page_size,
                order: Some(if q.oldest_first { "asc" } else { "desc" }.into()),
                ..Default::default()
            },
        )
        .await?;
        Ok(AssetPage {
            total: rsp.total,
            assets: rsp.assets,
        })
    }

    async fn asset_details(&self, asset_id: &str) -> Result<AssetDetails, ApiError> {
        HuaweiVod::asset_details(self, asset_id, &[]).await
    }

    async fn publish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        Ok(item_results(
            HuaweiVod::publish(self, asset_ids).await?,
            AssetStatus::Published,
        ))
    }

    async fn unpublish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        Ok(item_results(
            HuaweiVod::unpublish(self, asset_ids).await?,
            AssetStatus::Created,
        ))
    }

    async fn delete(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        Ok(self
            .delete_assets(asset_ids, false)
            .await?
            .into_iter()
            .map(|r| {
                let detail = r.status.unwrap_or_default();
                ItemResult {
                    ok: detail == "DELETED",
                    detail,
                    asset_id: r.asset_id,
                }
            })
            .collect())
    }

    async fn edit_metadata(&self, asset_id: &str, edit: &MetadataEdit) -> Result<(), ApiError> {
        self.update_metadata(&UpdateMetaReq {
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

    async fn categories(&self) -> Result<Vec<Category>, ApiError> {
        self.category_tree().await
    }

    async fn create_category(
        &self,
        name: &str,
        parent_id: Option<i64>,
    ) -> Result<Category, ApiError> {
        HuaweiVod::create_category(self, name, parent_id).await
    }

    async fn rename_category(&self, id: i64, name: &str) -> Result<Category, ApiError> {
        HuaweiVod::rename_category(self, id, name).await
    }

    async fn delete_category(&self, id: i64) -> Result<(), ApiError> {
        HuaweiVod::delete_category(self, id).await
    }

    async fn presets(&self) -> Result<Vec<TemplateGroup>, ApiError> {
        self.all_template_groups().await
    }
}
