//! Client-side pacing: token buckets matching the documented per-tenant limits per API
//! category (huawei-vod-api.md §14), so a large batch runs at the throttle instead of hammering
//! into 429s. A category is paced from its first 429 on (its bucket then starts empty, in step
//! with the server's): a service that does not throttle — the local one with `--no-throttle`,
//! a private cloud with other limits — is never slowed down by limits it does not have.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

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

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// One bucket per category, holding a minute's budget and refilling continuously.
pub struct Pacer {
    enabled: bool,
    buckets: Mutex<HashMap<Category, Bucket>>,
}

impl Pacer {
    pub fn new(enabled: bool) -> Self {
        Pacer {
            enabled,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for a token of `category`.
    pub async fn acquire(&self, category: Category) {
        if !self.enabled {
            return;
        }
        let limit = category.per_minute() as f64;
        let rate = limit / 60.0;
        loop {
            let wait = {
                let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                // Not throttled yet: no pacing for this category.
                let Some(b) = map.get_mut(&category) else {
                    return;
                };
                b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(limit);
                b.last = now;
                if b.tokens >= 1.0 {
                    b.tokens -= 1.0;
                    return;
                }
                Duration::from_secs_f64((1.0 - b.tokens) / rate)
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// The server said "throttled": our estimate was too generous, start again from empty.
    pub fn throttled(&self, category: Category) {
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(
            category,
            Bucket {
                tokens: 0.0,
                last: Instant::now(),
            },
        );
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

    #[tokio::test(start_paused = true)]
    async fn paces_at_the_limit_once_throttled() {
        let p = Pacer::new(true);
        let start = tokio::time::Instant::now();
        for _ in 0..500 {
            p.acquire(Category::Management).await;
        }
        assert!(
            start.elapsed().as_secs_f64() < 0.01,
            "no pacing before a 429"
        );
        p.throttled(Category::Management);
        let start = tokio::time::Instant::now();
        for _ in 0..10 {
            p.acquire(Category::Management).await;
        }
        // An empty bucket refilling at 100/min: 10 calls take 6 s.
        let t = start.elapsed().as_secs_f64();
        assert!((5.5..6.5).contains(&t), "{t}");
        // Other categories are unaffected.
        let start = tokio::time::Instant::now();
        p.acquire(Category::Query).await;
        assert!(start.elapsed().as_secs_f64() < 0.01);
    }
}
