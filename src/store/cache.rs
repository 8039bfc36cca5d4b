//! The summary cache, engine-neutral: its key and its entries as every
//! engine stores them (docs/architecture.md, "How the book becomes
//! summaries").
//!
//! The summaries only change when the book, the date, the config or
//! partnerdeck itself changes. So they are kept in the `summaries` table
//! under a key naming the last three (`meta.summaries_key`). Any change to
//! the book's records sets the key to `stale` (by trigger, so edits made
//! with other tools count too). When to read, compute and save them is the
//! analysis layer's policy (`crate::analyse`); this is persistence only.

use std::fmt::Write as _;

use super::StoreError;
use crate::domain::book::Partner;
use crate::domain::config::ProgramConfig;
use crate::domain::list_row::ListRow;
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;
use crate::domain::today::TriageEntry;
use chrono::NaiveDate;

/// Bump when the stored summary layout (or what the rules put in it) changes.
const LAYOUT: u32 = 6;

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

/// One partner's entry in the cache, encoded as it is stored: its
/// summary, its list row and its Today lines (None when it has none).
#[derive(Debug, Clone)]
pub struct CacheEntry {
    pub id: i64,
    pub(crate) summary: Vec<u8>,
    pub(crate) row: Vec<u8>,
    pub(crate) today: Option<Vec<u8>>,
}

impl CacheEntry {
    /// The entry of `partner`, from its summary. The summary is stored
    /// without its Today lines, which are stored once, beside the row.
    ///
    /// # Errors
    /// When a value cannot be encoded.
    pub fn of(partner: &Partner, summary: PartnerSummary) -> Result<CacheEntry, StoreError> {
        Self::with_row(partner, summary).map(|(entry, _)| entry)
    }

    /// [`CacheEntry::of`], and the list row it holds, not encoded.
    ///
    /// # Errors
    /// When a value cannot be encoded.
    pub fn with_row(
        partner: &Partner,
        mut summary: PartnerSummary,
    ) -> Result<(CacheEntry, ListRow), StoreError> {
        let list_row = ListRow::of(partner, &summary);
        let row = to_bytes(&list_row, "list_rows", "row")?;
        let lines = std::mem::take(&mut summary.today);
        let today = if lines.is_empty() {
            None
        } else {
            Some(to_bytes(&lines, "list_rows", "today")?)
        };
        let entry = CacheEntry {
            id: summary.id,
            row,
            summary: to_bytes(&summary, "summaries", "data")?,
            today,
        };
        Ok((entry, list_row))
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

    /// Only the Today lines of this entry (kept when the rest is written).
    #[must_use]
    pub fn today_only(&self) -> CacheEntry {
        CacheEntry {
            id: self.id,
            summary: Vec::new(),
            row: Vec::new(),
            today: self.today.clone(),
        }
    }
}

/// `value` encoded for `table.column`, in a buffer of its exact size
/// (encoded in a scratch buffer kept per thread, so the bytes are copied
/// once rather than grown by doubling: a scoring run holds 50,000 of them).
pub(crate) fn to_bytes<T: serde::Serialize>(
    value: &T,
    table: &'static str,
    column: &'static str,
) -> Result<Vec<u8>, StoreError> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        postcard::serialize_with_flavor(value, Scratch(scratch)).map_err(|e| {
            StoreError::BadValue {
                table,
                column,
                reason: e.to_string(),
            }
        })?;
        Ok(scratch.as_slice().to_vec())
    })
}

/// Postcard's output pushed straight onto a buffer: the same bytes as
/// through `std::io::Write`, without a call to copy each byte (the cache
/// entries of a new day are made of millions of one-byte fields).
struct Scratch<'a>(&'a mut Vec<u8>);

impl postcard::ser_flavors::Flavor for Scratch<'_> {
    type Output = ();

    #[inline]
    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.0.push(data);
        Ok(())
    }

    #[inline]
    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        self.0.extend_from_slice(data);
        Ok(())
    }

    fn finalize(self) -> postcard::Result<()> {
        Ok(())
    }
}

/// A cached summary as stored (`summaries.data`) with its Today lines
/// (`list_rows.today`), if it is partner `id`'s and this build reads it.
pub(crate) fn decode_summary(id: i64, data: &[u8], today: Option<&[u8]>) -> Option<PartnerSummary> {
    let mut summary = postcard::from_bytes::<PartnerSummary>(data).ok()?;
    if let Some(today) = today {
        summary.today = postcard::from_bytes(today).ok()?;
    }
    (summary.id == id).then_some(summary)
}

/// A cached list row (`list_rows.row`), if it is partner `id`'s.
pub(crate) fn decode_row(id: i64, blob: &[u8]) -> Option<ListRow> {
    postcard::from_bytes::<ListRow>(blob)
        .ok()
        .filter(|r| r.id == id)
}

/// The tier status of a cached summary, if it is partner `id`'s (the rest
/// of the summary is dropped at once).
pub(crate) fn decode_tier(id: i64, data: &[u8]) -> Option<(i64, TierStatus)> {
    let summary = postcard::from_bytes::<PartnerSummary>(data).ok()?;
    (summary.id == id).then_some((id, summary.tier))
}
