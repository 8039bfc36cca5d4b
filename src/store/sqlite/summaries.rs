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
use crate::domain::summary::PartnerSummary;

/// Bump when the stored summary layout (or what the rules put in it) changes.
const LAYOUT: u32 = 3;

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
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn cached_summaries(
        &self,
        key: &str,
        partners: &[Partner],
    ) -> Result<Option<Vec<PartnerSummary>>, StoreError> {
        if self.meta("summaries_key")?.as_deref() != Some(key) {
            return Ok(None);
        }
        // Decoded row by row as SQLite steps, so the blobs are never all
        // held beside their summaries (28 MB more at 50,000 partners).
        let mut stmt = self
            .conn
            .prepare_cached("SELECT partner_id, data FROM summaries ORDER BY partner_id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::with_capacity(partners.len());
        let mut expected = partners.iter();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let blob = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            let decoded = postcard::from_bytes::<PartnerSummary>(blob)
                .ok()
                .filter(|s| s.id == id);
            match (expected.next(), decoded) {
                (Some(p), Some(summary)) if p.id == id => out.push(summary),
                // Another partner list, or a summary this build cannot read.
                _ => return Ok(None),
            }
        }
        Ok((out.len() == partners.len()).then_some(out))
    }

    /// Replace the cache with `summaries`, valid under `key`.
    ///
    /// # Errors
    /// `Busy` when another program is writing; else only if the engine fails.
    pub fn save_summaries(
        &mut self,
        key: &str,
        summaries: &[PartnerSummary],
    ) -> Result<(), StoreError> {
        self.rebuildable_write(|tx| {
            // Rows are replaced in place rather than all deleted first
            // (emptying the table costs as much as writing it again);
            // what is left of partners deleted meanwhile goes.
            tx.execute(
                "DELETE FROM summaries WHERE partner_id NOT IN (SELECT id FROM partners)",
                [],
            )?;
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO summaries (partner_id, data) VALUES (?1, ?2)",
            )?;
            for s in summaries {
                stmt.execute(params![s.id, encode(s)?])?;
            }
            super::set_meta(tx, "summaries_key", key)?;
            Ok(())
        })
    }
}

pub(super) fn encode(summary: &PartnerSummary) -> Result<Vec<u8>, StoreError> {
    postcard::to_stdvec(summary).map_err(|e| StoreError::BadValue {
        table: "summaries",
        column: "data",
        reason: e.to_string(),
    })
}
