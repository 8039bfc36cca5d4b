//! `partnerdeck prospects`: a CRM's prospects come in at recruit and are
//! listed, best scorecard first, with their reading.

mod common;

use common::csv::{import, ok, pd};

#[test]
fn a_salesforce_prospect_comes_in_at_recruit_and_is_listed() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let csv = dir.path().join("accounts.csv");
    std::fs::write(
        &csv,
        "\"Account ID\",\"Account Name\",\"Type\",\"Account Owner\"\n\
         \"0015g00000AbCdE\",\"Fabrikam Inc\",\"Technology Partner\",\"Dana\"\n\
         \"0015g00000AbCdG\",\"Adatum Corp\",\"Prospect\",\"Dana\"\n",
    )
    .expect("csv");
    import(&db, "partners", &csv);
    let (text, _) = ok(pd(&db).arg("prospects"));
    assert!(
        text.starts_with("Prospects · Wed 25 Nov 2026 · 1 at recruit, best scorecard first\n"),
        "{text}"
    );
    assert!(
        text.contains("\nAdatum Corp  not scored · 0 days in recruit  [Dana]\n"),
        "{text}"
    );
    assert!(
        !text.contains("Fabrikam"),
        "a technology partner is signed: {text}"
    );
}

#[test]
fn the_demo_prospects_read_as_the_seed_reads_them() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    ok(pd(&db).arg("demo"));
    let (text, _) = ok(pd(&db).arg("prospects"));
    let firsts: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains("/35"))
        .collect();
    assert_eq!(firsts.len(), 3, "{text}");
    assert!(
        firsts[0].contains("29/35 Gold potential — invest moderately"),
        "{text}"
    );
    assert!(
        firsts[1].contains("20/35 Silver potential — standard engagement"),
        "{text}"
    );
    assert!(
        firsts[2].contains("12/35 Not ready — revisit in 6 months (revisit Sat 24 Oct 2026)"),
        "{text}"
    );
    assert!(
        text.contains("  ⚑ Competitive overlap → Define clear swim lanes\n"),
        "{text}"
    );
}

/// A partner that joined lately has no band yet, in the CLI as in the
/// cockpit: `partners` says `new`, `score` says when it joined.
#[test]
fn a_partner_that_joined_lately_is_new_not_critical() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    ok(pd(&db).arg("demo"));
    let (list, _) = ok(pd(&db).args(["partners", "--everyone"]));
    let jade = list
        .lines()
        .find(|l| l.starts_with("Jade Solutions LLC"))
        .expect("the demo's partner onboarding late");
    assert!(jade.contains(" new "), "{jade}");
    assert!(!jade.contains("Critical"), "{jade}");
    let (score, _) = ok(pd(&db).args(["score", "Jade Solutions"]));
    assert!(score.contains("· new (joined 2026-"), "{score}");
}
