//! The campaigns list read in one query matches the rules applied to each
//! campaign, and campaign edits land in the book and come back on undo.

use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::book::CampaignStatus;
use partnerdeck::domain::campaigns::{row_of, tasks_moving_with_launch};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::edit::{Change, Edit, PartnerRef};
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 23)
}

#[test]
fn the_list_query_gives_the_rows_the_rules_give() {
    let cfg = ProgramConfig::default();
    let book = generate(&DemoOptions::default(), today(), &cfg);
    let mut store = Store::open_in_memory().expect("memory book");
    store.replace_book(&book).expect("write");
    let rows = store.campaign_rows(today()).expect("rows");
    let mut expected: Vec<_> = book
        .partners
        .iter()
        .filter(|f| !f.partner.archived)
        .flat_map(|f| f.campaigns.iter().map(|c| row_of(&f.partner, c, today())))
        .collect();
    expected.sort_by_key(|r| (r.launch, r.id));
    assert!(rows.len() > 5, "the demo has campaigns in flight");
    assert!(rows.iter().any(|r| r.overdue > 0));
    assert_eq!(rows, expected);
}

#[test]
fn a_launch_move_and_a_status_change_are_written_and_undone() {
    let cfg = ProgramConfig::default();
    let book = generate(&DemoOptions::default(), today(), &cfg);
    let mut store = Store::open_in_memory().expect("memory book");
    store.replace_book(&book).expect("write");
    let file = book
        .partners
        .iter()
        .find(|f| {
            f.campaigns
                .iter()
                .any(|c| c.tasks.iter().any(|t| t.done.is_some()))
        })
        .expect("a campaign with a done task");
    let c = file
        .campaigns
        .iter()
        .find(|c| c.tasks.iter().any(|t| t.done.is_some()))
        .expect("campaign");
    let partner = PartnerRef {
        id: file.partner.id,
        name: file.partner.name.clone(),
    };
    let to = c.launch + chrono::Days::new(7);
    let edit = Edit {
        partner: partner.clone(),
        change: Change::MoveLaunch {
            campaign: c.id,
            from: c.launch,
            to,
            tasks: tasks_moving_with_launch(c),
        },
    };
    let done = store.apply_edit(&edit, today(), &cfg).expect("moved");
    let after = store.load_file(file.partner.id).expect("file");
    let moved = after.campaigns.iter().find(|x| x.id == c.id).expect("c");
    assert_eq!(moved.launch, to);
    for t in &c.tasks {
        let now = moved.tasks.iter().find(|x| x.id == t.id).expect("task");
        let want = if t.done.is_some() {
            t.due
        } else {
            t.due + chrono::Days::new(7)
        };
        assert_eq!(now.due, want, "{}", t.title);
    }
    store
        .apply_edit(&done.applied.inverse, today(), &cfg)
        .expect("undone");
    let back = store.load_file(file.partner.id).expect("file");
    // As it was, each open task having moved twice (there and back: its
    // calendar SEQUENCE never goes back).
    let mut want = c.clone();
    for t in &mut want.tasks {
        if t.done.is_none() {
            t.moves += 2;
        }
    }
    assert_eq!(
        back.campaigns.iter().find(|x| x.id == c.id),
        Some(&want),
        "undo gives the campaign back as it was"
    );

    let status = Edit {
        partner,
        change: Change::SetStatus {
            campaign: c.id,
            from: c.status,
            to: CampaignStatus::Cancelled,
        },
    };
    store.apply_edit(&status, today(), &cfg).expect("status");
    let rows = store.campaign_rows(today()).expect("rows");
    let row = rows.iter().find(|r| r.id == c.id).expect("row");
    assert_eq!(row.status, CampaignStatus::Cancelled);
}

#[test]
fn a_removed_task_is_deleted_and_comes_back_with_its_id() {
    let cfg = ProgramConfig::default();
    let book = generate(&DemoOptions::default(), today(), &cfg);
    let mut store = Store::open_in_memory().expect("memory book");
    store.replace_book(&book).expect("write");
    let file = book
        .partners
        .iter()
        .find(|f| !f.campaigns.is_empty())
        .expect("a partner with a campaign");
    let c = &file.campaigns[0];
    let task = c.tasks[0].clone();
    let edit = Edit {
        partner: PartnerRef {
            id: file.partner.id,
            name: file.partner.name.clone(),
        },
        change: Change::RemoveTask {
            campaign: c.id,
            task: task.clone(),
        },
    };
    let done = store.apply_edit(&edit, today(), &cfg).expect("removed");
    let after = store.load_file(file.partner.id).expect("file");
    assert_eq!(after.campaigns[0].tasks.len(), c.tasks.len() - 1);
    store
        .apply_edit(&done.applied.inverse, today(), &cfg)
        .expect("undone");
    let back = store.load_file(file.partner.id).expect("file");
    assert_eq!(&back.campaigns[0], c);
}
