//! Every screen renders at every size from 1x1 to 200x60 without panic.

mod common;

use partnerdeck::domain::testing::date;

#[test]
fn every_screen_at_every_size() {
    let book = common::small_book();
    let mut app = common::app(&book, date(2026, 11, 25), 80, 24);
    // Today, Partners (table and matrix), Tiers, QBRs, a QBR's workspace
    // and its preview, Campaigns, detail, help.
    let setups: [&str; 10] = [
        "1",
        "2",
        "2m",
        "3",
        "4",
        "4<Enter>",
        "4<Enter><Tab>",
        "5",
        "1<Enter>",
        "?",
    ];
    for setup in setups {
        let mut app_for = common::app(&book, date(2026, 11, 25), 80, 24);
        common::keys(&mut app_for, setup);
        for w in (1..=200).step_by(13).chain([2, 20, 80, 200]) {
            for h in (1..=60).step_by(8).chain([2, 5, 24, 60]) {
                app_for.on_resize(w, h);
                let _ = common::screen(&app_for);
            }
        }
    }
    app.on_resize(1, 1);
    assert_eq!(common::screen(&app).lines().count(), 1);
}
