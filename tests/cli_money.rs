//! The money commands as a finance person or a manager runs them: the
//! commission payout statement (text, CSV, JSON) on a book with the seed's
//! scenarios.

mod common;

use common::csv::{ok, pd, refused};
use partnerdeck::domain::book::{Attribution, Book, DealStage, PartnerFile, PartnerType, Tier};
use partnerdeck::domain::testing::{FileBuilder, date, deal, partner_file};

fn won(
    value: i64,
    closed: chrono::NaiveDate,
    attribution: Attribution,
) -> partnerdeck::domain::book::Deal {
    let mut d = deal(date(2026, 1, 5));
    d.name = format!("Deal of {value}");
    d.value = Some(value);
    d.stage = DealStage::Won;
    d.closed = Some(closed);
    d.attribution = attribution;
    d
}

fn partner(name: &str, kind: PartnerType, tier: Tier) -> PartnerFile {
    let mut f = partner_file(name);
    f.partner.kind = Some(kind);
    f.partner.tier = tier;
    f
}

/// Kestrel (Gold reseller: $100K sourced, $40K influenced), a referral
/// partner ($24K), an affiliate ($24K, 15% × 24) and an OEM ($400K in the year).
fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let mut book = Book {
        partners: vec![
            partner("Kestrel", PartnerType::Reseller, Tier::Gold)
                .with_deal(won(100_000, date(2026, 10, 2), Attribution::Sourced))
                .with_deal(won(40_000, date(2026, 11, 3), Attribution::Influenced)),
            partner("Referrer", PartnerType::Referral, Tier::Silver).with_deal(won(
                24_000,
                date(2026, 10, 20),
                Attribution::Sourced,
            )),
            partner("Affiliate", PartnerType::Affiliate, Tier::Silver).with_deal(won(
                24_000,
                date(2026, 9, 15),
                Attribution::Sourced,
            )),
            partner("Oem Co", PartnerType::Oem, Tier::Gold)
                .with_deal(won(150_000, date(2026, 2, 1), Attribution::Sourced))
                .with_deal(won(250_000, date(2026, 10, 12), Attribution::Sourced)),
        ],
        ..Default::default()
    };
    common::number(&mut book);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    partnerdeck::store::Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .expect("book");
    (dir, path)
}

#[test]
fn the_statement_lists_what_falls_due_this_quarter_with_its_arithmetic() {
    let (_d, db) = book();
    let (out, _) = ok(pd(&db).arg("commissions"));
    assert!(
        out.starts_with(
            "Commissions due Thu 01 Oct 2026 – Wed 25 Nov 2026 · 6 payments · $99,400\n"
        ),
        "{out}"
    );
    for line in [
        "Gold 20% of $100,000 = $20,000",
        "influenced: half of Gold 20% = 10% of $40,000 = $4,000",
        "total Kestrel",
        "one-time 20% of first-year $24,000 = $4,800",
        "recurring 15% of $24,000 / 12 = $300, month 2 of 24",
        "2026 volume $150,000 → $400,000: $100,000 at 25% + $150,000 at 30% = $70,000",
    ] {
        assert!(out.contains(line), "missing `{line}` in\n{out}");
    }
    // September's first month of the affiliate share is last quarter's.
    assert!(!out.contains("month 1 of 24"), "{out}");
}

#[test]
fn the_csv_is_a_statement_a_spreadsheet_can_add_up() {
    let (_d, db) = book();
    let (out, _) = ok(pd(&db).args([
        "commissions",
        "--csv",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]));
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "partner_id,partner,deal_id,deal,closed,due,attribution,value,model,rate_pct,installment,commission,arithmetic"
        )
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let sum = |partner: &str| -> i64 {
        rows.iter()
            .filter(|r| r[1] == partner)
            .map(|r| r[11].parse::<i64>().expect("an integer commission"))
            .sum()
    };
    assert_eq!(sum("Kestrel"), 24_000);
    assert_eq!(sum("Referrer"), 4_800);
    // Four months of $300 in 2026 (Sep to Dec).
    assert_eq!(sum("Affiliate"), 1_200);
    assert_eq!(sum("Oem Co"), 102_500);
    assert!(out.contains(",tier_rate,10,,4000,"), "{out}");
    assert!(out.contains(",recurring,15,4/24,300,"), "{out}");
}

#[test]
fn the_json_groups_payments_by_partner() {
    let (_d, db) = book();
    let (out, _) = ok(pd(&db).args([
        "commissions",
        "--json",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["format"], "partnerdeck-commissions");
    assert_eq!(v["from"], "2026-10-01");
    assert_eq!(v["total"], 20_000 + 4_800 + 300 + 70_000);
    let kestrel = &v["partners"][1];
    assert_eq!(kestrel["partner"], "Kestrel");
    assert_eq!(kestrel["payments"][0]["amount"], 20_000);
    assert_eq!(kestrel["payments"][0]["model"], "tier_rate");
}

#[test]
fn an_empty_period_is_refused_and_a_quiet_one_says_so() {
    let (_d, db) = book();
    let err = refused(pd(&db).args(["commissions", "--from", "2026-12-01", "--to", "2026-11-01"]));
    assert!(
        err.contains("--from 2026-12-01 is after --to 2026-11-01"),
        "{err}"
    );
    let (out, _) = ok(pd(&db).args(["commissions", "--from", "2025-01-01", "--to", "2025-01-31"]));
    assert!(out.ends_with("nothing falls due in this period\n"), "{out}");
}
