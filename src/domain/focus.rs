//! Focus: the partners that need the manager most, ranked (docs/rules.md,
//! "Focus"). Today lists work by date; the morning question is *whom* to
//! call first. A partner's priority adds up what needs the manager — a band
//! drop and a weak band, overdue work (how much, how late), a touch overdue
//! beyond its cadence, a tier about to be lost — and then what is at stake
//! (revenue, tier, a strategic partner). Every input and weight is in
//! `[focus]`; every point comes with a reason a person can read.

use chrono::NaiveDate;
use serde::Deserialize;

use super::book::{PartnerFile, Segment, Tier};
use super::config::ProgramConfig;
use super::format::{day, money};
use super::health::Band;
use super::summary::PartnerSummary;
use super::tiers::Standing;
use super::today::{SectionKind, Subject, TriageEntry, TriageItem};

/// The weights of the priority (`[focus]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusRules {
    /// How many partners Focus shows.
    pub count: usize,
    /// The band fell within the trend window.
    pub band_drop: u32,
    pub band_churning: u32,
    pub band_critical: u32,
    pub band_at_risk: u32,
    /// Per overdue item, up to `overdue_item_cap` items.
    pub overdue_item: u32,
    pub overdue_item_cap: u32,
    /// Per day the latest overdue item is late, up to `overdue_day_cap`.
    pub overdue_day: u32,
    pub overdue_day_cap: u32,
    /// Per day a touch is overdue beyond its cadence, up to `touch_day_cap`
    /// (never touched counts as the cap).
    pub touch_day: u32,
    pub touch_day_cap: u32,
    pub downgrade_due: u32,
    pub below_criteria: u32,
    pub provisional_ending: u32,
    /// At stake, counted only for a partner that needs something: per
    /// $100K of T12M revenue up to `stake_cap`, the tier, a strategic partner.
    pub stake_per_100k: u32,
    pub stake_cap: u32,
    pub tier_platinum: u32,
    pub tier_gold: u32,
    pub tier_silver: u32,
    pub strategic: u32,
}

/// A partner's priority and its reasons, most telling first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priority {
    pub points: u32,
    pub reasons: Vec<String>,
}

/// What needs the manager, then what is at stake; None when nothing needs
/// them (a healthy partner with nothing late is never in Focus, however
/// big). `entries` are the partner's other lines on Today.
#[must_use]
pub fn priority(
    file: &PartnerFile,
    s: &PartnerSummary,
    entries: &[TriageEntry],
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Option<Priority> {
    let mut p = needs(s, entries, today, &cfg.focus);
    if p.points == 0 {
        return None;
    }
    if let Some((points, reason)) = at_stake(file, s, cfg) {
        p.points += points;
        p.reasons.push(reason);
    }
    Some(p)
}

/// What needs the manager: overdue work, the band and its drop, a touch
/// overdue, a tier about to be lost.
fn needs(
    s: &PartnerSummary,
    entries: &[TriageEntry],
    today: NaiveDate,
    w: &FocusRules,
) -> Priority {
    let mut p = Priority {
        points: 0,
        reasons: Vec::new(),
    };
    let mut add = |points: u32, reason: String| {
        if points > 0 {
            p.points += points;
            p.reasons.push(reason);
        }
    };
    // Overdue work: how much, and how late the oldest is.
    let overdue: Vec<&TriageItem> = entries
        .iter()
        .filter(|e| e.section == SectionKind::Overdue)
        .map(|e| &e.item)
        .collect();
    if let Some((due, oldest)) = overdue
        .iter()
        .filter_map(|i| i.due.map(|d| (d, i)))
        .min_by_key(|(d, _)| *d)
    {
        let late = u32::try_from((today - due).num_days().max(0)).unwrap_or(u32::MAX);
        let n = u32::try_from(overdue.len()).unwrap_or(u32::MAX);
        let more = if n > 1 {
            format!(" (+{} more)", n - 1)
        } else {
            String::new()
        };
        let when = if late == 0 {
            "due today".to_string()
        } else {
            format!("{late}d late")
        };
        add(
            w.overdue_item * n.min(w.overdue_item_cap)
                + w.overdue_day * late.min(w.overdue_day_cap),
            format!("{when}: {}{more}", oldest.title),
        );
    }
    let band = s.health.band;
    // A new partner's health has no history yet: neither its band nor a
    // drop of it says it needs the manager (docs/rules.md, "First deal and
    // new partners").
    let new = s.lifecycle.new;
    if s.trend.band_dropped(band) && !new {
        add(
            w.band_drop,
            format!("{} → {}", s.trend.previous_band.title(), band.title()),
        );
    }
    let band_points = match band {
        _ if new => 0,
        Band::Churning => w.band_churning,
        Band::Critical => w.band_critical,
        Band::AtRisk => w.band_at_risk,
        _ => 0,
    };
    add(
        band_points,
        format!("health {} {}", s.health.score, band.title()),
    );
    if s.touch.overdue {
        let beyond = s.touch.days_since.map(|d| d - s.touch.cadence_days);
        let days = beyond.map_or(w.touch_day_cap, |d| {
            u32::try_from(d.max(0))
                .unwrap_or(u32::MAX)
                .min(w.touch_day_cap)
        });
        add(
            w.touch_day * days,
            beyond.map_or("never touched".to_string(), |d| {
                format!("touch {d}d overdue")
            }),
        );
    }
    let tier = s.tier.current.title();
    match &s.tier.standing {
        Standing::DowngradeDue { .. } => add(w.downgrade_due, format!("{tier} downgrade due")),
        Standing::BelowCriteria { .. } => {
            add(w.below_criteria, format!("{tier} below criteria"));
        }
        _ => {}
    }
    if let Some(flag) = s.tier.provisional {
        add(
            w.provisional_ending,
            format!("provisional {tier} ends {}", day(flag.until)),
        );
    }
    p
}

/// What is at stake with the partner: its revenue, its tier, whether it
/// is strategic (`Gold, $520K T12M at stake`); None when nothing is.
fn at_stake(file: &PartnerFile, s: &PartnerSummary, cfg: &ProgramConfig) -> Option<(u32, String)> {
    let w = &cfg.focus;
    let revenue = s.t12m_revenue();
    let per = u32::try_from(revenue.max(0) / 100_000).unwrap_or(u32::MAX);
    let by_revenue = w.stake_per_100k.saturating_mul(per).min(w.stake_cap);
    let by_tier = match file.partner.tier {
        Tier::Platinum => w.tier_platinum,
        Tier::Gold => w.tier_gold,
        Tier::Silver => w.tier_silver,
        Tier::Registered => 0,
    };
    let strategic = if s.segment == Segment::Strategic {
        w.strategic
    } else {
        0
    };
    let points = by_revenue + by_tier + strategic;
    if points == 0 {
        return None;
    }
    let mut what = vec![file.partner.tier.title().to_string()];
    if revenue > 0 {
        what.push(format!("{} T12M at stake", money(revenue, &cfg.currency)));
    }
    if strategic > 0 {
        what.push("strategic".to_string());
    }
    Some((points, what.join(", ")))
}

/// A partner's Focus line: ranked by priority (higher first), ties by name.
#[must_use]
pub fn entry(
    file: &PartnerFile,
    s: &PartnerSummary,
    entries: &[TriageEntry],
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Option<TriageEntry> {
    let p = priority(file, s, entries, today, cfg)?;
    Some(TriageEntry {
        section: SectionKind::Focus,
        rank: -i64::from(p.points),
        item: TriageItem {
            subject: Subject::Partner {
                partner: file.partner.id,
            },
            partner: file.partner.name.clone(),
            partner_owner: file.partner.owner.clone(),
            tag: "★".into(),
            title: p.reasons.join(" · "),
            context: String::new(),
            owner: String::new(),
            due: None,
            detail: format!("priority {}", p.points),
            numbers: vec![("priority".into(), i64::from(p.points))],
            data: crate::domain::today::LineData::None,
        },
    })
}
