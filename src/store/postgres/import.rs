//! A CSV import on a team book: planned against the book as it is inside
//! the import's own write (every other write waits for it), then applied
//! to the files it touches and written back — whole or not at all.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use postgres::{Client, GenericClient};

use super::engine_error;
use super::files::{Put, begin_write, load_between, mark_changed, note_change, put_file, take_ids};
use crate::domain::book::Book;
use crate::domain::import::{ExternalIds, Plan, Write};
use crate::store::import_files::{apply, ids_needed};
use crate::store::{Planner, StoreError};

/// The CRM ids rows were imported with.
pub(super) fn external_ids(client: &mut impl GenericClient) -> Result<ExternalIds, StoreError> {
    let rows = client
        .query("SELECT kind, id, external_id FROM external_ids", &[])
        .map_err(|e| engine_error(&e))?;
    let mut ids = ExternalIds::default();
    for row in &rows {
        let map: &mut HashMap<i64, String> = match row.get::<_, &str>(0) {
            "partners" => &mut ids.partners,
            "contacts" => &mut ids.contacts,
            "deals" => &mut ids.deals,
            _ => &mut ids.activities,
        };
        map.insert(row.get(1), row.get(2));
    }
    Ok(ids)
}

pub(super) fn import_planned(
    client: &mut Client,
    make: Planner<'_>,
    who: &str,
    session: &str,
) -> Result<Plan, StoreError> {
    let (mut tx, _) = begin_write(client)?;
    let book = Book {
        partners: load_between(&mut tx, i64::MIN, i64::MAX)?,
        company_revenue: super::company::load(&mut tx)?,
    };
    let known = external_ids(&mut tx)?;
    let plan = make(&book, &known);
    if !plan.problems.is_empty() || plan.writes.is_empty() {
        return Ok(plan); // the transaction is dropped: nothing written
    }
    let existing: BTreeSet<i64> = book.partners.iter().map(|f| f.partner.id).collect();
    let mut files: BTreeMap<i64, _> = book
        .partners
        .into_iter()
        .map(|f| (f.partner.id, f))
        .collect();
    let mut next = take_ids(&mut tx, ids_needed(&plan.writes))?;
    let mut touched = BTreeSet::new();
    let mut external = Vec::new();
    for write in &plan.writes {
        if let Write::SetCompanyRevenue(m) = write {
            super::company::put(&mut tx, m)?;
            continue;
        }
        let (partner, ext) =
            apply(&mut files, write, &mut next).map_err(|reason| StoreError::BadValue {
                table: "partner_files",
                column: "file",
                reason,
            })?;
        touched.insert(partner);
        external.extend(ext);
    }
    for id in &touched {
        let Some(file) = files.get_mut(id) else {
            continue;
        };
        file.normalize();
        let put = if existing.contains(id) {
            Put::Replace
        } else {
            Put::New
        };
        put_file(&mut tx, file, who, put)?;
        mark_changed(&mut tx, *id)?;
    }
    for (kind, id, ext) in &external {
        tx.execute(
            "INSERT INTO external_ids (kind, id, external_id) VALUES ($1, $2, $3) \
             ON CONFLICT (kind, id) DO UPDATE SET external_id = excluded.external_id",
            &[kind, id, ext],
        )
        .map_err(|e| engine_error(&e))?;
    }
    tx.execute(
        "DELETE FROM meta WHERE key = $1",
        &[&super::files::DEMO_MARK],
    )
    .map_err(|e| engine_error(&e))?;
    let what = format!("CSV import: {} added, {} updated", plan.added, plan.updated);
    note_change(&mut tx, session, who, None, &what)?;
    tx.commit().map_err(|e| engine_error(&e))?;
    Ok(plan)
}
