//! Per-tenant request budgets as token buckets that refill continuously and hold one minute's
//! budget, or less where a cloud limits requests per second. Each personality names its own API
//! categories and their budgets.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Instant;

/// An API category with a budget.
pub trait Budget: Copy + Eq + Hash {
    /// Requests per minute per tenant.
    fn per_minute(self) -> u32;

    /// Most requests accepted at once: a minute's budget unless the limit is per second.
    fn burst(self) -> u32 {
        self.per_minute()
    }
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// All buckets of one personality, keyed by (tenant, category).
pub struct Throttle<C> {
    buckets: Mutex<HashMap<(String, C), Bucket>>,
}

impl<C> Default for Throttle<C> {
    fn default() -> Self {
        Throttle {
            buckets: Mutex::new(HashMap::new()),
        }
    }
}

impl<C: Budget> Throttle<C> {
    /// Takes one token; `Err(retry_after_secs)` when the minute's budget is used up.
    pub fn check(&self, tenant: &str, category: C) -> Result<(), u64> {
        self.check_at(tenant, category, Instant::now())
    }

    pub fn check_at(&self, tenant: &str, category: C, now: Instant) -> Result<(), u64> {
        let per_sec = f64::from(category.per_minute()) / 60.0;
        let limit = f64::from(category.burst());
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let b = buckets
            .entry((tenant.to_string(), category))
            .or_insert(Bucket {
                tokens: limit,
                last: now,
            });
        let elapsed = now.saturating_duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * per_sec).min(limit);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / per_sec).ceil().max(1.0) as u64)
        }
    }
}
