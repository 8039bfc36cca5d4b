//! The program's metrics (`domain::program::report`) from each partner's
//! facts rather than its whole history (docs/architecture.md, "How the
//! book becomes summaries"): the facts keep every record the program's
//! rules read, as they do the scoring's, and a book keeps them per
//! partner, so the report reads one small blob a partner instead of every
//! row of the book (at 50,000 partners the whole book took 8.9 s and
//! 1.4 GB). Partners without a usable blob are read whole and reduced to
//! their facts.

use chrono::NaiveDate;

use super::facts_stamp;
use crate::domain::book::{Book, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::facts::facts;
use crate::domain::program::{Report, report};
use crate::store::facts_codec::decode;
use crate::store::{BookStore, Store, StoreError};

/// Every metric of the program as of `today`, from the book's facts.
///
/// # Errors
/// When the book cannot be read.
pub fn program_report(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<Report, StoreError> {
    let mut book = Book {
        partners: Vec::new(),
        company_revenue: Vec::new(),
    };
    store.snapshot(|s| {
        book.partners = facts_files(s)?;
        book.company_revenue = s.company_revenue()?;
        Ok(())
    })?;
    Ok(report(&book, today, cfg))
}

/// Every partner's facts, by id: from its blob where the book keeps one
/// of this build's stamp, else from its rows.
fn facts_files(store: &dyn BookStore) -> Result<Vec<PartnerFile>, StoreError> {
    let partners = store.load_partners()?;
    let mut files: Vec<Option<PartnerFile>> = vec![None; partners.len()];
    if store.meta("facts_stamp")?.as_deref() == Some(facts_stamp().as_str()) {
        let mut i = 0;
        store.each_facts(i64::MIN, i64::MAX, &mut |id, blob| {
            while i < partners.len() && partners[i].id < id {
                i += 1;
            }
            if let Some(p) = partners.get(i).filter(|p| p.id == id) {
                files[i] = decode(p.clone(), blob);
            }
        })?;
    }
    let missing: Vec<i64> = partners
        .iter()
        .zip(&files)
        .filter(|(_, f)| f.is_none())
        .map(|(p, _)| p.id)
        .collect();
    let mut read = store.load_files(&missing)?.into_iter().peekable();
    Ok(partners
        .iter()
        .zip(files)
        .filter_map(|(p, f)| f.or_else(|| read.next_if(|f| f.partner.id == p.id).map(facts)))
        .collect())
}
