//! The embedded local VOD service: the Huawei VOD REST API subset vodesk uses, plus an
//! OBS/S3-compatible object endpoint, on loopback, persisted in SQLite and files.
//!
//! This crate is an independent implementation of the documented contract: it must not import
//! the client's wire types (`vodesk-core`), so that each side's tests check the other.

mod credentials;
pub mod faults;
mod server;
pub mod vod;

pub use credentials::{Credentials, CredentialsSource};
pub use server::{RunningService, ServeConfig, ServeError, StartupInfo};
