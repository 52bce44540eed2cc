//! Tencent Cloud VOD (tencent-aliyun-vod-api.md §A): the TC3-signed client, its reply shapes,
//! the mapping into model types, uploads through COS, and the provider seam over them
//! ([`TencentService`]).

pub mod client;
pub mod connect;
pub mod errors;
pub mod mapping;
pub mod service;
pub mod sign;
pub mod uploads;
pub mod wire;

pub use client::{TencentConfig, TencentVod};
pub use service::TencentService;
