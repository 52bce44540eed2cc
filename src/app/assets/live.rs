//! Listed assets still being processed (transcoding, thumbnails, review, taken in) refresh by
//! themselves: [`crate::app::follow`] paces the calls, this takes the answers into the list and
//! says when the open asset's details are worth fetching again.

use vodesk_core::model::Asset;

use super::AssetsState;
use crate::app::follow::asset_unsettled;

impl AssetsState {
    /// Some listed asset is still in progress.
    pub fn any_unsettled(&self) -> bool {
        self.items.iter().any(asset_unsettled)
    }

    /// The listed assets in progress, in the order they are shown.
    pub fn unsettled_ids(&self) -> impl Iterator<Item = String> + '_ {
        self.view
            .iter()
            .filter_map(|&i| self.items.get(i as usize))
            .filter(|a| asset_unsettled(a))
            .map(|a| a.id.clone())
    }

    /// Takes fresh copies of listed assets in place (the order and filters stay until the next
    /// reload). Returns the open asset's id when it changed: its details are stale.
    pub fn take_fresh(&mut self, fresh: &[Asset]) -> Option<String> {
        let mut stale = None;
        for f in fresh {
            let Some(item) = self.items.iter_mut().find(|a| a.id == f.id) else {
                continue;
            };
            if item != f {
                *item = f.clone();
                if self.current.as_deref() == Some(f.id.as_str()) {
                    stale = Some(f.id.clone());
                }
            }
        }
        stale
    }
}

#[cfg(test)]
mod tests {
    use vodesk_core::model::{AssetState, AssetStatus, TaskState, TaskStatus};

    use super::*;

    fn asset(id: &str, transcode: TaskState) -> Asset {
        Asset {
            id: id.into(),
            status: AssetStatus::new(AssetState::Published, "PUBLISHED"),
            transcode: TaskStatus::new(transcode, "raw"),
            ..Default::default()
        }
    }

    #[test]
    fn fresh_copies_replace_listed_ones_and_mark_the_open_details_stale() {
        let mut s = AssetsState {
            items: vec![
                asset("a", TaskState::Succeeded),
                asset("b", TaskState::Running),
                asset("c", TaskState::Waiting),
            ],
            // Shown newest first.
            view: vec![2, 1, 0],
            current: Some("b".into()),
            ..Default::default()
        };
        assert!(s.any_unsettled());
        assert_eq!(s.unsettled_ids().collect::<Vec<_>>(), ["c", "b"]);
        // An unchanged copy changes nothing; a changed one of the open asset marks it stale.
        assert_eq!(s.take_fresh(&[asset("c", TaskState::Waiting)]), None);
        assert_eq!(
            s.take_fresh(&[
                asset("b", TaskState::Succeeded),
                asset("zz", TaskState::Running)
            ]),
            Some("b".into())
        );
        assert_eq!(s.take_fresh(&[asset("c", TaskState::Succeeded)]), None);
        assert!(!s.any_unsettled());
        assert_eq!(s.items.len(), 3, "assets not listed are not added");
    }
}
