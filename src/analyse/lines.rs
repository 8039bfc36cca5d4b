//! Today's lines as the cache stores them (docs/architecture.md, "The
//! first frame"): every partner's lines kept encoded in one buffer, with
//! what Today orders a line by beside it. Today is put in order from those
//! small keys, and a line is decoded only when it is shown or written: at
//! 50,000 partners the lines held decoded (about 140,000 with Focus's
//! candidates) took over 100 MB.

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};

use crate::domain::list_row::ListRow;
use crate::domain::today::{LineData, SectionKind, Subject, TriageEntry};
use crate::domain::triage::LineKey;

/// Every partner's Today lines, aligned with the list rows, encoded.
#[derive(Debug, Clone, Default)]
pub struct PackedLines {
    /// The lines' bytes, one after another.
    bytes: Chunks,
    /// Each line, partner by partner in the rows' order, then in the order
    /// the partner's lines were made.
    lines: Vec<Packed>,
}

/// One line: where its bytes are, whose it is and how it sorts.
#[derive(Debug, Clone, Copy)]
struct Packed {
    rank: i64,
    start: u32,
    end: u32,
    partner: u32,
    section: SectionKind,
}

impl PackedLines {
    /// The lines of the partners `rows`, as a partner summary holds them
    /// (same index as `rows`).
    #[must_use]
    pub fn of_entries(rows: &[ListRow], lines: &[Vec<TriageEntry>]) -> Option<PackedLines> {
        let mut packed = PackedLines::default();
        for (partner, (row, entries)) in rows.iter().zip(lines).enumerate() {
            packed.append(partner, row, entries)?;
        }
        Some(packed)
    }

    /// Add `entries` as the lines of partner `partner` (shown as `row`).
    fn append(&mut self, partner: usize, row: &ListRow, entries: &[TriageEntry]) -> Option<()> {
        for entry in entries {
            let bytes = postcard::to_stdvec(entry).ok()?;
            self.push(partner, row, &Head::of(entry), &bytes)?;
        }
        Some(())
    }

    /// Add the lines of partner `partner` (its index in the rows, shown as
    /// `row`), encoded as the cache stores them (a list of entries); None
    /// when they do not decode or are another partner's.
    pub fn push_encoded(&mut self, partner: usize, row: &ListRow, blob: &[u8]) -> Option<()> {
        let (count, mut rest) = postcard::take_from_bytes::<usize>(blob).ok()?;
        for _ in 0..count {
            let (head, after) = postcard::take_from_bytes::<EntryHead<'_>>(rest).ok()?;
            let used = rest.len() - after.len();
            let head = Head {
                section: head.section,
                rank: head.rank,
                partner: head.item.partner,
                partner_owner: head.item.partner_owner,
            };
            self.push(partner, row, &head, &rest[..used])?;
            rest = after;
        }
        rest.is_empty().then_some(())
    }

    fn push(
        &mut self,
        partner: usize,
        row: &ListRow,
        entry: &Head<'_>,
        bytes: &[u8],
    ) -> Option<()> {
        // Today sorts and scopes a line by its partner's name and owner as
        // the row has them: a line saying otherwise is another book's.
        if entry.partner != row.name.as_bytes() || entry.partner_owner != row.owner.as_bytes() {
            return None;
        }
        let start = self.bytes.push(bytes)?;
        self.lines.push(Packed {
            rank: entry.rank,
            start,
            end: start.checked_add(u32::try_from(bytes.len()).ok()?)?,
            partner: u32::try_from(partner).ok()?,
            section: entry.section,
        });
        Some(())
    }

    /// How many lines there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Are there none?
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Each line's number, its partner's index in the rows and what Today
    /// orders it by, the partner known by `partner(index)`.
    pub fn keys<'a, P>(
        &'a self,
        partner: impl Fn(usize) -> P + 'a,
    ) -> impl Iterator<Item = (usize, usize, LineKey<P>)> + 'a {
        self.lines.iter().enumerate().map(move |(n, l)| {
            let p = l.partner as usize;
            let key = LineKey {
                section: l.section,
                rank: l.rank,
                partner: partner(p),
            };
            (n, p, key)
        })
    }

    /// The lines of partner `partner` (its index in the rows): the range
    /// of their numbers.
    #[must_use]
    pub fn lines_of(&self, partner: usize) -> std::ops::Range<usize> {
        let start = self
            .lines
            .partition_point(|l| (l.partner as usize) < partner);
        let end = self
            .lines
            .partition_point(|l| (l.partner as usize) <= partner);
        start..end
    }

    /// Partner `partner`'s lines are now `entries` (after an edit); None
    /// when a line cannot be encoded or is not the partner's. The bytes of
    /// the lines replaced stay until the lines are read again.
    pub fn set_partner(
        &mut self,
        partner: usize,
        row: &ListRow,
        entries: &[TriageEntry],
    ) -> Option<()> {
        let range = self.lines_of(partner);
        let mut made = PackedLines {
            bytes: std::mem::take(&mut self.bytes),
            lines: Vec::new(),
        };
        let appended = made.append(partner, row, entries);
        self.bytes = made.bytes;
        appended?;
        self.lines.splice(range, made.lines);
        Some(())
    }

    /// A partner added at index `partner` of the rows, with `entries`.
    pub fn insert_partner(
        &mut self,
        partner: usize,
        row: &ListRow,
        entries: &[TriageEntry],
    ) -> Option<()> {
        self.shift(partner, 1);
        self.set_partner(partner, row, entries)
    }

    /// The partner at index `partner` of the rows is gone.
    pub fn remove_partner(&mut self, partner: usize) {
        let range = self.lines_of(partner);
        self.lines.drain(range);
        self.shift(partner, -1);
    }

    /// The partners from index `from` on move by `by` places.
    fn shift(&mut self, from: usize, by: i64) {
        for l in &mut self.lines {
            if l.partner as usize >= from {
                l.partner = u32::try_from(i64::from(l.partner) + by).unwrap_or(l.partner);
            }
        }
    }

    /// What Today orders line `line` by: its section and rank.
    #[must_use]
    pub fn line_key(&self, line: usize) -> Option<(SectionKind, i64)> {
        self.lines.get(line).map(|l| (l.section, l.rank))
    }

    /// Line `line`, decoded.
    #[must_use]
    pub fn entry(&self, line: usize) -> Option<TriageEntry> {
        let l = self.lines.get(line)?;
        let bytes = self.bytes.get(l.start, l.end)?;
        postcard::from_bytes(bytes).ok()
    }
}

/// Bytes kept in runs of [`Chunks::RUN`] that are never moved once
/// written: at 50,000 partners the lines are 17 MB, and one buffer grown
/// as they are read was copied and faulted in again at every doubling (a
/// sixth of Today's first frame). A place in them is one number, as in one
/// buffer; a line never crosses from one run into the next.
#[derive(Debug, Clone, Default)]
struct Chunks {
    runs: Vec<Vec<u8>>,
}

impl Chunks {
    /// Bytes per run (a power of two: a place is its run and the offset in it).
    const RUN: usize = 1 << 20;

    /// Keep `bytes`; where they start. None past 4 GiB.
    fn push(&mut self, bytes: &[u8]) -> Option<u32> {
        let fits = self
            .runs
            .last()
            .is_some_and(|run| run.len() + bytes.len() <= Self::RUN);
        if !fits {
            // A line longer than a run has a run of its own, and the runs
            // its length takes after it stay empty.
            let taken = bytes.len().div_ceil(Self::RUN).max(1);
            self.runs
                .push(Vec::with_capacity(Self::RUN.max(bytes.len())));
            self.runs
                .extend(std::iter::repeat_with(Vec::new).take(taken - 1));
            let last = self.runs.len() - taken;
            let start = u32::try_from(last * Self::RUN).ok()?;
            self.runs[last].extend_from_slice(bytes);
            return Some(start);
        }
        let at = self.runs.len() - 1;
        let run = &mut self.runs[at];
        let start = u32::try_from(at * Self::RUN + run.len()).ok()?;
        run.extend_from_slice(bytes);
        Some(start)
    }

    /// The bytes from `start` to `end`.
    fn get(&self, start: u32, end: u32) -> Option<&[u8]> {
        let (start, end) = (start as usize, end as usize);
        let run = self.runs.get(start / Self::RUN)?;
        let from = start % Self::RUN;
        run.get(from..from + end.checked_sub(start)?)
    }
}

/// What a line is kept by: its section, rank, partner name and owner.
struct Head<'a> {
    section: SectionKind,
    rank: i64,
    partner: &'a [u8],
    partner_owner: &'a [u8],
}

impl<'a> Head<'a> {
    fn of(entry: &'a TriageEntry) -> Head<'a> {
        Head {
            section: entry.section,
            rank: entry.rank,
            partner: entry.item.partner.as_bytes(),
            partner_owner: entry.item.partner_owner.as_bytes(),
        }
    }
}

/// A `TriageEntry` as encoded, read without making its strings: field for
/// field the layout of `TriageEntry` and `TriageItem` (postcard writes
/// fields in order, a string as its length and bytes, as it writes bytes),
/// so reading one tells where the next begins. `tests/today_order.rs`
/// checks every line read this way decodes as the line it was made from.
#[derive(Deserialize)]
struct EntryHead<'a> {
    section: SectionKind,
    rank: i64,
    #[serde(borrow)]
    item: ItemHead<'a>,
}

/// `TriageItem`'s fields, in order.
#[derive(Deserialize)]
struct ItemHead<'a> {
    _subject: Subject,
    partner: &'a [u8],
    partner_owner: &'a [u8],
    _tag: &'a [u8],
    _title: &'a [u8],
    _context: &'a [u8],
    _owner: &'a [u8],
    /// A date, as its text.
    _due: Option<&'a [u8]>,
    _detail: &'a [u8],
    _numbers: Passed,
    _data: LineData,
}

/// A list of `(name, number)` read past.
struct Passed;

impl<'de> Deserialize<'de> for Passed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Passed, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Passed;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of named numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Passed, A::Error> {
                while seq.next_element::<(&'de [u8], i64)>()?.is_some() {}
                Ok(Passed)
            }
        }
        d.deserialize_seq(Each)
    }
}
