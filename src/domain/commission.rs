//! Commissions (docs/rules.md, "Commissions"): what a partner earns on its
//! won deals, each payment with the arithmetic a finance person checks by
//! hand.
//!
//! A won deal with a value and a closed date earns by the model config
//! gives the partner's type (`[commissions.types]`, else the tier rate):
//! `tier_rate` (the rate of the partner's tier at close, once, at close),
//! `one_time` (a fixed % of first-year value, at close), `recurring` (a % of
//! value / 12 each month for N months, the first at close) or `tiered` (a
//! volume ladder over the partner's won value in the calendar year: each
//! deal earns the brackets its value fills, in the order deals closed). An
//! influenced deal earns `influenced_share_pct` of the sourced amount.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::book::{Attribution, DealStage, PartnerFile, Tier};
use super::config::{Bracket, CommissionModel, ProgramConfig};
use super::format::{money, thousands};

/// The models, as JSON and CSV write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    TierRate,
    OneTime,
    Recurring,
    Tiered,
}

impl Model {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Model::TierRate => "tier_rate",
            Model::OneTime => "one_time",
            Model::Recurring => "recurring",
            Model::Tiered => "tiered",
        }
    }
}

/// One amount that falls due to a partner for one deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Payment {
    pub partner_id: i64,
    pub partner: String,
    pub deal_id: i64,
    pub deal: String,
    pub closed: NaiveDate,
    /// When it falls due: the close date, or (recurring) a month after the
    /// payment before it.
    pub due: NaiveDate,
    pub attribution: Attribution,
    /// The deal's value (ARR).
    pub value: i64,
    pub model: Model,
    /// The rate applied to the deal, after the influenced share (12.5 for
    /// half of 25%); for a ladder, the value-weighted rate of its brackets.
    pub rate_pct: f64,
    /// Whole units of the book's currency, rounded half away from zero.
    pub amount: i64,
    /// `Gold 20% of $100,000 = $20,000`.
    pub arithmetic: String,
    /// What the payment is grouped under in a summary: `Gold 20%`.
    #[serde(skip)]
    pub basis: String,
    /// `[3, 24]`: the third of 24 monthly payments (recurring only).
    pub installment: Option<[u32; 2]>,
}

/// The tier a partner held on `day`: the tier its first later tier change
/// moved it from, else the tier it holds.
#[must_use]
pub fn tier_on(file: &PartnerFile, day: NaiveDate) -> Tier {
    file.tier_changes
        .iter()
        .find(|t| t.date > day)
        .map_or(file.partner.tier, |t| t.from)
}

/// A percentage as basis points (12.5% → 1250).
#[allow(clippy::cast_possible_truncation)]
fn basis_points(pct: f64) -> i128 {
    (pct * 100.0).round() as i128
}

/// `20%`, `12.5%`.
fn pct_text(bp: i128) -> String {
    if bp % 100 == 0 {
        format!("{}%", bp / 100)
    } else {
        let s = format!("{:.2}", pct_of(bp));
        format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// A tier's `tier_rate` as the benefits matrix shows it: `20%`.
#[must_use]
pub fn tier_rate_text(tier: Tier, cfg: &ProgramConfig) -> String {
    pct_text(basis_points(cfg.commissions.tier_rate_pct.of(tier)))
}

/// `numerator / denominator` rounded half away from zero.
fn div_round(numerator: i128, denominator: i128) -> i64 {
    let half = denominator / 2;
    let q = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

/// `$20,000`, `-$1,200`: an exact amount, as a statement writes it.
#[must_use]
pub fn exact(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{currency}{}", thousands(amount.unsigned_abs()))
}

/// How an influenced deal's share reads: `half`, `40%`.
fn share_text(share: u32) -> String {
    if share == 50 {
        "half".to_string()
    } else {
        format!("{share}%")
    }
}

/// A rate in percent from basis points (1250 → 12.5).
#[allow(clippy::cast_precision_loss)] // a rate is far below 2^52
fn pct_of(bp: i128) -> f64 {
    bp as f64 / 100.0
}

/// One won deal as the models read it.
struct Won<'a> {
    base: Payment,
    /// The share of the sourced amount it earns, in percent (100 sourced).
    scale: i128,
    cfg: &'a ProgramConfig,
}

impl Won<'_> {
    fn influenced(&self) -> bool {
        self.base.attribution == Attribution::Influenced
    }

    fn cur(&self) -> &str {
        &self.cfg.currency
    }

    /// A rate after the influenced share, in basis points.
    fn applied(&self, bp: i128) -> i128 {
        bp * self.scale / 100
    }

    /// `Gold 20%`, or `influenced: half of Gold 20% = 10%`.
    fn rate_words(&self, bp: i128, label: &str) -> String {
        if self.influenced() {
            format!(
                "influenced: {} of {label} {} = {}",
                share_text(self.cfg.commissions.influenced_share_pct),
                pct_text(bp),
                pct_text(self.applied(bp))
            )
        } else {
            format!("{label} {}", pct_text(bp))
        }
    }

    /// Once, at close: the tier rate or a one-time fee.
    fn once(self, bp: i128, label: &str, model: Model) -> Payment {
        let value = self.base.value;
        let amount = div_round(i128::from(value) * bp * self.scale, 10_000 * 100);
        let of = if model == Model::OneTime {
            "of first-year"
        } else {
            "of"
        };
        Payment {
            model,
            rate_pct: pct_of(self.applied(bp)),
            amount,
            arithmetic: format!(
                "{} {of} {} = {}",
                self.rate_words(bp, label),
                exact(value, self.cur()),
                exact(amount, self.cur())
            ),
            basis: format!("{label} {}", pct_text(bp)),
            ..self.base
        }
    }

    /// Value / 12 × the rate, each month for `months` months from close.
    /// Each payment is the rounded running total less the one before, so
    /// the payments add up to the exact total.
    fn monthly(&self, bp: i128, months: u32) -> Vec<Payment> {
        let value = self.base.value;
        let whole = i128::from(value) * bp * self.scale;
        let unit = 12 * 10_000 * 100;
        (0..months)
            .map(|i| {
                let amount = div_round(whole * i128::from(i + 1), unit)
                    - div_round(whole * i128::from(i), unit);
                Payment {
                    due: self
                        .base
                        .closed
                        .checked_add_months(Months::new(i))
                        .unwrap_or(NaiveDate::MAX),
                    model: Model::Recurring,
                    rate_pct: pct_of(self.applied(bp)),
                    amount,
                    arithmetic: format!(
                        "{} of {} / 12 = {}, month {} of {months}",
                        self.rate_words(bp, "recurring"),
                        exact(value, self.cur()),
                        exact(amount, self.cur()),
                        i + 1
                    ),
                    basis: format!("recurring {} × {months} months", pct_text(bp)),
                    installment: Some([i + 1, months]),
                    ..self.base.clone()
                }
            })
            .collect()
    }

    /// The part of the year's ladder from `before` to `before` + value.
    fn laddered(self, ladder: &[Bracket], before: i64) -> Payment {
        let (value, year) = (self.base.value, self.base.closed.year());
        let after = before.saturating_add(value);
        let parts = brackets_filled(ladder, before, after);
        let full: i128 = parts.iter().map(|(n, bp)| i128::from(*n) * bp).sum();
        let amount = div_round(full * self.scale, 10_000 * 100);
        let filled: Vec<String> = parts
            .iter()
            .map(|(n, bp)| format!("{} at {}", exact(*n, self.cur()), pct_text(*bp)))
            .collect();
        let share_part = if self.influenced() {
            format!(
                " × {} (influenced)",
                share_text(self.cfg.commissions.influenced_share_pct)
            )
        } else {
            String::new()
        };
        let low = ladder.first().map_or(0, |b| basis_points(b.rate_pct));
        let high = ladder.last().map_or(0, |b| basis_points(b.rate_pct));
        // The brackets' rate on this deal, in basis points.
        let average = if value == 0 {
            0
        } else {
            full * self.scale / 100 / i128::from(value)
        };
        Payment {
            model: Model::Tiered,
            rate_pct: pct_of(average),
            amount,
            arithmetic: format!(
                "{year} volume {} → {}: {}{share_part} = {}",
                exact(before, self.cur()),
                exact(after, self.cur()),
                filled.join(" + "),
                exact(amount, self.cur())
            ),
            basis: format!("volume ladder {}-{}", pct_text(low), pct_text(high)),
            ..self.base
        }
    }
}

/// Every payment a partner's won deals earn, ever, in due order.
#[must_use]
pub fn payments(file: &PartnerFile, cfg: &ProgramConfig) -> Vec<Payment> {
    let rules = &cfg.commissions;
    let model = rules.model(file.partner.kind);
    let mut won: Vec<(&super::book::Deal, NaiveDate, i64)> = file
        .deals
        .iter()
        .filter(|d| d.stage == DealStage::Won)
        .filter_map(|d| Some((d, d.closed?, d.value?)))
        .collect();
    won.sort_by_key(|(d, closed, _)| (*closed, d.id));
    let mut out = Vec::new();
    // The year's won value so far, for a ladder: (year, total).
    let mut volume: (i32, i64) = (0, 0);
    for (deal, closed, value) in won {
        let w = Won {
            base: Payment {
                partner_id: file.partner.id,
                partner: file.partner.name.clone(),
                deal_id: deal.id,
                deal: deal.name.clone(),
                closed,
                due: closed,
                attribution: deal.attribution,
                value,
                model: Model::TierRate,
                rate_pct: 0.0,
                amount: 0,
                arithmetic: String::new(),
                basis: String::new(),
                installment: None,
            },
            scale: if deal.attribution == Attribution::Influenced {
                i128::from(rules.influenced_share_pct)
            } else {
                100
            },
            cfg,
        };
        match model {
            CommissionModel::TierRate => {
                let tier = tier_on(file, closed);
                let bp = basis_points(rules.tier_rate_pct.of(tier));
                out.push(w.once(bp, tier.title(), Model::TierRate));
            }
            CommissionModel::OneTime { rate_pct } => {
                out.push(w.once(basis_points(*rate_pct), "one-time", Model::OneTime));
            }
            CommissionModel::Recurring { rate_pct, months } => {
                out.extend(w.monthly(basis_points(*rate_pct), *months));
            }
            CommissionModel::Tiered { ladder } => {
                if volume.0 != closed.year() {
                    volume = (closed.year(), 0);
                }
                let before = volume.1;
                volume.1 = before.saturating_add(value);
                out.push(w.laddered(ladder, before));
            }
        }
    }
    out.sort_by_key(|p| (p.due, p.deal_id, p.installment));
    out
}

/// The parts of `[before, after)` of a year's volume each bracket holds,
/// with the bracket's rate in basis points (empty parts left out).
fn brackets_filled(ladder: &[Bracket], before: i64, after: i64) -> Vec<(i64, i128)> {
    let mut out = Vec::new();
    for (i, b) in ladder.iter().enumerate() {
        let end = ladder.get(i + 1).map_or(i64::MAX, |n| n.from);
        let lo = before.max(b.from);
        let hi = after.min(end);
        if hi > lo {
            out.push((hi - lo, basis_points(b.rate_pct)));
        }
    }
    out
}

/// Payments due from `from` to `to`, both days included.
#[must_use]
pub fn due_between(payments: Vec<Payment>, from: NaiveDate, to: NaiveDate) -> Vec<Payment> {
    payments
        .into_iter()
        .filter(|p| p.due >= from && p.due <= to)
        .collect()
}

/// The first day of the trailing 12 months ending with `today`'s month.
#[must_use]
pub fn t12m_start(today: NaiveDate) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    first.checked_sub_months(Months::new(11)).unwrap_or(first)
}

/// A partner's commission over a period, with its arithmetic by basis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Earned {
    pub total: i64,
    pub payments: usize,
    /// `Gold 20%: sourced $100K → $20,000; influenced $40K at half rate → $4,000`.
    pub lines: Vec<String>,
    /// Won deals with no value recorded: nothing is due on them yet.
    pub without_value: usize,
}

/// What a partner earned from `from` to `to` (the partner detail shows the
/// trailing 12 months).
#[must_use]
pub fn earned(file: &PartnerFile, from: NaiveDate, to: NaiveDate, cfg: &ProgramConfig) -> Earned {
    let due = due_between(payments(file, cfg), from, to);
    let cur = cfg.currency.as_str();
    let share = share_text(cfg.commissions.influenced_share_pct);
    let mut bases: Vec<&str> = Vec::new();
    for p in &due {
        if !bases.contains(&p.basis.as_str()) {
            bases.push(&p.basis);
        }
    }
    let lines = bases
        .iter()
        .map(|basis| {
            let parts: Vec<String> = [Attribution::Sourced, Attribution::Influenced]
                .iter()
                .filter_map(|attr| {
                    let of: Vec<&Payment> = due
                        .iter()
                        .filter(|p| p.basis == *basis && p.attribution == *attr)
                        .collect();
                    if of.is_empty() {
                        return None;
                    }
                    let mut deals: Vec<(i64, i64)> =
                        of.iter().map(|p| (p.deal_id, p.value)).collect();
                    deals.sort_unstable();
                    deals.dedup();
                    let value: i64 = deals.iter().map(|(_, v)| v).sum();
                    let amount: i64 = of.iter().map(|p| p.amount).sum();
                    let monthly = if of.iter().any(|p| p.installment.is_some()) {
                        format!(" ({} monthly payments)", of.len())
                    } else {
                        String::new()
                    };
                    let rate = if *attr == Attribution::Influenced {
                        format!(" at {share} rate")
                    } else {
                        String::new()
                    };
                    Some(format!(
                        "{attr} {}{monthly}{rate} → {}",
                        money(value, cur),
                        exact(amount, cur)
                    ))
                })
                .collect();
            format!("{basis}: {}", parts.join("; "))
        })
        .collect();
    let without_value = file
        .deals
        .iter()
        .filter(|d| d.stage == DealStage::Won && d.value.is_none())
        .filter(|d| d.closed.is_some_and(|c| c >= from && c <= to))
        .count();
    Earned {
        total: due.iter().map(|p| p.amount).sum(),
        payments: due.len(),
        lines,
        without_value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{PartnerType, TierChange};
    use crate::domain::testing::{FileBuilder, cfg, date, deal, partner_file};

    fn won(value: i64, closed: NaiveDate, attribution: Attribution) -> crate::domain::book::Deal {
        let mut d = deal(date(2026, 1, 5));
        d.value = Some(value);
        d.stage = DealStage::Won;
        d.closed = Some(closed);
        d.attribution = attribution;
        d
    }

    fn of_type(kind: PartnerType, tier: Tier) -> PartnerFile {
        let mut f = partner_file("Kestrel");
        f.partner.kind = Some(kind);
        f.partner.tier = tier;
        f
    }

    #[test]
    fn a_gold_partner_earns_its_tier_rate_and_half_on_influenced_deals() {
        let f = of_type(PartnerType::Reseller, Tier::Gold)
            .with_deal(won(100_000, date(2026, 3, 2), Attribution::Sourced))
            .with_deal(won(40_000, date(2026, 4, 9), Attribution::Influenced));
        let p = payments(&f, &cfg());
        assert_eq!(p[0].arithmetic, "Gold 20% of $100,000 = $20,000");
        assert_eq!(
            p[1].arithmetic,
            "influenced: half of Gold 20% = 10% of $40,000 = $4,000"
        );
        let e = earned(&f, date(2026, 1, 1), date(2026, 12, 31), &cfg());
        assert_eq!(e.total, 24_000);
        assert_eq!(
            e.lines,
            ["Gold 20%: sourced $100K → $20,000; influenced $40K at half rate → $4,000"]
        );
    }

    #[test]
    fn the_tier_rate_is_the_tier_held_at_close() {
        let mut f = of_type(PartnerType::Reseller, Tier::Gold).with_deal(won(
            10_000,
            date(2026, 2, 1),
            Attribution::Sourced,
        ));
        f.tier_changes.push(TierChange {
            id: 1,
            from: Tier::Silver,
            to: Tier::Gold,
            date: date(2026, 6, 1),
            reason: String::new(),
            provisional: false,
        });
        let p = payments(&f, &cfg());
        assert_eq!(p[0].amount, 1_500);
        assert_eq!(p[0].arithmetic, "Silver 15% of $10,000 = $1,500");
    }

    /// The seed's scenario 1: a referral fee of 20% of first-year value.
    #[test]
    fn scenario_1_simple_referral() {
        let f = of_type(PartnerType::Referral, Tier::Silver).with_deal(won(
            24_000,
            date(2026, 5, 4),
            Attribution::Sourced,
        ));
        let p = payments(&f, &cfg());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].amount, 4_800);
        assert_eq!(p[0].due, date(2026, 5, 4));
        assert_eq!(
            p[0].arithmetic,
            "one-time 20% of first-year $24,000 = $4,800"
        );
    }

    /// The seed's scenario 2: 15% revenue share for 24 months.
    #[test]
    fn scenario_2_recurring_revenue_share() {
        let f = of_type(PartnerType::Affiliate, Tier::Silver).with_deal(won(
            24_000,
            date(2026, 1, 31),
            Attribution::Sourced,
        ));
        let p = payments(&f, &cfg());
        assert_eq!(p.len(), 24);
        assert!(p.iter().all(|x| x.amount == 300));
        assert_eq!(p.iter().map(|x| x.amount).sum::<i64>(), 7_200);
        let year1: i64 = due_between(p.clone(), date(2026, 1, 1), date(2026, 12, 31))
            .iter()
            .map(|x| x.amount)
            .sum();
        assert_eq!(year1, 3_600);
        let e = earned(&f, date(2026, 1, 1), date(2026, 12, 31), &cfg());
        assert_eq!(
            e.lines,
            ["recurring 15% × 24 months: sourced $24K (12 monthly payments) → $3,600"]
        );
        // Month ends stay month ends: 31 Jan, 28 Feb, …; the last falls
        // due 23 months after close.
        assert_eq!(p[1].due, date(2026, 2, 28));
        assert_eq!(p[23].due, date(2027, 12, 31));
        assert_eq!(
            p[2].arithmetic,
            "recurring 15% of $24,000 / 12 = $300, month 3 of 24"
        );
    }

    /// The seed's scenario 3: a volume ladder over $400,000 in a year.
    #[test]
    fn scenario_3_tiered_commission() {
        let f = of_type(PartnerType::Oem, Tier::Gold)
            .with_deal(won(80_000, date(2026, 2, 1), Attribution::Sourced))
            .with_deal(won(70_000, date(2026, 5, 1), Attribution::Sourced))
            .with_deal(won(250_000, date(2026, 9, 1), Attribution::Sourced));
        let p = payments(&f, &cfg());
        assert_eq!(p.iter().map(|x| x.amount).sum::<i64>(), 102_500);
        assert_eq!(
            p[1].arithmetic,
            "2026 volume $80,000 → $150,000: $20,000 at 20% + $50,000 at 25% = $16,500"
        );
        assert_eq!(
            p[2].arithmetic,
            "2026 volume $150,000 → $400,000: $100,000 at 25% + $150,000 at 30% = $70,000"
        );
        // One deal of $400,000 earns the same.
        let one = of_type(PartnerType::Oem, Tier::Gold).with_deal(won(
            400_000,
            date(2026, 2, 1),
            Attribution::Sourced,
        ));
        assert_eq!(payments(&one, &cfg())[0].amount, 102_500);
        // A new year starts the ladder again.
        let next = f.with_deal(won(10_000, date(2027, 1, 4), Attribution::Sourced));
        assert_eq!(payments(&next, &cfg())[3].amount, 2_000);
    }

    /// The seed's scenario 4: an influenced deal at half the sourced rate.
    #[test]
    fn scenario_4_influenced_deal() {
        let f = of_type(PartnerType::Reseller, Tier::Platinum).with_deal(won(
            100_000,
            date(2026, 7, 1),
            Attribution::Influenced,
        ));
        let p = payments(&f, &cfg());
        assert_eq!(p[0].amount, 12_500);
        assert!((p[0].rate_pct - 12.5).abs() < f64::EPSILON);
        assert_eq!(
            p[0].arithmetic,
            "influenced: half of Platinum 25% = 12.5% of $100,000 = $12,500"
        );
    }

    #[test]
    fn deals_without_a_value_or_not_won_earn_nothing() {
        let mut none = won(0, date(2026, 3, 1), Attribution::Sourced);
        none.value = None;
        let mut lost = won(50_000, date(2026, 3, 1), Attribution::Sourced);
        lost.stage = DealStage::Lost;
        let f = of_type(PartnerType::Reseller, Tier::Gold)
            .with_deal(none)
            .with_deal(lost);
        assert!(payments(&f, &cfg()).is_empty());
        let e = earned(&f, date(2026, 1, 1), date(2026, 12, 31), &cfg());
        assert_eq!((e.total, e.without_value), (0, 1));
    }

    #[test]
    fn the_period_includes_both_ends() {
        let f = of_type(PartnerType::Reseller, Tier::Gold)
            .with_deal(won(10_000, date(2026, 10, 1), Attribution::Sourced))
            .with_deal(won(10_000, date(2026, 12, 31), Attribution::Sourced));
        let e = earned(&f, date(2026, 10, 1), date(2026, 12, 31), &cfg());
        assert_eq!(e.payments, 2);
        let e = earned(&f, date(2026, 10, 2), date(2026, 12, 30), &cfg());
        assert_eq!(e.payments, 0);
        assert_eq!(t12m_start(date(2026, 11, 25)), date(2025, 12, 1));
    }
}
