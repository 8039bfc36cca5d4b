//! The rule structs of the program config, one per table of
//! `assets/program.toml` (docs/rules.md lists every default).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::book::{DealStage, PartnerType, QbrPhase, Segment, Tier};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthRules {
    pub revenue: RevenueRule,
    pub activity: ActivityRule,
    pub engagement: EngagementRule,
    pub satisfaction: SatisfactionRule,
    pub fit: FitRule,
}

impl HealthRules {
    /// Each dimension's top points, in the playbook's order: revenue,
    /// activity, engagement, satisfaction, strategic fit. They add up to the
    /// top score, 100 (checked when the config is loaded).
    #[must_use]
    pub fn top_points(&self) -> [u32; 5] {
        [
            self.revenue.top(),
            top_step(&self.activity.steps),
            self.engagement.top(),
            top_step(&self.satisfaction.steps),
            self.fit.top(),
        ]
    }
}

/// The most points any of `steps` gives (0 when there are none).
fn top_step(steps: &[CountStep]) -> u32 {
    steps.iter().map(|s| s.points).max().unwrap_or(0)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevenueRule {
    pub strong_growth_pct: f64,
    pub flat_pct: f64,
    pub strong_points: u32,
    pub growing_points: u32,
    pub flat_points: u32,
    pub declining_points: u32,
    pub new_revenue_points: u32,
}

impl RevenueRule {
    /// The most points revenue can give, whichever growth gives them.
    #[must_use]
    pub fn top(&self) -> u32 {
        self.strong_points
            .max(self.growing_points)
            .max(self.flat_points)
            .max(self.declining_points)
            .max(self.new_revenue_points)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityRule {
    pub window_days: i64,
    pub steps: Vec<CountStep>,
}

/// `min` or more → `points`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountStep {
    pub min: i64,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngagementRule {
    pub steps: Vec<RecencyStep>,
}

impl EngagementRule {
    /// The most points engagement can give.
    #[must_use]
    pub fn top(&self) -> u32 {
        self.steps.iter().map(|s| s.points).max().unwrap_or(0)
    }
}

/// At most `max_days` since the last event → `points`, called `label`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecencyStep {
    pub max_days: i64,
    pub points: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SatisfactionRule {
    pub steps: Vec<CountStep>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitRule {
    pub strong: u32,
    pub moderate: u32,
    pub weak: u32,
}

impl FitRule {
    /// The points of the best-scoring fit.
    #[must_use]
    pub fn top(&self) -> u32 {
        self.strong.max(self.moderate).max(self.weak)
    }
}

/// Minimum score of each band; below `critical` is Churning.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandRules {
    pub champion: u32,
    pub healthy: u32,
    pub at_risk: u32,
    pub critical: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendRules {
    pub delta_days: i64,
    pub spark_weeks: usize,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRules {
    /// Days a demoted partner's support plan is due in.
    pub support_plan_days: u32,
    pub silver: TierCriteria,
    pub gold: TierCriteria,
    pub platinum: TierCriteria,
    pub provisional: ProvisionalRule,
    pub close: CloseRule,
}

impl TierRules {
    /// Criteria of a tier; Registered has none (a signed agreement).
    #[must_use]
    pub fn criteria(&self, tier: Tier) -> Option<&TierCriteria> {
        above_registered(tier, [&self.silver, &self.gold, &self.platinum])
    }
}

/// A table kept for the tiers above Registered (`[silver, gold,
/// platinum]`): this tier's, None for Registered.
pub(super) fn above_registered<T>(tier: Tier, [silver, gold, platinum]: [&T; 3]) -> Option<&T> {
    match tier {
        Tier::Registered => None,
        Tier::Silver => Some(silver),
        Tier::Gold => Some(gold),
        Tier::Platinum => Some(platinum),
    }
}

/// (ARR ≥ `arr` OR referrals ≥ `referrals`) AND certified ≥ `certified`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierCriteria {
    pub arr: i64,
    pub referrals: u32,
    pub certified: u32,
    pub grace_quarters: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvisionalRule {
    pub months: u32,
    pub warn_days: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseRule {
    pub min_progress_pct: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationRules {
    pub valid_months: u32,
}

/// The playbook's Benefits Matrix: its rows in order, and each tier's value
/// of every row by the row's key (`[benefits.gold] support_sla = "4hr"`), so
/// a user's config changes one value without repeating the rows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitsMatrix {
    pub rows: Vec<BenefitRow>,
    pub registered: Benefits,
    pub silver: Benefits,
    pub gold: Benefits,
    pub platinum: Benefits,
}

/// One benefit: its key, its name as shown, and how a tier block names it
/// when the next tier unlocks it (`{} support SLA`, `{}` the value).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitRow {
    pub key: String,
    pub benefit: String,
    pub unlock: String,
}

/// A tier's value of each benefit, by the row's key.
pub type Benefits = std::collections::BTreeMap<String, String>;

impl BenefitsMatrix {
    #[must_use]
    pub fn of(&self, tier: Tier) -> &Benefits {
        match tier {
            Tier::Registered => &self.registered,
            Tier::Silver => &self.silver,
            Tier::Gold => &self.gold,
            Tier::Platinum => &self.platinum,
        }
    }

    /// A tier's value of the benefit `key` (empty when the config has none;
    /// the loader refuses such a config).
    #[must_use]
    pub fn value(&self, tier: Tier, key: &str) -> &str {
        self.of(tier).get(key).map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRules {
    pub growth_min_progress_pct: u32,
}

/// Days between touches, per segment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    pub strategic: i64,
    pub growth: i64,
    pub stable: i64,
    pub at_risk: i64,
    pub long_tail: i64,
}

impl Cadence {
    #[must_use]
    pub fn days(&self, segment: Segment) -> i64 {
        match segment {
            Segment::Strategic => self.strategic,
            Segment::Growth => self.growth,
            Segment::Stable => self.stable,
            Segment::AtRisk => self.at_risk,
            Segment::LongTail => self.long_tail,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealRules {
    pub stuck_days: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageRules {
    pub due_soon_days: i64,
    pub qbr_window_days: i64,
    pub single_threaded_max: usize,
    /// A partner that has answered NPS before and not for this many days
    /// is due a survey.
    pub nps_days: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiRules {
    pub activation_target_pct: u32,
    pub qbr_completion_target_pct: u32,
    /// Partner-sourced revenue as a share of the company's, low and high
    /// end of the playbook's range.
    pub sourced_share_target_pct: [u32; 2],
    /// Partner-sourced + influenced revenue as a share of the company's.
    pub influenced_share_target_pct: [u32; 2],
    /// Program NPS: the mean of each partner's latest response.
    pub nps_target: i32,
    /// Partners active a year ago still active now.
    pub retention_target_pct: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QbrRules {
    pub cadence_days: i64,
    pub missed_after_days: i64,
    pub kpi_quarters: u32,
    pub checklist: Vec<ChecklistTemplate>,
    pub agenda: Vec<AgendaTemplate>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistTemplate {
    pub phase: QbrPhase,
    pub offset_days: i32,
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaTemplate {
    pub title: String,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignRules {
    pub webinar_attendance_benchmark_pct: [u32; 2],
    /// A new campaign's launch is offered this many weeks out; a launch
    /// closer than this warns (the playbook's "last-minute planning").
    pub planning_weeks: u32,
    /// An email swap's click-through rate (clicks / sends) benchmark, in
    /// percent, both ends inclusive.
    pub email_ctr_benchmark_pct: [u32; 2],
    pub tasks: Vec<TaskTemplate>,
    pub webinar_tasks: Vec<TaskTemplate>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskTemplate {
    pub week: i32,
    #[serde(default)]
    pub day_offset: i32,
    pub title: String,
    pub owner: String,
}

/// The Partner Value Matrix: where revenue and strategic value split into
/// high and low, and the points that make up strategic value (see
/// `domain::matrix` for why these signals).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixRules {
    /// T12M sourced + influenced revenue at or above this is high revenue.
    pub high_revenue: i64,
    /// Strategic value at or above this is high strategic value.
    pub high_value: u32,
    /// Points for at least one active executive-sponsor contact.
    pub executive_sponsor: u32,
    pub fit: FitRule,
    pub kind: TypeWeights,
}

impl MatrixRules {
    /// The highest strategic value these weights can give (100 by default).
    #[must_use]
    pub fn max_value(&self) -> u32 {
        let fit = self.fit.top();
        let kind = PartnerType::ALL
            .iter()
            .map(|k| self.kind.of(*k))
            .max()
            .unwrap_or(0);
        fit.saturating_add(kind)
            .saturating_add(self.executive_sponsor)
    }
}

/// Strategic-value points per partner type.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeWeights {
    pub technology: u32,
    pub referral: u32,
    pub reseller: u32,
    pub affiliate: u32,
    pub si: u32,
    pub strategic: u32,
    pub oem: u32,
}

impl TypeWeights {
    #[must_use]
    pub fn of(&self, kind: PartnerType) -> u32 {
        match kind {
            PartnerType::Technology => self.technology,
            PartnerType::Referral => self.referral,
            PartnerType::Reseller => self.reseller,
            PartnerType::Affiliate => self.affiliate,
            PartnerType::Si => self.si,
            PartnerType::Strategic => self.strategic,
            PartnerType::Oem => self.oem,
        }
    }
}

/// The cockpit's own preferences (`[ui]`): not rules, but kept with them so
/// one file configures partnerdeck.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiPrefs {
    /// Report mouse clicks and the wheel (false: the terminal's own selection).
    pub mouse: bool,
    pub theme: ThemeChoice,
    /// Keys by action name (`undo = ["z"]`), checked when the cockpit starts.
    pub keys: std::collections::BTreeMap<String, Vec<String>>,
}

/// Colours for a dark or a light terminal, or read from `COLORFGBG`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    Auto,
    Dark,
    Light,
}

/// CSV import from CRMs (docs/rules.md, "CSV import"): how dates are
/// ordered, header aliases per table, and CRM stage and type names.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRules {
    /// `03/04/2026`: decided from the file (`auto`), or set.
    #[serde(default)]
    pub date_order: crate::domain::import::DatesSetting,
    /// `12.500`: decided from the file (`auto`), or set.
    #[serde(default)]
    pub decimal: crate::domain::import::DecimalSetting,
    pub aliases: ImportAliases,
    /// CRM stage name → the book's deal stage.
    pub stages: BTreeMap<String, DealStage>,
    /// CRM account type → the book's partner type.
    pub types: BTreeMap<String, PartnerType>,
    /// CRM lifecycle stage or account type → the book's lifecycle stage
    /// ("Prospect" is `recruit`).
    #[serde(default)]
    pub lifecycles: BTreeMap<String, crate::domain::book::Lifecycle>,
}

/// Header aliases per table: a CRM's column name → the table's own column.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportAliases {
    #[serde(default)]
    pub partners: BTreeMap<String, String>,
    #[serde(default)]
    pub contacts: BTreeMap<String, String>,
    #[serde(default)]
    pub deals: BTreeMap<String, String>,
    #[serde(default)]
    pub activities: BTreeMap<String, String>,
    #[serde(default)]
    pub revenue: BTreeMap<String, String>,
    #[serde(default)]
    pub referrals: BTreeMap<String, String>,
    #[serde(default)]
    pub certifications: BTreeMap<String, String>,
    #[serde(default)]
    pub nps: BTreeMap<String, String>,
    #[serde(default)]
    pub company_revenue: BTreeMap<String, String>,
}
