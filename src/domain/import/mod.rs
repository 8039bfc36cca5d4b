//! CSV import from CRMs (docs/rules.md, "CSV import"), pure: which column
//! of a file is which of the book's, what each cell holds, and what the
//! import would add, update or leave as it is. The store reads the file's
//! rows and writes the plan; nothing here touches a file or the book.
//!
//! - `columns`: each table's own columns and the header aliases;
//! - `rows`: cells into typed records, every problem with its line;
//! - `plan`: records matched against the book (re-runnable, no duplicates);
//! - `index`: the book's rows by CRM id and natural key;
//! - `program`: revenue, referrals, certifications and NPS rows.

mod children;
mod columns;
mod file;
mod formats;
mod index;
mod plan;
mod program;
mod quotes;
mod rows;
pub mod values;

pub use columns::{Columns, Table, header_key, unknown_alias};
pub use file::{Decoded, decode, header_fields, report_footer, separator, separator_name};
pub use formats::{DatesSetting, DecimalSetting, Detector, Formats};
pub use plan::{ExternalIds, Plan, Write, plan};
pub use program::{CertificationRow, CompanyRevenueRow, NpsRow, ReferralRow, RevenueRow};
pub use quotes::unclosed_quote;
pub use rows::{ActivityRow, ContactRow, DealRow, PartnerRow, Reading, Record, Unmapped, read_row};
pub use values::Decimal;

/// One problem with one cell (or line) of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// The line the record starts on (1 is the header).
    pub line: u64,
    /// The column as the file names it; empty for the whole line.
    pub column: String,
    pub message: String,
}

impl CellProblem {
    #[must_use]
    pub fn new(line: u64, column: &str, message: impl Into<String>) -> Self {
        CellProblem {
            line,
            column: column.to_string(),
            message: message.into(),
        }
    }

    /// `file:line: column 'Close Date': '31/02/2026' is not a date`.
    #[must_use]
    pub fn show(&self, file: &str) -> String {
        if self.column.is_empty() {
            format!("{file}:{}: {}", self.line, self.message)
        } else {
            format!(
                "{file}:{}: column '{}': {}",
                self.line, self.column, self.message
            )
        }
    }
}

/// Every problem, one line per kind of problem: the first row's line with
/// how many more rows have it and their first lines (`deals.csv:3: column
/// 'Amount': 'lots' is not an amount … — and 33 more rows like it (lines
/// 5, 8, 9, 12, 14, …)`). Rows are alike when the same column has the same
/// message but for the quoted value.
#[must_use]
pub fn grouped(problems: &[&CellProblem], file: &str) -> Vec<String> {
    let mut groups: Vec<(String, Vec<&CellProblem>)> = Vec::new();
    for p in problems {
        let key = format!("{}|{}", p.column, unquoted(&p.message));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rows)) => rows.push(p),
            None => groups.push((key, vec![p])),
        }
    }
    groups
        .iter()
        .map(|(_, rows)| {
            let first = rows[0].show(file);
            match rows.len() {
                1 => first,
                n => {
                    let lines: Vec<String> = rows[1..]
                        .iter()
                        .take(5)
                        .map(|p| p.line.to_string())
                        .collect();
                    let more = if n - 1 > 5 { ", …" } else { "" };
                    format!(
                        "{first} — and {} more {} like it (line{} {}{more})",
                        n - 1,
                        if n == 2 { "row" } else { "rows" },
                        if n == 2 { "" } else { "s" },
                        lines.join(", ")
                    )
                }
            }
        })
        .collect()
}

/// A message without its first quoted value: `'…' is not a date`.
fn unquoted(message: &str) -> std::borrow::Cow<'_, str> {
    let Some(open) = message.find('\'') else {
        return std::borrow::Cow::Borrowed(message);
    };
    match message[open + 1..].find('\'') {
        Some(close) => std::borrow::Cow::Owned(format!(
            "{}'…'{}",
            &message[..open],
            &message[open + 1 + close + 1..]
        )),
        None => std::borrow::Cow::Borrowed(message),
    }
}

/// Add one `--map FIELD:CRM=BOOK` to the rules for this import: `type`,
/// `stage` or `lifecycle`, a CRM's value and the book's
/// (`--map type:Other=referral`, `--map "stage:Signed=won"`).
///
/// # Errors
/// A message saying what was expected.
pub fn add_mapping(
    rules: &mut crate::domain::config::ImportRules,
    text: &str,
) -> Result<(), String> {
    let bad = || {
        format!(
            "--map '{text}': expected FIELD:CRM=BOOK, e.g. --map type:Other=referral (fields: type, stage, lifecycle)"
        )
    };
    let (field, rest) = text.split_once(':').ok_or_else(bad)?;
    let (crm, book) = rest.rsplit_once('=').ok_or_else(bad)?;
    let crm = crm.trim().trim_matches(['\'', '"']).to_string();
    let book = book.trim();
    if crm.is_empty() {
        return Err(bad());
    }
    let err = |e: crate::domain::labels::UnknownValue| format!("--map '{text}': {e}");
    match field.trim() {
        "type" => {
            rules.types.insert(crm, book.parse().map_err(err)?);
        }
        "stage" => {
            rules.stages.insert(crm, book.parse().map_err(err)?);
        }
        "lifecycle" => {
            rules.lifecycles.insert(crm, book.parse().map_err(err)?);
        }
        _ => return Err(bad()),
    }
    Ok(())
}

/// A cell as the book keeps it: trimmed, and a leading `'` that an export
/// put before `=`, `+`, `-` or `@` (against spreadsheet formulas) removed.
#[must_use]
pub fn cell(text: &str) -> &str {
    let t = text.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => t,
    }
}

/// A text cell for a CSV export: one that a spreadsheet would run as a
/// formula (it starts with `=`, `+`, `-` or `@`) gets a leading `'`.
#[must_use]
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_read_back() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("Acme"), "Acme");
        assert_eq!(cell(&neutralise("@SUM(A1)")), "@SUM(A1)");
        assert_eq!(cell(" 'quoted' "), "'quoted'");
    }

    #[test]
    fn rows_with_one_problem_are_one_line() {
        let ps: Vec<CellProblem> = (2..=9)
            .map(|line| CellProblem::new(line, "Stage", format!("'S{line}' is not a deal stage")))
            .chain([CellProblem::new(4, "Amount", "'x' is not an amount")])
            .collect();
        let refs: Vec<&CellProblem> = ps.iter().collect();
        assert_eq!(
            grouped(&refs, "d.csv"),
            [
                "d.csv:2: column 'Stage': 'S2' is not a deal stage — and 7 more rows like it (lines 3, 4, 5, 6, 7, …)",
                "d.csv:4: column 'Amount': 'x' is not an amount",
            ]
        );
    }

    #[test]
    fn a_mapping_from_the_command_line() {
        let mut rules = crate::domain::config::ProgramConfig::default().import;
        add_mapping(&mut rules, "type:Other=referral").expect("mapped");
        assert_eq!(
            rules.types.get("Other"),
            Some(&crate::domain::book::PartnerType::Referral)
        );
        assert!(add_mapping(&mut rules, "type:Other=partner").is_err());
        assert!(add_mapping(&mut rules, "colour:Other=red").is_err());
    }

    #[test]
    fn problems_name_file_line_and_column() {
        let p = CellProblem::new(4, "Close Date", "'31/02/2026' is not a date");
        assert_eq!(
            p.show("deals.csv"),
            "deals.csv:4: column 'Close Date': '31/02/2026' is not a date"
        );
    }
}
