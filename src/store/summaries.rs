//! Summaries: every rule applied to every partner, cached in the book.
//!
//! Reading a large book's whole history and scoring it takes a while; the
//! result only changes when the book, the date, the config or partnerdeck
//! itself changes. So the summaries are kept in the `summaries` table under
//! a key naming the last three (`meta.summaries_key`), and the screens open
//! on them at once. Any change to the book's records sets the key to
//! `stale` (by trigger, so edits made with other tools count too); the next
//! open recomputes the summaries once.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rusqlite::params;

use super::{Store, StoreError};
use crate::domain::analysis::{PartnerSummary, summarize};
use crate::domain::book::Partner;
use crate::domain::config::ProgramConfig;

/// Bump when the stored summary layout changes.
const LAYOUT: u32 = 1;
/// Partners read per chunk when summaries are computed.
const CHUNK: usize = 500;

/// The partners and what the rules say about each, aligned by index.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub partners: Vec<Partner>,
    pub summaries: Vec<PartnerSummary>,
    /// Were the summaries read from the cache (rather than computed)?
    pub cached: bool,
}

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
    /// The partners and their summaries as of `today`: from the cache when it
    /// is current, else computed (a chunk of partners at a time) and cached.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub fn analyse(
        &mut self,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Analysed, StoreError> {
        let partners = self.load_partners()?;
        let key = key(today, cfg);
        if let Some(summaries) = self.cached_summaries(&key, &partners)? {
            return Ok(Analysed {
                partners,
                summaries,
                cached: true,
            });
        }
        let mut summaries = Vec::with_capacity(partners.len());
        self.for_each_chunk(CHUNK, |files| {
            summaries.extend(files.iter().map(|f| summarize(f, today, cfg)));
        })?;
        self.save_summaries(&key, &summaries)?;
        Ok(Analysed {
            partners,
            summaries,
            cached: false,
        })
    }

    /// Cache summaries computed elsewhere (from a book just written and still
    /// in memory), current for the book as it is now.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn cache_summaries(
        &mut self,
        today: NaiveDate,
        cfg: &ProgramConfig,
        summaries: &[PartnerSummary],
    ) -> Result<(), StoreError> {
        self.save_summaries(&key(today, cfg), summaries)
    }

    /// Cached summaries under `key`, if there is one for every partner.
    fn cached_summaries(
        &self,
        key: &str,
        partners: &[Partner],
    ) -> Result<Option<Vec<PartnerSummary>>, StoreError> {
        if self.meta("summaries_key")?.as_deref() != Some(key) {
            return Ok(None);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT partner_id, data FROM summaries ORDER BY partner_id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::with_capacity(partners.len());
        let mut expected = partners.iter();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let Ok(blob) = row.get_ref(1)?.as_blob() else {
                return Ok(None);
            };
            let Ok(summary) = postcard::from_bytes::<PartnerSummary>(blob) else {
                return Ok(None);
            };
            if expected.next().map(|p| p.id) != Some(id) || summary.id != id {
                return Ok(None);
            }
            out.push(summary);
        }
        Ok((out.len() == partners.len()).then_some(out))
    }

    /// Replace the cache with `summaries`, valid under `key`.
    fn save_summaries(
        &mut self,
        key: &str,
        summaries: &[PartnerSummary],
    ) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        tx.execute("DELETE FROM summaries", [])?;
        {
            let mut stmt =
                tx.prepare_cached("INSERT INTO summaries (partner_id, data) VALUES (?1, ?2)")?;
            for s in summaries {
                stmt.execute(params![s.id, encode(s)?])?;
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('summaries_key', ?1) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Start an edit from the cockpit: one transaction holding the write
    /// lock, so nothing else changes the book until [`Store::end_edit`].
    /// Returns whether the summary cache was current when the edit began.
    ///
    /// # Errors
    /// When the book is locked or `SQLite` fails.
    pub fn begin_edit(
        &mut self,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<bool, StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(self.meta("summaries_key")?.as_deref() == Some(key(today, cfg).as_str()))
    }

    /// Within an edit: store one partner's new summary, and if the cache was
    /// current when the edit began, mark it current again (this edit is the
    /// only change since, and this summary covers it).
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn save_summary(
        &mut self,
        today: NaiveDate,
        cfg: &ProgramConfig,
        summary: &PartnerSummary,
        was_current: bool,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO summaries (partner_id, data) VALUES (?1, ?2) \
             ON CONFLICT(partner_id) DO UPDATE SET data = excluded.data",
            params![summary.id, encode(summary)?],
        )?;
        if was_current {
            self.conn.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'summaries_key'",
                [key(today, cfg)],
            )?;
        }
        Ok(())
    }

    /// Finish an edit: commit it, or roll it back.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn end_edit(&mut self, commit: bool) -> Result<(), StoreError> {
        self.conn
            .execute_batch(if commit { "COMMIT" } else { "ROLLBACK" })?;
        Ok(())
    }
}

fn encode(summary: &PartnerSummary) -> Result<Vec<u8>, StoreError> {
    postcard::to_stdvec(summary).map_err(|e| StoreError::BadValue {
        table: "summaries",
        column: "data",
        reason: e.to_string(),
    })
}
