//! The rules a provider sets on what users type: each provider states its own in its
//! capabilities, and every form and command checks against those.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Limits {
    pub title_max_bytes: usize,
    pub description_max_bytes: usize,
    pub tags_max_count: usize,
    pub tag_max_bytes: usize,
    pub preset_max_bytes: usize,
    pub category_name_max_bytes: usize,
    /// Most levels a category tree may have.
    pub category_levels: u32,
    /// URLs one import-by-URL call takes.
    pub url_imports_max: usize,
}
