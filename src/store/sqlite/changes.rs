//! The change token of a book file (`BookStore::change_token`): what tells
//! an open cockpit that another program changed the book.
//!
//! `PRAGMA data_version` moves whenever another connection commits, but not
//! every commit changes the book: keeping a screen's list beside the
//! summary cache (`kept_lists`, `store::kept`) only writes down what the
//! book already says, and the first program to show that screen on a day
//! keeps it. So the token moves when `data_version` has moved *and* the
//! book's change count (`meta.book_changes`, schema v15) has: every write
//! of `summaries_key` — which every write of the book's records makes, by
//! the stale triggers, a bulk write's own mark, an edit's restored key and
//! a new day's save — and every write of the company's revenue counts one,
//! by trigger. While the cache is stale the stale triggers stay quiet, and
//! nothing is kept then, so every commit counts (as it does in a book
//! without the count).

use std::cell::Cell;

use rusqlite::Connection;

use super::{SqliteStore, StoreError};

/// The book as the token last saw it, and the token then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Seen {
    data_version: i64,
    /// `meta.book_changes`; None in a book without it.
    changes: Option<i64>,
    /// Is the summary cache stale (or missing)?
    stale: bool,
    token: i64,
}

/// The last [`Seen`] of a connection.
pub(super) type LastSeen = Cell<Option<Seen>>;

/// The book's state as one read transaction sees it (the caller holds
/// one: `data_version` and the rows must be of the same state).
fn state(conn: &Connection) -> Result<Seen, StoreError> {
    let (changes, stale): (Option<i64>, bool) = conn
        .prepare_cached(
            "SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'book_changes'), \
                    coalesce((SELECT value FROM meta WHERE key = 'summaries_key'), 'stale') = 'stale'",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok(Seen {
        data_version,
        changes,
        stale,
        token: 0,
    })
}

/// The token for the book as it is now (`conn` inside a transaction),
/// against what `last` saw; `last` becomes now.
///
/// `data_version` unchanged: only this connection wrote since, and its own
/// writes are no change (its count is taken as seen). Moved: another
/// connection committed, a change when the count moved, when the cache is
/// stale, or when the book keeps no count.
pub(super) fn token(conn: &Connection, last: &LastSeen) -> Result<i64, StoreError> {
    let mut now = state(conn)?;
    now.token = match last.get() {
        None => 0,
        Some(seen) if seen.data_version == now.data_version => seen.token,
        Some(seen) => {
            let counted = now.stale || now.changes.is_none() || now.changes != seen.changes;
            seen.token + i64::from(counted)
        }
    };
    last.set(Some(now));
    Ok(now.token)
}

impl SqliteStore {
    /// [`token`], in a read transaction of its own unless one is open.
    pub(super) fn change_token_now(&self) -> Result<i64, StoreError> {
        if self.conn.is_autocommit() {
            self.snapshot(|s| token(&s.conn, &s.seen))
        } else {
            token(&self.conn, &self.seen)
        }
    }
}
