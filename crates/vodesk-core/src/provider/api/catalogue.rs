//! The catalogue of one account: assets (list, details, edit, publish, delete), categories and
//! processing presets.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::metadata::CoverImage;
use crate::model::{Asset, AssetDetails, AssetState, AssetStatus, Category, Preset};
use crate::provider::error::ApiError;

/// Which assets a list asks for; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssetQuery {
    /// These assets only.
    pub ids: Vec<String>,
    /// Words in the title, description or category name.
    pub text: Option<String>,
    pub tags: Vec<String>,
    pub states: Vec<AssetState>,
    pub category_id: Option<i64>,
    /// Container formats (`MP4`…).
    pub formats: Vec<String>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    /// By creation time; newest first unless this is set.
    pub oldest_first: bool,
    pub page_size: u32,
}

/// Where the next page of a list starts. Opaque: a page number for one provider, a scroll
/// token for another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor(pub String);

#[derive(Clone, Debug, Default)]
pub struct AssetPage {
    pub assets: Vec<Asset>,
    /// Matches in all, when the service says.
    pub total: Option<i64>,
    /// `None` on the last page.
    pub next: Option<Cursor>,
}

/// A metadata edit; `None` fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetadataEdit {
    pub title: Option<String>,
    pub description: Option<String>,
    pub category_id: Option<i64>,
    /// Replaces every tag.
    pub tags: Option<Vec<String>>,
}

impl MetadataEdit {
    pub fn is_empty(&self) -> bool {
        self == &MetadataEdit::default()
    }
}

/// What deleting takes away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteScope {
    Everything,
    /// The original only; transcoded outputs stay ([`super::Capabilities::delete_original_only`]).
    OriginalOnly,
}

/// One asset's outcome in a call on several (publish, unpublish, delete).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemResult {
    pub asset_id: String,
    /// The action took effect.
    pub ok: bool,
    /// The asset's status after the call, when the service says.
    pub status: Option<AssetStatus>,
    /// The service's reason when it refused.
    pub reason: Option<String>,
}

#[async_trait]
pub trait Catalogue: Send + Sync {
    /// One page of assets; `cursor` is the previous page's `next` (`None` for the first).
    async fn list_assets(
        &self,
        query: &AssetQuery,
        cursor: Option<&Cursor>,
    ) -> Result<AssetPage, ApiError>;
    async fn asset_details(&self, asset_id: &str) -> Result<AssetDetails, ApiError>;
    async fn edit_asset(&self, asset_id: &str, edit: &MetadataEdit) -> Result<(), ApiError>;
    /// Makes the assets playable by their public URLs (what that takes is the provider's).
    async fn publish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError>;
    async fn unpublish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError>;
    async fn delete(
        &self,
        asset_ids: &[String],
        scope: DeleteScope,
    ) -> Result<Vec<ItemResult>, ApiError>;
    /// Makes one of the asset's snapshots its cover.
    async fn set_cover_from_snapshot(
        &self,
        asset_id: &str,
        snapshot_url: &str,
    ) -> Result<(), ApiError>;
    /// Replaces the asset's cover by an image ([`super::Capabilities::cover_image`]).
    async fn set_cover_image(&self, asset_id: &str, image: &CoverImage) -> Result<(), ApiError> {
        let _ = (asset_id, image);
        Err(ApiError::new(
            crate::provider::error::ErrorKind::BadParameter,
            "replacing a cover by an image is not available with this provider",
        ))
    }

    /// The whole category tree.
    async fn categories(&self) -> Result<Vec<Category>, ApiError>;
    async fn create_category(
        &self,
        name: &str,
        parent_id: Option<i64>,
    ) -> Result<Category, ApiError>;
    async fn rename_category(&self, id: i64, name: &str) -> Result<Category, ApiError>;
    async fn delete_category(&self, id: i64) -> Result<(), ApiError>;

    /// Every processing preset uploads may name.
    async fn presets(&self) -> Result<Vec<Preset>, ApiError>;
}
