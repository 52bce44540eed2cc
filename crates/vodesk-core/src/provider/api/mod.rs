//! The provider seam: what vodesk asks of "a VOD service". Faces and the engine hold an
//! `Arc<dyn VodService>` and never learn which cloud is behind it; each provider folder
//! (`huawei/`, then `tencent/`, `aliyun/`) implements these traits over its own wire.

pub mod buckets;
pub mod capabilities;
pub mod catalogue;
pub mod uploads;

use async_trait::async_trait;

pub use buckets::{Buckets, UrlImport, UrlImported};
pub use capabilities::{Capabilities, PartRules, PublishModel};
pub use catalogue::{
    AssetPage, AssetQuery, Catalogue, Cursor, DeleteScope, ItemResult, MetadataEdit,
};
pub use uploads::{
    Abandon, Finished, OpenedUpload, StorageKind, UploadFile, UploadSession, Uploads,
};

use super::check::Verdict;
use super::kind::ProviderKind;

/// One account of one provider: its catalogue, its uploads and its buckets.
#[async_trait]
pub trait VodService: Catalogue + Uploads + Buckets {
    fn kind(&self) -> ProviderKind;
    fn capabilities(&self) -> &Capabilities;
    /// Names the account for the upload journal: jobs resume only against the same account.
    fn account_key(&self) -> String;
    /// The API endpoint, as shown to the user.
    fn endpoint(&self) -> String;
    /// One cheap signed call and a precise verdict ("Test connection").
    async fn test_connection(&self) -> Verdict;
}
