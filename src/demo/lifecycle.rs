//! Recruit and onboard in the demo: every signed partner below grow moved
//! into its stage lately (within the stage's plan), except the roles that
//! show the rules — prospects with scorecards, two partners onboarding
//! (one late) and one stuck in enable. Nothing here draws from the random
//! stream, so the rest of the book is as it was.

use chrono::NaiveDate;

use crate::domain::book::{Lifecycle, PartnerFile, RedFlag, Scorecard, StageChange};
use crate::domain::config::ProgramConfig;
use crate::domain::lifecycle::onboarding_plan;

use super::ids::Ids;
use super::rng::ago;
use super::roles::Role;

/// Each prospect role: days since it was added, days since it was scored,
/// the seven scores and the red flags seen.
const PROSPECTS: [(i64, i64, [u8; 7], &[RedFlag]); 3] = [
    (16, 3, [4, 5, 4, 4, 5, 3, 4], &[]),
    (26, 8, [3, 3, 2, 3, 4, 3, 2], &[RedFlag::CompetitiveOverlap]),
    (
        240,
        215,
        [2, 2, 1, 2, 2, 2, 1],
        &[RedFlag::NoPartnerTeam, RedFlag::OneWayInterest],
    ),
];

/// The stage before `stage` (recruit for recruit).
fn before(stage: Lifecycle) -> Lifecycle {
    Lifecycle::ALL
        .get(stage.index_of().saturating_sub(1))
        .copied()
        .unwrap_or(Lifecycle::Recruit)
}

pub(super) fn shape(
    file: &mut PartnerFile,
    role: Option<Role>,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) {
    let id = file.partner.id;
    let p = &mut file.partner;
    match role {
        Some(Role::Prospect(k)) => {
            let (added, scored_ago, scores, flags) = PROSPECTS[k % PROSPECTS.len()];
            p.lifecycle = Lifecycle::Recruit;
            p.created_at = format!("{}T09:00:00Z", ago(today, added));
            file.scorecard = Some(Scorecard::with_scores(
                ago(today, scored_ago),
                scores,
                flags.to_vec(),
            ));
        }
        Some(Role::Onboarding {
            joined_days_ago,
            late,
        }) => {
            let joined = ago(today, joined_days_ago);
            p.lifecycle = Lifecycle::Onboard;
            p.joined = Some(joined);
            file.stage_changes.push(StageChange {
                from: Lifecycle::Recruit,
                to: Lifecycle::Onboard,
                date: joined,
            });
            let mut plan = onboarding_plan(joined, cfg);
            plan.id = ids.campaign.next();
            let past = plan.tasks.iter().filter(|t| t.due < today).count();
            // The late one left the last two tasks that fell due undone.
            let open_from = if late { past.saturating_sub(2) } else { past };
            for (i, t) in plan.tasks.iter_mut().enumerate() {
                t.id = ids.task.next();
                if i < open_from {
                    t.done = Some(ago(t.due, 1).max(joined));
                }
            }
            file.campaigns.push(plan);
        }
        Some(Role::StuckInEnable) => p.lifecycle = Lifecycle::Enable,
        _ => match p.lifecycle {
            Lifecycle::Grow => {}
            // Added to the book lately, not scored yet.
            Lifecycle::Recruit => {
                p.created_at = format!("{}T09:00:00Z", ago(today, 5 + id % 20));
            }
            stage => file.stage_changes.push(StageChange {
                from: before(stage),
                to: stage,
                date: ago(today, 2 + id % 25),
            }),
        },
    }
    file.normalize();
}
