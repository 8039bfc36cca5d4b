//! A campaign's tasks as an RFC 5545 calendar: one all-day event per task,
//! a stable UID per task (importing again updates the events rather than
//! adding them twice) and DTSTAMP from the book, so the same book gives the
//! same file byte for byte (docs/rules.md, "Campaign calendar").

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use super::book::{Campaign, CampaignTask, Partner};
use super::campaigns::week_label;
use super::dates::add_days;
use super::text::display_safe;

/// Names the program that wrote the file; fixed, so exports compare equal.
pub const PRODID: &str = "-//partnerdeck//campaign tasks//EN";

/// The UID of a task's event: `task-42@partnerdeck`.
#[must_use]
pub fn task_uid(task: &CampaignTask) -> String {
    format!("task-{}@partnerdeck", task.id)
}

/// The event title: `✓ Dry run with speakers · Q4 webinar (Contoso)` for a
/// done task, without the mark for an open one.
#[must_use]
pub fn summary(task: &CampaignTask, campaign: &Campaign, partner: &Partner) -> String {
    let mark = if task.done.is_some() { "✓ " } else { "" };
    format!(
        "{mark}{} · {} ({})",
        display_safe(&task.title),
        display_safe(&campaign.name),
        display_safe(&partner.name)
    )
}

/// The time every event is stamped with: when the partner's records were
/// last changed (its `updated_at`), else the launch day at midnight UTC.
fn stamp(partner: &Partner, campaign: &Campaign) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&partner.updated_at).map_or_else(
        |_| campaign.launch.and_time(NaiveTime::MIN).and_utc(),
        |t| t.with_timezone(&Utc),
    )
}

/// The calendar of a campaign's tasks, as text with CRLF line ends.
#[must_use]
pub fn calendar(partner: &Partner, campaign: &Campaign) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.name(&format!(
        "{} · {}",
        display_safe(&campaign.name),
        display_safe(&partner.name)
    ));
    let dtstamp = stamp(partner, campaign);
    for task in &campaign.tasks {
        let end: NaiveDate = add_days(task.due, 1);
        let owner = display_safe(&task.owner);
        let event = icalendar::Event::new()
            .uid(&task_uid(task))
            .timestamp(dtstamp)
            .summary(&summary(task, campaign, partner))
            .description(&format!(
                "{} · owner {owner} · {} campaign, launch {}",
                week_label(task.week),
                campaign.kind,
                campaign.launch.format("%Y-%m-%d")
            ))
            .starts(task.due)
            .ends(end)
            .done();
        cal.push(event);
    }
    cal.to_string()
}
