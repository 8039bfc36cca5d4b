//! A partner's facts: the part of its file the rules read, on any date
//! (docs/architecture.md, "How the book becomes summaries").
//!
//! Scoring a partner needs its dated records, not all of its text: no rule
//! reads an activity's summary, a referral's lead or a deal's name, and the
//! checklist of a QBR that was held or cancelled only matters through its
//! items still open after the meeting. [`facts`] keeps exactly what the
//! rules can read for *any* date and drops the rest, so the store can keep
//! one small record per partner up to date and a new day re-scores from
//! those instead of re-reading every row of history.
//!
//! The contract: `summarize(&facts(file), d) == summarize(&file, d)` for
//! every file and every date `d` (tested below and, on the demo book,
//! across dates in `tests/analyse_paths.rs`), and the program's metrics
//! (`domain::program::report`) of a book of facts are those of the whole
//! book (`analyse::program_report` reads them so; tested there too).
//! Whoever makes a rule read a field dropped here must keep that field
//! and bump [`CHOICE`].

use super::book::{PartnerFile, Qbr, QbrPhase, QbrStatus};
use super::qbr::is_satisfied;

/// Which choice of facts [`facts`] makes: bump it whenever what it keeps
/// changes (a rule starts reading a field it drops), so books keeping
/// facts of the old choice make them again.
pub const CHOICE: u32 = 1;

/// The facts of `file`: what the rules read, nothing else. Dates, counts,
/// statuses and the names Today's lines show are kept; free text no rule
/// shows is emptied; records no rule can reach on any date are dropped.
#[must_use]
pub fn facts(mut file: PartnerFile) -> PartnerFile {
    for c in &mut file.contacts {
        c.email.clear();
        c.phone.clear();
    }
    for a in &mut file.activities {
        a.summary.clear();
    }
    for d in &mut file.deals {
        d.name.clear();
    }
    for r in &mut file.referrals {
        r.lead.clear();
    }
    for c in &mut file.certifications {
        c.name.clear();
    }
    for q in &mut file.qbrs {
        keep_reachable(q);
    }
    for c in &mut file.campaigns {
        c.audience.clear();
        c.key_message.clear();
        c.kpi.clear();
        c.lead_model.clear();
    }
    for t in &mut file.tier_changes {
        t.reason.clear();
    }
    file
}

/// A QBR's parts the rules can still read. A planned QBR keeps its whole
/// checklist (prep progress counts it). A held one only shows "after"
/// items not yet satisfied (docs/rules.md, "QBRs"), and its done action
/// items with a due date are never read (an open item or one without a
/// due date is, through "Create tasks for action items"). A cancelled one
/// shows nothing. Agenda and notes belong to the workspace, not the rules.
fn keep_reachable(q: &mut Qbr) {
    q.notes.clear();
    q.agenda.clear();
    for item in &mut q.checklist {
        item.detail.clear();
    }
    match q.status {
        QbrStatus::Planned => {}
        QbrStatus::Held => {
            // Satisfaction is read on the whole QBR, before anything goes.
            let open: Vec<bool> = q
                .checklist
                .iter()
                .map(|i| i.phase == QbrPhase::After && !is_satisfied(q, i))
                .collect();
            let mut open = open.into_iter();
            q.checklist.retain(|_| open.next().unwrap_or(true));
            q.actions.retain(|a| a.done.is_none() || a.due.is_none());
        }
        QbrStatus::Cancelled => {
            q.checklist.clear();
            q.actions.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::analysis::summarize;
    use crate::domain::book::{ActionItem, ActivityKind, ContactRole, Side};
    use crate::domain::config::ProgramConfig;
    use crate::domain::qbr::{CREATE_TASKS, new_qbr};
    use crate::domain::testing::{
        activity, campaign, cert, contact, deal, month, nps, partner_file, referral, revenue, task,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    /// A file touching every rule: revenue both years, deals, referrals,
    /// certifications, NPS, engagement, contacts, QBRs in every status
    /// with open and ticked items, a live campaign with tasks.
    fn busy_file(cfg: &ProgramConfig) -> PartnerFile {
        let mut f = partner_file("Contoso");
        f.contacts = vec![
            contact("Ana Ruiz", ContactRole::PartnerManager),
            contact("Bo Chen", ContactRole::ExecutiveSponsor),
        ];
        f.activities = vec![
            activity(d(2026, 8, 1), ActivityKind::Training),
            activity(d(2026, 10, 20), ActivityKind::Call),
            activity(d(2026, 11, 20), ActivityKind::PortalLogin),
        ];
        for a in &mut f.activities {
            a.summary = "talked pricing".into();
        }
        f.revenue = (1..=12)
            .flat_map(|m| {
                [
                    revenue(month(2025, m), 9_000, 1_000),
                    revenue(month(2026, m), 12_000, 500),
                ]
            })
            .collect();
        f.deals = vec![deal(d(2026, 9, 1)), deal(d(2026, 11, 1))];
        f.referrals = vec![
            referral(d(2026, 3, 1), true),
            referral(d(2026, 10, 1), false),
        ];
        f.certifications = vec![
            cert("Ana Ruiz", d(2026, 2, 1)),
            cert("Bo Chen", d(2025, 1, 1)),
        ];
        f.nps = vec![nps(d(2026, 6, 1), 9)];
        let mut held = new_qbr(d(2026, 9, 15), cfg);
        held.id = 1;
        held.status = QbrStatus::Held;
        for (i, item) in held.checklist.iter_mut().enumerate() {
            item.id = 10 + i64::try_from(i).expect("small");
            item.done = (i % 2 == 0).then(|| d(2026, 9, 20));
        }
        let mut planned = new_qbr(d(2026, 12, 10), cfg);
        planned.id = 2;
        for (i, item) in planned.checklist.iter_mut().enumerate() {
            item.id = 40 + i64::try_from(i).expect("small");
            item.done = (i < 3).then(|| d(2026, 11, 1));
        }
        let mut missed = new_qbr(d(2026, 6, 1), cfg);
        missed.id = 3;
        let mut cancelled = new_qbr(d(2026, 7, 1), cfg);
        cancelled.id = 4;
        cancelled.status = QbrStatus::Cancelled;
        f.qbrs = vec![missed, cancelled, held, planned];
        let mut c = campaign("Joint webinar", d(2026, 12, 3));
        c.tasks = vec![
            task(1, -6, "Agree the topic", d(2026, 10, 22)),
            task(2, -1, "Send the reminder", d(2026, 11, 26)),
        ];
        f.campaigns = vec![c];
        f
    }

    #[test]
    fn the_rules_read_the_same_from_facts_on_every_date() {
        let cfg = ProgramConfig::default();
        let file = busy_file(&cfg);
        let small = facts(file.clone());
        let dates = [
            d(2025, 1, 1),
            d(2026, 6, 30),
            d(2026, 9, 16),
            d(2026, 11, 25),
            d(2026, 12, 11),
            d(2027, 3, 1),
        ];
        for day in dates {
            let full = summarize(&file, day, &cfg);
            assert!(
                !full.today.is_empty() || day < d(2026, 1, 1),
                "{day}: nothing to compare"
            );
            assert_eq!(summarize(&small, day, &cfg), full, "on {day}");
        }
    }

    #[test]
    fn a_held_qbr_keeps_its_open_after_items_and_what_satisfies_them() {
        let cfg = ProgramConfig::default();
        let mut q = new_qbr(d(2026, 10, 1), &cfg);
        q.status = QbrStatus::Held;
        q.actions = vec![
            ActionItem {
                id: 1,
                owner: Side::Partner,
                text: "send the deck".into(),
                due: None,
                done: Some(d(2026, 10, 2)),
            },
            ActionItem {
                id: 2,
                owner: Side::Us,
                text: "book the workshop".into(),
                due: Some(d(2026, 10, 9)),
                done: Some(d(2026, 10, 3)),
            },
        ];
        let after_open = q
            .checklist
            .iter()
            .filter(|i| i.phase == QbrPhase::After)
            .count();
        keep_reachable(&mut q);
        assert_eq!(q.checklist.len(), after_open);
        assert!(q.checklist.iter().any(|i| i.title == CREATE_TASKS));
        // The done action without a due date still keeps "Create tasks" open.
        assert_eq!(q.actions.len(), 1);
        assert_eq!(q.actions[0].text, "send the deck");
        assert!(q.agenda.is_empty());
    }
}
