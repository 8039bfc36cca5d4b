//! Co-marketing campaigns: tasks from the timeline template, their due dates
//! and how the campaign is going (docs/rules.md, "Campaigns").

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::book::{Campaign, CampaignStatus, CampaignTask, CampaignType, Partner};
use super::config::{ProgramConfig, TaskTemplate};
use super::dates::add_days;
use super::format::percent_of;

/// Due date of a task `week` weeks (plus `day_offset` days) from launch.
#[must_use]
pub fn due_date(launch: NaiveDate, week: i32, day_offset: i32) -> NaiveDate {
    add_days(launch, i64::from(week) * 7 + i64::from(day_offset))
}

/// The tasks a new campaign of this type gets: a joint webinar's own
/// timeline (the playbook's "Joint Webinar Framework" merged into its
/// "Campaign Timeline Template", one task for each step), every other type
/// the timeline template. A task's week is the column its due date falls in
/// ([`week_at`]), so the day-before reminder is W-1 wherever it shows. Ids
/// are 0: the store assigns them.
#[must_use]
pub fn template_tasks(
    kind: CampaignType,
    launch: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<CampaignTask> {
    let template: &[TaskTemplate] = if kind == CampaignType::JointWebinar {
        &cfg.campaigns.webinar_tasks
    } else {
        &cfg.campaigns.tasks
    };
    // An onboarding plan's weeks count from joining (week 1 is the first
    // week), each task due on the last day of its week and labelled with
    // its plan week (W+1 … W+4).
    let (template, onboarding): (&[TaskTemplate], bool) = if kind == CampaignType::Onboarding {
        (&cfg.lifecycle.onboarding, true)
    } else {
        (template, false)
    };
    let mut tasks: Vec<CampaignTask> = template
        .iter()
        .map(|t| {
            let due = if onboarding {
                due_date(launch, t.week, t.day_offset - 1)
            } else {
                due_date(launch, t.week, t.day_offset)
            };
            CampaignTask {
                id: 0,
                week: if onboarding {
                    t.week
                } else {
                    week_at(launch, due)
                },
                title: t.title.clone(),
                owner: t.owner.clone(),
                due,
                done: None,
                moves: 0,
            }
        })
        .collect();
    tasks.sort_by_key(|t| (t.due, t.week));
    tasks
}

/// The playbook's "Lead Distribution Models": how the two companies share
/// a campaign's leads. `(model, when to use it, process)`.
pub const LEAD_MODELS: [(&str, &str, &str); 5] = [
    ("Lead share", "equal contribution", "both get all leads"),
    (
        "Primary/secondary",
        "unequal contribution",
        "primary gets first contact",
    ),
    (
        "Round robin",
        "testing territory",
        "alternate lead assignment",
    ),
    (
        "Qualification first",
        "high value content",
        "sales qualify, then route",
    ),
    (
        "Self-selection",
        "product-specific interest",
        "lead chooses at registration",
    ),
];

/// A lead model with its process, as the brief shows it: `Lead share (both
/// get all leads)`; a model the playbook does not name reads as typed.
#[must_use]
pub fn lead_model_text(model: &str) -> String {
    LEAD_MODELS
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(model.trim()))
        .map_or_else(
            || model.to_string(),
            |(name, _, process)| format!("{name} ({process})"),
        )
}

/// The launch a new campaign is offered: the first weekday (Monday-Friday)
/// at least `weeks` weeks from today, so the whole W-6 … W0 timeline fits.
#[must_use]
pub fn default_launch(today: NaiveDate, weeks: u32) -> NaiveDate {
    let mut day = add_days(today, i64::from(weeks) * 7);
    while day.weekday().number_from_monday() > 5 {
        day = add_days(day, 1);
    }
    day
}

/// The playbook's anti-pattern "last-minute planning" (quality suffers,
/// promotion insufficient): a launch less than `weeks` weeks from today
/// leaves the timeline's first weeks in the past. `last-minute: 3w 2d to
/// plan, under 6 weeks`.
#[must_use]
pub fn last_minute(launch: NaiveDate, today: NaiveDate, weeks: u32) -> Option<String> {
    let days = (launch - today).num_days();
    if days >= i64::from(weeks) * 7 || days < 0 {
        return None;
    }
    let when = match (days / 7, days % 7) {
        (0, d) => format!("{d}d"),
        (w, 0) => format!("{w}w"),
        (w, d) => format!("{w}w {d}d"),
    };
    Some(format!("last-minute: {when} to plan, under {weeks} weeks"))
}

/// Label of a week offset: `W-6`, `W0`, `W+2`.
#[must_use]
pub fn week_label(week: i32) -> String {
    match week {
        0 => "W0".to_string(),
        w if w > 0 => format!("W+{w}"),
        w => format!("W{w}"),
    }
}

/// A task not done whose due date has passed.
#[must_use]
pub fn is_overdue(task: &CampaignTask, today: NaiveDate) -> bool {
    task.done.is_none() && task.due < today
}

/// How a campaign stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignProgress {
    pub done: usize,
    pub total: usize,
    pub percent: u32,
    pub overdue: usize,
    /// Earliest-due open task.
    pub next: Option<(String, NaiveDate)>,
}

#[must_use]
pub fn progress(c: &Campaign, today: NaiveDate) -> CampaignProgress {
    let total = c.tasks.len();
    let done = c.tasks.iter().filter(|t| t.done.is_some()).count();
    let overdue = c.tasks.iter().filter(|t| is_overdue(t, today)).count();
    let next = c
        .tasks
        .iter()
        .filter(|t| t.done.is_none())
        .min_by_key(|t| (t.due, t.id))
        .map(|t| (t.title.clone(), t.due));
    CampaignProgress {
        done,
        total,
        percent: percent_of(done, total).unwrap_or(0),
        overdue,
        next,
    }
}

/// Where a task stands on a day, each with the text mark that carries its
/// meaning without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// `✓`
    Done,
    /// `!`: not done, due date passed.
    Overdue,
    /// `•`: not done, due today or in the next 6 days.
    DueThisWeek,
    /// `·`: not done, due later.
    Later,
}

impl TaskState {
    #[must_use]
    pub fn of(task: &CampaignTask, today: NaiveDate) -> TaskState {
        if task.done.is_some() {
            TaskState::Done
        } else if task.due < today {
            TaskState::Overdue
        } else if (task.due - today).num_days() < 7 {
            TaskState::DueThisWeek
        } else {
            TaskState::Later
        }
    }

    #[must_use]
    pub fn mark(self) -> &'static str {
        match self {
            TaskState::Done => "✓",
            TaskState::Overdue => "!",
            TaskState::DueThisWeek => "•",
            TaskState::Later => "·",
        }
    }
}

/// The week a date falls in: launch + week × 7 up to the day before the
/// next week (the day before launch is W-1, the day after W0).
#[must_use]
pub fn week_at(launch: NaiveDate, date: NaiveDate) -> i32 {
    let days = (date - launch).num_days();
    i32::try_from(days.div_euclid(7)).unwrap_or(0)
}

/// The week column (W-6 … W+2) a date falls in ([`week_at`]). Dates outside
/// the grid go to its first or last column.
#[must_use]
pub fn week_of(launch: NaiveDate, date: NaiveDate) -> i32 {
    week_at(launch, date).clamp(FIRST_WEEK, LAST_WEEK)
}

/// The timeline's first and last week columns.
pub const FIRST_WEEK: i32 = -6;
pub const LAST_WEEK: i32 = 2;

/// When a campaign launches, seen from today: `in 5w`, `in 3d`, `W0 now`,
/// `W+1 now`, `6w ago` (past W+2).
#[must_use]
pub fn launch_when(launch: NaiveDate, today: NaiveDate) -> String {
    let days = (launch - today).num_days();
    if days >= 7 {
        format!("in {}w", days / 7)
    } else if days > 0 {
        format!("in {days}d")
    } else {
        let week = (-days) / 7;
        if week > i64::from(LAST_WEEK) {
            format!("{week}w ago")
        } else {
            format!("{} now", week_label(i32::try_from(week).unwrap_or(0)))
        }
    }
}

/// The status after `status` in the cycle planning → live → done →
/// cancelled → planning.
#[must_use]
pub fn next_status(status: CampaignStatus) -> CampaignStatus {
    match status {
        CampaignStatus::Planning => CampaignStatus::Live,
        CampaignStatus::Live => CampaignStatus::Done,
        CampaignStatus::Done => CampaignStatus::Cancelled,
        CampaignStatus::Cancelled => CampaignStatus::Planning,
    }
}

/// The tasks that move when the launch date moves: the ones not done (done
/// tasks stay on the date they were due).
#[must_use]
pub fn tasks_moving_with_launch(c: &Campaign) -> Vec<i64> {
    c.tasks
        .iter()
        .filter(|t| t.done.is_none())
        .map(|t| t.id)
        .collect()
}

/// One line of the campaigns list: a campaign across partners, in a few
/// numbers. The store reads these in one query; [`row_of`] gives the same
/// row from a campaign in hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: i64,
    pub partner_id: i64,
    pub partner: String,
    /// The partner's owner (the facet "owner").
    pub owner: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: CampaignType,
    #[serde(with = "super::dates::ymd")]
    pub launch: NaiveDate,
    pub status: CampaignStatus,
    pub done: usize,
    pub total: usize,
    pub percent: u32,
    pub overdue: usize,
    /// Earliest-due open task: title and due date (in JSON an object,
    /// `{"title": …, "due": "2026-11-05"}`, or null).
    #[serde(serialize_with = "next_task", deserialize_with = "read_next_task")]
    pub next: Option<(String, NaiveDate)>,
    /// Our budget: MDF spent on the partner in the launch quarter.
    pub budget_ours: i64,
    /// Revenue closed-won from the campaign (its ROI's numerator).
    pub closed_won_value: i64,
}

impl CampaignRow {
    /// `6.4×`: closed-won $ / our budget, one decimal; None without a
    /// budget or before any closed-won revenue is recorded.
    #[must_use]
    pub fn roi(&self) -> Option<String> {
        (self.budget_ours > 0 && self.closed_won_value > 0).then(|| {
            let tenths = (self.closed_won_value.saturating_mul(10) + self.budget_ours / 2)
                / self.budget_ours;
            format!("{}.{}×", tenths / 10, tenths % 10)
        })
    }
}

/// How many times a task has moved once its due date goes from `due` to
/// `new_due`: one more when the day changes, else as many as before. A
/// calendar reads the count as the event's SEQUENCE, so an event that
/// moved replaces the copy a calendar already has (RFC 5545, 3.8.7.4), and
/// moving it back is one more move, never one less.
#[must_use]
pub fn moves_after(due: NaiveDate, moves: u32, new_due: NaiveDate) -> u32 {
    if new_due == due {
        moves
    } else {
        moves.saturating_add(1)
    }
}

/// The next task as `{"title", "due"}`, never a positional pair.
#[expect(clippy::ref_option, reason = "serde's serialize_with takes &Option")]
fn next_task<S: serde::Serializer>(
    next: &Option<(String, NaiveDate)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Next<'a> {
        title: &'a str,
        #[serde(with = "super::dates::ymd")]
        due: NaiveDate,
    }
    next.as_ref()
        .map(|(title, due)| Next { title, due: *due })
        .serialize(s)
}

/// Read what [`next_task`] wrote.
fn read_next_task<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<(String, NaiveDate)>, D::Error> {
    #[derive(Deserialize)]
    struct Next {
        title: String,
        #[serde(with = "super::dates::ymd")]
        due: NaiveDate,
    }
    Ok(Option::<Next>::deserialize(d)?.map(|n| (n.title, n.due)))
}

#[must_use]
pub fn row_of(partner: &Partner, c: &Campaign, today: NaiveDate) -> CampaignRow {
    let p = progress(c, today);
    CampaignRow {
        id: c.id,
        partner_id: partner.id,
        partner: partner.name.clone(),
        owner: partner.owner.clone(),
        name: c.name.clone(),
        kind: c.kind,
        launch: c.launch,
        status: c.status,
        done: p.done,
        total: p.total,
        percent: p.percent,
        overdue: p.overdue,
        next: p.next,
        budget_ours: c.budget_ours,
        closed_won_value: c.results.closed_won_value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn tasks_are_dated_from_launch() {
        let cfg = ProgramConfig::default();
        let launch = d(2026, 12, 10);
        let tasks = template_tasks(CampaignType::EmailSwap, launch, &cfg);
        assert_eq!(tasks.len(), 12);
        assert_eq!(tasks[0].title, "Align on campaign concept");
        assert_eq!(tasks[0].due, d(2026, 10, 29));
        let live = tasks.iter().find(|t| t.week == 0).expect("launch task");
        assert_eq!(live.due, launch);
        assert_eq!(tasks.last().map(|t| t.due), Some(d(2026, 12, 24)));
    }

    #[test]
    fn a_joint_webinar_has_its_own_timeline() {
        let cfg = ProgramConfig::default();
        let launch = d(2026, 12, 10);
        let tasks = template_tasks(CampaignType::JointWebinar, launch, &cfg);
        assert_eq!(tasks.len(), 25);
        let reminder = tasks
            .iter()
            .find(|t| t.title == "Day-before reminder email")
            .expect("task");
        assert_eq!((reminder.due, reminder.week), (d(2026, 12, 9), -1));
        let recording = tasks
            .iter()
            .find(|t| t.title == "Send recording to registrants")
            .expect("task");
        assert_eq!(recording.due, d(2026, 12, 11));
    }

    #[test]
    fn a_new_campaign_launches_on_a_weekday_six_weeks_out() {
        // Mon 23 Nov 2026 + 6w = Mon 04 Jan 2027.
        assert_eq!(default_launch(d(2026, 11, 23), 6), d(2027, 1, 4));
        // Sat 28 Nov + 6w = Sat 09 Jan → Mon 11 Jan.
        assert_eq!(default_launch(d(2026, 11, 28), 6), d(2027, 1, 11));
        assert_eq!(default_launch(d(2026, 11, 29), 6), d(2027, 1, 11));
    }

    #[test]
    fn a_launch_under_six_weeks_out_is_last_minute() {
        let today = d(2026, 11, 23);
        assert_eq!(last_minute(d(2027, 1, 4), today, 6), None, "6 weeks");
        assert_eq!(
            last_minute(d(2026, 12, 16), today, 6).as_deref(),
            Some("last-minute: 3w 2d to plan, under 6 weeks")
        );
        assert!(
            last_minute(d(2026, 11, 26), today, 6)
                .is_some_and(|w| w.starts_with("last-minute: 3d to plan"))
        );
        assert_eq!(last_minute(d(2026, 11, 20), today, 6), None, "past");
    }

    #[test]
    fn a_lead_model_reads_with_its_process() {
        assert_eq!(
            lead_model_text("Lead share"),
            "Lead share (both get all leads)"
        );
        assert_eq!(
            lead_model_text("round robin"),
            "Round robin (alternate lead assignment)"
        );
        assert_eq!(
            lead_model_text("We qualify, partner closes"),
            "We qualify, partner closes"
        );
    }

    #[test]
    fn week_labels_read_like_the_playbook() {
        assert_eq!(week_label(-6), "W-6");
        assert_eq!(week_label(0), "W0");
        assert_eq!(week_label(2), "W+2");
    }

    #[test]
    fn week_zero_is_launch_day_and_offsets_cross_month_and_year_ends() {
        let launch = d(2026, 12, 31);
        assert_eq!(due_date(launch, 0, 0), launch);
        assert_eq!(due_date(launch, 1, 0), d(2027, 1, 7));
        assert_eq!(due_date(launch, -6, 0), d(2026, 11, 19));
        assert_eq!(due_date(d(2027, 1, 28), 2, 1), d(2027, 2, 12));
        assert_eq!(due_date(d(2026, 1, 3), -1, -1), d(2025, 12, 26));
    }

    #[test]
    fn a_date_falls_in_the_week_column_that_starts_on_or_before_it() {
        let launch = d(2026, 12, 10);
        assert_eq!(week_of(launch, launch), 0);
        assert_eq!(week_of(launch, d(2026, 12, 9)), -1);
        assert_eq!(week_of(launch, d(2026, 12, 16)), 0);
        assert_eq!(week_of(launch, d(2026, 12, 17)), 1);
        assert_eq!(week_of(launch, d(2026, 1, 1)), FIRST_WEEK);
        assert_eq!(week_of(launch, d(2027, 6, 1)), LAST_WEEK);
    }

    #[test]
    fn launch_reads_as_weeks_ahead_or_the_week_it_is_in() {
        let today = d(2026, 11, 23);
        assert_eq!(launch_when(d(2026, 12, 28), today), "in 5w");
        assert_eq!(launch_when(d(2026, 11, 26), today), "in 3d");
        assert_eq!(launch_when(today, today), "W0 now");
        assert_eq!(launch_when(d(2026, 11, 13), today), "W+1 now");
        assert_eq!(launch_when(d(2026, 10, 1), today), "7w ago");
    }

    #[test]
    fn marks_carry_the_state_without_colour() {
        let today = d(2026, 11, 23);
        let mut t = crate::domain::testing::task(1, 0, "x", d(2026, 11, 20));
        assert_eq!(TaskState::of(&t, today).mark(), "!");
        t.due = d(2026, 11, 29);
        assert_eq!(TaskState::of(&t, today).mark(), "•");
        t.due = d(2026, 11, 30);
        assert_eq!(TaskState::of(&t, today).mark(), "·");
        t.done = Some(today);
        assert_eq!(TaskState::of(&t, today).mark(), "✓");
    }
}
