//! The whole book as JSON: export, and all-or-nothing import.
//!
//! The document is the book itself (every partner's file, ids included) under
//! a small header, written with sorted, stable field order so that
//! export → import into an empty book → export gives the same bytes.

mod decode;

use crate::domain::validate;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write as _};

use serde::Serialize;

use crate::domain::book::{Book, CompanyMonth, PartnerFile};
use crate::domain::text::display_safe;
use crate::store::{BookStore, StoreError};
use crate::streamed::Streamed;

/// Name of the format in the header, so other JSON is refused clearly.
pub const FORMAT: &str = "partnerdeck-book";
/// Version of the JSON layout.
pub const VERSION: u32 = 1;

/// How far a QBR checklist item may be due from the QBR, in days.
const MAX_OFFSET_DAYS: i32 = 3660;
/// How far a campaign task may sit from launch, in weeks.
const MAX_WEEKS: i32 = 104;

/// How many partners' files a written export holds at once.
const PARTNERS_AT_ONCE: usize = 500;

#[derive(Serialize)]
struct DocumentOut<'a, P: Serialize> {
    format: &'static str,
    version: u32,
    partners: P,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    company_revenue: &'a [CompanyMonth],
}

/// The book as pretty JSON, ending in a newline.
///
/// # Errors
/// Only if serialisation fails, which plain data does not.
pub fn to_json(book: &Book) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&DocumentOut {
        format: FORMAT,
        version: VERSION,
        partners: &book.partners,
        company_revenue: &book.company_revenue,
    })?;
    text.push('\n');
    Ok(text)
}

/// Why a written export stopped.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The book could not be read.
    #[error(transparent)]
    Book(#[from] StoreError),
    /// The output could not take it.
    #[error(transparent)]
    Output(#[from] io::Error),
}

/// The book as [`to_json`] makes it, byte for byte, written to `out` a few
/// hundred partners at a time as they are read (a book of 50,000 partners
/// is never whole in memory); how many partners it wrote. Read in one
/// snapshot of the book when `book` is inside [`crate::store::Store::snapshot`].
///
/// # Errors
/// When the book cannot be read or `out` cannot take the text.
pub fn write_json(book: &dyn BookStore, out: &mut dyn io::Write) -> Result<usize, WriteError> {
    let ids: Vec<i64> = book.load_partners()?.iter().map(|p| p.id).collect();
    // Partners by id in runs: each run is every id between its first and
    // last, so a range read gives exactly its files.
    let files = ids.chunks(PARTNERS_AT_ONCE).flat_map(|run| {
        let (lo, hi) = (run[0], run[run.len() - 1]);
        let (files, failed) = match book.load_between(lo, hi) {
            Ok(files) => (files, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        files.into_iter().map(Ok).chain(failed.map(Err))
    });
    let company_revenue = book.company_revenue()?;
    let partners = Streamed::new(files);
    let doc = DocumentOut {
        format: FORMAT,
        version: VERSION,
        partners: &partners,
        company_revenue: &company_revenue,
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    if let Err(e) = serde_json::to_writer_pretty(&mut out, &doc) {
        return Err(match partners.failure() {
            Some(failed) => WriteError::Book(failed),
            None => WriteError::Output(e.into()),
        });
    }
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(ids.len())
}

/// Every problem found in an import file, one `file: path: what` each
/// (`file:line:column: what` when the text is not JSON at all).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", problems.join("\n"))]
pub struct ImportError {
    pub problems: Vec<String>,
}

/// Parse and check a JSON book, every record of it, before anything is
/// written: unknown keys, dates outside the accepted set, control and bidi
/// characters in text, duplicate ids and names, implausible values.
///
/// # Errors
/// An [`ImportError`] listing every problem.
pub fn from_json(file: &str, text: &str) -> Result<Book, ImportError> {
    let mut found = decode::Problems::new(file);
    let doc = decode::document(text, &mut found);
    let mut problems = found.list;
    let Some(doc) = doc else {
        return Err(ImportError { problems });
    };
    if doc.format != FORMAT {
        problems.push(format!(
            "{file}: format is '{}', expected '{FORMAT}'",
            display_safe(&doc.format)
        ));
    }
    if doc.version != VERSION {
        problems.push(format!(
            "{file}: version {} is not one this partnerdeck reads (expected {VERSION})",
            doc.version
        ));
    }
    let mut book = Book {
        partners: doc.partners,
        company_revenue: doc.company_revenue,
    };
    check(file, &book, &mut problems);
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }
    for f in &mut book.partners {
        f.normalize();
    }
    book.partners.sort_by_key(|f| f.partner.id);
    book.company_revenue.sort_by_key(|m| m.month);
    Ok(book)
}

/// Ids unique per kind and positive; names unique by
/// `validate::name_unique_key` (case, accents and spacing set aside);
/// values in range.
fn check(file: &str, book: &Book, problems: &mut Vec<String>) {
    let mut names: HashMap<String, (usize, &str)> = HashMap::new();
    let mut ids = Ids::default();
    for (i, f) in book.partners.iter().enumerate() {
        let at = format!("partners[{i}]");
        let p = &f.partner;
        ids.seen(file, "partner", p.id, &at, problems);
        if p.name.trim().is_empty() {
            problems.push(format!("{file}: {at}.partner.name: a partner needs a name"));
        } else {
            let key = validate::name_unique_key(&p.name);
            match names.get(&key) {
                Some((_, other))
                    if crate::domain::search::name_key(other)
                        == crate::domain::search::name_key(&p.name) => problems.push(format!(
                    "{file}: {at}.partner.name: '{}' appears twice",
                    display_safe(&p.name)
                )),
                Some((j, other)) => problems.push(format!(
                    "{file}: {at}.partner.name: '{}' is the name of partners[{j}] '{}' (names differing only in case, accents or spacing are one name)",
                    display_safe(&p.name),
                    display_safe(other)
                )),
                None => {
                    names.insert(key, (i, &p.name));
                }
            }
        }
        check_records(file, f, &at, &mut ids, problems);
    }
    let mut months = HashSet::new();
    for (i, m) in book.company_revenue.iter().enumerate() {
        if !months.insert(m.month) {
            problems.push(format!(
                "{file}: company_revenue[{i}].month: {} appears twice",
                m.month
            ));
        }
        if m.amount < 0 {
            problems.push(format!(
                "{file}: company_revenue[{i}].amount: {} is negative; company revenue is 0 or more",
                m.amount
            ));
        }
    }
}

/// Ids seen so far, per kind of record.
#[derive(Default)]
struct Ids(HashMap<&'static str, HashSet<i64>>);

impl Ids {
    fn seen(
        &mut self,
        file: &str,
        kind: &'static str,
        id: i64,
        at: &str,
        problems: &mut Vec<String>,
    ) {
        if id <= 0 {
            problems.push(format!(
                "{file}: {at}: id must be a positive number, got {id}"
            ));
        }
        if !self.0.entry(kind).or_default().insert(id) {
            problems.push(format!("{file}: {at}: {kind} id {id} is used twice"));
        }
    }
}

fn check_records(file: &str, f: &PartnerFile, at: &str, ids: &mut Ids, problems: &mut Vec<String>) {
    macro_rules! ids_of {
        ($list:expr, $kind:literal, $prefix:expr) => {
            for (j, r) in $list.iter().enumerate() {
                ids.seen(file, $kind, r.id, &format!("{}[{j}]", $prefix), problems);
            }
        };
    }
    ids_of!(f.contacts, "contact", format!("{at}.contacts"));
    ids_of!(f.activities, "activity", format!("{at}.activities"));
    ids_of!(f.deals, "deal", format!("{at}.deals"));
    ids_of!(f.referrals, "referral", format!("{at}.referrals"));
    ids_of!(
        f.certifications,
        "certification",
        format!("{at}.certifications")
    );
    ids_of!(f.nps, "nps", format!("{at}.nps"));
    ids_of!(f.qbrs, "qbr", format!("{at}.qbrs"));
    ids_of!(f.campaigns, "campaign", format!("{at}.campaigns"));
    ids_of!(f.tier_changes, "tier change", format!("{at}.tier_changes"));
    for (j, q) in f.qbrs.iter().enumerate() {
        ids_of!(
            q.checklist,
            "checklist item",
            format!("{at}.qbrs[{j}].checklist")
        );
        ids_of!(q.agenda, "agenda section", format!("{at}.qbrs[{j}].agenda"));
        ids_of!(q.actions, "action item", format!("{at}.qbrs[{j}].actions"));
    }
    for (j, c) in f.campaigns.iter().enumerate() {
        ids_of!(
            c.tasks,
            "campaign task",
            format!("{at}.campaigns[{j}].tasks")
        );
    }
    check_contacts(file, f, at, problems);
    let mut months = HashSet::new();
    for (j, r) in f.revenue.iter().enumerate() {
        if !months.insert(r.month) {
            problems.push(format!(
                "{file}: {at}.revenue[{j}]: month {} appears twice",
                r.month
            ));
        }
    }
    // Amounts and offsets a real book can hold; anything beyond is a broken
    // file, and would only make the numbers meaningless.
    let mut amounts: Vec<(i64, String)> = Vec::new();
    let mut amount = |value: i64, at: String| amounts.push((value, at));
    for (j, r) in f.revenue.iter().enumerate() {
        amount(r.sourced, format!("{at}.revenue[{j}].sourced"));
        amount(r.influenced, format!("{at}.revenue[{j}].influenced"));
    }
    for (j, d) in f.deals.iter().enumerate() {
        if let Some(v) = d.value {
            amount(v, format!("{at}.deals[{j}].value"));
        }
    }
    for (j, c) in f.campaigns.iter().enumerate() {
        amount(c.budget_ours, format!("{at}.campaigns[{j}].budget_ours"));
        amount(
            c.budget_partner,
            format!("{at}.campaigns[{j}].budget_partner"),
        );
        amount(c.kpi_target, format!("{at}.campaigns[{j}].kpi_target"));
        for (k, t) in c.tasks.iter().enumerate() {
            if !(-MAX_WEEKS..=MAX_WEEKS).contains(&t.week) {
                problems.push(format!(
                    "{file}: {at}.campaigns[{j}].tasks[{k}].week: {} is out of range",
                    t.week
                ));
            }
        }
    }
    for (value, at) in amounts {
        if let Some(p) = validate::amount("value", value) {
            problems.push(format!("{file}: {at}: {}", p.message));
        }
    }
    for (j, q) in f.qbrs.iter().enumerate() {
        for (k, c) in q.checklist.iter().enumerate() {
            if !(-MAX_OFFSET_DAYS..=MAX_OFFSET_DAYS).contains(&c.offset_days) {
                problems.push(format!(
                    "{file}: {at}.qbrs[{j}].checklist[{k}].offset_days: {} is out of range",
                    c.offset_days
                ));
            }
        }
    }
    for (j, n) in f.nps.iter().enumerate() {
        if let Some(p) = validate::nps_score(n.score) {
            problems.push(format!("{file}: {at}.nps[{j}].score: {}", p.message));
        }
    }
    for (j, d) in f.deals.iter().enumerate() {
        if let Some(p) = validate::deal_dates(d.registered, d.closed) {
            problems.push(format!("{file}: {at}.deals[{j}].closed: {}", p.message));
        }
    }
}

/// A touch names one of this partner's own contacts.
fn check_contacts(file: &str, f: &PartnerFile, at: &str, problems: &mut Vec<String>) {
    for (j, a) in f.activities.iter().enumerate() {
        if let Some(c) = a.contact
            && !f.contacts.iter().any(|x| x.id == c)
        {
            problems.push(format!(
                "{file}: {at}.activities[{j}].contact: {c} is not one of this partner's contacts"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{date, deal, partner_file};

    #[test]
    fn a_deal_closed_before_it_was_registered_is_refused_as_the_csv_import_refuses_it() {
        let mut f = partner_file("Litware");
        let mut d = deal(date(2026, 3, 2));
        d.id = 1;
        d.closed = Some(date(2026, 3, 1));
        f.deals.push(d);
        let text = to_json(&Book {
            partners: vec![f],
            ..Book::default()
        })
        .expect("json");
        let err = from_json("b.json", &text).expect_err("refused");
        assert_eq!(
            err.problems,
            [
                "b.json: partners[0].deals[0].closed: closed on 2026-03-01, before it was registered on 2026-03-02"
            ]
        );
    }
}
