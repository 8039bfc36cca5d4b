//! Marketing development funds (docs/rules.md, "MDF"): each tier's annual
//! allotment, quarterly cap and approval; a campaign's *our budget* is MDF
//! spent on its partner in the quarter of its launch (a cancelled campaign
//! spends nothing).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::book::{Campaign, CampaignResults, CampaignStatus, PartnerFile, Tier};
use super::commission::exact;
use super::config::{MdfAllotment, ProgramConfig};
use super::format::{money, percent_of};

/// A calendar quarter: `Q4 2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub q: u32,
}

impl Quarter {
    #[must_use]
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            q: date.month0() / 3 + 1,
        }
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Q{} {}", self.q, self.year)
    }
}

/// Does this campaign spend MDF?
fn spends(c: &Campaign) -> bool {
    c.status != CampaignStatus::Cancelled && c.budget_ours > 0
}

/// MDF spent on a partner by campaigns launching in `quarter`, leaving out
/// the campaign `except` (the one being edited).
#[must_use]
pub fn spent_in_quarter(file: &PartnerFile, quarter: Quarter, except: Option<i64>) -> i64 {
    file.campaigns
        .iter()
        .filter(|c| spends(c) && Quarter::of(c.launch) == quarter && Some(c.id) != except)
        .map(|c| c.budget_ours)
        .sum()
}

/// MDF spent on a partner by campaigns launching in `year`.
#[must_use]
pub fn spent_in_year(file: &PartnerFile, year: i32) -> i64 {
    file.campaigns
        .iter()
        .filter(|c| spends(c) && c.launch.year() == year)
        .map(|c| c.budget_ours)
        .sum()
}

/// A tier's MDF as the benefits matrix's row shows it, the year's
/// allotment: `$25K/yr`, `$0` for a tier with none.
#[must_use]
pub fn allotment_text(tier: Tier, cfg: &ProgramConfig) -> String {
    cfg.mdf.of(tier).map_or_else(
        || money(0, &cfg.currency),
        |a| format!("{}/yr", money(a.annual, &cfg.currency)),
    )
}

/// The quarterly caps of the tiers that have MDF, as the benefits popup
/// notes them: `Silver $2K · Gold $10K · Platinum $35K`.
#[must_use]
pub fn quarterly_caps_text(cfg: &ProgramConfig) -> String {
    Tier::ALL
        .iter()
        .filter_map(|tier| {
            cfg.mdf
                .of(*tier)
                .map(|a| format!("{} {}", tier.title(), money(a.quarterly_cap, &cfg.currency)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A partner's MDF this year and this quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub tier: Tier,
    pub year: i32,
    pub quarter: Quarter,
    /// Spent this calendar year (campaigns launching in it).
    pub year_spent: i64,
    /// The tier's annual allotment (0 for Registered).
    pub allotted: i64,
    /// Spent / allotted, whole percent floored; None with nothing allotted.
    pub utilization_pct: Option<u32>,
    pub quarter_spent: i64,
    pub quarterly_cap: i64,
    /// Spent this quarter above the cap.
    pub over_cap: bool,
    /// `Gold: $18K of $25K used this year (72%, target 80%+) · Q4 2026 $6K of $10K cap`.
    pub text: String,
}

/// Where a partner stands on MDF on `today`.
#[must_use]
pub fn standing(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> Standing {
    let tier = file.partner.tier;
    let quarter = Quarter::of(today);
    let year_spent = spent_in_year(file, today.year());
    let quarter_spent = spent_in_quarter(file, quarter, None);
    let (allotted, cap) = cfg
        .mdf
        .of(tier)
        .map_or((0, 0), |a| (a.annual, a.quarterly_cap));
    let utilization_pct = percent_of(
        usize::try_from(year_spent.max(0)).unwrap_or(0),
        usize::try_from(allotted).unwrap_or(0),
    );
    let cur = cfg.currency.as_str();
    let target = cfg.mdf.utilization_target_pct;
    let text = match utilization_pct {
        None if year_spent == 0 => format!("{}: no MDF", tier.title()),
        None => format!(
            "{}: no MDF, yet {} spent this year",
            tier.title(),
            money(year_spent, cur)
        ),
        Some(pct) => format!(
            "{}: {} of {} used this year ({pct}%, target {target}%+) · {quarter} {} of {} cap{}",
            tier.title(),
            money(year_spent, cur),
            money(allotted, cur),
            money(quarter_spent, cur),
            money(cap, cur),
            if quarter_spent > cap { " ⚠ over" } else { "" }
        ),
    };
    Standing {
        tier,
        year: today.year(),
        quarter,
        year_spent,
        allotted,
        utilization_pct,
        quarter_spent,
        quarterly_cap: cap,
        over_cap: quarter_spent > cap,
        text,
    }
}

/// What a budget does to its partner's quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapCheck {
    pub quarter: Quarter,
    /// Spent in the quarter by the partner's other campaigns.
    pub others: i64,
    /// `others` + this budget.
    pub after: i64,
    pub cap: i64,
    /// The budget takes the quarter past its cap.
    pub over: bool,
    /// Who must approve the spend: the tier's approval.
    pub approval: Option<String>,
    /// `Q4 2026: $6,000 spent + $5,000 = $11,000, $1,000 over Gold's $10,000
    /// cap: needs PM + Director approval`.
    pub text: String,
}

/// Check a budget of `budget` for a campaign of `file`'s partner launching
/// on `launch` (`campaign`: the campaign being edited, whose own budget is
/// replaced, not added).
#[must_use]
pub fn check_cap(
    file: &PartnerFile,
    campaign: Option<i64>,
    launch: NaiveDate,
    budget: i64,
    cfg: &ProgramConfig,
) -> CapCheck {
    let tier = file.partner.tier;
    let quarter = Quarter::of(launch);
    let others = spent_in_quarter(file, quarter, campaign);
    let after = others.saturating_add(budget.max(0));
    let cur = cfg.currency.as_str();
    let allotment: Option<&MdfAllotment> = cfg.mdf.of(tier);
    let cap = allotment.map_or(0, |a| a.quarterly_cap);
    let over = after > cap;
    let sum = format!(
        "{quarter}: {} spent + {} = {}",
        exact(others, cur),
        exact(budget.max(0), cur),
        exact(after, cur)
    );
    let text = match allotment {
        None if after > 0 => format!(
            "{sum}: {} partners have no MDF; any spend needs an exception",
            tier.title()
        ),
        None => format!("{sum}: {} partners have no MDF", tier.title()),
        Some(a) if over => format!(
            "{sum}, {} over {}'s {} quarterly cap: needs {} approval",
            exact(after - cap, cur),
            tier.title(),
            exact(cap, cur),
            a.approval
        ),
        Some(a) if after == cap => format!(
            "{sum}: reaches {}'s {} quarterly cap exactly ({} approves)",
            tier.title(),
            exact(cap, cur),
            a.approval
        ),
        Some(a) => format!(
            "{sum} of {}'s {} quarterly cap, {} left ({} approves)",
            tier.title(),
            exact(cap, cur),
            exact(cap - after, cur),
            a.approval
        ),
    };
    CapCheck {
        quarter,
        others,
        after,
        cap,
        over: over && budget > 0,
        approval: allotment.map(|a| a.approval.clone()),
        text,
    }
}

/// Moving `campaign`'s launch to `to`: its budget is spent in the new
/// quarter instead, so a move into another quarter is checked against that
/// quarter's cap (spend is counted in the launch quarter, docs/rules.md
/// "MDF"). None when the quarter stays, the campaign spends nothing, or the
/// new quarter has room.
#[must_use]
pub fn check_move(
    file: &PartnerFile,
    campaign: &Campaign,
    to: NaiveDate,
    cfg: &ProgramConfig,
) -> Option<CapCheck> {
    if !spends(campaign) || Quarter::of(to) == Quarter::of(campaign.launch) {
        return None;
    }
    Some(check_cap(
        file,
        Some(campaign.id),
        to,
        campaign.budget_ours,
        cfg,
    ))
    .filter(|c| c.over)
}

/// Does the campaign record any result at all (a count or an amount)?
#[must_use]
pub fn has_results(r: &CampaignResults) -> bool {
    *r != CampaignResults::default()
}

/// ROI = closed-won $ / our budget: `ROI 3.2× ($32K closed-won on $10K
/// MDF)`. None without a budget or before any result is recorded.
#[must_use]
pub fn roi(c: &Campaign, currency: &str) -> Option<String> {
    if c.budget_ours <= 0 || !has_results(&c.results) {
        return None;
    }
    let tenths =
        (c.results.closed_won_value.saturating_mul(10) + c.budget_ours / 2) / c.budget_ours;
    Some(format!(
        "ROI {}.{}× ({} closed-won on {} MDF)",
        tenths / 10,
        tenths % 10,
        money(c.results.closed_won_value, currency),
        money(c.budget_ours, currency)
    ))
}

/// `6.4×`: `won` / `budget`, one decimal, rounded half up (`budget` > 0).
#[must_use]
pub fn roi_times(won: i64, budget: i64) -> String {
    let tenths = (won.saturating_mul(10) + budget / 2) / budget.max(1);
    format!("{}.{}×", tenths / 10, tenths % 10)
}

/// The days since a campaign's W+2 review when it spent MDF (our budget,
/// not cancelled) and still records no result more than
/// `mdf.results_due_days` after it: the seed's "MDF without
/// accountability". None otherwise.
#[must_use]
pub fn without_accountability(c: &Campaign, today: NaiveDate, cfg: &ProgramConfig) -> Option<i64> {
    let review = super::dates::add_days(c.launch, 14);
    let days = (today - review).num_days();
    (spends(c) && !has_results(&c.results) && days > cfg.mdf.results_due_days).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{campaign, cfg, date, partner_file};

    fn gold_with(spent: &[(NaiveDate, i64)]) -> PartnerFile {
        let mut f = partner_file("Kestrel");
        f.partner.tier = Tier::Gold;
        for (i, (launch, budget)) in spent.iter().enumerate() {
            let mut c = campaign(&format!("C{i}"), *launch);
            c.id = i64::try_from(i).unwrap_or(0) + 1;
            c.budget_ours = *budget;
            f.campaigns.push(c);
        }
        f
    }

    #[test]
    fn a_budget_that_reaches_the_cap_exactly_passes_and_one_dollar_more_warns() {
        let f = gold_with(&[(date(2026, 10, 5), 6_000), (date(2026, 9, 30), 9_000)]);
        let at = check_cap(&f, None, date(2026, 12, 1), 4_000, &cfg());
        assert!(!at.over);
        assert_eq!(
            at.text,
            "Q4 2026: $6,000 spent + $4,000 = $10,000: reaches Gold's $10,000 quarterly cap exactly (PM + Director approves)"
        );
        let over = check_cap(&f, None, date(2026, 12, 1), 4_001, &cfg());
        assert!(over.over);
        assert_eq!(
            over.text,
            "Q4 2026: $6,000 spent + $4,001 = $10,001, $1 over Gold's $10,000 quarterly cap: needs PM + Director approval"
        );
    }

    #[test]
    fn a_launch_moved_into_a_fuller_quarter_is_checked_against_its_cap() {
        // Q4 holds $6,000; the $5,000 campaign launching in Q1 moves there.
        let f = gold_with(&[(date(2026, 10, 5), 6_000), (date(2027, 1, 14), 5_000)]);
        let moving = &f.campaigns[1];
        let over = check_move(&f, moving, date(2026, 12, 30), &cfg()).expect("over the cap");
        assert_eq!(
            over.text,
            "Q4 2026: $6,000 spent + $5,000 = $11,000, $1,000 over Gold's $10,000 quarterly cap: needs PM + Director approval"
        );
        // Within its own quarter, or into one with room: nothing to say.
        assert!(check_move(&f, moving, date(2027, 2, 1), &cfg()).is_none());
        assert!(check_move(&f, moving, date(2027, 4, 1), &cfg()).is_none());
        // Exactly at the cap is within it.
        let f = gold_with(&[(date(2026, 10, 5), 5_000), (date(2027, 1, 14), 5_000)]);
        assert!(check_move(&f, &f.campaigns[1], date(2026, 12, 30), &cfg()).is_none());
    }

    #[test]
    fn editing_a_campaign_replaces_its_own_budget() {
        let f = gold_with(&[(date(2026, 10, 5), 6_000)]);
        let c = check_cap(&f, Some(1), date(2026, 10, 5), 10_000, &cfg());
        assert_eq!((c.others, c.after, c.over), (0, 10_000, false));
    }

    #[test]
    fn standing_counts_the_year_and_the_quarter() {
        let mut f = gold_with(&[
            (date(2026, 2, 1), 8_000),
            (date(2026, 10, 5), 12_000),
            (date(2025, 12, 1), 9_000),
        ]);
        let s = standing(&f, date(2026, 11, 25), &cfg());
        assert_eq!(
            (s.year_spent, s.allotted, s.utilization_pct),
            (20_000, 25_000, Some(80))
        );
        assert!(s.over_cap);
        assert_eq!(
            s.text,
            "Gold: $20K of $25K used this year (80%, target 80%+) · Q4 2026 $12K of $10K cap ⚠ over"
        );
        f.campaigns[1].status = CampaignStatus::Cancelled;
        assert_eq!(standing(&f, date(2026, 11, 25), &cfg()).year_spent, 8_000);
    }

    #[test]
    fn a_spent_campaign_without_results_is_flagged_15_days_after_w_plus_2() {
        let f = gold_with(&[(date(2026, 10, 1), 5_000)]);
        let c = &f.campaigns[0];
        // W+2 is 15 Oct; 14 days later is 29 Oct: not yet; 30 Oct: flagged.
        assert_eq!(without_accountability(c, date(2026, 10, 29), &cfg()), None);
        assert_eq!(
            without_accountability(c, date(2026, 10, 30), &cfg()),
            Some(15)
        );
        let mut reported = c.clone();
        reported.results.closed_won_value = 32_000;
        assert_eq!(
            without_accountability(&reported, date(2026, 11, 30), &cfg()),
            None
        );
        assert_eq!(
            roi(&reported, "$").as_deref(),
            Some("ROI 6.4× ($32K closed-won on $5K MDF)")
        );
        let mut free = c.clone();
        free.budget_ours = 0;
        assert_eq!(
            without_accountability(&free, date(2026, 11, 30), &cfg()),
            None
        );
        assert_eq!(roi(&free, "$"), None);
    }

    #[test]
    fn registered_partners_have_no_mdf() {
        let mut f = gold_with(&[(date(2026, 10, 5), 500)]);
        f.partner.tier = Tier::Registered;
        let c = check_cap(&f, None, date(2026, 10, 6), 100, &cfg());
        assert!(c.over);
        assert!(
            c.text
                .ends_with("Registered partners have no MDF; any spend needs an exception")
        );
        assert_eq!(allotment_text(Tier::Registered, &cfg()), "$0");
        assert_eq!(allotment_text(Tier::Gold, &cfg()), "$25K/yr");
        assert_eq!(
            quarterly_caps_text(&cfg()),
            "Silver $2K · Gold $10K · Platinum $35K"
        );
    }
}
