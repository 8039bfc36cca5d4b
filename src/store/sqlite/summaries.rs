//! The summary cache in `SQLite`: the `summaries` and `list_rows` tables
//! and `meta.summaries_key` (the key and entries are `store::cache`).

use rusqlite::params;

use super::{SqliteStore, StoreError};
use crate::domain::book::Partner;
use crate::domain::list_row::ListRow;
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;
use crate::store::cache::{CacheEntry, decode_row, decode_summary, decode_tier};

impl SqliteStore {
    /// Cached summaries under `key`, if there is one for every partner.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_summaries(
        &self,
        key: &str,
        partners: &[Partner],
    ) -> Result<Option<Vec<PartnerSummary>>, StoreError> {
        let mut expected = partners.iter();
        // The Today lines are stored once, beside the row (`CacheEntry`).
        let summaries = self.each_cached(
            key,
            partners.len(),
            "SELECT s.partner_id, s.data, l.today FROM summaries s \
             LEFT JOIN list_rows l ON l.partner_id = s.partner_id ORDER BY s.partner_id",
            // Another partner list, or a summary this build cannot read: None.
            |id, blob, today| {
                let summary = decode_summary(id, blob, today)?;
                expected
                    .next()
                    .is_some_and(|p| p.id == id)
                    .then_some(summary)
            },
        )?;
        Ok(summaries.filter(|s| s.len() == partners.len()))
    }

    /// The cached list rows under `key`, one per partner in id order; None
    /// when the cache is not current or a row cannot be read. With
    /// `today`, each partner's Today lines go to it as its row is read
    /// (`BookStore::cached_rows`).
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_rows(
        &self,
        key: &str,
        mut today: Option<crate::store::book_store::LinesWithRows<'_>>,
    ) -> Result<Option<Vec<ListRow>>, StoreError> {
        self.snapshot(|s| {
            if s.meta("summaries_key")?.as_deref() != Some(key) {
                return Ok(None); // before counting the partners
            }
            let count: i64 = s
                .conn
                .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))?;
            let sql = if today.is_some() {
                "SELECT partner_id, row, today FROM list_rows ORDER BY partner_id"
            } else {
                "SELECT partner_id, row FROM list_rows ORDER BY partner_id"
            };
            let mut read = 0;
            let expected = usize::try_from(count).unwrap_or(0);
            let rows = s.each_cached(key, expected, sql, |id, blob, lines| {
                let row = decode_row(id, blob)?;
                if let (Some(each), Some(lines)) = (today.as_mut(), lines) {
                    each(read, &row, lines);
                }
                read += 1;
                Some(row)
            })?;
            Ok(rows.filter(|rows| i64::try_from(rows.len()).ok() == Some(count)))
        })
    }

    /// Every partner's cached Today lines under `key`, encoded, handed to
    /// `each` by id as the engine steps (partners without any are left
    /// out); false when the cache is not current or `each` refused one.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_today(
        &self,
        key: &str,
        each: &mut dyn FnMut(i64, &[u8]) -> bool,
    ) -> Result<bool, StoreError> {
        self.snapshot(|s| {
            let read = s.each_cached(
                key,
                0,
                "SELECT partner_id, today FROM list_rows WHERE today IS NOT NULL ORDER BY partner_id",
                |id, blob, _| each(id, blob).then_some(()),
            )?;
            Ok(read.is_some())
        })
    }

    /// Every partner's cached tier status under `key`, by id; None when the
    /// cache is not current. Kept once read (`store::kept`); read, each
    /// summary is decoded and dropped in turn, so only the tier statuses
    /// are ever held.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_tiers(&self, key: &str) -> Result<Option<Vec<(i64, TierStatus)>>, StoreError> {
        self.kept(key, crate::store::kept::Kept::Tiers, |s| {
            s.each_cached(
                key,
                0,
                "SELECT partner_id, data FROM summaries ORDER BY partner_id",
                |id, blob, _| decode_tier(id, blob),
            )
        })
    }

    /// Each `(partner_id, blob[, blob or NULL])` row of `sql` decoded as the
    /// engine steps (so the blobs are never all held beside what they
    /// decode to), into room for `expected` values; None when the cache is
    /// not current under `key` or a blob does not decode.
    fn each_cached<T>(
        &self,
        key: &str,
        expected: usize,
        sql: &str,
        mut decode: impl FnMut(i64, &[u8], Option<&[u8]>) -> Option<T>,
    ) -> Result<Option<Vec<T>>, StoreError> {
        if self.meta("summaries_key")?.as_deref() != Some(key) {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::with_capacity(expected);
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let blob = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            let third = match row.get_ref(2) {
                Ok(value) => value.as_blob_or_null().map_err(rusqlite::Error::from)?,
                Err(_) => None, // a query of two columns
            };
            match decode(id, blob, third) {
                Some(value) => out.push(value),
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// Replace the cache with the summaries of `partners` (aligned by
    /// index), valid under `key`.
    ///
    /// # Errors
    /// `Busy` when another program is writing; else only if the engine fails.
    pub fn save_summaries(
        &mut self,
        key: &str,
        partners: &[Partner],
        summaries: &[PartnerSummary],
    ) -> Result<(), StoreError> {
        self.replace_cache(key, |tx| {
            let mut put = CachePut::new(tx)?;
            partners
                .iter()
                .zip(summaries)
                .try_for_each(|(p, s)| put.put(&CacheEntry::of(p, s.clone())?))
        })
    }

    /// Replace the cache with the entries `entries` yields, valid under
    /// `key` (`BookStore::save_entries`): the write lock is taken and the
    /// book checked unchanged since `unchanged_since` before the first
    /// entry is taken, so they can still be being made.
    ///
    /// # Errors
    /// `Busy` when another program is writing; else only if the engine fails.
    pub fn save_entries(
        &mut self,
        key: &str,
        unchanged_since: i64,
        entries: &mut dyn Iterator<Item = CacheEntry>,
    ) -> Result<bool, StoreError> {
        let mut changed = false;
        // The token is read under the lock, as `change_token` reads it.
        let seen = super::changes::LastSeen::new(self.seen.get());
        let saved = self.rebuildable_write(|tx| {
            // A statement that writes takes the lock (and writes nothing).
            tx.execute("DELETE FROM meta WHERE 0", [])?;
            let token = super::changes::token(tx, &seen)?;
            if token != unchanged_since {
                changed = true;
                return Err(StoreError::Busy); // rolled back
            }
            // The book is as it was when the entries' partners were listed
            // and stays so under the lock: every entry is a partner's, so
            // the leftovers are searched for now, while the first entries
            // are still being made, rather than after the last is written.
            drop_leftovers(tx)?;
            let mut put = CachePut::new(tx)?;
            for entry in entries {
                put.put(&entry)?;
            }
            super::set_meta(tx, "summaries_key", key)?;
            Ok(())
        });
        self.seen.set(seen.get());
        saved
            .map(|()| true)
            .or_else(|e| if changed { Ok(false) } else { Err(e) })
    }

    /// Write the cache with `write` and mark it current under `key`,
    /// in one rebuildable write; what is left of partners no longer in
    /// the book goes too ([`drop_leftovers`]).
    fn replace_cache(
        &mut self,
        key: &str,
        write: impl FnOnce(&rusqlite::Savepoint<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.rebuildable_write(|tx| {
            // Rows are replaced in place rather than all deleted first
            // (emptying the table costs as much as writing it again).
            write(tx)?;
            drop_leftovers(tx)?;
            super::set_meta(tx, "summaries_key", key)?;
            Ok(())
        })
    }
}

/// Delete what the cache holds of partners no longer in the book (deleted
/// by a program that does not cascade, or meanwhile). The tables are
/// searched for it only when they and the partners differ in count or in
/// the sum of their ids (one pass over each, not a lookup per row).
fn drop_leftovers(tx: &rusqlite::Connection) -> Result<(), StoreError> {
    let tally = |table: &str, id: &str| -> Result<(i64, i64), StoreError> {
        Ok(tx.query_row(
            &format!("SELECT count(*), coalesce(sum({id}), 0) FROM {table}"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    };
    let partners = tally("partners", "id")?;
    if tally("summaries", "partner_id")? != partners
        || tally("list_rows", "partner_id")? != partners
    {
        tx.execute(
            "DELETE FROM summaries WHERE partner_id NOT IN (SELECT id FROM partners)",
            [],
        )?;
        tx.execute(
            "DELETE FROM list_rows WHERE partner_id NOT IN (SELECT id FROM partners)",
            [],
        )?;
    }
    Ok(())
}

/// Keep one partner's summary, list row and Today lines in the cache.
pub(super) fn put_summary(
    conn: &rusqlite::Connection,
    partner: &Partner,
    summary: &PartnerSummary,
) -> Result<(), StoreError> {
    put_entry(conn, &CacheEntry::of(partner, summary.clone())?)
}

pub(super) fn put_entry(conn: &rusqlite::Connection, entry: &CacheEntry) -> Result<(), StoreError> {
    CachePut::new(conn)?.put(entry)
}

/// The two statements that keep a cache entry, prepared once for a run of
/// entries (a new day writes 50,000 of them).
struct CachePut<'c> {
    summary: rusqlite::CachedStatement<'c>,
    row: rusqlite::CachedStatement<'c>,
}

impl<'c> CachePut<'c> {
    fn new(conn: &'c rusqlite::Connection) -> Result<Self, StoreError> {
        Ok(CachePut {
            summary: conn.prepare_cached(
                "INSERT OR REPLACE INTO summaries (partner_id, data) VALUES (?1, ?2)",
            )?,
            row: conn.prepare_cached(
                "INSERT OR REPLACE INTO list_rows (partner_id, row, today) VALUES (?1, ?2, ?3)",
            )?,
        })
    }

    fn put(&mut self, entry: &CacheEntry) -> Result<(), StoreError> {
        self.summary.execute(params![entry.id, entry.summary])?;
        self.row
            .execute(params![entry.id, entry.row, entry.today])?;
        Ok(())
    }
}
