//! A CSV row into a typed record, with every problem in it. Values are
//! read as CRMs write them, through `domain::parse` (amounts, dates) and
//! the config's stage and type names; text is checked by
//! `domain::validate`, as the forms and the JSON import check it.

use chrono::NaiveDate;

use super::formats::Formats;
use super::{CellProblem, Columns, Table, cell, header_key, values};
use crate::domain::book::{
    ActivityKind, Attribution, ContactRole, DealStage, Lifecycle, PartnerType, StrategicFit, Tier,
};
use crate::domain::config::ImportRules;
use crate::domain::owners::{Owners, person};
use crate::domain::parse::in_currency;
use crate::domain::validate;

/// How a file's cells are read: the config's names, the book's currency,
/// the people owners map to and the format decided for the whole file.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    pub rules: &'a ImportRules,
    pub currency: &'a str,
    pub owners: &'a Owners,
    pub formats: Formats,
    /// The config file, as messages name it ("your config" when unknown).
    pub config_file: &'a str,
}

impl Reading<'_> {
    /// A date cell in the file's format.
    pub(super) fn date(&self, text: &str) -> Result<NaiveDate, String> {
        values::date(text, self.formats.dates)
    }

    /// A money cell in the file's format and the book's currency, within
    /// what the book can hold.
    pub(super) fn amount(&self, text: &str) -> Result<i64, String> {
        in_currency(text, self.currency)?;
        let v = values::amount(text, self.formats.decimal)?;
        validate::amount("value", v).map_or(Ok(v), |p| Err(p.message))
    }
}

/// A value of an enumerated field that no mapping knows, in a field the
/// book can leave as it is: reported once per value, grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// The book's field (`type`, `lifecycle`).
    pub field: &'static str,
    pub value: String,
}

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
    pub archived: Option<bool>,
    pub tier_since: Option<NaiveDate>,
    pub provisional_until: Option<NaiveDate>,
    pub joined: Option<NaiveDate>,
    /// The CRM's last activity date: one `crm` touch on that day.
    pub last_activity: Option<NaiveDate>,
    /// Values no mapping knows, left out of the record.
    pub unmapped: Vec<Unmapped>,
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
    /// None for a blank amount (an early deal): never read as 0.
    pub value: Option<i64>,
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
    CompanyRevenue(super::program::CompanyRevenueRow),
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
    how: &Reading<'_>,
) -> Result<Record, Vec<CellProblem>> {
    let mut c = Cells {
        table,
        columns,
        row: cells,
        line,
        problems: Vec::new(),
    };
    let record = match table {
        Table::Partners => Some(partner(&mut c, how)),
        Table::Contacts => Some(contact(&mut c)),
        Table::Deals => deal(&mut c, how),
        Table::Activities => activity(&mut c, how),
        Table::Revenue => super::program::revenue(&mut c, how),
        Table::Referrals => super::program::referral(&mut c, how),
        Table::Certifications => super::program::certification(&mut c, how),
        Table::Nps => super::program::nps(&mut c, how),
        Table::CompanyRevenue => super::program::company_revenue(&mut c, how),
    };
    match record {
        Some(r) if c.problems.is_empty() => Ok(r),
        _ => Err(c.problems),
    }
}

/// A CRM's name for a value through a config map (case, spaces, `_` and
/// `-` aside), else the book's own name.
fn known<T: Copy + std::str::FromStr>(
    text: &str,
    map: &std::collections::BTreeMap<String, T>,
) -> Option<T> {
    let key = header_key(text);
    map.iter()
        .find(|(name, _)| header_key(name) == key)
        .map(|(_, v)| *v)
        .or_else(|| text.parse().ok())
}

/// [`known`], or the message for a field the book cannot leave empty:
/// the book's values and both ways to map the CRM's.
fn mapped<T: Copy + std::str::FromStr + 'static>(
    text: &str,
    map: &std::collections::BTreeMap<String, T>,
    (what, field, section): (&str, &str, &str),
    values: &[T],
    show: fn(&T) -> &'static str,
    config: &str,
) -> Result<T, String> {
    known(text, map).ok_or_else(|| {
        let values: Vec<&str> = values.iter().map(show).collect();
        format!(
            "'{text}' is not a {what} (the book's: {}; map it with --map {field}:'{text}'=VALUE, or under [{section}] in {config})",
            values.join(", ")
        )
    })
}

fn partner(c: &mut Cells<'_>, how: &Reading<'_>) -> Record {
    let rules = how.rules;
    let name = c.needed("name", "a partner name");
    let mut unmapped = Vec::new();
    let mut lifecycle = None;
    // A type no mapping knows leaves the partner without one (to classify);
    // a type that names a lifecycle ("Prospect") sets that instead.
    let kind = c.get("type").and_then(|(t, _)| {
        let kind = known(t, &rules.types);
        if kind.is_none() {
            lifecycle = known(t, &rules.lifecycles);
            if lifecycle.is_none() {
                unmapped.push(Unmapped {
                    field: "type",
                    value: t.to_string(),
                });
            }
        }
        kind
    });
    if let Some((t, _)) = c.get("lifecycle") {
        match known(t, &rules.lifecycles) {
            Some(l) => lifecycle = Some(l),
            None => unmapped.push(Unmapped {
                field: "lifecycle",
                value: t.to_string(),
            }),
        }
    }
    let date = |c: &mut Cells<'_>, column| c.parsed(column, |t| how.date(t));
    Record::Partner(PartnerRow {
        line: c.line,
        kind,
        tier: c.label("tier"),
        owner: c.text("owner").map(|o| person(&o, how.owners).to_string()),
        lifecycle,
        fit: c.label("fit"),
        region: c.text("region"),
        website: c.text("website"),
        notes: c.prose("notes"),
        external_id: c.text("external_id"),
        archived: c.parsed("archived", super::program::yes_no),
        tier_since: date(c, "tier_since"),
        provisional_until: date(c, "provisional_until"),
        joined: date(c, "joined"),
        last_activity: date(c, "last_activity"),
        unmapped,
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

fn deal(c: &mut Cells<'_>, how: &Reading<'_>) -> Option<Record> {
    let partner = c.needed("partner", "a partner name");
    let name = c.needed("name", "a deal name");
    let value = c.parsed("value", |t| how.amount(t));
    let registered = c.required("registered", "a date", |t| how.date(t));
    let stage = c.required("stage", "a stage", |t| {
        mapped(
            t,
            &how.rules.stages,
            ("deal stage", "stage", "import.stages"),
            DealStage::ALL,
            |s| s.as_str(),
            how.config_file,
        )
    });
    let closed = c.parsed("closed", |t| how.date(t));
    let attribution = c.label("attribution");
    let external_id = c.text("external_id");
    let (registered, stage) = (registered?, stage?);
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

fn activity(c: &mut Cells<'_>, how: &Reading<'_>) -> Option<Record> {
    let partner = c.needed("partner", "a partner name");
    let date = c.required("date", "a date", |t| how.date(t));
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
        read_row(table, &columns, cells, 2, &how)
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
        assert_eq!(d.value, Some(62_000));
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
                "f.csv:2: column 'Amount': 'lots' is not an amount (e.g. 62000, 62,000.00 or 62.000,00)",
                "f.csv:2: column 'Stage': 'Signed' is not a deal stage (the book's: registered, qualified, proposal, negotiation, won, lost; map it with --map stage:'Signed'=VALUE, or under [import.stages] in your config)",
                "f.csv:2: column 'Close Date': '31/02/2026' is not a date",
            ]
        );
    }
}
