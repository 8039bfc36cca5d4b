//! Scoring on another thread while the cockpit draws (docs/architecture.md,
//! "How the book becomes summaries"): the first frame comes at once with a
//! progress line, and the numbers appear when they are all current — stale
//! ones are never shown in their place.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use super::Front;
use super::front::front_with;
use crate::domain::config::ProgramConfig;
use crate::domain::format::thousands;
use crate::store::{BookAddress, Store, StoreError};

/// How far a scoring run has come: partners scored of how many, then
/// the scores being saved.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    saving: AtomicBool,
}

impl Progress {
    pub(super) fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub(super) fn scored(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Every partner is scored; the scores are being saved.
    pub(super) fn saving(&self) {
        self.saving.store(true, Ordering::Relaxed);
    }

    /// "scoring 10,000 partners… 40%", then "saving the scores of 10,000
    /// partners…" (a third of a new day at 50,000 partners: the line says
    /// so rather than stand at 100%).
    #[must_use]
    pub fn line(&self) -> String {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return "reading the book…".into();
        }
        let partners = thousands(u64::try_from(total).unwrap_or(u64::MAX));
        if self.saving.load(Ordering::Relaxed) {
            return format!("saving the scores of {partners} partners…");
        }
        let done = self.done.load(Ordering::Relaxed).min(total);
        format!("scoring {partners} partners… {}%", done * 100 / total)
    }
}

/// An analysis running on its own thread, with its own connection.
#[derive(Debug)]
pub struct Pending {
    progress: Arc<Progress>,
    result: Receiver<Result<Front, StoreError>>,
}

impl Pending {
    /// Start analysing the book at `address` as of `today`. A book that
    /// may not be written is read as it is (nothing cached).
    #[must_use]
    pub fn start(address: &BookAddress, today: NaiveDate, cfg: ProgramConfig) -> Pending {
        let progress = Arc::new(Progress::default());
        let (send, result) = channel();
        let (address, shared) = (address.clone(), Arc::clone(&progress));
        std::thread::spawn(move || {
            let analysed = open_again(&address)
                .and_then(|mut store| front_with(&mut store, today, &cfg, &shared, true));
            // Nobody waits any more when the cockpit quit first.
            let _ = send.send(analysed);
        });
        Pending { progress, result }
    }

    /// The analysis, once it is done.
    #[must_use]
    pub fn take(&self) -> Option<Result<Front, StoreError>> {
        taken(&self.result, "the scoring thread stopped")
    }

    /// What to show meanwhile.
    #[must_use]
    pub fn line(&self) -> String {
        self.progress.line()
    }
}

/// The book at `address` opened again, for a thread of its own: one that
/// may not be written is read as it is.
///
/// # Errors
/// When it cannot be opened (the message names the book).
pub(super) fn open_again(address: &BookAddress) -> Result<Store, StoreError> {
    match (Store::open_at(address), address.file()) {
        (Err(StoreError::ReadOnly { .. }), Some(path)) => Store::open_read_only(path),
        (opened, _) => opened,
    }
    .map_err(|e| e.in_book(&address.to_string()))
}

/// What a thread sent, once it did; `stopped` when it ended without.
pub(super) fn taken<T>(
    result: &Receiver<Result<T, StoreError>>,
    stopped: &str,
) -> Option<Result<T, StoreError>> {
    match result.try_recv() {
        Ok(r) => Some(r),
        Err(TryRecvError::Empty) => None,
        Err(TryRecvError::Disconnected) => Some(Err(StoreError::Open {
            path: String::new(),
            source: stopped.into(),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_counts_in_thousands_and_percent() {
        let p = Progress::default();
        assert_eq!(p.line(), "reading the book…");
        p.start(10_000);
        p.scored(4_000);
        assert_eq!(p.line(), "scoring 10,000 partners… 40%");
        p.scored(6_000);
        assert_eq!(p.line(), "scoring 10,000 partners… 100%");
        p.saving();
        assert_eq!(p.line(), "saving the scores of 10,000 partners…");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
