//! QBRs for the demo: quarters of held reviews, the next one planned, and
//! the stories Today must show (a half-prepped QBR next week, open action
//! items from last quarter, missed reviews).

use chrono::{Datelike, NaiveDate};

use crate::domain::book::{
    ActionItem, Activity, ActivityKind, PartnerFile, PartnerType, Qbr, QbrPhase, QbrStatus, Side,
    Tier,
};
use crate::domain::config::ProgramConfig;
use crate::domain::qbr::new_qbr;

use super::ids::Ids;
use super::rng::{Rng, ago, shift, workday};

/// Which QBRs a partner has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QbrStory {
    None,
    /// Quarterly reviews held for `quarters` quarters, the next one planned
    /// `next_in` days out; one past review may have been missed.
    Cadence {
        quarters: u32,
        next_in: Option<i64>,
        missed_one: bool,
    },
    /// Planned within 10 days, about half of the prep done.
    Soon,
    /// Held last quarter, action items still open (some overdue).
    OpenActions,
    /// Planned two or three weeks ago and never held.
    Missed,
}

impl QbrStory {
    /// Strategic and Platinum partners meet every quarter, most Gold
    /// partners too, a few Silver ones.
    pub(crate) fn for_tier(rng: &mut Rng, kind: PartnerType, tier: Tier) -> Self {
        let share = if kind == PartnerType::Strategic {
            1.0
        } else {
            match tier {
                Tier::Platinum => 1.0,
                Tier::Gold => 0.75,
                Tier::Silver => 0.2,
                Tier::Registered => 0.0,
            }
        };
        if !rng.chance(share) {
            return QbrStory::None;
        }
        let quarters = rng.count(2, 5);
        let planned = share >= 0.75 || rng.chance(0.3);
        let next_in = if planned {
            Some(rng.range(15, 92))
        } else {
            None
        };
        QbrStory::Cadence {
            quarters,
            next_in,
            missed_one: rng.chance(0.03),
        }
    }
}

/// What a QBR builder needs besides the story.
pub(crate) struct Ctx<'a> {
    pub today: NaiveDate,
    pub cfg: &'a ProgramConfig,
}

/// Write the partner's QBRs (and a `qbr` activity for each one held).
pub(crate) fn build(
    file: &mut PartnerFile,
    story: QbrStory,
    rng: &mut Rng,
    ids: &mut Ids,
    ctx: &Ctx,
) {
    let today = ctx.today;
    match story {
        QbrStory::None => {}
        QbrStory::Cadence {
            quarters,
            next_in,
            missed_one,
        } => {
            let last = ago(today, rng.range(20, 75));
            past(file, last, quarters, missed_one, rng, ids, ctx);
            if let Some(days) = next_in {
                planned(file, shift(today, days), 0, rng, ids, ctx);
            }
        }
        QbrStory::Soon => {
            past(file, ago(today, rng.range(80, 88)), 3, false, rng, ids, ctx);
            let half = ctx
                .cfg
                .qbr
                .checklist
                .iter()
                .filter(|c| c.phase == QbrPhase::Before)
                .count()
                .div_ceil(2);
            planned(file, shift(today, 8), half, rng, ids, ctx);
        }
        QbrStory::OpenActions => {
            let held_on = last_quarter(today, rng);
            past(file, ago(held_on, 91), 3, false, rng, ids, ctx);
            let mut q = held(held_on, rng, ids, ctx);
            q.actions = open_actions(q.date, ids, today);
            log_held(file, &q, ids);
            file.qbrs.push(q);
            planned(file, shift(today, rng.range(20, 45)), 0, rng, ids, ctx);
        }
        QbrStory::Missed => {
            past(
                file,
                ago(today, rng.range(100, 120)),
                2,
                false,
                rng,
                ids,
                ctx,
            );
            let mut q = fresh(ago(today, rng.range(9, 25)), ids, ctx.cfg);
            prep_before(&mut q, usize::MAX, today, rng);
            file.qbrs.push(q);
        }
    }
}

/// A day in the previous calendar quarter, 20 to 40 days before this one began.
fn last_quarter(today: NaiveDate, rng: &mut Rng) -> NaiveDate {
    let month = (today.month0() / 3) * 3 + 1;
    let start = NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today);
    ago(start, rng.range(20, 40))
}

/// `quarters` held reviews, the latest on `last`, one quarter apart.
fn past(
    file: &mut PartnerFile,
    last: NaiveDate,
    quarters: u32,
    missed_one: bool,
    rng: &mut Rng,
    ids: &mut Ids,
    ctx: &Ctx,
) {
    for k in 0..i64::from(quarters) {
        let jitter = if k == 0 { 0 } else { rng.range(-6, 6) };
        let date = ago(last, k * 91 + jitter);
        if missed_one && k == 1 {
            let mut q = fresh(date, ids, ctx.cfg);
            prep_before(&mut q, 2, ctx.today, rng);
            file.qbrs.push(q);
        } else if rng.chance(0.03) {
            let mut q = fresh(date, ids, ctx.cfg);
            q.status = QbrStatus::Cancelled;
            q.notes = "Cancelled: partner reorganising, moved to next quarter".into();
            file.qbrs.push(q);
        } else {
            let mut q = held(date, rng, ids, ctx);
            q.actions = done_actions(q.date, rng, ids, ctx.today);
            log_held(file, &q, ids);
            file.qbrs.push(q);
        }
    }
}

/// A planned QBR on `date` with `done` prep items ticked.
fn planned(
    file: &mut PartnerFile,
    date: NaiveDate,
    done: usize,
    rng: &mut Rng,
    ids: &mut Ids,
    ctx: &Ctx,
) {
    let mut q = fresh(date, ids, ctx.cfg);
    prep_before(&mut q, done, ctx.today, rng);
    file.qbrs.push(q);
}

/// A new QBR from the config template, with ids.
fn fresh(date: NaiveDate, ids: &mut Ids, cfg: &ProgramConfig) -> Qbr {
    let mut q = new_qbr(workday(date), cfg);
    q.id = ids.qbr.next();
    for item in &mut q.checklist {
        item.id = ids.checklist.next();
    }
    for section in &mut q.agenda {
        section.id = ids.agenda.next();
    }
    q
}

/// Tick the first `count` "before" items, done a little before they were due
/// (never after today).
fn prep_before(q: &mut Qbr, count: usize, today: NaiveDate, rng: &mut Rng) {
    let date = q.date;
    let mut left = count;
    for item in &mut q.checklist {
        if left == 0 {
            break;
        }
        if item.phase == QbrPhase::Before {
            let due = shift(date, i64::from(item.offset_days));
            item.done = Some(ago(due, rng.range(0, 3)).min(today));
            left -= 1;
        }
    }
}

const NOTES: &[&str] = &[
    "Relationship warm; they want more joint pipeline reviews.",
    "Good quarter. Partner asked for earlier access to the roadmap.",
    "Mixed: strong wins, but support response times came up twice.",
    "New sales leader on their side; re-introduced our team.",
    "Agreed to focus on two verticals next quarter.",
    "Pipeline is healthy; certification push is the main gap.",
];

const SECTION_NOTES: &[&str] = &[
    "Exec sponsor joined for the first 10 minutes.",
    "Won deals reviewed; two renewals at risk.",
    "Three stuck deals discussed; owners assigned.",
    "Co-marketing plan for next quarter drafted.",
    "Asked for a dedicated solutions engineer.",
];

/// A held QBR: every checklist item done around its due date.
fn held(date: NaiveDate, rng: &mut Rng, ids: &mut Ids, ctx: &Ctx) -> Qbr {
    let mut q = fresh(date, ids, ctx.cfg);
    let date = q.date;
    q.status = QbrStatus::Held;
    q.notes = rng.pick_copy(NOTES).to_string();
    for item in &mut q.checklist {
        let due = shift(date, i64::from(item.offset_days));
        let done = match item.phase {
            QbrPhase::Before => ago(due, rng.range(0, 2)),
            QbrPhase::During => date,
            QbrPhase::After => ago(due, rng.range(0, 1)).max(date),
        };
        item.done = Some(done.min(ctx.today));
    }
    for section in &mut q.agenda {
        if rng.chance(0.5) {
            section.notes = rng.pick_copy(SECTION_NOTES).to_string();
        }
    }
    q
}

fn log_held(file: &mut PartnerFile, q: &Qbr, ids: &mut Ids) {
    let quarter = q.date.month0() / 3 + 1;
    file.activities.push(Activity {
        id: ids.activity.next(),
        date: q.date,
        kind: ActivityKind::Qbr,
        summary: format!("Q{quarter} {} business review held", q.date.year()),
        contact: None,
    });
}

const ACTIONS: &[(Side, &str)] = &[
    (Side::Us, "Send co-marketing proposal"),
    (Side::Partner, "Get two more engineers certified"),
    (Side::Both, "Agree joint pipeline targets for next quarter"),
    (Side::Us, "Share updated price list"),
    (Side::Partner, "Name an executive sponsor"),
    (Side::Us, "Set up a deal-registration refresher"),
    (Side::Both, "Plan a joint customer event"),
    (Side::Partner, "Share the top-10 account list"),
];

/// Two or three action items, done when they fell due; after a review in
/// the last quarter one may have slipped.
fn done_actions(
    date: NaiveDate,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
) -> Vec<ActionItem> {
    let recent = (today - date).num_days() <= 91;
    let count = rng.index(2) + 2;
    let first = rng.index(ACTIONS.len());
    (0..count)
        .map(|k| {
            let (owner, text) = ACTIONS[(first + k) % ACTIONS.len()];
            let due = shift(date, rng.range(7, 40));
            let slipped = recent && rng.chance(0.15);
            let done = (due < today && !slipped).then(|| ago(due, rng.range(0, 5)).max(date));
            ActionItem {
                id: ids.action.next(),
                owner,
                text: text.into(),
                due: Some(due),
                done,
            }
        })
        .collect()
}

/// Last quarter's action items: two overdue, one due this week, one done,
/// one due later; owners on both sides.
fn open_actions(date: NaiveDate, ids: &mut Ids, today: NaiveDate) -> Vec<ActionItem> {
    let plan: [(usize, i64, bool); 5] = [
        (0, -12, false),
        (1, -4, false),
        (2, 5, false),
        (3, 0, true),
        (4, 20, false),
    ];
    plan.iter()
        .map(|&(k, due_in, done)| {
            let (owner, text) = ACTIONS[k];
            let due = if done {
                shift(date, 5)
            } else {
                shift(today, due_in).max(shift(date, 1))
            };
            ActionItem {
                id: ids.action.next(),
                owner,
                text: text.into(),
                due: Some(due),
                done: done.then(|| shift(date, 3)),
            }
        })
        .collect()
}
