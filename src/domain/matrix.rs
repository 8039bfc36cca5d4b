//! The Partner Value Matrix, from the playbook's "Core Frameworks": every
//! partner placed by revenue (x) against strategic value (y), in one of four
//! quadrants.
//!
//! ```text
//!   HIGH STRATEGIC VALUE
//!   Technology Partners · invest       │ Strategic Alliances · core
//!   ───────────────────────────────────┼───────────────────────────────
//!   Affiliate Partners · automate      │ Channel Partners · harvest
//!   LOW STRATEGIC VALUE   LOW REVENUE ◄──► HIGH REVENUE
//! ```
//!
//! **Revenue** is the trailing-12-month sourced + influenced revenue the
//! health score already uses. It is *high* at or above `matrix.high_revenue`
//! (default $100K, the Gold tier's ARR bar). A fixed line rather than the
//! book's median: a partner then changes quadrant only because its own
//! numbers changed, never because another partner grew, and the reason can
//! name the line ("revenue $450K ≥ $100K").
//!
//! **Strategic value** is this program's own measure (docs/rules.md,
//! "Partner Value Matrix"): 0-100 points from what the book records about a
//! partner besides its money, each weight in `[matrix]` of the program
//! config:
//!
//! - *strategic fit* (strong 60, moderate 35, weak 10): the manager's own
//!   judgement of strategic alignment, the one field that says "strategic"
//!   directly, so it weighs most;
//! - *partner type* (strategic 25, technology and OEM 20, SI 15, reseller 5,
//!   referral and affiliate 0): the playbook's matrix itself puts
//!   integrations high and lead generation and resale low;
//! - *an active executive-sponsor contact* (15): joint go-to-market needs
//!   the relationship to reach the top.
//!
//! It is *high* at or above `matrix.high_value` (default 50), so a strong fit
//! alone is enough, a moderate fit needs an integration-type partner or an
//! executive sponsor, and a weak fit almost never is.

use serde::{Deserialize, Serialize};

use super::book::{Contact, ContactRole, Partner, PartnerFile, PartnerType, StrategicFit};
use super::config::MatrixRules;
use super::format::money;

/// A quadrant of the matrix, in reading order: top-left, top-right,
/// bottom-left, bottom-right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High strategic value, low revenue.
    TechnologyPartners,
    /// High strategic value, high revenue.
    StrategicAlliances,
    /// Low strategic value, low revenue.
    AffiliatePartners,
    /// Low strategic value, high revenue.
    ChannelPartners,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::TechnologyPartners,
        Quadrant::StrategicAlliances,
        Quadrant::AffiliatePartners,
        Quadrant::ChannelPartners,
    ];

    /// The quadrant of a high or low revenue and strategic value.
    #[must_use]
    pub fn of(high_revenue: bool, high_value: bool) -> Quadrant {
        match (high_value, high_revenue) {
            (true, false) => Quadrant::TechnologyPartners,
            (true, true) => Quadrant::StrategicAlliances,
            (false, false) => Quadrant::AffiliatePartners,
            (false, true) => Quadrant::ChannelPartners,
        }
    }

    /// The quadrant as the playbook's matrix names it.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Quadrant::TechnologyPartners => "Technology Partners",
            Quadrant::StrategicAlliances => "Strategic Alliances",
            Quadrant::AffiliatePartners => "Affiliate Partners",
            Quadrant::ChannelPartners => "Channel Partners",
        }
    }

    /// What to do with its partners, beside the name: the name is the
    /// playbook's, yet a reseller can sit in any quadrant, so the action is
    /// what the placement says.
    #[must_use]
    pub fn action(self) -> &'static str {
        match self {
            Quadrant::TechnologyPartners => "invest",
            Quadrant::StrategicAlliances => "core",
            Quadrant::AffiliatePartners => "automate",
            Quadrant::ChannelPartners => "harvest",
        }
    }

    /// Where the quadrant is: `high value, low revenue`.
    #[must_use]
    pub fn subtitle(self) -> &'static str {
        match self {
            Quadrant::TechnologyPartners => "high value, low revenue",
            Quadrant::StrategicAlliances => "high value, high revenue",
            Quadrant::AffiliatePartners => "low value, low revenue",
            Quadrant::ChannelPartners => "low value, high revenue",
        }
    }

    #[must_use]
    pub fn high_revenue(self) -> bool {
        matches!(
            self,
            Quadrant::StrategicAlliances | Quadrant::ChannelPartners
        )
    }

    #[must_use]
    pub fn high_value(self) -> bool {
        matches!(
            self,
            Quadrant::TechnologyPartners | Quadrant::StrategicAlliances
        )
    }

    /// Position in [`Quadrant::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            Quadrant::TechnologyPartners => 0,
            Quadrant::StrategicAlliances => 1,
            Quadrant::AffiliatePartners => 2,
            Quadrant::ChannelPartners => 3,
        }
    }
}

/// A partner's strategic value and what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategicValue {
    /// 0-100: the sum of the parts below.
    pub points: u32,
    pub fit: StrategicFit,
    pub fit_points: u32,
    pub kind: Option<PartnerType>,
    pub kind_points: u32,
    /// Whether an active executive-sponsor contact is on file.
    pub sponsor: bool,
    pub sponsor_points: u32,
}

impl StrategicValue {
    /// `strong fit 60 + technology 20 + executive sponsor 15`, or
    /// `…, no executive sponsor` so the manager knows what is missing.
    #[must_use]
    pub fn parts(&self) -> String {
        let sponsor = if self.sponsor {
            format!(" + executive sponsor {}", self.sponsor_points)
        } else {
            ", no executive sponsor".to_string()
        };
        format!(
            "{} fit {} + {} {}{sponsor}",
            self.fit.as_str(),
            self.fit_points,
            type_label(self.kind),
            self.kind_points
        )
    }
}

/// How a partner type reads in a reason (`strategic` alone would be
/// confused with the value being explained).
fn type_label(kind: Option<PartnerType>) -> &'static str {
    match kind {
        None => "no type yet",
        Some(PartnerType::Technology) => "technology",
        Some(PartnerType::Referral) => "referral",
        Some(PartnerType::Reseller) => "reseller",
        Some(PartnerType::Affiliate) => "affiliate",
        Some(PartnerType::Si) => "SI",
        Some(PartnerType::Strategic) => "strategic type",
        Some(PartnerType::Oem) => "OEM",
    }
}

/// Strategic value of a partner from its fit, its type and its contacts.
#[must_use]
pub fn strategic_value(
    partner: &Partner,
    contacts: &[Contact],
    rules: &MatrixRules,
) -> StrategicValue {
    let fit_points = match partner.fit {
        StrategicFit::Strong => rules.fit.strong,
        StrategicFit::Moderate => rules.fit.moderate,
        StrategicFit::Weak => rules.fit.weak,
    };
    let kind_points = partner.kind.map_or(0, |k| rules.kind.of(k));
    let sponsor = contacts
        .iter()
        .any(|c| c.active && c.role == ContactRole::ExecutiveSponsor);
    let sponsor_points = if sponsor { rules.executive_sponsor } else { 0 };
    StrategicValue {
        points: fit_points + kind_points + sponsor_points,
        fit: partner.fit,
        fit_points,
        kind: partner.kind,
        kind_points,
        sponsor,
        sponsor_points,
    }
}

/// Where one partner sits on the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub id: i64,
    pub quadrant: Quadrant,
    /// x: sourced + influenced revenue, trailing 12 months.
    pub revenue: i64,
    /// y: `value.points`, with its parts.
    pub value: StrategicValue,
    /// The split lines used (from the config).
    pub high_revenue: i64,
    pub high_value: u32,
}

impl Placement {
    /// y: strategic value, 0-100.
    #[must_use]
    pub fn y(&self) -> u32 {
        self.value.points
    }

    /// One line saying why the partner is in its quadrant:
    /// `strategic value 80 ≥ 50: strong fit 60 + technology 20, no executive
    /// sponsor; revenue $450K ≥ $100K`.
    #[must_use]
    pub fn reason(&self, currency: &str) -> String {
        let cmp = |high: bool| if high { "≥" } else { "<" };
        format!(
            "strategic value {} {} {}: {}; revenue {} {} {}",
            self.value.points,
            cmp(self.quadrant.high_value()),
            self.high_value,
            self.value.parts(),
            money(self.revenue, currency),
            cmp(self.quadrant.high_revenue()),
            money(self.high_revenue, currency),
        )
    }
}

/// Place a partner whose trailing-12-month revenue (sourced + influenced) is known.
#[must_use]
pub fn place_at(file: &PartnerFile, revenue: i64, rules: &MatrixRules) -> Placement {
    let value = strategic_value(&file.partner, &file.contacts, rules);
    Placement {
        id: file.partner.id,
        quadrant: Quadrant::of(
            revenue >= rules.high_revenue,
            value.points >= rules.high_value,
        ),
        revenue,
        value,
        high_revenue: rules.high_revenue,
        high_value: rules.high_value,
    }
}

/// How many partners fall in each quadrant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuadrantCounts([usize; 4]);

impl QuadrantCounts {
    #[must_use]
    pub fn of<'a>(placements: impl IntoIterator<Item = &'a Placement>) -> Self {
        let mut counts = [0; 4];
        for p in placements {
            counts[p.quadrant.index()] += 1;
        }
        QuadrantCounts(counts)
    }

    #[must_use]
    pub fn get(&self, quadrant: Quadrant) -> usize {
        self.0[quadrant.index()]
    }

    #[must_use]
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::YearMonth;
    use crate::domain::config::ProgramConfig;
    use crate::domain::health::twelve_months;
    use crate::domain::testing::{FileBuilder, contact, date, month, partner_file};

    fn rules() -> MatrixRules {
        ProgramConfig::default().matrix
    }

    /// A partner with `revenue` booked last month (inside the T12M window).
    fn file(fit: StrategicFit, kind: PartnerType, revenue: i64) -> PartnerFile {
        let mut f = partner_file("Litware").with_revenue(month(2026, 10), revenue, 0);
        f.partner.fit = fit;
        f.partner.kind = Some(kind);
        f
    }

    fn placed(f: &PartnerFile) -> Placement {
        let (sourced, influenced) = twelve_months(f, YearMonth::of(date(2026, 11, 25)));
        place_at(f, sourced + influenced, &rules())
    }

    #[test]
    fn value_adds_fit_type_and_an_active_sponsor() {
        let r = rules();
        let f = file(StrategicFit::Strong, PartnerType::Technology, 0);
        assert_eq!(strategic_value(&f.partner, &f.contacts, &r).points, 80);
        let f = f.with_contact(contact("Bo Chen", ContactRole::ExecutiveSponsor));
        assert_eq!(strategic_value(&f.partner, &f.contacts, &r).points, 95);
        let mut inactive = file(StrategicFit::Weak, PartnerType::Affiliate, 0)
            .with_contact(contact("Bo Chen", ContactRole::ExecutiveSponsor));
        inactive.contacts[0].active = false;
        let v = strategic_value(&inactive.partner, &inactive.contacts, &r);
        assert_eq!((v.points, v.sponsor), (10, false));
        let top = file(StrategicFit::Strong, PartnerType::Strategic, 0)
            .with_contact(contact("Bo Chen", ContactRole::ExecutiveSponsor));
        assert_eq!(strategic_value(&top.partner, &top.contacts, &r).points, 100);
    }

    #[test]
    fn the_split_lines_belong_to_the_high_side() {
        // Moderate fit 35 + SI 15 = 50: exactly the value line.
        let at_both = placed(&file(StrategicFit::Moderate, PartnerType::Si, 100_000));
        assert_eq!(at_both.y(), 50);
        assert_eq!(at_both.revenue, 100_000);
        assert_eq!(at_both.quadrant, Quadrant::StrategicAlliances);

        // One point below on each axis: moderate 35 + reseller 5 = 40, $99,999.
        let below = placed(&file(StrategicFit::Moderate, PartnerType::Reseller, 99_999));
        assert_eq!(below.quadrant, Quadrant::AffiliatePartners);

        let tech = placed(&file(StrategicFit::Moderate, PartnerType::Si, 99_999));
        assert_eq!(tech.quadrant, Quadrant::TechnologyPartners);
        let channel = placed(&file(
            StrategicFit::Moderate,
            PartnerType::Reseller,
            100_000,
        ));
        assert_eq!(channel.quadrant, Quadrant::ChannelPartners);
    }

    #[test]
    fn influenced_revenue_counts_towards_the_revenue_line() {
        let f = partner_file("Fabrikam")
            .with_revenue(month(2026, 9), 60_000, 0)
            .with_revenue(month(2026, 10), 0, 40_000);
        let p = placed(&f);
        assert_eq!(p.revenue, 100_000);
        assert!(p.quadrant.high_revenue());
        // Revenue older than twelve months does not count.
        let old = partner_file("Old").with_revenue(month(2024, 1), 500_000, 0);
        assert_eq!(placed(&old).revenue, 0);
    }

    #[test]
    fn the_reason_names_every_part_and_both_lines() {
        let p = placed(&file(
            StrategicFit::Strong,
            PartnerType::Technology,
            450_000,
        ));
        assert_eq!(
            p.reason("$"),
            "strategic value 80 ≥ 50: strong fit 60 + technology 20, no executive sponsor; \
             revenue $450K ≥ $100K"
        );
        let f = file(StrategicFit::Weak, PartnerType::Oem, 40_000)
            .with_contact(contact("Bo Chen", ContactRole::ExecutiveSponsor));
        assert_eq!(
            placed(&f).reason("€"),
            "strategic value 45 < 50: weak fit 10 + OEM 20 + executive sponsor 15; \
             revenue €40K < €100K"
        );
    }

    #[test]
    fn a_partner_with_nothing_on_file_is_an_affiliate() {
        let p = placed(&partner_file("Empty"));
        assert_eq!(p.revenue, 0);
        assert_eq!(p.quadrant, Quadrant::AffiliatePartners);
        assert!(
            p.reason("$").contains("revenue $0 < $100K"),
            "{}",
            p.reason("$")
        );
    }

    #[test]
    fn every_quadrant_is_counted() {
        let ps = [
            placed(&file(StrategicFit::Strong, PartnerType::Technology, 0)),
            placed(&file(StrategicFit::Strong, PartnerType::Technology, 10)),
            placed(&file(StrategicFit::Strong, PartnerType::Strategic, 900_000)),
            placed(&file(StrategicFit::Weak, PartnerType::Reseller, 200_000)),
        ];
        let c = QuadrantCounts::of(&ps);
        assert_eq!(c.get(Quadrant::TechnologyPartners), 2);
        assert_eq!(c.get(Quadrant::StrategicAlliances), 1);
        assert_eq!(c.get(Quadrant::AffiliatePartners), 0);
        assert_eq!(c.get(Quadrant::ChannelPartners), 1);
        assert_eq!(c.total(), 4);
    }

    #[test]
    fn quadrants_are_named_as_value_quadrants() {
        for q in Quadrant::ALL {
            assert_eq!(Quadrant::of(q.high_revenue(), q.high_value()), q);
            assert_eq!(Quadrant::ALL[q.index()], q);
        }
        assert_eq!(
            Quadrant::ALL.map(|q| format!("{} · {} ({})", q.title(), q.action(), q.subtitle())),
            [
                "Technology Partners · invest (high value, low revenue)",
                "Strategic Alliances · core (high value, high revenue)",
                "Affiliate Partners · automate (low value, low revenue)",
                "Channel Partners · harvest (low value, high revenue)",
            ]
        );
    }
}
