//! Facts from the core worded for people, the same way in the app and on the command line.

use vodesk_core::credentials::ProfilesFileError;
use vodesk_core::credentials::manage::ManageError;
use vodesk_core::credentials::profile::{ProfileError, ProfileField, ProfileRule};
use vodesk_core::engine::owner::Holder;

/// Who holds an account's uploads: "process 1234 (vodesk upload) since 2026-12-03 10:02".
pub fn holder(h: &Holder) -> String {
    match h.pid {
        Some(pid) => t!(
            "owner-holder",
            pid = pid,
            program = (h.program.as_str()),
            since = (h.since.as_str())
        ),
        None => t!("owner-unknown"),
    }
}

/// A profile's problem in the CLI's words: options by name, the provider's terms.
pub fn profile_problem(e: &ProfileError) -> String {
    use ProfileRule as R;
    let (value, provider) = (e.value.as_str(), e.provider.as_str());
    let what = match e.field {
        ProfileField::ObjectEndpoint => "object",
        ProfileField::Proxy => "proxy",
        _ => "endpoint",
    };
    match (&e.field, &e.rule) {
        (ProfileField::Name, R::Empty) => t!("cli-profile-name-empty"),
        (_, R::EdgeSpace) => t!("cli-profile-name-edge", value = value),
        (_, R::TooLong) => t!("cli-profile-name-long", value = value),
        (_, R::BuiltIn) => t!("cli-profile-name-built-in", value = value),
        (_, R::BadChar(c)) => t!(
            "cli-profile-name-char",
            value = value,
            char = (format!("{c:?}"))
        ),
        (_, R::Unsupported) => t!("cli-profile-unsupported", provider = provider),
        (_, R::NoRegionOrEndpoint) => t!("cli-profile-no-region"),
        (_, R::ObjectEndpointNeeded) => t!("cli-profile-object-needed"),
        (_, R::NotARegion([a, b, c])) => {
            t!(
                "cli-profile-not-region",
                value = value,
                a = (*a),
                b = (*b),
                c = (*c)
            )
        }
        (_, R::NotAUrl) => t!("cli-profile-url-not-url", what = what, value = value),
        (_, R::NotHttp) => t!("cli-profile-url-not-http", what = what, value = value),
        (_, R::NoHost) => t!("cli-profile-url-no-host", what = what, value = value),
        (_, R::QueryOrFragment) => t!("cli-profile-url-query", what = what, value = value),
        (_, R::UserInUrl) => t!("cli-profile-url-user", what = what, value = value),
        (_, R::Empty) => t!("cli-profile-key-empty", provider = provider),
        (_, R::HasSpaces) => t!("cli-profile-key-spaces", provider = provider),
        (_, R::ScopeLength) => t!("cli-profile-scope-length", provider = provider),
        (_, R::NotANumber) => {
            t!(
                "cli-profile-scope-number",
                provider = provider,
                value = value
            )
        }
    }
}

/// Why the profiles file could not be read, with a bad profile's problem worded by `problem`
/// (each face names fields its own way).
pub fn profiles_file_error(e: &ProfilesFileError, problem: fn(&ProfileError) -> String) -> String {
    match e {
        ProfilesFileError::Unreadable { path, error } => t!(
            "profiles-file-unreadable",
            path = (path.display().to_string()),
            error = (error.as_str())
        ),
        ProfilesFileError::Invalid { path, message } => t!(
            "profiles-file-invalid",
            path = (path.display().to_string()),
            message = (message.as_str())
        ),
        ProfilesFileError::NotWritten { path, error } => t!(
            "profiles-file-not-written",
            path = (path.display().to_string()),
            error = (error.as_str())
        ),
        ProfilesFileError::BadProfile {
            path,
            name,
            problem: p,
        } => {
            let problem = problem(p);
            t!(
                "profiles-file-bad-profile",
                path = (path.display().to_string()),
                name = (name.as_str()),
                problem = problem
            )
        }
    }
}

/// Why a profile was not saved, removed or chosen.
pub fn manage_error(e: &ManageError) -> String {
    match e {
        ManageError::Exists(name) => t!("profile-exists", name = (name.as_str())),
        ManageError::RemovedMeanwhile(name) => {
            t!("profile-removed-meanwhile", name = (name.as_str()))
        }
        ManageError::NoSecret => t!("profile-secret-empty"),
        ManageError::SecretNotStored(name) => {
            t!("profile-secret-not-stored", name = (name.as_str()))
        }
        ManageError::BuiltIn(name) => t!("profile-built-in", name = (name.as_str())),
        ManageError::NotFound(name) => t!("connect-profile-not-found", name = (name.as_str())),
        ManageError::Storage(e) => e.clone(),
        ManageError::File(e) => profiles_file_error(e, profile_problem),
    }
}

/// Why a file found in a folder was left out: its extension is not a format VOD takes.
pub fn not_media_reason(path: &std::path::Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => t!("left-out-reason", ext = ext),
        None => t!("left-out-reason-no-ext"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, pin_thread};

    #[test]
    fn a_broken_profiles_file_and_a_holder_read_in_either_language() {
        let broken = ProfilesFileError::Invalid {
            path: "/home/a/.config/vodesk/profiles.toml".into(),
            message: "expected `=`".into(),
        };
        let holder = Holder {
            pid: Some(4242),
            program: "vodesk upload".into(),
            since: "2026-12-03 10:02".into(),
        };
        pin_thread(Language::English);
        assert_eq!(
            profiles_file_error(&broken, profile_problem),
            broken.to_string(),
            "the English is the provider layer's sentence"
        );
        assert_eq!(
            crate::words::holder(&holder),
            "process 4242 (vodesk upload) since 2026-12-03 10:02"
        );
        let gone = ManageError::NotFound("staging".into());
        assert!(manage_error(&gone).starts_with("profile \"staging\" not found;"));
        pin_thread(Language::Chinese);
        assert!(manage_error(&gone).contains("staging"));
        assert_ne!(manage_error(&gone), gone.to_string());
        let locked = ManageError::File(ProfilesFileError::NotWritten {
            path: "/cfg/.profiles.lock".into(),
            error: "Permission denied (os error 13)".into(),
        });
        assert_eq!(
            manage_error(&locked),
            "无法写入 /cfg/.profiles.lock：Permission denied (os error 13)"
        );
        assert_eq!(
            profiles_file_error(&broken, profile_problem),
            "/home/a/.config/vodesk/profiles.toml 不是有效的配置文件（expected `=`）；请修正它，或将其移走后重新添加配置"
        );
        assert_eq!(
            crate::words::holder(&holder),
            "进程 4242（vodesk upload），自 2026-12-03 10:02 起"
        );
    }
}
