//! The imported table's rows already in the book, found by CRM id or by
//! natural key in constant time (a 10,000-row file against a book of as
//! many partners is one pass).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{ExternalIds, Table};
use crate::domain::book::{ActivityKind, Book};
use crate::domain::search::loose_key;

/// The imported table's rows in the book, by CRM id and by natural key,
/// as (partner index, row index): each row is found in constant time.
#[derive(Default)]
pub(super) struct Index {
    pub by_ext: HashMap<String, (usize, usize)>,
    pub by_key: HashMap<(usize, String), usize>,
}

impl Index {
    pub fn of(table: Table, book: &Book, ext: &ExternalIds) -> Index {
        let mut index = Index::default();
        for (pi, f) in book.partners.iter().enumerate() {
            match table {
                Table::Partners => index.add(pi, 0, ext.partners.get(&f.partner.id), None),
                Table::Contacts => {
                    for (ri, c) in f.contacts.iter().enumerate() {
                        index.add(pi, ri, ext.contacts.get(&c.id), Some(contact_key(&c.name)));
                    }
                }
                Table::Deals => {
                    for (ri, d) in f.deals.iter().enumerate() {
                        let key = deal_key(&d.name, d.registered);
                        index.add(pi, ri, ext.deals.get(&d.id), Some(key));
                    }
                }
                Table::Activities => {
                    for (ri, a) in f.activities.iter().enumerate() {
                        let key = activity_key(a.date, a.kind, &a.summary);
                        index.add(pi, ri, ext.activities.get(&a.id), Some(key));
                    }
                }
                Table::Revenue => {
                    for (ri, r) in f.revenue.iter().enumerate() {
                        index.add(pi, ri, None, Some(r.month.to_string()));
                    }
                }
                Table::Referrals => {
                    for (ri, r) in f.referrals.iter().enumerate() {
                        index.add(
                            pi,
                            ri,
                            None,
                            Some(format!("{}|{}", r.date, loose_key(&r.lead))),
                        );
                    }
                }
                Table::Certifications => {
                    for (ri, c) in f.certifications.iter().enumerate() {
                        let key = format!(
                            "{}|{}|{}",
                            loose_key(&c.person),
                            loose_key(&c.name),
                            c.passed
                        );
                        index.add(pi, ri, None, Some(key));
                    }
                }
                Table::Nps => {
                    for (ri, n) in f.nps.iter().enumerate() {
                        index.add(pi, ri, None, Some(n.date.to_string()));
                    }
                }
                // The book's own rows, found by month (`Planner::company_revenue`).
                Table::CompanyRevenue => {}
            }
        }
        index
    }

    /// Note a row; the first of equal ids or keys is the one found.
    fn add(&mut self, pi: usize, ri: usize, ext: Option<&String>, key: Option<String>) {
        if let Some(e) = ext {
            self.by_ext.entry(e.clone()).or_insert((pi, ri));
        }
        if let Some(k) = key {
            self.by_key.entry((pi, k)).or_insert(ri);
        }
    }

    /// The row of partner `pi` with this CRM id, else this key.
    pub fn find(&self, pi: usize, ext: Option<&String>, key: String) -> Option<usize> {
        ext.and_then(|e| self.by_ext.get(e))
            .filter(|(p, _)| *p == pi)
            .map(|(_, r)| *r)
            .or_else(|| self.by_key.get(&(pi, key)).copied())
    }
}

pub(super) fn contact_key(name: &str) -> String {
    loose_key(name)
}

pub(super) fn deal_key(name: &str, registered: NaiveDate) -> String {
    format!("{}|{registered}", loose_key(name))
}

pub(super) fn activity_key(date: NaiveDate, kind: ActivityKind, summary: &str) -> String {
    format!("{date}|{kind}|{}", loose_key(summary))
}
