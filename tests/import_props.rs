//! The CSV value parsers never panic, whatever a file holds: money, dates,
//! stages and whole rows.

use chrono::NaiveDate;
use partnerdeck::cli::csv::read_bytes;
use partnerdeck::domain::book::Book;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::import::{Columns, ExternalIds, Table, plan, read_row};
use partnerdeck::domain::parse::{DateOrder, date, money, money_in, written_date};
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
        if let Ok(d) = written_date(&text, order) {
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
        let _ = read_row(Table::Deals, &columns, &cells, 2, &rules, "$");
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
            if let Ok(checked) = read_bytes(table, "p.csv", &bytes, &config) {
                let _ = plan(table, &checked.columns, &checked.records, &Book::default(), &ExternalIds::default(), today, "now");
            }
        }
    }
}
