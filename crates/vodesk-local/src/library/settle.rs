//! Uploads that end without a confirmation call (Alibaba: the video moves on once its object is
//! in the bucket). Nothing tells the library when a client's last byte lands, so whoever reads
//! assets first settles the ones whose object has arrived; a restart in between loses nothing.

use super::rows::status;
use super::{Error, Library, Outcome, Result};

impl Library {
    /// Confirms every asset still waiting for its upload whose object is now stored; how many.
    pub async fn settle_landed(&self) -> Result<usize> {
        // A call waiting here finds what the one before it settled already done.
        let _one_at_a_time = self.settling.lock().await;
        let waiting: Vec<(String, String, String)> = {
            let conn = self.db();
            // The status is written out (not bound) so the partial index assets_creating
            // serves the query: the scan would grow with the library, on every call.
            let mut stmt = conn.prepare_cached(
                "SELECT asset_id, bucket, object_key FROM assets WHERE status = 'CREATING'",
            )?;
            debug_assert_eq!(status::CREATING, "CREATING");
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut settled = 0;
        for (asset_id, bucket, key) in waiting {
            if !self.object_exists(&bucket, &key) {
                continue;
            }
            match self.confirm(&asset_id, Outcome::Uploaded).await {
                Ok(()) => settled += 1,
                // Another call settled it first, or it was deleted meanwhile.
                Err(Error::NotAwaitingUpload | Error::NoAsset(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(settled)
    }
}
