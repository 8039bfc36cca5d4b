//! The real binary in tmux: a joint webinar launching in five weeks, its
//! timeline, a task ticked (the grid changes), and its calendar file
//! written from the timeline.

mod common;

use common::tmux::{Session, tmux, wait_for};

use partnerdeck::domain::book::CampaignType;
use partnerdeck::domain::campaigns::template_tasks;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;

#[test]
fn a_webinar_five_weeks_out_is_ticked_on_its_timeline_and_exported() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let cfg = ProgramConfig::default();
    let mut book = common::small_book();
    let launch = date(2026, 12, 30);
    let webinar = &mut book.partners[0].campaigns[0];
    webinar.launch = launch;
    webinar.tasks = template_tasks(CampaignType::JointWebinar, launch, &cfg);
    common::number(&mut book);
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&book))
        .expect("book");
    let name = format!("pd-e2e-campaigns-{}", std::process::id());
    let session = Session(name.clone());
    let bin = env!("CARGO_BIN_EXE_partnerdeck");
    let script = format!(
        "cd '{}' && '{bin}' --db '{}' --today 2026-11-25; sleep 30",
        dir.path().display(),
        db.display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-x",
        "80",
        "-y",
        "24",
        "-s",
        &session.0,
        "sh",
        "-c",
        &script,
    ]);
    wait_for(&name, "Overdue or due today");

    tmux(&["send-keys", "-t", &name, "5"]);
    let list = wait_for(&name, "Q4 webinar with Northwind");
    assert!(list.contains("in 5w"), "{list}");

    tmux(&["send-keys", "-t", &name, "Enter"]);
    let grid = wait_for(&name, "! Align on campaign");
    assert!(grid.contains("launch Wed 30 Dec 2026 (in 5w)"), "{grid}");
    assert!(grid.contains("0/25 done · 1 ove"), "{grid}");
    assert!(grid.contains("• Finalize brief"), "due today: {grid}");

    tmux(&["send-keys", "-t", &name, "x"]);
    let ticked = wait_for(&name, "✓ Align on campaign");
    assert!(ticked.contains("1/25 done · 0 ove"), "{ticked}");

    tmux(&["send-keys", "-t", &name, "i"]);
    wait_for(&name, "wrote 25 tasks to q4-webinar-with-northwind.ics");
    let ics = std::fs::read_to_string(dir.path().join("q4-webinar-with-northwind.ics"))
        .expect("the calendar file");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 25);
    assert!(ics.contains("SUMMARY:✓ Align on campaign concept"), "{ics}");

    tmux(&["send-keys", "-t", &name, "u"]);
    wait_for(&name, "! Align on campaign");
    tmux(&["send-keys", "-t", &name, "q"]);
}

#[test]
fn a_joint_webinar_is_set_up_through_the_form_and_its_timeline_follows_a_tick() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("book");
    let name = format!("pd-e2e-new-campaign-{}", std::process::id());
    let session = Session(name.clone());
    let bin = env!("CARGO_BIN_EXE_partnerdeck");
    let script = format!(
        "'{bin}' --db '{}' --today 2026-11-25; sleep 30",
        db.display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        &session.0,
        "sh",
        "-c",
        &script,
    ]);
    wait_for(&name, "Overdue or due today");
    tmux(&["send-keys", "-t", &name, "5"]);
    wait_for(&name, "Q4 webinar with Northwind");
    // n: partner filled in, type joint_webinar, launch on the first
    // weekday six weeks out (its W-6 is today).
    tmux(&["send-keys", "-t", &name, "n"]);
    wait_for(&name, "New campaign");
    tmux(&["send-keys", "-t", &name, "Tab", "Tab"]);
    tmux(&["send-keys", "-t", &name, "-l", "Cutting cloud costs"]);
    tmux(&["send-keys", "-t", &name, "Enter"]);
    // The list's count moves only once the form has saved (the typed name
    // shows in the form before that).
    let list = wait_for(&name, "2 campaigns");
    assert!(list.contains("Cutting cloud costs"), "{list}");
    assert!(list.contains("in 6w"), "{list}");
    // The new campaign is second by launch; its timeline, then a tick.
    tmux(&["send-keys", "-t", &name, "j", "Enter"]);
    let grid = wait_for(&name, "• Align on campaign");
    assert!(grid.contains("launch Wed 06 Jan 2027 (in 6w)"), "{grid}");
    tmux(&["send-keys", "-t", &name, "x"]);
    wait_for(&name, "✓ Align on campaign");
    tmux(&["send-keys", "-t", &name, "q"]);
    let book = Store::open(&db).and_then(|s| s.load()).expect("book");
    let c = book
        .partners
        .iter()
        .flat_map(|f| &f.campaigns)
        .find(|c| c.name == "Cutting cloud costs")
        .expect("the campaign is in the book");
    assert_eq!(c.kind, CampaignType::JointWebinar);
    assert!(c.tasks.iter().any(|t| t.done.is_some()));
}
