//! Huawei Cloud VOD (huawei-vod-api.md).
