//! The CSV importer on arbitrary bytes: decoding (UTF-8, UTF-16,
//! Windows-1252), the separator, the number and date formats decided from
//! the whole file (or set: the first byte picks `--decimal` and `--dates`),
//! reading, checking and planning against an empty book must never panic,
//! whatever the file holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerdeck::cli::csv::read_bytes;
use partnerdeck::domain::book::Book;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::import::{DatesSetting, DecimalSetting, ExternalIds, Table, plan};

fuzz_target!(|data: &[u8]| {
    let mut config = ProgramConfig::default();
    let pick = data.first().copied().unwrap_or(0);
    config.import.decimal = [DecimalSetting::Auto, DecimalSetting::Point, DecimalSetting::Comma]
        [usize::from(pick % 3)];
    config.import.date_order = [DatesSetting::Auto, DatesSetting::MonthFirst, DatesSetting::DayFirst]
        [usize::from(pick / 3 % 3)];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    for table in Table::ALL {
        if let Ok(checked) = read_bytes(table, "fuzz.csv", data, &config, "config.toml") {
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
