//! Done rows follow their asset's status on the service until it settles (the pacing is
//! [`crate::app::follow`]'s), and the Status column says it.

use vodesk_core::engine::JobState;
use vodesk_core::model::{Asset, AssetState, AssetStatus};

use super::{Row, RowState};
use crate::app::assets::publish_words::PublishWords;
use crate::app::follow::unsettled;

/// Rows whose asset's status is worth asking about: done, with an asset, and not settled.
fn wanted(r: &Row) -> bool {
    r.state == RowState::Job(JobState::Done)
        && r.asset_id.is_some()
        && r.asset_status.as_ref().is_none_or(unsettled)
}

/// Some row's asset is still to be asked about.
pub fn any_wanted(rows: &[Row]) -> bool {
    rows.iter().any(wanted)
}

/// The assets of the rows to ask about, in row order.
pub fn wanted_ids(rows: &[Row]) -> impl Iterator<Item = String> + '_ {
    rows.iter()
        .filter(|r| wanted(r))
        .filter_map(|r| r.asset_id.clone())
}

/// Takes the service's answer into the rows of those assets.
pub fn take_statuses(rows: &mut [Row], assets: &[Asset]) {
    for r in rows.iter_mut() {
        if let Some(id) = &r.asset_id
            && let Some(a) = assets.iter().find(|a| &a.id == id)
        {
            r.asset_status = Some(a.status.clone());
        }
    }
}

/// A done row's status in the cloud's words (the raw value goes in the tooltip).
pub fn state_word(s: &AssetStatus, words: &PublishWords) -> String {
    match s.state {
        AssetState::Uploading => t!("follow-taken-in"),
        AssetState::Processing => t!("follow-processing"),
        AssetState::Published => words.published.to_lowercase(),
        AssetState::Unpublished => words.unpublished.to_lowercase(),
        AssetState::Failed => t!("follow-failed"),
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

    fn asset(id: &str, state: AssetState, raw: &str) -> Asset {
        Asset {
            id: id.into(),
            status: AssetStatus::new(state, raw),
            ..Default::default()
        }
    }

    #[test]
    fn unsettled_done_rows_are_asked_about_until_they_settle() {
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
        assert_eq!(wanted_ids(&rows).collect::<Vec<_>>(), ["a", "c"]);
        take_statuses(
            &mut rows,
            &[
                asset("a", AssetState::Processing, "UploadSucc"),
                asset("c", AssetState::Published, "Normal"),
            ],
        );
        assert_eq!(wanted_ids(&rows).collect::<Vec<_>>(), ["a"]);
        assert_eq!(rows[2].asset_status.as_ref().unwrap().raw, "Normal");
        take_statuses(&mut rows, &[asset("a", AssetState::Unpublished, "Blocked")]);
        assert!(!any_wanted(&rows), "nothing left to follow");
    }
}
