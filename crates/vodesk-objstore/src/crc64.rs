//! CRC-64/XZ (ECMA-182 polynomial, reflected, initial and final value all ones): what OSS
//! sends as `x-oss-hash-crc64ecma` and oss2 checks when the header is present.

const POLY: u64 = 0xC96C_5795_D787_0F42;

const TABLE: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u64;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ POLY
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
};

/// A running CRC over bytes fed in any number of pieces.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Crc64(u64);

impl Crc64 {
    pub fn new() -> Self {
        Crc64(!0)
    }

    pub fn update(&mut self, data: &[u8]) {
        let mut crc = self.0;
        for b in data {
            crc = TABLE[((crc ^ u64::from(*b)) & 0xff) as usize] ^ (crc >> 8);
        }
        self.0 = crc;
    }

    pub fn finish(self) -> u64 {
        !self.0
    }
}

/// The header OSS reports the CRC in.
pub(crate) const HEADER: &str = "x-oss-hash-crc64ecma";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_value_and_pieces() {
        let mut c = Crc64::new();
        c.update(b"123456789");
        assert_eq!(c.finish(), 0x995d_c9bb_df19_39fa);
        let mut split = Crc64::new();
        split.update(b"1234");
        split.update(b"56789");
        assert_eq!(split.finish(), 0x995d_c9bb_df19_39fa);
        assert_eq!(Crc64::new().finish(), 0);
    }
}
