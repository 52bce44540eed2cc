//! Where vodesk keeps things: the platform's directories (directories crate), each overridable by
//! an environment variable (tests, portable installs).

use std::path::{Path, PathBuf};

fn platform_dir(
    var: &str,
    pick: fn(&directories::ProjectDirs) -> &Path,
    fallback: &str,
) -> PathBuf {
    if let Some(d) = std::env::var_os(var) {
        return PathBuf::from(d);
    }
    directories::ProjectDirs::from("", "", "vodesk")
        .map(|p| pick(&p).to_path_buf())
        .unwrap_or_else(|| PathBuf::from(fallback))
}

/// `profiles.toml` lives here (`VODESK_CONFIG`, else `~/.config/vodesk` on Linux).
pub fn config_dir() -> PathBuf {
    platform_dir(
        "VODESK_CONFIG",
        directories::ProjectDirs::config_dir,
        ".vodesk-config",
    )
}

/// Upload journal, local service, logs (`VODESK_DATA`, else `~/.local/share/vodesk` on Linux).
pub fn data_dir() -> PathBuf {
    platform_dir("VODESK_DATA", directories::ProjectDirs::data_dir, ".vodesk")
}
