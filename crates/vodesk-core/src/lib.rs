//! vodesk core: model, provider clients, (later) upload engine and credentials. No UI code.

pub mod engine;
pub mod model;
pub mod provider;
