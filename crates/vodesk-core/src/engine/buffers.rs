//! Part buffers, recycled: memory stays at part size × parts in flight instead of growing with
//! the allocator's appetite (glibc keeps freed multi-MiB blocks in per-thread arenas).

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;

pub struct BufferPool {
    free: Mutex<Vec<Vec<u8>>>,
    /// Buffers kept for reuse at most.
    keep: usize,
    live: AtomicU64,
    peak: AtomicU64,
}

impl BufferPool {
    pub fn new(keep: usize) -> Self {
        BufferPool {
            free: Mutex::new(Vec::new()),
            keep,
            live: AtomicU64::new(0),
            peak: AtomicU64::new(0),
        }
    }

    /// A buffer of exactly `len` bytes (contents unspecified: the caller overwrites them).
    pub fn take(&self, len: usize) -> Vec<u8> {
        let reused = {
            let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
            free.iter()
                .position(|b| b.capacity() >= len)
                .map(|i| free.swap_remove(i))
        };
        let mut buf = reused.unwrap_or_else(|| Vec::with_capacity(len));
        buf.resize(len, 0);
        let live = self.live.fetch_add(len as u64, Ordering::Relaxed) + len as u64;
        self.peak.fetch_max(live, Ordering::Relaxed);
        buf
    }

    /// Returns a buffer once nothing else refers to its bytes.
    pub fn give(&self, data: Bytes) {
        self.live.fetch_sub(data.len() as u64, Ordering::Relaxed);
        if let Ok(m) = data.try_into_mut() {
            let v: Vec<u8> = m.into();
            let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
            if free.len() < self.keep {
                free.push(v);
            }
        }
    }

    /// Most bytes held in buffers at once so far.
    pub fn peak(&self) -> u64 {
        self.peak.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_and_counts() {
        let p = BufferPool::new(2);
        let a = p.take(1000);
        let ptr = a.as_ptr();
        let b = p.take(1000);
        assert_eq!(p.peak(), 2000);
        p.give(Bytes::from(a));
        p.give(Bytes::from(b));
        let c = p.take(500);
        assert!(
            c.as_ptr() == ptr || c.capacity() >= 1000,
            "a freed buffer is reused"
        );
        assert_eq!(p.peak(), 2000);
    }
}
