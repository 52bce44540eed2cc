//! After its upload a row's asset is often still being taken in (Alibaba: Uploading →
//! UploadSucc → Transcoding → Normal; Huawei: transcoding before it plays): done rows follow
//! their asset's status on the service, paced, until it settles, and the Status column says it.

use std::time::{Duration, Instant};

use vodesk_core::engine::JobState;
use vodesk_core::model::{AssetState, AssetStatus};

use super::{Row, RowState};
use crate::app::assets::publish_words::PublishWords;

/// How often the statuses are asked for while any is unsettled.
pub const EVERY: Duration = Duration::from_secs(3);
/// Assets asked about in one call (one list page).
const AT_ONCE: usize = 100;

/// A status the service will change by itself (so it is asked again).
pub fn unsettled(s: &AssetStatus) -> bool {
    matches!(s.state, AssetState::Uploading | AssetState::Processing)
}

/// Rows whose asset's status is worth asking about: done, with an asset, and not settled.
fn wanted(r: &Row) -> bool {
    r.state == RowState::Job(JobState::Done)
        && r.asset_id.is_some()
        && r.asset_status.as_ref().is_none_or(unsettled)
}

#[derive(Default)]
pub struct Follow {
    asked_at: Option<Instant>,
    in_flight: bool,
}

impl Follow {
    /// The assets to ask about now, when it is time and nothing is being asked already.
    pub fn due(&mut self, rows: &[Row], now: Instant) -> Option<Vec<String>> {
        if self.in_flight || self.asked_at.is_some_and(|t| now.duration_since(t) < EVERY) {
            return None;
        }
        let ids: Vec<String> = rows
            .iter()
            .filter(|r| wanted(r))
            .filter_map(|r| r.asset_id.clone())
            .take(AT_ONCE)
            .collect();
        if ids.is_empty() {
            return None;
        }
        self.asked_at = Some(now);
        self.in_flight = true;
        Some(ids)
    }

    /// Something is still to be asked about: the UI must wake in time to ask.
    pub fn pending(&self, rows: &[Row]) -> bool {
        rows.iter().any(wanted)
    }

    /// Takes the service's answer (a failed call is asked again at the next turn).
    pub fn answered(&mut self, rows: &mut [Row], statuses: &[(String, AssetStatus)]) {
        self.in_flight = false;
        for r in rows.iter_mut() {
            if let Some(id) = &r.asset_id
                && let Some((_, s)) = statuses.iter().find(|(i, _)| i == id)
            {
                r.asset_status = Some(s.clone());
            }
        }
    }
}

/// A done row's status in the cloud's words (the raw value goes in the tooltip).
pub fn state_word(s: &AssetStatus, words: &PublishWords) -> String {
    match s.state {
        AssetState::Uploading => "being taken in".to_string(),
        AssetState::Processing => "processing".to_string(),
        AssetState::Published => words.published.to_lowercase(),
        AssetState::Unpublished => words.unpublished.to_lowercase(),
        AssetState::Failed => "processing failed".to_string(),
        _ => s.raw.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vodesk_core::model::UploadMetadata;

    fn done(key: u64, id: &str, status: Option<AssetStatus>) -> Row {
        let mut r = Row::new(
            key,
            format!("/m/{key}.mp4").into(),
            1,
            "MP4".into(),
            UploadMetadata::default(),
        );
        r.state = RowState::Job(JobState::Done);
        r.asset_id = Some(id.to_string());
        r.asset_status = status;
        r
    }

    #[test]
    fn unsettled_done_rows_are_asked_about_paced_until_they_settle() {
        let mut rows = vec![
            done(1, "a", None),
            done(
                2,
                "b",
                Some(AssetStatus::new(AssetState::Published, "Normal")),
            ),
            done(
                3,
                "c",
                Some(AssetStatus::new(AssetState::Processing, "Transcoding")),
            ),
        ];
        let mut f = Follow::default();
        let t0 = Instant::now();
        assert_eq!(
            f.due(&rows, t0),
            Some(vec!["a".to_string(), "c".to_string()])
        );
        assert_eq!(f.due(&rows, t0 + EVERY), None, "one call at a time");
        f.answered(
            &mut rows,
            &[
                (
                    "a".into(),
                    AssetStatus::new(AssetState::Processing, "UploadSucc"),
                ),
                (
                    "c".into(),
                    AssetStatus::new(AssetState::Published, "Normal"),
                ),
            ],
        );
        assert_eq!(f.due(&rows, t0 + EVERY / 2), None, "paced");
        assert_eq!(f.due(&rows, t0 + EVERY), Some(vec!["a".to_string()]));
        f.answered(
            &mut rows,
            &[(
                "a".into(),
                AssetStatus::new(AssetState::Unpublished, "Blocked"),
            )],
        );
        assert!(!f.pending(&rows));
        assert_eq!(f.due(&rows, t0 + EVERY * 3), None, "nothing left to follow");
    }
}
