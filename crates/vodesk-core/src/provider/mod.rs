//! Provider layer: turns model-level requests into HTTP calls and back.

pub mod check;
pub mod error;
pub mod http;
pub mod huawei;
pub mod obs;
pub mod vod;

pub use error::{ApiError, ErrorKind};
