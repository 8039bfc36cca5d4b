//! QBRs in the book: the one-query list agrees with the partners' files,
//! and planning, holding and cancelling go through the edit pipeline.

mod common;

use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::edit::{Change, Edit, PartnerRef, QbrWhen};
use partnerdeck::domain::qbr::new_qbr;
use partnerdeck::domain::qbr_board::lines_of;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;

#[test]
fn the_qbr_list_query_gives_the_same_lines_as_the_files() {
    let today = date(2026, 11, 23);
    let cfg = ProgramConfig::default();
    let book = partnerdeck::demo::generate(&partnerdeck::demo::DemoOptions::default(), today, &cfg);
    let mut store = Store::open_in_memory().expect("memory book");
    store.replace_book(&book).expect("write");
    let from = date(2026, 1, 1);
    let mut from_files: Vec<_> = store
        .load()
        .expect("load")
        .partners
        .iter()
        .filter(|f| !f.partner.archived)
        .flat_map(lines_of)
        .filter(|l| l.date >= from)
        .collect();
    from_files.sort_by_key(|l| (l.date, l.qbr_id));
    let queried = store.qbr_lines(from).expect("query");
    assert!(!queried.is_empty());
    assert_eq!(queried, from_files);
}

#[test]
fn a_planned_qbr_is_stored_with_its_checklist_and_undo_removes_it() {
    let cfg = ProgramConfig::default();
    let today = date(2026, 11, 25);
    let mut store = Store::open_in_memory().expect("memory book");
    store.replace_book(&common::small_book()).expect("write");
    let litware = store
        .load()
        .expect("load")
        .partners
        .into_iter()
        .find(|f| f.partner.name == "Litware")
        .expect("Litware");
    let who = PartnerRef {
        id: litware.partner.id,
        name: litware.partner.name.clone(),
    };
    let plan = Edit {
        partner: who.clone(),
        change: Change::AddQbr(new_qbr(date(2027, 2, 25), &cfg)),
    };
    let done = store.apply_edit(&plan, today, &cfg).expect("planned");
    assert_eq!(
        done.applied.what,
        "QBR of Thu 25 Feb 2027 with Litware planned"
    );
    let file = store.load_file(who.id).expect("file");
    assert_eq!(file.qbrs.len(), 1);
    assert_eq!(file.qbrs[0].checklist.len(), 14);
    assert_eq!(file.qbrs[0].agenda.len(), 5);
    assert_eq!(done.after.as_ref().map(|(f, _)| &f.qbrs), Some(&file.qbrs));
    let q = &file.qbrs[0];
    let planned = QbrWhen {
        status: q.status,
        date: q.date,
    };
    let cancel = Edit {
        partner: who.clone(),
        change: Change::SetQbr {
            qbr: q.id,
            from: planned,
            to: QbrWhen {
                status: partnerdeck::domain::book::QbrStatus::Cancelled,
                date: q.date,
            },
        },
    };
    let cancelled = store.apply_edit(&cancel, today, &cfg).expect("cancelled");
    store
        .apply_edit(&cancelled.applied.inverse, today, &cfg)
        .expect("uncancelled");
    store
        .apply_edit(&done.applied.inverse, today, &cfg)
        .expect("undone");
    assert!(store.load_file(who.id).expect("file").qbrs.is_empty());
}
