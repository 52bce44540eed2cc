//! The asset browser: a list paged in the background as it scrolls, search, filters, sort,
//! status badges, a details pane with publish / unpublish / delete (confirmed).

pub mod bulk;
pub mod categories;
pub mod details;
pub mod list;
mod live;
pub mod publish_words;
pub mod sort;
pub mod status_words;

use chrono::{DateTime, NaiveDate, Utc};
use vodesk_core::model::{Asset, AssetDetails, AssetState};
use vodesk_core::provider::api::{AssetPage, AssetQuery, Cursor, PublishModel};

pub use sort::Sort;

/// Assets asked for per page while scrolling.
pub const PAGE_SIZE: u32 = 50;
/// Per page when the whole list is loaded to be sorted here: the most the API allows.
pub const FULL_PAGE_SIZE: u32 = 100;

/// What an action on assets was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetOp {
    Publish,
    Unpublish,
    Delete,
}

impl AssetOp {
    /// The action as the provider calls it, for the catalogue's `$op` (publish, allow,
    /// unblock…; see `assets-op-done`).
    pub fn word(self, model: Option<PublishModel>) -> &'static str {
        match (self, model) {
            (AssetOp::Delete, _) => "delete",
            (AssetOp::Publish, Some(PublishModel::Distribution)) => "allow",
            (AssetOp::Unpublish, Some(PublishModel::Distribution)) => "forbid",
            (AssetOp::Publish, Some(PublishModel::Audit)) => "unblock",
            (AssetOp::Unpublish, Some(PublishModel::Audit)) => "block",
            (AssetOp::Publish, _) => "publish",
            (AssetOp::Unpublish, _) => "unpublish",
        }
    }
}

/// "Created" filter presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Since {
    #[default]
    Any,
    Day,
    Week,
    Month,
    /// From / to dates typed by the user.
    Range,
}

impl Since {
    pub const ALL: [Since; 5] = [
        Since::Any,
        Since::Day,
        Since::Week,
        Since::Month,
        Since::Range,
    ];

    pub fn label(self) -> String {
        match self {
            Since::Any => t!("since-any"),
            Since::Day => t!("since-day"),
            Since::Week => t!("since-week"),
            Since::Month => t!("since-month"),
            Since::Range => t!("since-range"),
        }
    }

    /// The start of a preset range.
    fn start_time(self) -> Option<DateTime<Utc>> {
        let hours = match self {
            Since::Any | Since::Range => return None,
            Since::Day => 24,
            Since::Week => 24 * 7,
            Since::Month => 24 * 30,
        };
        Some(Utc::now() - chrono::Duration::hours(hours))
    }
}

/// Which end of a typed day a range bound is.
#[derive(Clone, Copy)]
pub enum DayEnd {
    First,
    Last,
}

/// A typed date (`yyyy-mm-dd`, UTC) as the first or last second of that day; `None` when empty.
pub fn day_bound(typed: &str, end: DayEnd) -> Result<Option<DateTime<Utc>>, String> {
    let t = typed.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let day =
        NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| t!("list-not-a-date", text = t))?;
    let time = match end {
        DayEnd::First => day.and_hms_opt(0, 0, 0),
        DayEnd::Last => day.and_hms_opt(23, 59, 59),
    };
    Ok(time.map(|t| t.and_utc()))
}

impl AssetsState {
    /// An empty list for an account whose provider can do what `caps` say.
    pub fn new(caps: &vodesk_core::provider::api::Capabilities) -> Self {
        AssetsState {
            publish: caps.publish,
            cover_image: caps.cover_image,
            ..Default::default()
        }
    }

    /// Why the typed range cannot be used, if it cannot.
    pub fn range_problem(&self) -> Option<String> {
        if self.since != Since::Range {
            return None;
        }
        let from = day_bound(&self.range_from, DayEnd::First);
        let to = day_bound(&self.range_to, DayEnd::Last);
        match (from, to) {
            (Err(e), _) | (_, Err(e)) => Some(e),
            (Ok(Some(a)), Ok(Some(b))) if a > b => Some(t!("list-range-backwards")),
            _ => None,
        }
    }
}

#[derive(Default)]
pub struct AssetsState {
    /// The assets loaded, in the order they arrived.
    pub items: Vec<Asset>,
    /// The order they are shown in (indices into `items`).
    pub view: Vec<u32>,
    pub total: Option<i64>,
    /// Bumped when the query changes: pages of an older query are dropped.
    pub epoch: u64,
    /// Where the next page starts (`None`: the first page).
    next: Option<Cursor>,
    pub loading: bool,
    pub exhausted: bool,
    pub error: Option<String>,
    pub search: String,
    /// Comma-separated tags to filter by.
    pub tags: String,
    pub status: Option<AssetState>,
    pub format: Option<&'static str>,
    pub category: Option<i64>,
    pub since: Since,
    /// The typed range (`yyyy-mm-dd`, either end may be empty) for [`Since::Range`].
    pub range_from: String,
    pub range_to: String,
    pub sort: Sort,
    /// The asset whose details are shown.
    pub current: Option<String>,
    /// Its index in `items` when last looked up (checked before use).
    pub current_index: Option<usize>,
    /// Assets selected for a bulk action (ctrl / shift click).
    pub selected: std::collections::BTreeSet<String>,
    /// Where a shift-click range starts (an index into `items`).
    pub anchor: Option<usize>,
    /// The bulk edit being typed.
    pub bulk: BulkEdit,
    pub details: Option<AssetDetails>,
    pub details_error: Option<String>,
    /// Assets waiting for the user to confirm their deletion.
    pub confirm_delete: Option<Vec<String>>,
    /// An action is running (its buttons are disabled).
    pub busy: bool,
    /// The list was asked for at least once (it loads when first shown).
    pub started: bool,
    /// The current asset's metadata being edited.
    pub edit: Option<EditBuf>,
    /// Uploads finished since the list was loaded (it is not reloaded under the user's
    /// scrolling; the list offers to).
    pub new_uploads: usize,
    /// What publishing means for this account's provider (the words of its buttons).
    pub publish: Option<vodesk_core::provider::api::PublishModel>,
    /// The provider takes a new cover image for an asset.
    pub cover_image: bool,
}

/// A bulk metadata edit: only the parts switched on are changed.
#[derive(Clone, Debug, Default)]
pub struct BulkEdit {
    pub set_description: bool,
    pub description: String,
    pub set_tags: bool,
    pub tags: String,
    pub category: Option<i64>,
}

/// The metadata edit of one asset, as typed.
#[derive(Clone, Debug, Default)]
pub struct EditBuf {
    pub title: String,
    pub description: String,
    pub tags: String,
    /// `None` = leave the category as it is.
    pub category: Option<i64>,
}

impl AssetsState {
    /// The query with the current search and filters.
    pub fn query(&self) -> AssetQuery {
        AssetQuery {
            text: Some(self.search.trim().to_string()).filter(|s| !s.is_empty()),
            tags: vodesk_core::model::metadata::parse_tags(&self.tags),
            states: self.status.into_iter().collect(),
            formats: self.format.map(|s| vec![s.to_string()]).unwrap_or_default(),
            category_id: self.category,
            created_from: match self.since {
                Since::Range => day_bound(&self.range_from, DayEnd::First).ok().flatten(),
                preset => preset.start_time(),
            },
            created_to: match self.since {
                Since::Range => day_bound(&self.range_to, DayEnd::Last).ok().flatten(),
                _ => None,
            },
            oldest_first: self.sort.oldest_first(),
            page_size: self.page_size(),
            ..Default::default()
        }
    }

    fn page_size(&self) -> u32 {
        if self.sort.local() {
            FULL_PAGE_SIZE
        } else {
            PAGE_SIZE
        }
    }

    /// Whether every page is wanted now, not just as the list scrolls: a sort made here
    /// needs them all.
    pub fn wants_all(&self) -> bool {
        self.sort.local()
    }

    /// The asset shown at row `row`.
    pub fn shown(&self, row: usize) -> &Asset {
        &self.items[self.view[row] as usize]
    }

    /// Replaces the list with `items` as if they had arrived as one last page.
    #[cfg(test)]
    pub fn set_items(&mut self, items: Vec<Asset>) {
        self.items = items;
        self.view.clear();
        self.sort.merge(&self.items, &mut self.view, 0);
        self.exhausted = true;
    }

    /// Starts over (new query or refresh): returns the first page's query.
    pub fn restart(&mut self) -> (u64, AssetQuery, Option<Cursor>) {
        self.epoch += 1;
        self.anchor = None;
        self.items.clear();
        self.view.clear();
        self.new_uploads = 0;
        self.total = None;
        self.next = None;
        self.exhausted = false;
        self.error = None;
        self.started = true;
        self.loading = true;
        (self.epoch, self.query(), None)
    }

    /// The next page's query, when more is wanted and none is on its way.
    pub fn want_more(&mut self) -> Option<(u64, AssetQuery, Option<Cursor>)> {
        if self.loading || self.exhausted || self.error.is_some() {
            return None;
        }
        self.loading = true;
        Some((self.epoch, self.query(), self.next.clone()))
    }

    /// A page arrived.
    pub fn on_page(&mut self, epoch: u64, result: Result<AssetPage, String>) {
        if epoch != self.epoch {
            return;
        }
        self.loading = false;
        match result {
            Ok(AssetPage {
                assets,
                total,
                next,
            }) => {
                self.exhausted = next.is_none();
                self.total = total;
                self.next = next;
                let from = self.items.len();
                self.items.extend(assets);
                self.sort.merge(&self.items, &mut self.view, from);
            }
            Err(e) => self.error = Some(e),
        }
    }
}
