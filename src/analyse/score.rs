//! Scoring every partner: from its facts blob when the book has one, from
//! its full history otherwise (then the blob is made for next time).
//!
//! The partners are split into as many contiguous parts as there are cores
//! (at most four), each read with its own connection; a small book or a
//! book in memory is scored on this thread, where that is quicker. Scoring
//! is worth the threads (a new day on the 10k demo book, same ratio.sh run
//! pair: 186.9 ms on one thread, 164.7 ms on two); decoding the cached
//! summaries was not, and stays on one (`store::summaries`).

use chrono::NaiveDate;

use super::Progress;
use crate::domain::analysis::summarize;
use crate::domain::book::{Partner, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::facts::facts;
use crate::domain::summary::PartnerSummary;
use crate::store::facts_codec::{decode, encode};
use crate::store::{Store, StoreError};

/// Below this many partners one thread is quicker than several.
const PARALLEL_FROM: usize = 1_000;
/// Partners whose history is read in one go when their facts are missing.
const CHUNK: usize = 500;

/// What was kept of every partner and its summary, by id, and the facts
/// blobs made on the way (to save).
pub struct Scored<T> {
    pub kept: Vec<T>,
    pub new_facts: Vec<(i64, Vec<u8>)>,
}

/// What to keep of each partner and its summary as the summary is made:
/// both, or something smaller made from them (they are dropped then, so a
/// run holds only what it keeps).
pub type Keep<T> = fn(Partner, PartnerSummary) -> Result<T, StoreError>;

/// A partner of a part: still to be scored, or scored and kept.
enum Slot<T> {
    Waiting(Partner),
    Kept(T),
    /// Taken while it is scored.
    Taken,
}

/// Score `partners` (sorted by id) as of `today`, keeping `keep` of each
/// summary. With `use_facts` false every partner is scored from its full
/// history and no blob is made.
pub fn all<T: Send>(
    store: &Store,
    partners: Vec<Partner>,
    today: NaiveDate,
    cfg: &ProgramConfig,
    use_facts: bool,
    progress: &Progress,
    keep: Keep<T>,
) -> Result<Scored<T>, StoreError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut parts = split(partners, threads);
    let mut readers = Vec::new();
    if parts.len() > 1 && parts.iter().map(Vec::len).sum::<usize>() >= PARALLEL_FROM {
        for _ in 1..parts.len() {
            match store.second_reader()? {
                Some(r) => readers.push(r),
                None => break,
            }
        }
    }
    if readers.len() + 1 < parts.len() {
        // One thread after all: put the parts back together.
        parts = vec![parts.into_iter().flatten().collect()];
        readers.clear();
    }
    let mut parts = parts.into_iter();
    let mine = parts.next().unwrap_or_default();
    let how = How {
        today,
        cfg,
        use_facts,
        progress,
        keep,
    };
    let results: Vec<Result<Scored<T>, StoreError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .zip(readers)
            .map(|(part, reader)| scope.spawn(move || score_part(&reader, part, &how)))
            .collect();
        let mut out = vec![score_part(store, mine, &how)];
        out.extend(handles.into_iter().map(|h| {
            h.join().unwrap_or_else(|_| {
                Err(StoreError::Open {
                    path: store.address().to_string(),
                    source: "a reader thread failed".into(),
                })
            })
        }));
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

/// How every part is scored.
struct How<'a, T> {
    today: NaiveDate,
    cfg: &'a ProgramConfig,
    use_facts: bool,
    progress: &'a Progress,
    keep: Keep<T>,
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

/// Score one contiguous part: its facts blobs streamed in id order beside
/// the partners; the partners left without a usable blob read whole, a run
/// of neighbours at a time.
fn score_part<T>(
    store: &Store,
    part: Vec<Partner>,
    how: &How<'_, T>,
) -> Result<Scored<T>, StoreError> {
    let (today, cfg, use_facts, progress) = (how.today, how.cfg, how.use_facts, how.progress);
    let (Some(lo), Some(hi)) = (part.first().map(|p| p.id), part.last().map(|p| p.id)) else {
        return Ok(Scored {
            kept: Vec::new(),
            new_facts: Vec::new(),
        });
    };
    let mut slots: Vec<(i64, Slot<T>)> =
        part.into_iter().map(|p| (p.id, Slot::Waiting(p))).collect();
    let mut failed = None;
    if use_facts {
        let mut i = 0;
        store.each_facts(lo, hi, &mut |id, blob| {
            while i < slots.len() && slots[i].0 < id {
                i += 1;
            }
            if let Some((_, slot)) = slots.get_mut(i).filter(|s| s.0 == id) {
                if let Slot::Waiting(partner) = slot
                    && let Some(file) = decode(partner.clone(), blob)
                {
                    let Slot::Waiting(partner) = std::mem::replace(slot, Slot::Taken) else {
                        unreachable!("waiting just above")
                    };
                    match (how.keep)(partner, summarize(&file, today, cfg)) {
                        Ok(k) => *slot = Slot::Kept(k),
                        Err(e) => failed = Some(e),
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
            let file: PartnerFile = facts(file);
            if use_facts {
                new_facts.push((*id, encode(&file)));
            }
            let summary = summarize(&file, today, cfg);
            *slot = Slot::Kept((how.keep)(file.partner, summary)?);
            progress.scored(1);
        }
    }
    let kept = slots
        .into_iter()
        .filter_map(|(_, slot)| match slot {
            Slot::Kept(k) => Some(k),
            Slot::Waiting(_) | Slot::Taken => None,
        })
        .collect();
    Ok(Scored { kept, new_facts })
}

/// Runs of neighbouring partners without a summary yet, at most [`CHUNK`]
/// long: each is one contiguous range of ids, so reading it reads no
/// partner that already has one.
fn missing_runs<T>(slots: &[(i64, Slot<T>)]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, (_, slot)) in slots.iter().enumerate() {
        match (matches!(slot, Slot::Waiting(_)), start) {
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
