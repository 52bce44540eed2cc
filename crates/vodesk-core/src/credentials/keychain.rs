//! Secrets in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows) through keyring 4. Entries use the service name `vodesk` and the profile name as the
//! account, so users find them in their keychain tool. There is no fallback: when no keychain is
//! reachable the caller gets an error saying so.
//!
//! Every call blocks (D-Bus round trips, maybe an unlock prompt): call from a blocking thread.

use std::fmt;

use super::secret::Secret;

pub const SERVICE: &str = "vodesk";

/// Which secret of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretKind {
    SecretKey,
    SecurityToken,
    ProxyPassword,
}

impl SecretKind {
    pub const ALL: [SecretKind; 3] = [
        SecretKind::SecretKey,
        SecretKind::SecurityToken,
        SecretKind::ProxyPassword,
    ];

    /// The keychain account: the profile name for the secret key, `NAME#…` for the others
    /// (profile names cannot contain `#`).
    pub fn account(self, profile: &str) -> String {
        match self {
            SecretKind::SecretKey => profile.to_string(),
            SecretKind::SecurityToken => format!("{profile}#security-token"),
            SecretKind::ProxyPassword => format!("{profile}#proxy-password"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeychainError {
    /// No keychain service (no Secret Service on the session bus, no session bus).
    Unavailable(String),
    /// The keychain exists but is locked (or has no default collection) and could not be opened.
    Locked(String),
    Failed(String),
}

const ENV_HINT: &str = "or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK for this run";

impl fmt::Display for KeychainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeychainError::Unavailable(d) => write!(
                f,
                "no OS keychain is reachable ({d}): install and start a Secret Service such as gnome-keyring or KeePassXC, {ENV_HINT}"
            ),
            KeychainError::Locked(d) => write!(
                f,
                "the OS keychain is locked ({d}): unlock it (log in to the desktop session or open your keychain tool), {ENV_HINT}"
            ),
            KeychainError::Failed(d) => write!(
                f,
                "the OS keychain failed ({d}): check your keychain tool, {ENV_HINT}"
            ),
        }
    }
}

impl std::error::Error for KeychainError {}

fn map_err(e: keyring::Error) -> KeychainError {
    match e {
        keyring::Error::NoDefaultStore => {
            KeychainError::Unavailable("no Secret Service on the session bus".to_string())
        }
        keyring::Error::NoStorageAccess(inner) => KeychainError::Locked(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => {
            let d = inner.to_string();
            // zbus reports a missing session bus or service as a platform failure.
            if d.contains("ServiceUnknown")
                || d.contains("DBUS_SESSION_BUS_ADDRESS")
                || d.contains("No such file")
                || d.contains("connect")
            {
                KeychainError::Unavailable(d)
            } else {
                KeychainError::Failed(d)
            }
        }
        other => KeychainError::Failed(other.to_string()),
    }
}

fn entry(profile: &str, kind: SecretKind) -> Result<keyring::Entry, KeychainError> {
    entry_of(&kind.account(profile))
}

/// The entry of a keychain account under vodesk's service name.
pub(super) fn entry_of(account: &str) -> Result<keyring::Entry, KeychainError> {
    keyring::Entry::new(SERVICE, account).map_err(map_err)
}

/// A keychain read: `Ok(None)` when there is no such entry.
pub(super) fn read(entry: &keyring::Entry) -> Result<Option<String>, KeychainError> {
    match entry.get_password() {
        Ok(v) => Ok(Some(v)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(map_err(e)),
    }
}

/// Removes an entry; one that is not there is not an error.
pub(super) fn remove(entry: &keyring::Entry) -> Result<(), KeychainError> {
    match entry.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(map_err(e)),
    }
}

pub(super) fn write(entry: &keyring::Entry, value: &str) -> Result<(), KeychainError> {
    entry.set_password(value).map_err(map_err)
}

pub fn set(profile: &str, kind: SecretKind, value: &Secret) -> Result<(), KeychainError> {
    write(&entry(profile, kind)?, value.expose())
}

/// `Ok(None)` when the keychain works but holds no such secret.
pub fn get(profile: &str, kind: SecretKind) -> Result<Option<Secret>, KeychainError> {
    Ok(read(&entry(profile, kind)?)?.map(Secret::new))
}

/// Removes one secret; a secret that is not there is not an error.
pub fn delete(profile: &str, kind: SecretKind) -> Result<(), KeychainError> {
    remove(&entry(profile, kind)?)
}

/// Removes every secret of a profile.
pub fn delete_all(profile: &str) -> Result<(), KeychainError> {
    for kind in SecretKind::ALL {
        delete(profile, kind)?;
    }
    Ok(())
}
