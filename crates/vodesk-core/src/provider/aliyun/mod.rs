//! Alibaba Cloud ApsaraVideo VOD (API version 2017-03-21, tencent-aliyun-vod-api.md §B): the
//! ACS3-signed client, its reply shapes, the mapping into model types, uploads through OSS with
//! renewable STS keys, and the provider seam over them ([`AliyunService`]).

pub mod client;
pub mod connect;
pub mod errors;
pub mod mapping;
pub mod service;
pub mod sign;
pub mod uploads;
pub mod wire;

pub use client::{AliyunConfig, AliyunVod};
pub use service::AliyunService;
