//! Temporary storage credentials kept beyond the process, so that an upload interrupted by a
//! crash continues from its last stored part while the credentials last, instead of sending the
//! whole file again. Providers that cannot renew credentials need it (Tencent: a certificate
//! from `ApplyUpload` cannot be issued again for the same object). The journal never holds a
//! secret: a vault is the OS keychain (`credentials::session_vault`).
//!
//! Every call may block (D-Bus round trips): call from a blocking thread.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::sign::Credentials;

/// What a session needs to be signed again after a restart.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptSession {
    pub access_key: String,
    pub secret_key: String,
    pub security_token: Option<String>,
    /// The key of the session's cover, when it has one.
    pub cover_key: Option<String>,
}

impl KeptSession {
    pub fn credentials(&self) -> Credentials {
        Credentials {
            access_key: self.access_key.clone(),
            secret_key: self.secret_key.clone(),
            security_token: self.security_token.clone(),
        }
    }
}

impl fmt::Debug for KeptSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeptSession")
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .field("cover_key", &self.cover_key)
            .finish()
    }
}

/// Where sessions are kept, by the provider's session handle. Failures are strings for a log
/// line: a vault that cannot be reached only costs a restart its head start.
pub trait CredentialVault: Send + Sync + fmt::Debug {
    fn put(&self, handle: &str, session: &KeptSession) -> Result<(), String>;
    fn get(&self, handle: &str) -> Result<Option<KeptSession>, String>;
    fn remove(&self, handle: &str) -> Result<(), String>;
}
