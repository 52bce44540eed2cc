//! Asset list filters and their translation to SQL. Only integers are inlined into the SQL;
//! every text value is a bound parameter.

use rusqlite::{Connection, params_from_iter};

use super::Result;
use super::lifecycle::{
    AssetState, REVIEW_DONE_MS, Stage, THUMB_DONE_MS, TRANSCODE_DONE_MS, WAIT_MS,
};
use super::rows::{ASSET_COLUMNS, AssetRow};

/// One page of a listing: `size` items from `offset` (0 = the first).
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub offset: i64,
    pub size: i64,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            offset: 0,
            size: 10,
        }
    }
}

impl Page {
    /// Page number `index` (from 0) of `size` items.
    pub fn numbered(index: i64, size: i64) -> Self {
        Page {
            offset: index.saturating_mul(size),
            size,
        }
    }

    pub fn offset(&self) -> i64 {
        self.offset
    }

    /// This page of an in-memory list.
    pub fn of<T>(&self, items: impl IntoIterator<Item = T>) -> Vec<T> {
        items
            .into_iter()
            .skip(usize::try_from(self.offset()).unwrap_or(usize::MAX))
            .take(usize::try_from(self.size).unwrap_or(0))
            .collect()
    }
}

/// A status an asset shows at the time of listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    Asset(AssetState),
    Transcode(Stage),
    Thumbnails(Stage),
    Review(Stage),
}

/// Which assets a listing returns; every given criterion must hold, list criteria match any of
/// their values. Ordered by creation time, then id.
#[derive(Clone, Debug, Default)]
pub struct AssetFilter {
    pub ids: Vec<String>,
    pub statuses: Vec<StatusFilter>,
    /// Creation time bounds, milliseconds, both inclusive.
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    pub category: Option<i64>,
    pub tags: Vec<String>,
    /// Case-insensitive, in the title, the description or the category's name.
    pub text: Option<String>,
    /// Categories whose assets match, each with all its descendants.
    pub category_trees: Vec<i64>,
    /// Case-insensitive substrings of the title (any of them).
    pub title_contains: Vec<String>,
    /// Title prefixes (any of them; case-sensitive).
    pub title_prefixes: Vec<String>,
    /// Case-insensitive substrings of the description (any of them).
    pub description_contains: Vec<String>,
    /// Upper-case formats (`MP4`, ...).
    pub media_types: Vec<String>,
    pub page: Page,
    pub newest_first: bool,
}

/// Matching assets (this page) and how many match in all.
pub fn find(conn: &Connection, filter: &AssetFilter, now: i64) -> Result<(i64, Vec<AssetRow>)> {
    let (where_clause, args) = where_clause(filter, now);
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM assets {where_clause}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let order = if filter.newest_first { "DESC" } else { "ASC" };
    let mut stmt = conn.prepare(&format!(
        "SELECT {ASSET_COLUMNS} FROM assets {where_clause} ORDER BY create_time {order}, asset_id {order} LIMIT {} OFFSET {}",
        filter.page.size,
        filter.page.offset()
    ))?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), AssetRow::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total, rows))
}

type Args = Vec<rusqlite::types::Value>;

fn placeholder(args: &mut Args, v: impl Into<rusqlite::types::Value>) -> String {
    args.push(v.into());
    format!("?{}", args.len())
}

/// `(a OR b ...)` of one condition per value, or nothing for no values.
fn any_of(args: &mut Args, values: &[String], cond: impl Fn(&str) -> String) -> Option<String> {
    let ors: Vec<String> = values
        .iter()
        .map(|v| cond(&placeholder(args, v.clone())))
        .collect();
    (!ors.is_empty()).then(|| format!("({})", ors.join(" OR ")))
}

/// `column IN (...)` of the values, or nothing for no values.
fn one_of(args: &mut Args, column: &str, values: &[String]) -> Option<String> {
    let ph: Vec<String> = values
        .iter()
        .map(|v| placeholder(args, v.clone()))
        .collect();
    (!ph.is_empty()).then(|| format!("{column} IN ({})", ph.join(",")))
}

fn where_clause(f: &AssetFilter, now: i64) -> (String, Args) {
    let mut conds: Vec<String> = Vec::new();
    let mut args = Args::new();
    conds.extend(one_of(&mut args, "asset_id", &f.ids));
    if !f.statuses.is_empty() {
        let ors: Vec<String> = f.statuses.iter().map(|s| status_sql(*s, now)).collect();
        conds.push(format!("({})", ors.join(" OR ")));
    }
    if let Some(t) = f.created_from {
        conds.push(format!("create_time >= {}", placeholder(&mut args, t)));
    }
    if let Some(t) = f.created_to {
        conds.push(format!("create_time <= {}", placeholder(&mut args, t)));
    }
    if let Some(c) = f.category {
        conds.push(format!("category_id = {}", placeholder(&mut args, c)));
    }
    let tags: Vec<String> = f.tags.iter().map(|t| format!(",{t},")).collect();
    conds.extend(any_of(&mut args, &tags, |p| {
        format!("instr(',' || tags || ',', {p}) > 0")
    }));
    if let Some(s) = &f.text {
        let p = placeholder(&mut args, s.to_lowercase());
        conds.push(format!(
            "(instr(lower(title), {p}) > 0 OR instr(lower(description), {p}) > 0 OR category_id IN \
             (SELECT id FROM categories WHERE instr(lower(name), {p}) > 0))"
        ));
    }
    conds.extend(one_of(&mut args, "video_type", &f.media_types));
    if !f.category_trees.is_empty() {
        let roots: Vec<String> = f
            .category_trees
            .iter()
            .map(|c| placeholder(&mut args, *c))
            .collect();
        conds.push(format!(
            "category_id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM categories WHERE id IN ({}) \
             UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)",
            roots.join(",")
        ));
    }
    let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
    conds.extend(any_of(&mut args, &lower(&f.title_contains), |p| {
        format!("instr(lower(title), {p}) > 0")
    }));
    conds.extend(any_of(&mut args, &f.title_prefixes, |p| {
        format!("substr(title, 1, length({p})) = {p}")
    }));
    conds.extend(any_of(&mut args, &lower(&f.description_contains), |p| {
        format!("instr(lower(description), {p}) > 0")
    }));
    let clause = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    (clause, args)
}

/// SQL condition (on `assets`) equivalent to "the asset shows `status` at `now`", following
/// [`super::lifecycle::Progress::of`]. States the simulation never produces match nothing.
fn status_sql(status: StatusFilter, now: i64) -> String {
    let done = "status = 'CREATED' AND confirmed_at IS NOT NULL";
    let (t1, t2) = (now - WAIT_MS, now - TRANSCODE_DONE_MS);
    let (th, rv) = (now - THUMB_DONE_MS, now - REVIEW_DONE_MS);
    let thumbs = "thumbnail IS NOT NULL";
    let review = "review IS NOT NULL";
    use Stage::*;
    match status {
        StatusFilter::Asset(s) => match s {
            AssetState::Creating => "status = 'CREATING'".into(),
            AssetState::Failed => "status = 'FAILED'".into(),
            AssetState::Cancelled => "status = 'CANCELLED'".into(),
            AssetState::Created => "(status = 'CREATED' AND published = 0)".into(),
            AssetState::Published => "(status = 'CREATED' AND published = 1)".into(),
        },
        StatusFilter::Transcode(s) => match s {
            NotRequested => format!("NOT ({done} AND transcodes = 1)"),
            Waiting => format!("({done} AND transcodes = 1 AND confirmed_at > {t1})"),
            Running => format!(
                "({done} AND transcodes = 1 AND confirmed_at <= {t1} AND confirmed_at > {t2})"
            ),
            Succeeded => format!("({done} AND transcodes = 1 AND confirmed_at <= {t2})"),
            Failed => "0".into(),
        },
        StatusFilter::Thumbnails(s) => match s {
            NotRequested => format!("NOT ({done} AND {thumbs})"),
            Waiting => "0".into(),
            Running => {
                format!(
                    "({done} AND {thumbs} AND thumbs_failed = 0 \
                     AND (confirmed_at > {th} OR media_pending = 1))"
                )
            }
            Succeeded => format!(
                "({done} AND {thumbs} AND thumbs_failed = 0 AND confirmed_at <= {th} \
                 AND media_pending = 0)"
            ),
            Failed => format!("({done} AND {thumbs} AND thumbs_failed = 1)"),
        },
        StatusFilter::Review(s) => match s {
            NotRequested => format!("NOT ({done} AND {review})"),
            Running => format!("({done} AND {review} AND confirmed_at > {rv})"),
            Succeeded => format!("({done} AND {review} AND confirmed_at <= {rv})"),
            Waiting | Failed => "0".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::assets::AssetMeta;
    use crate::library::lifecycle::Progress;
    use crate::library::rows::status;

    fn shows(p: &Progress, f: StatusFilter) -> bool {
        match f {
            StatusFilter::Asset(s) => p.asset == s,
            StatusFilter::Transcode(s) => p.transcode == s,
            StatusFilter::Thumbnails(s) => p.thumbnails == s,
            StatusFilter::Review(s) => p.review == s,
        }
    }

    /// Every status filter selects exactly the assets whose derived progress shows that status,
    /// over every combination of the columns the derivation reads.
    #[test]
    fn status_filters_agree_with_progress() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = super::super::schema::open(dir.path(), &crate::library::presets::defaults())
            .expect("db");
        let now = 10_000_000;
        let mut rows = Vec::new();
        for st in [
            status::CREATING,
            status::CREATED,
            status::FAILED,
            status::CANCELLED,
        ] {
            for ago in [None, Some(500), Some(1_500), Some(2_500), Some(5_000)] {
                for bits in 0..64u8 {
                    let bit = |n: u8| bits & (1 << n) != 0;
                    let meta = AssetMeta {
                        title: "t".into(),
                        description: String::new(),
                        category_id: -1,
                        tags: String::new(),
                        auto_publish: false,
                        preset: None,
                        auto_encrypt: false,
                        auto_preheat: "0".into(),
                        thumbnail: bit(0).then(|| serde_json::json!({"type": "time"})),
                        review: bit(1).then(|| serde_json::json!({})),
                        workflow_name: None,
                        expires_at: None,
                    };
                    let id = format!("a{}", rows.len());
                    let mut a = meta.into_row(id, "MP4".into(), "v".into(), "b".into(), "k".into());
                    a.status = st.into();
                    a.confirmed_at = ago.map(|d| now - d);
                    a.transcodes = bit(2);
                    a.thumbs_failed = bit(3);
                    a.media_pending = bit(5);
                    a.published = bit(4);
                    a.insert(&conn).expect("insert");
                    rows.push(a);
                }
            }
        }
        let stages = [
            Stage::NotRequested,
            Stage::Waiting,
            Stage::Running,
            Stage::Succeeded,
            Stage::Failed,
        ];
        let states = [
            AssetState::Creating,
            AssetState::Failed,
            AssetState::Cancelled,
            AssetState::Created,
            AssetState::Published,
        ];
        let filters = states
            .iter()
            .map(|s| StatusFilter::Asset(*s))
            .chain(stages.iter().flat_map(|s| {
                [
                    StatusFilter::Transcode(*s),
                    StatusFilter::Thumbnails(*s),
                    StatusFilter::Review(*s),
                ]
            }));
        for f in filters {
            let filter = AssetFilter {
                statuses: vec![f],
                page: Page {
                    offset: 0,
                    size: 10_000,
                },
                ..Default::default()
            };
            let (total, found) = find(&conn, &filter, now).expect("find");
            let mut got: Vec<String> = found.into_iter().map(|a| a.asset_id).collect();
            let mut want: Vec<String> = rows
                .iter()
                .filter(|a| shows(&Progress::of(a, now), f))
                .map(|a| a.asset_id.clone())
                .collect();
            got.sort();
            want.sort();
            assert_eq!(total as usize, want.len(), "{f:?}");
            assert_eq!(got, want, "{f:?}");
        }
    }
}
