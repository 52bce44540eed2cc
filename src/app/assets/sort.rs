//! How the asset list is ordered. The service sorts by creation time only; any other order
//! is made here, over every page (a sort of the loaded part alone would show a wrong order
//! that changes as you scroll), so choosing one loads the whole filtered list.

use std::cmp::Ordering;

use vodesk_core::model::Asset;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    TitleAz,
    TitleZa,
    Largest,
    Smallest,
    Longest,
    Shortest,
}

impl Sort {
    pub const ALL: [Sort; 8] = [
        Sort::Newest,
        Sort::Oldest,
        Sort::TitleAz,
        Sort::TitleZa,
        Sort::Largest,
        Sort::Smallest,
        Sort::Longest,
        Sort::Shortest,
    ];

    pub fn label(self) -> String {
        match self {
            Sort::Newest => t!("sort-newest"),
            Sort::Oldest => t!("sort-oldest"),
            Sort::TitleAz => t!("sort-title-az"),
            Sort::TitleZa => t!("sort-title-za"),
            Sort::Largest => t!("sort-largest"),
            Sort::Smallest => t!("sort-smallest"),
            Sort::Longest => t!("sort-longest"),
            Sort::Shortest => t!("sort-shortest"),
        }
    }

    /// The order asked of the service: by creation time, oldest first or not.
    pub fn oldest_first(self) -> bool {
        self == Sort::Oldest
    }

    /// Whether rows are ordered here rather than by the service.
    pub fn local(self) -> bool {
        !matches!(self, Sort::Newest | Sort::Oldest)
    }

    /// The order of two assets; ties keep the service's (newest first) order, so the result
    /// does not depend on the order pages arrived in.
    fn cmp(self, a: &Asset, b: &Asset) -> Ordering {
        let by = match self {
            Sort::Newest | Sort::Oldest => Ordering::Equal,
            Sort::TitleAz => title_cmp(a, b),
            Sort::TitleZa => title_cmp(b, a),
            Sort::Largest => missing_last(a.size_bytes, b.size_bytes, true),
            Sort::Smallest => missing_last(a.size_bytes, b.size_bytes, false),
            Sort::Longest => missing_last(a.duration_secs, b.duration_secs, true),
            Sort::Shortest => missing_last(a.duration_secs, b.duration_secs, false),
        };
        by.then_with(|| b.created_at.cmp(&a.created_at))
            .then_with(|| a.id.cmp(&b.id))
    }

    /// Adds `items[from..]` (a page just arrived) to `view`, the shown order of
    /// `items[..from]`. The new rows are placed by binary search and the view rebuilt in
    /// one pass, so a page costs O(page · log n) comparisons, not a full sort.
    pub fn merge(self, items: &[Asset], view: &mut Vec<u32>, from: usize) {
        let new = from as u32..items.len() as u32;
        if !self.local() {
            view.extend(new);
            return;
        }
        let mut page: Vec<u32> = new.collect();
        page.sort_by(|&x, &y| self.cmp(&items[x as usize], &items[y as usize]));
        let at: Vec<usize> = page
            .iter()
            .map(|&x| {
                view.partition_point(|&y| {
                    self.cmp(&items[y as usize], &items[x as usize]) != Ordering::Greater
                })
            })
            .collect();
        let mut merged = Vec::with_capacity(view.len() + page.len());
        let mut done = 0;
        for (&x, &i) in page.iter().zip(&at) {
            merged.extend_from_slice(&view[done..i]);
            merged.push(x);
            done = i;
        }
        merged.extend_from_slice(&view[done..]);
        *view = merged;
    }
}

/// What the row shows as the title (the id when there is none), compared without case.
fn title_cmp(a: &Asset, b: &Asset) -> Ordering {
    fn shown(x: &Asset) -> &str {
        if x.title.is_empty() { &x.id } else { &x.title }
    }
    let (a, b) = (shown(a), shown(b));
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// Compares two optional numbers, largest or smallest first, unknown values always last.
fn missing_last(a: Option<i64>, b: Option<i64>, largest_first: bool) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) if largest_first => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(id: &str, title: &str, size: Option<i64>, created_day: u32) -> Asset {
        use chrono::TimeZone;
        Asset {
            id: id.into(),
            title: title.into(),
            size_bytes: size,
            created_at: chrono::Utc
                .with_ymd_and_hms(2026, 11, created_day, 0, 0, 0)
                .single(),
            ..Default::default()
        }
    }

    fn shown(items: &[Asset], view: &[u32]) -> Vec<String> {
        view.iter().map(|&i| items[i as usize].id.clone()).collect()
    }

    #[test]
    fn pages_merged_one_by_one_give_the_same_order_as_one_full_sort() {
        let items: Vec<Asset> = (0..500)
            .map(|i| {
                // A spread of titles, sizes (some unknown) and times, with repeats.
                let title = format!("{}clip {}", ["", "B", "a", "Ä"][i % 4], (i * 37) % 101);
                let size = (i % 7 != 0).then_some(((i * 7919) % 1000) as i64);
                let created = 1 + (i * 13) as u32 % 28;
                asset(&format!("{i:04}"), &title, size, created)
            })
            .collect();
        for sort in Sort::ALL {
            let mut view = Vec::new();
            for from in (0..items.len()).step_by(50) {
                sort.merge(&items[..from + 50], &mut view, from);
            }
            let mut full: Vec<u32> = (0..items.len() as u32).collect();
            if sort.local() {
                full.sort_by(|&x, &y| sort.cmp(&items[x as usize], &items[y as usize]));
            }
            assert_eq!(view, full, "{sort:?}");
        }
    }

    #[test]
    fn titles_sort_without_case_and_unknown_sizes_go_last() {
        let items = vec![
            asset("1", "banana", Some(5), 1),
            asset("2", "Apple", None, 1),
            asset("3", "cherry", Some(9), 1),
            asset("4", "", Some(1), 1),
        ];
        let order = |sort: Sort| {
            let mut view = Vec::new();
            sort.merge(&items, &mut view, 0);
            shown(&items, &view)
        };
        // The untitled asset shows (and sorts by) its id, "4".
        assert_eq!(order(Sort::TitleAz), ["4", "2", "1", "3"]);
        assert_eq!(order(Sort::TitleZa), ["3", "1", "2", "4"]);
        assert_eq!(order(Sort::Largest), ["3", "1", "4", "2"]);
        assert_eq!(order(Sort::Smallest), ["4", "1", "3", "2"]);
        // The service's order is kept as it came.
        assert_eq!(order(Sort::Newest), ["1", "2", "3", "4"]);
    }
}
