//! A global bandwidth limit shared by every transfer, changeable while running.
//! Token bucket in bytes; a rate of 0 means unlimited.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub struct RateLimiter {
    rate: AtomicU64,
    state: Mutex<(f64, Instant)>,
}

impl RateLimiter {
    pub fn new(bytes_per_sec: u64) -> Self {
        RateLimiter {
            rate: AtomicU64::new(bytes_per_sec),
            state: Mutex::new((0.0, Instant::now())),
        }
    }

    pub fn rate(&self) -> u64 {
        self.rate.load(Ordering::Relaxed)
    }

    pub fn set_rate(&self, bytes_per_sec: u64) {
        self.rate.store(bytes_per_sec, Ordering::Relaxed);
    }

    /// Waits until `n` bytes may be sent.
    pub async fn acquire(&self, n: u64) {
        loop {
            let rate = self.rate();
            if rate == 0 {
                return;
            }
            let wait = {
                let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                // A quarter second of burst keeps many small chunks from stalling.
                let burst = (rate as f64 / 4.0).max(n as f64);
                st.0 = (st.0 + now.duration_since(st.1).as_secs_f64() * rate as f64).min(burst);
                st.1 = now;
                if st.0 >= n as f64 {
                    st.0 -= n as f64;
                    return;
                }
                Duration::from_secs_f64((n as f64 - st.0) / rate as f64)
            };
            tokio::time::sleep(wait.min(Duration::from_millis(250))).await;
        }
    }
}

/// Parses `20M`, `512k`, `1.5G`, `0` or `off` (bytes per second; suffixes are powers of 1024).
pub fn parse_rate(s: &str) -> Option<u64> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("off") || t == "0" {
        return Some(0);
    }
    let (num, mult) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => {
            let unit = t[i..]
                .trim_end_matches(['B', 'b', '/', 's'])
                .to_ascii_lowercase();
            let m: u64 = match unit.as_str() {
                "" => 1,
                "k" | "ki" => 1024,
                "m" | "mi" => 1024 * 1024,
                "g" | "gi" => 1024 * 1024 * 1024,
                _ => return None,
            };
            (&t[..i], m)
        }
        None => (t, 1),
    };
    let v: f64 = num.trim().parse().ok()?;
    (v.is_finite() && v >= 0.0).then_some((v * mult as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse() {
        assert_eq!(parse_rate("20M"), Some(20 * 1024 * 1024));
        assert_eq!(parse_rate("512k"), Some(512 * 1024));
        assert_eq!(parse_rate("1.5G"), Some(1536 * 1024 * 1024));
        assert_eq!(parse_rate("100"), Some(100));
        assert_eq!(parse_rate("off"), Some(0));
        assert_eq!(parse_rate("10MB/s"), Some(10 * 1024 * 1024));
        assert_eq!(parse_rate("fast"), None);
        assert_eq!(parse_rate("-1M"), None);
    }

    #[tokio::test]
    async fn the_limit_holds() {
        let l = RateLimiter::new(4 * 1024 * 1024);
        let start = Instant::now();
        for _ in 0..8 {
            l.acquire(1024 * 1024).await;
        }
        // 8 MiB at 4 MiB/s, with up to 1 MiB of initial burst: at least ~1.7 s.
        let t = start.elapsed().as_secs_f64();
        assert!(t >= 1.6, "{t}");
        assert!(t < 3.0, "{t}");
    }
}
