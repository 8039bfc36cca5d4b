//! A campaign's results as its type measures them, each rate against its
//! playbook benchmark, and the primary KPI's verdict (docs/rules.md,
//! "Campaign results").

use chrono::NaiveDate;
use serde::Serialize;

use super::book::{Campaign, CampaignResults, CampaignType};
use super::config::CampaignRules;
use super::format::{percent_of, thousands};
use super::search::name_key;

/// Where a rate stands against its benchmark range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Below,
    Within,
    Above,
}

impl Band {
    /// `rate` against `[low, high]`, both inclusive, in the rate's unit.
    fn of(rate: u32, low: u32, high: u32) -> Band {
        if rate < low {
            Band::Below
        } else if rate > high {
            Band::Above
        } else {
            Band::Within
        }
    }

    fn word(self) -> &'static str {
        match self {
            Band::Below => "below",
            Band::Within => "within",
            Band::Above => "above",
        }
    }
}

/// Attendees / registrants, and (for webinars and events) how it compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    /// Whole percent, floored.
    pub rate: u32,
    /// None when the campaign is neither a webinar nor an event (the
    /// benchmark is theirs).
    pub band: Option<Band>,
    /// `attendance 38% — below the 40-50% benchmark`.
    pub text: String,
}

/// Whether attendance is measured against the benchmark: the playbook's
/// 40-50% is for webinars and events.
fn has_attendance_benchmark(kind: CampaignType) -> bool {
    matches!(
        kind,
        CampaignType::JointWebinar | CampaignType::CoSponsoredEvent
    )
}

/// The attendance rate of a campaign: None before anyone registered, and
/// until the launch day (the webinar or event itself) is over.
/// `benchmark` is `[low, high]` in percent, both inclusive.
#[must_use]
pub fn attendance(c: &Campaign, today: NaiveDate, benchmark: [u32; 2]) -> Option<Attendance> {
    if today <= c.launch {
        return None;
    }
    let results = &c.results;
    let rate = percent_of(results.attendees as usize, results.registrants as usize)?;
    let [low, high] = benchmark;
    if !has_attendance_benchmark(c.kind) {
        return Some(Attendance {
            rate,
            band: None,
            text: format!("attendance {rate}%"),
        });
    }
    let band = Band::of(rate, low, high);
    Some(Attendance {
        rate,
        band: Some(band),
        text: format!(
            "attendance {rate}% — {} the {low}-{high}% benchmark",
            band.word()
        ),
    })
}

/// An email swap's click-through rate, clicks / sends, in tenths of a
/// percent (floored), against the playbook's 2-5% CTR: None before any send.
/// `CTR 3.1% — within the 2-5% benchmark`.
#[must_use]
pub fn click_through(r: &CampaignResults, benchmark: [u32; 2]) -> Option<(Band, String)> {
    if r.sends == 0 {
        return None;
    }
    let tenths = u64::from(r.clicks) * 1000 / u64::from(r.sends);
    let tenths = u32::try_from(tenths).unwrap_or(u32::MAX);
    let [low, high] = benchmark;
    let band = Band::of(tenths, low * 10, high * 10);
    Some((
        band,
        format!(
            "CTR {}.{}% — {} the {low}-{high}% benchmark",
            tenths / 10,
            tenths % 10,
            band.word()
        ),
    ))
}

/// One thing a campaign's results count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Registrants,
    Attendees,
    Sends,
    Opens,
    Clicks,
    Reach,
    Engagements,
    Downloads,
    DemoRequests,
    Sqls,
    Opportunities,
    ClosedWon,
}

impl Measure {
    /// The field's key in forms and the book.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Measure::Registrants => "registrants",
            Measure::Attendees => "attendees",
            Measure::Sends => "sends",
            Measure::Opens => "opens",
            Measure::Clicks => "clicks",
            Measure::Reach => "reach",
            Measure::Engagements => "engagements",
            Measure::Downloads => "downloads",
            Measure::DemoRequests => "demo_requests",
            Measure::Sqls => "sqls",
            Measure::Opportunities => "opportunities",
            Measure::ClosedWon => "closed_won",
        }
    }

    /// As a person reads it: `demo requests`, `SQLs`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Measure::DemoRequests => "demo requests",
            Measure::Sqls => "SQLs",
            Measure::ClosedWon => "closed-won",
            other => other.key(),
        }
    }

    /// Words a primary KPI may be written in that mean this measure.
    fn names(self) -> &'static [&'static str] {
        match self {
            Measure::Registrants => &["registrants", "registrations", "registered"],
            Measure::Attendees => &["attendees", "attendance"],
            Measure::Sends => &["sends", "sent", "emails sent"],
            Measure::Opens => &["opens"],
            Measure::Clicks => &["clicks"],
            Measure::Reach => &["reach", "impressions"],
            Measure::Engagements => &["engagements", "engagement"],
            Measure::Downloads => &["downloads"],
            Measure::DemoRequests => &["demo requests", "demos"],
            Measure::Sqls => &["sqls", "sql"],
            Measure::Opportunities => &["opportunities", "opps"],
            Measure::ClosedWon => &["closed-won", "closed won", "won deals", "deals won"],
        }
    }

    #[must_use]
    pub fn get(self, r: &CampaignResults) -> u32 {
        match self {
            Measure::Registrants => r.registrants,
            Measure::Attendees => r.attendees,
            Measure::Sends => r.sends,
            Measure::Opens => r.opens,
            Measure::Clicks => r.clicks,
            Measure::Reach => r.reach,
            Measure::Engagements => r.engagements,
            Measure::Downloads => r.downloads,
            Measure::DemoRequests => r.demo_requests,
            Measure::Sqls => r.sqls,
            Measure::Opportunities => r.opportunities,
            Measure::ClosedWon => r.closed_won,
        }
    }

    pub fn set(self, r: &mut CampaignResults, n: u32) {
        let slot = match self {
            Measure::Registrants => &mut r.registrants,
            Measure::Attendees => &mut r.attendees,
            Measure::Sends => &mut r.sends,
            Measure::Opens => &mut r.opens,
            Measure::Clicks => &mut r.clicks,
            Measure::Reach => &mut r.reach,
            Measure::Engagements => &mut r.engagements,
            Measure::Downloads => &mut r.downloads,
            Measure::DemoRequests => &mut r.demo_requests,
            Measure::Sqls => &mut r.sqls,
            Measure::Opportunities => &mut r.opportunities,
            Measure::ClosedWon => &mut r.closed_won,
        };
        *slot = n;
    }

    /// The measure a primary KPI names (`registrations`, `SQLs`), if the
    /// book counts it.
    #[must_use]
    pub fn named(kpi: &str) -> Option<Measure> {
        let key = name_key(kpi);
        MEASURES
            .into_iter()
            .find(|m| m.names().iter().any(|n| name_key(n) == key))
    }
}

/// Every measure, in the order forms and lines show them.
pub const MEASURES: [Measure; 12] = [
    Measure::Registrants,
    Measure::Attendees,
    Measure::Sends,
    Measure::Opens,
    Measure::Clicks,
    Measure::Reach,
    Measure::Engagements,
    Measure::Downloads,
    Measure::DemoRequests,
    Measure::Sqls,
    Measure::Opportunities,
    Measure::ClosedWon,
];

/// What a campaign of this type counts, its own measures first, then the
/// funnel every type shares (demo requests, SQLs, opportunities,
/// closed-won).
#[must_use]
pub fn measures(kind: CampaignType) -> Vec<Measure> {
    let own: &[Measure] = match kind {
        CampaignType::JointWebinar | CampaignType::CoSponsoredEvent => {
            &[Measure::Registrants, Measure::Attendees]
        }
        CampaignType::EmailSwap => &[Measure::Sends, Measure::Opens, Measure::Clicks],
        CampaignType::Social => &[Measure::Reach, Measure::Engagements, Measure::Clicks],
        CampaignType::CoBrandedContent | CampaignType::CaseStudy => &[Measure::Downloads],
        // An onboarding plan counts the shared funnel only.
        CampaignType::BundleOffer | CampaignType::Onboarding => &[],
    };
    own.iter()
        .copied()
        .chain([
            Measure::DemoRequests,
            Measure::Sqls,
            Measure::Opportunities,
            Measure::ClosedWon,
        ])
        .collect()
}

/// The primary KPI against its target: `registrations 300: met, 355`,
/// `SQLs 25: 12 so far (48%)` until W+2 is over, then `SQLs 25: short, 12
/// (48%)`; `impressions 50,000: not a result the book counts` when the KPI
/// names no measure. None without a target.
#[must_use]
pub fn kpi_verdict(c: &Campaign, today: NaiveDate) -> Option<(Option<bool>, String)> {
    let target = u64::try_from(c.kpi_target).ok().filter(|t| *t > 0)?;
    let head = format!("{} {}", c.kpi.trim(), thousands(target));
    let Some(m) = Measure::named(&c.kpi) else {
        return Some((None, format!("{head}: not a result the book counts")));
    };
    let got = u64::from(m.get(&c.results));
    let pct = percent_of(
        usize::try_from(got).unwrap_or(usize::MAX),
        usize::try_from(target).unwrap_or(usize::MAX),
    )
    .unwrap_or(0);
    let over = (today - c.launch).num_days() > 14;
    Some(if got >= target {
        (Some(true), format!("{head}: met, {}", thousands(got)))
    } else if over {
        (
            Some(false),
            format!("{head}: short, {} ({pct}%)", thousands(got)),
        )
    } else {
        (None, format!("{head}: {} so far ({pct}%)", thousands(got)))
    })
}

/// A piece of the results line and how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// Some(true) good, Some(false) short of its benchmark or target.
    pub good: Option<bool>,
}

/// A campaign's results in the order a manager reads them: the KPI verdict,
/// the type's rate against its benchmark (attendance for webinars and
/// events, CTR for email swaps, engagement for social), then the counts of
/// its measures. Empty while nothing is counted.
#[must_use]
pub fn results_line(c: &Campaign, today: NaiveDate, rules: &CampaignRules) -> Vec<Piece> {
    let r = &c.results;
    if *r == CampaignResults::default() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some((good, text)) = kpi_verdict(c, today) {
        out.push(Piece { text, good });
    }
    if let Some(a) = attendance(c, today, rules.webinar_attendance_benchmark_pct) {
        out.push(Piece {
            text: a.text,
            good: a.band.map(|b| b != Band::Below),
        });
    }
    if c.kind == CampaignType::EmailSwap
        && let Some((band, text)) = click_through(r, rules.email_ctr_benchmark_pct)
    {
        out.push(Piece {
            text,
            good: Some(band != Band::Below),
        });
    }
    if c.kind == CampaignType::Social && r.reach > 0 {
        let tenths = u64::from(r.engagements) * 1000 / u64::from(r.reach);
        out.push(Piece {
            text: format!("engagement {}.{}% of reach", tenths / 10, tenths % 10),
            good: None,
        });
    }
    out.push(Piece {
        text: counts(c.kind, r),
        good: None,
    });
    out
}

/// The type's counts in one line: `sends 20,000 · opens 4,100 · clicks 620
/// · demo requests 9 · …`.
#[must_use]
pub fn counts(kind: CampaignType, r: &CampaignResults) -> String {
    measures(kind)
        .into_iter()
        .map(|m| format!("{} {}", m.label(), thousands(u64::from(m.get(r)))))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{campaign, date};

    fn held(kind: CampaignType, registrants: u32, attendees: u32) -> Campaign {
        let mut c = campaign("Q4 webinar", date(2026, 11, 10));
        c.kind = kind;
        c.results.registrants = registrants;
        c.results.attendees = attendees;
        c
    }

    fn after() -> NaiveDate {
        date(2026, 11, 11)
    }

    #[test]
    fn a_webinar_is_banded_against_the_benchmark() {
        let at = |r, a| attendance(&held(CampaignType::JointWebinar, r, a), after(), [40, 50]);
        let low = at(100, 38).expect("rate");
        assert_eq!(low.text, "attendance 38% — below the 40-50% benchmark");
        assert_eq!(at(100, 40).and_then(|a| a.band), Some(Band::Within));
        assert_eq!(at(100, 50).and_then(|a| a.band), Some(Band::Within));
        assert_eq!(at(100, 51).and_then(|a| a.band), Some(Band::Above));
        assert_eq!(at(0, 0), None);
    }

    #[test]
    fn an_event_is_banded_too_and_other_types_show_the_rate_alone() {
        let event = attendance(
            &held(CampaignType::CoSponsoredEvent, 30, 20),
            after(),
            [40, 50],
        );
        assert_eq!(
            event.map(|a| a.text).as_deref(),
            Some("attendance 66% — above the 40-50% benchmark")
        );
        let other = attendance(&held(CampaignType::CaseStudy, 30, 20), after(), [40, 50]);
        assert_eq!(other.map(|a| a.text), Some("attendance 66%".to_string()));
    }

    fn swap(sends: u32, clicks: u32) -> Campaign {
        let mut c = held(CampaignType::EmailSwap, 0, 0);
        c.results.sends = sends;
        c.results.opens = sends / 4;
        c.results.clicks = clicks;
        c
    }

    #[test]
    fn an_email_swaps_ctr_is_clicks_over_sends_against_2_to_5_percent() {
        let ctr = |sends, clicks| click_through(&swap(sends, clicks).results, [2, 5]);
        assert_eq!(
            ctr(20_000, 656).map(|c| c.1).as_deref(),
            Some("CTR 3.2% — within the 2-5% benchmark")
        );
        assert_eq!(ctr(20_000, 399).map(|c| c.0), Some(Band::Below), "1.9%");
        assert_eq!(ctr(20_000, 400).map(|c| c.0), Some(Band::Within), "2.0%");
        assert_eq!(ctr(20_000, 1000).map(|c| c.0), Some(Band::Within), "5.0%");
        assert_eq!(ctr(20_000, 1020).map(|c| c.0), Some(Band::Above), "5.1%");
        assert_eq!(ctr(0, 0), None);
    }

    #[test]
    fn the_primary_kpi_gets_a_verdict() {
        let mut c = held(CampaignType::JointWebinar, 355, 150);
        c.kpi = "registrations".into();
        c.kpi_target = 300;
        let verdict = |c: &Campaign, today| kpi_verdict(c, today).map(|v| v.1);
        assert_eq!(
            verdict(&c, after()).as_deref(),
            Some("registrations 300: met, 355")
        );
        c.results.registrants = 120;
        assert_eq!(
            verdict(&c, after()).as_deref(),
            Some("registrations 300: 120 so far (40%)"),
            "W+2 is not over"
        );
        assert_eq!(
            kpi_verdict(&c, date(2026, 11, 25)),
            Some((Some(false), "registrations 300: short, 120 (40%)".into()))
        );
        c.kpi = "MQLs".into();
        assert_eq!(
            verdict(&c, after()).as_deref(),
            Some("MQLs 300: not a result the book counts")
        );
        c.kpi_target = 0;
        assert_eq!(verdict(&c, after()), None);
    }

    #[test]
    fn an_email_swaps_line_reads_verdict_ctr_then_its_counts() {
        let mut c = swap(20_000, 656);
        c.kpi = "SQLs".into();
        c.kpi_target = 25;
        c.results.sqls = 27;
        let rules = crate::domain::config::ProgramConfig::default().campaigns;
        let line: Vec<String> = results_line(&c, after(), &rules)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            line,
            vec![
                "SQLs 25: met, 27",
                "CTR 3.2% — within the 2-5% benchmark",
                "sends 20,000 · opens 5,000 · clicks 656 · demo requests 0 · SQLs 27 · opportunities 0 · closed-won 0",
            ]
        );
    }

    #[test]
    fn social_shows_reach_and_engagement_content_its_downloads() {
        let mut c = held(CampaignType::Social, 0, 0);
        c.results.reach = 48_000;
        c.results.engagements = 1_900;
        c.kpi_target = 0;
        let rules = crate::domain::config::ProgramConfig::default().campaigns;
        let texts: Vec<String> = results_line(&c, after(), &rules)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(texts[0], "engagement 3.9% of reach");
        assert!(texts[1].starts_with("reach 48,000 · engagements 1,900 · clicks 0"));
        assert_eq!(
            counts(
                CampaignType::CaseStudy,
                &CampaignResults {
                    downloads: 640,
                    ..CampaignResults::default()
                }
            ),
            "downloads 640 · demo requests 0 · SQLs 0 · opportunities 0 · closed-won 0"
        );
        assert_eq!(Measure::named("Impressions"), Some(Measure::Reach));
        assert_eq!(Measure::named("closed won"), Some(Measure::ClosedWon));
    }

    #[test]
    fn there_is_no_rate_until_the_launch_day_is_over() {
        let c = held(CampaignType::JointWebinar, 59, 0);
        assert_eq!(attendance(&c, date(2026, 11, 10), [40, 50]), None);
        assert!(attendance(&c, after(), [40, 50]).is_some());
    }
}
