//! The OS keychain as the vault of upload sessions' temporary credentials
//! ([`crate::storage::CredentialVault`]): one entry per open session, account
//! `upload-session#<handle>` (profile names cannot contain `#`, so it never meets a profile's
//! entry), removed when the session finishes or is given up.

use crate::storage::{CredentialVault, KeptSession};

use super::keychain;

#[derive(Debug, Default)]
pub struct KeychainVault;

fn account(handle: &str) -> String {
    format!("upload-session#{handle}")
}

impl CredentialVault for KeychainVault {
    fn put(&self, handle: &str, session: &KeptSession) -> Result<(), String> {
        let value = serde_json::to_string(session).map_err(|e| e.to_string())?;
        keychain::write(
            &keychain::entry_of(&account(handle)).map_err(|e| e.to_string())?,
            &value,
        )
        .map_err(|e| e.to_string())
    }

    fn get(&self, handle: &str) -> Result<Option<KeptSession>, String> {
        let entry = keychain::entry_of(&account(handle)).map_err(|e| e.to_string())?;
        match keychain::read(&entry).map_err(|e| e.to_string())? {
            None => Ok(None),
            // An entry that does not parse is as good as none: the session starts over.
            Some(v) => Ok(serde_json::from_str(&v).ok()),
        }
    }

    fn remove(&self, handle: &str) -> Result<(), String> {
        keychain::remove(&keychain::entry_of(&account(handle)).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())
    }
}
