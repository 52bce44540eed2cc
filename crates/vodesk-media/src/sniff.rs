//! A first look at a file's head: could any media tool read it? The local service asks before
//! starting ffprobe on every landed object, so uploads of data that is plainly not media (the
//! benchmarks' random bytes, a mislabelled document) cost no process at all.

/// Whether `head` (the first few KiB) begins like a container or stream VOD services take.
pub fn looks_like_media(head: &[u8]) -> bool {
    let at = |offset: usize, magic: &[u8]| head.get(offset..offset + magic.len()) == Some(magic);
    // ISO base media (MP4, MOV, M4A, 3GP…): a box type at 4.
    let iso = [
        b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot",
    ]
    .iter()
    .any(|k| at(4, *k));
    // MPEG transport stream: a sync byte every 188 bytes.
    let ts = head.len() >= 377 && head[0] == 0x47 && head[188] == 0x47 && head[376] == 0x47;
    // MPEG audio frame sync (MP3/MP2 without a tag) and ADTS AAC.
    let mpeg_audio = head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0;
    iso || ts
        || mpeg_audio
        || at(0, &[0x1A, 0x45, 0xDF, 0xA3]) // Matroska / WebM (EBML)
        || at(0, b"FLV")
        || (at(0, b"RIFF") && (at(8, b"AVI ") || at(8, b"WAVE")))
        || at(0, &[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) // ASF / WMV / WMA
        || at(0, &[0x00, 0x00, 0x01, 0xBA]) // MPEG program stream
        || at(0, &[0x00, 0x00, 0x01, 0xB3]) // MPEG video elementary stream
        || at(0, b"ID3")
        || at(0, b"OggS")
        || at(0, b"fLaC")
        || at(0, b"MAC ") // Monkey's Audio
        || at(0, b"wvpk") // WavPack
        || at(0, b"#!AMR")
        || at(0, b"#EXTM3U") // HLS playlist
        || at(0, &[0x06, 0x0E, 0x2B, 0x34]) // MXF
        || at(0, &[0x0B, 0x77]) // AC-3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_recognised_and_text_is_not() {
        assert!(looks_like_media(b"\0\0\0\x20ftypisom\0\0\x02\0"));
        assert!(looks_like_media(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]));
        assert!(looks_like_media(b"RIFF\x24\0\0\0WAVEfmt "));
        assert!(looks_like_media(b"ID3\x04\0"));
        let mut ts = vec![0u8; 400];
        (ts[0], ts[188], ts[376]) = (0x47, 0x47, 0x47);
        assert!(looks_like_media(&ts));
        assert!(!looks_like_media(
            b"# Read me\nThese are the holiday clips."
        ));
        assert!(!looks_like_media(b"RIFF\x24\0\0\0WEBPVP8 "));
        assert!(!looks_like_media(b""));
    }
}
