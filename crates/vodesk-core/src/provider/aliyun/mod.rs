//! Alibaba Cloud ApsaraVideo VOD (API version 2017-03-21, tencent-aliyun-vod-api.md §B). Issue
//! 12 builds it here step by step; so far, the signed, retried and paced calls (`client`), the
//! request signatures, the error replies and the upload target's shapes (`wire`).

pub mod client;
pub mod errors;
pub mod sign;
pub mod wire;
