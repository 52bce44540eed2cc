//! Waiting on a `tokio::sync::watch` value without holding its read guard afterwards.
//!
//! `Receiver::wait_for` resolves to a read guard of the watched value. As a `select!` arm's
//! value, that guard lives through the arm's body; a body that reads the same watch again
//! (`borrow`) while another thread waits to write it (`send_replace`) deadlocks, because the
//! lock lets no new reader in ahead of a waiting writer. A SIGKILL-free upload hung that way
//! when the journal's disk filled (one job stopping while the scheduler halted every job).

use tokio::sync::watch;

/// Resolves once the watched value satisfies `f` (or the sender is gone), holding nothing.
pub async fn until<T>(rx: &mut watch::Receiver<T>, f: impl FnMut(&T) -> bool) {
    let _ = rx.wait_for(f).await;
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// An arm's body that reads the watch it waited on while another thread waits to write it
    /// finishes. (Run on threads of its own: a deadlock fails the test instead of hanging it.)
    #[test]
    fn a_select_arm_may_read_the_watch_it_waited_on_while_a_writer_waits() {
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let (tx, rx) = watch::channel(0u32);
            let mut waiting = rx.clone();
            tx.send_replace(1);
            let seen = rt.block_on(async {
                tokio::select! {
                    _ = until(&mut waiting, |v| *v >= 1) => {
                        // A writer queues up on the lock, then the body reads the value.
                        let writer = std::thread::spawn(move || tx.send_replace(2));
                        std::thread::sleep(Duration::from_millis(200));
                        let seen = *rx.borrow();
                        writer.join().unwrap();
                        seen
                    }
                }
            });
            let _ = done_tx.send(seen);
        });
        let seen = done_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the arm's body was blocked by a read guard still held");
        assert!(seen >= 1);
    }
}
