//! Asset categories (huawei-vod-api.md §11): up to 3 levels, "Other" is -1, root parent is 0.

use serde::{Deserialize, Serialize};

pub const OTHER_CATEGORY_ID: i64 = -1;
pub const NAME_MAX_BYTES: usize = 64;
pub const MAX_LEVELS: u32 = 3;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub name: String,
    /// 0 for level-1 categories.
    pub parent_id: Option<i64>,
    /// 1, 2 or 3 when known.
    pub level: Option<u32>,
    pub children: Vec<Category>,
}

/// A category name must be 1..=64 bytes.
pub fn validate_name(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        Some("category name is empty; give it a name".into())
    } else if name.len() > NAME_MAX_BYTES {
        Some(format!(
            "category name is {} bytes long; the limit is {NAME_MAX_BYTES} bytes (UTF-8) — shorten it",
            name.len()
        ))
    } else {
        None
    }
}
