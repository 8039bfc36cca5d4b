//! What changed in the model since a screen last made its lists: a
//! screen that sorted and filtered every partner (Partners at 50,000)
//! moves only the rows an edit changed, rather than making its lists
//! again.

use std::sync::atomic::{AtomicU64, Ordering};

/// Rows changed in place since a revision are remembered up to this many;
/// past it, everything counts as changed.
const ROWS_KEPT: usize = 64;

/// Revisions are numbered across every model made, so a screen's revision
/// never matches a model read afresh (`App::reload`).
static NEXT: AtomicU64 = AtomicU64::new(1);

fn next() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The model's revision, and the rows changed in place since everything
/// last changed.
#[derive(Debug, Clone)]
pub struct Changes {
    now: u64,
    /// The revision at which everything last changed.
    all_at: u64,
    /// Rows (by index) changed in place since `all_at`, each with its own
    /// name, owner and place in the book kept.
    rows: Vec<usize>,
}

impl Default for Changes {
    fn default() -> Self {
        let now = next();
        Changes {
            now,
            all_at: now,
            rows: Vec::new(),
        }
    }
}

impl Changes {
    /// The current revision.
    #[must_use]
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Everything may have changed (rows added, removed, renamed, read
    /// again, or the scope changed).
    pub fn all(&mut self) {
        self.now = next();
        self.all_at = self.now;
        self.rows.clear();
    }

    /// Row `index` changed in place.
    pub fn row(&mut self, index: usize) {
        if self.rows.len() == ROWS_KEPT {
            return self.all();
        }
        self.now = next();
        if !self.rows.contains(&index) {
            self.rows.push(index);
        }
    }

    /// The rows changed in place since revision `seen` (some may have
    /// changed before it, never fewer); None when more than rows changed.
    #[must_use]
    pub fn rows_since(&self, seen: u64) -> Option<&[usize]> {
        if seen == self.now {
            Some(&[])
        } else if seen >= self.all_at && seen < self.now {
            Some(&self.rows)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_changed_are_told_until_everything_changes() {
        let mut changes = Changes::default();
        let seen = changes.now();
        assert_eq!(changes.rows_since(seen), Some(&[][..]));
        changes.row(7);
        changes.row(3);
        changes.row(7);
        assert_eq!(changes.rows_since(seen), Some(&[7, 3][..]));
        changes.all();
        assert_eq!(changes.rows_since(seen), None);
        // Another model's revision is never this one's.
        assert_eq!(Changes::default().rows_since(changes.now()), None);
    }

    #[test]
    fn too_many_rows_changed_count_as_everything() {
        let mut changes = Changes::default();
        let seen = changes.now();
        for i in 0..=ROWS_KEPT {
            changes.row(i);
        }
        assert_eq!(changes.rows_since(seen), None);
    }
}
