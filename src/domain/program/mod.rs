//! The program's numbers (docs/rules.md, "Program numbers"; SPEC §10): each
//! metric of the playbook's "Key Partnership Metrics" and "Partner Success
//! Metrics" with its value now and a year ago, its target and whether it is
//! met, the formula, a reason sentence and the partners it counts. The
//! Program screen, `partnerdeck program` and the Partners header
//! ([`ProgramKpis`]) all read them from here.
//!
//! Windows are the T12M of the health score: the twelve months ending with
//! the month of the day asked about (revenue), or the year up to that day
//! (won deals, NPS). "A year ago" is the same function asked about the same
//! day a year earlier.

mod header;
mod people;

use std::borrow::Cow;

use chrono::{Datelike as _, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use header::{KpiTally, ProgramKpis};
pub use people::{Counted, Group};

use super::book::{Book, CompanyMonth, DealStage, Lifecycle, PartnerFile, Tier, YearMonth};
use super::config::ProgramConfig;
use super::coverage::{Holdings, as_scored};
use super::format::{money, month_year, plural};
use super::health::twelve_months;
use super::lifecycle::{TimeToFirstDeal, joined, time_to_first_deal};
use super::qbr::{Completion, tally};

/// What to do while the book has no company revenue for a window.
pub const ENTER_COMPANY_REVENUE: &str =
    "enter company revenue: partnerdeck import --csv company_revenue FILE, or c on this screen";

/// How a metric's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Whole percent, floored.
    Percent,
    /// Money in the book's currency.
    Money,
    Days,
    /// An NPS score (-100..=100).
    Score,
}

/// One of the program's metrics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metric {
    /// Its JSON key: `sourced_share`, `activation`, …
    pub key: Cow<'static, str>,
    pub title: Cow<'static, str>,
    pub unit: Unit,
    /// Its value today; None when the book cannot say (`reason` says why).
    pub now: Option<i64>,
    /// Its value as of the same day a year earlier.
    pub year_ago: Option<i64>,
    /// What the value is of: `$4.2M of $18.0M`, `38 of 60 partners`.
    pub basis: String,
    /// `20-30%`, `60%+`, `< 90 days`, `growing`.
    pub target: String,
    /// Met (✓), missed (✗), or None when there is no value to judge.
    pub met: Option<bool>,
    /// What stands beside the target: `3 past 90 days`, `2 spent without results`.
    pub note: String,
    pub formula: Cow<'static, str>,
    /// The value explained, like a health dimension.
    pub reason: String,
    /// The partners it counts, in groups (Enter on the Program screen).
    pub groups: Vec<Group>,
}

impl Metric {
    /// The value as the table shows it: `23%`, `$318K`, `74 days`, `46`, `—`.
    #[must_use]
    pub fn shown(&self, value: Option<i64>, currency: &str) -> String {
        value.map_or_else(
            || "—".to_string(),
            |v| match self.unit {
                Unit::Percent => format!("{v}%"),
                Unit::Money => money(v, currency),
                Unit::Days => plural(v, "day", "days"),
                Unit::Score => v.to_string(),
            },
        )
    }

    /// `✓`, `✗` or blank.
    #[must_use]
    pub fn mark(&self) -> &'static str {
        match self.met {
            Some(true) => "✓",
            Some(false) => "✗",
            None => "",
        }
    }
}

/// Revenue per active partner within one tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierRevenue {
    pub tier: Tier,
    pub active: usize,
    /// (sourced + influenced) T12M of the tier's partners.
    pub revenue: i64,
    /// revenue / active; None with no active partner.
    pub per_active: Option<i64>,
}

/// Every metric, as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    #[serde(with = "super::dates::ymd")]
    pub today: NaiveDate,
    /// `T12M to Nov 2026`.
    pub window: String,
    pub metrics: Vec<Metric>,
    /// Revenue per active partner by tier, Registered first.
    pub per_tier: Vec<TierRevenue>,
    /// Company revenue months missing from the window ending today, oldest
    /// first (the shares need all twelve).
    pub company_revenue_missing: Vec<YearMonth>,
    /// The company's revenue by month as the book holds it, oldest first.
    pub company_revenue: Vec<CompanyMonth>,
}

/// A month of company revenue set (an amount) or cleared (None): what the
/// Program screen's form saves, and its undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthChange {
    pub month: YearMonth,
    pub amount: Option<i64>,
}

impl MonthChange {
    /// `company revenue of Nov 2026 set to $1.2M`, `… cleared`.
    #[must_use]
    pub fn what(&self, currency: &str) -> String {
        let month = self
            .month
            .first_day()
            .map_or_else(|| self.month.to_string(), month_year);
        match self.amount {
            Some(a) => format!("company revenue of {month} set to {}", money(a, currency)),
            None => format!("company revenue of {month} cleared"),
        }
    }
}

impl Report {
    /// The metric with this key.
    #[must_use]
    pub fn metric(&self, key: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.key == key)
    }
}

/// A partner the program counts: not archived, past `recruit`.
#[must_use]
pub fn counts(stage: Lifecycle, archived: bool) -> bool {
    !archived && stage != Lifecycle::Recruit
}

/// Activation: `active` of `partners`, floored whole percent (None with no
/// partner), and whether it meets the target.
#[must_use]
pub fn activation(active: usize, partners: usize, cfg: &ProgramConfig) -> (Option<u32>, bool) {
    let pct = super::format::percent_of(active, partners);
    (pct, pct.is_some_and(|p| p >= cfg.kpi.activation_target_pct))
}

/// The day a year before `day`.
#[must_use]
pub fn year_before(day: NaiveDate) -> NaiveDate {
    day.checked_sub_months(Months::new(12)).unwrap_or(day)
}

/// Won deals closed in the year up to `day` (after the same day a year
/// back): the partner is *active*.
#[must_use]
pub fn won_in_year(file: &PartnerFile, day: NaiveDate) -> usize {
    let from = year_before(day);
    file.deals
        .iter()
        .filter(|d| d.stage == DealStage::Won)
        .filter(|d| d.closed.is_some_and(|c| c > from && c <= day))
        .count()
}

/// `part` / `whole` in whole percent, floored; None when `whole` is 0.
fn pct(part: i64, whole: i64) -> Option<i64> {
    (whole > 0)
        .then(|| i64::try_from(i128::from(part) * 100 / i128::from(whole)).unwrap_or(i64::MAX))
}

/// One day's view of the book: who counts, their revenue and activity.
struct Day<'a> {
    on: NaiveDate,
    /// Files that count on `day` (not archived, signed, joined by then),
    /// with (sourced, influenced) T12M and won deals in the year.
    partners: Vec<(&'a PartnerFile, (i64, i64), usize)>,
    /// Company revenue over the twelve months, None when a month is missing.
    company: Option<i64>,
    missing: Vec<YearMonth>,
}

impl<'a> Day<'a> {
    /// The book as of `day`; a year back (`past`), only the partners that
    /// had joined by then count.
    fn of(files: &'a [PartnerFile], book: &Book, day: NaiveDate, past: bool) -> Day<'a> {
        let partners = files
            .iter()
            .filter(|f| counts(f.partner.lifecycle, f.partner.archived))
            .filter(|f| !past || joined(&f.partner, day) <= day)
            .map(|f| (f, twelve_months(f, YearMonth::of(day)), won_in_year(f, day)))
            .collect();
        let (company, missing) = company_twelve_months(&book.company_revenue, YearMonth::of(day));
        Day {
            on: day,
            partners,
            company,
            missing,
        }
    }

    fn sourced(&self) -> i64 {
        self.partners
            .iter()
            .fold(0_i64, |s, (_, (src, _), _)| s.saturating_add(*src))
    }

    fn revenue(&self) -> i64 {
        self.partners.iter().fold(0_i64, |s, (_, (src, inf), _)| {
            s.saturating_add(*src).saturating_add(*inf)
        })
    }

    fn active(&self) -> usize {
        self.partners.iter().filter(|(_, _, won)| *won > 0).count()
    }
}

/// The company's revenue over the twelve months ending `end`, and the
/// months of them the book lacks (the sum only when it has all twelve).
#[must_use]
pub fn company_twelve_months(
    months: &[CompanyMonth],
    end: YearMonth,
) -> (Option<i64>, Vec<YearMonth>) {
    let mut sum = 0_i64;
    let mut missing = Vec::new();
    for back in (0..12).rev() {
        let m = end.plus(-back);
        match months.iter().find(|c| c.month == m) {
            Some(c) => sum = sum.saturating_add(c.amount),
            None => missing.push(m),
        }
    }
    (missing.is_empty().then_some(sum), missing)
}

/// Every metric of the book as of `today`.
#[must_use]
pub fn report(book: &Book, today: NaiveDate, cfg: &ProgramConfig) -> Report {
    // Revenue is read as the health score reads it (from won deals when the
    // book records no revenue month).
    let coverage = Holdings::of_book(book).coverage();
    let files: Vec<PartnerFile> = book
        .partners
        .iter()
        .map(|f| as_scored(f, &coverage).into_owned())
        .collect();
    let year_ago = year_before(today);
    let now = Day::of(&files, book, today, false);
    let then = Day::of(&files, book, year_ago, true);
    let cur = cfg.currency.as_str();
    let metrics = vec![
        sourced_share(&now, &then, cfg),
        influenced_share(&now, &then, cfg),
        activation_metric(&now, &then, cfg),
        nps(&now, &then, cfg),
        revenue_per_active(&now, &then, cur),
        first_deal(&files, today, cfg),
        retention(&files, today, cfg),
        qbr_completion(&now, &then, cfg),
        mdf(&now, cfg),
    ];
    Report {
        today,
        window: format!("T12M to {}", month_year(today)),
        metrics,
        per_tier: per_tier(&now),
        company_revenue_missing: now.missing.clone(),
        company_revenue: book.company_revenue.clone(),
    }
}

/// `Jan 2026, Feb 2026 and 1 more`: missing months, briefly.
fn months_list(missing: &[YearMonth]) -> String {
    let shown: Vec<String> = missing
        .iter()
        .take(3)
        .filter_map(|m| m.first_day().map(month_year))
        .collect();
    match missing.len() {
        n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
        _ => shown.join(", "),
    }
}

/// A share of company revenue (the two revenue metrics).
struct Share {
    key: &'static str,
    title: &'static str,
    what: &'static str,
    formula: &'static str,
    range: [u32; 2],
}

fn share(
    s: &Share,
    part: (i64, i64),
    now: &Day<'_>,
    then: &Day<'_>,
    cfg: &ProgramConfig,
) -> Metric {
    let cur = cfg.currency.as_str();
    let [low, high] = s.range;
    let value = now.company.and_then(|c| pct(part.0, c));
    let year_ago = then.company.and_then(|c| pct(part.1, c));
    let target = format!("{low}-{high}%");
    let (basis, met, reason, note) = match (now.company, value) {
        (Some(company), Some(v)) => {
            let met = v >= i64::from(low);
            let side = if v > i64::from(high) {
                "; above the playbook's range"
            } else {
                ""
            };
            (
                format!("{} of {}", money(part.0, cur), money(company, cur)),
                Some(met),
                format!(
                    "{} {v}%: {} {} of {} company revenue, T12M; target {target}{side}",
                    s.what,
                    money(part.0, cur),
                    s.what,
                    money(company, cur)
                ),
                String::new(),
            )
        }
        _ => (
            money(part.0, cur),
            None,
            format!(
                "{} {} T12M, but the book lacks company revenue for {}: {ENTER_COMPANY_REVENUE}",
                money(part.0, cur),
                s.what,
                months_list(&now.missing)
            ),
            ENTER_COMPANY_REVENUE.to_string(),
        ),
    };
    Metric {
        key: s.key.into(),
        title: s.title.into(),
        unit: Unit::Percent,
        now: value,
        year_ago,
        basis,
        target,
        met,
        note,
        formula: s.formula.into(),
        reason,
        groups: people::by_revenue(now, s.key == "influenced_share", cur),
    }
}

fn sourced_share(now: &Day<'_>, then: &Day<'_>, cfg: &ProgramConfig) -> Metric {
    share(
        &Share {
            key: "sourced_share",
            title: "Partner-sourced revenue",
            what: "partner-sourced",
            formula: "sourced T12M / company revenue T12M",
            range: cfg.kpi.sourced_share_target_pct,
        },
        (now.sourced(), then.sourced()),
        now,
        then,
        cfg,
    )
}

fn influenced_share(now: &Day<'_>, then: &Day<'_>, cfg: &ProgramConfig) -> Metric {
    share(
        &Share {
            key: "influenced_share",
            title: "Partner-influenced revenue",
            what: "partner-involved",
            formula: "(sourced + influenced) T12M / company revenue T12M",
            range: cfg.kpi.influenced_share_target_pct,
        },
        (now.revenue(), then.revenue()),
        now,
        then,
        cfg,
    )
}

fn activation_metric(now: &Day<'_>, then: &Day<'_>, cfg: &ProgramConfig) -> Metric {
    let (active, all) = (now.active(), now.partners.len());
    let (value, met) = activation(active, all, cfg);
    let (year_ago, _) = activation(then.active(), then.partners.len(), cfg);
    let target = cfg.kpi.activation_target_pct;
    let reason = match value {
        Some(v) => format!(
            "activation {v}%: {active} of {} with a won deal in the last 12 months; target {target}%+",
            plural(i64::try_from(all).unwrap_or(0), "partner", "partners")
        ),
        None => "no signed partner yet (partners past recruit count)".to_string(),
    };
    Metric {
        key: "activation".into(),
        title: "Activation".into(),
        unit: Unit::Percent,
        now: value.map(i64::from),
        year_ago: year_ago.map(i64::from),
        basis: format!("{active} of {all} partners"),
        target: format!("{target}%+"),
        met: value.map(|_| met),
        note: String::new(),
        formula: "partners with 1+ won deal in T12M / partners (not archived, past recruit)".into(),
        reason,
        groups: people::activation(now),
    }
}

/// Each counted partner's latest NPS response in the year up to the day.
fn latest_nps<'a>(day: &Day<'a>) -> Vec<(&'a PartnerFile, Option<(NaiveDate, i32)>)> {
    let from = year_before(day.on);
    day.partners
        .iter()
        .map(|(f, _, _)| {
            let latest = f
                .nps
                .iter()
                .filter(|n| n.date > from && n.date <= day.on)
                .max_by_key(|n| n.date)
                .map(|n| (n.date, n.score));
            (*f, latest)
        })
        .collect()
}

/// The mean of the latest responses, rounded half up; with how many.
fn mean_nps(latest: &[(&PartnerFile, Option<(NaiveDate, i32)>)]) -> (Option<i64>, usize) {
    let scores: Vec<i64> = latest
        .iter()
        .filter_map(|(_, l)| l.map(|(_, s)| i64::from(s)))
        .collect();
    let n = i64::try_from(scores.len()).unwrap_or(0);
    let sum: i64 = scores.iter().sum();
    let mean = (n > 0).then(|| (2 * sum + n).div_euclid(2 * n));
    (mean, scores.len())
}

fn nps(now: &Day<'_>, then: &Day<'_>, cfg: &ProgramConfig) -> Metric {
    let latest = latest_nps(now);
    let (value, responses) = mean_nps(&latest);
    let (year_ago, _) = mean_nps(&latest_nps(then));
    let target = cfg.kpi.nps_target;
    let reason = match value {
        Some(v) => format!(
            "partner NPS {v}: the mean of the latest response of {} of {} partners in the last 12 months; target {target}+",
            responses,
            latest.len()
        ),
        None => "no partner answered an NPS survey in the last 12 months (add NPS responses on a partner, or partnerdeck import --csv nps FILE)".to_string(),
    };
    Metric {
        key: "nps".into(),
        title: "Partner NPS".into(),
        unit: Unit::Score,
        now: value,
        year_ago,
        basis: format!("mean of {responses} latest"),
        target: format!("{target}+"),
        met: value.map(|v| v >= i64::from(target)),
        note: String::new(),
        formula: "mean of each partner's latest NPS response of the last 12 months".into(),
        reason,
        groups: people::nps(&latest),
    }
}

fn per_active(revenue: i64, active: usize) -> Option<i64> {
    let n = i64::try_from(active).ok().filter(|n| *n > 0)?;
    Some((revenue + n / 2) / n)
}

fn per_tier(now: &Day<'_>) -> Vec<TierRevenue> {
    Tier::ALL
        .iter()
        .map(|&tier| {
            let of_tier = now
                .partners
                .iter()
                .filter(|(f, _, _)| f.partner.tier == tier);
            let active = of_tier.clone().filter(|(_, _, won)| *won > 0).count();
            let revenue = of_tier.fold(0_i64, |s, (_, (src, inf), _)| {
                s.saturating_add(*src).saturating_add(*inf)
            });
            TierRevenue {
                tier,
                active,
                revenue,
                per_active: per_active(revenue, active),
            }
        })
        .collect()
}

fn revenue_per_active(now: &Day<'_>, then: &Day<'_>, cur: &str) -> Metric {
    let value = per_active(now.revenue(), now.active());
    let year_ago = per_active(then.revenue(), then.active());
    let tiers: Vec<String> = per_tier(now)
        .iter()
        .rev()
        .filter_map(|t| {
            t.per_active
                .map(|v| format!("{} {}", t.tier.title(), money(v, cur)))
        })
        .collect();
    let met = match (value, year_ago) {
        (Some(v), Some(y)) => Some(v > y),
        (Some(_), None) => Some(true),
        _ => None,
    };
    let reason = match (value, year_ago) {
        (Some(v), Some(y)) => format!(
            "revenue per active partner {}: {} T12M over {} active partners, {} a year ago; target growing ({})",
            money(v, cur),
            money(now.revenue(), cur),
            now.active(),
            money(y, cur),
            tiers.join(", ")
        ),
        (Some(v), None) => format!(
            "revenue per active partner {}: {} T12M over {} active partners; none was active a year ago",
            money(v, cur),
            money(now.revenue(), cur),
            now.active()
        ),
        _ => "no active partner: none won a deal in the last 12 months".to_string(),
    };
    Metric {
        key: "revenue_per_active".into(),
        title: "Revenue per active partner".into(),
        unit: Unit::Money,
        now: value,
        year_ago,
        basis: match (value, tiers.first()) {
            (Some(v), Some(top)) => format!("{} ({top} …)", money(v, cur)),
            (Some(v), None) => money(v, cur),
            _ => String::new(),
        },
        target: "growing".into(),
        met,
        note: String::new(),
        formula: "(sourced + influenced) T12M / active partners, overall and per tier".into(),
        reason,
        groups: people::active_by_revenue(now, cur),
    }
}

fn first_deal(files: &[PartnerFile], today: NaiveDate, cfg: &ProgramConfig) -> Metric {
    let rules = &cfg.lifecycle;
    let now: TimeToFirstDeal = time_to_first_deal(files.iter(), today, rules);
    let year_ago = year_before(today);
    let then = time_to_first_deal(
        files
            .iter()
            .filter(|f| joined(&f.partner, year_ago) <= year_ago),
        year_ago,
        rules,
    );
    let limit = rules.first_deal_days;
    let past = if now.past_plan > 0 {
        format!("{} past {limit} days", now.past_plan)
    } else {
        String::new()
    };
    let reason = match now.median_days {
        Some(m) => format!(
            "time to first deal {}: the median over {} who joined in the last 12 months and won a deal; {} signed past {limit} days without one; target < {limit} days",
            plural(m, "day", "days"),
            plural(
                i64::try_from(now.partners).unwrap_or(0),
                "partner",
                "partners"
            ),
            now.past_plan
        ),
        None => format!(
            "no partner who joined in the last 12 months has won a deal yet; {} signed past {limit} days without one",
            now.past_plan
        ),
    };
    Metric {
        key: "time_to_first_deal".into(),
        title: "Time to first deal".into(),
        unit: Unit::Days,
        now: now.median_days,
        year_ago: then.median_days,
        basis: now.median_days.map_or_else(
            || "no first deal yet".to_string(),
            |m| format!("median {m} days ({})", now.partners),
        ),
        target: format!("< {limit}"),
        met: now.median_days.map(|m| m < limit),
        note: past,
        formula: "median days from joined to the first won deal, partners who joined in the last 12 months; partners past 90 days with none beside it".into(),
        reason,
        groups: people::first_deal(files, today, rules),
    }
}

/// Retention as of `day`: partners active a year earlier (archived since
/// or not) and how many of them are active on `day` and still in the program.
fn retained(files: &[PartnerFile], day: NaiveDate) -> (Vec<&PartnerFile>, Vec<&PartnerFile>) {
    let before = year_before(day);
    let was: Vec<&PartnerFile> = files
        .iter()
        .filter(|f| f.partner.lifecycle != Lifecycle::Recruit)
        .filter(|f| won_in_year(f, before) > 0)
        .collect();
    was.into_iter()
        .partition(|f| !f.partner.archived && won_in_year(f, day) > 0)
}

fn retention(files: &[PartnerFile], today: NaiveDate, cfg: &ProgramConfig) -> Metric {
    let (kept, lost) = retained(files, today);
    let (kept_then, lost_then) = retained(files, year_before(today));
    let whole = kept.len() + lost.len();
    let value = super::format::percent_of(kept.len(), whole).map(i64::from);
    let year_ago = super::format::percent_of(kept_then.len(), kept_then.len() + lost_then.len())
        .map(i64::from);
    let target = cfg.kpi.retention_target_pct;
    let reason = match value {
        Some(v) => format!(
            "retention {v}%: {} of {whole} partners active a year ago are active now; target {target}%+",
            kept.len()
        ),
        None => "no partner was active a year ago (a won deal in the 12 months before)".to_string(),
    };
    Metric {
        key: "retention".into(),
        title: "Retention".into(),
        unit: Unit::Percent,
        now: value,
        year_ago,
        basis: format!("{} of {whole} active", kept.len()),
        target: format!("{target}%+"),
        met: value.map(|v| v >= i64::from(target)),
        note: String::new(),
        formula: "partners active a year ago that are active now / partners active a year ago"
            .into(),
        reason,
        groups: people::retention(&kept, &lost, today),
    }
}

fn completion(day: &Day<'_>, cfg: &ProgramConfig) -> Completion {
    Completion::of(
        day.partners
            .iter()
            .map(|(f, _, _)| tally(&f.qbrs, day.on, cfg)),
        cfg,
    )
}

fn qbr_completion(now: &Day<'_>, then: &Day<'_>, cfg: &ProgramConfig) -> Metric {
    let c = completion(now, cfg);
    let y = completion(then, cfg);
    let target = c.target_percent;
    let due = c.held + c.missed;
    let reason = match c.percent {
        Some(p) => format!(
            "QBR completion {p}%: {} of {due} QBRs due in the last {} quarters were held; target {target}%+",
            c.held, cfg.qbr.kpi_quarters
        ),
        None => format!(
            "no QBR was due in the last {} quarters",
            cfg.qbr.kpi_quarters
        ),
    };
    Metric {
        key: "qbr_completion".into(),
        title: "QBR completion".into(),
        unit: Unit::Percent,
        now: c.percent.map(i64::from),
        year_ago: y.percent.map(i64::from),
        basis: format!("{} of {due}", c.held),
        target: format!("{target}%+"),
        met: c.percent.map(|p| p >= target),
        note: String::new(),
        formula: "QBRs held / QBRs held or missed, this quarter and the 3 before".into(),
        reason,
        groups: people::qbrs(now, cfg),
    }
}

fn mdf(now: &Day<'_>, cfg: &ProgramConfig) -> Metric {
    let cur = cfg.currency.as_str();
    let year = now.on.year();
    let (mut used, mut allotted, mut used_before, mut allotted_before) =
        (0_i64, 0_i64, 0_i64, 0_i64);
    for (f, _, _) in &now.partners {
        let annual = cfg.mdf.of(f.partner.tier).map_or(0, |a| a.annual);
        used = used.saturating_add(super::mdf::spent_in_year(f, year));
        used_before = used_before.saturating_add(super::mdf::spent_in_year(f, year - 1));
        allotted = allotted.saturating_add(annual);
        allotted_before = allotted_before.saturating_add(annual);
    }
    let value = pct(used, allotted);
    let target = cfg.mdf.utilization_target_pct;
    let unaccounted = people::without_results(now, cfg);
    let spent_without = unaccounted.partners.len();
    let reason = match value {
        Some(v) => format!(
            "MDF utilization {v}%: {} of {} allotted used in {year}; target {target}%+; {}",
            money(used, cur),
            money(allotted, cur),
            if spent_without == 0 {
                "every spent campaign reports results".to_string()
            } else {
                format!(
                    "{} spent without results (MDF without accountability)",
                    plural(
                        i64::try_from(spent_without).unwrap_or(0),
                        "campaign",
                        "campaigns"
                    )
                )
            }
        ),
        None => "no partner's tier has MDF (Silver and up)".to_string(),
    };
    Metric {
        key: "mdf_utilization".into(),
        title: "MDF utilization".into(),
        unit: Unit::Percent,
        now: value,
        year_ago: pct(used_before, allotted_before),
        basis: format!("{} of {} allotted", money(used, cur), money(allotted, cur)),
        target: format!("{target}%+"),
        met: value.map(|v| v >= i64::from(target)),
        note: if spent_without == 0 {
            String::new()
        } else {
            format!("{spent_without} spent without results")
        },
        formula: "MDF spent this year / the tiers' annual allotments; campaigns spent without results beside it".into(),
        reason,
        groups: vec![unaccounted, people::mdf_standing(now, cfg)],
    }
}

#[cfg(test)]
mod tests;
