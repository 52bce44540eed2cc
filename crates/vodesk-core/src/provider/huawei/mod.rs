//! Huawei Cloud VOD (huawei-vod-api.md): the signed client, its wire shapes, the mapping into
//! model types, and the provider seam over them ([`HuaweiService`]).

pub mod assets_wire;
pub mod client;
pub mod connect;
pub mod endpoint;
pub mod errors;
pub mod mapping;
pub mod pacing;
pub mod service;
pub mod sign;
pub mod status;
pub mod uploads;
pub mod wire;

pub use client::{AkSk, AuthorityQuery, HuaweiConfig, HuaweiVod, ListAssetsQuery};
pub use endpoint::Endpoint;
pub use service::HuaweiService;

#[cfg(test)]
mod client_tests;
#[cfg(test)]
mod sign_vectors_tests;
