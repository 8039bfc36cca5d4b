//! Wide (CJK, emoji) and combining characters in names keep the columns
//! of the partner table aligned.

mod common;

use partnerdeck::domain::testing::{date, partner_file};
use unicode_width::UnicodeWidthStr;

#[test]
fn the_tier_column_starts_at_the_same_place_on_every_row() {
    let mut book = common::small_book();
    for name in [
        "Café Ole\u{301} ☕",
        "한빛 클라우드",
        "Nordlicht 🚀 Systems",
    ] {
        book.partners.push(partner_file(name));
    }
    common::number(&mut book);
    let mut app = common::app(&book, date(2026, 11, 25), 100, 20);
    common::keys(&mut app, "2ssss"); // Partners, sorted by name
    let text = common::screen(&app);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("Registered") || l.contains("Gold"))
        .collect();
    assert_eq!(rows.len(), 6, "{text}");
    let column = |row: &str| {
        let at = row
            .find("Registered")
            .or_else(|| row.find("Gold"))
            .expect("tier");
        row[..at].width()
    };
    let first = column(rows[0]);
    for row in &rows {
        assert_eq!(column(row), first, "misaligned:\n{text}");
    }
}
