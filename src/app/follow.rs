//! Statuses the service changes by itself are followed, paced: a done upload's asset while it
//! is taken in and processed (Alibaba: Uploading → UploadSucc → Transcoding → Normal; Huawei:
//! transcoding before it plays), and listed assets while they transcode, are reviewed or get
//! their thumbnails. One call asks for up to a page of them every few seconds; nothing is asked
//! once all have settled.

use std::time::{Duration, Instant};

use vodesk_core::model::{Asset, AssetState, AssetStatus};

/// How often the statuses are asked for while any is unsettled.
pub const EVERY: Duration = Duration::from_secs(3);
/// Assets asked about in one call (one list page).
pub const AT_ONCE: usize = 100;
/// An answer later than this is taken as lost (a switched profile's call, say): ask again.
const LOST_AFTER: Duration = Duration::from_secs(60);

/// A status the service will change by itself (so it is asked again).
pub fn unsettled(s: &AssetStatus) -> bool {
    matches!(s.state, AssetState::Uploading | AssetState::Processing)
}

/// An asset whose status or one of whose tasks (transcoding, thumbnails, review) will change.
pub fn asset_unsettled(a: &Asset) -> bool {
    unsettled(&a.status)
        || [&a.transcode, &a.thumbnails, &a.review]
            .iter()
            .any(|t| t.state.in_progress())
}

#[derive(Default)]
pub struct Follow {
    asked_at: Option<Instant>,
    in_flight: bool,
}

impl Follow {
    /// Whether it is time to ask: nothing is being asked already and the last call was long
    /// enough ago. Asking is up to the caller, who then calls [`Follow::asked`].
    pub fn is_due(&self, now: Instant) -> bool {
        let since = |t: Instant| now.saturating_duration_since(t);
        match self.asked_at {
            None => true,
            Some(t) if self.in_flight => since(t) >= LOST_AFTER,
            Some(t) => since(t) >= EVERY,
        }
    }

    /// The ids to ask about now (at most [`AT_ONCE`], each once), if it is time and there are any.
    pub fn due(
        &mut self,
        now: Instant,
        wanted: impl IntoIterator<Item = String>,
    ) -> Option<Vec<String>> {
        if !self.is_due(now) {
            return None;
        }
        let mut ids: Vec<String> = Vec::new();
        for id in wanted {
            if ids.len() == AT_ONCE {
                break;
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            return None;
        }
        self.asked_at = Some(now);
        self.in_flight = true;
        Some(ids)
    }

    /// The answer came (a failed call is asked again at the next turn).
    pub fn answered(&mut self) {
        self.in_flight = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn asked_paced_one_call_at_a_time_and_again_when_an_answer_is_lost() {
        let mut f = Follow::default();
        let t0 = Instant::now();
        assert_eq!(f.due(t0, ids(&[])), None, "nothing to ask about");
        assert_eq!(f.due(t0, ids(&["a", "b", "a"])), Some(ids(&["a", "b"])));
        assert_eq!(f.due(t0 + EVERY, ids(&["a"])), None, "one call at a time");
        f.answered();
        assert_eq!(f.due(t0 + EVERY / 2, ids(&["a"])), None, "paced");
        assert_eq!(f.due(t0 + EVERY, ids(&["a"])), Some(ids(&["a"])));
        // The answer never comes: asked again, later.
        assert_eq!(f.due(t0 + EVERY * 2, ids(&["a"])), None);
        assert_eq!(
            f.due(t0 + EVERY + LOST_AFTER, ids(&["a"])),
            Some(ids(&["a"]))
        );
        let many: Vec<String> = (0..250).map(|i| format!("id{i}")).collect();
        f.answered();
        let asked = f.due(t0 + LOST_AFTER * 2, many).expect("due");
        assert_eq!(asked.len(), AT_ONCE);
    }

    #[test]
    fn an_asset_is_unsettled_while_it_or_one_of_its_tasks_is_in_progress() {
        use vodesk_core::model::{TaskState, TaskStatus};
        let mut a = Asset {
            status: AssetStatus::new(AssetState::Published, "PUBLISHED"),
            ..Default::default()
        };
        assert!(!asset_unsettled(&a));
        a.transcode = TaskStatus::new(TaskState::Running, "TRANSCODING");
        assert!(asset_unsettled(&a), "published, still transcoding");
        a.transcode = TaskStatus::new(TaskState::Succeeded, "TRANSCODE_SUCCEED");
        a.review = TaskStatus::new(TaskState::Running, "REVIEWING");
        assert!(asset_unsettled(&a));
        a.review = TaskStatus::new(TaskState::None, "UN_REVIEW");
        assert!(!asset_unsettled(&a), "no review asked for");
        a.status = AssetStatus::new(AssetState::Processing, "UploadSucc");
        assert!(asset_unsettled(&a));
    }
}
