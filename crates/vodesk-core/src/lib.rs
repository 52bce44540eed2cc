//! vodesk core: model, provider clients, object storage, upload engine and credentials. No UI code.

pub mod credentials;
pub mod engine;
pub mod model;
pub mod paths;
pub mod provider;
pub mod storage;
