//! The rows a campaign edit changes (see `edit.rs`): its launch with the
//! open tasks, its status, its tasks, the campaign itself.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::StoreError;
use super::write::insert_campaign;
use crate::domain::book::CampaignResults;
use crate::domain::campaign_results::MEASURES;
use crate::domain::edit::Change;

/// Write a campaign change; how many rows matched what it expected (1).
pub(super) fn campaign_rows(
    tx: &Connection,
    partner: i64,
    change: &Change,
) -> Result<usize, StoreError> {
    Ok(match change {
        Change::MoveLaunch {
            campaign,
            from,
            to,
            tasks,
        } => move_launch(tx, partner, *campaign, (*from, *to), tasks)?,
        Change::SetStatus { campaign, from, to } => tx.execute(
            "UPDATE campaigns SET status = ?2 WHERE id = ?1 AND partner_id = ?3 AND status = ?4",
            params![campaign, to.as_str(), partner, from.as_str()],
        )?,
        Change::AddTask { campaign, task } => tx.execute(
            "INSERT INTO campaign_tasks (id, campaign_id, week, title, owner, due, done, moves) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                task.id, campaign, task.week, task.title, task.owner, task.due, task.done,
                task.moves
            ],
        )?,
        Change::EditTask {
            campaign,
            before,
            after,
        } => {
            let moves = moves_now(tx, before.id)?.map_or(0, |(due, moves)| {
                crate::domain::campaigns::moves_after(due, moves, after.due)
            });
            tx.execute(
                "UPDATE campaign_tasks SET week = ?3, title = ?4, owner = ?5, due = ?6, moves = ?12 \
                 WHERE id = ?1 AND campaign_id = ?2 AND week = ?7 AND title = ?8 AND owner = ?9 \
                 AND due = ?10 AND done IS ?11",
                params![
                    before.id,
                    campaign,
                    after.week,
                    after.title,
                    after.owner,
                    after.due,
                    before.week,
                    before.title,
                    before.owner,
                    before.due,
                    before.done,
                    moves
                ],
            )?
        }
        Change::AddCampaign(c) => insert_campaign(tx, partner, c)?,
        Change::RemoveCampaign(c) => tx.execute(
            "DELETE FROM campaigns WHERE id = ?1 AND partner_id = ?2 AND name = ?3",
            params![c.id, partner, c.name],
        )?,
        Change::RemoveTask { campaign, task } => tx.execute(
            "DELETE FROM campaign_tasks WHERE id = ?1 AND campaign_id = ?2 AND week = ?3 \
             AND title = ?4 AND owner = ?5 AND due = ?6 AND done IS ?7",
            params![
                task.id, campaign, task.week, task.title, task.owner, task.due, task.done
            ],
        )?,
        Change::SetResults { campaign, from, to } => set_results(tx, partner, *campaign, from, to)?,
        _ => 0,
    })
}

/// A task's due date and moves as the book has them, if it is there.
fn moves_now(tx: &Connection, task: i64) -> Result<Option<(NaiveDate, u32)>, StoreError> {
    use rusqlite::OptionalExtension as _;
    Ok(tx
        .query_row(
            "SELECT due, moves FROM campaign_tasks WHERE id = ?1",
            [task],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A campaign's launch from one day to another, its open tasks `tasks`
/// moved by as many days; done tasks stay. 1 when all of it still fit.
fn move_launch(
    tx: &Connection,
    partner: i64,
    campaign: i64,
    (from, to): (NaiveDate, NaiveDate),
    tasks: &[i64],
) -> Result<usize, StoreError> {
    let shift = (to - from).num_days();
    let mut moved = 0;
    for task in tasks {
        let (due, count): (NaiveDate, u32) = tx.query_row(
            "SELECT due, moves FROM campaign_tasks WHERE id = ?1 AND campaign_id = ?2 AND done IS NULL",
            params![task, campaign],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let new_due = crate::domain::dates::add_days(due, shift);
        moved += tx.execute(
            "UPDATE campaign_tasks SET due = ?2, moves = ?3 WHERE id = ?1 AND done IS NULL",
            params![
                task,
                new_due,
                crate::domain::campaigns::moves_after(due, count, new_due)
            ],
        )?;
    }
    let launch = tx.execute(
        "UPDATE campaigns SET launch = ?2 WHERE id = ?1 AND partner_id = ?3 AND launch = ?4",
        params![campaign, to, partner, from],
    )?;
    Ok(if moved == tasks.len() { launch } else { 0 })
}

/// A campaign's results set to `to` if they are still `from`; 1 when
/// they were. Every measure is a column of the same name, and so are the
/// two amounts.
fn set_results(
    tx: &Connection,
    partner: i64,
    campaign: i64,
    from: &CampaignResults,
    to: &CampaignResults,
) -> Result<usize, StoreError> {
    let keys: Vec<&str> = MEASURES
        .iter()
        .map(|m| m.key())
        .chain(["pipeline_value", "closed_won_value"])
        .collect();
    let values = |r: &CampaignResults| -> Vec<i64> {
        MEASURES
            .iter()
            .map(|m| i64::from(m.get(r)))
            .chain([r.pipeline_value, r.closed_won_value])
            .collect()
    };
    let n = keys.len();
    let set: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ?{}", i + 3))
        .collect();
    let was: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ?{}", i + 3 + n))
        .collect();
    let sql = format!(
        "UPDATE campaigns SET {} WHERE id = ?1 AND partner_id = ?2 AND {}",
        set.join(", "),
        was.join(" AND ")
    );
    let params: Vec<i64> = [campaign, partner]
        .into_iter()
        .chain(values(to))
        .chain(values(from))
        .collect();
    Ok(tx.execute(&sql, rusqlite::params_from_iter(params))?)
}
