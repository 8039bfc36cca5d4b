//! What the cockpit shows first (docs/architecture.md, "The first frame"):
//! a list row per partner, read from the cache when it is current, else
//! made by scoring the book and saving the cache. Today's lines and the
//! tier statuses come with the rows only when there is no cache to read
//! them from later (it could not be saved), and Today's lines when the
//! cockpit's scoring thread asks for them; otherwise the cockpit reads them
//! when a screen first needs them, and a partner's full summary when the
//! partner is opened.

use chrono::NaiveDate;

use super::{Analysed, Progress, save_if_unchanged, score_book};
use crate::domain::config::ProgramConfig;
use crate::domain::coverage::Coverage;
use crate::domain::list_row::ListRow;
use crate::domain::tiers::TierStatus;
use crate::domain::today::TriageEntry;
use crate::store::cache::{CacheEntry, key};
use crate::store::{Store, StoreError};

/// The partners as the lists show them, and what is already in hand of
/// the rest.
#[derive(Debug, Clone, Default)]
pub struct Front {
    /// One row per partner, by id.
    pub rows: Vec<ListRow>,
    /// Each partner's Today lines (same index as `rows`), when in hand.
    pub today: Option<Vec<Vec<TriageEntry>>>,
    /// Each partner's tier status (same index as `rows`), when in hand.
    pub tiers: Option<Vec<TierStatus>>,
    /// Were the rows read from the cache (rather than computed)?
    pub cached: bool,
    /// What the book records, which the rows were scored under.
    pub coverage: Coverage,
}

impl Front {
    /// Everything of an analysis held in memory.
    #[must_use]
    pub fn of(analysed: Analysed) -> Front {
        let rows = analysed
            .partners
            .iter()
            .zip(&analysed.summaries)
            .map(|(p, s)| ListRow::of(p, s))
            .collect();
        let (today, tiers) = analysed
            .summaries
            .into_iter()
            .map(|s| (s.today, s.tier))
            .unzip();
        Front {
            rows,
            today: Some(today),
            tiers: Some(tiers),
            cached: analysed.cached,
            coverage: analysed.coverage,
        }
    }
}

/// The front of the book as of `today`: the cached rows when the cache is
/// current, else every partner scored (and cached, where the book may be
/// written).
///
/// # Errors
/// When the book cannot be read.
pub fn front(
    store: &mut Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<Front, StoreError> {
    front_with(store, today, cfg, &Progress::default(), false)
}

/// [`front`], counting the partners scored in `progress`; with
/// `with_today` a book scored now comes with its Today lines (the cockpit
/// shows Today first: decoding them on the scoring thread reuses the
/// memory the scoring freed).
pub(super) fn front_with(
    store: &mut Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    progress: &Progress,
    with_today: bool,
) -> Result<Front, StoreError> {
    let shown = store.address().to_string();
    let coverage = store.coverage().map_err(|e| e.in_book(&shown))?;
    let cfg = &cfg.clone().for_book(coverage);
    if let Some(rows) = store
        .cached_rows(&key(today, cfg))
        .map_err(|e| e.in_book(&shown))?
    {
        return Ok(Front {
            rows,
            today: None,
            tiers: None,
            cached: true,
            coverage,
        });
    }
    score_for_screens(store, today, cfg, progress, with_today).map_err(|e| e.in_book(&shown))
}

/// Score the book keeping each summary only encoded, as the cache stores
/// it (the summaries of 50,000 partners held whole would be over 80 MB),
/// and save that. Once saved, the front is the rows (and Today's lines if
/// asked for), and the rest is read from the cache when shown; when it
/// could not be saved (a book opened read-only, or busy, or changed
/// meanwhile), the rows, Today's lines and the tier statuses all come
/// decoded.
fn score_for_screens(
    store: &mut Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    progress: &Progress,
    with_today: bool,
) -> Result<Front, StoreError> {
    let before = store.change_token()?;
    let partners = store.load_partners()?;
    let scored = score_book(store, partners, today, cfg, progress, |p, s| {
        CacheEntry::of(&p, s)
    })?;
    let mut entries = scored.kept;
    let key = key(today, cfg);
    progress.saving();
    let saved = save_if_unchanged(store, before, &scored.new_facts, |s| {
        s.save_entries(&key, &entries)
    })?;
    let tiers = if saved {
        None
    } else {
        Some(decode_all(&entries, CacheEntry::tier)?)
    };
    // Each part decoded once the bytes before it are dropped: the rows
    // then take the room the summaries left (at 50,000 partners, a peak
    // 20 MB lower than making the rows while scoring).
    entries.iter_mut().for_each(CacheEntry::drop_summary);
    let rows = decode_all(&entries, CacheEntry::row)?;
    entries.iter_mut().for_each(CacheEntry::drop_row);
    let today = if saved && !with_today {
        None
    } else {
        Some(decode_all(&entries, CacheEntry::today)?)
    };
    drop(entries);
    crate::memory::release_freed();
    Ok(Front {
        rows,
        today,
        tiers,
        cached: false,
        coverage: cfg.coverage,
    })
}

/// One part of every entry, decoded.
fn decode_all<T>(
    entries: &[CacheEntry],
    part: fn(&CacheEntry) -> Option<T>,
) -> Result<Vec<T>, StoreError> {
    entries
        .iter()
        .map(part)
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| StoreError::BadValue {
            table: "list_rows",
            column: "today",
            reason: "an entry just made does not decode".into(),
        })
}

/// Each partner's cached Today lines, aligned with `rows` (by id); None
/// when the cache is no longer current for `today` and `cfg`.
///
/// # Errors
/// When the book cannot be read.
pub fn today_lines(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    rows: &[ListRow],
) -> Result<Option<Vec<Vec<TriageEntry>>>, StoreError> {
    let Some(found) = store.cached_today(&key(today, cfg))? else {
        return Ok(None);
    };
    let mut found = found.into_iter().peekable();
    let lines: Vec<Vec<TriageEntry>> = rows
        .iter()
        .map(|r| {
            found
                .next_if(|(id, _)| *id == r.id)
                .map(|(_, l)| l)
                .unwrap_or_default()
        })
        .collect();
    // A partner the rows lack: the book changed since they were read.
    Ok(found.peek().is_none().then_some(lines))
}

/// Each partner's cached tier status, aligned with `rows` (by id); None
/// when the cache is no longer current or lacks a partner of `rows`.
///
/// # Errors
/// When the book cannot be read.
pub fn tier_statuses(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    rows: &[ListRow],
) -> Result<Option<Vec<TierStatus>>, StoreError> {
    let Some(found) = store.cached_tiers(&key(today, cfg))? else {
        return Ok(None);
    };
    let same = found.len() == rows.len() && found.iter().zip(rows).all(|((id, _), r)| *id == r.id);
    Ok(same.then(|| found.into_iter().map(|(_, tier)| tier).collect()))
}
