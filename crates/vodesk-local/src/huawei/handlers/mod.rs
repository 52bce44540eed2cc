//! The operations: each parses the Huawei request, calls the library and renders its answer.

pub mod assets;
pub mod authority;
pub mod categories;
pub mod iam;
pub mod listing;
mod meta;
pub mod obs_import;
pub mod presets;
mod render;
pub mod upload;
