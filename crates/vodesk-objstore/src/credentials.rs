//! Which keys the endpoint accepts, looked up per request.
//!
//! The store's own long-term key is always there. A VOD personality that hands a client storage
//! credentials (Tencent `TempCertificate`, Alibaba `UploadAuth`) registers them here, so that the
//! client can sign object requests itself; such keys carry a security token, an expiry and a scope.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

use crate::blobs::random_hex;

/// What a key may touch: one bucket, and in it every key, one key or the keys under a prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub bucket: String,
    pub keys: KeyScope,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyScope {
    All,
    Exact(String),
    Prefix(String),
}

impl Scope {
    pub fn bucket(bucket: impl Into<String>) -> Self {
        Scope {
            bucket: bucket.into(),
            keys: KeyScope::All,
        }
    }

    pub fn object(bucket: impl Into<String>, key: impl Into<String>) -> Self {
        Scope {
            bucket: bucket.into(),
            keys: KeyScope::Exact(key.into()),
        }
    }

    pub fn prefix(bucket: impl Into<String>, prefix: impl Into<String>) -> Self {
        Scope {
            bucket: bucket.into(),
            keys: KeyScope::Prefix(prefix.into()),
        }
    }

    /// Whether a request on `bucket` (and `key`; `None` for the bucket itself) is inside.
    /// Bucket-level requests need the whole bucket: a listing or a batch delete would otherwise
    /// reach keys outside a narrower scope.
    pub fn allows(&self, bucket: &str, key: Option<&str>) -> bool {
        if bucket != self.bucket {
            return false;
        }
        match (&self.keys, key) {
            (KeyScope::All, _) => true,
            (_, None) => false,
            (KeyScope::Exact(k), Some(key)) => key == k,
            (KeyScope::Prefix(p), Some(key)) => key.starts_with(p.as_str()),
        }
    }

    /// Whether a listing of `bucket` restricted to keys beginning with `prefix` stays inside:
    /// the COS SDK looks for a resumable multipart upload of its key with a bucket-level
    /// `GET /?uploads&prefix=<key>`. An exact-key scope may list its own key's prefix; what
    /// such a listing can show beyond it is only longer keys' upload ids, which the scope still
    /// cannot write to.
    pub fn allows_listing(&self, bucket: &str, prefix: &str) -> bool {
        if bucket != self.bucket {
            return false;
        }
        match &self.keys {
            KeyScope::All => true,
            KeyScope::Exact(k) => prefix == k,
            KeyScope::Prefix(p) => prefix.starts_with(p.as_str()),
        }
    }
}

/// One key pair the endpoint accepts.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub access_key: String,
    pub secret_key: String,
    /// When set, every request signed with this key must present exactly this token.
    pub security_token: Option<String>,
    /// Unix seconds from which the key is refused; `None`: never expires.
    pub expires_at: Option<i64>,
    /// `None`: every bucket and key.
    pub scope: Option<Scope>,
}

impl Credential {
    /// A long-term key: no token, no expiry, no scope.
    pub fn permanent(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credential {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: None,
            expires_at: None,
            scope: None,
        }
    }

    pub fn expired_at(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|t| now >= t)
    }
}

impl std::fmt::Debug for Credential {
    // Secrets stay out of logs and panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .finish()
    }
}

/// Where the endpoint finds the key a request names.
pub trait CredentialStore: Send + Sync {
    /// The credential of `access_key`, expired ones included (so that they can be told apart
    /// from unknown keys).
    fn lookup(&self, access_key: &str) -> Option<Credential>;
}

/// Expired temporary keys are kept this long, so that late requests hear "expired" rather than
/// "unknown key"; after that they are dropped to bound memory.
const EXPIRED_KEPT_SECS: i64 = 24 * 3600;

/// The store's keys: its own long-term key plus the temporary keys issued while it runs.
/// Temporary keys live in memory only: a restart ends them, as it ends the uploads they serve.
pub struct KeyRing {
    permanent: Credential,
    temporary: RwLock<HashMap<String, Credential>>,
}

impl KeyRing {
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        KeyRing {
            permanent: Credential::permanent(access_key, secret_key),
            temporary: RwLock::new(HashMap::new()),
        }
    }

    /// The long-term key (the one pre-signed URLs are made with).
    pub fn permanent(&self) -> &Credential {
        &self.permanent
    }

    /// Registers a key made elsewhere (a personality with its own key format).
    pub fn insert(&self, credential: Credential) {
        let now = crate::time::now_secs();
        let mut map = self.temporary.write().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, c| c.expires_at.is_none_or(|t| now - t < EXPIRED_KEPT_SECS));
        map.insert(credential.access_key.clone(), credential);
    }

    /// A fresh temporary key with a token, valid for `lifetime` within `scope`.
    pub fn issue(&self, scope: Scope, lifetime: Duration) -> Credential {
        let lifetime = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX / 2);
        let credential = Credential {
            access_key: format!("TMP{}", random_hex(9).to_ascii_uppercase()),
            secret_key: random_hex(20),
            security_token: Some(random_hex(32)),
            expires_at: Some(crate::time::now_secs().saturating_add(lifetime)),
            scope: Some(scope),
        };
        self.insert(credential.clone());
        credential
    }

    pub fn revoke(&self, access_key: &str) {
        self.temporary
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(access_key);
    }
}

impl CredentialStore for KeyRing {
    fn lookup(&self, access_key: &str) -> Option<Credential> {
        if access_key == self.permanent.access_key {
            return Some(self.permanent.clone());
        }
        self.temporary
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(access_key)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes() {
        let obj = Scope::object("b", "p/a.mp4");
        assert!(obj.allows("b", Some("p/a.mp4")));
        assert!(!obj.allows("b", Some("p/a.mp4x")));
        assert!(!obj.allows("b", None));
        assert!(!obj.allows("c", Some("p/a.mp4")));
        let pre = Scope::prefix("b", "p/");
        assert!(pre.allows("b", Some("p/x")) && !pre.allows("b", Some("q/x")));
        assert!(!pre.allows("b", None));
        assert!(Scope::bucket("b").allows("b", None));
        assert!(pre.allows_listing("b", "p/x") && !pre.allows_listing("b", "q"));
        assert!(!pre.allows_listing("b", "") && !pre.allows_listing("c", "p/x"));
        assert!(obj.allows_listing("b", "p/a.mp4") && !obj.allows_listing("b", "p/"));
        assert!(!Scope::bucket("b").allows("c", Some("k")));
    }

    #[test]
    fn key_ring_lookup_issue_revoke() {
        let ring = KeyRing::new("AK", "SK");
        assert_eq!(ring.lookup("AK"), Some(Credential::permanent("AK", "SK")));
        let t = ring.issue(Scope::bucket("b"), Duration::from_secs(60));
        assert_ne!(t.access_key, "AK");
        assert!(t.security_token.is_some() && !t.expired_at(crate::time::now_secs()));
        assert_eq!(ring.lookup(&t.access_key), Some(t.clone()));
        assert!(!format!("{t:?}").contains(&t.secret_key));
        ring.revoke(&t.access_key);
        assert_eq!(ring.lookup(&t.access_key), None);
        assert_eq!(ring.lookup("NOPE"), None);
    }
}
