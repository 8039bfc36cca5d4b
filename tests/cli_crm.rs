//! A real CRM book, true from the first import: the two big CRMs'
//! default exports as they come out of the box (default picklists, blank
//! amounts, owners as the CRM spells them, a European `;` export), read
//! with no config written by hand, and what the book then says.

mod common;

use std::path::PathBuf;

use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::edit::{Change, Edit, PartnerRef};
use partnerdeck::domain::record::Record;
use partnerdeck::store::Store;

use common::csv::{export, fixture, import, ok, pd};

/// A book made from the default companies and deals exports of one CRM.
fn hubspot_book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    import(&db, "partners", &fixture("hubspot-default-companies.csv"));
    import(&db, "deals", &fixture("hubspot-default-deals.csv"));
    (dir, db)
}

fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no {start} line in {text}"))
}

#[test]
fn hubspot_default_picklists_come_in_and_unknown_types_are_reported_once() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let (out, err) = import(&db, "partners", &fixture("hubspot-default-companies.csv"));
    assert!(
        out.contains("→ partners: added 6, updated 0, unchanged 0\n"),
        "{out}"
    );
    // One line per unknown value, with its rows and what to do about it.
    let config = dir.path().join("partnerdeck").join("config.toml");
    assert!(
        err.contains(&format!(
            "2 partners of type 'Other' came in without a type (lines 2, 6) — classify them with the Type facet (f on Partners), or map it: --map type:'Other'=referral or [import.types] in {}",
            config.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("1 partner of type 'Vendor' came in without a type (line 5)"),
        "{err}"
    );
    assert!(
        !err.contains("'Prospect'"),
        "Prospect is a lifecycle: {err}"
    );
    let partners = export(&db, "partners");
    // Prospect is lifecycle recruit with no type; a customer grows; the
    // sign-up day is the CRM's create date.
    assert!(
        partners.contains("Coho Winery,,registered,leo@example.com,recruit,moderate,United States,coho.example,,7003,no,2026-11-25,,2025-06-01\n"),
        "{partners}"
    );
    assert!(
        partners.contains("Humongous Insurance,,registered,dana@example.com,grow,"),
        "{partners}"
    );
    // The CRM's last activity is a touch: 5 days ago, not "never touched".
    let score = ok(pd(&db).args(["score", "Humongous Insurance", "--explain"])).0;
    assert!(
        line(&score, "Touch:").starts_with("Touch: last touch 5 days ago"),
        "{score}"
    );
    // The same file again: the touch is not logged twice.
    let (out, _) = import(&db, "partners", &fixture("hubspot-default-companies.csv"));
    assert!(out.ends_with("added 0, updated 0, unchanged 6\n"), "{out}");
    // And the book's own export goes back in unchanged.
    let file = dir.path().join("partners.csv");
    ok(pd(&db).args(["export", "--csv", "partners"]).arg(&file));
    let (out, _) = import(&db, "partners", &file);
    assert!(out.ends_with("added 0, updated 0, unchanged 6\n"), "{out}");
}

#[test]
fn blank_amounts_stay_blank_and_won_deals_are_revenue() {
    let (_dir, db) = hubspot_book();
    let deals = export(&db, "deals");
    // Early deals without an amount are absent, never $0.
    assert!(
        deals.contains(
            "Lucerne Publishing,Lucerne Publishing - Pilot,,2026-11-02,qualified,,sourced,8002\n"
        ),
        "{deals}"
    );
    assert!(
        deals.contains("Lucerne Publishing,Lucerne Publishing - Pilot,12501,2026-10-01,negotiation,,sourced,8004\n"),
        "{deals}"
    );
    let score = ok(pd(&db).args(["score", "Humongous Insurance", "--explain"])).0;
    assert!(
        line(&score, "Revenue").trim().starts_with(
            "Revenue        30/30  new revenue: T12M $100K from won deals with none the year before"
        ),
        "{score}"
    );
    assert!(
        score.contains("sourced ARR $100K · qualified referrals 0 · certified people 0 (trailing 12 months; ARR from won deals)"),
        "{score}"
    );
    assert!(
        score.contains("Tier: 100% to Silver — all requirements met"),
        "{score}"
    );
    assert!(
        score
            .contains("health over 3 of 5 dimensions: this book records no portal activity or NPS"),
        "{score}"
    );
    // Scaled over the three dimensions it records: (30 + 0 + 5) of 65.
    assert!(
        line(&score, "Health").starts_with("Health 54 At-risk"),
        "{score}"
    );
    let partners = ok(pd(&db).args(["partners"])).0;
    let churning = partners.lines().filter(|l| l.contains("Churning")).count();
    assert!(churning < 6, "not every partner is Churning: {partners}");
}

#[test]
fn a_european_semicolon_export_comes_in_exactly() {
    let (_dir, db) = hubspot_book();
    let (out, _) = import(&db, "deals", &fixture("salesforce-opportunities-de.csv"));
    assert!(out.contains("added 3, updated 0, unchanged 0\n"), "{out}");
    let deals = export(&db, "deals");
    for row in [
        "Humongous Insurance,Humongous Insurance Ausbau,86000,2026-09-03,won,2026-11-17,sourced,0065E001\n",
        "Lucerne Publishing,Lucerne Lizenz,1235,2026-10-01,negotiation,,sourced,0065E002\n",
        "Coho Winery,Coho Weinkeller,12500,2026-11-15,proposal,,sourced,0065E003\n",
    ] {
        assert!(deals.contains(row), "{row} in {deals}");
    }
}

#[test]
fn a_file_that_reads_two_ways_is_refused_with_what_to_pass() {
    let (dir, db) = hubspot_book();
    let before = std::fs::read(&db).expect("book");
    let file = fixture("ambiguous-deals.csv");
    let out = pd(&db)
        .args(["import", "--csv", "deals"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        format!(
            "partnerdeck: {}: '12.500' (line 2, column 'Amount') reads as 12.5 with a decimal point or as 12500 with a decimal comma, and no other amount in the file tells which; pass --decimal point or --decimal comma\nnothing was imported\n",
            file.display()
        )
    );
    assert_eq!(std::fs::read(&db).expect("book"), before, "byte-identical");
    let (out, _) = ok(pd(&db)
        .args(["import", "--csv", "deals", "--decimal", "comma"])
        .arg(&file));
    assert!(out.contains("added 1, updated 0, unchanged 0"), "{out}");
    assert!(
        export(&db, "deals").contains("Lucerne Publishing,Lucerne Add-on,12500,2026-11-01,won,"),
        "exact"
    );
    // A `;` file missing a column says how its header was split.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Opportunity Name;Amount\nX;1\n").expect("write");
    let out = pd(&db)
        .args(["import", "--csv", "deals"])
        .arg(&bad)
        .output()
        .expect("run");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the header, split at ';', has 2 columns: 'Opportunity Name', 'Amount'"),
        "{out:?}"
    );
}

#[test]
fn a_mapping_from_the_command_line_classifies_other() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let (_, err) = ok(pd(&db)
        .args([
            "import",
            "--csv",
            "partners",
            "--map",
            "type:Other=referral",
        ])
        .arg(fixture("hubspot-default-companies.csv")));
    assert!(!err.contains("'Other'"), "{err}");
    assert!(
        export(&db, "partners").contains("Humongous Insurance,referral,"),
        "mapped"
    );
}

#[test]
fn owners_come_in_as_the_person_and_me_matches_every_spelling() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    import(&db, "partners", &fixture("hubspot-default-companies.csv"));
    // Before any config: the spellings that look like one person.
    let owners = ok(pd(&db).args(["owners"])).0;
    assert!(
        owners.contains("  \"Dana Reyes\" = [\"dana@example.com\"]\n"),
        "{owners}"
    );
    let config = dir.path().join("partnerdeck");
    std::fs::create_dir_all(&config).expect("dir");
    std::fs::write(
        config.join("config.toml"),
        "me = \"Dana\"\n[owners]\nDana = [\"dana@example.com\", \"Dana Reyes\"]\n",
    )
    .expect("config");
    // Spellings already in the book count as their person.
    let mine = ok(pd(&db).args(["partners", "--csv"])).0;
    assert_eq!(mine.lines().count(), 1 + 4, "{mine}");
    // Lists show the person, whichever spelling the book holds.
    assert!(mine.lines().skip(1).all(|l| l.contains(",Dana,")), "{mine}");
    // A new import stores the person.
    let fresh = dir.path().join("fresh.db");
    import(
        &fresh,
        "partners",
        &fixture("hubspot-default-companies.csv"),
    );
    let partners = export(&fresh, "partners");
    assert!(
        partners.contains("Margie's Travel,reseller,registered,Dana,grow,"),
        "{partners}"
    );
    assert!(!partners.contains("dana@example.com"), "{partners}");
}

#[test]
fn an_edited_deal_keeps_its_crm_id() {
    let (_dir, db) = hubspot_book();
    let cfg = ProgramConfig::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let mut store = Store::open(&db).expect("open");
    let book = store.load().expect("load");
    let file = book.find("Lucerne Publishing").expect("Lucerne").clone();
    let before = file
        .deals
        .iter()
        .find(|d| d.value == Some(12_501))
        .expect("deal")
        .clone();
    let mut after = before.clone();
    after.value = Some(15_000);
    let edit = Edit {
        partner: PartnerRef {
            id: file.partner.id,
            name: file.partner.name.clone(),
        },
        change: Change::EditRecord {
            before: Record::Deal(before.clone()),
            after: Record::Deal(after),
        },
    };
    store.apply_edit(&edit, today, &cfg).expect("edited");
    drop(store);
    let deals = export(&db, "deals");
    assert!(
        deals.contains("Lucerne Publishing,Lucerne Publishing - Pilot,15000,2026-10-01,negotiation,,sourced,8004\n"),
        "{deals}"
    );
    // So the next import updates it rather than adding a copy.
    let (out, _) = import(&db, "deals", &fixture("hubspot-default-deals.csv"));
    assert!(out.contains("added 0, updated 1, unchanged 4"), "{out}");
}

#[test]
fn the_screens_say_what_the_book_scores_over() {
    let (_dir, db) = hubspot_book();
    let detail = ok(pd(&db).args([
        "snapshot",
        "--screen",
        "partner:Humongous Insurance",
        "--width",
        "100",
        "--height",
        "30",
    ]))
    .0;
    assert!(
        line(&detail, "│ Health")
            .contains("Health 54 At-risk  (▼15 in 30d, was Healthy)  over 3 of 5"),
        "{detail}"
    );
    assert!(
        line(&detail, "│   Engagement").contains(
            "Engagement     —/20             not counted: this book records no portal logins or training"
        ),
        "{detail}"
    );
    assert!(
        detail
            .contains("this book records no certifications: tier criteria count ARR and referrals"),
        "{detail}"
    );
    assert!(!detail.contains("Certified"), "{detail}");
    let partners = ok(pd(&db).args([
        "snapshot", "--screen", "partners", "--width", "120", "--height", "12",
    ]))
    .0;
    assert!(
        partners.contains("Churning 4 · over 3 of 5: no portal activity or NPS"),
        "{partners}"
    );
    // A bare partner list scores no one, and says what to import.
    let dir = tempfile::tempdir().expect("dir");
    let bare = dir.path().join("bare.db");
    import(&bare, "partners", &fixture("hubspot-default-companies.csv"));
    let partners = ok(pd(&bare).args([
        "snapshot", "--screen", "partners", "--width", "120", "--height", "12",
    ]))
    .0;
    assert!(
        partners.contains("health not scored: import deals, revenue, activities or NPS"),
        "{partners}"
    );
    assert_eq!(
        partners.matches("— Not scored").count(),
        4,
        "the 4 rows shown: {partners}"
    );
}

#[test]
fn a_salesforce_report_footer_is_left_out_and_a_workbook_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let report = dir.path().join("report.csv");
    std::fs::write(
        &report,
        "\"Account Name\",\"Type\",\"Account Owner\"\r\n\"Fabrikam Inc\",\"Technology Partner\",\"Walter Skinner\"\r\n\"Contoso Ltd\",\"Other\",\"Dana Reyes\"\r\n\r\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n\"Confidential Information - Do Not Distribute\"\r\n\"Generated By:  Dana Reyes  12/6/2026 2:53 AM\"\r\n\"Contoso Corp\"\r\n",
    )
    .expect("write");
    let (out, err) = import(&db, "partners", &report);
    assert!(out.contains("added 2, updated 0, unchanged 0"), "{out}");
    assert!(
        err.contains("left out the report's footer (4 lines: copyright, who generated it)"),
        "{err}"
    );
    assert!(
        !export(&db, "partners").contains("Copyright"),
        "no such partner"
    );
    let workbook = dir.path().join("companies.csv");
    std::fs::write(&workbook, b"PK\x03\x04\x14\x00\x06\x00rest of a zip").expect("write");
    let out = pd(&db)
        .args(["import", "--csv", "partners"])
        .arg(&workbook)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("this is an Excel workbook (.xlsx), not a CSV file; export CSV from the CRM"),
        "{out:?}"
    );
}

#[test]
fn euros_into_a_dollar_book_say_what_to_set_and_come_in_once_set() {
    let (dir, db) = hubspot_book();
    let file = dir.path().join("chancen.csv");
    std::fs::write(
        &file,
        "Opportunity Name;Account Name;Amount;Created Date;Stage\r\nAusbau;Humongous Insurance;86.000,00 €;03.09.2026;Closed Won\r\nLizenz;Lucerne Publishing;1.234,56 €;01.10.2026;Qualification\r\n",
    )
    .expect("write");
    let before = std::fs::read(&db).expect("book");
    let out = pd(&db)
        .args(["import", "--csv", "deals"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("'86.000,00 €' is not in the book's currency ($): a book keeps one currency; for a book in EUR, set currency = \"€\" in the config — and 1 more row like it (line 3)"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).expect("book"), before, "byte-identical");
    let config = dir.path().join("partnerdeck");
    std::fs::create_dir_all(&config).expect("dir");
    std::fs::write(config.join("config.toml"), "currency = \"€\"\n").expect("config");
    let (out, _) = import(&db, "deals", &file);
    assert!(out.contains("added 2, updated 0, unchanged 0"), "{out}");
    let deals = export(&db, "deals");
    assert!(
        deals.contains("Humongous Insurance,Ausbau,86000,2026-09-03,won,"),
        "{deals}"
    );
    assert!(
        deals.contains("Lucerne Publishing,Lizenz,1235,2026-10-01,qualified,"),
        "{deals}"
    );
}
