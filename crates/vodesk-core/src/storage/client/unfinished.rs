//! A bucket's unfinished multipart uploads, as storage browsers show them: parts stored (and
//! billed) for uploads nobody completed or aborted. Listed with their parts' count and size, and
//! aborted one by one.

use chrono::{DateTime, Utc};
use reqwest::Method;

use super::{Call, ObsClient, read_xml};
use crate::provider::error::{ApiError, ErrorKind};
use crate::storage::xml::{ListMultipartUploadsResult, ListPartsResult, UploadSummary};

/// One unfinished upload and what it holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnfinishedUpload {
    pub key: String,
    pub upload_id: String,
    pub initiated: Option<DateTime<Utc>>,
    pub parts: u32,
    pub bytes: u64,
}

impl UnfinishedUpload {
    /// Begun before `t` (an upload the service gives no start time is never "older").
    pub fn started_before(&self, t: DateTime<Utc>) -> bool {
        self.initiated.is_some_and(|i| i < t)
    }
}

/// Uploads (and parts) asked for per page.
const PAGE: &str = "1000";

impl ObsClient {
    /// Every unfinished multipart upload of `bucket`, all pages, without their parts.
    pub async fn list_multipart_uploads(
        &self,
        bucket: &str,
    ) -> Result<Vec<UploadSummary>, ApiError> {
        let mut all = Vec::new();
        let mut markers: (Option<String>, Option<String>) = (None, None);
        loop {
            let mut req = Call::new(Method::GET, Some(bucket), None)
                .query("uploads", None)
                .query("max-uploads", Some(PAGE));
            if let Some(k) = &markers.0 {
                req = req.query("key-marker", Some(k));
            }
            if let Some(u) = &markers.1 {
                req = req.query("upload-id-marker", Some(u));
            }
            let resp = self.send_signed(req).await?;
            let page: ListMultipartUploadsResult = read_xml(resp, "ListMultipartUploads").await?;
            all.extend(page.uploads);
            if !page.is_truncated {
                return Ok(all);
            }
            let next = (page.next_key_marker, page.next_upload_id_marker);
            // A truncated page must say where to go on, and somewhere new.
            if next.0.is_none() || next == markers {
                return Err(ApiError::new(
                    ErrorKind::MalformedResponse,
                    "the list of unfinished uploads is truncated but does not advance",
                ));
            }
            markers = next;
        }
    }

    /// The parts one unfinished upload holds: how many, and their bytes.
    pub async fn upload_parts_size(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<(u32, u64), ApiError> {
        let (mut count, mut bytes) = (0u32, 0u64);
        let mut marker: Option<u32> = None;
        loop {
            let mut req = Call::new(Method::GET, Some(bucket), Some(key))
                .query("uploadId", Some(upload_id))
                .query("max-parts", Some(PAGE));
            if let Some(m) = marker {
                req = req.query("part-number-marker", Some(&m.to_string()));
            }
            let resp = self.send_signed(req).await?;
            let page: ListPartsResult = read_xml(resp, "ListParts").await?;
            count += page.parts.len() as u32;
            bytes += page.parts.iter().filter_map(|p| p.size).sum::<u64>();
            match page.next_part_number_marker {
                Some(m) if page.is_truncated && Some(m) != marker => marker = Some(m),
                _ => return Ok((count, bytes)),
            }
        }
    }

    /// Every unfinished upload of `bucket` with its parts' count and size.
    pub async fn unfinished_uploads(
        &self,
        bucket: &str,
    ) -> Result<Vec<UnfinishedUpload>, ApiError> {
        use futures_util::stream::{self, StreamExt, TryStreamExt};
        // Each upload's parts are a call of their own: eight at a time, so a bucket with
        // thousands of abandoned uploads lists in seconds, not minutes, in listing order.
        let uploads = self.list_multipart_uploads(bucket).await?;
        let sized: Vec<Option<UnfinishedUpload>> = stream::iter(uploads)
            .map(|u| async move {
                // An upload completed or aborted since the listing is simply no longer there.
                match self.upload_parts_size(bucket, &u.key, &u.upload_id).await {
                    Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(e),
                    Ok((parts, bytes)) => Ok(Some(UnfinishedUpload {
                        key: u.key,
                        upload_id: u.upload_id,
                        initiated: u.initiated,
                        parts,
                        bytes,
                    })),
                }
            })
            .buffered(8)
            .try_collect()
            .await?;
        Ok(sized.into_iter().flatten().collect())
    }

    /// Aborts an unfinished upload, freeing its parts; one that is gone already counts as
    /// aborted.
    pub async fn abort_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<(), ApiError> {
        let req =
            Call::new(Method::DELETE, Some(bucket), Some(key)).query("uploadId", Some(upload_id));
        match self.send_signed(req).await {
            Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
            other => other.map(|_| ()),
        }
    }
}
