//! Decoder for `Content-Encoding: aws-chunked` bodies:
//! `hex-size[;chunk-signature=sig]\r\n<data>\r\n ... 0[;chunk-signature=sig]\r\n[trailers\r\n]\r\n`.

use bytes::{Bytes, BytesMut};
use sha2::{Digest, Sha256};

use crate::auth::sigv4;
use crate::error::S3Error;
use crate::ingest::ChunkSigning;

const MAX_LINE: usize = 8 * 1024;

enum State {
    /// Reading a chunk header line.
    Header,
    /// Inside chunk data, this many bytes left.
    Data(u64),
    /// Expecting the `\r\n` after chunk data (bytes of it already seen).
    DataEnd(u8),
    /// After the zero-size chunk: trailer lines until an empty one.
    Trailer,
    Done,
}

pub(crate) struct AwsChunkedDecoder {
    state: State,
    line: BytesMut,
    signing: Option<ChunkSigning>,
    previous_signature: String,
    expected_signature: Option<String>,
    hasher: Option<Sha256>,
}

fn bad(msg: &str) -> S3Error {
    S3Error::invalid_argument(format!("Malformed aws-chunked body: {msg}"))
}

impl AwsChunkedDecoder {
    pub fn new(signing: Option<ChunkSigning>) -> Self {
        let previous_signature = signing
            .as_ref()
            .map(|s| s.seed_signature.clone())
            .unwrap_or_default();
        AwsChunkedDecoder {
            state: State::Header,
            line: BytesMut::new(),
            signing,
            previous_signature,
            expected_signature: None,
            hasher: None,
        }
    }

    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Done)
    }

    /// Feeds wire bytes; decoded payload slices are appended to `out` (zero-copy).
    pub fn feed(&mut self, mut input: Bytes, out: &mut Vec<Bytes>) -> Result<(), S3Error> {
        while !input.is_empty() {
            match self.state {
                State::Header | State::Trailer => {
                    let Some(line) = self.take_line(&mut input)? else {
                        continue;
                    };
                    if matches!(self.state, State::Trailer) {
                        if line.is_empty() {
                            self.state = State::Done;
                        }
                        // Trailing checksums are not verified: the MD5 we compute is authoritative.
                        continue;
                    }
                    self.start_chunk(&line)?;
                }
                State::Data(left) => {
                    let n = (left.min(input.len() as u64)) as usize;
                    let piece = input.split_to(n);
                    if let Some(h) = self.hasher.as_mut() {
                        h.update(&piece);
                    }
                    out.push(piece);
                    let left = left - n as u64;
                    if left == 0 {
                        self.finish_chunk()?;
                        self.state = State::DataEnd(0);
                    } else {
                        self.state = State::Data(left);
                    }
                }
                State::DataEnd(seen) => {
                    let want = if seen == 0 { b'\r' } else { b'\n' };
                    if input[0] != want {
                        return Err(bad("missing CRLF after chunk data"));
                    }
                    let _ = input.split_to(1);
                    self.state = if seen == 0 {
                        State::DataEnd(1)
                    } else {
                        State::Header
                    };
                }
                State::Done => return Ok(()),
            }
        }
        Ok(())
    }

    /// Accumulates one `\r\n`-terminated line; `None` while incomplete.
    fn take_line(&mut self, input: &mut Bytes) -> Result<Option<String>, S3Error> {
        match input.iter().position(|&b| b == b'\n') {
            Some(i) => {
                self.line.extend_from_slice(&input.split_to(i + 1));
                let raw = std::mem::take(&mut self.line);
                let text = std::str::from_utf8(&raw).map_err(|_| bad("non-UTF-8 header line"))?;
                Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()))
            }
            None => {
                self.line.extend_from_slice(input);
                input.clear();
                if self.line.len() > MAX_LINE {
                    return Err(bad("header line too long"));
                }
                Ok(None)
            }
        }
    }

    fn start_chunk(&mut self, line: &str) -> Result<(), S3Error> {
        let (size_hex, ext) = match line.split_once(';') {
            Some((s, e)) => (s, Some(e)),
            None => (line, None),
        };
        let size = u64::from_str_radix(size_hex.trim(), 16).map_err(|_| bad("bad chunk size"))?;
        self.expected_signature = ext
            .and_then(|e| e.trim().strip_prefix("chunk-signature="))
            .map(|s| s.trim().to_string());
        if self.signing.is_some() {
            if self.expected_signature.is_none() {
                return Err(bad("missing chunk-signature"));
            }
            self.hasher = Some(Sha256::new());
        }
        if size == 0 {
            self.finish_chunk()?;
            self.state = State::Trailer;
        } else {
            self.state = State::Data(size);
        }
        Ok(())
    }

    fn finish_chunk(&mut self) -> Result<(), S3Error> {
        let (Some(signing), Some(hasher)) = (self.signing.as_ref(), self.hasher.take()) else {
            return Ok(());
        };
        let chunk_hash = hex::encode(hasher.finalize());
        let sts = sigv4::chunk_string_to_sign(
            &signing.amz_date,
            &signing.scope,
            &self.previous_signature,
            &chunk_hash,
        );
        let sig = sigv4::signature(&signing.key, &sts);
        if self.expected_signature.as_deref() != Some(sig.as_str()) {
            return Err(
                S3Error::signature_mismatch().with_extra("Detail", "aws-chunked chunk signature")
            );
        }
        self.previous_signature = sig;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(wire: &[u8], split: usize) -> Result<(Vec<u8>, bool), S3Error> {
        let mut d = AwsChunkedDecoder::new(None);
        let mut out = Vec::new();
        for piece in wire.chunks(split) {
            d.feed(Bytes::copy_from_slice(piece), &mut out)?;
        }
        Ok((out.concat(), d.is_done()))
    }

    #[test]
    fn unsigned_trailer_body_decodes_across_any_split() {
        let wire = b"5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
        for split in 1..wire.len() {
            let (data, done) = decode_all(wire, split).expect("decodes");
            assert_eq!(data, b"hello world");
            assert!(done);
        }
    }

    #[test]
    fn signed_chunks_are_verified() {
        // Example from the AWS "Signature Calculations for the Authorization Header: Transferring
        // Payload in Multiple Chunks" documentation (64 KiB + 1 KiB of 'a').
        let key = sigv4::signing_key(
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "20130524",
            "us-east-1",
            "s3",
        );
        let signing = ChunkSigning {
            key,
            amz_date: "20130524T000000Z".into(),
            scope: "20130524/us-east-1/s3/aws4_request".into(),
            seed_signature: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
                .into(),
        };
        let mut wire = Vec::new();
        wire.extend_from_slice(b"10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n");
        wire.extend_from_slice(&[b'a'; 65536]);
        wire.extend_from_slice(b"\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n");
        wire.extend_from_slice(&[b'a'; 1024]);
        wire.extend_from_slice(b"\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n");
        let mut d = AwsChunkedDecoder::new(Some(signing.clone()));
        let mut out = Vec::new();
        d.feed(Bytes::from(wire.clone()), &mut out)
            .expect("valid signatures");
        assert!(d.is_done());
        assert_eq!(out.concat().len(), 66560);

        let mut tampered = wire;
        tampered[200] = b'b';
        let mut d = AwsChunkedDecoder::new(Some(signing));
        let err = d
            .feed(Bytes::from(tampered), &mut Vec::new())
            .expect_err("rejected");
        assert_eq!(err.code, "SignatureDoesNotMatch");
    }
}
