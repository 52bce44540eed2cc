//! Multipart uploads: parts are blobs with index rows; completion turns them into the object's
//! manifest and swaps the object in with one commit, exactly like a single PUT.

use std::collections::{HashMap, HashSet};

use axum::http::StatusCode;
use vodesk_md5::Md5;

use crate::content::{self, Segment};
use crate::crc64;
use crate::error::S3Error;
use crate::index::{self, ObjectRow, PartRow, UploadRow};
use crate::ingest::TempFile;
use crate::store::Inner;

/// Smallest non-last part (OBS: 100 KB).
pub(crate) const MIN_PART_SIZE: u64 = 100 * 1024;
pub(crate) const MAX_PART_NUMBER: u32 = 10_000;

fn invalid_part(n: u32) -> S3Error {
    S3Error::new(
        StatusCode::BAD_REQUEST,
        "InvalidPart",
        "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.",
    )
    .with_extra("PartNumber", n.to_string())
}

/// ETags arrive quoted or not (the OBS SDK keeps the quotes it received).
pub(crate) fn normalize_etag(s: &str) -> String {
    s.trim().trim_matches('"').to_ascii_lowercase()
}

/// The CRC-64 an object was stored with, if any.
pub(crate) fn stored_crc(meta: &crate::index::Meta) -> Option<u64> {
    meta.iter()
        .find(|(k, _)| k == crc64::HEADER)
        .and_then(|(_, v)| v.parse().ok())
}

impl Inner {
    /// CRC-64 of the segments' bytes in order. Part CRCs are not kept, so the bytes are read
    /// again: only OSS asks for it, and only once per completed upload.
    fn crc_of(&self, segments: &[Segment]) -> Result<u64, S3Error> {
        use std::io::Read;
        let mut crc = crc64::Crc64::new();
        let mut buf = vec![0u8; 1024 * 1024];
        for s in segments {
            let mut f = std::fs::File::open(self.blobs.path(&s.blob))?;
            loop {
                let n = f.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                crc.update(&buf[..n]);
            }
        }
        Ok(crc.finish())
    }

    /// The upload, if it exists and belongs to `bucket/key`.
    pub fn upload_for(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<UploadRow, S3Error> {
        match index::upload_get(&self.index.lock(), upload_id)? {
            Some(u) if u.bucket == bucket && u.key == key => Ok(u),
            _ => Err(S3Error::no_such_upload(upload_id)),
        }
    }

    pub fn commit_part(
        &self,
        upload_id: &str,
        part_number: u32,
        temp: TempFile,
        size: u64,
        etag: String,
    ) -> Result<PartRow, S3Error> {
        let blob = self.blobs.id_of(temp.path())?;
        let _ = temp.disarm();
        let part = PartRow {
            part_number,
            size,
            etag,
            modified_ms: crate::time::now_ms(),
            blob: blob.clone(),
        };
        let result = (|| -> Result<Option<String>, S3Error> {
            let mut conn = self.index.lock();
            let tx = conn.transaction()?;
            if index::upload_get(&tx, upload_id)?.is_none() {
                return Err(S3Error::no_such_upload(upload_id));
            }
            let old = index::part_put(&tx, upload_id, &part)?;
            tx.commit()?;
            Ok(old)
        })();
        match result {
            Ok(old) => {
                if let Some(old) = old {
                    self.blobs.remove(&old);
                }
                Ok(part)
            }
            Err(e) => {
                self.blobs.remove(&blob);
                Err(e)
            }
        }
    }

    pub fn abort_upload(&self, bucket: &str, key: &str, upload_id: &str) -> Result<(), S3Error> {
        self.upload_for(bucket, key, upload_id)?;
        let blobs = {
            let mut conn = self.index.lock();
            let tx = conn.transaction()?;
            let blobs = index::upload_delete(&tx, upload_id)?;
            tx.commit()?;
            blobs
        };
        let blobs = blobs.ok_or_else(|| S3Error::no_such_upload(upload_id))?;
        for b in blobs {
            self.blobs.remove(&b);
        }
        Ok(())
    }

    /// `requested` is the client's `(PartNumber, ETag)` list, already checked to be ascending.
    /// With `want_crc` the object's CRC-64 is computed over the parts' bytes and kept with it.
    pub fn complete_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        requested: &[(u32, String)],
        want_crc: bool,
    ) -> Result<ObjectRow, S3Error> {
        let upload = self.upload_for(bucket, key, upload_id)?;
        let parts: HashMap<u32, PartRow> = index::parts_list(
            &self.index.lock(),
            upload_id,
            0,
            MAX_PART_NUMBER as usize + 1,
        )?
        .into_iter()
        .map(|p| (p.part_number, p))
        .collect();
        let mut chosen = Vec::with_capacity(requested.len());
        for (n, etag) in requested {
            let p = parts.get(n).ok_or_else(|| invalid_part(*n))?;
            if normalize_etag(etag) != p.etag {
                return Err(invalid_part(*n));
            }
            chosen.push(p);
        }
        // Sizes only after every part is known to exist, so a missing part reads as InvalidPart.
        for (i, p) in chosen.iter().enumerate() {
            let n = &p.part_number;
            if i + 1 < requested.len() && p.size < MIN_PART_SIZE {
                return Err(S3Error::new(
                    StatusCode::BAD_REQUEST,
                    "EntityTooSmall",
                    "Your proposed upload is smaller than the minimum allowed object size.",
                )
                .with_extra("PartNumber", n.to_string())
                .with_extra("ProposedSize", p.size.to_string())
                .with_extra("MinSizeAllowed", MIN_PART_SIZE.to_string()));
            }
        }

        // The parts become the object as they are (a manifest), so completing costs one commit
        // however large the object; only the ETag is computed, from the part ETags.
        let mut md5_of_md5s = Md5::new();
        let mut segments = Vec::with_capacity(chosen.len());
        for p in &chosen {
            md5_of_md5s.update(&hex::decode(&p.etag).map_err(S3Error::internal)?);
            segments.push(Segment {
                blob: p.blob.clone(),
                size: p.size,
            });
        }
        let etag = format!("{}-{}", hex::encode(md5_of_md5s.finalize()), chosen.len());
        let mut meta = upload.meta.clone();
        if want_crc {
            meta.push((
                crc64::HEADER.to_string(),
                self.crc_of(&segments)?.to_string(),
            ));
        }
        let row = ObjectRow {
            key: key.to_string(),
            size: segments.iter().map(|s| s.size).sum(),
            etag,
            content_type: upload.content_type.clone(),
            modified_ms: crate::time::now_ms(),
            blob: content::manifest(&segments),
            meta,
        };
        let result = (|| -> Result<(Vec<String>, Option<String>), S3Error> {
            let mut conn = self.index.lock();
            let tx = conn.transaction()?;
            let Some(part_blobs) = index::upload_delete(&tx, upload_id)? else {
                return Err(S3Error::no_such_upload(upload_id));
            };
            if !index::bucket_exists(&tx, bucket)? {
                return Err(S3Error::no_such_bucket(bucket));
            }
            let old = index::object_put(&tx, bucket, &row)?;
            tx.commit()?;
            Ok((part_blobs, old))
        })();
        // On error the transaction rolled back: the parts still belong to the upload.
        let (part_blobs, old) = result?;
        // Parts uploaded but left out of the list are not part of the object.
        let kept: HashSet<&str> = segments.iter().map(|s| s.blob.as_str()).collect();
        for b in part_blobs.iter().filter(|b| !kept.contains(b.as_str())) {
            self.blobs.remove(b);
        }
        if let Some(old) = old {
            self.blobs.remove_content(&old);
        }
        Ok(row)
    }
}
