//! Where an asset's objects live. Everything sits in the library's one bucket (`vod-<tenant>`),
//! under the asset's directory `{tenant}/{asset_id}`:
//! `{name}.{ext}` (the original; a replacement gets a fresh name), `cover0[.jpg|.png]` (cover),
//! `subtitle_{id}_{lang}.srt`, `snapshot/{kind}_{n}.png`.
//! Imported originals may stay in the user's bucket instead.

use super::rows::AssetRow;

/// Lower-case ASCII letters, digits and `-` of `s`: what a bucket name and a key segment take.
fn key_safe(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The bucket a new library of `tenant` gets (kept afterwards, whatever the tenant becomes).
pub fn bucket_for(tenant: &str) -> String {
    let mut id = key_safe(tenant);
    id.truncate(40);
    if id.is_empty() {
        "vod-local".to_string()
    } else {
        format!("vod-{}", id.trim_matches('-'))
    }
}

/// Key of an asset's custom cover in its directory `dir`: `cover0.jpg`, `cover0.png`, or
/// `cover0` when no cover type was given.
pub fn cover_key(dir: &str, cover_type: Option<&str>) -> String {
    let suffix = match cover_type {
        Some("JPG") => ".jpg",
        Some("PNG") => ".png",
        _ => "",
    };
    format!("{dir}/cover0{suffix}")
}

pub struct Layout {
    pub bucket: String,
    /// First segment of every object key (the tenant, made key-safe).
    root: String,
}

impl Layout {
    pub fn new(bucket: String, tenant: &str) -> Self {
        let mut root = key_safe(tenant);
        if root.is_empty() {
            root = "local".into();
        }
        Layout { bucket, root }
    }

    pub fn asset_dir(&self, asset_id: &str) -> String {
        format!("{}/{asset_id}", self.root)
    }

    /// The original: `{dir}/{name}.{ext}`.
    pub fn video_key(&self, asset_id: &str, name: &str, video_type: &str) -> String {
        format!(
            "{}/{name}.{}",
            self.asset_dir(asset_id),
            video_type.to_ascii_lowercase()
        )
    }

    pub fn cover_key(&self, asset_id: &str, cover_type: Option<&str>) -> String {
        cover_key(&self.asset_dir(asset_id), cover_type)
    }

    pub fn subtitle_key(&self, asset_id: &str, id: i64, language: &str) -> String {
        format!(
            "{}/subtitle_{id}_{}.srt",
            self.asset_dir(asset_id),
            language.to_ascii_lowercase()
        )
    }

    /// The `n`th (from 1) snapshot of a `kind` sampling.
    pub fn snapshot_key(&self, asset_id: &str, kind: &str, n: usize) -> String {
        format!("{}/snapshot/{kind}_{n}.png", self.asset_dir(asset_id))
    }

    /// Objects an asset owns (original if owned, every cover spelling, subtitles, snapshots,
    /// pending replacement): what deleting it removes.
    pub fn owned_keys(&self, a: &AssetRow) -> Vec<(String, String)> {
        let mut keys = Vec::new();
        if a.owns_object {
            keys.push((a.bucket.clone(), a.object_key.clone()));
        }
        let dir = self.asset_dir(&a.asset_id);
        let mine = |key: String| (self.bucket.clone(), key);
        keys.extend(
            [None, Some("JPG"), Some("PNG")]
                .into_iter()
                .map(|t| mine(cover_key(&dir, t))),
        );
        keys.extend(a.subtitles.iter().map(|s| mine(s.object_key.clone())));
        keys.extend(a.snapshots.iter().map(|s| mine(s.key.clone())));
        if let Some(p) = &a.pending {
            keys.push(mine(p.object_key.clone()));
        }
        keys
    }
}
