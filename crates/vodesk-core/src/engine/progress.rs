//! Speed over a moving window and the ETA, from the engine's O(1) byte counters. Sampling is
//! on demand (a face asks a few times a second), so transfers never pay for it.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

/// What a face shows about the whole queue.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Progress {
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Still to be stored by jobs that have not ended (the ETA's share).
    pub bytes_left: u64,
    pub jobs_total: u64,
    pub jobs_finished: u64,
    /// Over the last few seconds.
    pub bytes_per_sec: f64,
    /// `None` while the speed is unknown.
    pub eta_secs: Option<u64>,
}

pub struct Speedometer {
    window: Duration,
    samples: Mutex<VecDeque<(Instant, u64)>>,
}

impl Speedometer {
    pub fn new(window: Duration) -> Self {
        Speedometer {
            window,
            samples: Mutex::new(VecDeque::new()),
        }
    }

    /// Records `bytes` (a running total) at `now`; returns bytes per second over the window.
    pub fn sample(&self, now: Instant, bytes: u64) -> f64 {
        let mut s = self.samples.lock().unwrap_or_else(|e| e.into_inner());
        s.push_back((now, bytes));
        while s.len() > 2
            && s.front()
                .is_some_and(|(t, _)| now.duration_since(*t) > self.window)
        {
            s.pop_front();
        }
        match (s.front(), s.back()) {
            (Some((t0, b0)), Some((t1, b1))) if t1 > t0 => {
                b1.saturating_sub(*b0) as f64 / t1.duration_since(*t0).as_secs_f64()
            }
            _ => 0.0,
        }
    }
}

/// Seconds left for `remaining` bytes at `rate`.
pub fn eta(remaining: u64, rate: f64) -> Option<u64> {
    (rate > 1.0).then(|| (remaining as f64 / rate).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_over_the_window() {
        let s = Speedometer::new(Duration::from_secs(5));
        let t0 = Instant::now();
        assert_eq!(s.sample(t0, 0), 0.0);
        for i in 1..=10u64 {
            s.sample(t0 + Duration::from_secs(i), i * 1000);
        }
        // Steady 1000 B/s.
        let r = s.sample(t0 + Duration::from_secs(11), 11_000);
        assert!((r - 1000.0).abs() < 1.0, "{r}");
        // A stall pulls the windowed speed down, and old samples are forgotten.
        let r = s.sample(t0 + Duration::from_secs(16), 11_000);
        assert!(r < 300.0, "{r}");
        assert_eq!(eta(10_000, 1000.0), Some(10));
        assert_eq!(eta(10_000, 0.0), None);
    }
}
