//! The CSV importer on arbitrary bytes: reading, checking and planning
//! against an empty book must never panic, whatever the file holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerdeck::cli::csv::read_bytes;
use partnerdeck::domain::book::Book;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::import::{ExternalIds, Table, plan};

fuzz_target!(|data: &[u8]| {
    let config = ProgramConfig::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    for table in Table::ALL {
        if let Ok(checked) = read_bytes(table, "fuzz.csv", data, &config) {
            let _ = plan(
                table,
                &checked.columns,
                &checked.records,
                &Book::default(),
                &ExternalIds::default(),
                today,
                "2026-11-25T00:00:00Z",
            );
        }
    }
});
