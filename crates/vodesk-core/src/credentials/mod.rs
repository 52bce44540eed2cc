//! Profiles and secrets — the only code that touches secret keys. Profiles (no secrets) live in
//! `profiles.toml` in the platform config directory; secret keys, security tokens and proxy
//! passwords live only in the OS keychain; log lines pass through [`redact`].

pub mod keychain;
pub mod manage;
pub mod profile;
pub mod profiles_file;
pub mod redact;
pub mod secret;
pub mod session_vault;

pub use keychain::{KeychainError, SecretKind};
pub use profile::{
    LOCAL_ALIYUN_PROFILE, LOCAL_PROFILE, LOCAL_PROFILES, LOCAL_TENCENT_PROFILE, Profile, Provider,
    ProxyConfig, local_profile,
};
pub use profiles_file::{ProfilesFile, ProfilesFileError, config_dir};
pub use secret::Secret;
