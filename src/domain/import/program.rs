//! Rows of the program's own records (revenue, referrals, certifications,
//! NPS) from CSV, and how they match the book: by natural key only (these
//! tables keep no CRM id). docs/rules.md, "CSV import".

use chrono::NaiveDate;

use super::Write;
use super::plan::{Planner, Target};
use super::rows::{Cells, Reading, Record};
use crate::domain::book::{Certification, CompanyMonth, NpsResponse, Referral, Revenue, YearMonth};
use crate::domain::search::loose_key as loose;
use crate::domain::validate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueRow {
    pub line: u64,
    pub partner: String,
    pub month: YearMonth,
    pub sourced: Option<i64>,
    pub influenced: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralRow {
    pub line: u64,
    pub partner: String,
    pub date: NaiveDate,
    pub lead: String,
    pub qualified: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationRow {
    pub line: u64,
    pub partner: String,
    pub person: String,
    pub name: String,
    pub passed: NaiveDate,
    pub expires: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpsRow {
    pub line: u64,
    pub partner: String,
    pub date: NaiveDate,
    pub score: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRevenueRow {
    pub line: u64,
    pub month: YearMonth,
    pub amount: i64,
}

/// `2026-03`, `Mar 2026`, `March 2026`, `03/2026`, `2026/03`, or any date
/// in the month in the file's date order.
fn month(text: &str, how: &Reading<'_>) -> Result<YearMonth, String> {
    crate::domain::parse::month(text)
        .or_else(|e| how.date(text.trim()).map(YearMonth::of).map_err(|_| e))
}

/// `yes`/`no`, `true`/`false`, `1`/`0`, `y`/`n`.
pub(super) fn yes_no(text: &str) -> Result<bool, String> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "qualified" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("'{text}' is not yes or no")),
    }
}

pub(super) fn revenue(c: &mut Cells<'_>, how: &Reading<'_>) -> Option<Record> {
    let partner = c.needed("partner", "a partner name");
    let month = c.required("month", "a month", |t| month(t, how));
    let sourced = c.parsed("sourced", |t| how.amount(t));
    let influenced = c.parsed("influenced", |t| how.amount(t));
    if c.get("sourced").is_none() && c.get("influenced").is_none() {
        let header = c.header("sourced");
        c.problem(&header, "an amount is needed (sourced or influenced)");
    }
    Some(Record::Revenue(RevenueRow {
        line: c.line,
        partner,
        month: month?,
        sourced,
        influenced,
    }))
}

pub(super) fn company_revenue(c: &mut Cells<'_>, how: &Reading<'_>) -> Option<Record> {
    let month = c.required("month", "a month", |t| month(t, how));
    let amount = c.required("amount", "an amount", |t| {
        how.amount(t).and_then(|v| {
            if v < 0 {
                Err(format!("'{t}' is negative; company revenue is 0 or more"))
            } else {
                Ok(v)
            }
        })
    });
    Some(Record::CompanyRevenue(CompanyRevenueRow {
        line: c.line,
        month: month?,
        amount: amount?,
    }))
}

pub(super) fn referral(c: &mut Cells<'_>, how: &Reading<'_>) -> Option<Record> {
    let partner = c.needed("partner", "a partner name");
    let date = c.required("date", "a date", |t| how.date(t));
    let lead = c.text("lead").unwrap_or_default();
    let qualified = c.parsed("qualified", yes_no);
    Some(Record::Referral(ReferralRow {
        line: c.line,
        partner,
        date: date?,
        lead,
        qualified,
    }))
}

pub(super) fn certification(c: &mut Cells<'_>, how: &Reading<'_>) -> Option<Record> {
    let partner = c.needed("partner", "a partner name");
    let person = c.needed("person", "a person");
    let name = c.needed("name", "a certification name");
    let passed = c.required("passed", "a date", |t| how.date(t));
    let expires = c.required("expires", "a date", |t| how.date(t));
    let (passed, expires) = (passed?, expires?);
    if expires <= passed {
        let header = c.header("expires");
        c.problem(
            &header,
            format!("expires on {expires}, not after it was passed on {passed}"),
        );
    }
    Some(Record::Certification(CertificationRow {
        line: c.line,
        partner,
        person,
        name,
        passed,
        expires,
    }))
}

pub(super) fn nps(c: &mut Cells<'_>, how: &Reading<'_>) -> Option<Record> {
    let partner = c.needed("partner", "a partner name");
    let date = c.required("date", "a date", |t| how.date(t));
    let score = c.required("score", "a score", |t| {
        let n: i32 = t
            .parse()
            .map_err(|_| format!("'{t}' is not a whole number"))?;
        validate::nps_score(n).map_or(Ok(n), |p| Err(p.message))
    });
    Some(Record::Nps(NpsRow {
        line: c.line,
        partner,
        date: date?,
        score: score?,
    }))
}

/// Where a program row lands.
enum Landing {
    Existing(usize),
    New,
    /// A row before it landed there: a problem, nothing planned.
    Repeated,
}

impl Planner<'_> {
    /// Where a row of partner `pi` with this key lands: an existing row, a
    /// new one, or nowhere when a row before it in the file landed on the
    /// same record (a problem).
    fn program_target(&mut self, pi: usize, key: &str, line: u64, column: &str) -> Landing {
        let found = self.index.find(pi, None, key.to_string());
        let pid = self.book.partners[pi].partner.id;
        if !self.first(Target::New(format!("{pid}|{key}")), line, column) {
            return Landing::Repeated;
        }
        found.map_or(Landing::New, Landing::Existing)
    }

    pub(super) fn revenue(&mut self, r: &RevenueRow) {
        let Some(pi) = self.partner_of(&r.partner, r.line) else {
            return;
        };
        let found = match self.program_target(pi, &r.month.to_string(), r.line, "month") {
            Landing::Repeated => return,
            Landing::Existing(i) => Some(i),
            Landing::New => None,
        };
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        match found {
            None => self.plan.add(Write::AddRevenue(
                pid,
                Revenue {
                    month: r.month,
                    sourced: r.sourced.unwrap_or(0),
                    influenced: r.influenced.unwrap_or(0),
                },
            )),
            Some(i) => {
                let old = &file.revenue[i];
                let new = Revenue {
                    month: r.month,
                    sourced: r.sourced.unwrap_or(old.sourced),
                    influenced: r.influenced.unwrap_or(old.influenced),
                };
                let changed = new != *old;
                self.plan.update(changed, Write::UpdateRevenue(pid, new));
            }
        }
    }

    /// A month of company revenue: the book's own row for that month, or
    /// a new one; a month twice in the file is a problem.
    pub(super) fn company_revenue(&mut self, r: &CompanyRevenueRow) {
        if !self.first(Target::New(r.month.to_string()), r.line, "month") {
            return;
        }
        let new = CompanyMonth {
            month: r.month,
            amount: r.amount,
        };
        match self
            .book
            .company_revenue
            .iter()
            .find(|m| m.month == r.month)
        {
            None => self.plan.add(Write::SetCompanyRevenue(new)),
            Some(old) => {
                let changed = new != *old;
                self.plan.update(changed, Write::SetCompanyRevenue(new));
            }
        }
    }

    pub(super) fn referral(&mut self, r: &ReferralRow) {
        let Some(pi) = self.partner_of(&r.partner, r.line) else {
            return;
        };
        let key = format!("{}|{}", r.date, loose(&r.lead));
        let found = match self.program_target(pi, &key, r.line, "date") {
            Landing::Repeated => return,
            Landing::Existing(i) => Some(i),
            Landing::New => None,
        };
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        let old = found.map(|i| &file.referrals[i]);
        let new = Referral {
            id: old.map_or(0, |o| o.id),
            date: r.date,
            lead: r.lead.clone(),
            qualified: r
                .qualified
                .unwrap_or_else(|| old.is_some_and(|o| o.qualified)),
        };
        match old {
            None => self.plan.add(Write::AddReferral(pid, new)),
            Some(o) => {
                let changed = new != *o;
                self.plan.update(changed, Write::UpdateReferral(pid, new));
            }
        }
    }

    pub(super) fn certification(&mut self, r: &CertificationRow) {
        let Some(pi) = self.partner_of(&r.partner, r.line) else {
            return;
        };
        let key = format!("{}|{}|{}", loose(&r.person), loose(&r.name), r.passed);
        let found = match self.program_target(pi, &key, r.line, "name") {
            Landing::Repeated => return,
            Landing::Existing(i) => Some(i),
            Landing::New => None,
        };
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        let old = found.map(|i| &file.certifications[i]);
        let new = Certification {
            id: old.map_or(0, |o| o.id),
            person: r.person.clone(),
            name: r.name.clone(),
            passed: r.passed,
            expires: r.expires,
        };
        match old {
            None => self.plan.add(Write::AddCertification(pid, new)),
            Some(o) => {
                let changed = new != *o;
                self.plan
                    .update(changed, Write::UpdateCertification(pid, new));
            }
        }
    }

    pub(super) fn nps(&mut self, r: &NpsRow) {
        let Some(pi) = self.partner_of(&r.partner, r.line) else {
            return;
        };
        let found = match self.program_target(pi, &r.date.to_string(), r.line, "date") {
            Landing::Repeated => return,
            Landing::Existing(i) => Some(i),
            Landing::New => None,
        };
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        let old = found.map(|i| &file.nps[i]);
        let new = NpsResponse {
            id: old.map_or(0, |o| o.id),
            date: r.date,
            score: r.score,
        };
        match old {
            None => self.plan.add(Write::AddNps(pid, new)),
            Some(o) => {
                let changed = new != *o;
                self.plan.update(changed, Write::UpdateNps(pid, new));
            }
        }
    }
}
