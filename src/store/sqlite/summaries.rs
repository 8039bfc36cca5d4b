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

use super::load::{Range, load_range};
use super::open::Reader;
use super::{Store, StoreError};
use crate::domain::analysis::summarize;
use crate::domain::book::{Partner, PartnerFile};
use crate::domain::campaigns::CampaignRow;
use crate::domain::config::ProgramConfig;
use crate::domain::summary::PartnerSummary;

/// Bump when the stored summary layout (or what the rules put in it) changes.
const LAYOUT: u32 = 3;
/// Partners read per chunk when summaries are computed.
const CHUNK: usize = 500;

/// The partners and what the rules say about each, aligned by index.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub partners: Vec<Partner>,
    pub summaries: Vec<PartnerSummary>,
    /// Were the summaries read from the cache (rather than computed)?
    pub cached: bool,
    /// The campaigns list (`Store::campaign_rows`).
    pub campaigns: Vec<CampaignRow>,
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
        let shown = self.path.display().to_string();
        self.analyse_now(today, cfg).map_err(|e| e.in_book(&shown))
    }

    fn analyse_now(
        &mut self,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Analysed, StoreError> {
        let key = key(today, cfg);
        // One read transaction, so the partner list and the cache are read
        // as one snapshot even while another program writes.
        self.conn.execute_batch("BEGIN")?;
        let read = self.load_partners().and_then(|partners| {
            Ok((
                self.cached_summaries(&key, &partners)?,
                partners,
                self.campaign_rows(today)?,
            ))
        });
        let _ = self.conn.execute_batch("COMMIT");
        let (cached, partners, campaigns) = read?;
        if let Some(summaries) = cached {
            return Ok(Analysed {
                partners,
                summaries,
                cached: true,
                campaigns,
            });
        }
        drop(partners);
        let before = self.data_version()?;
        let (partners, summaries): (Vec<Partner>, Vec<PartnerSummary>) =
            self.compute(today, cfg)?.into_iter().unzip();
        // Cache only what no other program changed while it was computed; a
        // book another program is writing to can still be read, so a busy
        // book just skips caching this time. A book opened read-only is
        // never written.
        if !self.read_only && self.data_version()? == before {
            match self.save_summaries(&key, &summaries) {
                Ok(()) | Err(StoreError::Busy) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Analysed {
            partners,
            summaries,
            cached: false,
            campaigns,
        })
    }

    /// Every partner's summary from its full file, read a chunk at a time.
    /// On a book file the partners are split over the machine's cores, each
    /// reading with its own connection (the book is in WAL mode, so readers
    /// do not block each other).
    fn compute(
        &self,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Vec<(Partner, PartnerSummary)>, StoreError> {
        let ids = self.partner_ids()?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if self.path.as_os_str() == ":memory:" || threads == 1 || ids.len() < 2 * CHUNK {
            let mut summaries = Vec::with_capacity(ids.len());
            self.for_each_chunk(CHUNK, |files| {
                summaries.extend(files.into_iter().map(|f| scored(f, today, cfg)));
            })?;
            return Ok(summaries);
        }
        let reader = self.reader();
        let per_thread = ids.len().div_ceil(threads);
        let parts: Vec<Result<Vec<(Partner, PartnerSummary)>, StoreError>> =
            std::thread::scope(|scope| {
                let handles: Vec<_> = ids
                    .chunks(per_thread)
                    .map(|part| {
                        let reader = &reader;
                        scope.spawn(move || summarize_ids(reader, part, today, cfg))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| {
                            Err(StoreError::Open {
                                path: reader.path.display().to_string(),
                                source: "a reader thread failed".into(),
                            })
                        })
                    })
                    .collect()
            });
        let mut out = Vec::with_capacity(ids.len());
        for part in parts {
            out.extend(part?);
        }
        Ok(out)
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
        let rows: Vec<(i64, Vec<u8>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let same_partners = rows.len() == partners.len()
            && rows.iter().zip(partners).all(|((id, _), p)| *id == p.id);
        if !same_partners {
            return Ok(None);
        }
        Ok(decode_all(&rows))
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
}

/// A partner's record with its summary: kept together so the two can never
/// be paired wrongly.
fn scored(file: PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> (Partner, PartnerSummary) {
    let summary = summarize(&file, today, cfg);
    (file.partner, summary)
}

/// Summaries of the partners `ids` (sorted), read with a connection of
/// their own, a chunk at a time.
fn summarize_ids(
    reader: &Reader,
    ids: &[i64],
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<Vec<(Partner, PartnerSummary)>, StoreError> {
    let conn = reader.connect()?;
    let mut out = Vec::with_capacity(ids.len());
    for part in ids.chunks(CHUNK) {
        if let (Some(&lo), Some(&hi)) = (part.first(), part.last()) {
            let files = load_range(&conn, Range { lo, hi })?;
            out.extend(files.into_iter().map(|f| scored(f, today, cfg)));
        }
    }
    Ok(out)
}

/// Decode every cached summary, split over the machine's cores (decoding
/// is most of the time it takes to open a large book). None if any fails.
fn decode_all(rows: &[(i64, Vec<u8>)]) -> Option<Vec<PartnerSummary>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = rows.len().div_ceil(threads).max(1);
    let parts: Vec<Option<Vec<PartnerSummary>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(id, blob)| {
                            postcard::from_bytes::<PartnerSummary>(blob)
                                .ok()
                                .filter(|s| s.id == *id)
                        })
                        .collect::<Option<Vec<_>>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut out = Vec::with_capacity(rows.len());
    for part in parts {
        out.extend(part?);
    }
    Some(out)
}

pub(super) fn encode(summary: &PartnerSummary) -> Result<Vec<u8>, StoreError> {
    postcard::to_stdvec(summary).map_err(|e| StoreError::BadValue {
        table: "summaries",
        column: "data",
        reason: e.to_string(),
    })
}
