//! Which cloud a profile talks to: the one provider enum.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Huawei,
    Tencent,
    Aliyun,
}

impl ProviderKind {
    /// A stable word for files, journals and scripts.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Huawei => "huawei",
            ProviderKind::Tencent => "tencent",
            ProviderKind::Aliyun => "aliyun",
        }
    }

    pub fn parse(s: &str) -> Option<ProviderKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "huawei" => Some(ProviderKind::Huawei),
            "tencent" => Some(ProviderKind::Tencent),
            "aliyun" | "alibaba" => Some(ProviderKind::Aliyun),
            _ => None,
        }
    }
}

impl std::fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
