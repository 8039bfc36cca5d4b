//! The rows a QBR workspace edit changes (see `edit.rs`): agenda notes and
//! action items. Each statement re-checks the row still holds what the
//! edit expects.

use rusqlite::{Connection, params};

use super::StoreError;
use crate::domain::edit::Change;

/// Write a workspace change; 1 when every row matched what it expected.
pub(super) fn workspace_rows(tx: &Connection, change: &Change) -> Result<usize, StoreError> {
    Ok(match change {
        Change::SetNotes { qbr, from, to } => {
            let mut matched = 0;
            for ((id, before), (_, after)) in from.iter().zip(to) {
                matched += tx.execute(
                    "UPDATE qbr_agenda SET notes = ?4 WHERE id = ?1 AND qbr_id = ?2 AND notes = ?3",
                    params![id, qbr, before, after],
                )?;
            }
            usize::from(matched == from.len())
        }
        Change::AddAction { qbr, item } => tx.execute(
            "INSERT INTO action_items (id, qbr_id, owner, text, due, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![item.id, qbr, item.owner.as_str(), item.text, item.due, item.done],
        )?,
        Change::RemoveAction { qbr, item } => tx.execute(
            "DELETE FROM action_items WHERE id = ?1 AND qbr_id = ?2 AND owner = ?3 AND text = ?4 \
             AND due IS ?5 AND done IS ?6",
            params![item.id, qbr, item.owner.as_str(), item.text, item.due, item.done],
        )?,
        Change::EditAction { qbr, before, after } => tx.execute(
            "UPDATE action_items SET owner = ?3, text = ?4, due = ?5 \
             WHERE id = ?1 AND qbr_id = ?2 AND owner = ?6 AND text = ?7 AND due IS ?8",
            params![
                before.id,
                qbr,
                after.owner.as_str(),
                after.text,
                after.due,
                before.owner.as_str(),
                before.text,
                before.due
            ],
        )?,
        _ => 0,
    })
}
