//! QBRs: the prep checklist, its due dates and progress, and the completion
//! KPI (docs/rules.md, "QBRs").

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::book::{AgendaSection, ChecklistItem, PartnerFile, Qbr, QbrPhase, QbrStatus};
use super::config::ProgramConfig;
use super::dates::add_days;
use super::format::percent_of;

/// A new planned QBR with the checklist and agenda from the config template.
/// Ids are 0: the store assigns them.
#[must_use]
pub fn new_qbr(date: NaiveDate, cfg: &ProgramConfig) -> Qbr {
    Qbr {
        id: 0,
        date,
        status: QbrStatus::Planned,
        notes: String::new(),
        checklist: cfg
            .qbr
            .checklist
            .iter()
            .map(|t| ChecklistItem {
                id: 0,
                phase: t.phase,
                title: t.title.clone(),
                detail: t.detail.clone(),
                offset_days: t.offset_days,
                done: None,
            })
            .collect(),
        agenda: cfg
            .qbr
            .agenda
            .iter()
            .map(|a| AgendaSection {
                id: 0,
                title: a.title.clone(),
                minutes: a.minutes,
                notes: String::new(),
            })
            .collect(),
        actions: Vec::new(),
    }
}

/// When a checklist item is due.
#[must_use]
pub fn item_due(qbr: &Qbr, item: &ChecklistItem) -> NaiveDate {
    add_days(qbr.date, i64::from(item.offset_days))
}

/// How far the "before" part of the checklist is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prep {
    pub done: usize,
    pub total: usize,
    /// Whole percent, floored.
    pub percent: u32,
    /// The earliest-due prep item not yet done.
    pub next: Option<String>,
}

/// Prep progress: the share of "before" items done.
#[must_use]
pub fn prep(qbr: &Qbr) -> Prep {
    let before: Vec<&ChecklistItem> = qbr
        .checklist
        .iter()
        .filter(|c| c.phase == QbrPhase::Before)
        .collect();
    let done = before.iter().filter(|c| c.done.is_some()).count();
    let total = before.len();
    let percent = percent_of(done, total).unwrap_or(100);
    let next = before
        .iter()
        .filter(|c| c.done.is_none())
        .min_by_key(|c| (c.offset_days, c.id))
        .map(|c| c.title.clone());
    Prep {
        done,
        total,
        percent,
        next,
    }
}

/// The next planned QBR on or after today.
#[must_use]
pub fn next_qbr(file: &PartnerFile, today: NaiveDate) -> Option<&Qbr> {
    file.qbrs
        .iter()
        .filter(|q| q.status == QbrStatus::Planned && q.date >= today)
        .min_by_key(|q| q.date)
}

/// A planned QBR whose date passed more than `missed_after_days` ago.
#[must_use]
pub fn is_missed(qbr: &Qbr, today: NaiveDate, cfg: &ProgramConfig) -> bool {
    QbrState::of(qbr.status, qbr.date, today, cfg) == QbrState::Missed
}

/// The missed-QBR rule, written once: a QBR dated `date` is past its grace
/// on `today` when more than `missed_after_days` have gone by since. A
/// planned QBR past its grace is missed.
fn past_grace(date: NaiveDate, today: NaiveDate, cfg: &ProgramConfig) -> bool {
    (today - date).num_days() > cfg.qbr.missed_after_days
}

/// Where a QBR stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QbrState {
    /// Planned, dated in the future or at most `missed_after_days` past.
    Upcoming,
    /// Planned, dated more than `missed_after_days` past: missed until it
    /// is held (on its real date), rescheduled or cancelled.
    Missed,
    Held,
    Cancelled,
}

impl QbrState {
    #[must_use]
    pub fn of(status: QbrStatus, date: NaiveDate, today: NaiveDate, cfg: &ProgramConfig) -> Self {
        match status {
            QbrStatus::Held => QbrState::Held,
            QbrStatus::Cancelled => QbrState::Cancelled,
            QbrStatus::Planned if past_grace(date, today, cfg) => QbrState::Missed,
            QbrStatus::Planned => QbrState::Upcoming,
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            QbrState::Upcoming => "upcoming",
            QbrState::Missed => "missed",
            QbrState::Held => "held",
            QbrState::Cancelled => "cancelled",
        }
    }
}

/// The checklist item that is satisfied when every action item has a due
/// date (docs/rules.md, "QBRs").
pub const CREATE_TASKS: &str = "Create tasks for action items";

/// Is the item satisfied: ticked, or "Create tasks for action items" of a
/// held QBR whose action items all have a due date.
#[must_use]
pub fn is_satisfied(qbr: &Qbr, item: &ChecklistItem) -> bool {
    item.done.is_some()
        || (item.title.eq_ignore_ascii_case(CREATE_TASKS)
            && qbr.status == QbrStatus::Held
            && qbr.actions.iter().all(|a| a.due.is_some()))
}

/// Is a checklist item work to do on `today` (Today's overdue and due-soon
/// lists)? "Before" items of a QBR not yet held (upcoming or missed);
/// "after" items only once it is held; "during" items never (the meeting
/// covers them); nothing of a cancelled QBR, nothing satisfied.
#[must_use]
pub fn is_open_work(
    qbr: &Qbr,
    item: &ChecklistItem,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> bool {
    if is_satisfied(qbr, item) {
        return false;
    }
    match QbrState::of(qbr.status, qbr.date, today, cfg) {
        QbrState::Upcoming | QbrState::Missed => item.phase == QbrPhase::Before,
        QbrState::Held => item.phase == QbrPhase::After,
        QbrState::Cancelled => false,
    }
}

/// The date a QBR planned about a quarter after `from` falls on:
/// `from` + 91 days (13 weeks), moved to the nearest weekday (Saturday to
/// the Friday before, Sunday to the Monday after).
#[must_use]
pub fn quarter_after(from: NaiveDate) -> NaiveDate {
    let d = add_days(from, 91);
    match d.weekday() {
        Weekday::Sat => add_days(d, -1),
        Weekday::Sun => add_days(d, 1),
        _ => d,
    }
}

/// The date a QBR marked held on `today` is held on: its own date, or
/// today when it was held before its date.
#[must_use]
pub fn held_on(qbr: &Qbr, today: NaiveDate) -> NaiveDate {
    qbr.date.min(today)
}

/// The date of the QBR planned after `qbr` ("schedule next"): a quarter
/// after it, or after today when it is already past.
#[must_use]
pub fn next_after(qbr: &Qbr, today: NaiveDate) -> NaiveDate {
    quarter_after(qbr.date.max(today))
}

/// First day of the quarter `today` is in.
#[must_use]
pub fn quarter_start(today: NaiveDate) -> NaiveDate {
    let month = (today.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today)
}

/// QBR completion over the last `kpi_quarters` quarters (this one included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub held: usize,
    pub missed: usize,
    /// held / (held + missed), whole percent; None when there were none.
    pub percent: Option<u32>,
    pub target_percent: u32,
}

/// QBRs held and missed by one partner in the completion window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QbrTally {
    pub held: usize,
    pub missed: usize,
}

/// One partner's held and missed QBRs over the last `kpi_quarters` quarters
/// (this one included), up to today.
#[must_use]
pub fn tally(qbrs: &[Qbr], today: NaiveDate, cfg: &ProgramConfig) -> QbrTally {
    let mut t = QbrTally::default();
    for qbr in qbrs {
        t.count(qbr.status, qbr.date, today, cfg);
    }
    t
}

/// The first day of the completion window: the start of the quarter
/// `kpi_quarters - 1` quarters before today's.
#[must_use]
pub fn window_start(today: NaiveDate, cfg: &ProgramConfig) -> NaiveDate {
    let back = cfg.qbr.kpi_quarters.saturating_sub(1).saturating_mul(3);
    quarter_start(today)
        .checked_sub_months(chrono::Months::new(back))
        .unwrap_or(today)
}

impl QbrTally {
    /// Count one QBR if it is held or missed inside the window.
    pub fn count(
        &mut self,
        status: QbrStatus,
        date: NaiveDate,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) {
        if date < window_start(today, cfg) || date > today {
            return;
        }
        match QbrState::of(status, date, today, cfg) {
            QbrState::Held => self.held += 1,
            QbrState::Missed => self.missed += 1,
            QbrState::Upcoming | QbrState::Cancelled => {}
        }
    }
}

impl Completion {
    /// Held / (held + missed) over partners' tallies.
    #[must_use]
    pub fn of(tallies: impl Iterator<Item = QbrTally>, cfg: &ProgramConfig) -> Completion {
        let (held, missed) = tallies.fold((0, 0), |(h, m), t| (h + t.held, m + t.missed));
        Completion {
            held,
            missed,
            percent: percent_of(held, held + missed),
            target_percent: cfg.kpi.qbr_completion_target_pct,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn a_new_qbr_gets_the_template_with_due_dates() {
        let cfg = ProgramConfig::default();
        let q = new_qbr(d(2026, 11, 26), &cfg);
        assert_eq!(q.checklist.len(), 14);
        let share = q
            .checklist
            .iter()
            .find(|c| c.title == "Draft agenda and share")
            .expect("item");
        assert_eq!(item_due(&q, share), d(2026, 11, 23));
        let notes = q
            .checklist
            .iter()
            .find(|c| c.title == "Send meeting notes")
            .expect("item");
        assert_eq!(item_due(&q, notes), d(2026, 11, 28));
        assert_eq!(q.agenda.len(), 5);
    }

    #[test]
    fn prep_counts_before_items_and_names_the_next() {
        let cfg = ProgramConfig::default();
        let mut q = new_qbr(d(2026, 11, 26), &cfg);
        assert_eq!(prep(&q).percent, 0);
        for item in q.checklist.iter_mut().take(3) {
            item.done = Some(d(2026, 11, 20));
        }
        let p = prep(&q);
        assert_eq!((p.done, p.total, p.percent), (3, 5, 60));
        assert_eq!(p.next.as_deref(), Some("Identify opportunities"));
    }

    #[test]
    fn completion_counts_held_and_missed_but_not_recent_planned() {
        let cfg = ProgramConfig::default();
        let today = d(2026, 11, 25);
        let mut held = new_qbr(d(2026, 8, 10), &cfg);
        held.status = QbrStatus::Held;
        let missed = new_qbr(d(2026, 11, 20), &cfg); // 5 days past, still planned
        let grace = new_qbr(d(2026, 11, 23), &cfg); // 2 days past: not yet missed
        let old = new_qbr(d(2025, 6, 1), &cfg); // before the 4-quarter window
        let mut file = crate::domain::testing::partner_file("Acme");
        file.qbrs = vec![old, held, missed, grace];
        let c = Completion::of(std::iter::once(tally(&file.qbrs, today, &cfg)), &cfg);
        assert_eq!((c.held, c.missed, c.percent), (1, 1, Some(50)));
    }
}
