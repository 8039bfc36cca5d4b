//! Coverage: a 60-partner demo shows every situation the spec lists,
//! checked through the domain's own rules.

use super::*;

struct Seen<'a> {
    book: &'a Book,
    analysis: Analysis,
    today: NaiveDate,
    cfg: ProgramConfig,
}

fn seen(b: &Book, today: NaiveDate) -> Seen<'_> {
    let cfg = ProgramConfig::default();
    Seen {
        book: b,
        analysis: Analysis::of(b, today, &cfg),
        today,
        cfg,
    }
}

/// Days around month, quarter and year ends, and a leap day.
fn other_days() -> Vec<NaiveDate> {
    [
        (2024, 2, 29),
        (2025, 12, 31),
        (2026, 1, 1),
        (2026, 3, 31),
        (2026, 7, 4),
        (2027, 10, 1),
    ]
    .iter()
    .map(|(y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d).expect("date"))
    .collect()
}

/// Run a check on the default book for several seeds on the pinned day,
/// and for the default seed on other days.
fn each_seed(check: impl Fn(&Seen)) {
    let cfg = ProgramConfig::default();
    for seed in SEEDS {
        let b = book(60, *seed);
        check(&seen(&b, pinned()));
    }
    for day in other_days() {
        let b = generate(&DemoOptions::default(), day, &cfg);
        check(&seen(&b, day));
    }
}

#[test]
fn every_type_tier_and_band_is_present() {
    each_seed(|s| {
        for kind in PartnerType::ALL {
            assert!(
                s.book
                    .partners
                    .iter()
                    .any(|f| f.partner.kind == Some(*kind)),
                "{kind}"
            );
        }
        for tier in Tier::ALL {
            assert!(
                s.book.partners.iter().any(|f| f.partner.tier == *tier),
                "{tier}"
            );
        }
        for band in &Band::SCORED {
            assert!(
                s.analysis.partners.iter().any(|p| p.health.band == *band),
                "{band}"
            );
        }
        let owners: HashSet<&str> = s
            .book
            .partners
            .iter()
            .map(|f| f.partner.owner.as_str())
            .collect();
        assert!((3..=4).contains(&owners.len()), "{owners:?}");
    });
}

#[test]
fn revenue_grows_holds_falls_or_is_absent() {
    each_seed(|s| {
        let now = YearMonth::of(s.today);
        let mut kinds = HashSet::new();
        for f in &s.book.partners {
            let (cs, ci) = twelve_months(f, now);
            let (ps, pi) = twelve_months(f, now.plus(-12));
            let (cur, prior) = (cs + ci, ps + pi);
            kinds.insert(match (cur, prior) {
                (0, 0) => "none",
                (_, 0) => "new",
                _ => {
                    let g = growth_pct(cur, prior);
                    if g >= 2.0 {
                        "growing"
                    } else if g > -2.0 {
                        "flat"
                    } else {
                        "declining"
                    }
                }
            });
        }
        for k in ["none", "growing", "flat", "declining"] {
            assert!(kinds.contains(k), "{k}: {kinds:?}");
        }
        assert!(s.book.partners.iter().any(|f| f.revenue.len() >= 24));
    });
}

#[test]
fn deals_referrals_certifications_and_nps_cover_their_range() {
    each_seed(|s| {
        let t = s.today;
        let files = || s.book.partners.iter();
        let deals = || files().flat_map(|f| f.deals.iter());
        for stage in DealStage::ALL {
            assert!(deals().any(|d| d.stage == *stage), "{stage}");
        }
        assert!(deals().any(|d| d.stage.is_open() && (t - d.stage_changed).num_days() > 30));
        let refs = || files().flat_map(|f| f.referrals.iter());
        assert!(refs().any(|r| r.qualified) && refs().any(|r| !r.qualified));
        let certs = || files().flat_map(|f| f.certifications.iter());
        assert!(certs().any(|c| c.expires > t && (c.expires - t).num_days() <= 30));
        assert!(certs().any(|c| c.expires <= t));
        let latest = |f: &partnerdeck::domain::book::PartnerFile| f.nps.last().map(|n| n.score);
        assert!(files().any(|f| latest(f).is_some_and(|x| x < 0)));
        assert!(files().any(|f| latest(f).is_some_and(|x| x >= 50)));
        assert!(files().any(|f| latest(f).is_some_and(|x| (0..25).contains(&x))));
        assert!(files().any(|f| f.nps.is_empty()));
    });
}

#[test]
fn activities_touches_engagement_and_contacts_vary() {
    each_seed(|s| {
        let files = || s.book.partners.iter();
        // The demo book is not made from a CRM: no `crm` touches.
        for kind in ActivityKind::ALL
            .iter()
            .filter(|k| **k != ActivityKind::Crm)
        {
            assert!(
                files().any(|f| f.activities.iter().any(|a| a.kind == *kind)),
                "{kind}"
            );
        }
        let p = &s.analysis.partners;
        assert!(p.iter().any(|x| x.touch.overdue));
        assert!(p.iter().any(|x| x.touch.days_since.is_some_and(|d| d <= 3)));
        // Engagement at every step: weekly, monthly, quarterly, inactive.
        let engagement: HashSet<u32> = p.iter().map(|x| x.health.dimensions[2].points).collect();
        for points in [20, 15, 10, 0] {
            assert!(engagement.contains(&points), "{engagement:?}");
        }
        let single = p.iter().filter(|x| x.active_contacts <= 1).count();
        assert!(single >= 2 && single * 2 < p.len(), "{single}");
    });
}

#[test]
fn tier_events_and_history_are_present() {
    each_seed(|s| {
        let standings = || s.analysis.partners.iter().map(|p| &p.tier.standing);
        assert!(standings().any(|x| matches!(x, Standing::UpgradeEligible { .. })));
        assert!(standings().any(|x| matches!(x, Standing::BelowCriteria { .. })));
        assert!(standings().any(|x| matches!(x, Standing::DowngradeDue { .. })));
        assert!(s.analysis.partners.iter().any(|p| {
            p.tier
                .provisional
                .is_some_and(|f| (0..=30).contains(&f.days_left))
        }));
        assert!(s.book.partners.iter().any(|f| {
            f.tier_changes
                .iter()
                .any(|c| c.from == Tier::Silver && c.to == Tier::Gold && !c.provisional)
        }));
        let dropped = s
            .analysis
            .partners
            .iter()
            .filter(|p| p.trend.band_dropped(p.health.band))
            .count();
        assert!(dropped >= 2, "{dropped}");
    });
}

#[test]
fn qbrs_tell_their_stories() {
    each_seed(|s| {
        let t = s.today;
        let qbrs = || s.book.partners.iter().flat_map(|f| f.qbrs.iter());
        let days = |d: NaiveDate| (d - t).num_days();
        let soon: Vec<_> = qbrs()
            .filter(|q| q.status == QbrStatus::Planned && (0..=10).contains(&days(q.date)))
            .collect();
        assert!(
            soon.iter().any(|q| (30..=70).contains(&prep(q).percent)),
            "half-prepped"
        );
        let later = qbrs()
            .filter(|q| q.status == QbrStatus::Planned && (14..=92).contains(&days(q.date)))
            .count();
        assert!(later >= 2, "{later}");
        let open_last_quarter = qbrs().any(|q| {
            q.status == QbrStatus::Held
                && quarter(q.date) == quarter(t) - 1
                && q.actions
                    .iter()
                    .any(|a| a.done.is_none() && a.due.is_some_and(|d| d < t))
                && Side::ALL
                    .iter()
                    .all(|side| q.actions.iter().any(|a| a.owner == *side))
        });
        assert!(
            open_last_quarter,
            "a QBR held last quarter with overdue actions, all sides"
        );
        assert!(qbrs().any(|q| q.status == QbrStatus::Held && days(q.date) < -92));
        assert!(qbrs().any(|q| is_missed(q, t, &s.cfg)));
    });
}

/// Quarters since year 0, so "last quarter" works across a new year.
fn quarter(d: NaiveDate) -> u32 {
    u32::try_from(d.year()).expect("year") * 4 + d.month0() / 3
}

#[test]
fn campaigns_are_in_flight_at_different_weeks() {
    each_seed(|s| {
        let t = s.today;
        let live: Vec<_> = s
            .book
            .partners
            .iter()
            .flat_map(|f| f.campaigns.iter())
            .filter(|c| matches!(c.status, CampaignStatus::Planning | CampaignStatus::Live))
            .collect();
        let week = |launch: NaiveDate| (t - launch).num_days().div_euclid(7);
        for w in [-4, -1, 1] {
            assert!(live.iter().any(|c| week(c.launch) == w), "week {w}");
        }
        assert!(live.iter().any(|c| c.kind == CampaignType::JointWebinar));
        for c in &live {
            let expected = if c.launch > t {
                CampaignStatus::Planning
            } else {
                CampaignStatus::Live
            };
            assert_eq!(c.status, expected, "{}", c.name);
        }
        let past: Vec<_> = live
            .iter()
            .flat_map(|c| c.tasks.iter())
            .filter(|x| x.due < t)
            .collect();
        let overdue = past.iter().filter(|x| is_overdue(x, t)).count();
        assert!(
            overdue >= 1 && overdue * 3 <= past.len(),
            "{overdue} of {}",
            past.len()
        );
        assert!(
            s.book
                .partners
                .iter()
                .flat_map(|f| f.campaigns.iter())
                .any(|c| { c.status == CampaignStatus::Done && c.results.attendees > 0 })
        );
    });
}

#[test]
fn today_has_something_in_every_section() {
    each_seed(|s| {
        let sections = triage(s.book, &s.analysis, s.today, &s.cfg);
        // No executive engagement needs a strategic or Platinum partner
        // without a sponsor, which only some seeds make (the default one's
        // Kestrel Labs); tests/cli_focus.rs checks that line. The demo
        // reports results for every campaign it ran, so MDF without
        // accountability stays empty; tests/ui_money.rs checks that line.
        for kind in SectionKind::ALL.iter().filter(|k| {
            !matches!(
                **k,
                SectionKind::NoExecutive | SectionKind::MdfWithoutResults
            )
        }) {
            let section = sections.iter().find(|x| x.kind == *kind).expect("section");
            assert!(!section.items.is_empty(), "{kind:?} is empty");
        }
        let tier = sections
            .iter()
            .find(|x| x.kind == SectionKind::TierEvents)
            .expect("tier events");
        for tag in ["▲", "▼", "⏳"] {
            assert!(tier.items.iter().any(|i| i.tag == tag), "{tag}");
        }
    });
}

#[test]
fn names_that_test_the_layout_are_there() {
    let b = book(60, 42);
    let names: Vec<&str> = b.partners.iter().map(|f| f.partner.name.as_str()).collect();
    assert!(names.contains(&"株式会社サンプル"));
    assert!(
        names.iter().any(|n| n.contains('\u{301}')),
        "a combining accent"
    );
    assert!(
        names.iter().any(|n| n.chars().any(|c| c as u32 >= 0x1F300)),
        "an emoji"
    );
    assert!(
        b.partners
            .iter()
            .all(|f| f.partner.website.starts_with("https://"))
    );
}
