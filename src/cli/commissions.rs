//! `partnerdeck commissions [--from D --to D] [--csv|--json]`: the payout
//! statement, what falls due in a period, one row per partner and deal (a
//! recurring share one row per monthly payment), each with its arithmetic
//! (docs/rules.md, "Commissions").

use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::table::{Align, render};
use super::{Failure, output};
use crate::domain::book::Book;
use crate::domain::commission::{Payment, due_between, exact, payments};
use crate::domain::config::ProgramConfig;
use crate::domain::format::{day_year, plural};
use crate::domain::import::neutralise;
use crate::domain::owners::same_person;
use crate::domain::qbr::quarter_start;
use crate::domain::text::{cell, display_safe};

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// The period and whose partners.
pub struct Statement<'a> {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub today: NaiveDate,
    pub owner: Option<&'a str>,
    pub config: &'a ProgramConfig,
}

#[derive(Serialize)]
struct PartnerDoc<'a> {
    partner_id: i64,
    partner: &'a str,
    total: i64,
    payments: Vec<&'a Payment>,
}

#[derive(Serialize)]
struct Doc<'a> {
    from: NaiveDate,
    to: NaiveDate,
    total: i64,
    partners: Vec<PartnerDoc<'a>>,
}

/// The period: `--from`/`--to`, by default this quarter to date (with only
/// `--to`, its quarter up to it; with only `--from`, up to today).
///
/// # Errors
/// When `--from` is after `--to`.
pub fn period(s: &Statement) -> Result<(NaiveDate, NaiveDate), Failure> {
    let to = s.to.unwrap_or(s.today);
    let from = s.from.unwrap_or_else(|| quarter_start(to));
    if from > to {
        return Err(Failure::command(format!(
            "--from {from} is after --to {to}: the period would be empty"
        )));
    }
    Ok((from, to))
}

/// Every payment falling due in the period, partners by name, then by due date.
fn statement(book: &Book, s: &Statement, from: NaiveDate, to: NaiveDate) -> Vec<Payment> {
    let mut files: Vec<_> = book
        .partners
        .iter()
        .filter(|f| {
            s.owner
                .is_none_or(|me| same_person(&f.partner.owner, me, &s.config.owners))
        })
        .collect();
    files.sort_by(|a, b| {
        crate::domain::search::name_key(&a.partner.name)
            .cmp(&crate::domain::search::name_key(&b.partner.name))
            .then(a.partner.id.cmp(&b.partner.id))
    });
    files
        .into_iter()
        .flat_map(|f| due_between(payments(f, s.config), from, to))
        .collect()
}

/// `commissions`: open the book and print its statement for the period,
/// scoped to `--owner` (else `me`) unless `--everyone`.
///
/// # Errors
/// When the book cannot be read, or as [`run`].
pub fn command(
    cli: &super::Cli,
    paths: &super::Paths,
    command: &super::Command,
) -> Result<ExitCode, Failure> {
    let super::Command::Commissions {
        from,
        to,
        json,
        csv,
    } = *command
    else {
        return Err(Failure::command("not a commissions command"));
    };
    let config = super::context::load_config(paths)?;
    let store = super::read_store(cli, paths, &config)?;
    let owner = super::context::owner_scope(cli, &config);
    let format = match (json, csv) {
        (true, _) => Format::Json,
        (_, true) => Format::Csv,
        _ => Format::Table,
    };
    let statement = Statement {
        from,
        to,
        today: super::context::today(cli),
        owner: owner.as_deref(),
        config: &config,
    };
    run(&store.load()?, &statement, format)
}

/// Print the statement.
///
/// # Errors
/// An empty period, or stdout that cannot take the output.
pub fn run(book: &Book, s: &Statement, format: Format) -> Result<ExitCode, Failure> {
    let (from, to) = period(s)?;
    let rows = statement(book, s, from, to);
    let cur = s.config.currency.as_str();
    let total: i64 = rows.iter().map(|p| p.amount).sum();
    match format {
        Format::Json => {
            let mut partners: Vec<PartnerDoc<'_>> = Vec::new();
            for p in &rows {
                match partners.last_mut() {
                    Some(last) if last.partner_id == p.partner_id => {
                        last.total += p.amount;
                        last.payments.push(p);
                    }
                    _ => partners.push(PartnerDoc {
                        partner_id: p.partner_id,
                        partner: &p.partner,
                        total: p.amount,
                        payments: vec![p],
                    }),
                }
            }
            super::json::print(
                "commissions",
                &Doc {
                    from,
                    to,
                    total,
                    partners,
                },
            )
        }
        Format::Csv => output::print(
            &csv(&rows).map_err(|e| Failure::command(format!("cannot write CSV: {e}")))?,
        ),
        Format::Table => {
            let head = format!(
                "Commissions due {} – {} · {} · {}\n",
                day_year(from),
                day_year(to),
                plural(
                    i64::try_from(rows.len()).unwrap_or(i64::MAX),
                    "payment",
                    "payments"
                ),
                exact(total, cur)
            );
            if rows.is_empty() {
                return output::print(&format!("{head}nothing falls due in this period\n"));
            }
            output::print(&format!("{head}\n{}", table(&rows, cur)))
        }
    }
}

/// One row per payment, a subtotal under each partner with more than one.
fn table(rows: &[Payment], cur: &str) -> String {
    let mut cells: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let id = rows[i].partner_id;
        let group: Vec<&Payment> = rows[i..]
            .iter()
            .take_while(|p| p.partner_id == id)
            .collect();
        for (n, p) in group.iter().enumerate() {
            cells.push(vec![
                if n == 0 {
                    cell(&p.partner, 24)
                } else {
                    String::new()
                },
                cell(&p.deal, 28),
                p.due.format("%Y-%m-%d").to_string(),
                p.attribution.to_string(),
                exact(p.value, cur),
                exact(p.amount, cur),
                display_safe(&p.arithmetic).into_owned(),
            ]);
        }
        if group.len() > 1 {
            let sum: i64 = group.iter().map(|p| p.amount).sum();
            cells.push(vec![
                String::new(),
                format!("total {}", cell(&group[0].partner, 22)),
                String::new(),
                String::new(),
                String::new(),
                exact(sum, cur),
                String::new(),
            ]);
        }
        i += group.len();
    }
    render(
        &[
            ("Partner", Align::Left),
            ("Deal", Align::Left),
            ("Due", Align::Left),
            ("Attribution", Align::Left),
            ("Value", Align::Right),
            ("Commission", Align::Right),
            ("How", Align::Left),
        ],
        &cells,
    )
}

/// The statement as CSV: one row per payment, amounts as plain integers,
/// text a spreadsheet would run as a formula neutralised.
fn csv(rows: &[Payment]) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    out.write_record([
        "partner_id",
        "partner",
        "deal_id",
        "deal",
        "closed",
        "due",
        "attribution",
        "value",
        "model",
        "rate_pct",
        "installment",
        "commission",
        "arithmetic",
    ])?;
    for p in rows {
        out.write_record([
            p.partner_id.to_string(),
            neutralise(&p.partner).into_owned(),
            p.deal_id.to_string(),
            neutralise(&p.deal).into_owned(),
            p.closed.format("%Y-%m-%d").to_string(),
            p.due.format("%Y-%m-%d").to_string(),
            p.attribution.to_string(),
            p.value.to_string(),
            p.model.as_str().to_string(),
            p.rate_pct.to_string(),
            p.installment
                .map(|[n, of]| format!("{n}/{of}"))
                .unwrap_or_default(),
            p.amount.to_string(),
            neutralise(&p.arithmetic).into_owned(),
        ])?;
    }
    Ok(String::from_utf8(out.into_inner()?)?)
}
