//! Processing presets: what the service does with an upload once stored (Huawei transcoding
//! template groups, Tencent task flows, Alibaba template groups and workflows).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    /// The value an upload names the preset by (a group name for Huawei, an id elsewhere).
    pub id: String,
    /// What a person reads.
    pub name: String,
    pub description: Option<String>,
    /// Output formats (`MP4`, `HLS`…), as the service lists them.
    pub formats: Vec<String>,
    /// It transcodes (a "no transcoding" preset stores the original only).
    pub transcodes: bool,
    /// The outputs are encrypted by the preset itself.
    pub encrypts: bool,
    /// The provider's own status word for it, when it has one.
    pub status: Option<String>,
}

impl Preset {
    /// True when any output is HLS (encryption needs one).
    pub fn produces_hls(&self) -> bool {
        self.formats
            .iter()
            .any(|f| f.to_ascii_uppercase().contains("HLS"))
    }

    /// Output formats, e.g. `MP4, HLS`.
    pub fn formats_text(&self) -> String {
        let mut f = self.formats.clone();
        f.dedup();
        f.join(", ")
    }
}
