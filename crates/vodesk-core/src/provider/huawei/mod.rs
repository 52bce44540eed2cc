//! Huawei Cloud VOD (huawei-vod-api.md).

pub mod client;
pub mod endpoint;
pub mod errors;
pub mod pacing;
pub mod provider;
pub mod sign;
pub mod upload;
pub mod wire;

pub use client::{AkSk, AuthorityQuery, HuaweiConfig, HuaweiVod, ListAssetsQuery};
pub use endpoint::Endpoint;
