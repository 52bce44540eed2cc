//! MD5 for the upload hot paths: every byte of an upload is hashed once by the client (each
//! part's Content-MD5) and once by the object store (ETag, Content-MD5 check), and MD5 was the
//! largest CPU cost of both (the pure-Rust `md-5` runs at ~600 MB/s on the benchmark machine).
//! AWS-LC, linked anyway for TLS, has an assembly implementation that is markedly faster.

use std::mem::MaybeUninit;

use std::os::raw::{c_int, c_void};

use aws_lc_sys::MD5_CTX;

// `aws-lc-sys` only generates Rust declarations for its MD5 functions with the `all-bindings`
// feature, which rustls's build leaves off (turning it on rebuilds the C library). The symbols
// are in the linked library all the same, prefixed with the crate version — hence the exact
// version pin in Cargo.toml.
unsafe extern "C" {
    #[link_name = "aws_lc_0_47_0_MD5_Init"]
    fn MD5_Init(md5: *mut MD5_CTX) -> c_int;
    #[link_name = "aws_lc_0_47_0_MD5_Update"]
    fn MD5_Update(md5: *mut MD5_CTX, data: *const c_void, len: usize) -> c_int;
    #[link_name = "aws_lc_0_47_0_MD5_Final"]
    fn MD5_Final(out: *mut u8, md5: *mut MD5_CTX) -> c_int;
}

/// An incremental MD5 (the same interface shape as `md-5`'s `Digest`).
#[derive(Clone)]
pub struct Md5 {
    ctx: MD5_CTX,
}

impl Default for Md5 {
    fn default() -> Self {
        Self::new()
    }
}

impl Md5 {
    pub fn new() -> Md5 {
        let mut ctx = MaybeUninit::<MD5_CTX>::zeroed();
        // SAFETY: MD5_Init fully initialises the plain-data context it is given; it cannot fail.
        unsafe {
            MD5_Init(ctx.as_mut_ptr());
            Md5 {
                ctx: ctx.assume_init(),
            }
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        // SAFETY: `data` is a valid slice for its length; the context was initialised in `new`.
        unsafe {
            MD5_Update(&mut self.ctx, data.as_ptr().cast(), data.len());
        }
    }

    pub fn finalize(mut self) -> [u8; 16] {
        let mut out = [0u8; 16];
        // SAFETY: `out` has the 16 bytes MD5_Final writes.
        unsafe {
            MD5_Final(out.as_mut_ptr(), &mut self.ctx);
        }
        out
    }

    /// MD5 of `data` in one call.
    pub fn digest(data: &[u8]) -> [u8; 16] {
        let mut h = Md5::new();
        h.update(data);
        h.finalize()
    }
}

#[cfg(test)]
mod tests {
    use super::Md5;
    use md5::Digest;

    #[test]
    fn matches_the_reference_implementation() {
        assert_eq!(
            hex::encode(Md5::digest(b"")),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        let data: Vec<u8> = (0..300_001u32).map(|i| (i * 31 % 251) as u8).collect();
        let mut h = Md5::new();
        for piece in data.chunks(7_777) {
            h.update(piece);
        }
        assert_eq!(h.finalize().as_slice(), md5::Md5::digest(&data).as_slice());
    }
}
