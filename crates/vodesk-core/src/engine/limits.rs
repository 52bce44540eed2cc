//! A concurrency limit that can be raised or lowered while work is running.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub struct AdjustableLimit {
    sem: Arc<Semaphore>,
    limit: AtomicUsize,
}

impl AdjustableLimit {
    pub fn new(n: usize) -> Self {
        AdjustableLimit {
            sem: Arc::new(Semaphore::new(n.max(1))),
            limit: AtomicUsize::new(n.max(1)),
        }
    }

    pub fn limit(&self) -> usize {
        self.limit.load(Ordering::Relaxed)
    }

    pub async fn acquire(&self) -> OwnedSemaphorePermit {
        self.sem
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed")
    }

    /// `n` permits at once, clamped to the current limit so a big request cannot wait forever.
    pub async fn acquire_many(&self, n: usize) -> OwnedSemaphorePermit {
        let n = n.clamp(1, self.limit()) as u32;
        self.sem
            .clone()
            .acquire_many_owned(n)
            .await
            .expect("the semaphore is never closed")
    }

    /// Raising takes effect at once; lowering as running work finishes.
    pub fn set(&self, n: usize) {
        let n = n.max(1);
        let old = self.limit.swap(n, Ordering::Relaxed);
        if n > old {
            self.sem.add_permits(n - old);
        } else if n < old {
            let sem = self.sem.clone();
            let remove = (old - n) as u32;
            tokio::spawn(async move {
                if let Ok(p) = sem.acquire_many_owned(remove).await {
                    p.forget();
                }
            });
        }
    }
}
