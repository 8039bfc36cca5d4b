//! The money tables of the program config (`[commissions]`, `[mdf]`,
//! `[budget]`; docs/rules.md, "Commissions", "MDF" and "Co-marketing
//! budget").

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::book::{PartnerType, Tier};

/// How won deals earn commission.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommissionRules {
    /// An influenced deal earns this share of the sourced rate (50: half).
    pub influenced_share_pct: u32,
    /// The `tier_rate` model: the rate of the partner's tier at close.
    pub tier_rate_pct: TierRates,
    /// The model of a partner type; a type not listed (and a partner with
    /// no type) earns its tier's rate.
    #[serde(default)]
    pub types: BTreeMap<PartnerType, CommissionModel>,
}

impl CommissionRules {
    /// The model a partner of this type is paid by.
    #[must_use]
    pub fn model(&self, kind: Option<PartnerType>) -> &CommissionModel {
        kind.and_then(|k| self.types.get(&k))
            .unwrap_or(&CommissionModel::TierRate)
    }
}

/// A percentage per tier (commission rates).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRates {
    pub registered: f64,
    pub silver: f64,
    pub gold: f64,
    pub platinum: f64,
}

impl TierRates {
    #[must_use]
    pub fn of(&self, tier: Tier) -> f64 {
        match tier {
            Tier::Registered => self.registered,
            Tier::Silver => self.silver,
            Tier::Gold => self.gold,
            Tier::Platinum => self.platinum,
        }
    }
}

/// One of the seed's revenue models.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum CommissionModel {
    /// The benefits matrix rate of the partner's tier at close.
    TierRate,
    /// A fixed % of first-year value, once, at close (a referral fee).
    OneTime { rate_pct: f64 },
    /// A % of value / 12 each month for `months` months from close.
    Recurring { rate_pct: f64, months: u32 },
    /// A volume ladder over the partner's won value in the calendar year,
    /// each bracket at its own rate.
    Tiered { ladder: Vec<Bracket> },
}

/// From `from` (of the year's won value) up to the next bracket: `rate_pct`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bracket {
    pub from: i64,
    pub rate_pct: f64,
}

/// Marketing development funds by tier (the seed's "MDF Allocation by
/// Tier"); Registered partners have none.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MdfRules {
    /// Used / allotted in the year at or above this is on target.
    pub utilization_target_pct: u32,
    /// A spent campaign with no results this many days after its W+2
    /// review is "MDF without accountability" on Today.
    pub results_due_days: i64,
    pub silver: MdfAllotment,
    pub gold: MdfAllotment,
    pub platinum: MdfAllotment,
}

impl MdfRules {
    /// A tier's allotment; None for Registered.
    #[must_use]
    pub fn of(&self, tier: Tier) -> Option<&MdfAllotment> {
        super::types::above_registered(tier, [&self.silver, &self.gold, &self.platinum])
    }
}

/// A tier's MDF: per year, per quarter at most, and who approves a spend.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MdfAllotment {
    pub annual: i64,
    pub quarterly_cap: i64,
    pub approval: String,
}

/// The Co-Marketing Investment Formula's factors (tier base = the tier's
/// quarterly MDF cap).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRules {
    /// Pipeline potential = `pipeline_min` + `pipeline_span` × won / closed.
    pub pipeline_min: f64,
    pub pipeline_span: f64,
    /// With no deal closed in the last 12 months.
    pub pipeline_none: f64,
    /// Strategic value = `strategic_min` + `strategic_span` × score / 100.
    pub strategic_min: f64,
    pub strategic_span: f64,
}

/// A rate the rules can multiply by: a real number from 0 to 100.
fn rate_ok(pct: f64) -> bool {
    pct.is_finite() && (0.0..=100.0).contains(&pct)
}

fn bad(key: String, message: impl Into<String>) -> super::validate::Invalid {
    super::validate::Invalid {
        keys: vec![key],
        message: message.into(),
    }
}

/// Rates within 0-100%, ladders that rise from 0, MDF that a cap can hold,
/// formula factors that are real numbers.
pub(super) fn check(cfg: &super::ProgramConfig) -> Result<(), super::validate::Invalid> {
    let c = &cfg.commissions;
    if c.influenced_share_pct > 100 {
        return Err(bad(
            "commissions.influenced_share_pct".into(),
            "must be 0 to 100 (the share of the sourced rate)",
        ));
    }
    for tier in Tier::ALL {
        if !rate_ok(c.tier_rate_pct.of(*tier)) {
            return Err(bad(
                format!("commissions.tier_rate_pct.{tier}"),
                "must be a percentage from 0 to 100",
            ));
        }
    }
    for (kind, model) in &c.types {
        let key = format!("commissions.types.{kind}");
        match model {
            CommissionModel::OneTime { rate_pct } | CommissionModel::Recurring { rate_pct, .. }
                if !rate_ok(*rate_pct) =>
            {
                return Err(bad(
                    format!("{key}.rate_pct"),
                    "must be a percentage from 0 to 100",
                ));
            }
            CommissionModel::TierRate | CommissionModel::OneTime { .. } => {}
            CommissionModel::Recurring { months, .. } => {
                if !(1..=120).contains(months) {
                    return Err(bad(format!("{key}.months"), "must be 1 to 120 months"));
                }
            }
            CommissionModel::Tiered { ladder } => {
                let starts_at_zero = ladder.first().is_some_and(|b| b.from == 0);
                let rising = ladder.windows(2).all(|w| w[0].from < w[1].from);
                if !starts_at_zero || !rising {
                    return Err(bad(
                        format!("{key}.ladder"),
                        "brackets must start at `from = 0` and rise",
                    ));
                }
                if ladder.iter().any(|b| !rate_ok(b.rate_pct)) {
                    return Err(bad(
                        format!("{key}.ladder"),
                        "every rate_pct must be a percentage from 0 to 100",
                    ));
                }
            }
        }
    }
    let m = &cfg.mdf;
    for (name, a) in [
        ("silver", &m.silver),
        ("gold", &m.gold),
        ("platinum", &m.platinum),
    ] {
        if a.annual < 0 || a.quarterly_cap < 0 || a.quarterly_cap > a.annual {
            return Err(bad(
                format!("mdf.{name}"),
                "annual and quarterly_cap must be 0 or more, and the cap at most the annual allotment",
            ));
        }
    }
    if !(0..=3660).contains(&m.results_due_days) {
        return Err(bad("mdf.results_due_days".into(), "must be 0 to 3660 days"));
    }
    let b = &cfg.budget;
    for (key, v) in [
        ("pipeline_min", b.pipeline_min),
        ("pipeline_span", b.pipeline_span),
        ("pipeline_none", b.pipeline_none),
        ("strategic_min", b.strategic_min),
        ("strategic_span", b.strategic_span),
    ] {
        if !(v.is_finite() && (0.0..=10.0).contains(&v)) {
            return Err(bad(
                format!("budget.{key}"),
                "must be a multiplier from 0 to 10",
            ));
        }
    }
    Ok(())
}
