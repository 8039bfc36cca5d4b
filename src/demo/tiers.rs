//! Tier history: the upgrades (and the odd downgrade) that brought a
//! partner to its tier, ending on `tier_since`.

use chrono::NaiveDate;

use crate::domain::book::{Tier, TierChange};
use crate::domain::config::ProgramConfig;
use crate::domain::format::plural;

use super::ids::Ids;
use super::plan::Plan;
use super::rng::{Rng, ago};

/// The tier-change rows, oldest first, and the day the partner signed up.
pub(crate) fn history(
    plan: &Plan,
    rng: &mut Rng,
    ids: &mut Ids,
    cfg: &ProgramConfig,
) -> (Vec<TierChange>, NaiveDate) {
    // The tiers walked through, from Registered to the current tier (via
    // the one above when the partner was demoted).
    let peak = if plan.demoted {
        plan.tier.next().unwrap_or(plan.tier)
    } else {
        plan.tier
    };
    let mut path: Vec<Tier> = Tier::ALL.iter().copied().filter(|t| *t <= peak).collect();
    if peak != plan.tier {
        path.push(plan.tier);
    }
    let steps = path.len().saturating_sub(1);
    // Dates from the newest change back.
    let mut dates = Vec::with_capacity(steps);
    let mut day = plan.tier_since;
    for _ in 0..steps {
        dates.push(day);
        day = ago(day, rng.range(150, 420));
    }
    dates.reverse();
    let signed = if steps == 0 {
        plan.tier_since
    } else {
        ago(day, rng.range(0, 120))
    };
    let rows = path
        .windows(2)
        .zip(dates)
        .enumerate()
        .map(|(i, (pair, date))| {
            let (from, to) = (pair[0], pair[1]);
            let last = i + 1 == steps;
            let provisional = last && plan.provisional_until.is_some();
            TierChange {
                id: ids.tier_change.next(),
                from,
                to,
                date,
                reason: reason(from, to, provisional, cfg),
                provisional,
            }
        })
        .collect();
    (rows, signed)
}

fn reason(from: Tier, to: Tier, provisional: bool, cfg: &ProgramConfig) -> String {
    if to < from {
        let grace = cfg.tiers.criteria(from).map_or(0, |c| c.grace_quarters);
        format!(
            "Annual review: below {} criteria after {} of grace",
            from.title(),
            plural(i64::from(grace), "quarter", "quarters")
        )
    } else if provisional {
        format!(
            "Provisional {} for {} months while their certified team ramps up",
            to.title(),
            cfg.tiers.provisional.months
        )
    } else {
        format!("Met {} criteria at the annual review", to.title())
    }
}
