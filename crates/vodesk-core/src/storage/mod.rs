//! The S3 family of object storage, shared once (huawei-obs-api.md; Tencent COS and Alibaba OSS
//! speak the same wire): addressing, the XML documents and errors, one multipart driver over a
//! [`RequestSigner`], the signers, and the client of the bucket browser.

pub mod addressing;
pub mod client;
pub mod cos_sign;
pub mod errors;
pub mod header_signer;
pub mod multipart;
pub mod send;
pub mod sign;
pub mod signer;
pub mod vault;
pub mod xml;

pub use addressing::{Addressing, Endpoint};
pub use client::{
    ListObjectsQuery, ObjectDownload, ObjectListPage, ObjectMeta, ObsClient, ObsConfig,
    PresignSpec, PutBody, PutObjectOutput, TransferError, UnfinishedUpload,
};
pub use cos_sign::CosSigner;
pub use header_signer::KeySigner;
pub use sign::{Credentials, SignatureFlavor};
pub use signer::{Extra, ObjectOp, RequestSigner, SignedRequest, noted};
pub use vault::{CredentialVault, KeptSession};
pub use xml::{BucketInfo, ObjectSummary};
