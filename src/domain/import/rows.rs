//! A CSV row into a typed record, with every problem in it. Values are
//! read as CRMs write them, through `domain::parse` (amounts, dates) and
//! the config's stage and type names; text is checked by
//! `domain::validate`, as the forms and the JSON import check it.

use chrono::NaiveDate;

use super::{CellProblem, Columns, Table, cell, header_key};
use crate::domain::book::{
    ActivityKind, Attribution, ContactRole, DealStage, Lifecycle, PartnerType, StrategicFit, Tier,
};
use crate::domain::config::ImportRules;
use crate::domain::parse::{money_in, written_date};
use crate::domain::validate;

/// A partner row: the name, and whatever else the file says (a blank cell
/// leaves the book's value as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRow {
    pub line: u64,
    pub name: String,
    pub kind: Option<PartnerType>,
    pub tier: Option<Tier>,
    pub owner: Option<String>,
    pub lifecycle: Option<Lifecycle>,
    pub fit: Option<StrategicFit>,
    pub region: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub line: u64,
    pub partner: String,
    pub name: String,
    pub role: Option<ContactRole>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRow {
    pub line: u64,
    pub partner: String,
    pub name: String,
    pub value: i64,
    pub registered: NaiveDate,
    pub stage: DealStage,
    /// Kept for won and lost deals only (an open deal's close date is a forecast).
    pub closed: Option<NaiveDate>,
    pub attribution: Option<Attribution>,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRow {
    pub line: u64,
    pub partner: String,
    pub date: NaiveDate,
    pub kind: ActivityKind,
    pub summary: String,
    pub external_id: Option<String>,
}

/// One row of any table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Partner(PartnerRow),
    Contact(ContactRow),
    Deal(DealRow),
    Activity(ActivityRow),
    Revenue(super::program::RevenueRow),
    Referral(super::program::ReferralRow),
    Certification(super::program::CertificationRow),
    Nps(super::program::NpsRow),
}

/// The cells of one row, read through the file's columns.
pub(super) struct Cells<'a> {
    table: Table,
    columns: &'a Columns,
    row: &'a [&'a str],
    pub line: u64,
    problems: Vec<CellProblem>,
}

impl<'a> Cells<'a> {
    /// The first non-blank cell of an own column, with its header.
    pub(super) fn get(&self, column: &str) -> Option<(&'a str, &'a str)> {
        let i = self.table.columns().iter().position(|c| *c == column)?;
        self.columns.at[i].iter().find_map(|&at| {
            let text = cell(self.row.get(at)?);
            let header = self.columns.headers.get(at)?.trim_start_matches('\u{feff}');
            (!text.is_empty()).then_some((text, header))
        })
    }

    /// The header a problem about an own column is reported under.
    pub(super) fn header(&self, column: &str) -> String {
        self.columns.header_of(self.table, column)
    }

    pub(super) fn problem(&mut self, header: &str, message: impl Into<String>) {
        self.problems
            .push(CellProblem::new(self.line, header, message));
    }

    /// One-line text, checked by `domain::validate::line`.
    pub(super) fn text(&mut self, column: &'static str) -> Option<String> {
        let (text, header) = self.get(column)?;
        if let Some(p) = validate::line(column, text) {
            self.problem(header, p.message);
        }
        Some(text.to_string())
    }

    /// Text that may hold several lines (notes, summaries).
    pub(super) fn prose(&mut self, column: &'static str) -> Option<String> {
        let (text, header) = self.get(column)?;
        let text = text.replace("\r\n", "\n");
        if let Some(p) = validate::prose(column, &text) {
            self.problem(header, p.message);
        }
        Some(text)
    }

    /// A required one-line text.
    pub(super) fn needed(&mut self, column: &'static str, what: &str) -> String {
        self.text(column).unwrap_or_else(|| {
            let header = self.header(column);
            self.problem(&header, format!("{what} is needed"));
            String::new()
        })
    }

    pub(super) fn parsed<T>(
        &mut self,
        column: &str,
        read: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let (text, header) = self.get(column)?;
        match read(text) {
            Ok(v) => Some(v),
            Err(message) => {
                self.problem(header, message);
                None
            }
        }
    }

    pub(super) fn required<T>(
        &mut self,
        column: &str,
        what: &str,
        read: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        if self.get(column).is_none() {
            let header = self.header(column);
            self.problem(&header, format!("{what} is needed"));
            return None;
        }
        self.parsed(column, read)
    }

    pub(super) fn label<T: std::str::FromStr<Err = crate::domain::labels::UnknownValue>>(
        &mut self,
        column: &str,
    ) -> Option<T> {
        self.parsed(column, |t| t.parse::<T>().map_err(|e| e.to_string()))
    }
}

/// Read one row of `table` (`cells` in file order, `line` where it starts).
///
/// # Errors
/// Every problem in the row.
pub fn read_row(
    table: Table,
    columns: &Columns,
    cells: &[&str],
    line: u64,
    rules: &ImportRules,
    currency: &str,
) -> Result<Record, Vec<CellProblem>> {
    let mut c = Cells {
        table,
        columns,
        row: cells,
        line,
        problems: Vec::new(),
    };
    let record = match table {
        Table::Partners => Some(partner(&mut c, rules)),
        Table::Contacts => Some(contact(&mut c)),
        Table::Deals => deal(&mut c, rules, currency),
        Table::Activities => activity(&mut c, rules),
        Table::Revenue => super::program::revenue(&mut c, rules, currency),
        Table::Referrals => super::program::referral(&mut c, rules),
        Table::Certifications => super::program::certification(&mut c, rules),
        Table::Nps => super::program::nps(&mut c, rules),
    };
    match record {
        Some(r) if c.problems.is_empty() => Ok(r),
        _ => Err(c.problems),
    }
}

/// A CRM's name for a value, through a config map, else the book's own name.
fn mapped<T: Copy + std::str::FromStr>(
    text: &str,
    map: &std::collections::BTreeMap<String, T>,
    what: &str,
    section: &str,
) -> Result<T, String> {
    let key = header_key(text);
    map.iter()
        .find(|(name, _)| header_key(name) == key)
        .map(|(_, v)| *v)
        .or_else(|| text.parse().ok())
        .ok_or_else(|| {
            format!("'{text}' is not a {what} (add it under [{section}] in your config)")
        })
}

fn partner(c: &mut Cells<'_>, rules: &ImportRules) -> Record {
    let name = c.needed("name", "a partner name");
    Record::Partner(PartnerRow {
        line: c.line,
        kind: c.parsed("type", |t| {
            mapped(t, &rules.types, "partner type", "import.types")
        }),
        tier: c.label("tier"),
        owner: c.text("owner"),
        lifecycle: c.label("lifecycle"),
        fit: c.label("fit"),
        region: c.text("region"),
        website: c.text("website"),
        notes: c.prose("notes"),
        external_id: c.text("external_id"),
        name,
    })
}

fn contact(c: &mut Cells<'_>) -> Record {
    let partner = c.needed("partner", "a partner name");
    let name = if let Some(name) = c.text("name") {
        name
    } else {
        let parts: Vec<String> = [c.text("first_name"), c.text("last_name")]
            .into_iter()
            .flatten()
            .collect();
        if parts.is_empty() {
            let header = c.header("name");
            c.problem(&header, "a contact name is needed");
        }
        parts.join(" ")
    };
    Record::Contact(ContactRow {
        line: c.line,
        partner,
        name,
        role: c.label("role"),
        email: c.text("email"),
        phone: c.text("phone"),
        external_id: c.text("external_id"),
    })
}

fn deal(c: &mut Cells<'_>, rules: &ImportRules, currency: &str) -> Option<Record> {
    let order = rules.date_order;
    let partner = c.needed("partner", "a partner name");
    let name = c.needed("name", "a deal name");
    let value = c.required("value", "an amount", |t| {
        let v = money_in(t, currency)?;
        validate::amount("value", v).map_or(Ok(v), |p| Err(p.message))
    });
    let registered = c.required("registered", "a date", |t| written_date(t, order));
    let stage = c.required("stage", "a stage", |t| {
        mapped(t, &rules.stages, "deal stage", "import.stages")
    });
    let closed = c.parsed("closed", |t| written_date(t, order));
    let attribution = c.label("attribution");
    let external_id = c.text("external_id");
    let (value, registered, stage) = (value?, registered?, stage?);
    let closed = if stage.is_open() { None } else { closed };
    if let Some(p) = validate::deal_dates(registered, closed) {
        let header = c.header("closed");
        c.problem(&header, p.message);
    }
    Some(Record::Deal(DealRow {
        line: c.line,
        partner,
        name,
        value,
        registered,
        stage,
        closed,
        attribution,
        external_id,
    }))
}

fn activity(c: &mut Cells<'_>, rules: &ImportRules) -> Option<Record> {
    let partner = c.needed("partner", "a partner name");
    let date = c.required("date", "a date", |t| written_date(t, rules.date_order));
    let kind = c.required("kind", "an activity kind", |t| {
        t.parse::<ActivityKind>().map_err(|e| e.to_string())
    });
    let summary = c.prose("summary").unwrap_or_default();
    let external_id = c.text("external_id");
    Some(Record::Activity(ActivityRow {
        line: c.line,
        partner,
        date: date?,
        kind: kind?,
        summary,
        external_id,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::ProgramConfig;

    fn read(table: Table, headers: &[&str], cells: &[&str]) -> Result<Record, Vec<String>> {
        let rules = ProgramConfig::default().import;
        let headers: Vec<String> = headers.iter().map(|s| (*s).to_string()).collect();
        let columns = Columns::match_headers(table, &headers, &rules).expect("columns");
        read_row(table, &columns, cells, 2, &rules, "$")
            .map_err(|ps| ps.iter().map(|p| p.show("f.csv")).collect())
    }

    #[test]
    fn a_hubspot_deal_row() {
        let Ok(Record::Deal(d)) = read(
            Table::Deals,
            &[
                "Deal Name",
                "Associated Company",
                "Amount",
                "Create Date",
                "Close Date",
                "Deal Stage",
            ],
            &[
                "Renewal, 2026",
                "Acme",
                "$62,000",
                "2026-01-05 10:22",
                "3/14/2026",
                "Closed Won",
            ],
        ) else {
            panic!("a deal")
        };
        assert_eq!(d.value, 62_000);
        assert_eq!(d.stage, DealStage::Won);
        assert_eq!(d.closed, NaiveDate::from_ymd_opt(2026, 3, 14));
    }

    #[test]
    fn every_problem_in_a_row_is_listed() {
        let problems = read(
            Table::Deals,
            &[
                "Deal Name",
                "Company",
                "Amount",
                "Create Date",
                "Close Date",
                "Stage",
            ],
            &["", "Acme", "lots", "2026-01-05", "31/02/2026", "Signed"],
        )
        .expect_err("bad row");
        assert_eq!(
            problems,
            [
                "f.csv:2: column 'Deal Name': a deal name is needed",
                "f.csv:2: column 'Amount': 'lots' is not an amount (e.g. 62000, $62,000 or 62k)",
                "f.csv:2: column 'Stage': 'Signed' is not a deal stage (add it under [import.stages] in your config)",
                "f.csv:2: column 'Close Date': '31/02/2026' is not a date",
            ]
        );
    }
}
