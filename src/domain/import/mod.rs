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
mod index;
mod plan;
mod program;
mod rows;

pub use columns::{Columns, Table, header_key, unknown_alias};
pub use plan::{ExternalIds, Plan, Write, plan};
pub use program::{CertificationRow, NpsRow, ReferralRow, RevenueRow};
pub use rows::{ActivityRow, ContactRow, DealRow, PartnerRow, Record, read_row};

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
    fn problems_name_file_line_and_column() {
        let p = CellProblem::new(4, "Close Date", "'31/02/2026' is not a date");
        assert_eq!(
            p.show("deals.csv"),
            "deals.csv:4: column 'Close Date': '31/02/2026' is not a date"
        );
    }
}
