//! Records matched against the book: what an import adds, updates and
//! leaves as it is. Partners match by name (case, accents and spacing
//! ignored) and are updated, never duplicated; every other row matches by
//! its CRM id when it has one, else by partner + name (+ date), so the same
//! file imported twice changes nothing the second time.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::index::Index;
use super::{CellProblem, Columns, Record, Table};
use crate::domain::book::{
    Activity, ActivityKind, Book, Certification, CompanyMonth, Contact, Deal, Lifecycle,
    NpsResponse, Partner, Referral, Revenue, StrategicFit, Tier,
};
use crate::domain::search::loose_key;

/// The CRM ids the book holds, per table: row id → external id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExternalIds {
    pub partners: HashMap<i64, String>,
    pub contacts: HashMap<i64, String>,
    pub deals: HashMap<i64, String>,
    pub activities: HashMap<i64, String>,
}

/// One row to write. `external_id` None leaves the stored one as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// A new partner (its id is 0: the store gives it one), with the day
    /// of a CRM touch to log for it, if any.
    AddPartner(Partner, Option<String>, Option<NaiveDate>),
    UpdatePartner(Partner, Option<String>, Option<NaiveDate>),
    /// A new row for the partner with this id (its own id is 0).
    AddContact(i64, Contact, Option<String>),
    UpdateContact(i64, Contact, Option<String>),
    AddDeal(i64, Deal, Option<String>),
    UpdateDeal(i64, Deal, Option<String>),
    AddActivity(i64, Activity, Option<String>),
    UpdateActivity(i64, Activity, Option<String>),
    /// Revenue is one row per partner and month (no id).
    AddRevenue(i64, Revenue),
    UpdateRevenue(i64, Revenue),
    AddReferral(i64, Referral),
    UpdateReferral(i64, Referral),
    AddCertification(i64, Certification),
    UpdateCertification(i64, Certification),
    AddNps(i64, NpsResponse),
    UpdateNps(i64, NpsResponse),
    /// The company's revenue for a month (the book's own, no partner's).
    SetCompanyRevenue(CompanyMonth),
}

impl Write {
    /// The partner whose records (not its own row) this write changes.
    #[must_use]
    pub fn partner(&self) -> Option<i64> {
        match self {
            Write::AddPartner(..) | Write::UpdatePartner(..) | Write::SetCompanyRevenue(_) => None,
            Write::AddContact(p, ..)
            | Write::UpdateContact(p, ..)
            | Write::AddDeal(p, ..)
            | Write::UpdateDeal(p, ..)
            | Write::AddActivity(p, ..)
            | Write::UpdateActivity(p, ..)
            | Write::AddRevenue(p, _)
            | Write::UpdateRevenue(p, _)
            | Write::AddReferral(p, _)
            | Write::UpdateReferral(p, _)
            | Write::AddCertification(p, _)
            | Write::UpdateCertification(p, _)
            | Write::AddNps(p, _)
            | Write::UpdateNps(p, _) => Some(*p),
        }
    }
}

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub writes: Vec<Write>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows that cannot go in (an unknown partner, a duplicate row).
    pub problems: Vec<CellProblem>,
}

impl Plan {
    pub(super) fn add(&mut self, write: Write) {
        self.added += 1;
        self.writes.push(write);
    }

    pub(super) fn update(&mut self, changed: bool, write: Write) {
        if changed {
            self.updated += 1;
            self.writes.push(write);
        } else {
            self.unchanged += 1;
        }
    }
}

/// Where a row lands: an existing row (by id) or a new one (by its key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Target {
    Row(i64),
    New(String),
}

/// Plan an import of `records` (all of one `table`) into `book`. `today`
/// dates a new partner's tier; `now` (RFC 3339) stamps partners written.
#[must_use]
pub fn plan(
    table: Table,
    columns: &Columns,
    records: &[Record],
    book: &Book,
    ext: &ExternalIds,
    today: NaiveDate,
    now: &str,
) -> Plan {
    let mut planner = Planner {
        table,
        columns,
        book,
        ext,
        today,
        now,
        plan: Plan::default(),
        seen: HashMap::new(),
        seen_ext: HashMap::new(),
        by_name: book
            .partners
            .iter()
            .enumerate()
            .map(|(i, f)| (loose_key(&f.partner.name), i))
            .rev()
            .collect(),
        index: Index::of(table, book, ext),
    };
    for record in records {
        planner.record(record);
    }
    planner.plan
}

pub(super) struct Planner<'a> {
    pub table: Table,
    pub columns: &'a Columns,
    pub book: &'a Book,
    pub ext: &'a ExternalIds,
    pub today: NaiveDate,
    pub now: &'a str,
    pub plan: Plan,
    /// Rows already planned, with the line they came from.
    pub seen: HashMap<Target, u64>,
    /// CRM ids met so far, with their line.
    pub seen_ext: HashMap<String, u64>,
    /// Partner index by loose name (the first of equal names).
    pub by_name: HashMap<String, usize>,
    pub index: Index,
}

impl Planner<'_> {
    fn problem(&mut self, line: u64, column: &str, message: String) {
        let header = self.columns.header_of(self.table, column);
        self.plan
            .problems
            .push(CellProblem::new(line, &header, message));
    }

    /// Note a row's target; false (with a problem) when a row before it
    /// already landed there.
    pub(super) fn first(&mut self, target: Target, line: u64, column: &str) -> bool {
        if let Some(before) = self.seen.insert(target, line) {
            self.problem(line, column, format!("the same row as line {before}"));
            return false;
        }
        true
    }

    /// The partner a child row names, by loose name.
    pub(super) fn partner_of(&mut self, name: &str, line: u64) -> Option<usize> {
        let found = self.by_name.get(&loose_key(name)).copied();
        if found.is_none() {
            self.problem(
                line,
                "partner",
                format!("no partner named '{name}' in the book (import partners first)"),
            );
        }
        found
    }

    pub(super) fn ext_changed(ids: &HashMap<i64, String>, id: i64, row: Option<&String>) -> bool {
        row.is_some_and(|e| ids.get(&id) != Some(e))
    }

    fn record(&mut self, record: &Record) {
        let (line, ext) = match record {
            Record::Partner(r) => (r.line, &r.external_id),
            Record::Contact(r) => (r.line, &r.external_id),
            Record::Deal(r) => (r.line, &r.external_id),
            Record::Activity(r) => (r.line, &r.external_id),
            Record::Revenue(r) => (r.line, &None),
            Record::Referral(r) => (r.line, &None),
            Record::Certification(r) => (r.line, &None),
            Record::Nps(r) => (r.line, &None),
            Record::CompanyRevenue(r) => (r.line, &None),
        };
        if let Some(e) = ext
            && let Some(before) = self.seen_ext.insert(e.clone(), line)
        {
            self.problem(
                line,
                "external_id",
                format!("'{e}' is the CRM id of line {before} too"),
            );
            return;
        }
        match record {
            Record::Partner(r) => self.partner(r),
            Record::Contact(r) => self.contact(r),
            Record::Deal(r) => self.deal(r),
            Record::Activity(r) => self.activity(r),
            Record::Revenue(r) => self.revenue(r),
            Record::Referral(r) => self.referral(r),
            Record::Certification(r) => self.certification(r),
            Record::Nps(r) => self.nps(r),
            Record::CompanyRevenue(r) => self.company_revenue(r),
        }
    }

    fn partner(&mut self, r: &super::PartnerRow) {
        let by_ext = r
            .external_id
            .as_ref()
            .and_then(|e| self.index.by_ext.get(e))
            .map(|(pi, _)| *pi);
        let found = by_ext.or_else(|| self.by_name.get(&loose_key(&r.name)).copied());
        let Some(i) = found else {
            let key = loose_key(&r.name);
            if self.first(Target::New(key), r.line, "name") {
                let p = Partner {
                    id: 0,
                    name: r.name.clone(),
                    kind: r.kind,
                    tier: r.tier.unwrap_or(Tier::Registered),
                    tier_since: r.tier_since.unwrap_or(self.today),
                    provisional_until: r.provisional_until,
                    owner: r.owner.clone().unwrap_or_default(),
                    // A CRM's partner account is signed; only a stage
                    // such as `Prospect` or `Lead` makes it a prospect.
                    lifecycle: r.lifecycle.unwrap_or(Lifecycle::Grow),
                    fit: r.fit.unwrap_or(StrategicFit::Moderate),
                    segment_override: None,
                    region: r.region.clone().unwrap_or_default(),
                    website: r.website.clone().unwrap_or_default(),
                    notes: r.notes.clone().unwrap_or_default(),
                    created_at: self.now.to_string(),
                    updated_at: self.now.to_string(),
                    archived: r.archived.unwrap_or(false),
                    joined: r.joined,
                };
                self.plan
                    .add(Write::AddPartner(p, r.external_id.clone(), r.last_activity));
            }
            return;
        };
        let old = &self.book.partners[i].partner;
        if !self.first(Target::Row(old.id), r.line, "name") {
            return;
        }
        let mut p = old.clone();
        if by_ext.is_some() && loose_key(&r.name) != loose_key(&p.name) {
            if self.by_name.contains_key(&loose_key(&r.name)) {
                let message = format!("another partner in the book is named '{}'", r.name);
                self.problem(r.line, "name", message);
                return;
            }
            p.name.clone_from(&r.name);
        }
        if r.kind.is_some() {
            p.kind = r.kind;
        }
        if let Some(tier) = r.tier.filter(|t| *t != p.tier) {
            p.tier = tier;
            p.tier_since = self.today;
        }
        set(&mut p.tier_since, r.tier_since);
        if r.provisional_until.is_some() {
            p.provisional_until = r.provisional_until;
        }
        if r.joined.is_some() {
            p.joined = r.joined;
        }
        set(&mut p.archived, r.archived);
        set(&mut p.lifecycle, r.lifecycle);
        set(&mut p.fit, r.fit);
        for (field, value) in [
            (&mut p.owner, &r.owner),
            (&mut p.region, &r.region),
            (&mut p.website, &r.website),
            (&mut p.notes, &r.notes),
        ] {
            set(field, value.clone());
        }
        // The CRM's last activity is one touch on that day, logged once.
        let touch = r.last_activity.filter(|day| {
            !self.book.partners[i]
                .activities
                .iter()
                .any(|a| a.kind == ActivityKind::Crm && a.date == *day)
        });
        let changed = p != *old
            || touch.is_some()
            || Self::ext_changed(&self.ext.partners, p.id, r.external_id.as_ref());
        if p != *old {
            p.updated_at = self.now.to_string();
        }
        self.plan.update(
            changed,
            Write::UpdatePartner(p, r.external_id.clone(), touch),
        );
    }
}

/// Overwrite a field with a value the file gave.
pub(super) fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *field = v;
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
