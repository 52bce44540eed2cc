//! The playing time of an ISO media file (MP4, MOV, M4V, 3GP, M4A, F4V) from its movie header
//! (`moov/mvhd`). The local service does not decode media; this reads only the file's head, so
//! a file whose `moov` comes after its media data (not "fast start") has no duration here.

/// Formats whose files are ISO base media boxes.
pub const ISO_TYPES: &[&str] = &["MP4", "MOV", "M4V", "3GP", "M4A", "F4V"];

/// How much of the head is read: a fast-start file's `moov` begins within the first boxes.
pub const HEAD_BYTES: u64 = 64 * 1024;

fn be(bytes: &[u8]) -> Option<u64> {
    (bytes.len() <= 8).then(|| bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

/// The boxes of `data` as (type, body), as far as they are whole.
fn boxes(data: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let rest = data.get(at..)?;
        let size = be(rest.get(0..4)?)?;
        let kind = rest.get(4..8)?;
        let (header, size) = match size {
            0 => (8, rest.len() as u64),
            1 => (16, be(rest.get(8..16)?)?),
            n => (8, n),
        };
        let size = usize::try_from(size).ok().filter(|s| *s >= header)?;
        // A box running past the head: its body is what there is of it.
        let body = rest.get(header..size.min(rest.len()))?;
        at = at.checked_add(size)?;
        Some((kind, body))
    })
}

/// Milliseconds of the movie `head` begins, when its `moov/mvhd` is within it.
pub fn mp4_duration_ms(head: &[u8]) -> Option<i64> {
    let (_, moov) = boxes(head).find(|(k, _)| *k == b"moov")?;
    let (_, mvhd) = boxes(moov).find(|(k, _)| *k == b"mvhd")?;
    let (timescale, duration) = match mvhd.first()? {
        0 => (be(mvhd.get(12..16)?)?, be(mvhd.get(16..20)?)?),
        1 => (be(mvhd.get(20..24)?)?, be(mvhd.get(24..32)?)?),
        _ => return None,
    };
    // All ones: the duration is not known.
    if timescale == 0 || duration == u64::MAX || duration == u64::from(u32::MAX) {
        return None;
    }
    i64::try_from(u128::from(duration) * 1000 / u128::from(timescale)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }

    fn mvhd_v0(timescale: u32, duration: u32) -> Vec<u8> {
        let mut body = vec![0u8; 12];
        body.extend_from_slice(&timescale.to_be_bytes());
        body.extend_from_slice(&duration.to_be_bytes());
        body.extend_from_slice(&[0u8; 80]);
        mp4_box(b"mvhd", &body)
    }

    #[test]
    fn movie_header_after_ftyp_and_free() {
        let moov = mp4_box(b"moov", &mvhd_v0(600, 7_500));
        let head = [
            mp4_box(b"ftyp", b"isom\0\0\0\x01isommp41"),
            mp4_box(b"free", &[0; 10]),
            moov,
            mp4_box(b"mdat", &[1; 100]),
        ]
        .concat();
        assert_eq!(mp4_duration_ms(&head), Some(12_500));
        // Version 1: 64-bit times.
        let mut v1 = vec![1u8, 0, 0, 0];
        v1.extend_from_slice(&[0u8; 16]);
        v1.extend_from_slice(&1000u32.to_be_bytes());
        v1.extend_from_slice(&90_061u64.to_be_bytes());
        let head = mp4_box(b"moov", &mp4_box(b"mvhd", &v1));
        assert_eq!(mp4_duration_ms(&head), Some(90_061));
    }

    #[test]
    fn no_movie_header_in_the_head() {
        assert_eq!(mp4_duration_ms(b""), None);
        assert_eq!(mp4_duration_ms(&[7u8; 5000]), None);
        let late = [mp4_box(b"ftyp", b"isom"), mp4_box(b"mdat", &[0; 64])].concat();
        assert_eq!(mp4_duration_ms(&late[..late.len() - 10]), None);
        assert_eq!(mp4_duration_ms(&mp4_box(b"moov", &mvhd_v0(0, 5))), None);
    }
}
