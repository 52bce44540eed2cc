//! Client-side pacing: token buckets matching a provider's documented per-account limits per
//! API category, so a large batch runs at the throttle instead of hammering into "too many
//! requests". A category is paced from its first throttled answer on (its bucket then starts
//! empty, in step with the server's): a service that does not throttle — the local one with
//! `--no-throttle`, a private cloud with other limits — is never slowed down by limits it does
//! not have.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// One bucket per category `K`, holding a minute's budget and refilling continuously.
pub struct Pacer<K> {
    enabled: bool,
    buckets: Mutex<HashMap<K, Bucket>>,
}

impl<K: Copy + Eq + Hash> Pacer<K> {
    pub fn new(enabled: bool) -> Self {
        Pacer {
            enabled,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for a token of `category`, whose limit is `per_minute` requests.
    pub async fn acquire(&self, category: K, per_minute: u32) {
        if !self.enabled {
            return;
        }
        let limit = per_minute as f64;
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
    /// Runs one call in its category's pace, and slows the category when the call was
    /// throttled.
    pub async fn paced<T>(
        &self,
        category: K,
        per_minute: u32,
        call: impl std::future::Future<Output = Result<T, crate::provider::error::ApiError>>,
    ) -> Result<T, crate::provider::error::ApiError> {
        self.acquire(category, per_minute).await;
        let result = call.await;
        if let Err(e) = &result
            && matches!(e.kind, crate::provider::error::ErrorKind::Throttled { .. })
        {
            self.throttled(category);
        }
        result
    }

    pub fn throttled(&self, category: K) {
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

    #[tokio::test(start_paused = true)]
    async fn paces_at_the_limit_once_throttled() {
        let p = Pacer::new(true);
        let start = tokio::time::Instant::now();
        for _ in 0..500 {
            p.acquire("manage", 100).await;
        }
        assert!(
            start.elapsed().as_secs_f64() < 0.01,
            "no pacing before a 429"
        );
        p.throttled("manage");
        let start = tokio::time::Instant::now();
        for _ in 0..10 {
            p.acquire("manage", 100).await;
        }
        // An empty bucket refilling at 100/min: 10 calls take 6 s.
        let t = start.elapsed().as_secs_f64();
        assert!((5.5..6.5).contains(&t), "{t}");
        // Other categories are unaffected.
        let start = tokio::time::Instant::now();
        p.acquire("query", 1500).await;
        assert!(start.elapsed().as_secs_f64() < 0.01);
    }
}
