//! Health score, 0-100, from the playbook's "Partner Health Scoring"
//! (docs/rules.md, "Health score", "Bands" and "Trend").
//!
//! Five dimensions, each worth points with a reason a person can read. The
//! score is a function of the partner's file and a date, so the score "as of"
//! any past day is the same call with that day: that is how the 30-day delta
//! and the 12-week sparkline are made. Missing data scores 0 and says what is
//! missing.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::book::{PartnerFile, StrategicFit, YearMonth};
use super::config::{CountStep, ProgramConfig, RevenueRule};
use super::coverage::{RevenueSource, as_scored};
use super::dates::add_days;
use super::format::{money, month_year, plural, signed_pct};
use super::labels::text_enum;

mod change;
pub use change::{DimensionChange, changes, moved};

text_enum! {
    /// Health band, best first.
    pub enum Band ("band") {
        Champion = "champion",
        Healthy = "healthy",
        AtRisk = "at_risk",
        Critical = "critical",
        Churning = "churning",
        /// A book that tracks nothing but strategic fit scores no one
        /// (docs/rules.md, "What the book does not track").
        NotScored = "not_scored",
    }
}

impl Band {
    /// The five bands a score falls in, Champion first.
    pub const SCORED: [Band; 5] = [
        Band::Champion,
        Band::Healthy,
        Band::AtRisk,
        Band::Critical,
        Band::Churning,
    ];

    /// The band of a score.
    #[must_use]
    pub fn of(score: u32, cfg: &ProgramConfig) -> Band {
        let b = &cfg.bands;
        if score >= b.champion {
            Band::Champion
        } else if score >= b.healthy {
            Band::Healthy
        } else if score >= b.at_risk {
            Band::AtRisk
        } else if score >= b.critical {
            Band::Critical
        } else {
            Band::Churning
        }
    }

    /// Name as the playbook writes it.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Band::Champion => "Champion",
            Band::Healthy => "Healthy",
            Band::AtRisk => "At-risk",
            Band::Critical => "Critical",
            Band::Churning => "Churning",
            Band::NotScored => "Not scored",
        }
    }

    /// 4 for Champion down to 0 for Churning: higher is healthier. Not
    /// scored ranks above them all: no score raises no alarm (no rescue
    /// segment, no band drop).
    #[must_use]
    pub fn rank(self) -> u8 {
        match self {
            Band::NotScored => 5,
            Band::Champion => 4,
            Band::Healthy => 3,
            Band::AtRisk => 2,
            Band::Critical => 1,
            Band::Churning => 0,
        }
    }
}

text_enum! {
    /// The five dimensions of the score, in the playbook's order.
    pub enum Dimension ("health dimension") {
        Revenue = "revenue",
        Activity = "activity",
        Engagement = "engagement",
        Satisfaction = "satisfaction",
        Fit = "strategic_fit",
    }
}

impl Dimension {
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Dimension::Revenue => "Revenue",
            Dimension::Activity => "Activity",
            Dimension::Engagement => "Engagement",
            Dimension::Satisfaction => "Satisfaction",
            Dimension::Fit => "Strategic fit",
        }
    }
}

/// One dimension's points and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionScore {
    pub dimension: Dimension,
    pub points: u32,
    pub max: u32,
    pub reason: String,
    /// Does the score count it? Not when the book records nothing of its
    /// kind for anyone (docs/rules.md, "What the book does not track").
    pub counted: bool,
}

impl std::fmt::Display for DimensionScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} → {}/{}", self.reason, self.points, self.max)
    }
}

/// The score as of one day, with its five reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub score: u32,
    pub band: Band,
    pub dimensions: Vec<DimensionScore>,
    /// How many of the five dimensions the score is over.
    pub over: u32,
}

/// The score of the counted dimensions' points: their plain sum when all
/// five count, else scaled to 100 over their maximum, half up.
fn scaled(points: impl Iterator<Item = (Dimension, u32)>, cfg: &ProgramConfig) -> u32 {
    scaled_to(points, cfg, &cfg.health.top_points())
}

/// [`scaled`] with each dimension's top points (`HealthRules::top_points`)
/// in hand.
fn scaled_to(
    points: impl Iterator<Item = (Dimension, u32)>,
    cfg: &ProgramConfig,
    tops: &[u32; 5],
) -> u32 {
    let (mut got, mut max, mut all) = (0_u32, 0_u32, true);
    for (d, p) in points {
        if cfg.coverage.tracks(d) {
            got += p;
            max += top_of(d, tops);
        } else {
            all = false;
        }
    }
    if all || max == 0 {
        got.min(100)
    } else {
        ((200 * got + max) / (2 * max)).min(100)
    }
}

/// The band of a score in this book: Not scored when it tracks nothing
/// but strategic fit.
fn band_of(score: u32, cfg: &ProgramConfig) -> Band {
    if cfg.coverage.scores() {
        Band::of(score, cfg)
    } else {
        Band::NotScored
    }
}

/// How the score moved: 30-day delta and the weekly sparkline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    /// `score(today) - score(today - delta_days)`
    pub delta: i32,
    pub previous_score: u32,
    pub previous_band: Band,
    /// Oldest first; the last point is today.
    pub weekly: Vec<u32>,
    /// Each dimension's points then and now, and what moved.
    pub changes: Vec<DimensionChange>,
}

impl Trend {
    /// The band fell since `delta_days` ago.
    #[must_use]
    pub fn band_dropped(&self, now: Band) -> bool {
        now.rank() < self.previous_band.rank()
    }
}

/// What each dimension found, before it is put into words.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Finding {
    Revenue {
        current: i64,
        prior: i64,
    },
    Activity {
        deals: i64,
        window_days: i64,
    },
    Engagement {
        last: Option<(NaiveDate, &'static str)>,
        days: i64,
        label: Option<usize>,
    },
    Satisfaction {
        latest: Option<(NaiveDate, i32)>,
    },
    Fit(StrategicFit),
}

/// The full score with reasons, as of `today`.
#[must_use]
pub fn health(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> Health {
    let file = as_scored(file, &cfg.coverage);
    let mut at = Scorer::new(&file, cfg);
    let found = at.findings(today);
    at.health(&found)
}

/// [`health`] and [`trend`] together, as the analysis makes them: today's
/// findings are made once for both, and the sparkline's weeks read each
/// kind of record the score needs once (the same numbers as [`score_on`]
/// for each week).
#[must_use]
pub fn health_and_trend(
    file: &PartnerFile,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> (Health, Trend) {
    let file = as_scored(file, &cfg.coverage);
    let mut at = Scorer::new(&file, cfg);
    let found = at.findings(today);
    let health = at.health(&found);
    let trend = at.trend(&found, today, health.score);
    (health, trend)
}

/// Just the number, as of a day (for trends: no reasons are written).
#[must_use]
pub fn score_on(file: &PartnerFile, as_of: NaiveDate, cfg: &ProgramConfig) -> u32 {
    let file = as_scored(file, &cfg.coverage);
    scaled(
        findings(&file, as_of, cfg).iter().map(|(d, p, _)| (*d, *p)),
        cfg,
    )
}

/// Delta over `trend.delta_days` and the weekly sparkline ending today.
#[must_use]
pub fn trend(file: &PartnerFile, today: NaiveDate, now: u32, cfg: &ProgramConfig) -> Trend {
    let file = &*as_scored(file, &cfg.coverage);
    let mut at = Scorer::new(file, cfg);
    let found = at.findings(today);
    at.trend(&found, today, now)
}

/// One dimension's points and what it found.
type Found = (Dimension, u32, Finding);

/// One partner's file scored as of several days: the findings
/// [`findings`] makes, each kind of record read the way it does, with what
/// does not depend on the day read once (the dimensions' top points, the
/// portal logins and trainings among the activities, strategic fit) and
/// revenue found once per month.
struct Scorer<'a> {
    file: &'a PartnerFile,
    cfg: &'a ProgramConfig,
    tops: [u32; 5],
    /// The activities that engage (in the file's order), read when first
    /// needed.
    engaging: Option<Vec<&'a super::book::Activity>>,
    /// The deals' registration days in order, read when first needed.
    registered: Option<Vec<NaiveDate>>,
    /// Revenue found as of the months asked so far.
    revenue: Vec<(YearMonth, Found)>,
    fit: Found,
}

impl<'a> Scorer<'a> {
    fn new(file: &'a PartnerFile, cfg: &'a ProgramConfig) -> Self {
        Scorer {
            file,
            cfg,
            tops: cfg.health.top_points(),
            engaging: None,
            registered: None,
            revenue: Vec::new(),
            fit: fit(file, cfg),
        }
    }

    /// The same as [`findings`] as of `as_of`.
    fn findings(&mut self, as_of: NaiveDate) -> [Found; 5] {
        let month = YearMonth::of(as_of);
        let revenue = if let Some((_, found)) = self.revenue.iter().find(|(m, _)| *m == month) {
            *found
        } else {
            let found = revenue(self.file, as_of, self.cfg);
            self.revenue.push((month, found));
            found
        };
        let engaging = self.engaging.get_or_insert_with(|| {
            self.file
                .activities
                .iter()
                .filter(|a| a.kind.is_engagement())
                .collect()
        });
        let engagement = engagement_in(engaging.iter().copied(), as_of, self.cfg);
        let registered = self.registered.get_or_insert_with(|| {
            let mut days: Vec<NaiveDate> = self.file.deals.iter().map(|d| d.registered).collect();
            days.sort_unstable();
            days
        });
        // The deals registered in the window, as `activity` counts them.
        let window_days = self.cfg.health.activity.window_days;
        let from = add_days(as_of, -window_days);
        let deals = registered
            .partition_point(|d| *d <= as_of)
            .saturating_sub(registered.partition_point(|d| *d <= from));
        [
            revenue,
            activity_of(deals, window_days, self.cfg),
            engagement,
            satisfaction(self.file, as_of, self.cfg),
            self.fit,
        ]
    }

    /// The score of `found`.
    fn score(&self, found: &[Found; 5]) -> u32 {
        scaled_to(found.iter().map(|(d, p, _)| (*d, *p)), self.cfg, &self.tops)
    }

    /// The health of `found`, with its reasons.
    fn health(&self, found: &[Found; 5]) -> Health {
        let cfg = self.cfg;
        let dimensions: Vec<DimensionScore> = found
            .iter()
            .map(|(dimension, points, finding)| DimensionScore {
                dimension: *dimension,
                points: *points,
                max: top_of(*dimension, &self.tops),
                reason: if cfg.coverage.tracks(*dimension) {
                    reason(finding, cfg)
                } else {
                    not_counted(*dimension)
                },
                counted: cfg.coverage.tracks(*dimension),
            })
            .collect();
        let score = self.score(found);
        Health {
            score,
            band: band_of(score, cfg),
            dimensions,
            over: u32::try_from(cfg.coverage.tracked()).unwrap_or(5),
        }
    }

    /// The trend ending today, whose findings are `now` and score `score`.
    fn trend(&mut self, now: &[Found; 5], today: NaiveDate, score: u32) -> Trend {
        let cfg = self.cfg;
        let back = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
        let since = self.findings(back(cfg.trend.delta_days.unsigned_abs()));
        let changes = change::between(&since, now, cfg);
        let previous_score = scaled_to(
            changes.iter().map(|c| (c.dimension, c.before)),
            cfg,
            &self.tops,
        );
        let weeks = cfg.trend.spark_weeks;
        let weekly = (0..weeks)
            .rev()
            .map(|w| {
                if w == 0 {
                    score
                } else {
                    let found = self.findings(back(7_u64.saturating_mul(w as u64)));
                    self.score(&found)
                }
            })
            .collect();
        Trend {
            delta: i32::try_from(score).unwrap_or(0) - i32::try_from(previous_score).unwrap_or(0),
            previous_score,
            previous_band: band_of(previous_score, cfg),
            weekly,
            changes,
        }
    }
}

fn findings(file: &PartnerFile, as_of: NaiveDate, cfg: &ProgramConfig) -> [Found; 5] {
    [
        revenue(file, as_of, cfg),
        activity(file, as_of, cfg),
        engagement(file, as_of, cfg),
        satisfaction(file, as_of, cfg),
        fit(file, cfg),
    ]
}

/// Sourced + influenced revenue over the 12 months ending `end` (inclusive).
#[must_use]
pub fn twelve_months(file: &PartnerFile, end: YearMonth) -> (i64, i64) {
    let start = end.plus(-11);
    file.revenue
        .iter()
        .filter(|r| r.month >= start && r.month <= end)
        .fold((0_i64, 0_i64), |(s, i), r| {
            (s.saturating_add(r.sourced), i.saturating_add(r.influenced))
        })
}

/// Growth in percent of `current` over `prior` (prior must be non-zero).
/// Multiplying before dividing keeps exact boundaries exact (+20.0%, not 19.99…).
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn growth_pct(current: i64, prior: i64) -> f64 {
    ((i128::from(current) - i128::from(prior)) as f64 * 100.0) / prior as f64
}

/// How revenue moved year on year, by the revenue rule's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Growth {
    /// Nothing either year.
    None,
    /// Nothing the year before, something now.
    New,
    Strong,
    Growing,
    Flat,
    Declining,
}

impl Growth {
    fn of(current: i64, prior: i64, rule: &RevenueRule) -> Growth {
        if prior <= 0 {
            return if current > 0 {
                Growth::New
            } else {
                Growth::None
            };
        }
        let g = growth_pct(current, prior);
        if g >= rule.strong_growth_pct {
            Growth::Strong
        } else if g >= rule.flat_pct {
            Growth::Growing
        } else if g > -rule.flat_pct {
            Growth::Flat
        } else {
            Growth::Declining
        }
    }
}

fn revenue(file: &PartnerFile, as_of: NaiveDate, cfg: &ProgramConfig) -> (Dimension, u32, Finding) {
    let rule = &cfg.health.revenue;
    let month = YearMonth::of(as_of);
    let (cs, ci) = twelve_months(file, month);
    let (ps, pi) = twelve_months(file, month.plus(-12));
    let (current, prior) = (cs.saturating_add(ci), ps.saturating_add(pi));
    let points = match Growth::of(current, prior, rule) {
        Growth::None => 0,
        Growth::New => rule.new_revenue_points,
        Growth::Strong => rule.strong_points,
        Growth::Growing => rule.growing_points,
        Growth::Flat => rule.flat_points,
        Growth::Declining => rule.declining_points,
    };
    (
        Dimension::Revenue,
        points,
        Finding::Revenue { current, prior },
    )
}

fn activity(
    file: &PartnerFile,
    as_of: NaiveDate,
    cfg: &ProgramConfig,
) -> (Dimension, u32, Finding) {
    let window_days = cfg.health.activity.window_days;
    let from = add_days(as_of, -window_days);
    let deals = file
        .deals
        .iter()
        .filter(|d| d.registered > from && d.registered <= as_of)
        .count();
    activity_of(deals, window_days, cfg)
}

/// Activity points for `deals` registered in the last `window_days`.
fn activity_of(deals: usize, window_days: i64, cfg: &ProgramConfig) -> (Dimension, u32, Finding) {
    let deals = i64::try_from(deals).unwrap_or(i64::MAX);
    let points = step_points(&cfg.health.activity.steps, deals);
    (
        Dimension::Activity,
        points,
        Finding::Activity { deals, window_days },
    )
}

fn engagement(
    file: &PartnerFile,
    as_of: NaiveDate,
    cfg: &ProgramConfig,
) -> (Dimension, u32, Finding) {
    engagement_in(
        file.activities.iter().filter(|a| a.kind.is_engagement()),
        as_of,
        cfg,
    )
}

/// Engagement as of `as_of`, from the activities that engage (portal
/// logins and trainings), in the file's order: the last of them on or
/// before the day counts.
fn engagement_in<'a>(
    engaging: impl DoubleEndedIterator<Item = &'a super::book::Activity>,
    as_of: NaiveDate,
    cfg: &ProgramConfig,
) -> (Dimension, u32, Finding) {
    let last = engaging.rev().find(|a| a.date <= as_of).map(|a| {
        (
            a.date,
            if a.kind == super::book::ActivityKind::Training {
                "training"
            } else {
                "portal login"
            },
        )
    });
    let days = last.map_or(i64::MAX, |(d, _)| (as_of - d).num_days());
    let steps = &cfg.health.engagement.steps;
    let label = steps.iter().position(|s| days <= s.max_days);
    let points = label.map_or(0, |i| steps[i].points);
    (
        Dimension::Engagement,
        points,
        Finding::Engagement { last, days, label },
    )
}

fn satisfaction(
    file: &PartnerFile,
    as_of: NaiveDate,
    cfg: &ProgramConfig,
) -> (Dimension, u32, Finding) {
    let latest = file
        .nps
        .iter()
        .rev()
        .find(|n| n.date <= as_of)
        .map(|n| (n.date, n.score));
    let points = latest.map_or(0, |(_, s)| {
        step_points(&cfg.health.satisfaction.steps, i64::from(s))
    });
    (
        Dimension::Satisfaction,
        points,
        Finding::Satisfaction { latest },
    )
}

fn fit(file: &PartnerFile, cfg: &ProgramConfig) -> (Dimension, u32, Finding) {
    let f = file.partner.fit;
    let rule = &cfg.health.fit;
    let points = match f {
        StrategicFit::Strong => rule.strong,
        StrategicFit::Moderate => rule.moderate,
        StrategicFit::Weak => rule.weak,
    };
    (Dimension::Fit, points, Finding::Fit(f))
}

/// Points of the first step whose `min` the value reaches (steps run high to low).
fn step_points(steps: &[CountStep], value: i64) -> u32 {
    steps
        .iter()
        .find(|s| value >= s.min)
        .map_or(0, |s| s.points)
}

/// A dimension's top points, of the five `HealthRules::top_points` gives.
fn top_of(dimension: Dimension, tops: &[u32; 5]) -> u32 {
    let [revenue, activity, engagement, satisfaction, fit] = *tops;
    match dimension {
        Dimension::Revenue => revenue,
        Dimension::Activity => activity,
        Dimension::Engagement => engagement,
        Dimension::Satisfaction => satisfaction,
        Dimension::Fit => fit,
    }
}

/// The reason of a dimension the book does not track.
fn not_counted(d: Dimension) -> String {
    let what = match d {
        Dimension::Revenue => "revenue or won deals",
        Dimension::Activity => "deal registrations",
        Dimension::Engagement => "portal logins or training",
        Dimension::Satisfaction => "NPS responses",
        Dimension::Fit => "strategic fit",
    };
    format!("not counted: this book records no {what}")
}

fn reason(finding: &Finding, cfg: &ProgramConfig) -> String {
    let cur = cfg.currency.as_str();
    let won = cfg.coverage.revenue_source == RevenueSource::WonDeals;
    let source = if won { " from won deals" } else { "" };
    match *finding {
        Finding::Revenue { current, prior } => {
            if prior <= 0 && current <= 0 {
                if won {
                    "no won deal in the last 24 months".to_string()
                } else {
                    "no revenue on record in the last 24 months".to_string()
                }
            } else if prior <= 0 {
                format!(
                    "new revenue: T12M {}{source} with none the year before",
                    money(current, cur)
                )
            } else {
                let word = match Growth::of(current, prior, &cfg.health.revenue) {
                    Growth::Strong => "strong growth",
                    Growth::Growing => "growing",
                    Growth::Flat => "flat",
                    Growth::Declining | Growth::New | Growth::None => "declining",
                };
                format!(
                    "revenue {} YoY (T12M {} vs {}{source}): {word}",
                    signed_pct(growth_pct(current, prior)),
                    money(current, cur),
                    money(prior, cur)
                )
            }
        }
        Finding::Activity { deals, window_days } => {
            format!(
                "{} registered in the last {window_days} days",
                plural(deals, "deal", "deals")
            )
        }
        Finding::Engagement { last, days, label } => match last {
            None => "no portal login or training on record (inactive)".to_string(),
            Some((_, what)) => {
                let cadence = label.map_or("inactive", |i| {
                    cfg.health.engagement.steps[i].label.as_str()
                });
                format!(
                    "last {what} {} ago ({cadence})",
                    plural(days, "day", "days")
                )
            }
        },
        Finding::Satisfaction { latest } => match latest {
            None => "no NPS on record".to_string(),
            Some((date, score)) => {
                let note = if score < 0 { ": negative" } else { "" };
                format!("NPS {score} ({}){note}", month_year(date))
            }
        },
        Finding::Fit(f) => format!("{f} strategic fit"),
    }
}
