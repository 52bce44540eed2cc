//! The API categories of huawei-vod-api.md §14 and their per-tenant budgets.

use crate::throttle::Budget;

/// API categories of the §14 table (only those the local service implements).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiCategory {
    /// Create asset, multipart authorization, confirm, bucket authorization, OBS reproduction.
    UploadA,
    /// URL pull, upload check (duplication).
    UploadB,
    /// Video update (`PUT /asset`), set cover.
    Processing,
    /// Delete, publish, unpublish, update metadata.
    Management,
    /// `GET /asset/info`.
    QueryInfo,
    /// `GET /asset/details`, `GET /asset/list`.
    Query,
    /// Category create / update / delete / query.
    Categories,
    /// Template group (legacy) listing: 1500 per the international page.
    TemplateGroups,
    /// v2 transcode templates.
    TranscodeTemplates,
}

impl ApiCategory {
    /// Requests per minute per tenant.
    pub fn limit(self) -> u32 {
        match self {
            ApiCategory::UploadA
            | ApiCategory::QueryInfo
            | ApiCategory::Query
            | ApiCategory::TemplateGroups => 1500,
            ApiCategory::UploadB
            | ApiCategory::Processing
            | ApiCategory::Management
            | ApiCategory::Categories
            | ApiCategory::TranscodeTemplates => 100,
        }
    }

    /// Which category a request belongs to, from its method and path (after `/{version}/{project}`).
    pub fn of(method: &str, version: &str, rest: &str) -> Option<ApiCategory> {
        let rest = rest.trim_end_matches('/');
        Some(match (method, version, rest) {
            ("POST", "v1.0", "asset")
            | (_, "v1.1", "asset/authority")
            | (_, "v1.0", "asset/authority")
            | ("POST", "v1.0", "asset/status/uploaded")
            | ("POST", "v1.0", "asset/reproduction") => ApiCategory::UploadA,
            (_, "v1.0", "asset/upload_by_url") | (_, "v1.0", "asset/duplication") => {
                ApiCategory::UploadB
            }
            ("PUT", "v1.0", "asset") | (_, "v1.0", "asset/cover") => ApiCategory::Processing,
            ("DELETE", "v1.0", "asset")
            | (_, "v1.0", "asset/status/publish")
            | (_, "v1.0", "asset/status/unpublish")
            | ("PUT", "v1.0", "asset/info") => ApiCategory::Management,
            ("GET", "v1.0", "asset/info") => ApiCategory::QueryInfo,
            (_, "v1.0", "asset/details") | (_, "v1.0", "asset/list") => ApiCategory::Query,
            (_, "v1.0", "asset/category") | (_, "v2", "asset/categories") => {
                ApiCategory::Categories
            }
            (_, "v1.0", "asset/template_group/transcodings") => ApiCategory::TemplateGroups,
            (_, "v2", "asset/template/transcodings") => ApiCategory::TranscodeTemplates,
            _ => return None,
        })
    }
}

impl Budget for ApiCategory {
    fn per_minute(self) -> u32 {
        self.limit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::throttle::Throttle;
    use std::time::{Duration, Instant};

    #[test]
    fn budget_per_minute_then_refill() {
        let t = Throttle::default();
        let start = Instant::now();
        for i in 0..100 {
            assert!(
                t.check_at("p", ApiCategory::Categories, start).is_ok(),
                "call {i}"
            );
        }
        let retry = t.check_at("p", ApiCategory::Categories, start).unwrap_err();
        assert!((1..=1).contains(&retry), "{retry}");
        // Another tenant and another category have their own budget.
        assert!(t.check_at("q", ApiCategory::Categories, start).is_ok());
        assert!(t.check_at("p", ApiCategory::Query, start).is_ok());
        // 100/min refills one token every 0.6 s.
        let later = start + Duration::from_millis(700);
        assert!(t.check_at("p", ApiCategory::Categories, later).is_ok());
        assert!(t.check_at("p", ApiCategory::Categories, later).is_err());
    }

    #[test]
    fn categories_of_paths() {
        use ApiCategory::*;
        assert_eq!(ApiCategory::of("POST", "v1.0", "asset"), Some(UploadA));
        assert_eq!(ApiCategory::of("PUT", "v1.0", "asset"), Some(Processing));
        assert_eq!(ApiCategory::of("DELETE", "v1.0", "asset"), Some(Management));
        assert_eq!(
            ApiCategory::of("GET", "v1.1", "asset/authority"),
            Some(UploadA)
        );
        assert_eq!(
            ApiCategory::of("GET", "v2", "asset/categories"),
            Some(Categories)
        );
        assert_eq!(ApiCategory::of("GET", "v1.0", "asset/list/"), Some(Query));
        assert_eq!(ApiCategory::of("GET", "v1.0", "nope"), None);
    }
}
