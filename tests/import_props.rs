//! The CSV value parsers never panic, whatever a file holds: money, dates,
//! stages and whole rows.

use chrono::NaiveDate;
use partnerdeck::cli::csv::read_bytes;
use partnerdeck::domain::book::Book;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::import::values::{
    Decimal, Evidence, amount, date as crm_date, date_evidence, decimal_evidence,
};
use partnerdeck::domain::import::{
    Columns, DatesSetting, DecimalSetting, Detector, ExternalIds, Formats, Reading, Table, plan,
    read_row,
};
use partnerdeck::domain::parse::{DateOrder, date, money, money_in};
use proptest::prelude::*;

/// Text that looks like what CRMs write, and anything else.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9$€£.,k mMUSDEUR+-]{0,16}",
        "[0-9]{1,4}[-/][0-9]{1,4}[-/][0-9]{1,5}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?( ?[AP]M)?)?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.Z+-]{0,14}",
        "(?i)(closed )?(won|lost|qualification|appointment scheduled|negotiation/review)",
        any::<String>(),
    ]
}

/// Amounts as CRMs in any locale write them.
fn amount_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[$€]? ?[0-9]{1,3}([.,][0-9]{3}){0,3}([.,][0-9]{1,3})?",
        "[0-9]{1,7}([.,][0-9]{1,4})?",
        "[0-9 .,']{1,12}",
    ]
}

/// Dates as CRMs in any locale write them.
fn date_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,2}[/.-][0-9]{1,2}[/.-]([0-9]{2}|[0-9]{4})",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9]{1,2} (Jan|Mar|Sept|December) [0-9]{4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn money_parsers_never_panic(text in cell(), currency in "[$€£A-Z]{0,3}") {
        let _ = money(&text);
        if let Ok(v) = money_in(&text, &currency) {
            prop_assert!(v.abs() <= 1_000_000_000_000_000);
        }
    }

    #[test]
    fn date_parsers_never_panic(text in cell(), day_first in any::<bool>()) {
        let order = if day_first { DateOrder::DayFirst } else { DateOrder::MonthFirst };
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        let _ = date(&text, today, order);
        if let Ok(d) = crm_date(&text, order) {
            prop_assert!(partnerdeck::domain::dates::in_range(d));
        }
    }

    #[test]
    fn deal_rows_never_panic(cells in proptest::collection::vec(cell(), 0..8)) {
        let rules = ProgramConfig::default().import;
        let headers: Vec<String> = ["Deal Name", "Associated Company", "Amount", "Create Date", "Deal Stage", "Close Date", "Record ID"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        let columns = Columns::match_headers(Table::Deals, &headers, &rules).expect("columns");
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        let cfg = ProgramConfig::default();
        let how = Reading { rules: &rules, currency: "$", owners: &cfg.owners, formats: Formats::default(), config_file: "c.toml" };
        let _ = read_row(Table::Deals, &columns, &cells, 2, &how);
    }

    /// An amount that reads as two different numbers under the two
    /// decimal marks is evidence of neither: the file must decide, never
    /// the cell.
    #[test]
    fn an_amount_with_two_readings_is_never_evidence(text in amount_cell()) {
        let point = amount(&text, Decimal::Point);
        let comma = amount(&text, Decimal::Comma);
        match decimal_evidence(&text) {
            Evidence::Only(Decimal::Point) => prop_assert!(point.is_ok() && (comma.is_err() || comma == point), "{text}"),
            Evidence::Only(Decimal::Comma) => prop_assert!(comma.is_ok() && (point.is_err() || comma == point), "{text}"),
            Evidence::Neutral => prop_assert!(point.is_err() || comma.is_err() || point == comma, "{text}"),
            Evidence::Either => {}
        }
    }

    /// The same for dates and the order of day and month.
    #[test]
    fn a_date_with_two_readings_is_never_evidence(text in date_cell()) {
        let us = crm_date(&text, DateOrder::MonthFirst);
        let eu = crm_date(&text, DateOrder::DayFirst);
        match date_evidence(&text) {
            Evidence::Only(DateOrder::MonthFirst) => prop_assert!(us.is_ok() && eu.is_err(), "{text}"),
            Evidence::Only(DateOrder::DayFirst) => prop_assert!(eu.is_ok() && us.is_err(), "{text}"),
            Evidence::Neutral => prop_assert!(us.is_err() || eu.is_err() || us == eu, "{text}"),
            Evidence::Either => prop_assert!(us.is_ok() && eu.is_ok() && us != eu, "{text}"),
        }
    }

    /// A file whose only amount reads two ways is refused, not read one way.
    #[test]
    fn a_file_left_ambiguous_is_refused(text in "[$€]? ?[1-9][0-9]{0,2}[.,][0-9]{3}") {
        prop_assert_eq!(decimal_evidence(&text), Evidence::Either, "{}", text);
        let rules = ProgramConfig::default().import;
        let headers: Vec<String> = ["Deal Name", "Account Name", "Amount", "Created Date", "Stage"]
            .iter().map(|s| (*s).to_string()).collect();
        let columns = Columns::match_headers(Table::Deals, &headers, &rules).expect("columns");
        let mut d = Detector::new(Table::Deals, &columns);
        d.see(&["A", "Acme", &text, "2026-01-05", "won"], 2);
        prop_assert!(d.decide(DecimalSetting::Auto, DatesSetting::Auto).is_err());
        prop_assert!(d.decide(DecimalSetting::Comma, DatesSetting::Auto).is_ok());
    }

    /// What the fuzz target (fuzz/fuzz_targets/csv_import.rs) does, on
    /// CSV-shaped bytes.
    #[test]
    fn whole_files_never_panic(
        header in "[A-Za-z ,\"\r\n]{0,60}",
        body in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let config = ProgramConfig::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        let mut bytes = format!("Company name,Deal Name,Amount,Create Date,Stage,Associated Company,Date,Type,{header}\n").into_bytes();
        bytes.extend(body);
        for table in Table::ALL {
            if let Ok(checked) = read_bytes(table, "p.csv", &bytes, &config, "c.toml") {
                let _ = plan(table, &checked.columns, &checked.records, &Book::default(), &ExternalIds::default(), today, "now");
            }
        }
    }
}
