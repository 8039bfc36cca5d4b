//! The Tiers screen's sections: which partners need a tier decision, who
//! is close to the next tier, and everyone else by tier (docs/rules.md,
//! "Tiers screen").

use super::{Standing, TierStatus};
use crate::domain::book::Tier;
use crate::domain::format::{day, plural};

/// A section of the Tiers screen, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TierSection {
    UpgradeEligible,
    CloseToNext,
    BelowCriteria,
    DowngradeDue,
    ProvisionalEnding,
    /// Everyone else, by the tier held (Platinum first).
    Held(Tier),
}

impl TierSection {
    /// Every section in screen order.
    pub const ALL: [TierSection; 9] = [
        TierSection::UpgradeEligible,
        TierSection::CloseToNext,
        TierSection::BelowCriteria,
        TierSection::DowngradeDue,
        TierSection::ProvisionalEnding,
        TierSection::Held(Tier::Platinum),
        TierSection::Held(Tier::Gold),
        TierSection::Held(Tier::Silver),
        TierSection::Held(Tier::Registered),
    ];

    #[must_use]
    pub fn title(self, close_pct: u32) -> String {
        match self {
            TierSection::UpgradeEligible => "Upgrade eligible".into(),
            TierSection::CloseToNext => format!("Close to next tier, ≥ {close_pct}%"),
            TierSection::BelowCriteria => "Below criteria (grace)".into(),
            TierSection::DowngradeDue => "Downgrade due".into(),
            TierSection::ProvisionalEnding => "Provisional ending".into(),
            TierSection::Held(tier) => tier.title().into(),
        }
    }

    /// Where the screen lists a partner: one section each, the most urgent
    /// that applies (downgrade due, provisional ending, below criteria,
    /// upgrade eligible, close to the next tier), else its tier.
    #[must_use]
    pub fn of(t: &TierStatus, close: bool) -> TierSection {
        match t.standing {
            Standing::DowngradeDue { .. } => TierSection::DowngradeDue,
            _ if t.provisional.is_some() => TierSection::ProvisionalEnding,
            Standing::BelowCriteria { .. } => TierSection::BelowCriteria,
            Standing::UpgradeEligible { .. } => TierSection::UpgradeEligible,
            _ if close => TierSection::CloseToNext,
            _ => TierSection::Held(t.current),
        }
    }

    /// Most urgent first within the section (smaller first); ties go by name.
    #[must_use]
    pub fn rank(self, t: &TierStatus) -> i64 {
        let days = |d: chrono::NaiveDate| i64::from(chrono::Datelike::num_days_from_ce(&d));
        match (self, &t.standing) {
            (TierSection::DowngradeDue, Standing::DowngradeDue { grace_ended, .. }) => {
                days(*grace_ended)
            }
            (TierSection::BelowCriteria, Standing::BelowCriteria { grace_ends, .. }) => {
                days(*grace_ends)
            }
            (TierSection::ProvisionalEnding, _) => t.provisional.map_or(0, |f| days(f.until)),
            (TierSection::UpgradeEligible, Standing::UpgradeEligible { to }) => {
                -i64::try_from(to.index()).unwrap_or(0)
            }
            _ => -i64::from(t.progress.percent),
        }
    }
}

/// What a row of the section says after the progress bar: the decision to
/// make or the state of the tier, else the limiting requirement.
#[must_use]
pub fn row_detail(section: TierSection, t: &TierStatus, currency: &str) -> String {
    let tier = t.current.title();
    let limit = || t.progress.limit_text(currency).unwrap_or_default();
    match (section, &t.standing) {
        (TierSection::UpgradeEligible, Standing::UpgradeEligible { to }) => {
            format!("▲ {tier} → {}: qualifies · p promotes", to.title())
        }
        (
            TierSection::BelowCriteria,
            Standing::BelowCriteria {
                quarters_used,
                grace_quarters,
                grace_ends,
                ..
            },
        ) => format!(
            "{tier}: {quarters_used} of {} of grace used, ends {}",
            plural(i64::from(*grace_quarters), "quarter", "quarters"),
            day(*grace_ends)
        ),
        (
            TierSection::DowngradeDue,
            Standing::DowngradeDue {
                to, grace_ended, ..
            },
        ) => format!(
            "▼ {tier} → {}: grace ended {} · d demotes",
            to.title(),
            day(*grace_ended)
        ),
        (TierSection::ProvisionalEnding, standing) => {
            let flag = t.provisional.map_or(String::new(), |f| {
                if f.days_left < 0 {
                    format!("ended {}d ago", -f.days_left)
                } else {
                    format!(
                        "ends {} ({})",
                        day(f.until),
                        plural(f.days_left, "day", "days")
                    )
                }
            });
            let truth = match standing {
                Standing::Provisional {
                    shortfall: Some(short),
                    ..
                } => format!(" — short: {short}"),
                Standing::BelowCriteria { .. } => " — below criteria".into(),
                _ => format!(" — meets {tier}"),
            };
            format!("provisional {tier} {flag}{truth} · c confirms")
        }
        _ => limit(),
    }
}

/// [`row_detail`] for a narrow screen: `grace 0/2, ends Sun 04 Apr`,
/// `needs certifications 4/5`.
#[must_use]
pub fn row_detail_short(section: TierSection, t: &TierStatus, currency: &str) -> String {
    let p = &t.progress;
    let m = &t.metrics;
    match (section, &t.standing) {
        (TierSection::UpgradeEligible, Standing::UpgradeEligible { to }) => {
            format!("▲ to {} · p", to.title())
        }
        (
            TierSection::BelowCriteria,
            Standing::BelowCriteria {
                quarters_used,
                grace_quarters,
                grace_ends,
                ..
            },
        ) => format!(
            "grace {quarters_used}/{grace_quarters}, ends {}",
            day(*grace_ends)
        ),
        (TierSection::DowngradeDue, Standing::DowngradeDue { to, .. }) => {
            format!("▼ to {} · d", to.title())
        }
        (TierSection::ProvisionalEnding, standing) => {
            let meets = !matches!(
                standing,
                Standing::Provisional {
                    shortfall: Some(_),
                    ..
                } | Standing::BelowCriteria { .. }
            );
            let until = t.provisional.map_or(String::new(), |f| day(f.until));
            format!("ends {until} · {}", if meets { "meets" } else { "short" })
        }
        _ => match p.limit {
            Some(super::Limit::Certifications) => {
                format!("needs certs {}/{}", m.certified, p.target_certified)
            }
            Some(super::Limit::ArrOrReferrals) if p.arr_percent >= p.referral_percent => format!(
                "needs ARR {}/{}",
                crate::domain::format::money(m.sourced_arr, currency),
                crate::domain::format::money(p.target_arr, currency)
            ),
            Some(super::Limit::ArrOrReferrals) => {
                format!("needs referrals {}/{}", m.referrals, p.target_referrals)
            }
            None => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{
        FileBuilder, cert, cfg, date, days_ago, month, partner_file, today,
    };
    use crate::domain::tiers::tier_status;

    #[test]
    fn a_gold_partner_below_criteria_reads_its_grace_and_when_it_ends() {
        // Gold since 8 Jul, one of two certified people: below since then.
        let mut f = partner_file("Acme");
        f.partner.tier = Tier::Gold;
        f.partner.tier_since = date(2026, 7, 8);
        let f = f
            .with_revenue(month(2026, 11), 150_000, 0)
            .with_cert(cert("Ana", date(2026, 5, 1)));
        let t = tier_status(&f, today(), &cfg());
        let section = TierSection::of(&t, false);
        assert_eq!(section, TierSection::BelowCriteria);
        assert_eq!(
            row_detail(section, &t, "$"),
            "Gold: 1 of 2 quarters of grace used, ends Fri 08 Jan 2027"
        );
    }

    #[test]
    fn a_downgrade_due_wins_over_every_other_section() {
        let mut f = partner_file("Acme");
        f.partner.tier = Tier::Silver;
        f.partner.tier_since = date(2025, 1, 1);
        f.partner.provisional_until = Some(days_ago(200));
        let f = f.with_revenue(month(2026, 11), 1_000, 0);
        let t = tier_status(&f, today(), &cfg());
        assert_eq!(TierSection::of(&t, false), TierSection::DowngradeDue);
        assert!(
            row_detail(TierSection::DowngradeDue, &t, "$")
                .starts_with("▼ Silver → Registered: grace ended")
        );
    }
}
