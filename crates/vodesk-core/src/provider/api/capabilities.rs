//! What a provider can do and the bounds it sets (tencent-aliyun-vod-api.md §C). Faces and the
//! engine ask these, never which provider it is.

use serde::Serialize;

use crate::model::Limits;

/// How an upload's bytes are cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PartRules {
    /// Files up to this size go up in one PUT.
    pub single_put_max: u64,
    pub part_size_min: u64,
    pub part_size_max: u64,
    /// Most parts one upload may have (kept within one List Parts page).
    pub max_parts: u64,
}

impl PartRules {
    /// Part size for a file: at least `preferred`, grown in MiB steps so there are at most
    /// `max_parts` parts, and within the provider's bounds.
    pub fn part_size_for(&self, size: u64, preferred: u64) -> u64 {
        const MIB: u64 = 1024 * 1024;
        let min_for_count = size.div_ceil(self.max_parts).div_ceil(MIB) * MIB;
        preferred
            .max(min_for_count)
            .max(MIB)
            .clamp(self.part_size_min, self.part_size_max)
    }

    /// The number of parts of a file of `size` bytes.
    pub fn parts(size: u64, part_size: u64) -> u64 {
        size.div_ceil(part_size.max(1))
    }
}

/// What `publish` / `unpublish` do at a provider, so each face can say it in that cloud's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishModel {
    /// An asset is published or not (Huawei: PUBLISHED / UNPUBLISHED).
    Publish,
    /// Playback is allowed or forbidden (Tencent: `ForbidMediaDistribution`, Normal / Forbidden).
    Distribution,
    /// An audit verdict lets the asset play or blocks it (Alibaba: Normal / Blocked).
    Audit,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    pub limits: Limits,
    pub parts: PartRules,
    /// What publishing and unpublishing mean at this provider (`None`: no such thing).
    pub publish: Option<PublishModel>,
    /// The asset id is known when the upload opens (otherwise only when it finishes).
    pub asset_id_at_open: bool,
    /// The VOD service authorises each storage call itself (nothing is signed here).
    pub per_call_authorization: bool,
    /// Temporary storage credentials can be renewed for the same object.
    pub refreshable_credentials: bool,
    /// The service can tell whether it already holds a file (size + head MD5).
    pub duplicate_check: bool,
    /// A snapshot can be made the cover.
    pub cover_from_snapshot: bool,
    /// An asset's cover can be replaced by an image file.
    pub cover_image: bool,
    /// Deleting can keep the transcoded outputs and drop only the original.
    pub delete_original_only: bool,
    /// Buckets of the account can be browsed and their objects imported.
    pub buckets: bool,
    /// A bucket must be authorised before the VOD service may read it.
    pub bucket_authorization: bool,
    /// Media can be imported from URLs.
    pub url_import: bool,
}
