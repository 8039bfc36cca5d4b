//! The partners behind each program metric, in groups: who is active and
//! who is not, who was counted for time to first deal and who is past 90
//! days, who was kept and who was lost (the Program screen's Enter).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Day, won_in_year, year_before};
use crate::domain::book::{Lifecycle, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::format::{day_year, money, plural};
use crate::domain::lifecycle::{FirstDeal, LifecycleRules, signed};
use crate::domain::qbr::tally;

/// A partner in a metric's list, with what it counts as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    pub id: i64,
    pub name: String,
    /// `$1.2M sourced`, `first deal in 41 days`, `NPS 62 on Tue 02 Jun 2026`.
    pub note: String,
}

/// A titled list of partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub title: String,
    pub partners: Vec<Counted>,
}

fn counted(f: &PartnerFile, note: String) -> Counted {
    Counted {
        id: f.partner.id,
        name: f.partner.name.clone(),
        note,
    }
}

/// Partners with revenue, largest first (sourced, or sourced + influenced).
pub(super) fn by_revenue(day: &Day<'_>, with_influenced: bool, cur: &str) -> Vec<Group> {
    let mut rows: Vec<(i64, Counted)> = day
        .partners
        .iter()
        .map(|(f, (s, i), _)| {
            if with_influenced {
                let all = s.saturating_add(*i);
                (
                    all,
                    counted(
                        f,
                        format!(
                            "{} ({} sourced + {} influenced)",
                            money(all, cur),
                            money(*s, cur),
                            money(*i, cur)
                        ),
                    ),
                )
            } else {
                (*s, counted(f, format!("{} sourced", money(*s, cur))))
            }
        })
        .filter(|(v, _)| *v > 0)
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let title = if with_influenced {
        "Partners by sourced + influenced revenue, T12M"
    } else {
        "Partners by sourced revenue, T12M"
    };
    vec![Group {
        title: title.into(),
        partners: rows.into_iter().map(|(_, c)| c).collect(),
    }]
}

/// The last won deal up to `day`.
fn last_won(f: &PartnerFile, day: NaiveDate) -> Option<NaiveDate> {
    f.deals
        .iter()
        .filter(|d| d.stage == crate::domain::book::DealStage::Won)
        .filter_map(|d| d.closed)
        .filter(|c| *c <= day)
        .max()
}

pub(super) fn activation(day: &Day<'_>) -> Vec<Group> {
    let mut active = Vec::new();
    let mut idle = Vec::new();
    for (f, _, won) in &day.partners {
        if *won > 0 {
            active.push(counted(
                f,
                format!(
                    "{} won in 12 months",
                    plural(i64::try_from(*won).unwrap_or(0), "deal", "deals")
                ),
            ));
        } else {
            let note = last_won(f, day.on).map_or_else(
                || "no won deal yet".to_string(),
                |d| format!("last won deal {}", day_year(d)),
            );
            idle.push(counted(f, note));
        }
    }
    vec![
        Group {
            title: format!(
                "Active: a won deal in the last 12 months ({})",
                active.len()
            ),
            partners: active,
        },
        Group {
            title: format!("Not active ({})", idle.len()),
            partners: idle,
        },
    ]
}

pub(super) fn nps(latest: &[(&PartnerFile, Option<(NaiveDate, i32)>)]) -> Vec<Group> {
    let mut answered: Vec<(i32, Counted)> = Vec::new();
    let mut silent = Vec::new();
    for (f, l) in latest {
        match l {
            Some((date, score)) => {
                answered.push((
                    *score,
                    counted(f, format!("NPS {score} on {}", day_year(*date))),
                ));
            }
            None => silent.push(counted(f, "no NPS response in 12 months".into())),
        }
    }
    answered.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    vec![
        Group {
            title: format!(
                "Latest response in the last 12 months, lowest first ({})",
                answered.len()
            ),
            partners: answered.into_iter().map(|(_, c)| c).collect(),
        },
        Group {
            title: format!("No response ({})", silent.len()),
            partners: silent,
        },
    ]
}

pub(super) fn active_by_revenue(day: &Day<'_>, cur: &str) -> Vec<Group> {
    let mut rows: Vec<(i64, Counted)> = day
        .partners
        .iter()
        .filter(|(_, _, won)| *won > 0)
        .map(|(f, (s, i), _)| {
            let all = s.saturating_add(*i);
            (
                all,
                counted(
                    f,
                    format!("{} · {}", money(all, cur), f.partner.tier.title()),
                ),
            )
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    vec![Group {
        title: format!("Active partners by T12M revenue ({})", rows.len()),
        partners: rows.into_iter().map(|(_, c)| c).collect(),
    }]
}

pub(super) fn first_deal(
    files: &[PartnerFile],
    today: NaiveDate,
    rules: &LifecycleRules,
) -> Vec<Group> {
    let year_ago = year_before(today);
    let mut counted_in = Vec::new();
    let mut past = Vec::new();
    for f in files
        .iter()
        .filter(|f| !f.partner.archived && signed(&f.partner))
    {
        let fd = FirstDeal::of(f, today);
        if fd.joined > year_ago && fd.days_to_first_deal.is_some() {
            counted_in.push((fd.days_to_first_deal.unwrap_or(0), counted(f, fd.words())));
        }
        if let Some(days) = fd.overdue(&f.partner, rules) {
            past.push((
                days,
                counted(
                    f,
                    format!(
                        "no won deal in {} since joining ({})",
                        plural(days, "day", "days"),
                        day_year(fd.joined)
                    ),
                ),
            ));
        }
    }
    counted_in.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    past.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    vec![
        Group {
            title: format!(
                "Counted: joined in the last 12 months, first deal won ({})",
                counted_in.len()
            ),
            partners: counted_in.into_iter().map(|(_, c)| c).collect(),
        },
        Group {
            title: format!(
                "Past {} days without a won deal ({})",
                rules.first_deal_days,
                past.len()
            ),
            partners: past.into_iter().map(|(_, c)| c).collect(),
        },
    ]
}

pub(super) fn retention(
    kept: &[&PartnerFile],
    lost: &[&PartnerFile],
    today: NaiveDate,
) -> Vec<Group> {
    let kept_list = kept
        .iter()
        .map(|f| {
            counted(
                f,
                format!(
                    "{} won in 12 months",
                    plural(
                        i64::try_from(won_in_year(f, today)).unwrap_or(0),
                        "deal",
                        "deals"
                    )
                ),
            )
        })
        .collect();
    let lost_list = lost
        .iter()
        .map(|f| {
            let why = if f.partner.archived {
                "archived".to_string()
            } else {
                last_won(f, today).map_or_else(
                    || "no won deal".to_string(),
                    |d| format!("no won deal since {}", day_year(d)),
                )
            };
            counted(f, why)
        })
        .collect();
    vec![
        Group {
            title: format!("Lost: active a year ago, not now ({})", lost.len()),
            partners: lost_list,
        },
        Group {
            title: format!("Kept: active a year ago and now ({})", kept.len()),
            partners: kept_list,
        },
    ]
}

pub(super) fn qbrs(day: &Day<'_>, cfg: &ProgramConfig) -> Vec<Group> {
    let mut missed = Vec::new();
    let mut held = Vec::new();
    for (f, _, _) in &day.partners {
        let t = tally(&f.qbrs, day.on, cfg);
        let note = format!("{} held, {} missed", t.held, t.missed);
        if t.missed > 0 {
            missed.push((t.missed, counted(f, note)));
        } else if t.held > 0 {
            held.push((t.held, counted(f, note)));
        }
    }
    missed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    held.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    vec![
        Group {
            title: format!("Missed a QBR ({})", missed.len()),
            partners: missed.into_iter().map(|(_, c)| c).collect(),
        },
        Group {
            title: format!("Held every QBR due ({})", held.len()),
            partners: held.into_iter().map(|(_, c)| c).collect(),
        },
    ]
}

/// Campaigns that spent MDF and report no result past their review
/// (`mdf::without_accountability`), one line each, longest overdue first.
pub(super) fn without_results(day: &Day<'_>, cfg: &ProgramConfig) -> Group {
    let cur = cfg.currency.as_str();
    let mut rows: Vec<(i64, Counted)> = Vec::new();
    for (f, _, _) in &day.partners {
        for c in &f.campaigns {
            if let Some(days) = crate::domain::mdf::without_accountability(c, day.on, cfg) {
                rows.push((
                    days,
                    counted(
                        f,
                        format!(
                            "{}: {} MDF, no results {} after its W+2 review",
                            c.name,
                            money(c.budget_ours, cur),
                            plural(days, "day", "days")
                        ),
                    ),
                ));
            }
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    Group {
        title: format!("Spent without results ({})", rows.len()),
        partners: rows.into_iter().map(|(_, c)| c).collect(),
    }
}

/// Partners with MDF, least used first.
pub(super) fn mdf_standing(day: &Day<'_>, cfg: &ProgramConfig) -> Group {
    let mut rows: Vec<(u32, Counted)> = day
        .partners
        .iter()
        .filter(|(f, _, _)| f.partner.lifecycle != Lifecycle::Recruit)
        .map(|(f, _, _)| (f, crate::domain::mdf::standing(f, day.on, cfg)))
        .filter_map(|(f, s)| s.utilization_pct.map(|p| (p, counted(f, s.text))))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    Group {
        title: format!("Partners with MDF, least used first ({})", rows.len()),
        partners: rows.into_iter().map(|(_, c)| c).collect(),
    }
}
