//! Co-marketing campaigns: tasks from the timeline template, their due dates
//! and how the campaign is going (docs/rules.md, "Campaigns").

use chrono::NaiveDate;
use serde::Serialize;

use super::book::{Campaign, CampaignTask, CampaignType};
use super::config::{ProgramConfig, TaskTemplate};
use super::dates::add_days;
use super::format::percent_of;

/// Due date of a task `week` weeks (plus `day_offset` days) from launch.
#[must_use]
pub fn due_date(launch: NaiveDate, week: i32, day_offset: i32) -> NaiveDate {
    add_days(launch, i64::from(week) * 7 + i64::from(day_offset))
}

/// The tasks a new campaign of this type gets. Ids are 0: the store assigns them.
#[must_use]
pub fn template_tasks(
    kind: CampaignType,
    launch: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<CampaignTask> {
    let extra: &[TaskTemplate] = if kind == CampaignType::JointWebinar {
        &cfg.campaigns.webinar_tasks
    } else {
        &[]
    };
    let mut tasks: Vec<CampaignTask> = cfg
        .campaigns
        .tasks
        .iter()
        .chain(extra)
        .map(|t| CampaignTask {
            id: 0,
            week: t.week,
            title: t.title.clone(),
            owner: t.owner.clone(),
            due: due_date(launch, t.week, t.day_offset),
            done: None,
        })
        .collect();
    tasks.sort_by_key(|t| (t.due, t.week));
    tasks
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
    fn a_joint_webinar_adds_the_webinar_checklist() {
        let cfg = ProgramConfig::default();
        let launch = d(2026, 12, 10);
        let tasks = template_tasks(CampaignType::JointWebinar, launch, &cfg);
        assert_eq!(tasks.len(), 24);
        let reminder = tasks
            .iter()
            .find(|t| t.title == "Day-before reminder email")
            .expect("task");
        assert_eq!(reminder.due, d(2026, 12, 9));
        let recording = tasks
            .iter()
            .find(|t| t.title == "Send recording to registrants")
            .expect("task");
        assert_eq!(recording.due, d(2026, 12, 11));
    }

    #[test]
    fn week_labels_read_like_the_playbook() {
        assert_eq!(week_label(-6), "W-6");
        assert_eq!(week_label(0), "W0");
        assert_eq!(week_label(2), "W+2");
    }
}
