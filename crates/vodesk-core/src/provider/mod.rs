//! Provider layer: the seam every face and the engine use ([`api`]), and each cloud's client
//! behind it (`huawei/`, `tencent/`, `aliyun/`), turning model-level requests into
//! signed HTTP calls and replies back into model types.

pub mod aliyun;
pub mod api;
pub mod check;
pub mod connect;
pub mod error;
pub mod http;
pub mod huawei;
pub mod iso_time;
pub mod kind;
pub mod pacing;
pub mod retry;
pub mod tencent;
pub mod transport;

pub use api::VodService;
pub use error::{ApiError, ErrorKind};
pub use kind::ProviderKind;
pub use retry::RetryPolicy;
