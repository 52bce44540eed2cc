//! `profiles.toml` in the platform config directory: the saved profiles and the default one.
//! Written atomically (temporary file, fsync, rename) under a lock file, so a crash or two
//! vodesk processes at once never leave a half-written or lost profile. Never holds a secret.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::paths::config_dir;

use serde::{Deserialize, Serialize};

use super::profile::{LOCAL_PROFILE, Profile, ProfileError};

/// Why the profiles file could not be read: facts each face words in its language (the
/// Display is the English sentence).
#[derive(Clone, Debug, PartialEq)]
pub enum ProfilesFileError {
    /// The system could not read it (its words).
    Unreadable { path: PathBuf, error: String },
    /// It is not TOML of profiles (the parser's words).
    Invalid { path: PathBuf, message: String },
    /// A profile in it breaks a rule.
    BadProfile {
        path: PathBuf,
        name: String,
        problem: Box<ProfileError>,
    },
    /// Its folder could not be made, its lock taken, or the file written (the system's
    /// words).
    NotWritten { path: PathBuf, error: String },
}

impl std::fmt::Display for ProfilesFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProfilesFileError::Unreadable { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
            ProfilesFileError::Invalid { path, message } => write!(
                f,
                "{} is not a valid profiles file ({message}); fix it or move it away and add the profiles again",
                path.display()
            ),
            ProfilesFileError::BadProfile {
                path,
                name,
                problem,
            } => write!(f, "{}: profile \"{name}\": {problem}", path.display()),
            ProfilesFileError::NotWritten { path, error } => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

pub const FILE_NAME: &str = "profiles.toml";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilesFile {
    /// The profile used when no `--profile` is given; `None` = the built-in Local profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, rename = "profile")]
    pub profiles: Vec<Profile>,
}

impl ProfilesFile {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    /// Reads the file; a missing file is an empty set.
    pub fn load(dir: &Path) -> Result<Self, ProfilesFileError> {
        let path = Self::path(dir);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(ProfilesFileError::Unreadable {
                    path,
                    error: e.to_string(),
                });
            }
        };
        let file: ProfilesFile = toml::from_str(&text).map_err(|e| ProfilesFileError::Invalid {
            path: path.clone(),
            message: e.message().to_string(),
        })?;
        for p in &file.profiles {
            p.validate()
                .map_err(|problem| ProfilesFileError::BadProfile {
                    path: path.clone(),
                    name: p.name.clone(),
                    problem: Box::new(problem),
                })?;
        }
        Ok(file)
    }

    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The default profile's name (the built-in Local profile when none is set).
    pub fn default_name(&self) -> &str {
        self.default.as_deref().unwrap_or(LOCAL_PROFILE)
    }

    /// Loads, applies `change`, and writes back atomically, all under the lock file.
    pub fn update<T, E: From<ProfilesFileError>>(
        dir: &Path,
        change: impl FnOnce(&mut ProfilesFile) -> Result<T, E>,
    ) -> Result<T, E> {
        let failed = |path: &Path, e: std::io::Error| ProfilesFileError::NotWritten {
            path: path.to_path_buf(),
            error: e.to_string(),
        };
        fs::create_dir_all(dir).map_err(|e| E::from(failed(dir, e)))?;
        let lock_path = dir.join(".profiles.lock");
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| E::from(failed(&lock_path, e)))?;
        lock.lock().map_err(|e| E::from(failed(&lock_path, e)))?;
        let mut file = Self::load(dir).map_err(E::from)?;
        let out = change(&mut file)?;
        file.write(dir).map_err(E::from)?;
        Ok(out)
    }

    fn write(&self, dir: &Path) -> Result<(), ProfilesFileError> {
        let path = Self::path(dir);
        let text = toml::to_string_pretty(self).map_err(|e| ProfilesFileError::NotWritten {
            path: path.clone(),
            error: e.to_string(),
        })?;
        let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        let result = (|| -> std::io::Result<()> {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(b"# vodesk profiles. Secret keys are in the OS keychain, never here.\n")?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, &path)?;
            // The rename itself must survive a power loss.
            fs::File::open(dir)?.sync_all()
        })();
        result.map_err(|e| {
            let _ = fs::remove_file(&tmp);
            ProfilesFileError::NotWritten {
                path,
                error: e.to_string(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::profile::{Provider, ProxyConfig};

    fn profile(name: &str) -> Profile {
        Profile {
            name: name.into(),
            provider: Provider::Huawei,
            region: Some("ap-southeast-1".into()),
            endpoint: None,
            object_endpoint: None,
            project_id: "p1".into(),
            access_key: "AK1".into(),
            security_token: true,
            proxy: Some(ProxyConfig {
                url: "http://proxy:3128".into(),
                user: Some("alice".into()),
            }),
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            ProfilesFile::load(dir.path()).unwrap(),
            ProfilesFile::default()
        );
        ProfilesFile::update(dir.path(), |f| {
            f.profiles.push(profile("a"));
            f.profiles.push(profile("生产"));
            f.default = Some("生产".into());
            Ok::<(), ProfilesFileError>(())
        })
        .unwrap();
        let back = ProfilesFile::load(dir.path()).unwrap();
        assert_eq!(back.profiles, vec![profile("a"), profile("生产")]);
        assert_eq!(back.default_name(), "生产");
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let no = ProfilesFileError::Invalid {
            path: "x".into(),
            message: "no".into(),
        };
        let err = ProfilesFile::update(dir.path(), |f| {
            f.profiles.push(profile("a"));
            Err::<(), _>(no.clone())
        })
        .unwrap_err();
        assert_eq!(err, no);
        assert!(!ProfilesFile::path(dir.path()).exists());
    }

    #[test]
    fn broken_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(ProfilesFile::path(dir.path()), "[[profile]]\nname = 3\n").unwrap();
        let err = ProfilesFile::load(dir.path()).unwrap_err();
        assert!(
            matches!(&err, ProfilesFileError::Invalid { path, .. } if path.ends_with("profiles.toml")),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("profiles.toml is not a valid profiles file"),
            "{err}"
        );
    }
}
