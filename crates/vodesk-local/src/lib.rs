//! The embedded local VOD service: the Huawei VOD REST API subset vodesk uses with an
//! OBS/S3-compatible object endpoint, the Tencent VOD API with a COS-compatible one and the
//! Alibaba ApsaraVideo VOD API with an OSS-compatible one, on loopback, persisted in SQLite and
//! files.
//!
//! One provider-neutral asset `library` serves every API personality; a personality
//! (`huawei`, `tencent`, `aliyun`) only parses its wire format into library calls and renders
//! the results, using the request plumbing in `http` and the token buckets in `throttle`.
//!
//! This crate is an independent implementation of the documented contract: it must not import
//! the client's wire types (`vodesk-core`), so that each side's tests check the other.

pub mod aliyun;
mod credentials;
mod env;
pub mod faults;
mod http;
mod huawei;
mod library;
mod server;
mod tencent;
mod throttle;

pub use credentials::{AliyunCredentials, Credentials, CredentialsSource, TencentCredentials};
pub use server::{RunningService, ServeConfig, ServeError, StartupInfo};

/// The one workflow the local service knows (it runs the default template group): Huawei's
/// `workflow_name` and Alibaba's `WorkflowId` of it.
pub const WORKFLOW_NAME: &str = library::workflows::BUILT_IN.name;
pub const WORKFLOW_ID: &str = library::workflows::BUILT_IN.id;
