//! Huawei's API categories and their documented per-tenant limits (huawei-vod-api.md §14), for
//! the shared pacer (`provider::pacing`).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Create asset, multipart authorization, confirm, bucket authorization, OBS reproduction.
    UploadA,
    /// URL pull, duplication check.
    UploadB,
    /// Video update, set cover.
    Processing,
    /// Delete, publish, unpublish, update metadata.
    Management,
    /// List and details.
    Query,
    Categories,
    Templates,
}

impl Category {
    /// Requests per minute per tenant (the lower value where documents disagree).
    pub fn per_minute(self) -> u32 {
        match self {
            Category::UploadA | Category::Query => 1500,
            _ => 100,
        }
    }

    /// The category of a call from its method and path (`/{version}/{project}/{rest}`).
    pub fn of(method: &str, path: &str) -> Category {
        let mut seg = path.trim_matches('/').splitn(3, '/');
        let version = seg.next().unwrap_or_default();
        let _project = seg.next();
        let rest = seg.next().unwrap_or_default().trim_end_matches('/');
        match (method, version, rest) {
            ("POST", _, "asset")
            | (_, _, "asset/authority")
            | (_, _, "asset/status/uploaded")
            | (_, _, "asset/reproduction") => Category::UploadA,
            (_, _, "asset/upload_by_url") | (_, _, "asset/duplication") => Category::UploadB,
            ("PUT", _, "asset") | (_, _, "asset/cover") => Category::Processing,
            ("DELETE", _, "asset")
            | (_, _, "asset/status/publish")
            | (_, _, "asset/status/unpublish")
            | ("PUT", _, "asset/info") => Category::Management,
            (_, _, "asset/category") | (_, _, "asset/categories") => Category::Categories,
            (_, _, r) if r.starts_with("asset/template") => Category::Templates,
            _ => Category::Query,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_the_documented_table() {
        assert_eq!(Category::of("POST", "/v1.0/p/asset"), Category::UploadA);
        assert_eq!(
            Category::of("GET", "/v1.1/p/asset/authority"),
            Category::UploadA
        );
        assert_eq!(
            Category::of("POST", "/v1.0/p/asset/status/uploaded"),
            Category::UploadA
        );
        assert_eq!(
            Category::of("GET", "/v1.0/p/asset/duplication"),
            Category::UploadB
        );
        assert_eq!(Category::of("PUT", "/v1.0/p/asset"), Category::Processing);
        assert_eq!(
            Category::of("DELETE", "/v1.0/p/asset"),
            Category::Management
        );
        assert_eq!(Category::of("GET", "/v1.0/p/asset/list"), Category::Query);
        assert_eq!(
            Category::of("GET", "/v2/p/asset/categories"),
            Category::Categories
        );
        assert_eq!(
            Category::of("GET", "/v1.0/p/asset/template_group/transcodings"),
            Category::Templates
        );
    }
}
