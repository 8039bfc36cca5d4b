//! The Co-Marketing Investment Formula (docs/rules.md, "Co-marketing
//! budget"): suggested budget = tier base × pipeline potential × strategic
//! value, each factor shown with where it comes from.

use chrono::NaiveDate;
use serde::Serialize;

use super::book::{DealStage, PartnerFile};
use super::commission::exact;
use super::config::ProgramConfig;
use super::dates::add_days;
use super::format::money;
use super::matrix::strategic_value;

/// A suggested co-marketing budget and its three factors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The tier's quarterly MDF cap (0 for Registered).
    pub tier_base: i64,
    /// 0.5-2× from won / (won + lost) deals closed in the last 12 months.
    pub pipeline_potential: f64,
    pub won: usize,
    pub lost: usize,
    /// 0.8-1.5× from the value matrix's strategic score.
    pub strategic_value: f64,
    /// 0-100.
    pub strategic_score: u32,
    /// What the score is made of: `strong fit 60 + technology 20, no
    /// executive sponsor`.
    pub strategic_parts: String,
    /// Tier base × both factors, rounded to a whole unit.
    pub amount: i64,
    /// `$10K Gold base × 1.4 lead quality (won 60% of closed deals) × 1.2
    /// strategic value (57) = $16,800`.
    pub text: String,
}

/// Round a factor to two decimals (as it is shown and multiplied).
fn two_places(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `1.4`, `1.25`, `1`.
fn factor(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The suggestion for a campaign with `file`'s partner on `today`.
#[must_use]
#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
pub fn suggest(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> Suggestion {
    let rules = &cfg.budget;
    let tier = file.partner.tier;
    let tier_base = cfg.mdf.of(tier).map_or(0, |a| a.quarterly_cap);
    let since = add_days(today, -365);
    let closed = |stage: DealStage| {
        file.deals
            .iter()
            .filter(|d| d.stage == stage)
            .filter(|d| d.closed.is_some_and(|c| c > since && c <= today))
            .count()
    };
    let (won, lost) = (closed(DealStage::Won), closed(DealStage::Lost));
    let (pipeline_potential, quality) = if won + lost == 0 {
        (
            two_places(rules.pipeline_none),
            "no deal closed in 12 months".to_string(),
        )
    } else {
        let rate = won as f64 / (won + lost) as f64;
        (
            two_places(rules.pipeline_min + rules.pipeline_span * rate),
            format!("won {}% of closed deals", (rate * 100.0).floor() as i64),
        )
    };
    let value = strategic_value(&file.partner, &file.contacts, &cfg.matrix);
    let score = value.points.min(100);
    let strategic =
        two_places(rules.strategic_min + rules.strategic_span * f64::from(score) / 100.0);
    let amount = (tier_base as f64 * pipeline_potential * strategic).round() as i64;
    let cur = cfg.currency.as_str();
    let text = if tier_base == 0 {
        format!(
            "{} partners have no MDF: no budget to suggest",
            tier.title()
        )
    } else {
        format!(
            "{} {} base × {} lead quality ({quality}) × {} strategic value ({score}) = {}",
            money(tier_base, cur),
            tier.title(),
            factor(pipeline_potential),
            factor(strategic),
            exact(amount, cur)
        )
    };
    Suggestion {
        tier_base,
        pipeline_potential,
        won,
        lost,
        strategic_value: strategic,
        strategic_score: score,
        strategic_parts: value.parts(),
        amount,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Attribution, ContactRole, PartnerType, StrategicFit, Tier};
    use crate::domain::testing::{
        FileBuilder, cfg, contact, date, days_ago, deal, partner_file, today,
    };

    fn closed(stage: DealStage, on: NaiveDate) -> crate::domain::book::Deal {
        let mut d = deal(date(2025, 6, 1));
        d.stage = stage;
        d.closed = Some(on);
        d.attribution = Attribution::Sourced;
        d
    }

    fn gold() -> PartnerFile {
        let mut f = partner_file("Kestrel");
        f.partner.tier = Tier::Gold;
        f
    }

    #[test]
    fn no_closed_deals_is_one_and_the_factors_are_shown() {
        // Weak fit 10 + technology 20 = 30 → 0.8 + 0.7 × 0.3 = 1.01.
        let s = suggest(&gold(), today(), &cfg());
        assert!((s.pipeline_potential - 1.0).abs() < 1e-9);
        assert_eq!(s.strategic_score, 30);
        assert_eq!(s.amount, 10_100);
        assert_eq!(
            s.text,
            "$10K Gold base × 1 lead quality (no deal closed in 12 months) × 1.01 strategic value (30) = $10,100"
        );
    }

    #[test]
    fn lead_quality_runs_from_half_to_double() {
        let mut f = gold()
            .with_deal(closed(DealStage::Won, days_ago(10)))
            .with_deal(closed(DealStage::Won, days_ago(20)))
            .with_deal(closed(DealStage::Won, days_ago(30)))
            .with_deal(closed(DealStage::Lost, days_ago(40)))
            .with_deal(closed(DealStage::Lost, days_ago(50)))
            // Closed more than a year ago: not counted.
            .with_deal(closed(DealStage::Lost, days_ago(400)));
        let s = suggest(&f, today(), &cfg());
        assert_eq!((s.won, s.lost), (3, 2));
        assert!((s.pipeline_potential - 1.4).abs() < 1e-9);
        assert!(
            s.text
                .contains("× 1.4 lead quality (won 60% of closed deals)")
        );
        f.deals.retain(|d| d.stage == DealStage::Won);
        assert!((suggest(&f, today(), &cfg()).pipeline_potential - 2.0).abs() < 1e-9);
        let lost_only = gold().with_deal(closed(DealStage::Lost, days_ago(5)));
        assert!((suggest(&lost_only, today(), &cfg()).pipeline_potential - 0.5).abs() < 1e-9);
    }

    #[test]
    fn strategic_value_0_is_0_8_and_100_is_1_5() {
        let mut low = gold();
        low.partner.kind = Some(PartnerType::Referral);
        let mut c = cfg();
        c.matrix.fit.weak = 0;
        let s = suggest(&low, today(), &c);
        assert_eq!(s.strategic_score, 0);
        assert!((s.strategic_value - 0.8).abs() < 1e-9);
        assert_eq!(s.amount, 8_000);
        let mut high = gold().with_contact(contact("Ana", ContactRole::ExecutiveSponsor));
        high.partner.kind = Some(PartnerType::Strategic);
        high.partner.fit = StrategicFit::Strong;
        let s = suggest(&high, today(), &cfg());
        assert_eq!(s.strategic_score, 100);
        assert!((s.strategic_value - 1.5).abs() < 1e-9);
        assert_eq!(s.amount, 15_000);
    }

    #[test]
    fn a_registered_partner_has_nothing_to_suggest() {
        let s = suggest(&partner_file("New"), today(), &cfg());
        assert_eq!(s.amount, 0);
        assert_eq!(
            s.text,
            "Registered partners have no MDF: no budget to suggest"
        );
    }
}
