//! Today's order made from small keys equals the rule as written (every
//! section sorted by rank then partner name, ties in the order given, Focus
//! cut to `focus.count`), and Today's lines kept encoded are the lines the
//! rules made, in the same order, after edits too.

use partnerdeck::analyse::{Analyse, PackedLines, front, today_lines, today_packed};
use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::list_row::ListRow;
use partnerdeck::domain::testing::date;
use partnerdeck::domain::today::{SectionKind, TriageEntry};
use partnerdeck::domain::triage::{LineKey, assemble, name_places, order};
use partnerdeck::store::Store;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 23)
}

/// The rule as docs/rules.md states it, on whole lines.
fn by_the_rule(lines: &[(usize, SectionKind, i64, String)], count: usize) -> Vec<Vec<usize>> {
    SectionKind::ALL
        .iter()
        .map(|kind| {
            let mut list: Vec<_> = lines.iter().filter(|l| l.1 == *kind).collect();
            list.sort_by(|a, b| (a.2, &a.3).cmp(&(b.2, &b.3)));
            if *kind == SectionKind::Focus {
                list.truncate(count);
            }
            list.into_iter().map(|l| l.0).collect()
        })
        .collect()
}

#[test]
fn the_order_from_keys_is_the_rule_with_ties_and_a_cut_focus() {
    // Few ranks and few names: ties on rank, on name and on both.
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    for (lines_n, focus) in [(0, 5), (3, 5), (400, 5), (400, 0), (400, 1000), (2000, 7)] {
        let lines: Vec<(usize, SectionKind, i64, String)> = (0..lines_n)
            .map(|n| {
                let section = SectionKind::ALL[usize::try_from(next(4)).expect("small") * 3 % 12];
                let rank = i64::try_from(next(6)).expect("small") - 3;
                // Names alike in their first sixteen bytes, and not.
                let name = match next(3) {
                    0 => format!("Partner {}", next(5)),
                    1 => format!("Partners of the North {}", next(5)),
                    _ => format!("partner {}", next(3)),
                };
                (n, section, rank, name)
            })
            .collect();
        let mut cfg = ProgramConfig::default();
        cfg.focus.count = focus;
        let got = order(
            lines.iter().map(|l| {
                let key = LineKey {
                    section: l.1,
                    rank: l.2,
                    partner: &l.3,
                };
                (l.0, key)
            }),
            &cfg,
        );
        assert_eq!(
            got,
            by_the_rule(&lines, focus),
            "{lines_n} lines, focus {focus}"
        );
        // The names' places order as the names do.
        let names: Vec<&str> = lines.iter().map(|l| l.3.as_str()).collect();
        let places = name_places(&names);
        let by_place = order(
            lines.iter().zip(&places).map(|(l, place)| {
                let key = LineKey {
                    section: l.1,
                    rank: l.2,
                    partner: *place,
                };
                (l.0, key)
            }),
            &cfg,
        );
        assert_eq!(by_place, got, "by place: {lines_n} lines, focus {focus}");
    }
}

/// A demo book stored and scored, and its cache current.
fn stored_demo(partners: usize) -> (tempfile::TempDir, Store) {
    let cfg = ProgramConfig::default();
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("book.db")).expect("open");
    let book = generate(&DemoOptions { partners, seed: 42 }, today(), &cfg);
    store.replace_book(&book).expect("book");
    front(&mut store, today(), &cfg).expect("scored");
    (dir, store)
}

fn decoded(packed: &PackedLines) -> Vec<TriageEntry> {
    (0..packed.len())
        .map(|n| packed.entry(n).expect("decodes"))
        .collect()
}

#[test]
fn lines_kept_encoded_are_the_cached_lines_and_today_made_from_them_is_the_same() {
    let cfg = ProgramConfig::default();
    let (_dir, mut store) = stored_demo(240);
    let rows: Vec<ListRow> = front(&mut store, today(), &cfg).expect("front").rows;
    let lines = today_lines(&store, today(), &cfg, &rows)
        .expect("read")
        .expect("current");
    let packed = today_packed(&store, today(), &cfg, &rows)
        .expect("read")
        .expect("current");
    let flat: Vec<TriageEntry> = lines.iter().flatten().cloned().collect();
    assert!(flat.len() > 240, "a busy book: {} lines", flat.len());
    assert_eq!(decoded(&packed), flat);
    // Each line's partner and key are its own.
    for (n, partner, key) in packed.keys(|p| rows[p].name.as_str()) {
        assert_eq!(key, LineKey::of(&flat[n]));
        assert_eq!(rows[partner].id, flat[n].item.subject.partner());
    }
    // Today put together from the keys is Today from the lines.
    let want = assemble(flat.iter(), &cfg);
    let got = order(
        packed
            .keys(|p| rows[p].name.as_str())
            .map(|(n, _, k)| (n, k)),
        &cfg,
    );
    for (section, list) in want.iter().zip(&got) {
        let items: Vec<_> = list.iter().map(|n| flat[*n].item.clone()).collect();
        assert_eq!(items, section.items, "{}", section.title);
    }
    // The analysis says the same.
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let from_summaries: Vec<TriageEntry> = analysed
        .summaries
        .iter()
        .flat_map(|s| s.today.clone())
        .collect();
    assert_eq!(flat, from_summaries);
}

#[test]
fn a_partner_changed_added_or_removed_changes_only_its_lines() {
    let cfg = ProgramConfig::default();
    let (_dir, mut store) = stored_demo(60);
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let mut rows: Vec<ListRow> = analysed
        .partners
        .iter()
        .zip(&analysed.summaries)
        .map(|(p, s)| ListRow::of(p, s))
        .collect();
    let mut lines: Vec<Vec<TriageEntry>> =
        analysed.summaries.iter().map(|s| s.today.clone()).collect();
    let mut packed = PackedLines::of_entries(&rows, &lines).expect("packed");
    let flat = |lines: &[Vec<TriageEntry>]| lines.iter().flatten().cloned().collect::<Vec<_>>();
    assert_eq!(decoded(&packed), flat(&lines));

    // The busiest partner now has one line of its own.
    let busy = (0..rows.len())
        .max_by_key(|i| lines[*i].len())
        .expect("one");
    let mut fewer = lines[busy].clone();
    fewer.truncate(1);
    packed
        .set_partner(busy, &rows[busy], &fewer)
        .expect("its own lines");
    lines[busy] = fewer;
    assert_eq!(decoded(&packed), flat(&lines));

    // Another partner's lines are refused.
    let other = (busy + 1) % rows.len();
    assert!(
        packed
            .set_partner(other, &rows[other], &lines[busy])
            .is_none()
    );
    assert_eq!(decoded(&packed), flat(&lines));

    // A partner added in the middle, then one removed.
    let copied = (0..rows.len())
        .find(|i| !lines[*i].is_empty())
        .expect("lines");
    let at = rows.len() / 2;
    rows.insert(at, rows[copied].clone());
    lines.insert(at, lines[copied].clone());
    packed
        .insert_partner(at, &rows[at], &lines[at])
        .expect("inserted");
    assert_eq!(decoded(&packed), flat(&lines));
    let whose: Vec<usize> = (0..lines.len())
        .flat_map(|p| std::iter::repeat_n(p, lines[p].len()))
        .collect();
    let got: Vec<usize> = packed
        .keys(|p| rows[p].name.as_str())
        .map(|(_, partner, _)| partner)
        .collect();
    assert_eq!(got, whose);
    packed.remove_partner(1);
    rows.remove(1);
    lines.remove(1);
    assert_eq!(decoded(&packed), flat(&lines));
}
