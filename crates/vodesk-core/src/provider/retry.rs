//! Bounded retries with decorrelated jitter (100 ms → 15 s, as arrow-rs `object_store`).
//! Only errors a retry can cure are retried: throttling (honouring Retry-After), server faults,
//! transport failures and expired authorizations. Other 4xx are returned at once.

use std::future::Future;
use std::time::Duration;

use rand::Rng;

use crate::provider::error::{ApiError, ErrorKind};

#[derive(Clone, Debug)]
pub struct RetryPolicy {
    pub base: Duration,
    pub cap: Duration,
    /// Attempts in all, the first included (throttled attempts aside).
    pub max_attempts: u32,
    /// Being throttled is the service pacing us, not failing: those retries do not use up
    /// attempts, only this much waiting in all.
    pub max_throttled_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::from_millis(100),
            cap: Duration::from_secs(15),
            max_attempts: 10,
            max_throttled_wait: Duration::from_secs(15 * 60),
        }
    }
}

impl RetryPolicy {
    /// The next sleep after `previous`: uniform in [base, previous × 3], capped.
    pub fn next_delay(&self, previous: Duration) -> Duration {
        let hi = (previous.max(self.base) * 3).min(self.cap);
        let lo = self.base.min(hi);
        if hi <= lo {
            return lo;
        }
        let ms = rand::rng().random_range(lo.as_millis() as u64..=hi.as_millis() as u64);
        Duration::from_millis(ms)
    }

    /// Runs `op` until it succeeds, fails with a non-retryable error, or attempts run out.
    /// `op` gets the attempt number (1-based).
    pub async fn run<T, F, Fut>(&self, what: &str, op: F) -> Result<T, ApiError>
    where
        F: FnMut(u32) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        self.run_expiring(what, true, op).await
    }

    /// [`Self::run`] for signed calls: a refusal for clock skew is tried again at once, as the
    /// refusing reply taught the client the server's time.
    pub async fn run_with_clock<T, F, Fut>(&self, what: &str, op: F) -> Result<T, ApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let op = &op;
        self.run(what, move |_| async move {
            match op().await {
                Err(e) if e.kind == ErrorKind::ClockSkew => op().await,
                other => other,
            }
        })
        .await
    }

    /// [`Self::run`], retrying an expired authorization only when `renewable` (a new attempt
    /// signs again with fresh credentials); otherwise expiry is returned at once.
    pub async fn run_expiring<T, F, Fut>(
        &self,
        what: &str,
        renewable: bool,
        mut op: F,
    ) -> Result<T, ApiError>
    where
        F: FnMut(u32) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let mut delay = self.base;
        let mut attempt = 1;
        let mut failures = 0;
        let mut throttled_wait = Duration::ZERO;
        loop {
            match op(attempt).await {
                Ok(v) => return Ok(v),
                Err(e) if e.is_retryable() && (renewable || e.kind != ErrorKind::Expired) => {
                    let throttled = matches!(e.kind, ErrorKind::Throttled { .. });
                    if !throttled {
                        failures += 1;
                    }
                    let exhausted = if throttled {
                        throttled_wait >= self.max_throttled_wait
                    } else {
                        failures >= self.max_attempts
                    };
                    if exhausted {
                        return Err(e);
                    }
                    delay = self.next_delay(delay);
                    // Jitter on top of Retry-After keeps throttled callers from coming back in
                    // lockstep and meeting the next burst together.
                    let wait = match e.kind {
                        ErrorKind::Throttled {
                            retry_after_secs: Some(s),
                        } => Duration::from_secs(s) + delay,
                        _ => delay,
                    };
                    if throttled {
                        throttled_wait += wait;
                    }
                    tracing::debug!(what, attempt, wait_ms = wait.as_millis() as u64, error = %e, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn delays_stay_within_base_and_cap() {
        let p = RetryPolicy::default();
        let mut d = p.base;
        for _ in 0..50 {
            d = p.next_delay(d);
            assert!(d >= p.base && d <= p.cap, "{d:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn retries_only_what_a_retry_can_cure() {
        let p = RetryPolicy {
            max_attempts: 4,
            ..Default::default()
        };
        let calls = AtomicU32::new(0);
        let r: Result<(), _> = p
            .run("t", |_| async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(ApiError::new(ErrorKind::ServerFault, "boom"))
            })
            .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 4);

        calls.store(0, Ordering::SeqCst);
        let r: Result<(), _> = p
            .run("t", |_| async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(ApiError::new(ErrorKind::BadParameter, "no"))
            })
            .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1, "4xx are not retried");

        let r = p
            .run("t", |n| async move {
                if n < 3 {
                    Err(ApiError::new(
                        ErrorKind::Throttled {
                            retry_after_secs: Some(2),
                        },
                        "slow",
                    ))
                } else {
                    Ok(n)
                }
            })
            .await;
        assert_eq!(r.unwrap(), 3);

        // Throttling, however long, does not use up the attempts of a 4-attempt policy.
        let r = p
            .run("t", |n| async move {
                if n <= 12 {
                    Err(ApiError::new(
                        ErrorKind::Throttled {
                            retry_after_secs: Some(1),
                        },
                        "slow",
                    ))
                } else {
                    Ok(n)
                }
            })
            .await;
        assert_eq!(r.unwrap(), 13);
        // ...but it is bounded by the total throttled wait.
        let short = RetryPolicy {
            max_throttled_wait: Duration::from_secs(5),
            ..p.clone()
        };
        calls.store(0, Ordering::SeqCst);
        let r: Result<(), _> = short
            .run("t", |_| async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(ApiError::new(
                    ErrorKind::Throttled {
                        retry_after_secs: Some(1),
                    },
                    "slow",
                ))
            })
            .await;
        assert!(r.is_err());
        assert!(
            (3..=6).contains(&calls.load(Ordering::SeqCst)),
            "{}",
            calls.load(Ordering::SeqCst)
        );
    }
}
