//! The analysis layer: every rule applied to every partner, and the policy
//! of how (docs/architecture.md, "How the book becomes summaries").
//!
//! The store keeps three things and only keeps them: the records, each
//! partner's facts (`domain::facts`, one blob per partner, dropped by
//! trigger when a record of the partner changes) and the summary cache
//! under a key of date, config and version. This layer decides what to read
//! and compute: the cache when it is current; else, for a new day, every
//! partner scored from its facts blob, reading the full history only of
//! the partners whose blob is missing — and then saves what it made.

mod background;
mod front;
mod lines;
mod program;
mod score;

pub use background::{Pending, Progress};
pub use front::{Front, front, front_with_today, tier_statuses, today_lines, today_packed};
pub use lines::PackedLines;
pub use program::{ProgramPending, program_kept, program_metrics, program_report};

use chrono::NaiveDate;

use crate::domain::book::Partner;
use crate::domain::config::ProgramConfig;
use crate::domain::summary::PartnerSummary;
use crate::store::cache::key;
use crate::store::facts_codec;
use crate::store::{Store, StoreError};

/// The partners and what the rules say about each, aligned by index.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    pub partners: Vec<Partner>,
    pub summaries: Vec<PartnerSummary>,
    /// Were the summaries read from the cache (rather than computed)?
    pub cached: bool,
    /// What the book records, which the summaries were made under.
    pub coverage: crate::domain::coverage::Coverage,
}

/// Which facts blobs a book holds: the codec's layout, the choice of facts
/// (`domain::facts::CHOICE`) and the version of partnerdeck (any new one
/// may keep more, so its first open rebuilds them).
#[must_use]
pub fn facts_stamp() -> String {
    format!(
        "facts{}.{}|{}",
        facts_codec::LAYOUT,
        crate::domain::facts::CHOICE,
        env!("CARGO_PKG_VERSION")
    )
}

/// `store.analyse(today, cfg)`: the analysis of an open book, read as a
/// method of the store for the callers' sake while living in this layer.
pub trait Analyse {
    /// The partners and their summaries as of `today`: from the cache when
    /// it is current, else scored (from facts where the book has them) and
    /// cached.
    ///
    /// # Errors
    /// When the book cannot be read.
    fn analyse(&mut self, today: NaiveDate, cfg: &ProgramConfig) -> Result<Analysed, StoreError>;
}

impl Analyse for Store {
    fn analyse(&mut self, today: NaiveDate, cfg: &ProgramConfig) -> Result<Analysed, StoreError> {
        let shown = self.address().to_string();
        analyse_now(self, today, cfg, &Progress::default()).map_err(|e| e.in_book(&shown))
    }
}

/// Are the book's cached summaries current for `today` and `cfg` (so
/// analysing it is a quick read)?
///
/// # Errors
/// Only if the book cannot be read.
pub fn is_current(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<bool, StoreError> {
    let cfg = &cfg.clone().for_book(store.coverage()?);
    Ok(store.meta("summaries_key")?.as_deref() == Some(key(today, cfg).as_str()))
}

fn analyse_now(
    store: &mut Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    progress: &Progress,
) -> Result<Analysed, StoreError> {
    let coverage = store.coverage()?;
    let cfg = &cfg.clone().for_book(coverage);
    let key = key(today, cfg);
    // Taken before anything is read: a commit by another program from here
    // on (a partner row changed after it was read, say) means what is
    // scored below is not saved as current.
    let before = store.change_token()?;
    let (cached, partners) = store.snapshot(|s| {
        let partners = s.load_partners()?;
        Ok((s.cached_summaries(&key, &partners)?, partners))
    })?;
    if let Some(summaries) = cached {
        return Ok(Analysed {
            partners,
            summaries,
            cached: true,
            coverage,
        });
    }
    let how = score::How {
        today,
        cfg,
        use_facts: use_facts(store)?,
        progress,
        keep: |p, s| Ok((p, s)),
    };
    progress.start(partners.len());
    let scored = score::all(store, partners, &how)?;
    let (partners, summaries): (Vec<_>, Vec<_>) = scored.kept.into_iter().unzip();
    save_if_unchanged(store, before, &scored.new_facts, |s| {
        s.save_summaries(&key, &partners, &summaries)
    })?;
    Ok(Analysed {
        partners,
        summaries,
        cached: false,
        coverage,
    })
}

/// Whether the book's facts blobs can be scored from: they are rebuilt
/// first (dropped, then made as partners are scored) when of another
/// stamp.
fn use_facts(store: &mut Store) -> Result<bool, StoreError> {
    let stamp = facts_stamp();
    if store.capabilities().keeps_cache
        && store.meta("facts_stamp")?.as_deref() != Some(stamp.as_str())
    {
        ignore_busy(store.reset_facts(&stamp))?;
    }
    Ok(store.meta("facts_stamp")?.as_deref() == Some(stamp.as_str()))
}

/// Save the facts blobs made while scoring and the cache (`save`), unless
/// another program changed the book since `before` (then the next open
/// does it). A book another program is writing to can still be read, so a
/// busy book just skips saving this time; a book opened read-only is never
/// written. Whether the cache was saved.
fn save_if_unchanged(
    store: &mut Store,
    before: i64,
    new_facts: &[(i64, Vec<u8>)],
    save: impl FnOnce(&mut Store) -> Result<(), StoreError>,
) -> Result<bool, StoreError> {
    if !store.capabilities().keeps_cache || store.change_token()? != before {
        return Ok(false);
    }
    save_new_facts(store, new_facts)?;
    match save(store) {
        Ok(()) => Ok(true),
        Err(StoreError::Busy) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Save the facts blobs made while scoring, if the book still holds
/// blobs of this stamp; a busy book skips it (the next open makes them).
fn save_new_facts(store: &mut Store, new_facts: &[(i64, Vec<u8>)]) -> Result<(), StoreError> {
    let stamp = facts_stamp();
    if !new_facts.is_empty() && store.meta("facts_stamp")?.as_deref() == Some(stamp.as_str()) {
        ignore_busy(store.save_facts(new_facts))?;
    }
    Ok(())
}

fn ignore_busy(r: Result<(), StoreError>) -> Result<(), StoreError> {
    match r {
        Ok(()) | Err(StoreError::Busy) => Ok(()),
        Err(e) => Err(e),
    }
}
