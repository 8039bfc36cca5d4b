//! Records matched against the book: what an import adds, updates and
//! leaves as it is. Partners match by name (case, accents and spacing
//! ignored) and are updated, never duplicated; every other row matches by
//! its CRM id when it has one, else by partner + name (+ date), so the same
//! file imported twice changes nothing the second time.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{CellProblem, Columns, Record, Table};
use crate::domain::book::{
    Activity, Attribution, Book, Contact, ContactRole, Deal, Lifecycle, Partner, PartnerType,
    StrategicFit, Tier,
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
    /// A new partner (its id is 0: the store gives it one).
    AddPartner(Partner, Option<String>),
    UpdatePartner(Partner, Option<String>),
    /// A new row for the partner with this id (its own id is 0).
    AddContact(i64, Contact, Option<String>),
    UpdateContact(i64, Contact, Option<String>),
    AddDeal(i64, Deal, Option<String>),
    UpdateDeal(i64, Deal, Option<String>),
    AddActivity(i64, Activity, Option<String>),
    UpdateActivity(i64, Activity, Option<String>),
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
    fn add(&mut self, write: Write) {
        self.added += 1;
        self.writes.push(write);
    }

    fn update(&mut self, changed: bool, write: Write) {
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
enum Target {
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
        by_name: book
            .partners
            .iter()
            .enumerate()
            .map(|(i, f)| (loose_key(&f.partner.name), i))
            .rev()
            .collect(),
    };
    for record in records {
        planner.record(record);
    }
    planner.plan
}

struct Planner<'a> {
    table: Table,
    columns: &'a Columns,
    book: &'a Book,
    ext: &'a ExternalIds,
    today: NaiveDate,
    now: &'a str,
    plan: Plan,
    /// Rows already planned, with the line they came from.
    seen: HashMap<Target, u64>,
    /// Partner index by loose name (the first of equal names).
    by_name: HashMap<String, usize>,
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
    fn first(&mut self, target: Target, line: u64, column: &str) -> bool {
        if let Some(before) = self.seen.insert(target, line) {
            self.problem(line, column, format!("the same row as line {before}"));
            return false;
        }
        true
    }

    /// The partner a child row names, by loose name.
    fn partner_of(&mut self, name: &str, line: u64) -> Option<usize> {
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

    /// The index of the row with this CRM id, among `rows` (by id).
    fn by_external<T>(
        ids: &HashMap<i64, String>,
        wanted: Option<&String>,
        rows: &[T],
        id: impl Fn(&T) -> i64,
    ) -> Option<usize> {
        let wanted = wanted?;
        rows.iter()
            .position(|r| ids.get(&id(r)).is_some_and(|e| e == wanted))
    }

    fn ext_changed(ids: &HashMap<i64, String>, id: i64, row: Option<&String>) -> bool {
        row.is_some_and(|e| ids.get(&id) != Some(e))
    }

    fn record(&mut self, record: &Record) {
        match record {
            Record::Partner(r) => self.partner(r),
            Record::Contact(r) => self.contact(r),
            Record::Deal(r) => self.deal(r),
            Record::Activity(r) => self.activity(r),
        }
    }

    fn partner(&mut self, r: &super::PartnerRow) {
        let by_ext = r.external_id.as_ref().and_then(|e| {
            self.book
                .partners
                .iter()
                .position(|f| self.ext.partners.get(&f.partner.id) == Some(e))
        });
        let found = by_ext.or_else(|| self.by_name.get(&loose_key(&r.name)).copied());
        let Some(i) = found else {
            let key = loose_key(&r.name);
            if self.first(Target::New(key), r.line, "name") {
                let p = Partner {
                    id: 0,
                    name: r.name.clone(),
                    kind: r.kind.unwrap_or(PartnerType::Referral),
                    tier: r.tier.unwrap_or(Tier::Registered),
                    tier_since: self.today,
                    provisional_until: None,
                    owner: r.owner.clone().unwrap_or_default(),
                    lifecycle: r.lifecycle.unwrap_or(Lifecycle::Recruit),
                    fit: r.fit.unwrap_or(StrategicFit::Moderate),
                    segment_override: None,
                    region: r.region.clone().unwrap_or_default(),
                    website: r.website.clone().unwrap_or_default(),
                    notes: r.notes.clone().unwrap_or_default(),
                    created_at: self.now.to_string(),
                    updated_at: self.now.to_string(),
                    archived: false,
                };
                self.plan.add(Write::AddPartner(p, r.external_id.clone()));
            }
            return;
        };
        let old = &self.book.partners[i].partner;
        if !self.first(Target::Row(old.id), r.line, "name") {
            return;
        }
        let mut p = old.clone();
        if by_ext.is_some() {
            p.name.clone_from(&r.name);
        }
        set(&mut p.kind, r.kind);
        if let Some(tier) = r.tier.filter(|t| *t != p.tier) {
            p.tier = tier;
            p.tier_since = self.today;
        }
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
        let changed =
            p != *old || Self::ext_changed(&self.ext.partners, p.id, r.external_id.as_ref());
        if changed {
            p.updated_at = self.now.to_string();
        }
        self.plan
            .update(changed, Write::UpdatePartner(p, r.external_id.clone()));
    }

    fn contact(&mut self, r: &super::ContactRow) {
        let Some(pi) = self.partner_of(&r.partner, r.line) else {
            return;
        };
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        let rows = &file.contacts;
        let found = Self::by_external(&self.ext.contacts, r.external_id.as_ref(), rows, |c| c.id)
            .or_else(|| {
                let key = loose_key(&r.name);
                rows.iter().position(|c| loose_key(&c.name) == key)
            });
        let target = found.map_or_else(
            || Target::New(format!("{pid}|{}", loose_key(&r.name))),
            |i| Target::Row(rows[i].id),
        );
        if !self.first(target, r.line, "name") {
            return;
        }
        let Some(i) = found else {
            let c = Contact {
                id: 0,
                name: r.name.clone(),
                role: r.role.unwrap_or(ContactRole::Other),
                email: r.email.clone().unwrap_or_default(),
                phone: r.phone.clone().unwrap_or_default(),
                active: true,
            };
            self.plan
                .add(Write::AddContact(pid, c, r.external_id.clone()));
            return;
        };
        let old = &rows[i];
        let mut c = old.clone();
        c.name.clone_from(&r.name);
        set(&mut c.role, r.role);
        set(&mut c.email, r.email.clone());
        set(&mut c.phone, r.phone.clone());
        let changed =
            c != *old || Self::ext_changed(&self.ext.contacts, c.id, r.external_id.as_ref());
        self.plan
            .update(changed, Write::UpdateContact(pid, c, r.external_id.clone()));
    }

    fn deal(&mut self, r: &super::DealRow) {
        let Some(pi) = self.partner_of(&r.partner, r.line) else {
            return;
        };
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        let rows = &file.deals;
        let key = loose_key(&r.name);
        let found = Self::by_external(&self.ext.deals, r.external_id.as_ref(), rows, |d| d.id)
            .or_else(|| {
                rows.iter()
                    .position(|d| d.registered == r.registered && loose_key(&d.name) == key)
            });
        let target = found.map_or_else(
            || Target::New(format!("{pid}|{key}|{}", r.registered)),
            |i| Target::Row(rows[i].id),
        );
        if !self.first(target, r.line, "name") {
            return;
        }
        let Some(i) = found else {
            let d = Deal {
                id: 0,
                name: r.name.clone(),
                value: r.value,
                registered: r.registered,
                stage: r.stage,
                stage_changed: r.closed.unwrap_or(r.registered),
                closed: r.closed,
                attribution: r.attribution.unwrap_or(Attribution::Sourced),
            };
            self.plan.add(Write::AddDeal(pid, d, r.external_id.clone()));
            return;
        };
        let old = &rows[i];
        let mut d = old.clone();
        d.name.clone_from(&r.name);
        d.value = r.value;
        d.registered = r.registered;
        if d.stage != r.stage {
            d.stage = r.stage;
            d.stage_changed = r.closed.unwrap_or(self.today).max(r.registered);
        }
        d.closed = r.closed;
        set(&mut d.attribution, r.attribution);
        let changed = d != *old || Self::ext_changed(&self.ext.deals, d.id, r.external_id.as_ref());
        self.plan
            .update(changed, Write::UpdateDeal(pid, d, r.external_id.clone()));
    }

    fn activity(&mut self, r: &super::ActivityRow) {
        let Some(pi) = self.partner_of(&r.partner, r.line) else {
            return;
        };
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        let rows = &file.activities;
        let key = loose_key(&r.summary);
        let found = Self::by_external(&self.ext.activities, r.external_id.as_ref(), rows, |a| a.id)
            .or_else(|| {
                rows.iter().position(|a| {
                    a.date == r.date && a.kind == r.kind && loose_key(&a.summary) == key
                })
            });
        let target = found.map_or_else(
            || Target::New(format!("{pid}|{}|{}|{key}", r.date, r.kind)),
            |i| Target::Row(rows[i].id),
        );
        if !self.first(target, r.line, "summary") {
            return;
        }
        let a = Activity {
            id: found.map_or(0, |i| rows[i].id),
            date: r.date,
            kind: r.kind,
            summary: r.summary.clone(),
        };
        match found {
            None => self
                .plan
                .add(Write::AddActivity(pid, a, r.external_id.clone())),
            Some(i) => {
                let changed = a != rows[i]
                    || Self::ext_changed(&self.ext.activities, a.id, r.external_id.as_ref());
                self.plan.update(
                    changed,
                    Write::UpdateActivity(pid, a, r.external_id.clone()),
                );
            }
        }
    }
}

/// Overwrite a field with a value the file gave.
fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *field = v;
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_row;
    use super::*;
    use crate::domain::config::ProgramConfig;
    use crate::domain::testing::partner_file;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
    }

    fn rows(table: Table, headers: &[&str], lines: &[&[&str]]) -> (Columns, Vec<Record>) {
        let rules = ProgramConfig::default().import;
        let headers: Vec<String> = headers.iter().map(|s| (*s).to_string()).collect();
        let columns = Columns::match_headers(table, &headers, &rules).expect("columns");
        let records = lines
            .iter()
            .zip(2..)
            .map(|(cells, line)| read_row(table, &columns, cells, line, &rules, "$").expect("row"))
            .collect();
        (columns, records)
    }

    #[test]
    fn partners_match_by_loose_name_and_are_updated_not_duplicated() {
        let mut book = Book::default();
        let mut file = partner_file("Müller GmbH");
        file.partner.id = 7;
        book.partners.push(file);
        let (columns, records) = rows(
            Table::Partners,
            &["Company name", "Region"],
            &[&["muller  gmbh", "Nordics"], &["Fabrikam", ""]],
        );
        let p = plan(
            Table::Partners,
            &columns,
            &records,
            &book,
            &ExternalIds::default(),
            day(),
            "now",
        );
        assert_eq!((p.added, p.updated, p.unchanged), (1, 1, 0));
        let Write::UpdatePartner(updated, _) = &p.writes[0] else {
            panic!("an update")
        };
        assert_eq!(
            (updated.id, updated.name.as_str(), updated.region.as_str()),
            (7, "Müller GmbH", "Nordics")
        );
    }

    #[test]
    fn a_repeated_row_and_an_unknown_partner_are_problems() {
        let (columns, records) = rows(
            Table::Partners,
            &["Company name"],
            &[&["Fabrikam"], &["FABRIKAM"]],
        );
        let p = plan(
            Table::Partners,
            &columns,
            &records,
            &Book::default(),
            &ExternalIds::default(),
            day(),
            "now",
        );
        assert_eq!(
            p.problems[0].show("f.csv"),
            "f.csv:3: column 'Company name': the same row as line 2"
        );
        let (columns, records) = rows(
            Table::Deals,
            &["Deal Name", "Company", "Amount", "Create Date", "Stage"],
            &[&["Big", "Nobody Inc", "10", "2026-01-01", "won"]],
        );
        let p = plan(
            Table::Deals,
            &columns,
            &records,
            &Book::default(),
            &ExternalIds::default(),
            day(),
            "now",
        );
        assert_eq!(
            p.problems[0].show("d.csv"),
            "d.csv:2: column 'Company': no partner named 'Nobody Inc' in the book (import partners first)"
        );
    }
}
