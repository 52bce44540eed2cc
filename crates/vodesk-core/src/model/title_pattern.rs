//! Batch title patterns: `{name}` (file name without extension), `{stem}` (same), `{ext}`,
//! `{dir}` (name of the containing folder). No pattern means "the file name".

use std::path::Path;

/// Expands `pattern` for `path`; `None` gives the file name without extension.
pub fn expand(pattern: Option<&str>, path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(pattern) = pattern else { return stem };
    let ext = path
        .extension()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    pattern
        .replace("{name}", &stem)
        .replace("{stem}", &stem)
        .replace("{ext}", &ext)
        .replace("{dir}", &dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_expand() {
        let p = Path::new("/media/海岸线/片段 01.mov");
        assert_eq!(expand(None, p), "片段 01");
        assert_eq!(
            expand(Some("{dir} – {name} ({ext})"), p),
            "海岸线 – 片段 01 (mov)"
        );
        assert_eq!(expand(Some("fixed"), p), "fixed");
    }
}
