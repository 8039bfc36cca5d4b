//! Scoring every partner: from its facts blob when the book has one, from
//! its full history otherwise (then the blob is made for next time).
//!
//! The partners are split into as many contiguous parts as there are cores
//! (at most four), each read with its own connection; a small book or a
//! book in memory is scored on this thread, where that is quicker. Scoring
//! is worth the threads (a new day on the 10k demo book, same ratio.sh run
//! pair: 186.9 ms on one thread, 164.7 ms on two); decoding the cached
//! summaries was not, and stays on one (`store::summaries`).
//!
//! [`all`] hands back what was kept of every partner at the end;
//! [`as_made`] hands it to this thread while the parts are still being
//! scored (a new day writes the cache as it is made).

use chrono::NaiveDate;

use super::Progress;
use crate::domain::analysis::summarize;
use crate::domain::book::{Partner, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::facts::facts;
use crate::domain::summary::PartnerSummary;
use crate::store::facts_codec::{decode_taking, encode};
use crate::store::{Store, StoreError};

/// Below this many partners one thread is quicker than several.
const PARALLEL_FROM: usize = 1_000;
/// Partners whose history is read in one go when their facts are missing.
const CHUNK: usize = 500;

/// What was kept of every partner and its summary, by id, and the facts
/// blobs made on the way (to save).
pub struct Scored<T> {
    pub kept: Vec<T>,
    pub new_facts: NewFacts,
}

/// The facts blobs made while scoring (of partners that had none), by id.
pub type NewFacts = Vec<(i64, Vec<u8>)>;

/// What to keep of each partner and its summary as the summary is made:
/// both, or something smaller made from them (they are dropped then, so a
/// run holds only what it keeps).
pub type Keep<T> = fn(Partner, PartnerSummary) -> Result<T, StoreError>;

/// Score `partners` (sorted by id) as of `today`, keeping `keep` of each
/// summary. With `use_facts` false every partner is scored from its full
/// history and no blob is made.
pub fn all<T: Send>(
    store: &Store,
    partners: Vec<Partner>,
    how: &How<'_, T>,
) -> Result<Scored<T>, StoreError> {
    let threads = threads();
    let mut parts = split(partners, threads);
    let mut readers = if parts.len() > 1 {
        readers(store, parts.len() - 1, parts.iter().map(Vec::len).sum())?
    } else {
        Vec::new()
    };
    if readers.len() + 1 < parts.len() {
        // One thread after all: put the parts back together.
        parts = vec![parts.into_iter().flatten().collect()];
        readers.clear();
    }
    let mut parts = parts.into_iter();
    let mine = parts.next().unwrap_or_default();
    let results: Vec<Result<Scored<T>, StoreError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .zip(readers)
            .map(|(part, reader)| scope.spawn(move || collected(&reader, part, how)))
            .collect();
        let mut out = vec![collected(store, mine, how)];
        let book = store.address().to_string();
        out.extend(handles.into_iter().map(|h| joined(&book, h)));
        out
    });
    let mut all = Scored {
        kept: Vec::new(),
        new_facts: Vec::new(),
    };
    for part in results {
        let part = part?;
        all.kept.extend(part.kept);
        all.new_facts.extend(part.new_facts);
    }
    Ok(all)
}

/// Score the partners `ids` (sorted) on `readers.len()` threads, one
/// contiguous part each, each thread reading its part's partners itself,
/// and hand `consume` (on this thread) what is kept
/// of each partner, with its id, as it is made: the parts' partners come
/// interleaved and, within a part, those scored from their history after
/// the others. What `consume` returns, and the facts blobs made on the
/// way. A `consume` that stops early stops the threads.
pub fn as_made<T: Send, R>(
    readers: Vec<Store>,
    ids: &[i64],
    how: &How<'_, T>,
    consume: impl FnOnce(&mut dyn Iterator<Item = (i64, T)>) -> R,
) -> Result<(R, NewFacts), StoreError> {
    /// Made values go to `consume` this many at a time.
    const BATCH: usize = 256;
    let size = ids.len().div_ceil(readers.len().max(1)).max(1);
    let parts: Vec<(i64, i64)> = ids.chunks(size).map(|c| (c[0], c[c.len() - 1])).collect();
    let book = readers
        .first()
        .map(|r| r.address().to_string())
        .unwrap_or_default();
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(i64, T)>>(16);
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .zip(readers)
            .map(|((lo, hi), reader)| {
                let send = send.clone();
                scope.spawn(move || {
                    let part = reader.load_partners_between(lo, hi)?;
                    let mut batch = Vec::with_capacity(BATCH);
                    let mut stopped = false;
                    let scored = score_part(&reader, part, how, &mut |id, kept| {
                        batch.push((id, kept));
                        if batch.len() == BATCH {
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            if send.send(full).is_err() {
                                stopped = true;
                                return Err(StoreError::Busy); // out of the loop
                            }
                        }
                        Ok(())
                    });
                    match scored {
                        // `consume` stopped: what it returns says why.
                        _ if stopped => Ok(Vec::new()),
                        Ok(new_facts) => {
                            let _ = send.send(batch);
                            Ok(new_facts)
                        }
                        Err(e) => Err(e),
                    }
                })
            })
            .collect();
        drop(send);
        let mut made = receive.iter().flatten();
        let out = consume(&mut made);
        // Dropping what is left lets a thread blocked on a full channel
        // see it closed and stop.
        drop(made);
        let mut new_facts = Vec::new();
        for h in handles {
            new_facts.extend(joined(&book, h)?);
        }
        Ok((out, new_facts))
    })
}

/// How many threads score a book: the cores, at most four.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// `n` more connections to the book for scoring `partners` partners on
/// other threads; none when the book is small (one thread is quicker) or
/// the engine has fewer (then one thread does it all).
///
/// # Errors
/// When the book cannot be opened again.
pub fn readers(store: &Store, n: usize, partners: usize) -> Result<Vec<Store>, StoreError> {
    let mut readers = Vec::new();
    if partners < PARALLEL_FROM {
        return Ok(readers);
    }
    for _ in 0..n {
        match store.second_reader()? {
            Some(r) => readers.push(r),
            None => return Ok(Vec::new()),
        }
    }
    Ok(readers)
}

/// Enough connections to score `partners` on every core of this machine
/// while this thread does something else ([`as_made`]); None when the
/// book is small, the machine has one core, or the engine has no second
/// reader.
///
/// # Errors
/// When the book cannot be opened again.
pub fn readers_for_all(store: &Store, partners: usize) -> Result<Option<Vec<Store>>, StoreError> {
    let n = threads();
    if n < 2 {
        return Ok(None);
    }
    let readers = readers(store, n, partners)?;
    Ok((readers.len() == n).then_some(readers))
}

/// One part scored, what is kept in id order.
fn collected<T>(
    store: &Store,
    part: Vec<Partner>,
    how: &How<'_, T>,
) -> Result<Scored<T>, StoreError> {
    let mut kept = Vec::with_capacity(part.len());
    let new_facts = score_part(store, part, how, &mut |id, k| {
        kept.push((id, k));
        Ok(())
    })?;
    // Those scored from their history came after the others.
    kept.sort_by_key(|(id, _)| *id);
    Ok(Scored {
        kept: kept.into_iter().map(|(_, k)| k).collect(),
        new_facts,
    })
}

/// A scoring thread's result; its panic as an error of the book.
fn joined<R>(
    book: &str,
    handle: std::thread::ScopedJoinHandle<'_, Result<R, StoreError>>,
) -> Result<R, StoreError> {
    handle.join().unwrap_or_else(|_| {
        Err(StoreError::Open {
            path: book.to_string(),
            source: "a reader thread failed".into(),
        })
    })
}

/// How every part is scored: as of `today` under `cfg`, from the facts
/// blobs when `use_facts` (else every partner from its full history, and
/// no blob made), counting in `progress`, keeping `keep` of each summary.
pub struct How<'a, T> {
    pub today: NaiveDate,
    pub cfg: &'a ProgramConfig,
    pub use_facts: bool,
    pub progress: &'a Progress,
    pub keep: Keep<T>,
}

// Shared by the threads of one scoring run: every field is a reference,
// a plain value or a fn pointer.
impl<T> Clone for How<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for How<'_, T> {}

/// `partners` in `n` contiguous parts of near-equal size.
fn split(mut partners: Vec<Partner>, n: usize) -> Vec<Vec<Partner>> {
    let size = partners.len().div_ceil(n.max(1)).max(1);
    let mut parts = Vec::new();
    while partners.len() > size {
        let rest = partners.split_off(size);
        parts.push(std::mem::replace(&mut partners, rest));
    }
    parts.push(partners);
    parts
}

/// Score one contiguous part, handing `emit` what is kept of each partner
/// as it is made: its facts blobs streamed in id order beside the
/// partners, then the partners left without a usable blob read whole, a
/// run of neighbours at a time. The facts blobs made on the way.
fn score_part<T>(
    store: &Store,
    part: Vec<Partner>,
    how: &How<'_, T>,
    emit: &mut dyn FnMut(i64, T) -> Result<(), StoreError>,
) -> Result<Vec<(i64, Vec<u8>)>, StoreError> {
    let (today, cfg, use_facts, progress) = (how.today, how.cfg, how.use_facts, how.progress);
    let (Some(lo), Some(hi)) = (part.first().map(|p| p.id), part.last().map(|p| p.id)) else {
        return Ok(Vec::new());
    };
    let mut slots: Vec<(i64, Option<Partner>)> =
        part.into_iter().map(|p| (p.id, Some(p))).collect();
    let mut failed = None;
    if use_facts {
        let mut i = 0;
        store.each_facts(lo, hi, &mut |id, blob| {
            while i < slots.len() && slots[i].0 < id {
                i += 1;
            }
            if failed.is_some() {
                return;
            }
            if let Some((_, slot)) = slots.get_mut(i).filter(|s| s.0 == id) {
                // Left in its slot when its blob cannot be read: read from
                // its rows below.
                if let Some(file) = decode_taking(slot, blob) {
                    let summary = summarize(&file, today, cfg);
                    if let Err(e) = (how.keep)(file.partner, summary).and_then(|k| emit(id, k)) {
                        failed = Some(e);
                    }
                    progress.scored(1);
                }
                i += 1;
            }
        })?;
    }
    if let Some(e) = failed {
        return Err(e);
    }
    let mut new_facts = Vec::new();
    for run in missing_runs(&slots) {
        let files = store.load_between(slots[run.start].0, slots[run.end - 1].0)?;
        let mut files = files.into_iter().peekable();
        for (id, slot) in &mut slots[run] {
            let Some(file) = files.next_if(|f| f.partner.id == *id) else {
                continue; // deleted meanwhile by another program
            };
            *slot = None;
            let file: PartnerFile = facts(file);
            if use_facts {
                new_facts.push((*id, encode(&file)));
            }
            let summary = summarize(&file, today, cfg);
            emit(*id, (how.keep)(file.partner, summary)?)?;
            progress.scored(1);
        }
    }
    Ok(new_facts)
}

/// Runs of neighbouring partners without a summary yet, at most [`CHUNK`]
/// long: each is one contiguous range of ids, so reading it reads no
/// partner that already has one.
fn missing_runs(slots: &[(i64, Option<Partner>)]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, (_, slot)) in slots.iter().enumerate() {
        match (slot.is_some(), start) {
            (true, None) => start = Some(i),
            (true, Some(s)) if i - s == CHUNK => {
                runs.push(s..i);
                start = Some(i);
            }
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..slots.len());
    }
    runs
}
