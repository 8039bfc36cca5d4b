//! Program config (SPEC §7): every threshold the rules use.
//!
//! The defaults live in `assets/program.toml`, embedded in the binary. A user
//! file overrides them key by key: tables merge, any other value replaces. A
//! malformed file is reported with the file, the line and the key, so the
//! manager can fix it without reading code.

use serde::Deserialize;

use super::book::{PartnerType, QbrPhase, Segment, Tier};

/// The embedded default config.
pub const DEFAULT_TOML: &str = include_str!("../../assets/program.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramConfig {
    pub currency: String,
    pub health: HealthRules,
    pub bands: BandRules,
    pub trend: TrendRules,
    pub tiers: TierRules,
    pub certifications: CertificationRules,
    pub benefits: BenefitsMatrix,
    pub segments: SegmentRules,
    pub cadence: Cadence,
    pub deals: DealRules,
    pub triage: TriageRules,
    pub kpi: KpiRules,
    pub qbr: QbrRules,
    pub campaigns: CampaignRules,
    pub matrix: MatrixRules,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthRules {
    pub revenue: RevenueRule,
    pub activity: ActivityRule,
    pub engagement: EngagementRule,
    pub satisfaction: SatisfactionRule,
    pub fit: FitRule,
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
        match tier {
            Tier::Registered => None,
            Tier::Silver => Some(&self.silver),
            Tier::Gold => Some(&self.gold),
            Tier::Platinum => Some(&self.platinum),
        }
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitsMatrix {
    pub registered: Benefits,
    pub silver: Benefits,
    pub gold: Benefits,
    pub platinum: Benefits,
}

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
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benefits {
    pub commission: String,
    pub mdf: String,
    pub support_sla: String,
    pub partner_manager: String,
    pub deal_registration: String,
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
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiRules {
    pub activation_target_pct: u32,
    pub qbr_completion_target_pct: u32,
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
        let fit = self.fit.strong.max(self.fit.moderate).max(self.fit.weak);
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

/// A config file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("config error in {file}{}{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default(), key.as_ref().map(|k| format!(", key `{k}`")).unwrap_or_default())]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl Default for ProgramConfig {
    fn default() -> Self {
        // The embedded defaults are checked by a unit test, so this cannot fail
        // in a released build.
        #[allow(clippy::expect_used)]
        ProgramConfig::from_layers(None).expect("embedded program.toml is valid")
    }
}

impl ProgramConfig {
    /// The defaults overridden by a user file (`(file name, text)`), if any.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the file, line and key that is wrong.
    pub fn from_layers(user: Option<(&str, &str)>) -> Result<Self, ConfigError> {
        let mut merged = parse_table("assets/program.toml (built in)", DEFAULT_TOML)?;
        if let Some((file, text)) = user {
            let overrides = parse_table(file, text)?;
            merge(&mut merged, overrides);
        }
        let file = user.map_or("assets/program.toml (built in)", |(f, _)| f);
        let text = user.map_or(DEFAULT_TOML, |(_, t)| t);
        let config: ProgramConfig = serde_path_to_error::deserialize(toml::Value::Table(merged))
            .map_err(|e| {
                let path = e.path().to_string();
                let message = e.inner().to_string();
                let key = key_of(&path, &message);
                ConfigError {
                    file: file.to_string(),
                    line: line_of_key(text, &key),
                    key: Some(key),
                    message: first_line(&message),
                }
            })?;
        config.validate().map_err(|(key, message)| ConfigError {
            file: file.to_string(),
            line: line_of_key(text, &key),
            key: Some(key),
            message,
        })?;
        Ok(config)
    }

    /// Every count of days, quarters and points within a sensible range, so
    /// no rule can overflow on a typo like `window_days = 1e11`.
    fn check_ranges(&self) -> Result<(), (String, String)> {
        self.check_days()?;
        self.check_counts()
    }

    /// Day counts: at least `min`, at most ten years.
    fn check_days(&self) -> Result<(), (String, String)> {
        const DAYS: i64 = 3660;
        let h = &self.health;
        let days: [(&str, i64, i64); 13] = [
            ("health.activity.window_days", h.activity.window_days, 1),
            ("trend.delta_days", self.trend.delta_days, 1),
            (
                "tiers.provisional.warn_days",
                self.tiers.provisional.warn_days,
                0,
            ),
            ("cadence.strategic", self.cadence.strategic, 1),
            ("cadence.growth", self.cadence.growth, 1),
            ("cadence.stable", self.cadence.stable, 1),
            ("cadence.at_risk", self.cadence.at_risk, 1),
            ("cadence.long_tail", self.cadence.long_tail, 1),
            ("deals.stuck_days", self.deals.stuck_days, 1),
            ("triage.due_soon_days", self.triage.due_soon_days, 0),
            ("triage.qbr_window_days", self.triage.qbr_window_days, 0),
            ("qbr.cadence_days", self.qbr.cadence_days, 1),
            ("qbr.missed_after_days", self.qbr.missed_after_days, 0),
        ];
        for (key, value, min) in days {
            if !(min..=DAYS).contains(&value) {
                return Err((key.into(), format!("must be {min} to {DAYS} days")));
            }
        }
        Ok(())
    }

    /// Quarters, months, weeks and points.
    fn check_counts(&self) -> Result<(), (String, String)> {
        let h = &self.health;
        let small: [(&str, u32, u32); 6] = [
            (
                "tiers.silver.grace_quarters",
                self.tiers.silver.grace_quarters,
                40,
            ),
            (
                "tiers.gold.grace_quarters",
                self.tiers.gold.grace_quarters,
                40,
            ),
            (
                "tiers.platinum.grace_quarters",
                self.tiers.platinum.grace_quarters,
                40,
            ),
            ("qbr.kpi_quarters", self.qbr.kpi_quarters, 40),
            (
                "tiers.provisional.months",
                self.tiers.provisional.months,
                120,
            ),
            (
                "certifications.valid_months",
                self.certifications.valid_months,
                120,
            ),
        ];
        for (key, value, max) in small {
            if value > max {
                return Err((key.into(), format!("must be at most {max}")));
            }
        }
        if self.trend.spark_weeks > 104 {
            return Err(("trend.spark_weeks".into(), "must be at most 104".into()));
        }
        let r = &h.revenue;
        let points = [
            (
                "health.revenue",
                r.strong_points.max(r.growing_points).max(r.flat_points),
            ),
            (
                "health.revenue",
                r.declining_points.max(r.new_revenue_points),
            ),
            (
                "health.activity.steps",
                h.activity.steps.iter().map(|x| x.points).max().unwrap_or(0),
            ),
            (
                "health.engagement.steps",
                h.engagement
                    .steps
                    .iter()
                    .map(|x| x.points)
                    .max()
                    .unwrap_or(0),
            ),
            (
                "health.satisfaction.steps",
                h.satisfaction
                    .steps
                    .iter()
                    .map(|x| x.points)
                    .max()
                    .unwrap_or(0),
            ),
            (
                "health.fit",
                h.fit.strong.max(h.fit.moderate).max(h.fit.weak),
            ),
        ];
        for (key, value) in points {
            if value > 100 {
                return Err((key.into(), "points must be at most 100".into()));
            }
        }
        Ok(())
    }

    /// Rules a well-formed file can still break; returns (key, problem).
    fn validate(&self) -> Result<(), (String, String)> {
        let b = &self.bands;
        if !(b.champion > b.healthy && b.healthy > b.at_risk && b.at_risk > b.critical) {
            return Err((
                "bands".into(),
                "band minimums must fall: champion > healthy > at_risk > critical".into(),
            ));
        }
        let descending = |mins: &[i64]| mins.windows(2).all(|w| w[0] > w[1]);
        let act: Vec<i64> = self.health.activity.steps.iter().map(|s| s.min).collect();
        if !descending(&act) {
            return Err((
                "health.activity.steps".into(),
                "steps must be listed from the highest `min` down".into(),
            ));
        }
        let sat: Vec<i64> = self
            .health
            .satisfaction
            .steps
            .iter()
            .map(|s| s.min)
            .collect();
        if !descending(&sat) {
            return Err((
                "health.satisfaction.steps".into(),
                "steps must be listed from the highest `min` down".into(),
            ));
        }
        let eng: Vec<i64> = self
            .health
            .engagement
            .steps
            .iter()
            .map(|s| -s.max_days)
            .collect();
        if !descending(&eng) {
            return Err((
                "health.engagement.steps".into(),
                "steps must be listed from the smallest `max_days` up".into(),
            ));
        }
        let t = &self.tiers;
        if !(t.silver.arr < t.gold.arr && t.gold.arr < t.platinum.arr) {
            return Err((
                "tiers".into(),
                "ARR thresholds must rise: silver < gold < platinum".into(),
            ));
        }
        for (key, c) in [
            ("tiers.silver", &t.silver),
            ("tiers.gold", &t.gold),
            ("tiers.platinum", &t.platinum),
        ] {
            if c.arr <= 0 || c.referrals == 0 {
                return Err((key.into(), "arr and referrals must be above zero".into()));
            }
        }
        if self.trend.spark_weeks == 0 {
            return Err(("trend.spark_weeks".into(), "must be at least 1".into()));
        }
        self.check_ranges()?;
        let m = &self.matrix;
        if m.high_revenue <= 0 {
            return Err(("matrix.high_revenue".into(), "must be above zero".into()));
        }
        if m.max_value() > 100 {
            return Err((
                "matrix".into(),
                format!(
                    "strategic value is 0-100, but the strongest fit, the heaviest type and the executive sponsor add up to {}",
                    m.max_value()
                ),
            ));
        }
        if m.high_value == 0 || m.high_value > m.max_value() {
            return Err((
                "matrix.high_value".into(),
                format!(
                    "must be between 1 and {} (the highest strategic value the weights give)",
                    m.max_value()
                ),
            ));
        }
        Ok(())
    }
}

fn parse_table(file: &str, text: &str) -> Result<toml::Table, ConfigError> {
    text.parse::<toml::Table>().map_err(|e| ConfigError {
        file: file.to_string(),
        line: e.span().map(|s| line_at(text, s.start)),
        key: None,
        message: first_line(e.message()),
    })
}

/// Tables merge key by key; anything else in `over` replaces what `base` had.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// The dotted key an error is about: the path, plus an unknown field's name.
fn key_of(path: &str, message: &str) -> String {
    let path = if path == "." { "" } else { path };
    if message.starts_with("unknown field")
        && let Some(name) = message.split('`').nth(1)
    {
        // Some versions of serde_path_to_error already end the path with the
        // unknown field; never name it twice.
        return if path.is_empty() {
            name.to_string()
        } else if path == name || path.ends_with(&format!(".{name}")) {
            path.to_string()
        } else {
            format!("{path}.{name}")
        };
    }
    path.to_string()
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Best effort: the line where a dotted key (`a.b.c`, array indices dropped)
/// is written in a TOML text, by tracking `[table]` headers and `key =` lines.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let wanted: Vec<&str> = key
        .split('.')
        .filter(|p| !p.is_empty() && p.parse::<usize>().is_err())
        .collect();
    if wanted.is_empty() {
        return None;
    }
    let mut table: Vec<String> = Vec::new();
    let mut best: Option<(usize, usize)> = None; // (matched parts, line)
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with('[') {
            let name = line.trim_matches(|c| c == '[' || c == ']' || c == ' ');
            table = name.split('.').map(|s| s.trim().to_string()).collect();
            consider(&table, &wanted, n + 1, &mut best);
        } else if let Some((k, _)) = line.split_once('=') {
            if line.starts_with('#') {
                continue;
            }
            let mut full = table.clone();
            full.extend(
                k.trim()
                    .split('.')
                    .map(|s| s.trim().trim_matches('"').to_string()),
            );
            consider(&full, &wanted, n + 1, &mut best);
        }
    }
    best.map(|(_, line)| line)
}

fn consider(path: &[String], wanted: &[&str], line: usize, best: &mut Option<(usize, usize)>) {
    let matched = path
        .iter()
        .zip(wanted)
        .take_while(|(a, b)| a.as_str() == **b)
        .count();
    if matched == path.len() && matched > best.map_or(0, |b| b.0) {
        *best = Some((matched, line));
    }
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_parse_and_hold_the_spec_numbers() {
        let c = ProgramConfig::from_layers(None).expect("defaults parse");
        assert_eq!(c.tiers.gold.arr, 100_000);
        assert_eq!(c.tiers.platinum.grace_quarters, 3);
        assert_eq!(c.cadence.long_tail, 92);
        assert_eq!(c.qbr.checklist.len(), 14);
        assert_eq!(c.qbr.agenda.iter().map(|a| a.minutes).sum::<u32>(), 60);
        assert_eq!(c.campaigns.tasks.len(), 12);
    }

    #[test]
    fn a_user_file_overrides_one_key_and_keeps_the_rest() {
        let c = ProgramConfig::from_layers(Some(("my.toml", "[tiers.gold]\narr = 120000\n")))
            .expect("override parses");
        assert_eq!(c.tiers.gold.arr, 120_000);
        assert_eq!(c.tiers.gold.referrals, 20);
        assert_eq!(c.currency, "$");
    }

    #[test]
    fn a_wrong_type_names_file_line_and_key() {
        let text = "currency = \"€\"\n\n[tiers.gold]\narr = \"lots\"\n";
        let err = ProgramConfig::from_layers(Some(("my.toml", text))).expect_err("bad type");
        assert_eq!(err.file, "my.toml");
        assert_eq!(err.key.as_deref(), Some("tiers.gold.arr"));
        assert_eq!(err.line, Some(4));
        assert!(
            err.to_string()
                .starts_with("config error in my.toml line 4, key `tiers.gold.arr`:"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let text = "[cadence]\nstrategic = 7\nstragetic = 9\n";
        let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err("typo");
        assert_eq!(err.key.as_deref(), Some("cadence.stragetic"));
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("unknown field"), "{}", err.message);
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let text = "currency = \"$\"\n[tiers.gold\narr = 5\n";
        let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err("syntax");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn matrix_weights_stay_on_a_0_to_100_scale() {
        let c = ProgramConfig::default();
        assert_eq!(c.matrix.max_value(), 100);
        assert_eq!(c.matrix.high_value, 50);
        assert_eq!(c.matrix.high_revenue, c.tiers.gold.arr);
        let err = ProgramConfig::from_layers(Some(("c.toml", "[matrix.fit]\nstrong = 90\n")))
            .expect_err("over 100");
        assert_eq!(err.key.as_deref(), Some("matrix"));
        assert!(err.message.contains("add up to 130"), "{}", err.message);
        let err = ProgramConfig::from_layers(Some(("c.toml", "[matrix]\nhigh_revenue = 0\n")))
            .expect_err("zero split");
        assert_eq!(err.key.as_deref(), Some("matrix.high_revenue"));
    }

    #[test]
    fn absurd_numbers_are_refused_with_their_key_not_a_crash() {
        for (text, key) in [
            (
                "[triage]\ndue_soon_days = 100000000\n",
                "triage.due_soon_days",
            ),
            (
                "[health.activity]\nwindow_days = 100000000000\n",
                "health.activity.window_days",
            ),
            (
                "[tiers.gold]\ngrace_quarters = 4000000000\n",
                "tiers.gold.grace_quarters",
            ),
            ("[matrix]\nexecutive_sponsor = 4294967295\n", "matrix"),
        ] {
            let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err(key);
            assert!(
                err.key.as_deref().is_some_and(|k| k.starts_with(key)),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn bands_out_of_order_are_refused() {
        let err = ProgramConfig::from_layers(Some(("c.toml", "[bands]\nhealthy = 90\n")))
            .expect_err("bands");
        assert_eq!(err.key.as_deref(), Some("bands"));
        assert_eq!(err.line, Some(1));
    }
}
