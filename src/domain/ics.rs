//! A campaign's tasks as an RFC 5545 calendar: one all-day event per task,
//! a UID per task that is stable and names the book (importing again
//! updates the events rather than adding them twice; two books' events
//! never take each other's place), a SEQUENCE that grows each time the
//! task moves, and DTSTAMP from the book, so the same book gives the same
//! file byte for byte (docs/rules.md, "Campaign calendar").

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use super::book::{Campaign, CampaignTask, Partner};
use super::campaigns::week_label;
use super::dates::add_days;
use super::text::display_safe;

/// Names the program that wrote the file; fixed, so exports compare equal.
pub const PRODID: &str = "-//partnerdeck//campaign tasks//EN";

/// The UID of a task's event in the book `book_id`:
/// `task-42-1f0c9e2ab4d87a3c@partnerdeck`. A task's id is only unique in
/// its book; the book's id makes the UID unique across books.
#[must_use]
pub fn task_uid(book_id: &str, task: &CampaignTask) -> String {
    format!("task-{}-{book_id}@partnerdeck", task.id)
}

/// `text` as an RFC 5545 TEXT value (3.3.11): backslash, semicolon, comma
/// and line breaks escaped. For `NAME`, which the icalendar crate writes
/// raw (it escapes the properties it knows as text, `X-WR-CALNAME` among
/// them).
fn text_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
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

/// The calendar of a campaign's tasks in the book `book_id`
/// (`Store::book_id`), as text with CRLF line ends.
#[must_use]
pub fn calendar(book_id: &str, partner: &Partner, campaign: &Campaign) -> String {
    let mut cal = Calendar::empty();
    let name = format!(
        "{} · {}",
        display_safe(&campaign.name),
        display_safe(&partner.name)
    );
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("NAME", text_value(&name)))
        .append_property(Property::new("X-WR-CALNAME", name));
    let dtstamp = stamp(partner, campaign);
    for task in &campaign.tasks {
        let end: NaiveDate = add_days(task.due, 1);
        let owner = display_safe(&task.owner);
        let event = icalendar::Event::new()
            .uid(&task_uid(book_id, task))
            .sequence(task.moves)
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
