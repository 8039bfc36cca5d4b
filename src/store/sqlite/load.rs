//! Loading the whole book: one query per table, grouped by partner in memory.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{Connection, Row};

use super::{SqliteStore, StoreError};
use crate::domain::book::{
    ActionItem, Activity, AgendaSection, Book, Campaign, CampaignResults, CampaignTask,
    Certification, ChecklistItem, Contact, Deal, NpsResponse, Partner, PartnerFile, Qbr, Referral,
    Revenue, TierChange,
};
use crate::store::book_store::in_order;

/// A text column parsed into one of the book's enums (or a month).
pub(super) fn parsed<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    let text = row.get_ref(idx)?.as_str()?;
    text.parse().map_err(|e: T::Err| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            e.to_string().into(),
        )
    })
}

fn parsed_opt<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    match row.get_ref(idx)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => parsed(row, idx).map(Some),
    }
}

/// Partners with ids in `lo..=hi`, or only those of `ids` (a JSON array
/// of ids, for a load of chosen partners): what one load reads.
#[derive(Debug, Clone, Copy)]
pub(super) struct Range<'a> {
    pub(super) lo: i64,
    pub(super) hi: i64,
    pub(super) ids: Option<&'a str>,
}

impl Range<'_> {
    /// The partners with ids `lo..=hi`.
    pub(super) fn between(lo: i64, hi: i64) -> Range<'static> {
        Range { lo, hi, ids: None }
    }
}

/// A `YYYY-MM-DD` column, read without a general date parser (the book
/// holds over a million dates; this is the hot path of a full load).
pub(super) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text = row.get_ref(idx)?.as_str()?;
    parse_day(text.as_bytes()).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("'{text}' is not a YYYY-MM-DD date").into(),
        )
    })
}

pub(super) fn date_opt(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get_ref(idx)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => date(row, idx).map(Some),
    }
}

/// `YYYY-MM-DD` → date; None for anything else.
fn parse_day(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Run `sql` over a range of partners (`BETWEEN ?1 AND ?2`; its first
/// column is the owner's id) and hand each row to `add`. For chosen
/// partners (`range.ids`) the range is their list instead.
pub(super) fn each<T>(
    conn: &Connection,
    sql: &str,
    range: Range<'_>,
    read: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    mut add: impl FnMut(i64, T),
) -> Result<(), StoreError> {
    let mut stmt;
    let mut rows = match range.ids {
        None => {
            stmt = conn.prepare_cached(sql)?;
            stmt.query([range.lo, range.hi])?
        }
        Some(ids) => {
            stmt = conn.prepare_cached(
                &sql.replace("BETWEEN ?1 AND ?2", "IN (SELECT value FROM json_each(?1))"),
            )?;
            stmt.query([ids])?
        }
    };
    while let Some(row) = rows.next()? {
        let owner: i64 = row.get(0)?;
        add(owner, read(row)?);
    }
    Ok(())
}

impl SqliteStore {
    /// The whole book, every partner's file sorted into canonical order.
    ///
    /// # Errors
    /// When `SQLite` fails or a stored value is not one the book allows.
    pub fn load(&self) -> Result<Book, StoreError> {
        let partners = load_range(&self.conn, Range::between(i64::MIN, i64::MAX))
            .map_err(|e| e.in_book(&self.path.display().to_string()))?;
        let company_revenue = super::company::load(&self.conn)?;
        Ok(Book {
            partners,
            company_revenue,
        })
    }

    /// One partner's whole file.
    ///
    /// # Errors
    /// `NotFound` for an unknown partner, or as [`SqliteStore::load`].
    pub fn load_file(&self, id: i64) -> Result<PartnerFile, StoreError> {
        load_range(&self.conn, Range::between(id, id))?
            .pop()
            .ok_or(StoreError::NotFound {
                what: "partner",
                id,
            })
    }

    /// The whole files of the partners with ids `lo..=hi`.
    ///
    /// # Errors
    /// As [`SqliteStore::load`].
    pub fn load_between(&self, lo: i64, hi: i64) -> Result<Vec<PartnerFile>, StoreError> {
        load_range(&self.conn, Range::between(lo, hi))
    }

    /// The whole files of the partners `ids`, in that order (an id of no
    /// partner is left out).
    ///
    /// # Errors
    /// As [`SqliteStore::load`].
    pub fn load_files(&self, ids: &[i64]) -> Result<Vec<PartnerFile>, StoreError> {
        let mut list = String::from("[");
        for (n, id) in ids.iter().enumerate() {
            let comma = if n == 0 { "" } else { "," };
            let _ = write!(list, "{comma}{id}");
        }
        list.push(']');
        let range = Range {
            lo: 0,
            hi: 0,
            ids: Some(&list),
        };
        Ok(in_order(load_range(&self.conn, range)?, ids))
    }

    /// The partner records alone (no history), by id.
    ///
    /// # Errors
    /// As [`SqliteStore::load`].
    pub fn load_partners_between(&self, lo: i64, hi: i64) -> Result<Vec<Partner>, StoreError> {
        let mut partners = Vec::new();
        each(
            &self.conn,
            PARTNERS,
            Range::between(lo, hi),
            read_partner,
            |_, p| {
                partners.push(p);
            },
        )?;
        Ok(partners)
    }
}

/// The files of the partners in a range of ids: one query per table.
pub(super) fn load_range(c: &Connection, range: Range<'_>) -> Result<Vec<PartnerFile>, StoreError> {
    let mut partners: Vec<PartnerFile> = Vec::new();
    each(c, PARTNERS, range, read_partner, |_, p| {
        partners.push(PartnerFile::new(p));
    })?;
    let index: HashMap<i64, usize> = partners
        .iter()
        .enumerate()
        .map(|(i, f)| (f.partner.id, i))
        .collect();
    let file = |id: i64| index.get(&id).copied();

    macro_rules! into_files {
        ($sql:expr, $read:expr, $field:ident) => {
            each(c, $sql, range, $read, |owner, v| {
                if let Some(i) = file(owner) {
                    partners[i].$field.push(v);
                }
            })?;
        };
    }
    into_files!(CONTACTS, read_contact, contacts);
    into_files!(ACTIVITIES, read_activity, activities);
    into_files!(REVENUE, read_revenue, revenue);
    into_files!(DEALS, read_deal, deals);
    into_files!(REFERRALS, read_referral, referrals);
    into_files!(CERTIFICATIONS, read_certification, certifications);
    into_files!(NPS, read_nps, nps);
    into_files!(QBRS, read_qbr, qbrs);
    into_files!(CAMPAIGNS, read_campaign, campaigns);
    into_files!(TIER_CHANGES, read_tier_change, tier_changes);
    super::lifecycle::load_into(c, range, &mut partners, &index)?;

    // QBR and campaign children: find their parent by id.
    let mut qbr_at: HashMap<i64, (usize, usize)> = HashMap::new();
    let mut campaign_at: HashMap<i64, (usize, usize)> = HashMap::new();
    for (i, f) in partners.iter().enumerate() {
        for (j, q) in f.qbrs.iter().enumerate() {
            qbr_at.insert(q.id, (i, j));
        }
        for (j, k) in f.campaigns.iter().enumerate() {
            campaign_at.insert(k.id, (i, j));
        }
    }
    macro_rules! into_parent {
        ($sql:expr, $read:expr, $at:ident, $list:ident, $field:ident) => {
            each(c, $sql, range, $read, |owner, v| {
                if let Some(&(i, j)) = $at.get(&owner) {
                    partners[i].$list[j].$field.push(v);
                }
            })?;
        };
    }
    into_parent!(CHECKLIST, read_checklist, qbr_at, qbrs, checklist);
    into_parent!(AGENDA, read_agenda, qbr_at, qbrs, agenda);
    into_parent!(ACTIONS, read_action, qbr_at, qbrs, actions);
    into_parent!(TASKS, read_task, campaign_at, campaigns, tasks);

    for f in &mut partners {
        f.normalize();
    }
    Ok(partners)
}

const PARTNERS: &str = "SELECT id, name, type, tier, tier_since, provisional_until, owner, lifecycle, fit, \
     segment_override, region, website, notes, created_at, updated_at, archived, joined FROM partners WHERE id BETWEEN ?1 AND ?2 ORDER BY id";
fn read_partner(r: &Row<'_>) -> rusqlite::Result<Partner> {
    Ok(Partner {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: parsed_opt(r, 2)?,
        tier: parsed(r, 3)?,
        tier_since: date(r, 4)?,
        provisional_until: date_opt(r, 5)?,
        owner: r.get(6)?,
        lifecycle: parsed(r, 7)?,
        fit: parsed(r, 8)?,
        segment_override: parsed_opt(r, 9)?,
        region: r.get(10)?,
        website: r.get(11)?,
        notes: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
        archived: r.get(15)?,
        joined: date_opt(r, 16)?,
    })
}

const CONTACTS: &str = "SELECT partner_id, id, name, role, email, phone, active FROM contacts WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, id";
fn read_contact(r: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(1)?,
        name: r.get(2)?,
        role: parsed(r, 3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        active: r.get(6)?,
    })
}

const ACTIVITIES: &str = "SELECT partner_id, id, date, kind, summary, contact_id FROM activities WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, date, id";
fn read_activity(r: &Row<'_>) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(1)?,
        date: date(r, 2)?,
        kind: parsed(r, 3)?,
        summary: r.get(4)?,
        contact: r.get(5)?,
    })
}

const REVENUE: &str = "SELECT partner_id, month, sourced, influenced FROM revenue WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, month";
fn read_revenue(r: &Row<'_>) -> rusqlite::Result<Revenue> {
    Ok(Revenue {
        month: parsed(r, 1)?,
        sourced: r.get(2)?,
        influenced: r.get(3)?,
    })
}

const DEALS: &str = "SELECT partner_id, id, name, value, registered, stage, stage_changed, closed, attribution \
     FROM deals WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, registered, id";
fn read_deal(r: &Row<'_>) -> rusqlite::Result<Deal> {
    Ok(Deal {
        id: r.get(1)?,
        name: r.get(2)?,
        value: r.get(3)?,
        registered: date(r, 4)?,
        stage: parsed(r, 5)?,
        stage_changed: date(r, 6)?,
        closed: date_opt(r, 7)?,
        attribution: parsed(r, 8)?,
    })
}

const REFERRALS: &str = "SELECT partner_id, id, date, lead, qualified FROM referrals WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, date, id";
fn read_referral(r: &Row<'_>) -> rusqlite::Result<Referral> {
    Ok(Referral {
        id: r.get(1)?,
        date: date(r, 2)?,
        lead: r.get(3)?,
        qualified: r.get(4)?,
    })
}

const CERTIFICATIONS: &str = "SELECT partner_id, id, person, name, passed, expires FROM certifications \
     WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, passed, id";
fn read_certification(r: &Row<'_>) -> rusqlite::Result<Certification> {
    Ok(Certification {
        id: r.get(1)?,
        person: r.get(2)?,
        name: r.get(3)?,
        passed: date(r, 4)?,
        expires: date(r, 5)?,
    })
}

const NPS: &str = "SELECT partner_id, id, date, score FROM nps WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, date, id";
fn read_nps(r: &Row<'_>) -> rusqlite::Result<NpsResponse> {
    Ok(NpsResponse {
        id: r.get(1)?,
        date: date(r, 2)?,
        score: r.get(3)?,
    })
}

const QBRS: &str = "SELECT partner_id, id, date, status, notes FROM qbrs WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, date, id";
fn read_qbr(r: &Row<'_>) -> rusqlite::Result<Qbr> {
    Ok(Qbr {
        id: r.get(1)?,
        date: date(r, 2)?,
        status: parsed(r, 3)?,
        notes: r.get(4)?,
        checklist: Vec::new(),
        agenda: Vec::new(),
        actions: Vec::new(),
    })
}

const CHECKLIST: &str = "SELECT qbr_id, id, phase, title, detail, offset_days, done FROM qbr_checklist \
     WHERE qbr_id IN (SELECT id FROM qbrs WHERE partner_id BETWEEN ?1 AND ?2) ORDER BY qbr_id, offset_days, id";
fn read_checklist(r: &Row<'_>) -> rusqlite::Result<ChecklistItem> {
    Ok(ChecklistItem {
        id: r.get(1)?,
        phase: parsed(r, 2)?,
        title: r.get(3)?,
        detail: r.get(4)?,
        offset_days: r.get(5)?,
        done: date_opt(r, 6)?,
    })
}

const AGENDA: &str = "SELECT qbr_id, id, title, minutes, notes FROM qbr_agenda WHERE qbr_id IN (SELECT id FROM qbrs WHERE partner_id BETWEEN ?1 AND ?2) ORDER BY qbr_id, id";
fn read_agenda(r: &Row<'_>) -> rusqlite::Result<AgendaSection> {
    Ok(AgendaSection {
        id: r.get(1)?,
        title: r.get(2)?,
        minutes: r.get(3)?,
        notes: r.get(4)?,
    })
}

const ACTIONS: &str = "SELECT qbr_id, id, owner, text, due, done FROM action_items WHERE qbr_id IN (SELECT id FROM qbrs WHERE partner_id BETWEEN ?1 AND ?2) ORDER BY qbr_id, id";
fn read_action(r: &Row<'_>) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: r.get(1)?,
        owner: parsed(r, 2)?,
        text: r.get(3)?,
        due: date_opt(r, 4)?,
        done: date_opt(r, 5)?,
    })
}

const CAMPAIGNS: &str = "SELECT partner_id, id, name, type, launch, objective, audience, key_message, kpi, \
     kpi_target, lead_model, budget_ours, budget_partner, status, registrants, attendees, \
     demo_requests, sqls, opportunities, closed_won, sends, opens, clicks, reach, engagements, \
     downloads, pipeline_value, closed_won_value FROM campaigns WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, launch, id";
fn read_campaign(r: &Row<'_>) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        id: r.get(1)?,
        name: r.get(2)?,
        kind: parsed(r, 3)?,
        launch: date(r, 4)?,
        objective: parsed(r, 5)?,
        audience: r.get(6)?,
        key_message: r.get(7)?,
        kpi: r.get(8)?,
        kpi_target: r.get(9)?,
        lead_model: r.get(10)?,
        budget_ours: r.get(11)?,
        budget_partner: r.get(12)?,
        status: parsed(r, 13)?,
        results: CampaignResults {
            registrants: r.get(14)?,
            attendees: r.get(15)?,
            demo_requests: r.get(16)?,
            sqls: r.get(17)?,
            opportunities: r.get(18)?,
            closed_won: r.get(19)?,
            sends: r.get(20)?,
            opens: r.get(21)?,
            clicks: r.get(22)?,
            reach: r.get(23)?,
            engagements: r.get(24)?,
            downloads: r.get(25)?,
            pipeline_value: r.get(26)?,
            closed_won_value: r.get(27)?,
        },
        tasks: Vec::new(),
    })
}

const TASKS: &str = "SELECT campaign_id, id, week, title, owner, due, done, moves FROM campaign_tasks \
     WHERE campaign_id IN (SELECT id FROM campaigns WHERE partner_id BETWEEN ?1 AND ?2) ORDER BY campaign_id, due, week, id";
fn read_task(r: &Row<'_>) -> rusqlite::Result<CampaignTask> {
    Ok(CampaignTask {
        id: r.get(1)?,
        week: r.get(2)?,
        title: r.get(3)?,
        owner: r.get(4)?,
        due: date(r, 5)?,
        done: date_opt(r, 6)?,
        moves: r.get(7)?,
    })
}

const TIER_CHANGES: &str = "SELECT partner_id, id, from_tier, to_tier, date, reason, provisional \
     FROM tier_changes WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, date, id";
fn read_tier_change(r: &Row<'_>) -> rusqlite::Result<TierChange> {
    Ok(TierChange {
        id: r.get(1)?,
        from: parsed(r, 2)?,
        to: parsed(r, 3)?,
        date: date(r, 4)?,
        reason: r.get(5)?,
        provisional: r.get(6)?,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_day;
    use chrono::NaiveDate;

    #[test]
    fn days_parse_strictly() {
        assert_eq!(
            parse_day(b"2026-11-23"),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
        assert_eq!(parse_day(b"2026-02-30"), None);
        assert_eq!(parse_day(b"2026-1-23"), None);
        assert_eq!(parse_day(b"2026/11/23"), None);
        assert_eq!(parse_day(b"20x6-11-23"), None);
    }
}
