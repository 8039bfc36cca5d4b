//! Recruit and onboard (docs/rules.md, "Prospects and the scorecard",
//! "Lifecycle clock", "Onboarding plan", "First deal and new partners"):
//! how long a partner has been in its lifecycle stage against the stage's
//! plan, when it joined and how long its first won deal took, whether it is
//! still *new*, a prospect's scorecard reading, and the onboarding plan a
//! signed partner gets.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::book::{
    Campaign, CampaignResults, CampaignStatus, CampaignType, DealStage, Lifecycle, Objective,
    Partner, PartnerFile, RedFlag, Scorecard, StageChange,
};
use super::config::{ProgramConfig, TaskTemplate};
use super::edit::Change;
use super::format::plural;

/// The lifecycle rules of the program config (`[lifecycle]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleRules {
    /// How many days each stage is planned to take (the seed's lifecycle:
    /// 30 days each); grow has no plan.
    pub plan_days: StagePlan,
    /// A signed partner this many days past `joined` with no won deal is
    /// a Today line (the seed's time to first deal, under 90 days).
    pub first_deal_days: i64,
    /// A partner joined fewer days ago than this is *new*: marked so in
    /// lists, its band drops not reported.
    pub new_days: i64,
    /// The scorecard's readings: a total at or above each.
    pub platinum_potential: u32,
    pub gold_potential: u32,
    pub silver_potential: u32,
    /// A prospect that is not ready is looked at again this many months
    /// after it was scored.
    pub revisit_months: u32,
    /// The onboarding plan: week 1 is the first week after joining; a
    /// task is due on the last day of its week plus `day_offset`.
    pub onboarding: Vec<TaskTemplate>,
}

/// Planned days per stage.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StagePlan {
    pub recruit: i64,
    pub onboard: i64,
    pub enable: i64,
    pub activate: i64,
}

impl LifecycleRules {
    /// The stage's planned days; None for grow (ongoing).
    #[must_use]
    pub fn plan(&self, stage: Lifecycle) -> Option<i64> {
        match stage {
            Lifecycle::Recruit => Some(self.plan_days.recruit),
            Lifecycle::Onboard => Some(self.plan_days.onboard),
            Lifecycle::Enable => Some(self.plan_days.enable),
            Lifecycle::Activate => Some(self.plan_days.activate),
            Lifecycle::Grow => None,
        }
    }
}

/// The date part of an RFC 3339 timestamp (`2024-01-01T…`): read from
/// its digits when written `YYYY-MM-DD` (a new day reads it several
/// times for every partner), else as chrono's `%Y-%m-%d` reads it.
fn created_date(p: &Partner) -> Option<NaiveDate> {
    let text = p.created_at.get(..10)?;
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0_u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// When the partner joined (signed the agreement): `joined`, else the day
/// it was added to the book.
#[must_use]
pub fn joined(p: &Partner, today: NaiveDate) -> NaiveDate {
    p.joined.or_else(|| created_date(p)).unwrap_or(today)
}

/// How long a partner has been in its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageClock {
    pub stage: Lifecycle,
    /// The day it entered the stage.
    #[serde(serialize_with = "crate::domain::dates::iso")]
    pub since: NaiveDate,
    pub days: i64,
    /// The stage's planned days (None for grow).
    pub plan_days: Option<i64>,
}

impl StageClock {
    /// The partner's clock: its stage entered on the last recorded move
    /// into it; with none recorded, a prospect since it was added to the
    /// book and a signed partner since it joined.
    #[must_use]
    pub fn of(file: &PartnerFile, today: NaiveDate, rules: &LifecycleRules) -> StageClock {
        let p = &file.partner;
        let recorded = file
            .stage_changes
            .iter()
            .rev()
            .find(|c| c.to == p.lifecycle)
            .map(|c| c.date);
        let since = recorded.unwrap_or_else(|| {
            if p.lifecycle == Lifecycle::Recruit {
                created_date(p).unwrap_or(today)
            } else {
                joined(p, today)
            }
        });
        StageClock {
            stage: p.lifecycle,
            since,
            days: (today - since).num_days().max(0),
            plan_days: rules.plan(p.lifecycle),
        }
    }

    /// Longer in the stage than its plan.
    #[must_use]
    pub fn over_plan(&self) -> bool {
        self.plan_days.is_some_and(|plan| self.days > plan)
    }

    /// `enable for 33 months, plan 30 days`; `onboard for 12 days`.
    #[must_use]
    pub fn words(&self) -> String {
        let s = format!("{} for {}", self.stage, span(self.days));
        match self.plan_days {
            Some(plan) => format!("{s}, plan {}", plural(plan, "day", "days")),
            None => s,
        }
    }

    /// `enable 33mo`, `onboard 12d`: the stage and its days, short.
    #[must_use]
    pub fn short(&self) -> String {
        format!("{} {}", self.stage, short_span(self.days))
    }
}

/// `12 days`, `9 weeks`, `33 months`: days up to 60, then months.
#[must_use]
pub fn span(days: i64) -> String {
    if days < 60 {
        plural(days, "day", "days")
    } else {
        plural(days * 12 / 365, "month", "months")
    }
}

/// `12d`, `33mo`.
#[must_use]
pub fn short_span(days: i64) -> String {
    if days < 60 {
        format!("{days}d")
    } else {
        format!("{}mo", days * 12 / 365)
    }
}

/// A partner past `recruit`: it has signed.
#[must_use]
pub fn signed(p: &Partner) -> bool {
    p.lifecycle != Lifecycle::Recruit
}

/// Signed fewer than `new_days` ago: *new* in lists, band drops not
/// reported (its health has no history to fall from).
#[must_use]
pub fn is_new(p: &Partner, today: NaiveDate, rules: &LifecycleRules) -> bool {
    signed(p) && (today - joined(p, today)).num_days() < rules.new_days
}

/// A partner's first deal: when it joined, its first won deal and the days
/// between (docs/rules.md, "First deal and new partners").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstDeal {
    #[serde(serialize_with = "crate::domain::dates::iso")]
    pub joined: NaiveDate,
    /// The day its earliest won deal closed.
    #[serde(serialize_with = "crate::domain::dates::iso_opt")]
    pub first_won: Option<NaiveDate>,
    /// Days from `joined` to `first_won` (0 when it won before it joined).
    pub days_to_first_deal: Option<i64>,
    /// Days since it joined.
    pub days_since_joined: i64,
}

impl FirstDeal {
    /// The first deal of a partner as of `today` (won deals closed after
    /// `today` do not count yet).
    #[must_use]
    pub fn of(file: &PartnerFile, today: NaiveDate) -> FirstDeal {
        let joined = joined(&file.partner, today);
        let first_won = file
            .deals
            .iter()
            .filter(|d| d.stage == DealStage::Won)
            .map(|d| d.closed.unwrap_or(d.stage_changed))
            .filter(|d| *d <= today)
            .min();
        FirstDeal {
            joined,
            first_won,
            days_to_first_deal: first_won.map(|w| (w - joined).num_days().max(0)),
            days_since_joined: (today - joined).num_days().max(0),
        }
    }

    /// Signed, no won deal, and `first_deal_days` or more past joining:
    /// the days since it joined.
    #[must_use]
    pub fn overdue(&self, p: &Partner, rules: &LifecycleRules) -> Option<i64> {
        (signed(p) && self.first_won.is_none() && self.days_since_joined >= rules.first_deal_days)
            .then_some(self.days_since_joined)
    }

    /// `first deal in 41 days (Tue 14 Jul 2026)`, `no won deal in 120
    /// days since joining`.
    #[must_use]
    pub fn words(&self) -> String {
        match (self.first_won, self.days_to_first_deal) {
            (Some(won), Some(days)) => format!(
                "first deal {} after joining ({})",
                plural(days, "day", "days"),
                super::format::day_year(won)
            ),
            _ => format!(
                "no won deal in {} since joining",
                plural(self.days_since_joined, "day", "days")
            ),
        }
    }
}

/// Time to first deal over a set of partners (the Program metric of
/// docs/rules.md, "Program numbers"): the median days from `joined` to the
/// first won deal of partners who joined in the year to `today` and have
/// one, and how many signed partners are past `first_deal_days` without.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeToFirstDeal {
    pub median_days: Option<i64>,
    /// Partners the median is over.
    pub partners: usize,
    /// Signed partners past `first_deal_days` with no won deal.
    pub past_plan: usize,
}

/// See [`TimeToFirstDeal`].
#[must_use]
pub fn time_to_first_deal<'a>(
    files: impl Iterator<Item = &'a PartnerFile>,
    today: NaiveDate,
    rules: &LifecycleRules,
) -> TimeToFirstDeal {
    let year_ago = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let mut days = Vec::new();
    let mut past_plan = 0;
    for f in files.filter(|f| !f.partner.archived && signed(&f.partner)) {
        let fd = FirstDeal::of(f, today);
        if fd.overdue(&f.partner, rules).is_some() {
            past_plan += 1;
        }
        if fd.joined > year_ago {
            days.extend(fd.days_to_first_deal);
        }
    }
    days.sort_unstable();
    let median_days = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2]),
        n => Some(i64::midpoint(days[n / 2 - 1], days[n / 2])),
    };
    TimeToFirstDeal {
        median_days,
        partners: days.len(),
        past_plan,
    }
}

/// One scorecard dimension: its JSON key, its title and the seed's
/// indicators (the form's hint).
pub struct Dimension {
    pub key: &'static str,
    pub title: &'static str,
    pub indicators: &'static str,
}

/// The seed's seven dimensions, in its order (as `Scorecard::scores`).
pub const DIMENSIONS: [Dimension; 7] = [
    Dimension {
        key: "customer_overlap",
        title: "Customer overlap",
        indicators: "Shared ICP, complementary segments",
    },
    Dimension {
        key: "product_synergy",
        title: "Product synergy",
        indicators: "Integration value, workflow fit",
    },
    Dimension {
        key: "sales_capacity",
        title: "Sales capacity",
        indicators: "Dedicated partner resources, quota",
    },
    Dimension {
        key: "marketing_capability",
        title: "Marketing capability",
        indicators: "Content team, event presence, budget",
    },
    Dimension {
        key: "technical_depth",
        title: "Technical depth",
        indicators: "Engineering resources, API expertise",
    },
    Dimension {
        key: "brand_alignment",
        title: "Brand alignment",
        indicators: "Reputation, market perception",
    },
    Dimension {
        key: "commitment_level",
        title: "Commitment level",
        indicators: "Executive sponsor, dedicated team",
    },
];

impl RedFlag {
    /// The seed's red flag, why it matters and its alternative.
    #[must_use]
    pub fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            RedFlag::NoPartnerTeam => (
                "No dedicated partner team",
                "Partnership will be deprioritized",
                "Wait until they build capacity",
            ),
            RedFlag::CompetitiveOverlap => (
                "Competitive overlap",
                "Conflict of interest",
                "Define clear swim lanes",
            ),
            RedFlag::PoorReviews => (
                "Poor customer reviews",
                "Association risk",
                "Protect your brand",
            ),
            RedFlag::FinancialInstability => (
                "Financial instability",
                "Partnership may not last",
                "Monitor or delay",
            ),
            RedFlag::MisalignedIncentives => (
                "Misaligned incentives",
                "Goals will diverge",
                "Restructure deal terms",
            ),
            RedFlag::OneWayInterest => (
                "One-way interest",
                "You'll do all the work",
                "Find mutual value",
            ),
        }
    }
}

/// What a scorecard total says (the seed's scoring guide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    PlatinumPotential,
    GoldPotential,
    SilverPotential,
    NotReady,
}

impl Reading {
    #[must_use]
    pub fn of(total: u32, rules: &LifecycleRules) -> Reading {
        if total >= rules.platinum_potential {
            Reading::PlatinumPotential
        } else if total >= rules.gold_potential {
            Reading::GoldPotential
        } else if total >= rules.silver_potential {
            Reading::SilverPotential
        } else {
            Reading::NotReady
        }
    }

    /// `Gold potential — invest moderately`.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Reading::PlatinumPotential => "Platinum potential — prioritize heavily",
            Reading::GoldPotential => "Gold potential — invest moderately",
            Reading::SilverPotential => "Silver potential — standard engagement",
            Reading::NotReady => "Not ready — revisit in 6 months",
        }
    }

    /// `Gold potential`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Reading::PlatinumPotential => "Platinum potential",
            Reading::GoldPotential => "Gold potential",
            Reading::SilverPotential => "Silver potential",
            Reading::NotReady => "Not ready",
        }
    }
}

/// A scorecard read against the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualification {
    /// When it was scored.
    #[serde(serialize_with = "crate::domain::dates::iso")]
    pub scored: NaiveDate,
    pub total: u32,
    /// How many red flags were seen.
    pub red_flags: usize,
    pub reading: Reading,
    /// When a prospect that is not ready comes back (scored + 6 months).
    #[serde(serialize_with = "crate::domain::dates::iso_opt")]
    pub revisit: Option<NaiveDate>,
}

impl Qualification {
    #[must_use]
    pub fn of(card: &Scorecard, rules: &LifecycleRules) -> Qualification {
        let total = card.total();
        let reading = Reading::of(total, rules);
        let revisit = (reading == Reading::NotReady).then(|| {
            card.date
                .checked_add_months(Months::new(rules.revisit_months))
                .unwrap_or(card.date)
        });
        Qualification {
            scored: card.date,
            total,
            red_flags: card.red_flags.len(),
            reading,
            revisit,
        }
    }
}

/// A prospect not ready whose revisit date has come: the date.
#[must_use]
pub fn revisit_due(
    file: &PartnerFile,
    today: NaiveDate,
    rules: &LifecycleRules,
) -> Option<NaiveDate> {
    if file.partner.lifecycle != Lifecycle::Recruit {
        return None;
    }
    let q = Qualification::of(file.scorecard.as_ref()?, rules);
    q.revisit.filter(|d| *d <= today)
}

/// The onboarding plan a partner joining on `joined` gets: a campaign of
/// type `onboarding` whose tasks are the config's template (ids 0: the
/// store numbers them).
#[must_use]
pub fn onboarding_plan(joined: NaiveDate, cfg: &ProgramConfig) -> Campaign {
    Campaign {
        id: 0,
        name: "Onboarding".into(),
        kind: CampaignType::Onboarding,
        launch: joined,
        objective: Objective::Revenue,
        audience: String::new(),
        key_message: String::new(),
        kpi: "first deal registration".into(),
        kpi_target: 1,
        lead_model: String::new(),
        budget_ours: 0,
        budget_partner: 0,
        status: CampaignStatus::Live,
        results: CampaignResults::default(),
        tasks: super::campaigns::template_tasks(CampaignType::Onboarding, joined, cfg),
    }
}

/// The partner's onboarding plan, if it has one.
#[must_use]
pub fn plan_of(file: &PartnerFile) -> Option<&Campaign> {
    file.campaigns
        .iter()
        .rev()
        .find(|c| c.kind == CampaignType::Onboarding)
}

/// Where a partner stands in recruit and onboard: what its summary keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleStatus {
    pub clock: StageClock,
    pub first_deal: FirstDeal,
    /// Joined fewer than `new_days` ago.
    pub new: bool,
    /// The scorecard's reading, once scored.
    pub qualification: Option<Qualification>,
    /// The onboarding plan's tasks done, of all, and its % done.
    pub plan: Option<(usize, usize, u32)>,
}

impl LifecycleStatus {
    #[must_use]
    pub fn of(file: &PartnerFile, today: NaiveDate, rules: &LifecycleRules) -> LifecycleStatus {
        LifecycleStatus {
            clock: StageClock::of(file, today, rules),
            first_deal: FirstDeal::of(file, today),
            new: is_new(&file.partner, today, rules),
            qualification: file.scorecard.as_ref().map(|c| Qualification::of(c, rules)),
            plan: plan_of(file).map(|c| {
                let p = super::campaigns::progress(c, today);
                (p.done, p.total, p.percent)
            }),
        }
    }
}

/// The change that saves `after` over the partner's fields: a plain edit,
/// or — when the stage moves — a dated stage change, with the onboarding
/// plan when it enters `onboard` without one. Leaving recruit (signing)
/// sets `joined` to the day given, else today.
#[must_use]
pub fn save_partner(
    file: &PartnerFile,
    mut after: Partner,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Change {
    let before = file.partner.clone();
    if before.lifecycle == after.lifecycle {
        return Change::EditPartner { before, after };
    }
    // Signing: joined is the day it moved, unless given (an imported
    // prospect's joined is only the CRM's create date).
    if before.lifecycle == Lifecycle::Recruit && after.joined == before.joined {
        after.joined = Some(today);
    }
    let plan = (after.lifecycle == Lifecycle::Onboard && plan_of(file).is_none())
        .then(|| onboarding_plan(after.joined.unwrap_or(today), cfg));
    Change::SetStage {
        record: StageChange {
            from: before.lifecycle,
            to: after.lifecycle,
            date: today,
        },
        before,
        after,
        plan,
    }
}

/// Sign a prospect: onboard from `joined` (docs/rules.md, "Signing").
#[must_use]
pub fn sign(
    file: &PartnerFile,
    joined: NaiveDate,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Change {
    let after = Partner {
        lifecycle: Lifecycle::Onboard,
        joined: Some(joined),
        ..file.partner.clone()
    };
    save_partner(file, after, today, cfg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::partner_file;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn readings_follow_the_seed_guide() {
        let r = ProgramConfig::default().lifecycle;
        assert_eq!(Reading::of(35, &r), Reading::PlatinumPotential);
        assert_eq!(Reading::of(34, &r), Reading::GoldPotential);
        assert_eq!(Reading::of(25, &r), Reading::GoldPotential);
        assert_eq!(Reading::of(24, &r), Reading::SilverPotential);
        assert_eq!(Reading::of(15, &r), Reading::SilverPotential);
        assert_eq!(Reading::of(14, &r), Reading::NotReady);
        let card = Scorecard::with_scores(d(2026, 5, 31), [2, 2, 2, 2, 2, 2, 2], vec![]);
        let q = Qualification::of(&card, &r);
        assert_eq!((q.total, q.reading), (14, Reading::NotReady));
        assert_eq!(q.revisit, Some(d(2026, 11, 30)));
    }

    #[test]
    fn the_clock_reads_the_last_move_into_the_stage_else_joined() {
        let r = ProgramConfig::default().lifecycle;
        let mut f = partner_file("Acorn AI SAS");
        f.partner.lifecycle = Lifecycle::Enable;
        f.partner.created_at = "2023-02-10T09:00:00Z".into();
        let today = d(2026, 11, 23);
        let c = StageClock::of(&f, today, &r);
        assert_eq!(c.since, d(2023, 2, 10));
        assert!(c.over_plan());
        assert_eq!(c.words(), "enable for 45 months, plan 30 days");
        f.stage_changes.push(StageChange {
            from: Lifecycle::Onboard,
            to: Lifecycle::Enable,
            date: d(2026, 10, 30),
        });
        let c = StageClock::of(&f, today, &r);
        assert_eq!((c.days, c.over_plan()), (24, false));
        assert_eq!(c.words(), "enable for 24 days, plan 30 days");
    }

    #[test]
    fn the_day_added_is_read_as_chrono_reads_it() {
        let mut f = partner_file("Acorn AI SAS");
        for stamp in [
            "2023-02-10T09:00:00Z",
            "2024-02-29 10:00:00",
            "2023-02-29T09:00:00Z",
            "2023-2-10T09:00:00Z",
            "+2023-02-10",
            "0000-01-01T00:00:00Z",
            "2023-02-1",
            "2023-02-10",
            "",
            "garbage text here",
        ] {
            f.partner.created_at = stamp.into();
            let chrono = stamp
                .get(..10)
                .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok());
            assert_eq!(created_date(&f.partner), chrono, "{stamp}");
        }
    }

    #[test]
    fn first_deal_counts_days_from_joined_and_flags_90_without() {
        let r = ProgramConfig::default().lifecycle;
        let mut f = partner_file("Birch");
        f.partner.lifecycle = Lifecycle::Activate;
        f.partner.joined = Some(d(2026, 6, 1));
        let fd = FirstDeal::of(&f, d(2026, 8, 29));
        assert_eq!(fd.overdue(&f.partner, &r), None, "89 days");
        let fd = FirstDeal::of(&f, d(2026, 8, 30));
        assert_eq!(fd.overdue(&f.partner, &r), Some(90));
        assert_eq!(fd.words(), "no won deal in 90 days since joining");
        assert!(!is_new(&f.partner, d(2026, 8, 30), &r));
        assert!(is_new(&f.partner, d(2026, 8, 29), &r));
    }

    #[test]
    fn entering_onboard_signs_and_brings_the_plan() {
        let cfg = ProgramConfig::default();
        let mut f = partner_file("Cedar");
        f.partner.lifecycle = Lifecycle::Recruit;
        let today = d(2026, 11, 23);
        let Change::SetStage {
            after,
            record,
            plan: Some(plan),
            ..
        } = sign(&f, today, today, &cfg)
        else {
            panic!("a stage change with a plan");
        };
        assert_eq!(after.joined, Some(today));
        assert_eq!(
            (record.from, record.to),
            (Lifecycle::Recruit, Lifecycle::Onboard)
        );
        assert_eq!(plan.tasks.len(), 12);
        assert_eq!(plan.tasks[0].due, d(2026, 11, 29), "end of week 1");
        assert_eq!(plan.tasks[11].due, d(2026, 12, 20), "end of week 4");
    }
}
