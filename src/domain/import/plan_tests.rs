//! Tests of `plan`: matching partners and rows, and the problems it finds.

use super::super::formats::Formats;
use super::super::read_row;
use super::super::rows::Reading;
use super::*;
use crate::domain::config::ProgramConfig;
use crate::domain::testing::partner_file;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

fn rows(table: Table, headers: &[&str], lines: &[&[&str]]) -> (Columns, Vec<Record>) {
    let cfg = ProgramConfig::default();
    let headers: Vec<String> = headers.iter().map(|s| (*s).to_string()).collect();
    let columns = Columns::match_headers(table, &headers, &cfg.import).expect("columns");
    let how = Reading {
        rules: &cfg.import,
        currency: "$",
        owners: &cfg.owners,
        formats: Formats::default(),
        config_file: "your config",
    };
    let records = lines
        .iter()
        .zip(2..)
        .map(|(cells, line)| read_row(table, &columns, cells, line, &how).expect("row"))
        .collect();
    (columns, records)
}

#[test]
fn partners_match_by_loose_name_and_are_updated_not_duplicated() {
    let mut book = Book::default();
    let mut file = partner_file("Müller GmbH");
    file.partner.id = 7;
    book.partners.push(file);
    let (columns, records) = rows(
        Table::Partners,
        &["Company name", "Region"],
        &[&["muller  gmbh", "Nordics"], &["Fabrikam", ""]],
    );
    let p = plan(
        Table::Partners,
        &columns,
        &records,
        &book,
        &ExternalIds::default(),
        day(),
        "now",
    );
    assert_eq!((p.added, p.updated, p.unchanged), (1, 1, 0));
    let Write::UpdatePartner(updated, _, _) = &p.writes[0] else {
        panic!("an update")
    };
    assert_eq!(
        (updated.id, updated.name.as_str(), updated.region.as_str()),
        (7, "Müller GmbH", "Nordics")
    );
}

#[test]
fn a_crm_id_twice_or_a_rename_onto_another_partner_is_a_problem() {
    let mut book = Book::default();
    for (id, name) in [(1, "Litware"), (2, "Fabrikam")] {
        let mut f = partner_file(name);
        f.partner.id = id;
        book.partners.push(f);
    }
    let ext = ExternalIds {
        partners: [(1, "A-1".to_string())].into(),
        ..ExternalIds::default()
    };
    let (columns, records) = rows(
        Table::Partners,
        &["Account ID", "Account Name"],
        &[
            &["A-1", "Fabrikam"],
            &["B-2", "New One"],
            &["B-2", "Other One"],
        ],
    );
    let p = plan(
        Table::Partners,
        &columns,
        &records,
        &book,
        &ext,
        day(),
        "now",
    );
    let shown: Vec<String> = p.problems.iter().map(|p| p.show("a.csv")).collect();
    assert_eq!(
        shown,
        [
            "a.csv:2: column 'Account Name': another partner in the book is named 'Fabrikam'",
            "a.csv:4: column 'Account ID': 'B-2' is the CRM id of line 3 too",
        ]
    );
}

#[test]
fn a_repeated_row_and_an_unknown_partner_are_problems() {
    let (columns, records) = rows(
        Table::Partners,
        &["Company name"],
        &[&["Fabrikam"], &["FABRIKAM"]],
    );
    let p = plan(
        Table::Partners,
        &columns,
        &records,
        &Book::default(),
        &ExternalIds::default(),
        day(),
        "now",
    );
    assert_eq!(
        p.problems[0].show("f.csv"),
        "f.csv:3: column 'Company name': the same row as line 2"
    );
    let (columns, records) = rows(
        Table::Deals,
        &["Deal Name", "Company", "Amount", "Create Date", "Stage"],
        &[&["Big", "Nobody Inc", "10", "2026-01-01", "won"]],
    );
    let p = plan(
        Table::Deals,
        &columns,
        &records,
        &Book::default(),
        &ExternalIds::default(),
        day(),
        "now",
    );
    assert_eq!(
        p.problems[0].show("d.csv"),
        "d.csv:2: column 'Company': no partner named 'Nobody Inc' in the book (import partners first)"
    );
}
