//! A file's number and date format, decided from every amount and date
//! cell in it before any row is read (docs/rules.md, "CSV import"): the
//! decimal mark and the order of day and month. A cell that reads two
//! ways with nothing in the file to tell which makes the file refused with
//! what to pass; cells that contradict each other too. A silently wrong
//! amount is the one outcome that must never happen.

use serde::Deserialize;

use super::values::{Decimal, Evidence, date_evidence, decimal_evidence};
use super::{Columns, Table};
use crate::domain::parse::DateOrder;

/// How the config (`[import] decimal`) or `--decimal` sets the decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalSetting {
    /// Decided from the file.
    #[default]
    Auto,
    Point,
    Comma,
}

/// How the config (`[import] date_order`) or `--dates` sets the order of
/// day and month in `03/04/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatesSetting {
    /// Decided from the file.
    #[default]
    Auto,
    MonthFirst,
    DayFirst,
}

/// The format every cell of a file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub decimal: Decimal,
    pub dates: DateOrder,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            decimal: Decimal::Point,
            dates: DateOrder::MonthFirst,
        }
    }
}

/// A cell quoted in a message: its text, line and header.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sample {
    text: String,
    line: u64,
    header: String,
}

impl Sample {
    fn show(&self) -> String {
        format!(
            "'{}' (line {}, column '{}')",
            self.text, self.line, self.header
        )
    }
}

/// What the cells of one kind said: the first cell for each reading that
/// only it allows, and the first that allows both.
#[derive(Debug, Clone)]
struct Tally<T> {
    only: Vec<(T, Sample)>,
    either: Option<Sample>,
}

impl<T: PartialEq + Copy> Tally<T> {
    fn new() -> Self {
        Tally {
            only: Vec::new(),
            either: None,
        }
    }

    fn see(&mut self, evidence: Evidence<T>, sample: impl FnOnce() -> Sample) {
        match evidence {
            Evidence::Neutral => {}
            Evidence::Only(t) => {
                if !self.only.iter().any(|(seen, _)| *seen == t) {
                    self.only.push((t, sample()));
                }
            }
            Evidence::Either => {
                if self.either.is_none() {
                    self.either = Some(sample());
                }
            }
        }
    }
}

/// Every amount and date cell of a file, seen once, then a decision.
#[derive(Debug, Clone)]
pub struct Detector {
    amounts: Vec<(usize, String)>,
    dates: Vec<(usize, String)>,
    decimal: Tally<Decimal>,
    order: Tally<DateOrder>,
}

impl Detector {
    /// For a file of `table` with these columns.
    #[must_use]
    pub fn new(table: Table, columns: &Columns) -> Detector {
        let at = |names: &[&str]| -> Vec<(usize, String)> {
            names
                .iter()
                .filter_map(|c| table.columns().iter().position(|own| own == c))
                .flat_map(|i| columns.at[i].iter().copied())
                .map(|at| {
                    let header = columns.headers.get(at).map_or("", String::as_str);
                    (at, header.trim_start_matches('\u{feff}').to_string())
                })
                .collect()
        };
        Detector {
            amounts: at(table.amount_columns()),
            dates: at(table.date_columns()),
            decimal: Tally::new(),
            order: Tally::new(),
        }
    }

    /// One row's cells (in file order), starting on `line`.
    pub fn see(&mut self, cells: &[&str], line: u64) {
        let sample = |text: &str, header: &str| Sample {
            text: text.trim().to_string(),
            line,
            header: header.to_string(),
        };
        for (at, header) in &self.amounts {
            if let Some(text) = cells.get(*at) {
                let text = super::cell(text);
                self.decimal
                    .see(decimal_evidence(text), || sample(text, header));
            }
        }
        for (at, header) in &self.dates {
            if let Some(text) = cells.get(*at) {
                let text = super::cell(text);
                self.order.see(date_evidence(text), || sample(text, header));
            }
        }
    }

    /// The file's format, under what the config or flags set.
    ///
    /// # Errors
    /// One line per question the file leaves open, saying what to pass.
    pub fn decide(
        &self,
        decimal: DecimalSetting,
        dates: DatesSetting,
    ) -> Result<Formats, Vec<String>> {
        let mut problems = Vec::new();
        let decimal = match decimal {
            DecimalSetting::Point => Decimal::Point,
            DecimalSetting::Comma => Decimal::Comma,
            DecimalSetting::Auto => decide(
                &self.decimal,
                Decimal::Point,
                &mut problems,
                |t| {
                    let s = t.show();
                    format!(
                        "{s} reads as {} with a decimal point or as {} with a decimal comma, and no other amount in the file tells which; pass --decimal point or --decimal comma",
                        reading(&t.text, Decimal::Point),
                        reading(&t.text, Decimal::Comma)
                    )
                },
                |a, b| {
                    format!(
                        "amounts are written both ways: {} has a decimal {} and {} a decimal {}; pass --decimal point or --decimal comma",
                        a.1.show(),
                        a.0.name(),
                        b.1.show(),
                        b.0.name()
                    )
                },
            ),
        };
        let dates = match dates {
            DatesSetting::MonthFirst => DateOrder::MonthFirst,
            DatesSetting::DayFirst => DateOrder::DayFirst,
            DatesSetting::Auto => decide(
                &self.order,
                DateOrder::MonthFirst,
                &mut problems,
                |t| {
                    format!(
                        "{} could be {} (month first) or {} (day first), and no other date in the file tells which; pass --dates month-first or --dates day-first",
                        t.show(),
                        day_reading(&t.text, DateOrder::MonthFirst),
                        day_reading(&t.text, DateOrder::DayFirst)
                    )
                },
                |a, b| {
                    format!(
                        "dates are written both ways: {} is {} and {} is {}; pass --dates month-first or --dates day-first",
                        a.1.show(),
                        order_name(a.0),
                        b.1.show(),
                        order_name(b.0)
                    )
                },
            ),
        };
        if problems.is_empty() {
            Ok(Formats { decimal, dates })
        } else {
            Err(problems)
        }
    }
}

/// The one reading the cells allow, else a problem: an ambiguous cell with
/// nothing to settle it, or cells that only allow different readings.
fn decide<T: Copy>(
    tally: &Tally<T>,
    neutral: T,
    problems: &mut Vec<String>,
    ambiguous: impl FnOnce(&Sample) -> String,
    contradictory: impl FnOnce(&(T, Sample), &(T, Sample)) -> String,
) -> T {
    match &tally.only[..] {
        [one] => one.0,
        [a, b, ..] => {
            problems.push(contradictory(a, b));
            neutral
        }
        [] => {
            if let Some(s) = &tally.either {
                problems.push(ambiguous(s));
            }
            neutral
        }
    }
}

fn reading(text: &str, decimal: Decimal) -> String {
    super::values::plain(text, decimal).unwrap_or_else(|| "nothing".into())
}

fn day_reading(text: &str, order: DateOrder) -> String {
    super::values::date(text, order)
        .map_or_else(|_| "no date".into(), |d| d.format("%-d %B %Y").to_string())
}

fn order_name(order: DateOrder) -> &'static str {
    match order {
        DateOrder::MonthFirst => "month first",
        DateOrder::DayFirst => "day first",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::ProgramConfig;

    fn detect(table: Table, headers: &[&str], rows: &[&[&str]]) -> Result<Formats, Vec<String>> {
        let rules = ProgramConfig::default().import;
        let headers: Vec<String> = headers.iter().map(|s| (*s).to_string()).collect();
        let columns = Columns::match_headers(table, &headers, &rules).expect("columns");
        let mut d = Detector::new(table, &columns);
        for (i, row) in rows.iter().enumerate() {
            d.see(row, i as u64 + 2);
        }
        d.decide(DecimalSetting::Auto, DatesSetting::Auto)
    }

    const DEALS: [&str; 5] = [
        "Deal Name",
        "Account Name",
        "Amount",
        "Created Date",
        "Stage",
    ];

    #[test]
    fn a_european_file_is_read_as_european() {
        let f = detect(
            Table::Deals,
            &DEALS,
            &[
                &["A", "Acme", "12.500", "17.11.2025", "Closed Won"],
                &["B", "Acme", "1.234,56", "03.11.2025", "Closed Won"],
            ],
        )
        .expect("decided");
        assert_eq!(f.decimal, Decimal::Comma);
    }

    #[test]
    fn one_ambiguous_amount_alone_is_refused_with_what_to_pass() {
        let problems = detect(
            Table::Deals,
            &DEALS,
            &[&["A", "Acme", "12.500", "2025-11-17", "Closed Won"]],
        )
        .expect_err("ambiguous");
        assert_eq!(
            problems,
            [
                "'12.500' (line 2, column 'Amount') reads as 12.5 with a decimal point or as 12500 with a decimal comma, and no other amount in the file tells which; pass --decimal point or --decimal comma"
            ]
        );
    }

    #[test]
    fn dates_that_contradict_each_other_are_refused() {
        let problems = detect(
            Table::Deals,
            &DEALS,
            &[
                &["A", "Acme", "100", "17/11/2025", "won"],
                &["B", "Acme", "100", "11/17/2025", "won"],
            ],
        )
        .expect_err("both ways");
        assert!(
            problems[0].starts_with("dates are written both ways"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_day_over_twelve_settles_every_other_date() {
        let f = detect(
            Table::Deals,
            &DEALS,
            &[
                &["A", "Acme", "100", "03/04/2026", "won"],
                &["B", "Acme", "100", "17/11/2025", "won"],
            ],
        )
        .expect("decided");
        assert_eq!(f.dates, DateOrder::DayFirst);
    }
}
