//! Sizing rules of Huawei uploads (huawei-vod-api.md §3.1, §6.3): which files go up in one PUT,
//! and how large multipart parts are. The upload flow itself is the engine's
//! (`crate::engine::transfer`).

/// Files up to this size go up in one PUT (Huawei's documented threshold).
pub const SINGLE_PUT_MAX: u64 = 20 * 1000 * 1000;
pub const DEFAULT_PART_SIZE: u64 = 10 * 1024 * 1024;
/// Keeps List Parts within one page (§6.2 point 3).
pub const MAX_PARTS: u64 = 1000;

/// Part size for a file: at least `preferred`, grown in MiB steps so there are ≤ 1000 parts.
pub fn part_size_for(size: u64, preferred: u64) -> u64 {
    const MIB: u64 = 1024 * 1024;
    let min_for_count = size.div_ceil(MAX_PARTS).div_ceil(MIB) * MIB;
    preferred.max(min_for_count).max(MIB)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_sizes_keep_at_most_1000_parts() {
        const MIB: u64 = 1024 * 1024;
        assert_eq!(
            part_size_for(60 * MIB, DEFAULT_PART_SIZE),
            DEFAULT_PART_SIZE
        );
        let big = 50 * 1024 * MIB; // 50 GiB
        let p = part_size_for(big, DEFAULT_PART_SIZE);
        assert!(big.div_ceil(p) <= MAX_PARTS);
        assert_eq!(p % MIB, 0);
    }
}
