//! Today: the morning triage (SPEC §6).
//!
//! Sections in a fixed order, each sorted most urgent first. Every item names
//! its subject so a screen can jump to it and the CLI can print it.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::analysis::{Analysis, PartnerSummary};
use super::book::{Book, CampaignStatus, ContactRole, PartnerFile, QbrPhase, QbrStatus, Tier};
use super::campaigns::week_label;
use super::config::ProgramConfig;
use super::format::{day, due, money, plural};
use super::qbr::{item_due, prep};
use super::segments::segment_title;
use super::tiers::Standing;

/// What a triage line is about; Enter jumps there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Overdue,
    DueSoon,
    BandDropped,
    QbrsSoon,
    TouchOverdue,
    TierEvents,
    SingleThreaded,
}

impl SectionKind {
    #[must_use]
    pub fn title(self, cfg: &ProgramConfig) -> String {
        match self {
            SectionKind::Overdue => "Overdue or due today".to_string(),
            SectionKind::DueSoon => format!("Due in the next {} days", cfg.triage.due_soon_days),
            SectionKind::BandDropped => format!("Band dropped in {} days", cfg.trend.delta_days),
            SectionKind::QbrsSoon => {
                format!("QBRs in the next {} days", cfg.triage.qbr_window_days)
            }
            SectionKind::TouchOverdue => "Touch overdue".to_string(),
            SectionKind::TierEvents => "Tier events".to_string(),
            SectionKind::SingleThreaded => "Single-threaded".to_string(),
        }
    }
}

/// One line of Today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriageItem {
    pub subject: Subject,
    pub partner: String,
    /// Short tag: `W-1`, `QBR`, `ACT`, `▼`, `▲`.
    pub tag: String,
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// The rest of the line: why it is here.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    pub items: Vec<TriageItem>,
}

/// Build Today. Archived partners are left out.
#[must_use]
pub fn triage(
    book: &Book,
    analysis: &Analysis,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<Section> {
    let mut t = Collector::default();
    for (file, s) in book.partners.iter().zip(&analysis.partners) {
        if !file.partner.archived {
            t.add(file, s, today, cfg);
        }
    }
    t.into_sections(cfg)
}

/// Items gathered per section, with the key each section sorts by.
#[derive(Default)]
struct Collector {
    overdue: Vec<TriageItem>,
    due_soon: Vec<TriageItem>,
    dropped: Vec<(i32, TriageItem)>,
    qbrs: Vec<TriageItem>,
    touches: Vec<(std::cmp::Reverse<i64>, TriageItem)>,
    tiers: Vec<(u8, TriageItem)>,
    single: Vec<(std::cmp::Reverse<Tier>, TriageItem)>,
}

impl Collector {
    fn add(
        &mut self,
        file: &PartnerFile,
        s: &PartnerSummary,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) {
        let soon = today + Duration::days(cfg.triage.due_soon_days);
        for item in dated_work(file, today) {
            match item.due {
                Some(d) if d <= today => self.overdue.push(item),
                Some(d) if d <= soon => self.due_soon.push(item),
                _ => {}
            }
        }
        if s.trend.band_dropped(s.health.band) {
            self.dropped.push((s.trend.delta, band_drop(file, s)));
        }
        self.qbrs.extend(qbrs_soon(file, today, cfg));
        if s.touch.overdue {
            let late = s
                .touch
                .days_since
                .map_or(i64::MAX, |d| d - s.touch.cadence_days);
            self.touches
                .push((std::cmp::Reverse(late), touch_overdue(file, s)));
        }
        if let Some(item) = tier_event(file, s, cfg) {
            self.tiers.push(item);
        }
        if s.active_contacts <= cfg.triage.single_threaded_max {
            self.single
                .push((std::cmp::Reverse(file.partner.tier), single_threaded(file)));
        }
    }

    fn into_sections(mut self, cfg: &ProgramConfig) -> Vec<Section> {
        let by_due = |a: &TriageItem, b: &TriageItem| (a.due, &a.partner).cmp(&(b.due, &b.partner));
        self.overdue.sort_by(by_due);
        self.due_soon.sort_by(by_due);
        self.qbrs.sort_by(by_due);
        [
            (SectionKind::Overdue, self.overdue),
            (SectionKind::DueSoon, self.due_soon),
            (SectionKind::BandDropped, ranked(self.dropped)),
            (SectionKind::QbrsSoon, self.qbrs),
            (SectionKind::TouchOverdue, ranked(self.touches)),
            (SectionKind::TierEvents, ranked(self.tiers)),
            (SectionKind::SingleThreaded, ranked(self.single)),
        ]
        .into_iter()
        .map(|(kind, items)| Section {
            kind,
            title: kind.title(cfg),
            items,
        })
        .collect()
    }
}

/// Sort by rank, then partner name, and drop the rank.
fn ranked<K: Ord>(mut v: Vec<(K, TriageItem)>) -> Vec<TriageItem> {
    v.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.partner.cmp(&b.1.partner)));
    v.into_iter().map(|(_, item)| item).collect()
}

fn partner_line(file: &PartnerFile, tag: &str, title: String, detail: String) -> TriageItem {
    TriageItem {
        subject: Subject::Partner {
            partner: file.partner.id,
        },
        partner: file.partner.name.clone(),
        tag: tag.into(),
        title,
        owner: file.partner.owner.clone(),
        due: None,
        detail,
    }
}

/// `Healthy → At-risk   60 → 45   <the weakest dimension's reason>`
fn band_drop(file: &PartnerFile, s: &PartnerSummary) -> TriageItem {
    let why = s
        .health
        .dimensions
        .iter()
        .filter(|d| d.points < d.max)
        .min_by_key(|d| d.points * 100 / d.max.max(1))
        .map_or(String::new(), |d| d.reason.clone());
    partner_line(
        file,
        "▼",
        format!(
            "{} → {}",
            s.trend.previous_band.title(),
            s.health.band.title()
        ),
        format!("{} → {}  {why}", s.trend.previous_score, s.health.score),
    )
}

fn qbrs_soon<'a>(
    file: &'a PartnerFile,
    today: NaiveDate,
    cfg: &'a ProgramConfig,
) -> impl Iterator<Item = TriageItem> + 'a {
    file.qbrs
        .iter()
        .filter(move |q| {
            q.status == QbrStatus::Planned
                && (0..=cfg.triage.qbr_window_days).contains(&(q.date - today).num_days())
        })
        .map(|q| {
            let p = prep(q);
            TriageItem {
                subject: Subject::Qbr {
                    partner: file.partner.id,
                    qbr: q.id,
                },
                partner: file.partner.name.clone(),
                tag: "QBR".into(),
                title: format!("QBR {}", day(q.date)),
                owner: file.partner.owner.clone(),
                due: Some(q.date),
                detail: format!(
                    "prep {}% ({}/{}){}",
                    p.percent,
                    p.done,
                    p.total,
                    p.next.map(|n| format!("  next: {n}")).unwrap_or_default()
                ),
            }
        })
}

fn touch_overdue(file: &PartnerFile, s: &PartnerSummary) -> TriageItem {
    let last = s.touch.days_since.map_or("never touched".to_string(), |d| {
        format!("last touch {d}d ago")
    });
    partner_line(
        file,
        "●",
        segment_title(s.segment).to_string(),
        format!("{last} (cadence {}d)", s.touch.cadence_days),
    )
}

fn single_threaded(file: &PartnerFile) -> TriageItem {
    let who = file.contacts.iter().find(|c| c.active).map_or(
        "no active partner-side contact".to_string(),
        |c| {
            format!(
                "one partner-side contact ({}, {})",
                c.name,
                role_title(c.role)
            )
        },
    );
    partner_line(file, "!", file.partner.tier.title().to_string(), who)
}

/// Open dated work of a partner: campaign tasks, QBR checklist items and
/// action items, each with its due date.
fn dated_work(file: &PartnerFile, today: NaiveDate) -> Vec<TriageItem> {
    let p = &file.partner;
    let mut out = Vec::new();
    for c in &file.campaigns {
        if matches!(c.status, CampaignStatus::Done | CampaignStatus::Cancelled) {
            continue;
        }
        for t in c.tasks.iter().filter(|t| t.done.is_none()) {
            out.push(TriageItem {
                subject: Subject::CampaignTask {
                    partner: p.id,
                    campaign: c.id,
                    task: t.id,
                },
                partner: p.name.clone(),
                tag: week_label(t.week),
                title: format!("{} · {}", t.title, c.name),
                owner: t.owner.clone(),
                due: Some(t.due),
                detail: format!("due {} ({})", day(t.due), due(t.due, today)),
            });
        }
    }
    for q in &file.qbrs {
        if q.status == QbrStatus::Cancelled {
            continue;
        }
        if q.status == QbrStatus::Planned {
            // "During" items happen in the meeting itself; the QBR line covers them.
            let open = q
                .checklist
                .iter()
                .filter(|i| i.done.is_none() && i.phase != QbrPhase::During);
            for item in open {
                let d = item_due(q, item);
                out.push(TriageItem {
                    subject: Subject::ChecklistItem {
                        partner: p.id,
                        qbr: q.id,
                        item: item.id,
                    },
                    partner: p.name.clone(),
                    tag: "QBR".into(),
                    title: format!("{} · {} QBR {}", item.title, p.name, day(q.date)),
                    owner: "us".into(),
                    due: Some(d),
                    detail: format!("due {} ({})", day(d), due(d, today)),
                });
            }
        }
        for a in q.actions.iter().filter(|a| a.done.is_none()) {
            let Some(d) = a.due else { continue };
            out.push(TriageItem {
                subject: Subject::ActionItem {
                    partner: p.id,
                    qbr: q.id,
                    item: a.id,
                },
                partner: p.name.clone(),
                tag: "ACT".into(),
                title: format!("{} · {}", a.text, p.name),
                owner: a.owner.to_string(),
                due: Some(d),
                detail: format!("due {} ({})", day(d), due(d, today)),
            });
        }
    }
    out
}

/// A tier event worth a look, with a sort rank (most urgent first).
fn tier_event(
    file: &PartnerFile,
    s: &PartnerSummary,
    cfg: &ProgramConfig,
) -> Option<(u8, TriageItem)> {
    let p = &file.partner;
    let t = &s.tier;
    let m = &t.metrics;
    let evidence = format!(
        "{} sourced ARR, {}, {} certified",
        money(m.sourced_arr, &cfg.currency),
        plural(i64::from(m.referrals), "referral", "referrals"),
        m.certified
    );
    let (rank, tag, title, detail) = match (&t.standing, t.provisional) {
        (Standing::DowngradeDue { .. }, _) => (0, "▼", t.standing_text(), evidence),
        (_, Some(flag)) => {
            let when = if flag.days_left < 0 {
                format!("expired {}d ago", -flag.days_left)
            } else {
                format!(
                    "expires {} ({})",
                    day(flag.until),
                    plural(flag.days_left, "day", "days")
                )
            };
            (
                1,
                "⏳",
                format!("provisional {} {when}", p.tier.title()),
                evidence,
            )
        }
        (Standing::BelowCriteria { .. }, None) => (2, "▼", t.standing_text(), evidence),
        (Standing::UpgradeEligible { .. }, None) => (3, "▲", t.standing_text(), evidence),
        (Standing::Good, None) => return None,
    };
    Some((rank, partner_line(file, tag, title, format!("({detail})"))))
}

/// Contact role as people say it.
#[must_use]
pub fn role_title(role: ContactRole) -> &'static str {
    match role {
        ContactRole::ExecutiveSponsor => "executive sponsor",
        ContactRole::PartnerManager => "partner manager",
        ContactRole::Technical => "technical",
        ContactRole::Marketing => "marketing",
        ContactRole::Sales => "sales",
        ContactRole::Other => "other",
    }
}
