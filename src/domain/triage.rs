//! Today: the morning triage (docs/rules.md, "Today").
//!
//! Sections in a fixed order, each sorted most urgent first. Every item names
//! its subject so a screen can jump to it and the CLI can print it. The line
//! and section types live in [`super::today`].

use chrono::{Datelike, NaiveDate};

use super::book::{
    Book, CampaignStatus, ContactRole, PartnerFile, PartnerType, QbrStatus, Segment, Tier,
};
use super::campaigns::week_label;
use super::config::ProgramConfig;
use super::dates::add_days;
use super::format::{day, due, money, plural};
use super::health::moved;
use super::qbr::{is_open_work, item_due, prep};
use super::segments::segment_title;
use super::summary::{Analysis, PartnerSummary};
use super::today::{
    LineData, Section, SectionKind, Subject, TierEventData, TierEventKind, TriageEntry, TriageItem,
};

/// Build Today from the book. Archived partners are left out.
#[must_use]
pub fn triage(
    book: &Book,
    analysis: &Analysis,
    _today: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<Section> {
    assemble(
        book.partners
            .iter()
            .zip(&analysis.partners)
            .filter(|(f, _)| !f.partner.archived)
            .flat_map(|(_, s)| &s.today),
        cfg,
    )
}

/// Put every partner's entries into the sections of Today, most urgent first.
#[must_use]
pub fn assemble<'a>(
    entries: impl Iterator<Item = &'a TriageEntry>,
    cfg: &ProgramConfig,
) -> Vec<Section> {
    SectionKind::ALL
        .iter()
        .zip(order(entries.map(|e| (e, LineKey::of(e))), cfg))
        .map(|(kind, list)| Section {
            kind: *kind,
            title: kind.title().to_string(),
            window: kind.window(cfg),
            items: list.into_iter().map(|e| e.item.clone()).collect(),
        })
        .collect()
}

/// What Today orders a line by: its section, then its rank in it (smaller
/// first), then its partner's name — the name itself (`&str`) or its place
/// among the names ([`name_places`]), which orders the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineKey<P> {
    pub section: SectionKind,
    pub rank: i64,
    pub partner: P,
}

impl<'a> LineKey<&'a str> {
    /// The key of `entry`.
    #[must_use]
    pub fn of(entry: &'a TriageEntry) -> LineKey<&'a str> {
        LineKey {
            section: entry.section,
            rank: entry.rank,
            partner: &entry.item.partner,
        }
    }
}

/// Each name's place in name order, equal names in one place: Today's
/// order by partner name, as numbers (a list of 140,000 lines is sorted
/// faster on them than on the names).
#[must_use]
pub fn name_places(names: &[&str]) -> Vec<u32> {
    // Names compare as their bytes do: the first sixteen as one number
    // settle most comparisons without reading the names again; names that
    // begin alike are then put in order by the whole name.
    let head = |name: &str| {
        let mut bytes = [0u8; 16];
        let n = name.len().min(16);
        bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
        u128::from_be_bytes(bytes)
    };
    let mut heads: Vec<(u128, u32)> = (0..u32::try_from(names.len()).unwrap_or(u32::MAX))
        .map(|i| (head(names[i as usize]), i))
        .collect();
    heads.sort_unstable();
    for alike in heads.chunk_by_mut(|a, b| a.0 == b.0) {
        if alike.len() > 1 {
            alike.sort_unstable_by_key(|&(_, i)| names[i as usize]);
        }
    }
    let by_name: Vec<u32> = heads.into_iter().map(|(_, i)| i).collect();
    let mut places = vec![0; names.len()];
    let mut place = 0u32;
    for (n, pair) in by_name.iter().enumerate() {
        if n > 0 && names[by_name[n - 1] as usize] != names[*pair as usize] {
            place += 1;
        }
        places[*pair as usize] = place;
    }
    places
}

/// Today's order without copying a line: for each section (in
/// `SectionKind::ALL` order) the keys of its lines, most urgent first
/// (rank, then partner name; ties keep the order given). Focus keeps its
/// first `focus.count`, picked before the rest of its candidates are
/// sorted (the same lines as sorting them all and keeping the first).
pub fn order<K, P: Ord>(
    entries: impl Iterator<Item = (K, LineKey<P>)>,
    cfg: &ProgramConfig,
) -> Vec<Vec<K>> {
    let mut by_section: Vec<Vec<(usize, K, i64, P)>> = std::iter::repeat_with(Vec::new)
        .take(SectionKind::ALL.len())
        .collect();
    for (n, (k, line)) in entries.enumerate() {
        by_section[line.section.index()].push((n, k, line.rank, line.partner));
    }
    let urgent =
        |a: &(usize, K, i64, P), b: &(usize, K, i64, P)| (a.2, &a.3, a.0).cmp(&(b.2, &b.3, b.0));
    by_section
        .into_iter()
        .zip(SectionKind::ALL)
        .map(|(mut list, kind)| {
            let keep = if kind == SectionKind::Focus {
                cfg.focus.count
            } else {
                list.len()
            };
            if keep == 0 {
                list.clear();
            } else if keep < list.len() {
                list.select_nth_unstable_by(keep - 1, urgent);
                list.truncate(keep);
            }
            list.sort_unstable_by(urgent);
            list.into_iter().map(|(_, k, _, _)| k).collect()
        })
        .collect()
}

/// Every line this partner puts on Today.
#[must_use]
pub fn partner_entries(
    file: &PartnerFile,
    s: &PartnerSummary,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<TriageEntry> {
    let entry = |section, rank, item| TriageEntry {
        section,
        rank,
        item,
    };
    let day_rank = |d: Option<NaiveDate>| d.map_or(i64::MAX, |d| i64::from(d.num_days_from_ce()));
    let soon = add_days(today, cfg.triage.due_soon_days);
    let mut out = Vec::new();
    for item in dated_work(file, today, soon, cfg) {
        let section = if item.due.is_some_and(|d| d <= today) {
            SectionKind::Overdue
        } else {
            SectionKind::DueSoon
        };
        out.push(entry(section, day_rank(item.due), item));
    }
    // A new partner's health has no history to fall from.
    if s.trend.band_dropped(s.health.band) && !s.lifecycle.new {
        out.push(entry(
            SectionKind::BandDropped,
            i64::from(s.trend.delta),
            band_drop(file, s),
        ));
    }
    for item in qbrs_soon(file, today, cfg) {
        out.push(entry(SectionKind::QbrsSoon, day_rank(item.due), item));
    }
    if s.touch.overdue {
        let late = s
            .touch
            .days_since
            .map_or(i64::MAX, |d| d - s.touch.cadence_days);
        out.push(entry(
            SectionKind::TouchOverdue,
            -late,
            touch_overdue(file, s),
        ));
    }
    if let Some((rank, item)) = tier_event(file, s, cfg) {
        out.push(entry(SectionKind::TierEvents, i64::from(rank), item));
    }
    for (rank, item) in lifecycle_lines(file, s, today, cfg) {
        out.push(entry(SectionKind::Lifecycle, rank, item));
    }
    if s.single_threaded {
        let tier_rank = -i64::try_from(file.partner.tier.index()).unwrap_or(0);
        out.push(entry(
            SectionKind::SingleThreaded,
            tier_rank,
            single_threaded(file),
        ));
    }
    if needs_executive(file, s) {
        let tier_rank = -i64::try_from(file.partner.tier.index()).unwrap_or(0);
        out.push(entry(
            SectionKind::NoExecutive,
            tier_rank,
            no_executive(file, s),
        ));
    }
    if let Some((days, item)) = nps_due(file, today, cfg) {
        out.push(entry(SectionKind::NpsDue, -days, item));
    }
    for (days, item) in mdf_without_results(file, today, cfg) {
        out.push(entry(SectionKind::MdfWithoutResults, -days, item));
    }
    if let Some(focus) = super::focus::entry(file, s, &out, today, cfg) {
        out.push(focus);
    }
    out
}

fn partner_line(file: &PartnerFile, tag: &str, title: String, detail: String) -> TriageItem {
    TriageItem {
        subject: Subject::Partner {
            partner: file.partner.id,
        },
        partner: file.partner.name.clone(),
        partner_owner: file.partner.owner.clone(),
        tag: tag.into(),
        title,
        context: String::new(),
        owner: String::new(),
        due: None,
        detail,
        numbers: Vec::new(),
        data: LineData::None,
    }
}

/// The line's numbers by name, for scripts.
fn numbers<const N: usize>(pairs: [(&str, i64); N]) -> Vec<(String, i64)> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

/// `At-risk → Critical` with `40 → 35 · activity 20 → 10: 2 deals in 91
/// days, was 4`: the score then and now, and every dimension that moved,
/// biggest fall first.
fn band_drop(file: &PartnerFile, s: &PartnerSummary) -> TriageItem {
    let mut detail = format!("{} → {}", s.trend.previous_score, s.health.score);
    for c in moved(&s.trend.changes) {
        detail.push_str(" · ");
        detail.push_str(&c.line());
    }
    let mut item = partner_line(
        file,
        "▼",
        format!(
            "{} → {}",
            s.trend.previous_band.title(),
            s.health.band.title()
        ),
        detail,
    );
    item.data = LineData::BandDrop {
        before: s.trend.previous_band,
        now: s.health.band,
    };
    item.numbers = numbers([
        ("score_before", i64::from(s.trend.previous_score)),
        ("score_now", i64::from(s.health.score)),
    ]);
    item
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
                partner_owner: file.partner.owner.clone(),
                tag: "QBR".into(),
                title: format!("QBR {}", day(q.date)),
                context: String::new(),
                owner: String::new(),
                due: Some(q.date),
                detail: format!(
                    "prep {}% ({}/{}){}",
                    p.percent,
                    p.done,
                    p.total,
                    p.next.map(|n| format!(" · next: {n}")).unwrap_or_default()
                ),
                numbers: numbers([
                    ("prep_percent", i64::from(p.percent)),
                    ("prep_done", i64::try_from(p.done).unwrap_or(i64::MAX)),
                    ("prep_total", i64::try_from(p.total).unwrap_or(i64::MAX)),
                ]),
                data: LineData::None,
            }
        })
}

fn touch_overdue(file: &PartnerFile, s: &PartnerSummary) -> TriageItem {
    let last = s.touch.days_since.map_or("never touched".to_string(), |d| {
        format!("last touch {d}d ago")
    });
    let mut item = partner_line(
        file,
        "●",
        segment_title(s.segment).to_string(),
        format!("{last} (cadence {}d)", s.touch.cadence_days),
    );
    item.numbers = numbers([("cadence_days", s.touch.cadence_days)]);
    if let Some(d) = s.touch.days_since {
        item.numbers.push(("days_since_touch".into(), d));
    }
    item
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
    let active = file.contacts.iter().filter(|c| c.active).count();
    let mut item = partner_line(file, "!", file.partner.tier.title().to_string(), who);
    item.numbers = numbers([("active_contacts", i64::try_from(active).unwrap_or(i64::MAX))]);
    item
}

/// A strategic or Platinum partner needs an executive sponsor on their
/// side (the playbook's "No executive engagement" warning sign).
fn needs_executive(file: &PartnerFile, s: &PartnerSummary) -> bool {
    let p = &file.partner;
    let strategic = s.segment == Segment::Strategic
        || p.tier == Tier::Platinum
        || p.kind == Some(PartnerType::Strategic);
    strategic
        && !file
            .contacts
            .iter()
            .any(|c| c.active && c.role == ContactRole::ExecutiveSponsor)
}

fn no_executive(file: &PartnerFile, s: &PartnerSummary) -> TriageItem {
    let why = if file.partner.tier == Tier::Platinum {
        "Platinum"
    } else {
        segment_title(s.segment)
    };
    partner_line(
        file,
        "!",
        "No executive engagement".to_string(),
        format!("{why} partner with no active executive sponsor on file"),
    )
}

/// A partner the book surveys (it has answered before) with no response
/// for `triage.nps_days`: (days since the last), the line.
fn nps_due(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> Option<(i64, TriageItem)> {
    let last = file
        .nps
        .iter()
        .filter(|n| n.date <= today)
        .map(|n| n.date)
        .max()?;
    let days = (today - last).num_days();
    if days < cfg.triage.nps_days {
        return None;
    }
    let detail = format!(
        "last NPS response {} ago ({}); quarterly survey",
        plural(days, "day", "days"),
        day(last)
    );
    let mut item = partner_line(file, "?", "NPS due".to_string(), detail);
    item.numbers = numbers([("days_since_nps", days)]);
    Some((days, item))
}

/// Campaigns that spent MDF and report no result past their review:
/// (days since W+2, the line), the longest first.
fn mdf_without_results(
    file: &PartnerFile,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<(i64, TriageItem)> {
    file.campaigns
        .iter()
        .filter_map(|c| {
            let days = super::mdf::without_accountability(c, today, cfg)?;
            let detail = format!(
                "{} MDF spent, no results {} after its W+2 review ({}): enter pipeline and closed-won (R)",
                super::format::money(c.budget_ours, &cfg.currency),
                plural(days, "day", "days"),
                day(add_days(c.launch, 14))
            );
            let mut item = partner_line(file, "$", c.name.clone(), detail);
            item.numbers = numbers([("budget_ours", c.budget_ours), ("days_since_review", days)]);
            Some((days, item))
        })
        .collect()
}

/// Open dated work of a partner due by `until`: campaign tasks, QBR
/// checklist items and action items, each with its due date.
fn dated_work(
    file: &PartnerFile,
    today: NaiveDate,
    until: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<TriageItem> {
    let p = &file.partner;
    let mut out = Vec::new();
    for c in &file.campaigns {
        if matches!(c.status, CampaignStatus::Done | CampaignStatus::Cancelled) {
            continue;
        }
        for t in c
            .tasks
            .iter()
            .filter(|t| t.done.is_none() && t.due <= until)
        {
            out.push(TriageItem {
                subject: Subject::CampaignTask {
                    partner: p.id,
                    campaign: c.id,
                    task: t.id,
                },
                partner: p.name.clone(),
                partner_owner: p.owner.clone(),
                tag: week_label(t.week),
                title: t.title.clone(),
                context: c.name.clone(),
                owner: t.owner.clone(),
                due: Some(t.due),
                detail: format!("due {} ({})", day(t.due), due(t.due, today)),
                numbers: Vec::new(),
                data: LineData::None,
            });
        }
    }
    for q in &file.qbrs {
        if q.status == QbrStatus::Cancelled {
            continue;
        }
        // Which items are work to do is the QBR rule (docs/rules.md, "QBRs").
        let open = q
            .checklist
            .iter()
            .filter(|i| is_open_work(q, i, today, cfg));
        for item in open {
            let d = item_due(q, item);
            if d > until {
                continue;
            }
            out.push(TriageItem {
                subject: Subject::ChecklistItem {
                    partner: p.id,
                    qbr: q.id,
                    item: item.id,
                },
                partner: p.name.clone(),
                partner_owner: p.owner.clone(),
                tag: "QBR".into(),
                title: item.title.clone(),
                context: format!("QBR {}", day(q.date)),
                owner: "us".into(),
                due: Some(d),
                detail: format!("due {} ({})", day(d), due(d, today)),
                numbers: Vec::new(),
                data: LineData::None,
            });
        }
        for a in q.actions.iter().filter(|a| a.done.is_none()) {
            let Some(d) = a.due.filter(|d| *d <= until) else {
                continue;
            };
            out.push(TriageItem {
                subject: Subject::ActionItem {
                    partner: p.id,
                    qbr: q.id,
                    item: a.id,
                },
                partner: p.name.clone(),
                partner_owner: p.owner.clone(),
                tag: "ACT".into(),
                title: a.text.clone(),
                context: String::new(),
                owner: a.owner.to_string(),
                due: Some(d),
                detail: format!("due {} ({})", day(d), due(d, today)),
                numbers: Vec::new(),
                data: LineData::None,
            });
        }
    }
    out
}

/// Every tier event of a partner on one line, most urgent first, with the
/// rank of the most urgent (docs/rules.md, "Today").
fn tier_event(
    file: &PartnerFile,
    s: &PartnerSummary,
    cfg: &ProgramConfig,
) -> Option<(u8, TriageItem)> {
    let t = &s.tier;
    let m = &t.metrics;
    let events = t.events();
    let first = events.first()?;
    let evidence = format!(
        "{} sourced ARR, {}, {} certified",
        money(m.sourced_arr, &cfg.currency),
        plural(i64::from(m.referrals), "referral", "referrals"),
        m.certified
    );
    let title = events
        .iter()
        .map(|e| e.text.as_str())
        .collect::<Vec<_>>()
        .join(" · ");
    let mut item = partner_line(file, first.tag, title, format!("({evidence})"));
    item.data = LineData::Tier(tier_event_data(t));
    item.numbers = numbers([
        ("sourced_arr", m.sourced_arr),
        ("referrals", i64::from(m.referrals)),
        ("certified", i64::from(m.certified)),
    ]);
    Some((first.rank, item))
}

/// A tier line's events as fields, most urgent first (as
/// `TierStatus::events` orders them).
fn tier_event_data(t: &crate::domain::tiers::TierStatus) -> Vec<TierEventData> {
    use crate::domain::tiers::Standing;
    let from = t.current;
    let mut out: Vec<(u8, TierEventData)> = Vec::new();
    let event = |event, to, since, until| TierEventData {
        event,
        from,
        to,
        since,
        until,
    };
    match &t.standing {
        Standing::DowngradeDue {
            to,
            since,
            grace_ended,
        } => out.push((
            0,
            event(
                TierEventKind::DowngradeDue,
                Some(*to),
                Some(*since),
                Some(*grace_ended),
            ),
        )),
        Standing::BelowCriteria {
            since, grace_ends, ..
        } => out.push((
            2,
            event(
                TierEventKind::BelowCriteria,
                from.below(),
                Some(*since),
                Some(*grace_ends),
            ),
        )),
        Standing::UpgradeEligible { to } => out.push((
            3,
            event(TierEventKind::UpgradeEligible, Some(*to), None, None),
        )),
        Standing::Good | Standing::Provisional { .. } => {}
    }
    if let Some(flag) = t.provisional {
        out.push((
            1,
            event(
                TierEventKind::ProvisionalExpiring,
                None,
                None,
                Some(flag.until),
            ),
        ));
    }
    out.sort_by_key(|(rank, _)| *rank);
    out.into_iter().map(|(_, e)| e).collect()
}

/// The partner's recruit-and-onboard lines (docs/rules.md, "Lifecycle
/// clock", "First deal and new partners", "Prospects and the scorecard"),
/// each ranked by how long it has waited (longest first).
fn lifecycle_lines(
    file: &PartnerFile,
    s: &PartnerSummary,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<(i64, TriageItem)> {
    use super::lifecycle::{LifecycleStatus, revisit_due, span};
    use super::today::LifecycleLine;
    let LifecycleStatus {
        clock, first_deal, ..
    } = &s.lifecycle;
    let stage = clock.stage;
    let line = |tag: &str, kind: LifecycleLine, title: String, detail: String| {
        let mut item = partner_line(file, tag, title, detail);
        item.data = LineData::Lifecycle { line: kind, stage };
        item
    };
    let mut out = Vec::new();
    // A prospect scored not ready waits for its revisit date instead.
    let parked = s
        .lifecycle
        .qualification
        .as_ref()
        .is_some_and(|q| q.revisit.is_some() && stage == super::book::Lifecycle::Recruit);
    if let (true, false, Some(plan)) = (clock.over_plan(), parked, clock.plan_days) {
        let mut item = line(
            "»",
            LifecycleLine::StageOverPlan,
            clock.words(),
            format!("in {stage} since {}", day(clock.since)),
        );
        item.numbers = numbers([("days_in_stage", clock.days), ("plan_days", plan)]);
        out.push((-(clock.days - plan), item));
    }
    if let Some(days) = first_deal.overdue(&file.partner, &cfg.lifecycle) {
        let mut item = line(
            "$",
            LifecycleLine::NoFirstDeal,
            format!("no won deal {} after joining", span(days)),
            format!(
                "joined {}; first deal planned within {}",
                day(first_deal.joined),
                plural(cfg.lifecycle.first_deal_days, "day", "days")
            ),
        );
        item.numbers = numbers([
            ("days_since_joined", days),
            ("first_deal_days", cfg.lifecycle.first_deal_days),
        ]);
        out.push((-(days - cfg.lifecycle.first_deal_days), item));
    }
    if let (Some(due_on), Some(q)) = (
        revisit_due(file, today, &cfg.lifecycle),
        &s.lifecycle.qualification,
    ) {
        let mut item = line(
            "↻",
            LifecycleLine::ProspectRevisit,
            "prospect to revisit".to_string(),
            format!(
                "scored {}/35 {} on {}; revisit from {}",
                q.total,
                q.reading.title(),
                day(file.scorecard.as_ref().map_or(due_on, |c| c.date)),
                day(due_on)
            ),
        );
        item.due = Some(due_on);
        item.numbers = numbers([("scorecard_total", i64::from(q.total))]);
        out.push((-(today - due_on).num_days(), item));
    }
    out
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
