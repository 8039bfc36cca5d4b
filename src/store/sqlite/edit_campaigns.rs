//! The rows a campaign edit changes (see `edit.rs`): its launch with the
//! open tasks, its status, its tasks, the campaign itself.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::StoreError;
use super::write::insert_campaign;
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
        Change::SetResults { campaign, from, to } => tx.execute(
            "UPDATE campaigns SET registrants = ?3, attendees = ?4, demo_requests = ?5, sqls = ?6, \
             opportunities = ?7, closed_won = ?8 WHERE id = ?1 AND partner_id = ?2 \
             AND registrants = ?9 AND attendees = ?10 AND demo_requests = ?11 AND sqls = ?12 \
             AND opportunities = ?13 AND closed_won = ?14",
            params![
                campaign,
                partner,
                to.registrants,
                to.attendees,
                to.demo_requests,
                to.sqls,
                to.opportunities,
                to.closed_won,
                from.registrants,
                from.attendees,
                from.demo_requests,
                from.sqls,
                from.opportunities,
                from.closed_won
            ],
        )?,
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
