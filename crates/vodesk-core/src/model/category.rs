//! Asset categories: a tree as deep as the provider allows ([`Limits::category_levels`]).

use serde::{Deserialize, Serialize};

use super::limits::Limits;
use super::metadata::{Field, FieldError, Rule};

/// "Other": where assets without a category go (Huawei's id; each provider maps it).
pub const OTHER_CATEGORY_ID: i64 = -1;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub name: String,
    /// 0 for level-1 categories.
    pub parent_id: Option<i64>,
    /// From 1 (top level), when known.
    pub level: Option<u32>,
    pub children: Vec<Category>,
}

/// A category name must be non-empty and within the provider's limit.
pub fn validate_name(name: &str, limits: &Limits) -> Option<FieldError> {
    let (length, max) = (limits.length(name), limits.category_name_max);
    let rule = if name.trim().is_empty() {
        Rule::Empty
    } else if length > max {
        Rule::TooLong {
            length,
            max,
            unit: limits.unit,
        }
    } else {
        return None;
    };
    Some(FieldError::new(Field::CategoryName, rule))
}
