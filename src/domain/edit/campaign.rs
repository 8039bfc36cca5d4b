//! Campaign edits: move the launch (open tasks move with it), set the
//! status, remove a task or put one back (docs/rules.md, "Campaigns").

use chrono::NaiveDate;

use super::{Change, EditError};
use crate::domain::book::{Campaign, CampaignResults, CampaignStatus, CampaignTask, PartnerFile};
use crate::domain::campaigns::moves_after;
use crate::domain::dates::add_days;
use crate::domain::format::day;

fn campaign<'a>(
    file: &'a mut PartnerFile,
    id: i64,
    name: &str,
) -> Result<&'a mut Campaign, EditError> {
    file.campaigns
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| EditError::RowChanged {
            what: format!("that campaign of {name}"),
        })
}

/// Move the launch from `from` to `to` and each task in `tasks` (all must
/// be open) by as many days.
pub(super) fn move_launch(
    file: &mut PartnerFile,
    id: i64,
    (from, to): (NaiveDate, NaiveDate),
    tasks: &[i64],
    name: &str,
) -> Result<(Change, String), EditError> {
    let c = campaign(file, id, name)?;
    let changed = || EditError::RowChanged {
        what: format!("the launch of '{}' of {name}", c.name),
    };
    let open = |t: &&CampaignTask| t.done.is_none() && tasks.contains(&t.id);
    if c.launch != from || c.tasks.iter().filter(open).count() != tasks.len() {
        return Err(changed());
    }
    let shift = (to - from).num_days();
    c.launch = to;
    for t in c.tasks.iter_mut().filter(|t| tasks.contains(&t.id)) {
        let due = add_days(t.due, shift);
        t.moves = moves_after(t.due, t.moves, due);
        t.due = due;
    }
    let what = format!(
        "launch of '{}' of {name} moved to {} ({} open {} moved with it)",
        c.name,
        day(to),
        tasks.len(),
        if tasks.len() == 1 { "task" } else { "tasks" }
    );
    let inverse = Change::MoveLaunch {
        campaign: id,
        from: to,
        to: from,
        tasks: tasks.to_vec(),
    };
    Ok((inverse, what))
}

/// Set the status, if it is still `from`.
pub(super) fn set_status(
    file: &mut PartnerFile,
    id: i64,
    (from, to): (CampaignStatus, CampaignStatus),
    name: &str,
) -> Result<(Change, String), EditError> {
    let c = campaign(file, id, name)?;
    if c.status != from {
        return Err(EditError::RowChanged {
            what: format!("the status of '{}' of {name}", c.name),
        });
    }
    c.status = to;
    let what = format!("'{}' of {name} set to {to}", c.name);
    Ok((
        Change::SetStatus {
            campaign: id,
            from: to,
            to: from,
        },
        what,
    ))
}

/// Remove a task that is still exactly `task`.
pub(super) fn remove_task(
    file: &mut PartnerFile,
    id: i64,
    task: &CampaignTask,
    name: &str,
) -> Result<(Change, String), EditError> {
    let c = campaign(file, id, name)?;
    let Some(at) = c.tasks.iter().position(|t| t == task) else {
        return Err(EditError::RowChanged {
            what: format!("task '{}' of {name}", task.title),
        });
    };
    c.tasks.remove(at);
    Ok((
        Change::AddTask {
            campaign: id,
            task: task.clone(),
        },
        format!("task '{}' of '{}' of {name} removed", task.title, c.name),
    ))
}

/// Add a task (back) to a campaign.
pub(super) fn add_task(
    file: &mut PartnerFile,
    id: i64,
    task: &CampaignTask,
    name: &str,
) -> Result<(Change, String), EditError> {
    let c = campaign(file, id, name)?;
    if c.tasks.iter().any(|t| t.id == task.id) {
        return Err(EditError::RowChanged {
            what: format!("task '{}' of {name}", task.title),
        });
    }
    c.tasks.push(task.clone());
    Ok((
        Change::RemoveTask {
            campaign: id,
            task: task.clone(),
        },
        format!("task '{}' of '{}' of {name} added", task.title, c.name),
    ))
}

/// Change a task, if it is still `before` (same id).
pub(super) fn edit_task(
    file: &mut PartnerFile,
    id: i64,
    before: &CampaignTask,
    after: &CampaignTask,
    name: &str,
) -> Result<(Change, String), EditError> {
    let c = campaign(file, id, name)?;
    let changed = || EditError::RowChanged {
        what: format!("the task '{}' of {name}", before.title),
    };
    if before.id != after.id {
        return Err(changed());
    }
    // Its moves are the book's count, not part of what the edit expects.
    let same = |t: &CampaignTask| {
        CampaignTask {
            moves: 0,
            ..t.clone()
        } == CampaignTask {
            moves: 0,
            ..before.clone()
        }
    };
    let Some(t) = c.tasks.iter_mut().find(|t| same(t)) else {
        return Err(changed());
    };
    *t = CampaignTask {
        moves: moves_after(t.due, t.moves, after.due),
        ..after.clone()
    };
    Ok((
        Change::EditTask {
            campaign: id,
            before: t.clone(),
            after: before.clone(),
        },
        format!("task '{}' of {name} changed", after.title),
    ))
}

/// Add a campaign (numbered already).
pub(super) fn add_campaign(
    file: &mut PartnerFile,
    c: &Campaign,
    name: &str,
) -> Result<(Change, String), EditError> {
    if file.campaigns.iter().any(|x| x.id == c.id) {
        return Err(EditError::RowChanged {
            what: format!("campaign '{}' of {name} (it is there already)", c.name),
        });
    }
    file.campaigns.push(c.clone());
    Ok((
        Change::RemoveCampaign(c.clone()),
        format!(
            "campaign '{}' with {name} added, {} tasks",
            c.name,
            c.tasks.len()
        ),
    ))
}

/// Remove a campaign, if it is still exactly as given.
pub(super) fn remove_campaign(
    file: &mut PartnerFile,
    c: &Campaign,
    name: &str,
) -> Result<(Change, String), EditError> {
    let Some(at) = file.campaigns.iter().position(|x| x == c) else {
        return Err(EditError::RowChanged {
            what: format!("campaign '{}' of {name}", c.name),
        });
    };
    file.campaigns.remove(at);
    Ok((
        Change::AddCampaign(c.clone()),
        format!("campaign '{}' with {name} removed", c.name),
    ))
}

impl super::Edit {
    /// A campaign being added, numbered: the campaign `id`, its tasks from
    /// `first_task` on.
    #[must_use]
    pub fn with_campaign_ids(mut self, id: i64, first_task: i64) -> super::Edit {
        if let Change::AddCampaign(c) | Change::SetStage { plan: Some(c), .. } = &mut self.change {
            c.id = id;
            for (t, tid) in c.tasks.iter_mut().zip(first_task..) {
                t.id = tid;
            }
        }
        self
    }
}

/// Set a campaign's results, if they are still `from`.
pub(super) fn set_results(
    file: &mut PartnerFile,
    id: i64,
    from: &CampaignResults,
    to: &CampaignResults,
    name: &str,
) -> Result<(Change, String), EditError> {
    let c = campaign(file, id, name)?;
    if c.results != *from {
        return Err(EditError::RowChanged {
            what: format!("the results of '{}' of {name}", c.name),
        });
    }
    c.results = to.clone();
    Ok((
        Change::SetResults {
            campaign: id,
            from: to.clone(),
            to: from.clone(),
        },
        format!("results of '{}' of {name} saved", c.name),
    ))
}

#[cfg(test)]
mod tests {
    use crate::domain::book::{CampaignStatus, PartnerFile};
    use crate::domain::edit::{Change, Edit, EditError, PartnerRef};
    use crate::domain::testing::{campaign, date, partner_file, task};

    fn file() -> PartnerFile {
        let mut f = partner_file("Contoso");
        f.partner.id = 4;
        let mut c = campaign("Q4 webinar", date(2026, 12, 10));
        c.id = 2;
        c.tasks = vec![
            task(10, -6, "Align on campaign concept", date(2026, 10, 29)),
            task(11, -1, "Test all systems", date(2026, 12, 3)),
            task(12, 0, "Campaign goes live", date(2026, 12, 10)),
        ];
        c.tasks[0].done = Some(date(2026, 10, 30));
        f.campaigns.push(c);
        f
    }

    fn edit(change: Change) -> Edit {
        Edit {
            partner: PartnerRef {
                id: 4,
                name: "Contoso".into(),
            },
            change,
        }
    }

    fn dues(f: &PartnerFile) -> Vec<chrono::NaiveDate> {
        f.campaigns[0].tasks.iter().map(|t| t.due).collect()
    }

    #[test]
    fn moving_the_launch_moves_open_tasks_and_leaves_done_ones() {
        let mut f = file();
        let before = f.clone();
        let moves = crate::domain::campaigns::tasks_moving_with_launch(&f.campaigns[0]);
        assert_eq!(moves, vec![11, 12]);
        let applied = edit(Change::MoveLaunch {
            campaign: 2,
            from: date(2026, 12, 10),
            to: date(2026, 12, 17),
            tasks: moves,
        })
        .apply(&mut f)
        .expect("applies");
        assert_eq!(f.campaigns[0].launch, date(2026, 12, 17));
        assert_eq!(
            dues(&f),
            vec![date(2026, 10, 29), date(2026, 12, 10), date(2026, 12, 17)]
        );
        assert_eq!(
            applied.what,
            "launch of 'Q4 webinar' of Contoso moved to Thu 17 Dec 2026 (2 open tasks moved with it)"
        );
        applied.inverse.apply(&mut f).expect("undo");
        // Back where they were, each open task having moved twice (its
        // calendar SEQUENCE never goes back).
        let mut want = before;
        for t in &mut want.campaigns[0].tasks {
            if t.done.is_none() {
                t.moves = 2;
            }
        }
        assert_eq!(f, want);
    }

    #[test]
    fn a_launch_move_is_refused_when_a_task_was_done_meanwhile() {
        let mut f = file();
        f.campaigns[0].tasks[1].done = Some(date(2026, 12, 1));
        let err = edit(Change::MoveLaunch {
            campaign: 2,
            from: date(2026, 12, 10),
            to: date(2026, 12, 17),
            tasks: vec![11, 12],
        })
        .apply(&mut f)
        .expect_err("refused");
        assert!(matches!(err, EditError::RowChanged { .. }));
        assert_eq!(f.campaigns[0].launch, date(2026, 12, 10));
    }

    #[test]
    fn status_is_set_and_undone() {
        let mut f = file();
        let applied = edit(Change::SetStatus {
            campaign: 2,
            from: CampaignStatus::Live,
            to: CampaignStatus::Cancelled,
        })
        .apply(&mut f)
        .expect("applies");
        assert_eq!(applied.what, "'Q4 webinar' of Contoso set to cancelled");
        assert_eq!(f.campaigns[0].status, CampaignStatus::Cancelled);
        applied.inverse.apply(&mut f).expect("undo");
        assert_eq!(f.campaigns[0].status, CampaignStatus::Live);
    }

    #[test]
    fn a_removed_task_comes_back_in_its_place() {
        let mut f = file();
        let before = f.clone();
        let gone = f.campaigns[0].tasks[1].clone();
        let applied = edit(Change::RemoveTask {
            campaign: 2,
            task: gone,
        })
        .apply(&mut f)
        .expect("applies");
        assert_eq!(f.campaigns[0].tasks.len(), 2);
        assert_eq!(
            applied.what,
            "task 'Test all systems' of 'Q4 webinar' of Contoso removed"
        );
        applied.inverse.apply(&mut f).expect("undo");
        assert_eq!(f, before);
    }
}
