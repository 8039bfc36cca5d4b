//! Moving a partner from one lifecycle stage to another: its fields (the
//! stage, `joined` when it signs), the dated move in its history and, on
//! entering `onboard`, its onboarding plan — one edit, undone as one
//! (docs/rules.md, "Lifecycle clock").

use super::campaign::{add_campaign, remove_campaign};
use super::{Change, EditError, edit_partner, same_partner};
use crate::domain::book::{Campaign, Partner, PartnerFile, Scorecard, StageChange};
use crate::domain::format::day;

/// A stage move as an edit carries it.
pub(super) struct Move<'a> {
    pub before: &'a Partner,
    pub after: &'a Partner,
    pub record: &'a StageChange,
    pub plan: Option<&'a Campaign>,
}

impl Move<'_> {
    /// The same move the other way (`set` ↔ `revert`): fields back.
    fn inverse(&self, back: bool) -> Change {
        let (before, after, record, plan) = (
            self.after.clone(),
            self.before.clone(),
            self.record.clone(),
            self.plan.cloned(),
        );
        if back {
            Change::RevertStage {
                before,
                after,
                record,
                plan,
            }
        } else {
            Change::SetStage {
                before,
                after,
                record,
                plan,
            }
        }
    }
}

/// Apply `f` to the file, or leave it as it was when `f` refuses.
fn whole(
    file: &mut PartnerFile,
    f: impl FnOnce(&mut PartnerFile) -> Result<(Change, String), EditError>,
) -> Result<(Change, String), EditError> {
    let kept = file.clone();
    f(file).inspect_err(|_| *file = kept)
}

/// Apply a stage move: `before` → `after`, `record` into the history,
/// `plan` into the campaigns.
pub(super) fn set(
    file: &mut PartnerFile,
    m: &Move,
    name: &str,
) -> Result<(Change, String), EditError> {
    whole(file, |file| {
        edit_partner(file, m.before, m.after, name)?;
        if let Some(plan) = m.plan {
            add_campaign(file, plan, name)?;
        }
        file.stage_changes.push(m.record.clone());
        let r = m.record;
        let what = format!("{name} moved {} → {} on {}", r.from, r.to, day(r.date));
        let what = match m.plan {
            Some(plan) => format!("{what}, onboarding plan of {} tasks", plan.tasks.len()),
            None => what,
        };
        Ok((m.inverse(true), what))
    })
}

/// Take a stage move back: the fields back to `after`, `record` out of the
/// history and `plan` out of the campaigns (each must be there as given).
pub(super) fn revert(
    file: &mut PartnerFile,
    m: &Move,
    name: &str,
) -> Result<(Change, String), EditError> {
    whole(file, |file| {
        let Some(at) = file.stage_changes.iter().rposition(|c| c == m.record) else {
            return Err(EditError::RowChanged {
                what: format!("the stage move of {name}"),
            });
        };
        if !same_partner(&file.partner, m.before) {
            return Err(EditError::RowChanged {
                what: format!("{name}'s details"),
            });
        }
        if let Some(plan) = m.plan {
            remove_campaign(file, plan, name)?;
        }
        edit_partner(file, m.before, m.after, name)?;
        file.stage_changes.remove(at);
        Ok((
            m.inverse(false),
            format!("{name} back to {}", m.record.from),
        ))
    })
}

/// Set the scorecard, if it is still `from`.
pub(super) fn set_scorecard(
    file: &mut PartnerFile,
    from: Option<&Scorecard>,
    to: Option<&Scorecard>,
    name: &str,
) -> Result<(Change, String), EditError> {
    if file.scorecard.as_ref() != from {
        return Err(EditError::RowChanged {
            what: format!("the scorecard of {name}"),
        });
    }
    file.scorecard = to.cloned();
    let what = match to {
        Some(card) => format!("{name} scored {}/35", card.total()),
        None => format!("scorecard of {name} cleared"),
    };
    Ok((
        Change::SetScorecard {
            from: to.cloned(),
            to: from.cloned(),
        },
        what,
    ))
}
