//! An ordered parallel map: items are processed on several threads and handed to a sink in
//! input order as soon as each one and all before it are done.
//!
//! Workers take items in input order from a shared counter and may run at most a small window
//! ahead of the sink, so only a few results wait in memory however long the input is (a
//! parallel iterator that splits the input in halves would hold half of it waiting). Plain
//! scoped threads do this; no thread pool is needed.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::thread;

/// The limit set by [`limit_jobs`]; 0 for none.
static LIMIT: AtomicUsize = AtomicUsize::new(0);

/// How many threads to use by default: one per core, or the limit a command was given.
pub fn default_jobs() -> usize {
    match LIMIT.load(Ordering::Relaxed) {
        0 => thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// Makes [`default_jobs`] return `jobs` from now on: a command's `-j N` then also bounds the
/// work it starts inside (a folder of PDFs imported while it is audited).
pub fn limit_jobs(jobs: usize) {
    LIMIT.store(jobs.max(1), Ordering::Relaxed);
}

/// Calls `work` on every item on up to `jobs` threads and `sink(index, result)` on the
/// calling thread, in input order. With one job everything runs on the calling thread.
pub fn map_ordered<T, R, W, S>(items: &[T], jobs: usize, work: W, mut sink: S)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    S: FnMut(usize, R),
{
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        for (i, item) in items.iter().enumerate() {
            sink(i, work(item));
        }
        return;
    }
    let window = jobs * 4;
    let next = AtomicUsize::new(0);
    let aborted = AtomicBool::new(false);
    // How many results the sink has taken; workers wait while they are a window ahead.
    let taken = Mutex::new(0usize);
    let advanced = Condvar::new();
    let shared = Shared {
        aborted: &aborted,
        advanced: &advanced,
    };
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, R)>();
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, taken, work, shared) = (&next, &taken, &work, &shared);
            scope.spawn(move || {
                // Wakes the others if this worker panics, so none waits forever.
                let _guard = AbortOnPanic(shared);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        return;
                    }
                    let mut done = taken.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *done + window && !shared.aborted.load(Ordering::Relaxed) {
                        done = shared
                            .advanced
                            .wait(done)
                            .unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    if shared.aborted.load(Ordering::Relaxed)
                        || tx.send((i, work(&items[i]))).is_err()
                    {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                sink(expected, result);
                expected += 1;
                *taken.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                advanced.notify_all();
            }
        }
    });
}

struct Shared<'a> {
    aborted: &'a AtomicBool,
    advanced: &'a Condvar,
}

struct AbortOnPanic<'a, 'b>(&'b Shared<'a>);

impl Drop for AbortOnPanic<'_, '_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.aborted.store(true, Ordering::Relaxed);
            self.0.advanced.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_input_order_for_any_number_of_jobs() {
        let items: Vec<u64> = (0..500).collect();
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            map_ordered(
                &items,
                jobs,
                |&n| {
                    // Uneven work so threads finish out of order.
                    let mut x = n;
                    for k in 0..(n % 7) * 1000 {
                        x = std::hint::black_box(x ^ k) ^ k;
                    }
                    x
                },
                |i, r| seen.push((i, r)),
            );
            let want: Vec<(usize, u64)> = items.iter().map(|&n| (n as usize, n)).collect();
            assert_eq!(seen, want, "jobs {jobs}");
        }
    }

    #[test]
    fn an_empty_input_calls_nothing() {
        let mut calls = 0;
        map_ordered(&[] as &[u8], 4, |_| (), |_, _| calls += 1);
        assert_eq!(calls, 0);
    }

    #[test]
    fn a_panicking_item_ends_the_map_instead_of_hanging() {
        let items: Vec<usize> = (0..200).collect();
        let outcome = std::panic::catch_unwind(|| {
            map_ordered(
                &items,
                2,
                |&n| {
                    assert!(n != 3, "item 3 fails");
                    n
                },
                |_, _| {},
            )
        });
        assert!(outcome.is_err());
    }
}
