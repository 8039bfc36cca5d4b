//! The lines of Today and the sections they sit in (docs/rules.md, "Today").
//!
//! Types only: `triage` makes the lines, the partner summary carries each
//! partner's, and screens and the CLI show them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::book::Tier;
use super::config::ProgramConfig;
use super::health::Band;

/// What a triage line is about; Enter jumps there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Partner {
        partner: i64,
    },
    CampaignTask {
        partner: i64,
        campaign: i64,
        task: i64,
    },
    ChecklistItem {
        partner: i64,
        qbr: i64,
        item: i64,
    },
    ActionItem {
        partner: i64,
        qbr: i64,
        item: i64,
    },
    Qbr {
        partner: i64,
        qbr: i64,
    },
}

impl Subject {
    #[must_use]
    pub fn partner(self) -> i64 {
        match self {
            Subject::Partner { partner }
            | Subject::CampaignTask { partner, .. }
            | Subject::ChecklistItem { partner, .. }
            | Subject::ActionItem { partner, .. }
            | Subject::Qbr { partner, .. } => partner,
        }
    }

    /// Can this line be marked done (`x`)?
    #[must_use]
    pub fn is_task(self) -> bool {
        matches!(
            self,
            Subject::CampaignTask { .. }
                | Subject::ChecklistItem { .. }
                | Subject::ActionItem { .. }
        )
    }
}

/// The sections of Today, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// The partners that need the manager most, ranked (`domain::focus`).
    Focus,
    Overdue,
    DueSoon,
    BandDropped,
    QbrsSoon,
    TouchOverdue,
    TierEvents,
    /// Recruit and onboard: a stage past its plan, no first deal 90 days
    /// after joining, a prospect to look at again (`domain::lifecycle`).
    Lifecycle,
    SingleThreaded,
    /// A strategic or Platinum partner without an active executive sponsor.
    NoExecutive,
    /// No NPS response for `triage.nps_days` (in a book that records NPS).
    NpsDue,
    /// A campaign that spent MDF and reports no result after its review
    /// (the seed's "MDF without accountability").
    MdfWithoutResults,
}

impl SectionKind {
    /// The sections in the order Today shows them.
    pub const ALL: [SectionKind; 12] = [
        SectionKind::Focus,
        SectionKind::Overdue,
        SectionKind::DueSoon,
        SectionKind::BandDropped,
        SectionKind::QbrsSoon,
        SectionKind::TouchOverdue,
        SectionKind::TierEvents,
        SectionKind::Lifecycle,
        SectionKind::SingleThreaded,
        SectionKind::NoExecutive,
        SectionKind::NpsDue,
        SectionKind::MdfWithoutResults,
    ];

    /// The section's count in the words of its title, for the summary
    /// line: `13 touches overdue`, `1 touch overdue`.
    #[must_use]
    pub fn words(self, n: usize) -> String {
        let (one, many) = match self {
            SectionKind::Focus => ("to focus on", "to focus on"),
            SectionKind::Overdue => ("overdue or due today", "overdue or due today"),
            SectionKind::DueSoon => ("due soon", "due soon"),
            SectionKind::BandDropped => ("band drop", "band drops"),
            SectionKind::QbrsSoon => ("QBR soon", "QBRs soon"),
            SectionKind::TouchOverdue => ("touch overdue", "touches overdue"),
            SectionKind::TierEvents => ("tier event", "tier events"),
            SectionKind::Lifecycle => ("lifecycle line", "lifecycle lines"),
            SectionKind::SingleThreaded => ("single-threaded", "single-threaded"),
            SectionKind::NoExecutive => ("without an executive", "without an executive"),
            SectionKind::NpsDue => ("NPS due", "NPS due"),
            SectionKind::MdfWithoutResults => (
                "campaign spent without results",
                "campaigns spent without results",
            ),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// Position in [`SectionKind::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        SectionKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(0)
    }

    /// The section's title, the summary line's words: `Touches overdue`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Focus => "Focus",
            SectionKind::Overdue => "Overdue or due today",
            SectionKind::DueSoon => "Due soon",
            SectionKind::BandDropped => "Band drops",
            SectionKind::QbrsSoon => "QBRs soon",
            SectionKind::TouchOverdue => "Touches overdue",
            SectionKind::TierEvents => "Tier events",
            SectionKind::Lifecycle => "Recruit and onboard",
            SectionKind::SingleThreaded => "Single-threaded",
            SectionKind::NoExecutive => "No executive engagement",
            SectionKind::NpsDue => "NPS due",
            SectionKind::MdfWithoutResults => "MDF without accountability",
        }
    }

    /// The window a section looks at, when it has one: `next 7 days`.
    #[must_use]
    pub fn window(self, cfg: &ProgramConfig) -> Option<String> {
        match self {
            SectionKind::DueSoon => Some(format!("next {} days", cfg.triage.due_soon_days)),
            SectionKind::BandDropped => Some(format!("in {} days", cfg.trend.delta_days)),
            SectionKind::QbrsSoon => Some(format!("next {} days", cfg.triage.qbr_window_days)),
            SectionKind::NpsDue => Some(format!("none in {} days", cfg.triage.nps_days)),
            SectionKind::MdfWithoutResults => {
                Some(format!("{} days after W+2", cfg.mdf.results_due_days))
            }
            _ => None,
        }
    }
}

/// One line of Today. Every line names its partner; the words a person
/// reads are put together by [`TriageItem::headline`] (and by the cockpit,
/// which keeps the partner's name whole when space is short).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageItem {
    pub subject: Subject,
    pub partner: String,
    /// The partner manager who owns the partner.
    pub partner_owner: String,
    /// Short tag: `W-1`, `QBR`, `ACT`, `▼`, `▲`.
    pub tag: String,
    /// What the line is about, without the partner: `First email send`,
    /// `QBR Fri 04 Dec`, `Healthy → At-risk`.
    pub title: String,
    /// What it belongs to: the campaign's name, `QBR Mon 30 Nov`; empty
    /// when it stands alone.
    pub context: String,
    /// Who does it (`us`, `partner`, `both` or a role); empty on lines
    /// about the partner itself.
    pub owner: String,
    #[serde(serialize_with = "crate::domain::dates::iso_opt")]
    pub due: Option<NaiveDate>,
    /// The rest of the line: why it is here.
    pub detail: String,
    /// The line's numbers by name (`prep_percent`, `score_now`, …), for
    /// scripts.
    pub numbers: Vec<(String, i64)>,
    /// What a partner line is about, as fields for scripts (glyphs stay
    /// in `tag`): a tier line's events, a band drop's bands.
    pub data: LineData,
}

/// A partner line's facts as data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineData {
    #[default]
    None,
    /// Every tier event of the partner, most urgent first.
    Tier(Vec<TierEventData>),
    /// The band 30 days ago and now.
    BandDrop { before: Band, now: Band },
    /// A recruit-and-onboard line: what it is, and the stage.
    Lifecycle {
        line: LifecycleLine,
        stage: super::book::Lifecycle,
    },
}

/// The kinds of recruit-and-onboard line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleLine {
    /// Longer in its stage than the stage's plan.
    StageOverPlan,
    /// Signed, `first_deal_days` past joining, no won deal.
    NoFirstDeal,
    /// A prospect scored not ready whose revisit date has come.
    ProspectRevisit,
}

impl LifecycleLine {
    /// As scripts see it: `stage_over_plan`, …
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleLine::StageOverPlan => "stage_over_plan",
            LifecycleLine::NoFirstDeal => "no_first_deal",
            LifecycleLine::ProspectRevisit => "prospect_revisit",
        }
    }
}

/// One tier event, as `today --json` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierEventData {
    pub event: TierEventKind,
    /// The tier it holds.
    pub from: Tier,
    /// Where it goes: the tier it qualifies for, or the one a downgrade
    /// lands on; None for a provisional tier ending.
    pub to: Option<Tier>,
    /// When it fell below its tier's criteria.
    #[serde(serialize_with = "crate::domain::dates::iso_opt")]
    pub since: Option<NaiveDate>,
    /// When grace ends (or ended), or the provisional tier ends.
    #[serde(serialize_with = "crate::domain::dates::iso_opt")]
    pub until: Option<NaiveDate>,
}

/// The kinds of tier event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierEventKind {
    UpgradeEligible,
    BelowCriteria,
    DowngradeDue,
    ProvisionalExpiring,
}

impl TriageItem {
    /// Lines about the partner itself lead with its name; work items lead
    /// with the work.
    #[must_use]
    pub fn partner_first(&self) -> bool {
        matches!(self.subject, Subject::Partner { .. })
    }

    /// `First email send · Juniper Point · Customer 360 — newsletter swap`,
    /// `QBR Fri 04 Dec · Quartz AI Pty`, `Mosaic Works Ltd · At-risk → Critical`.
    #[must_use]
    pub fn headline(&self) -> String {
        let parts: [&str; 3] = if self.partner_first() {
            [&self.partner, &self.title, &self.context]
        } else {
            [&self.title, &self.partner, &self.context]
        };
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Who is on the hook: the owner side of a task, else the partner's
    /// manager.
    #[must_use]
    pub fn who(&self) -> &str {
        if self.owner.is_empty() {
            &self.partner_owner
        } else {
            &self.owner
        }
    }

    /// The kind of line, as scripts see it: `campaign_task`, `qbr`,
    /// `band_drop`, …
    #[must_use]
    pub fn kind(&self, section: SectionKind) -> &'static str {
        match self.subject {
            Subject::CampaignTask { .. } => "campaign_task",
            Subject::ChecklistItem { .. } => "qbr_checklist_item",
            Subject::ActionItem { .. } => "action_item",
            Subject::Qbr { .. } => "qbr",
            Subject::Partner { .. } => match section {
                SectionKind::Focus => "focus",
                SectionKind::BandDropped => "band_drop",
                SectionKind::TouchOverdue => "touch_overdue",
                SectionKind::TierEvents => "tier_event",
                SectionKind::Lifecycle => match self.data {
                    LineData::Lifecycle { line, .. } => line.as_str(),
                    _ => "partner",
                },
                SectionKind::SingleThreaded => "single_threaded",
                SectionKind::NoExecutive => "no_executive",
                SectionKind::NpsDue => "nps_due",
                SectionKind::MdfWithoutResults => "mdf_without_results",
                _ => "partner",
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    /// `next 7 days`, for sections that look at a window.
    pub window: Option<String>,
    pub items: Vec<TriageItem>,
}

/// One of a partner's lines on Today, with the key its section sorts by
/// (smaller first; ties by partner name). Made once per partner by the
/// analysis, so Today can be put together without reading the book again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageEntry {
    pub section: SectionKind,
    pub rank: i64,
    pub item: TriageItem,
}
