//! Adding, editing, removing and choosing profiles — the steps both faces share (the CLI's
//! `vodesk profiles` and the app's profile screen). Secrets go to the keychain and the fields to
//! `profiles.toml` under one lock, so a failure leaves neither a profile without its secret nor
//! a secret without its profile. Keychain and file calls block: run them on a blocking thread.

use std::path::Path;

use super::keychain::{self, SecretKind};
use super::profile::{LOCAL_PROFILE, Profile, Provider, local_profile};
use super::profiles_file::ProfilesFile;
use super::secret::Secret;
use crate::provider::check::Verdict;
use crate::provider::connect::{Account, ScopeLookup, connect, lookup_scope};
use crate::provider::http::{HttpOptions, ProxyMode};

/// The secrets of a profile being saved.
#[derive(Clone, Debug)]
pub struct Secrets {
    pub secret_key: Secret,
    pub security_token: Option<Secret>,
    pub proxy_password: Option<Secret>,
}

/// Why a profile was not saved.
#[derive(Clone, Debug)]
pub enum SaveError {
    /// A field is wrong (one sentence naming it).
    Invalid(String),
    /// A field breaks a rule of profiles.
    Field(super::profile::ProfileError),
    /// The connection test (or the project lookup) of a profile of this provider gave this
    /// verdict.
    Refused(Verdict, Provider),
    /// The keychain or the profiles file failed.
    Storage(String),
    /// No project id and no region to look one up with.
    NeedsProjectOrRegion,
}

/// Why saving, removing or choosing a profile did not happen: facts each face words in its
/// language (the Display is the English sentence).
#[derive(Clone, Debug, PartialEq)]
pub enum ManageError {
    /// A profile of that name exists already.
    Exists(String),
    /// The profile being edited was removed meanwhile.
    RemovedMeanwhile(String),
    /// No secret key typed, and none kept.
    NoSecret,
    /// The keychain has no secret key for this saved profile.
    SecretNotStored(String),
    /// A built-in profile (the embedded local service) cannot be removed.
    BuiltIn(String),
    /// No saved profile of that name.
    NotFound(String),
    /// The keychain failed (its own words).
    Storage(String),
    /// The profiles file could not be read or written.
    File(super::profiles_file::ProfilesFileError),
}

impl std::fmt::Display for ManageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ManageError::Exists(name) => write!(
                f,
                "a profile named \"{name}\" exists already; remove it first or choose another name"
            ),
            ManageError::RemovedMeanwhile(name) => {
                write!(f, "profile \"{name}\" not found; it was removed meanwhile")
            }
            ManageError::NoSecret => f.write_str("the secret key is empty; paste it"),
            ManageError::SecretNotStored(name) => write!(
                f,
                "the secret key of profile \"{name}\" is not in the keychain; enter it"
            ),
            ManageError::BuiltIn(name) => write!(
                f,
                "the built-in {name} profile cannot be removed; it is the embedded local service"
            ),
            ManageError::NotFound(name) => write!(
                f,
                "profile \"{name}\" not found; `vodesk profiles list` shows the saved profiles"
            ),
            ManageError::Storage(e) => f.write_str(e),
            ManageError::File(e) => write!(f, "{e}"),
        }
    }
}

impl From<super::profiles_file::ProfilesFileError> for ManageError {
    fn from(e: super::profiles_file::ProfilesFileError) -> Self {
        ManageError::File(e)
    }
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Invalid(m) | SaveError::Storage(m) => f.write_str(m),
            SaveError::NeedsProjectOrRegion => {
                f.write_str("give the project id, or a region so the project id can be looked up")
            }
            SaveError::Field(e) => write!(f, "{e}"),
            SaveError::Refused(v, kind) => write!(
                f,
                "connection test failed, nothing was saved: {}; or save without the test",
                v.sentence(*kind)
            ),
        }
    }
}

/// How a profile's requests reach the network.
pub fn proxy_mode(profile: &Profile, password: Option<Secret>) -> ProxyMode {
    match &profile.proxy {
        Some(p) => ProxyMode::Explicit {
            url: p.url.clone(),
            user: p.user.clone(),
            password,
        },
        None => ProxyMode::System,
    }
}

/// The account a profile being saved would use.
fn account(profile: &Profile, secrets: &Secrets) -> Account {
    let http = HttpOptions {
        proxy: proxy_mode(profile, secrets.proxy_password.clone()),
        ..HttpOptions::default()
    };
    let mut account = Account::from_profile(
        profile,
        secrets.secret_key.clone(),
        secrets.security_token.clone(),
        http,
    );
    account.pacing = false;
    account
}

/// The project id named after the profile's region, looked up with its keys.
pub async fn resolve_project_id(profile: &Profile, secrets: &Secrets) -> Result<String, SaveError> {
    if profile.region.is_none() {
        return Err(SaveError::NeedsProjectOrRegion);
    }
    lookup_scope(&account(profile, secrets))
        .await
        .map_err(|e| match e {
            ScopeLookup::Refused(v) => SaveError::Refused(v, profile.provider),
            ScopeLookup::Failed(m) => SaveError::Invalid(m),
        })
}

/// "Test connection" for a profile that is not saved yet.
pub async fn test(profile: &Profile, secrets: &Secrets) -> Verdict {
    match connect(&account(profile, secrets)) {
        Ok(vod) => vod.test_connection().await,
        Err(e) => Verdict::Failed(e),
    }
}

/// Fills in the project id when left empty, checks every field, and (unless `skip_test`) tests
/// the connection: the profile as it will be saved, and the test's verdict.
pub async fn prepare(
    mut profile: Profile,
    secrets: &Secrets,
    skip_test: bool,
) -> Result<(Profile, Option<Verdict>), SaveError> {
    let lookup =
        crate::provider::connect::profile_rules(profile.provider).is_some_and(|r| r.scope_lookup);
    if lookup && profile.project_id.trim().is_empty() {
        profile.project_id = "pending".into();
        profile.validate().map_err(SaveError::Field)?;
        profile.project_id = resolve_project_id(&profile, secrets).await?;
    }
    profile.validate().map_err(SaveError::Field)?;
    if skip_test {
        return Ok((profile, None));
    }
    let verdict = test(&profile, secrets).await;
    if verdict.is_ok() {
        Ok((profile, Some(verdict)))
    } else {
        Err(SaveError::Refused(verdict, profile.provider))
    }
}

/// Saves a new profile (`replacing: None`) or an edited one (`replacing: Some(old name)`).
/// `secrets: None` keeps the secrets already in the keychain (an edit that leaves the secret
/// field empty); a rename moves them.
pub fn save(
    dir: &Path,
    profile: Profile,
    secrets: Option<&Secrets>,
    replacing: Option<&str>,
    make_default: bool,
) -> Result<(), ManageError> {
    let name = profile.name.clone();
    let mut stored = Vec::new();
    let result = ProfilesFile::update(dir, |file| {
        let clash = file.get(&name).is_some() && replacing != Some(name.as_str());
        if clash {
            return Err(ManageError::Exists(name.clone()));
        }
        if let Some(old) = replacing
            && file.get(old).is_none()
        {
            return Err(ManageError::RemovedMeanwhile(old.to_string()));
        }
        let kept;
        let secrets = match (secrets, replacing) {
            (Some(s), _) => s,
            (None, Some(old)) => {
                kept = stored_secrets(old)?;
                &kept
            }
            (None, None) => return Err(ManageError::NoSecret),
        };
        let pairs = [
            (SecretKind::SecretKey, Some(&secrets.secret_key)),
            (SecretKind::SecurityToken, secrets.security_token.as_ref()),
            (SecretKind::ProxyPassword, secrets.proxy_password.as_ref()),
        ];
        for (kind, value) in pairs {
            match value {
                Some(v) => {
                    keychain::set(&name, kind, v)
                        .map_err(|e| ManageError::Storage(e.to_string()))?;
                    stored.push(kind);
                }
                None if replacing.is_some() => {
                    keychain::delete(&name, kind)
                        .map_err(|e| ManageError::Storage(e.to_string()))?;
                }
                None => {}
            }
        }
        if let Some(old) = replacing.filter(|old| *old != name) {
            keychain::delete_all(old).map_err(|e| ManageError::Storage(e.to_string()))?;
            if file.default.as_deref() == Some(old) {
                file.default = Some(name.clone());
            }
        }
        file.profiles
            .retain(|p| Some(p.name.as_str()) != replacing && p.name != name);
        if make_default {
            file.default = Some(name.clone());
        }
        file.profiles.push(profile);
        Ok(())
    });
    if result.is_err() && replacing.is_none() {
        for kind in stored {
            let _ = keychain::delete(&name, kind);
        }
    }
    result
}

/// The secrets stored for a saved profile.
pub fn stored_secrets(name: &str) -> Result<Secrets, ManageError> {
    let get = |kind| keychain::get(name, kind).map_err(|e| ManageError::Storage(e.to_string()));
    Ok(Secrets {
        secret_key: get(SecretKind::SecretKey)?
            .ok_or_else(|| ManageError::SecretNotStored(name.to_string()))?,
        security_token: get(SecretKind::SecurityToken)?,
        proxy_password: get(SecretKind::ProxyPassword)?,
    })
}

/// Removes a profile and its secrets. Secrets go first: if the keychain cannot be reached the
/// profile stays, so nothing is left behind that the user can no longer find.
pub fn remove(dir: &Path, name: &str) -> Result<(), ManageError> {
    if let Some((builtin, _)) = local_profile(name) {
        return Err(ManageError::BuiltIn(builtin.to_string()));
    }
    ProfilesFile::update(dir, |file| {
        let Some(i) = file.profiles.iter().position(|p| p.name == name) else {
            return Err(ManageError::NotFound(name.to_string()));
        };
        keychain::delete_all(name).map_err(|e| ManageError::Storage(e.to_string()))?;
        file.profiles.remove(i);
        if file.default.as_deref() == Some(name) {
            file.default = None;
        }
        Ok(())
    })
}

/// Makes `name` the default profile ("Local" clears it); the name chosen.
pub fn set_default(dir: &Path, name: &str) -> Result<String, ManageError> {
    ProfilesFile::update(dir, |file| {
        if let Some((builtin, _)) = local_profile(name) {
            // No default at all means Local, so files written before there were several
            // built-in profiles read the same.
            file.default = (builtin != LOCAL_PROFILE).then(|| builtin.to_string());
            return Ok(builtin.to_string());
        }
        if file.get(name).is_none() {
            return Err(ManageError::NotFound(name.to_string()));
        }
        file.default = Some(name.to_string());
        Ok(name.to_string())
    })
}
