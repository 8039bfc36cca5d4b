//! A CSV import's writes (`domain::import::Write`) applied to partner
//! files in memory, for an engine that keeps whole files (the team book):
//! the same rows, fields and CRM touch a book file's `INSERT … ON CONFLICT`
//! statements write (`store/sqlite/csv.rs`).

use std::collections::BTreeMap;

use crate::domain::book::{Activity, ActivityKind, PartnerFile};
use crate::domain::import::Write;

/// What a CRM's "last activity" brings in with its partner.
pub const CRM_TOUCH: &str = "last activity in the CRM";

/// A CRM id to keep beside a row: its kind (`partners`, `contacts`,
/// `deals`, `activities`), the row's id and the CRM's id.
pub type ExternalId = (&'static str, i64, String);

/// How many new ids `writes` take (rows with id 0 and CRM touches).
#[must_use]
pub fn ids_needed(writes: &[Write]) -> i64 {
    let n: usize = writes
        .iter()
        .map(|w| match w {
            Write::AddPartner(p, _, touch) | Write::UpdatePartner(p, _, touch) => {
                usize::from(p.id == 0) + usize::from(touch.is_some())
            }
            Write::AddContact(_, c, _) | Write::UpdateContact(_, c, _) => usize::from(c.id == 0),
            Write::AddDeal(_, d, _) | Write::UpdateDeal(_, d, _) => usize::from(d.id == 0),
            Write::AddActivity(_, a, _) | Write::UpdateActivity(_, a, _) => usize::from(a.id == 0),
            Write::AddReferral(_, r) | Write::UpdateReferral(_, r) => usize::from(r.id == 0),
            Write::AddCertification(_, c) | Write::UpdateCertification(_, c) => {
                usize::from(c.id == 0)
            }
            Write::AddNps(_, n) | Write::UpdateNps(_, n) => usize::from(n.id == 0),
            Write::AddRevenue(..) | Write::UpdateRevenue(..) | Write::SetCompanyRevenue(_) => 0,
        })
        .sum();
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Apply `write` to `files`, numbering new rows from `next`; the partner it
/// changed, and the CRM id to keep, if any.
///
/// # Errors
/// The partner a row belongs to is not in `files` (the plan was made
/// against another book).
pub fn apply(
    files: &mut BTreeMap<i64, PartnerFile>,
    write: &Write,
    next: &mut i64,
) -> Result<(i64, Option<ExternalId>), String> {
    let mut ids = Ids(next);
    if let Write::AddPartner(p, ext, touch) | Write::UpdatePartner(p, ext, touch) = write {
        let id = ids.take(p.id);
        let file = files
            .entry(id)
            .or_insert_with(|| PartnerFile::new(p.clone()));
        // As the book file's upsert: every field but the segment override
        // and the creation stamp comes from the CRM.
        let (segment, created) = (
            file.partner.segment_override,
            file.partner.created_at.clone(),
        );
        file.partner = crate::domain::book::Partner {
            id,
            segment_override: if p.id == 0 {
                p.segment_override
            } else {
                segment
            },
            created_at: if p.id == 0 {
                p.created_at.clone()
            } else {
                created
            },
            ..p.clone()
        };
        if let Some(day) = touch {
            file.activities.push(Activity {
                id: ids.take(0),
                date: *day,
                kind: ActivityKind::Crm,
                summary: CRM_TOUCH.into(),
                contact: None,
            });
        }
        return Ok((id, external("partners", id, ext.as_ref())));
    }
    let partner = write.partner().unwrap_or_default();
    let file = files
        .get_mut(&partner)
        .ok_or_else(|| format!("partner {partner} is not in the book"))?;
    Ok((partner, apply_record(file, write, &mut ids)))
}

/// New ids, one after another from the block taken for the import.
struct Ids<'a>(&'a mut i64);

impl Ids<'_> {
    /// `id`, or the next new one when it is 0.
    fn take(&mut self, id: i64) -> i64 {
        if id != 0 {
            return id;
        }
        *self.0 += 1;
        *self.0 - 1
    }
}

fn external(kind: &'static str, id: i64, ext: Option<&String>) -> Option<ExternalId> {
    ext.map(|e| (kind, id, e.clone()))
}

/// A row of one of the partner's records, as the book file's upsert of it.
fn apply_record(file: &mut PartnerFile, write: &Write, ids: &mut Ids<'_>) -> Option<ExternalId> {
    match write {
        Write::AddContact(_, c, ext) | Write::UpdateContact(_, c, ext) => {
            let id = ids.take(c.id);
            upsert(
                &mut file.contacts,
                id,
                |r| r.id,
                |old| {
                    let mut new = c.clone();
                    new.id = id;
                    if let Some(old) = old {
                        new.active = old.active;
                    }
                    new
                },
            );
            external("contacts", id, ext.as_ref())
        }
        Write::AddDeal(_, d, ext) | Write::UpdateDeal(_, d, ext) => {
            let id = ids.take(d.id);
            upsert(
                &mut file.deals,
                id,
                |r| r.id,
                |_| {
                    let mut new = d.clone();
                    new.id = id;
                    new
                },
            );
            external("deals", id, ext.as_ref())
        }
        Write::AddActivity(_, a, ext) | Write::UpdateActivity(_, a, ext) => {
            let id = ids.take(a.id);
            upsert(
                &mut file.activities,
                id,
                |r| r.id,
                |old| Activity {
                    id,
                    contact: old.and_then(|o| o.contact),
                    ..a.clone()
                },
            );
            external("activities", id, ext.as_ref())
        }
        Write::AddRevenue(_, r) | Write::UpdateRevenue(_, r) => {
            match file.revenue.iter_mut().find(|x| x.month == r.month) {
                Some(old) => *old = r.clone(),
                None => file.revenue.push(r.clone()),
            }
            None
        }
        Write::AddReferral(_, r) | Write::UpdateReferral(_, r) => {
            let id = ids.take(r.id);
            upsert(
                &mut file.referrals,
                id,
                |x| x.id,
                |_| {
                    let mut new = r.clone();
                    new.id = id;
                    new
                },
            );
            None
        }
        Write::AddCertification(_, c) | Write::UpdateCertification(_, c) => {
            let id = ids.take(c.id);
            upsert(
                &mut file.certifications,
                id,
                |x| x.id,
                |_| {
                    let mut new = c.clone();
                    new.id = id;
                    new
                },
            );
            None
        }
        Write::AddNps(_, n) | Write::UpdateNps(_, n) => {
            let id = ids.take(n.id);
            upsert(
                &mut file.nps,
                id,
                |x| x.id,
                |_| {
                    let mut new = n.clone();
                    new.id = id;
                    new
                },
            );
            None
        }
        // Not a partner's record: the engine writes it on its own.
        Write::AddPartner(..) | Write::UpdatePartner(..) | Write::SetCompanyRevenue(_) => None,
    }
}

/// Replace the row with `id` by `make(old)`, or add `make(None)`.
fn upsert<T: Clone>(
    rows: &mut Vec<T>,
    id: i64,
    id_of: impl Fn(&T) -> i64,
    make: impl FnOnce(Option<&T>) -> T,
) {
    match rows.iter().position(|r| id_of(r) == id) {
        Some(i) => rows[i] = make(Some(&rows[i])),
        None => rows.push(make(None)),
    }
}
