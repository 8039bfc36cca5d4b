//! Every screen on the demo book (seed 42, 60 partners) with the date pinned,
//! at 80x24 and 160x48. Review changes with `cargo insta review`.

mod common;

use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;

/// Keys that bring each screen up from the start (Today).
const SCREENS: [(&str, &str); 15] = [
    ("today", ""),
    ("partners", "2"),
    ("matrix", "2m"),
    ("tiers", "3"),
    ("benefits", "3b"),
    ("qbrs", "4"),
    ("qbr_workspace", "4<Enter>"),
    ("qbr_preview", "4<Enter><Tab>"),
    ("campaigns", "5"),
    ("timeline", "5j<Enter>"),
    ("detail", "2/ridgeline<Enter><Enter>"),
    ("touch", "2/ridgeline<Enter>tcall"),
    ("help", "?"),
    ("partner_form", "2/ridgeline<Enter>e"),
    ("archive_confirm", "2/ridgeline<Enter>A"),
];

#[test]
fn every_screen_at_both_sizes() {
    let today = date(2026, 11, 23);
    let book = generate(&DemoOptions::default(), today, &ProgramConfig::default());
    for (w, h) in [(80, 24), (160, 48)] {
        for (name, keys) in SCREENS {
            let mut app = common::app(&book, today, w, h);
            common::keys(&mut app, keys);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), common::screen(&app));
        }
    }
}
