//! The rows of recruit and onboard (docs/rules.md, "Lifecycle clock",
//! "Prospects and the scorecard"): a partner's dated stage moves and its
//! qualification scorecard — read with the rest of its file, written with
//! it and by the stage and scorecard edits.

use std::collections::HashMap;

use rusqlite::{Connection, Row, params};

use super::StoreError;
use super::load::{Range, date, each, parsed};
use crate::domain::book::{PartnerFile, RedFlag, Scorecard, StageChange};
use crate::domain::edit::Change;

const STAGE_CHANGES: &str = "SELECT partner_id, from_stage, to_stage, date \
     FROM stage_changes WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id, date, id";

fn read_stage_change(r: &Row<'_>) -> rusqlite::Result<StageChange> {
    Ok(StageChange {
        from: parsed(r, 1)?,
        to: parsed(r, 2)?,
        date: date(r, 3)?,
    })
}

const SCORECARDS: &str = "SELECT partner_id, date, customer_overlap, product_synergy, \
     sales_capacity, marketing_capability, technical_depth, brand_alignment, commitment_level, \
     red_flags FROM scorecards WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id";

fn read_scorecard(r: &Row<'_>) -> rusqlite::Result<Scorecard> {
    let mut scores = [0u8; 7];
    for (i, s) in scores.iter_mut().enumerate() {
        *s = r.get(i + 2)?;
    }
    let flags: String = r.get(9)?;
    let red_flags = flags
        .split(',')
        .filter(|f| !f.is_empty())
        .map(|f| {
            f.parse::<RedFlag>().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, e.into())
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Scorecard::with_scores(date(r, 1)?, scores, red_flags))
}

/// Read the stage moves and scorecards of the partners in `range` into
/// their files (`index`: partner id → position in `files`).
pub(super) fn load_into(
    c: &Connection,
    range: Range<'_>,
    files: &mut [PartnerFile],
    index: &HashMap<i64, usize>,
) -> Result<(), StoreError> {
    each(c, STAGE_CHANGES, range, read_stage_change, |owner, v| {
        if let Some(&i) = index.get(&owner) {
            files[i].stage_changes.push(v);
        }
    })?;
    each(c, SCORECARDS, range, read_scorecard, |owner, v| {
        if let Some(&i) = index.get(&owner) {
            files[i].scorecard = Some(v);
        }
    })
}

/// Insert a file's stage moves and scorecard (a new or replaced partner).
pub(super) fn insert(tx: &Connection, f: &PartnerFile) -> Result<(), StoreError> {
    for c in &f.stage_changes {
        add_stage_change(tx, f.partner.id, c)?;
    }
    if let Some(card) = &f.scorecard {
        put_scorecard(tx, f.partner.id, card)?;
    }
    Ok(())
}

fn add_stage_change(tx: &Connection, partner: i64, c: &StageChange) -> Result<usize, StoreError> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO stage_changes (partner_id, from_stage, to_stage, date) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![partner, c.from.as_str(), c.to.as_str(), c.date])?)
}

/// Take the latest move exactly as recorded out of the history.
fn remove_stage_change(
    tx: &Connection,
    partner: i64,
    c: &StageChange,
) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "DELETE FROM stage_changes WHERE id = (SELECT max(id) FROM stage_changes \
         WHERE partner_id = ?1 AND from_stage = ?2 AND to_stage = ?3 AND date = ?4)",
        params![partner, c.from.as_str(), c.to.as_str(), c.date],
    )?)
}

fn flags_text(card: &Scorecard) -> String {
    card.red_flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn put_scorecard(tx: &Connection, partner: i64, card: &Scorecard) -> Result<usize, StoreError> {
    let s = card.scores();
    Ok(tx
        .prepare_cached(
            "INSERT OR REPLACE INTO scorecards (partner_id, date, customer_overlap, product_synergy, \
             sales_capacity, marketing_capability, technical_depth, brand_alignment, \
             commitment_level, red_flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            partner,
            card.date,
            s[0],
            s[1],
            s[2],
            s[3],
            s[4],
            s[5],
            s[6],
            flags_text(card)
        ])?)
}

/// The scorecard row as the book holds it now.
fn scorecard_now(tx: &Connection, partner: i64) -> Result<Option<Scorecard>, StoreError> {
    let mut found = None;
    each(
        tx,
        SCORECARDS,
        Range::between(partner, partner),
        read_scorecard,
        |_, v| found = Some(v),
    )?;
    Ok(found)
}

/// Write a stage or scorecard change; how many rows matched what it
/// expected (1). `partner_fields` writes the partner's own fields,
/// `campaigns` the plan, as the other edits do.
pub(super) fn rows(
    tx: &Connection,
    partner: i64,
    change: &Change,
    partner_fields: impl FnOnce() -> Result<usize, StoreError>,
    campaigns: impl FnOnce(&Change) -> Result<usize, StoreError>,
) -> Result<usize, StoreError> {
    Ok(match change {
        Change::SetStage { record, plan, .. } => {
            let mut n = partner_fields()?.min(add_stage_change(tx, partner, record)?);
            if let Some(plan) = plan {
                n = n.min(campaigns(&Change::AddCampaign(plan.clone()))?);
            }
            n
        }
        Change::RevertStage { record, plan, .. } => {
            let mut n = partner_fields()?.min(remove_stage_change(tx, partner, record)?);
            if let Some(plan) = plan {
                n = n.min(campaigns(&Change::RemoveCampaign(plan.clone()))?);
            }
            n
        }
        Change::SetScorecard { from, to } => {
            if scorecard_now(tx, partner)? != *from {
                return Ok(0);
            }
            match to {
                Some(card) => put_scorecard(tx, partner, card)?,
                None => tx.execute("DELETE FROM scorecards WHERE partner_id = ?1", [partner])?,
            }
        }
        _ => 0,
    })
}
