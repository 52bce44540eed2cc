//! OBS / S3-compatible object storage client (huawei-obs-api.md): listing buckets and objects
//! for the bucket browser, the multipart XML documents, and the OBS header signature.

pub mod presigned;
