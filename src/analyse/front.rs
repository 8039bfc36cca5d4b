//! What the cockpit shows first (docs/architecture.md, "The first frame"):
//! a list row per partner, read from the cache when it is current, else
//! made by scoring the book and saving the cache. Today's lines and the
//! tier statuses come with the rows only when there is no cache to read
//! them from later (it could not be saved), and Today's lines when the
//! cockpit's scoring thread asks for them; otherwise the cockpit reads them
//! when a screen first needs them, and a partner's full summary when the
//! partner is opened.

use chrono::NaiveDate;

use super::lines::PackedLines;
use super::{Analysed, Progress, save_new_facts, score, use_facts};
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
    /// Every partner's Today lines (aligned with `rows`), kept encoded,
    /// when in hand.
    pub today: Option<PackedLines>,
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
        let rows: Vec<ListRow> = analysed
            .partners
            .iter()
            .zip(&analysed.summaries)
            .map(|(p, s)| ListRow::of(p, s))
            .collect();
        let (today, tiers): (Vec<_>, _) = analysed
            .summaries
            .into_iter()
            .map(|s| (s.today, s.tier))
            .unzip();
        Front {
            today: PackedLines::of_entries(&rows, &today),
            rows,
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

/// [`front`], with every partner's Today lines when `with_today` (for
/// Today's first frame): read in the same pass as the rows.
///
/// # Errors
/// When the book cannot be read.
pub fn front_with_today(
    store: &mut Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<Front, StoreError> {
    front_with(store, today, cfg, &Progress::default(), true)
}

/// [`front`], counting the partners scored in `progress`; with
/// `with_today` the front comes with its Today lines: read with the rows
/// from the cache, in one pass over them, or kept from a book scored now
/// (the cockpit shows Today first: decoding them on the scoring thread
/// reuses the memory the scoring freed).
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
    // Each partner's lines as its row is read (a partner's lines that do
    // not decode leave them all to be read when Today is shown).
    let mut packed = with_today.then(PackedLines::default);
    let mut each = |partner: usize, row: &ListRow, blob: &[u8]| {
        if packed
            .as_mut()
            .is_some_and(|p| p.push_encoded(partner, row, blob).is_none())
        {
            packed = None;
        }
    };
    let lines: Option<crate::store::book_store::LinesWithRows<'_>> =
        if with_today { Some(&mut each) } else { None };
    let rows = store
        .cached_rows(&key(today, cfg), lines)
        .map_err(|e| e.in_book(&shown))?;
    if let Some(rows) = rows {
        return Ok(Front {
            rows,
            today: packed,
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
///
/// Where the book has a reader per core, the partners are scored on
/// those threads while this one writes the cache as the entries come
/// ([`saved_as_made`]): the save no longer waits for the scoring, and an
/// entry is dropped once written.
fn score_for_screens(
    store: &mut Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    progress: &Progress,
    with_today: bool,
) -> Result<Front, StoreError> {
    let before = store.change_token()?;
    let ids = store.partner_ids()?;
    let use_facts = use_facts(store)?;
    progress.start(ids.len());
    let how = score::How {
        today,
        cfg,
        use_facts,
        progress,
        keep: |p, s| CacheEntry::with_row(&p, s),
    };
    let key = key(today, cfg);
    let readers = if store.capabilities().keeps_cache {
        score::readers_for_all(store, ids.len())?
    } else {
        None
    };
    let made = match readers {
        Some(readers) => saved_as_made(store, readers, &ids, &how, &key, before, with_today)?,
        None => None,
    };
    let Made {
        rows,
        unsaved,
        lines,
    } = if let Some(made) = made {
        made
    } else {
        let partners = store.load_partners()?;
        saved_when_made(store, partners, &how, &key, before, with_today)?
    };
    let front = match unsaved {
        // Not saved: there is no cache to read the rest from later.
        Some(entries) => Front {
            tiers: Some(decode_all(&entries, CacheEntry::tier)?),
            today: PackedLines::of_entries(&rows, &decode_all(&entries, CacheEntry::today)?),
            rows,
            cached: false,
            coverage: cfg.coverage,
        },
        None => Front {
            today: lines
                .map(|l| decode_all(&l, CacheEntry::today))
                .transpose()?
                .and_then(|l| PackedLines::of_entries(&rows, &l)),
            tiers: None,
            rows,
            cached: false,
            coverage: cfg.coverage,
        },
    };
    crate::memory::release_freed();
    Ok(front)
}

/// What a scoring run leaves for the front, each by id.
struct Made {
    rows: Vec<ListRow>,
    /// Every entry, when they could not be saved.
    unsaved: Option<Vec<CacheEntry>>,
    /// Each partner's encoded Today lines, when asked for.
    lines: Option<Vec<CacheEntry>>,
}

/// Score `partners` on the `readers`' threads while this thread writes
/// each cache entry as it comes and keeps only its row (and its Today
/// lines, `with_today`). None when the entries could not be saved after
/// some were taken (then the book is scored again, held whole).
fn saved_as_made(
    store: &mut Store,
    readers: Vec<Store>,
    ids: &[i64],
    how: &score::How<'_, (CacheEntry, ListRow)>,
    key: &str,
    before: i64,
    with_today: bool,
) -> Result<Option<Made>, StoreError> {
    let total = ids.len();
    let mut rows = Vec::with_capacity(total);
    let mut lines = Vec::new();
    let ((saved, unsaved), new_facts) = score::as_made(readers, ids, how, |made| {
        let mut entries = made.map(|(_, (entry, row))| {
            rows.push(row);
            if with_today {
                lines.push(entry.today_only());
            }
            entry
        });
        let saved = store.save_entries(key, before, &mut entries);
        // Not saved: nothing was taken (the lock is taken first), so
        // every entry is held instead.
        let unsaved: Vec<CacheEntry> = match saved {
            Ok(true) => Vec::new(),
            _ => entries.collect(),
        };
        (saved, unsaved)
    })?;
    how.progress.saving();
    let saved = not_busy(saved)?;
    if saved {
        save_new_facts(store, &new_facts)?;
    } else if unsaved.len() != total {
        return Ok(None);
    }
    // The parts came interleaved; within a part, partners scored from
    // their history came last.
    rows.sort_by_key(|r: &ListRow| r.id);
    lines.sort_by_key(|e: &CacheEntry| e.id);
    let unsaved = (!saved).then(|| {
        let mut unsaved = unsaved;
        unsaved.sort_by_key(|e| e.id);
        unsaved
    });
    Ok(Some(Made {
        rows,
        unsaved,
        lines: with_today.then_some(lines),
    }))
}

/// Score `partners` (on this thread, or held whole on reader threads),
/// then save the entries.
fn saved_when_made(
    store: &mut Store,
    partners: Vec<crate::domain::book::Partner>,
    how: &score::How<'_, (CacheEntry, ListRow)>,
    key: &str,
    before: i64,
    with_today: bool,
) -> Result<Made, StoreError> {
    let scored = score::all(store, partners, how)?;
    how.progress.saving();
    let (entries, rows): (Vec<CacheEntry>, Vec<ListRow>) = scored.kept.into_iter().unzip();
    let saved = store.capabilities().keeps_cache
        && not_busy(store.save_entries(key, before, &mut entries.iter().cloned()))?;
    if saved {
        save_new_facts(store, &scored.new_facts)?;
    }
    let lines = with_today.then(|| entries.iter().map(CacheEntry::today_only).collect());
    Ok(Made {
        rows,
        unsaved: (!saved).then_some(entries),
        lines,
    })
}

/// Saved (true) or not; a busy book is not saved, not an error.
fn not_busy(saved: Result<bool, StoreError>) -> Result<bool, StoreError> {
    match saved {
        Err(StoreError::Busy) => Ok(false),
        other => other,
    }
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
    let mut lines = vec![Vec::new(); rows.len()];
    let read = each_cached_today(store, today, cfg, rows, |partner, blob| {
        lines[partner] = postcard::from_bytes(blob).ok()?;
        Some(())
    })?;
    Ok(read.then_some(lines))
}

/// Each partner's cached Today lines, aligned with `rows` (by id), kept
/// encoded with what Today orders them by ([`PackedLines`]); None when the
/// cache is no longer current for `today` and `cfg`.
///
/// # Errors
/// When the book cannot be read.
pub fn today_packed(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    rows: &[ListRow],
) -> Result<Option<PackedLines>, StoreError> {
    let mut packed = PackedLines::default();
    let read = each_cached_today(store, today, cfg, rows, |partner, blob| {
        packed.push_encoded(partner, &rows[partner], blob)
    })?;
    Ok(read.then_some(packed))
}

/// Each partner's cached Today lines (encoded) with its index in `rows`;
/// false when the cache is not current, a partner's lines are refused, or
/// a partner has lines the rows lack (the book changed since they were
/// read).
fn each_cached_today(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    rows: &[ListRow],
    mut each: impl FnMut(usize, &[u8]) -> Option<()>,
) -> Result<bool, StoreError> {
    let mut next = 0;
    store.cached_today(&key(today, cfg), &mut |id, blob| {
        while rows.get(next).is_some_and(|r| r.id != id) {
            next += 1;
        }
        if next == rows.len() {
            return false;
        }
        next += 1;
        each(next - 1, blob).is_some()
    })
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
