//! QBR rules against hand-worked cases: due dates, prep, completion, which
//! checklist items are work on Today, the next quarter's date, and the
//! agenda's facts as of a date.

use partnerdeck::domain::agenda::markdown;
use partnerdeck::domain::analysis::summarize;
use partnerdeck::domain::book::{
    ActionItem, Activity, ActivityKind, QbrPhase, QbrStatus, Side, Tier, TierChange,
};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::qbr::{QbrState, is_missed, item_due, new_qbr, prep, quarter_after};
use partnerdeck::domain::qbr_board::{board, lines_of};
use partnerdeck::domain::testing::{date, month, partner_file, revenue};
use partnerdeck::domain::today::Subject;

fn numbered(f: &mut partnerdeck::domain::book::PartnerFile) {
    let mut id = 0;
    for q in &mut f.qbrs {
        id += 1;
        q.id = id;
        for c in &mut q.checklist {
            id += 1;
            c.id = id;
        }
        for a in &mut q.actions {
            id += 1;
            a.id = id;
        }
    }
    f.normalize();
}

/// Titles of the checklist items Today lists for the partner.
fn work(f: &partnerdeck::domain::book::PartnerFile, today: chrono::NaiveDate) -> Vec<String> {
    let cfg = ProgramConfig::default();
    let s = summarize(f, today, &cfg);
    let mut out: Vec<String> = s
        .today
        .iter()
        .filter(|e| matches!(e.item.subject, Subject::ChecklistItem { .. }))
        .map(|e| e.item.title.split(" · ").next().unwrap_or("").to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn checklist_items_fall_due_at_d_minus_7_d_minus_3_d_and_d_plus_2() {
    let cfg = ProgramConfig::default();
    let q = new_qbr(date(2027, 2, 25), &cfg);
    let due = |phase: QbrPhase| {
        let mut d: Vec<_> = q
            .checklist
            .iter()
            .filter(|c| c.phase == phase)
            .map(|c| item_due(&q, c))
            .collect();
        d.sort();
        d.dedup();
        d
    };
    assert_eq!(
        due(QbrPhase::Before),
        vec![date(2027, 2, 18), date(2027, 2, 22)]
    );
    assert_eq!(due(QbrPhase::During), vec![date(2027, 2, 25)]);
    assert_eq!(due(QbrPhase::After), vec![date(2027, 2, 27)]);
    assert_eq!(prep(&q).percent, 0);
}

#[test]
fn a_missed_qbr_lists_only_its_before_items_as_work() {
    // Planned for 10 Nov, 15 days past: missed. Its After items (due 12 Nov)
    // and During items are never overdue; its Before items still are.
    let cfg = ProgramConfig::default();
    let mut f = partner_file("Acme");
    f.qbrs = vec![new_qbr(date(2026, 11, 10), &cfg)];
    numbered(&mut f);
    let today = date(2026, 11, 25);
    assert_eq!(
        work(&f, today),
        vec![
            "Draft agenda and share",
            "Gather feedback",
            "Identify opportunities",
            "Prepare pipeline report",
            "Pull performance data"
        ]
    );
}

#[test]
fn after_items_are_due_only_once_the_qbr_is_held() {
    let cfg = ProgramConfig::default();
    let mut f = partner_file("Acme");
    f.qbrs = vec![new_qbr(date(2026, 11, 24), &cfg)];
    for c in &mut f.qbrs[0].checklist {
        if c.phase == QbrPhase::Before {
            c.done = Some(date(2026, 11, 20));
        }
    }
    numbered(&mut f);
    // The day after: not held yet, After items (due the 26th) are not work.
    assert!(work(&f, date(2026, 11, 25)).is_empty());
    // Held: the After items are work ("Create tasks for action items" is
    // satisfied: there is no action item without a due date).
    f.qbrs[0].status = QbrStatus::Held;
    assert_eq!(
        work(&f, date(2026, 11, 25)),
        vec![
            "Follow up on commitments",
            "Schedule next QBR",
            "Send meeting notes"
        ]
    );
}

#[test]
fn create_tasks_is_satisfied_when_every_action_item_has_a_due_date() {
    let cfg = ProgramConfig::default();
    let mut f = partner_file("Acme");
    let mut q = new_qbr(date(2026, 11, 24), &cfg);
    q.status = QbrStatus::Held;
    let action = |due| ActionItem {
        id: 0,
        owner: Side::Partner,
        text: "Send the joint plan".into(),
        due,
        done: None,
    };
    q.actions = vec![action(Some(date(2026, 12, 4))), action(None)];
    f.qbrs = vec![q];
    numbered(&mut f);
    let today = date(2026, 11, 25);
    assert!(work(&f, today).contains(&"Create tasks for action items".to_string()));
    f.qbrs[0].actions[1].due = Some(date(2026, 12, 11));
    assert!(!work(&f, today).contains(&"Create tasks for action items".to_string()));
}

#[test]
fn completion_counts_held_and_missed_but_never_cancelled_or_recent() {
    let cfg = ProgramConfig::default();
    let today = date(2026, 11, 25);
    let mut f = partner_file("Acme");
    let status = |d, s| {
        let mut q = new_qbr(d, &cfg);
        q.status = s;
        q
    };
    f.qbrs = vec![
        status(date(2026, 2, 10), QbrStatus::Held),
        status(date(2026, 5, 12), QbrStatus::Held),
        status(date(2026, 8, 11), QbrStatus::Held),
        status(date(2026, 6, 1), QbrStatus::Cancelled),
        status(date(2026, 9, 30), QbrStatus::Planned), // missed
        status(date(2026, 11, 24), QbrStatus::Planned), // 1 day past: not yet
        status(date(2025, 8, 1), QbrStatus::Planned),  // missed, before the window
    ];
    numbered(&mut f);
    let b = board(lines_of(&f), Vec::new(), today, &cfg);
    assert_eq!((b.completion.held, b.completion.missed), (3, 1));
    assert_eq!(b.completion.percent, Some(75));
    assert_eq!(b.completion.target_percent, 90);
    assert_eq!(b.cancelled.len(), 1);
    assert_eq!(b.missed.len(), 1);
    let s = summarize(&f, today, &cfg);
    assert_eq!((s.qbr_tally.held, s.qbr_tally.missed), (3, 1));
}

#[test]
fn the_next_quarters_qbr_is_13_weeks_later_on_the_nearest_weekday() {
    // Thu 26 Nov 2026 + 91 days = Thu 25 Feb 2027.
    assert_eq!(quarter_after(date(2026, 11, 26)), date(2027, 2, 25));
    // + 91 from a Saturday is a Saturday: the Friday before.
    assert_eq!(quarter_after(date(2026, 11, 28)), date(2027, 2, 26));
    // From a Sunday: the Monday after, 92 days on (still within the cadence).
    assert_eq!(quarter_after(date(2026, 11, 29)), date(2027, 3, 1));
}

#[test]
fn a_held_qbrs_agenda_does_not_change_when_later_records_arrive() {
    let cfg = ProgramConfig::default();
    let mut f = partner_file("Acme");
    f.revenue = vec![
        revenue(month(2025, 10), 10_000, 2_000),
        revenue(month(2026, 7), 20_000, 5_000),
        revenue(month(2026, 10), 30_000, 4_000),
    ];
    f.activities = vec![Activity {
        id: 1,
        date: date(2026, 10, 20),
        kind: ActivityKind::Call,
        summary: "Prep call".into(),
        contact: None,
    }];
    let mut q = new_qbr(date(2026, 10, 29), &cfg);
    q.status = QbrStatus::Held;
    f.qbrs = vec![q];
    numbered(&mut f);
    let before = markdown(&f, &f.qbrs[0], date(2026, 11, 5), &cfg);
    assert!(before.contains("# QBR: Acme — Thu 29 Oct 2026"), "{before}");
    assert!(before.contains("facts as of Thu 29 Oct 2026"), "{before}");
    assert!(
        before.contains("Revenue this quarter, Q4 2026: sourced $30K, influenced $4K"),
        "{before}"
    );
    assert!(
        before.contains("Last quarter, Q3 2026: sourced $20K, influenced $5K"),
        "{before}"
    );
    assert!(
        before.contains("Same quarter a year ago, Q4 2025: sourced $10K, influenced $2K"),
        "{before}"
    );
    assert!(
        before.contains("Tue 20 Oct 2026 call: Prep call"),
        "{before}"
    );
    // Later records, and the agenda read weeks later: the same text.
    f.revenue.push(revenue(month(2026, 11), 90_000, 9_000));
    f.activities.push(Activity {
        id: 2,
        date: date(2026, 11, 3),
        kind: ActivityKind::Meeting,
        summary: "After the QBR".into(),
        contact: None,
    });
    // A promotion after the QBR: the agenda keeps the tier it had then.
    f.partner.tier = Tier::Silver;
    f.tier_changes.push(TierChange {
        id: 1,
        from: Tier::Registered,
        to: Tier::Silver,
        date: date(2026, 11, 10),
        reason: "by hand".into(),
        provisional: false,
    });
    let later = markdown(&f, &f.qbrs[0], date(2026, 12, 20), &cfg);
    assert_eq!(later, before);
    assert!(later.contains("- Tier Registered:"), "{later}");
}

#[test]
fn an_upcoming_qbrs_agenda_takes_its_facts_as_of_today() {
    let cfg = ProgramConfig::default();
    let mut f = partner_file("Acme");
    f.qbrs = vec![new_qbr(date(2027, 2, 25), &cfg)];
    numbered(&mut f);
    let text = markdown(&f, &f.qbrs[0], date(2026, 11, 25), &cfg);
    assert!(text.contains("Status: upcoming · 60 minutes · facts as of Wed 25 Nov 2026"));
    for heading in [
        "## 1. Relationship check (5 min)",
        "## 2. Performance review (15 min)",
        "## 3. Pipeline review (15 min)",
        "## 4. Joint planning (15 min)",
        "## 5. Resources/Support (10 min)",
        "## Action items",
    ] {
        assert!(text.contains(heading), "{heading} in {text}");
    }
}

#[test]
fn a_planned_qbr_is_missed_only_more_than_missed_after_days_past() {
    // missed_after_days = 2: planned for 10 Nov, still upcoming on 12 Nov,
    // missed from 13 Nov (docs/rules.md, "QBRs").
    let cfg = ProgramConfig::default();
    assert_eq!(cfg.qbr.missed_after_days, 2);
    let q = new_qbr(date(2026, 11, 10), &cfg);
    assert!(!is_missed(&q, date(2026, 11, 12), &cfg));
    assert!(is_missed(&q, date(2026, 11, 13), &cfg));
    let state = |today| QbrState::of(q.status, q.date, today, &cfg).title();
    assert_eq!(
        (state(date(2026, 11, 12)), state(date(2026, 11, 13))),
        ("upcoming", "missed")
    );
}

#[test]
fn data_in_the_agenda_reads_as_written_and_notes_stay_markdown_without_html() {
    // A partner name, an action item and a deal that look like Markdown
    // and HTML; notes with Markdown and a script; a held QBR's own note.
    let cfg = ProgramConfig::default();
    let mut f = partner_file("*Star* Partners | <b>Bold</b> <img onerror=alert(1)>");
    let mut q = new_qbr(date(2026, 10, 29), &cfg);
    q.status = QbrStatus::Held;
    q.notes = "Went **well** <script>alert(1)</script>".into();
    q.agenda[0].notes = "- [plan](https://example.com) & next steps\n<iframe src=x>".into();
    q.actions = vec![ActionItem {
        id: 0,
        owner: Side::Us,
        text: "Send the <b>deck</b> & _pricing_ [v2]".into(),
        due: Some(date(2026, 11, 6)),
        done: None,
    }];
    f.qbrs = vec![q];
    numbered(&mut f);
    let text = markdown(&f, &f.qbrs[0], date(2026, 11, 25), &cfg);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "# QBR: \\*Star\\* Partners \\| &lt;b\\>Bold&lt;/b\\> &lt;img onerror=alert(1)\\> — Thu 29 Oct 2026"
    );
    assert!(
        text.contains(
            "Status: held · 60 minutes · facts as of Thu 29 Oct 2026\n\nNote:\n\n> Went **well** &lt;script>alert(1)&lt;/script>\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Notes:\n\n> - [plan](https://example.com) & next steps\n> &lt;iframe src=x>\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "## Action items\n\n- [ ] us: Send the &lt;b\\>deck&lt;/b\\> & \\_pricing\\_ \\[v2\\] — due Fri 06 Nov 2026\n"
        ),
        "{text}"
    );
    assert!(!text.contains("<b>") && !text.contains("<script") && !text.contains("<img"));
}
