//! OBS / S3-compatible object storage client (huawei-obs-api.md): listing buckets and objects
//! for the bucket browser, the multipart XML documents, and the OBS header signature.

pub mod addressing;
pub mod client;
pub mod errors;
pub mod presigned;
pub mod sign;
pub mod xml;

pub use addressing::{Addressing, Endpoint};
pub use client::{
    ListObjectsQuery, ObjectDownload, ObjectListPage, ObjectMeta, ObsClient, ObsConfig,
    PresignSpec, PutBody, PutObjectOutput, TransferError,
};
pub use sign::{Credentials, SignatureFlavor};
pub use xml::{BucketInfo, ObjectSummary};
