//! OBS / S3-compatible object storage client (huawei-obs-api.md): listing buckets and objects
//! for the bucket browser, the multipart XML documents, and the OBS header signature.

pub mod addressing;
pub mod presigned;
pub mod sign;

pub use addressing::{Addressing, Endpoint};
pub use sign::{Credentials, SignatureFlavor};
