//! The screens' lists kept in a book file (`store::kept`; table
//! `kept_lists`, schema v14).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{SqliteStore, StoreError, open};
use crate::store::kept::{self, Kept};

/// A list kept (one row per list, replaced).
const KEEP: &str = "INSERT INTO kept_lists (what, key, arg, data) VALUES (?1, ?2, ?3, ?4) \
     ON CONFLICT (what) DO UPDATE SET key = excluded.key, arg = excluded.arg, data = excluded.data";

impl SqliteStore {
    /// `list` as kept under the summary cache's `key`, else `read` and, when
    /// the cache is current under `key` and nothing was written since it
    /// was read, kept. `read`'s None (a list that is not there to read) is
    /// never kept.
    ///
    /// One read transaction: the kept row or the list read, and the
    /// summaries key checked, are of one state of the book. Keeping it
    /// turns that transaction into a write, which `SQLite` refuses (and the
    /// list is then returned unkept) when another connection wrote since;
    /// it does not wait for another writer.
    pub(super) fn kept<T: Serialize + DeserializeOwned>(
        &self,
        key: &str,
        list: Kept,
        read: impl FnOnce(&SqliteStore) -> Result<Option<T>, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.conn.execute_batch("BEGIN")?;
        let out = self.kept_in(key, list, read);
        if self.conn.execute_batch("COMMIT").is_err() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        out
    }

    fn kept_in<T: Serialize + DeserializeOwned>(
        &self,
        key: &str,
        list: Kept,
        read: impl FnOnce(&SqliteStore) -> Result<Option<T>, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let current = self.meta("summaries_key")?.as_deref() == Some(key);
        let arg = list.arg();
        if current && let Some(value) = self.kept_data(key, list)?.as_deref().and_then(kept::decode)
        {
            return Ok(Some(value));
        }
        let value = read(self)?;
        if let Some(data) = value.as_ref().filter(|_| current).and_then(kept::encode) {
            self.keep(key, list, &arg, &data);
        }
        Ok(value)
    }

    /// Keep `data` for `list`, unless the book may not be written, another
    /// connection wrote since this transaction began, or holds the lock.
    fn keep(&self, key: &str, list: Kept, arg: &str, data: &[u8]) {
        if self.read_only || self.immutable {
            return;
        }
        if self.conn.busy_timeout(std::time::Duration::ZERO).is_err() {
            return;
        }
        let _ = self
            .conn
            .execute(KEEP, params![list.name(), key, arg, data]);
        let _ = self.conn.busy_timeout(open::BUSY_TIMEOUT);
    }
}

impl SqliteStore {
    /// [`SqliteStore::qbr_lines`], kept under the summary cache's `key`.
    ///
    /// # Errors
    /// As [`SqliteStore::qbr_lines`].
    pub fn kept_qbr_lines(
        &self,
        key: &str,
        from: chrono::NaiveDate,
    ) -> Result<kept::QbrLines, StoreError> {
        let lines = self.kept(key, Kept::QbrLines(from), |s| s.qbr_lines(from).map(Some))?;
        Ok(lines.unwrap_or_default())
    }

    /// [`SqliteStore::campaign_rows`], kept under the summary cache's `key`.
    ///
    /// # Errors
    /// As [`SqliteStore::campaign_rows`].
    pub fn kept_campaign_rows(
        &self,
        key: &str,
        today: chrono::NaiveDate,
    ) -> Result<kept::Campaigns, StoreError> {
        let rows = self.kept(key, Kept::Campaigns(today), |s| {
            s.campaign_rows(today).map(Some)
        })?;
        Ok(rows.unwrap_or_default())
    }
}

impl SqliteStore {
    /// [`BookStore::kept_data`](crate::store::BookStore::kept_data).
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn kept_data(&self, key: &str, list: Kept) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT k.data FROM kept_lists k JOIN meta m \
                 ON m.key = 'summaries_key' AND m.value = k.key \
                 WHERE k.what = ?1 AND k.key = ?2 AND k.arg = ?3",
            )?
            .query_row(params![list.name(), key, list.arg()], |r| r.get(0))
            .optional()?)
    }

    /// [`BookStore::keep_data`](crate::store::BookStore::keep_data): one
    /// write transaction, begun without waiting for another writer.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn keep_data(
        &self,
        key: &str,
        unchanged_since: i64,
        lists: &[(Kept, &[u8])],
    ) -> Result<bool, StoreError> {
        if self.read_only || self.immutable {
            return Ok(false);
        }
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let began = self.conn.execute_batch("BEGIN IMMEDIATE");
        let _ = self.conn.busy_timeout(open::BUSY_TIMEOUT);
        if began.is_err() {
            return Ok(false);
        }
        let kept = self.keep_all(key, unchanged_since, lists);
        if matches!(kept, Ok(true)) {
            self.conn.execute_batch("COMMIT")?;
        } else {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        kept
    }

    fn keep_all(
        &self,
        key: &str,
        unchanged_since: i64,
        lists: &[(Kept, &[u8])],
    ) -> Result<bool, StoreError> {
        // The change token as `change_token` reads it (`sqlite/changes.rs`).
        let token = super::changes::token(&self.conn, &self.seen)?;
        if token != unchanged_since || self.meta("summaries_key")?.as_deref() != Some(key) {
            return Ok(false);
        }
        let mut put = self.conn.prepare_cached(KEEP)?;
        for (list, data) in lists {
            put.execute(params![list.name(), key, list.arg(), data])?;
        }
        Ok(true)
    }
}
