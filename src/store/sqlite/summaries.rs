//! The summary cache: every rule's verdict on every partner, kept in the
//! book (docs/architecture.md, "How the book becomes summaries").
//!
//! The summaries only change when the book, the date, the config or
//! partnerdeck itself changes. So they are kept in the `summaries` table
//! under a key naming the last three (`meta.summaries_key`). Any change to
//! the book's records sets the key to `stale` (by trigger, so edits made
//! with other tools count too). When to read, compute and save them is the
//! analysis layer's policy (`crate::analyse`); this is persistence only.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rusqlite::params;

use super::{Store, StoreError};
use crate::domain::book::Partner;
use crate::domain::config::ProgramConfig;
use crate::domain::list_row::ListRow;
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;
use crate::domain::today::TriageEntry;

/// Partners' Today lines by partner id.
pub type TodayLines = Vec<(i64, Vec<TriageEntry>)>;

/// Bump when the stored summary layout (or what the rules put in it) changes.
const LAYOUT: u32 = 5;

/// FNV-1a: a stable fingerprint of the config (the std hasher may change
/// between Rust versions, which would needlessly invalidate caches).
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What cached summaries depend on besides the book: layout, program
/// version, date and config.
#[must_use]
pub fn key(today: NaiveDate, cfg: &ProgramConfig) -> String {
    let mut k = format!("v{LAYOUT}|{}|{today}|", env!("CARGO_PKG_VERSION"));
    let _ = write!(k, "{:016x}", fingerprint(&format!("{cfg:?}")));
    k
}

impl Store {
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
            "SELECT s.partner_id, s.data, l.today FROM summaries s \
             LEFT JOIN list_rows l ON l.partner_id = s.partner_id ORDER BY s.partner_id",
            // Another partner list, or a summary this build cannot read: None.
            |id, blob, today| {
                let mut summary = postcard::from_bytes::<PartnerSummary>(blob).ok()?;
                if let Some(today) = today {
                    summary.today = postcard::from_bytes(today).ok()?;
                }
                (summary.id == id && expected.next().is_some_and(|p| p.id == id)).then_some(summary)
            },
        )?;
        Ok(summaries.filter(|s| s.len() == partners.len()))
    }

    /// The cached list rows under `key`, one per partner in id order; None
    /// when the cache is not current or a row cannot be read.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_rows(&self, key: &str) -> Result<Option<Vec<ListRow>>, StoreError> {
        self.snapshot(|s| {
            if s.meta("summaries_key")?.as_deref() != Some(key) {
                return Ok(None); // before counting the partners
            }
            let count: i64 = s
                .conn
                .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))?;
            let rows = s.each_cached(
                key,
                "SELECT partner_id, row FROM list_rows ORDER BY partner_id",
                |id, blob, _| {
                    postcard::from_bytes::<ListRow>(blob)
                        .ok()
                        .filter(|r| r.id == id)
                },
            )?;
            Ok(rows.filter(|rows| i64::try_from(rows.len()).ok() == Some(count)))
        })
    }

    /// Every partner's cached Today lines under `key`, by id (partners
    /// without any are left out); None when the cache is not current.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_today(&self, key: &str) -> Result<Option<TodayLines>, StoreError> {
        self.snapshot(|s| {
            s.each_cached(
                key,
                "SELECT partner_id, today FROM list_rows WHERE today IS NOT NULL ORDER BY partner_id",
                |id, blob, _| Some((id, postcard::from_bytes::<Vec<TriageEntry>>(blob).ok()?)),
            )
        })
    }

    /// Every partner's cached tier status under `key`, by id; None when the
    /// cache is not current. Each summary is decoded and dropped in turn, so
    /// only the tier statuses are ever held.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_tiers(&self, key: &str) -> Result<Option<Vec<(i64, TierStatus)>>, StoreError> {
        self.snapshot(|s| {
            s.each_cached(
                key,
                "SELECT partner_id, data FROM summaries ORDER BY partner_id",
                |id, blob, _| {
                    let summary = postcard::from_bytes::<PartnerSummary>(blob).ok()?;
                    (summary.id == id).then_some((id, summary.tier))
                },
            )
        })
    }

    /// Each `(partner_id, blob[, blob or NULL])` row of `sql` decoded as the
    /// engine steps (so the blobs are never all held beside what they
    /// decode to); None when the cache is not current under `key` or a blob
    /// does not decode.
    fn each_cached<T>(
        &self,
        key: &str,
        sql: &str,
        mut decode: impl FnMut(i64, &[u8], Option<&[u8]>) -> Option<T>,
    ) -> Result<Option<Vec<T>>, StoreError> {
        if self.meta("summaries_key")?.as_deref() != Some(key) {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
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
            for (p, s) in partners.iter().zip(summaries) {
                put_summary(tx, p, s)?;
            }
            Ok(())
        })
    }

    /// Replace the cache with entries already encoded, valid under `key`.
    ///
    /// # Errors
    /// `Busy` when another program is writing; else only if the engine fails.
    pub fn save_entries(&mut self, key: &str, entries: &[CacheEntry]) -> Result<(), StoreError> {
        self.replace_cache(key, |tx| {
            for entry in entries {
                put_entry(tx, entry)?;
            }
            Ok(())
        })
    }

    fn replace_cache(
        &mut self,
        key: &str,
        write: impl FnOnce(&rusqlite::Savepoint<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.rebuildable_write(|tx| {
            // Rows are replaced in place rather than all deleted first
            // (emptying the table costs as much as writing it again);
            // what is left of partners deleted meanwhile goes.
            tx.execute(
                "DELETE FROM summaries WHERE partner_id NOT IN (SELECT id FROM partners)",
                [],
            )?;
            tx.execute(
                "DELETE FROM list_rows WHERE partner_id NOT IN (SELECT id FROM partners)",
                [],
            )?;
            write(tx)?;
            super::set_meta(tx, "summaries_key", key)?;
            Ok(())
        })
    }
}

/// One partner's entry in the cache, encoded as it is stored: its
/// summary, its list row and its Today lines (None when it has none).
#[derive(Debug, Clone)]
pub struct CacheEntry {
    pub id: i64,
    summary: Vec<u8>,
    row: Vec<u8>,
    today: Option<Vec<u8>>,
}

impl CacheEntry {
    /// The entry of `partner`, from its summary. The summary is stored
    /// without its Today lines, which are stored once, beside the row.
    ///
    /// # Errors
    /// When a value cannot be encoded.
    pub fn of(partner: &Partner, mut summary: PartnerSummary) -> Result<CacheEntry, StoreError> {
        let row = to_bytes(&ListRow::of(partner, &summary), "list_rows", "row")?;
        let lines = std::mem::take(&mut summary.today);
        let today = if lines.is_empty() {
            None
        } else {
            Some(to_bytes(&lines, "list_rows", "today")?)
        };
        Ok(CacheEntry {
            id: summary.id,
            row,
            summary: to_bytes(&summary, "summaries", "data")?,
            today,
        })
    }

    /// The list row.
    #[must_use]
    pub fn row(&self) -> Option<ListRow> {
        postcard::from_bytes(&self.row).ok()
    }

    /// The Today lines.
    #[must_use]
    pub fn today(&self) -> Option<Vec<TriageEntry>> {
        self.today
            .as_deref()
            .map_or(Some(Vec::new()), |b| postcard::from_bytes(b).ok())
    }

    /// The tier status.
    #[must_use]
    pub fn tier(&self) -> Option<TierStatus> {
        postcard::from_bytes::<PartnerSummary>(&self.summary)
            .ok()
            .map(|s| s.tier)
    }

    /// Forget the encoded summary (once it is saved).
    pub fn drop_summary(&mut self) {
        self.summary = Vec::new();
    }

    /// Forget the encoded row (once it is saved and decoded).
    pub fn drop_row(&mut self) {
        self.row = Vec::new();
    }
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
    conn.prepare_cached("INSERT OR REPLACE INTO summaries (partner_id, data) VALUES (?1, ?2)")?
        .execute(params![entry.id, entry.summary])?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO list_rows (partner_id, row, today) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![entry.id, entry.row, entry.today])?;
    Ok(())
}

/// `value` encoded for `table.column`, in a buffer of its exact size
/// (encoded in a scratch buffer kept per thread, so the bytes are copied
/// once rather than grown by doubling: a scoring run holds 50,000 of them).
fn to_bytes<T: serde::Serialize>(
    value: &T,
    table: &'static str,
    column: &'static str,
) -> Result<Vec<u8>, StoreError> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        let bytes = postcard::to_io(value, &mut *scratch).map_err(|e| StoreError::BadValue {
            table,
            column,
            reason: e.to_string(),
        })?;
        Ok(bytes.clone())
    })
}
