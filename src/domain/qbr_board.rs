//! The QBRs screen and `qbr list`: every partner's QBRs of the last
//! quarters as compact lines, sorted into upcoming, missed, held and
//! cancelled, with the completion KPI (docs/rules.md, "QBRs").
//!
//! A [`QbrLine`] is what one row needs and nothing more, so the store can
//! read all of them with one query across partners; [`lines_of`] makes the
//! same lines from a partner's file (after an edit, and in tests).

use std::borrow::Borrow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::book::{PartnerFile, QbrStatus, Segment};
use super::config::ProgramConfig;
use super::format::percent_of;
use super::qbr::{Completion, QbrState, QbrTally, prep, window_start};

/// One QBR as the list shows it (kept encoded beside the summary cache,
/// `store::kept`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QbrLine {
    pub partner_id: i64,
    pub partner: String,
    pub qbr_id: i64,
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
    pub status: QbrStatus,
    /// "Before" checklist items done, and how many there are.
    pub prep_done: usize,
    pub prep_total: usize,
    /// The earliest-due "before" item not done.
    pub next_item: Option<String>,
}

impl QbrLine {
    /// Prep in whole percent, floored (100 with no "before" items).
    #[must_use]
    pub fn prep_percent(&self) -> u32 {
        percent_of(self.prep_done, self.prep_total).unwrap_or(100)
    }

    /// Days from `today` to the QBR (negative when past).
    #[must_use]
    pub fn days_to_go(&self, today: NaiveDate) -> i64 {
        (self.date - today).num_days()
    }
}

/// The lines of every QBR in a partner's file.
#[must_use]
pub fn lines_of(file: &PartnerFile) -> Vec<QbrLine> {
    file.qbrs
        .iter()
        .map(|q| {
            let p = prep(q);
            QbrLine {
                partner_id: file.partner.id,
                partner: file.partner.name.clone(),
                qbr_id: q.id,
                date: q.date,
                status: q.status,
                prep_done: p.done,
                prep_total: p.total,
                next_item: p.next,
            }
        })
        .collect()
}

/// A strategic or growth partner with no QBR planned in the next
/// `qbr.cadence_days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueQbr {
    pub partner_id: i64,
    pub partner: String,
    pub segment: Segment,
}

/// The QBRs screen's lists, of lines (`qbr list`) or of anything that
/// stands for one (the screen keeps places in the model's lines, not
/// copies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board<L = QbrLine> {
    /// Planned and not missed, soonest first.
    pub upcoming: Vec<L>,
    /// Planned, more than `missed_after_days` past; latest first.
    pub missed: Vec<L>,
    /// Held in the window, latest first.
    pub held: Vec<L>,
    /// Cancelled in the window, latest first.
    pub cancelled: Vec<L>,
    pub completion: Completion,
    pub due: Vec<DueQbr>,
}

impl<L> Board<L> {
    /// The same board, each line replaced by `f` of it.
    #[must_use]
    pub fn map<M>(self, mut f: impl FnMut(L) -> M) -> Board<M> {
        let mut list = |v: Vec<L>| v.into_iter().map(&mut f).collect();
        Board {
            upcoming: list(self.upcoming),
            missed: list(self.missed),
            held: list(self.held),
            cancelled: list(self.cancelled),
            completion: self.completion,
            due: self.due,
        }
    }
}

/// Sort lines into the board. Held, missed and cancelled QBRs count from
/// the start of the completion window (the last `qbr.kpi_quarters`
/// quarters); upcoming ones whatever their date.
#[must_use]
pub fn board<L: Borrow<QbrLine>>(
    lines: impl IntoIterator<Item = L>,
    mut due: Vec<DueQbr>,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Board<L> {
    let from = window_start(today, cfg);
    let mut b = Board {
        upcoming: Vec::new(),
        missed: Vec::new(),
        held: Vec::new(),
        cancelled: Vec::new(),
        completion: Completion::of(std::iter::empty(), cfg),
        due: Vec::new(),
    };
    let mut tally = QbrTally::default();
    for line in lines {
        let l: &QbrLine = line.borrow();
        tally.count(l.status, l.date, today, cfg);
        let state = QbrState::of(l.status, l.date, today, cfg);
        if state != QbrState::Upcoming && l.date < from {
            continue;
        }
        match state {
            QbrState::Upcoming => b.upcoming.push(line),
            QbrState::Missed => b.missed.push(line),
            QbrState::Held => b.held.push(line),
            QbrState::Cancelled => b.cancelled.push(line),
        }
    }
    let key = |l: &L| {
        let l: &QbrLine = l.borrow();
        (l.date, l.partner.to_lowercase(), l.qbr_id)
    };
    b.upcoming.sort_by_cached_key(key);
    for list in [&mut b.missed, &mut b.held, &mut b.cancelled] {
        list.sort_by_cached_key(|l| std::cmp::Reverse(key(l)));
    }
    due.sort_by_cached_key(|d| (d.segment != Segment::Strategic, d.partner.to_lowercase()));
    b.due = due;
    b.completion = Completion::of(std::iter::once(tally), cfg);
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::qbr::new_qbr;
    use crate::domain::testing::{date, partner_file};

    #[test]
    fn the_board_sorts_lines_and_counts_completion_with_held_missed_and_cancelled() {
        let cfg = ProgramConfig::default();
        let today = date(2026, 11, 25);
        let mut f = partner_file("Acme");
        let mut held = new_qbr(date(2026, 8, 10), &cfg);
        held.status = QbrStatus::Held;
        let mut cancelled = new_qbr(date(2026, 9, 1), &cfg);
        cancelled.status = QbrStatus::Cancelled;
        let missed = new_qbr(date(2026, 11, 20), &cfg);
        let grace = new_qbr(date(2026, 11, 23), &cfg);
        let soon = new_qbr(date(2026, 12, 3), &cfg);
        let old = new_qbr(date(2025, 6, 1), &cfg);
        f.qbrs = vec![old, held, cancelled, missed, grace, soon];
        for (i, q) in f.qbrs.iter_mut().enumerate() {
            q.id = i64::try_from(i).expect("small") + 1;
        }
        let b = board(lines_of(&f), Vec::new(), today, &cfg);
        let dates = |l: &[QbrLine]| l.iter().map(|l| l.date).collect::<Vec<_>>();
        assert_eq!(
            dates(&b.upcoming),
            vec![date(2026, 11, 23), date(2026, 12, 3)]
        );
        assert_eq!(dates(&b.missed), vec![date(2026, 11, 20)]);
        assert_eq!(dates(&b.held), vec![date(2026, 8, 10)]);
        assert_eq!(dates(&b.cancelled), vec![date(2026, 9, 1)]);
        // The 2025 QBR is missed too, but before the 4-quarter window.
        assert_eq!(
            (b.completion.held, b.completion.missed, b.completion.percent),
            (1, 1, Some(50))
        );
        assert_eq!(b.upcoming[1].prep_percent(), 0);
        assert_eq!(b.upcoming[1].days_to_go(today), 8);
        assert_eq!(
            b.upcoming[1].next_item.as_deref(),
            Some("Pull performance data")
        );
    }
}
