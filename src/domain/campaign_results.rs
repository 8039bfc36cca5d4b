//! A campaign's funnel results and its attendance rate against the webinar
//! benchmark (docs/rules.md, "Campaign results").

use chrono::NaiveDate;
use serde::Serialize;

use super::book::{Campaign, CampaignType};
use super::format::percent_of;

/// Where an attendance rate stands against the benchmark range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Below,
    Within,
    Above,
}

/// Attendees / registrants, and (for webinars) how it compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    /// Whole percent, floored.
    pub rate: u32,
    /// None when the campaign is not a webinar (the benchmark is a
    /// webinar's).
    pub band: Option<Band>,
    /// `attendance 38% — below the 40-50% benchmark`.
    pub text: String,
}

/// The attendance rate of a campaign: None before anyone registered, and
/// until the launch day (the webinar itself) is over.
/// `benchmark` is `[low, high]` in percent, both inclusive.
#[must_use]
pub fn attendance(c: &Campaign, today: NaiveDate, benchmark: [u32; 2]) -> Option<Attendance> {
    if today <= c.launch {
        return None;
    }
    let (kind, results) = (c.kind, &c.results);
    let rate = percent_of(results.attendees as usize, results.registrants as usize)?;
    let [low, high] = benchmark;
    if kind != CampaignType::JointWebinar {
        return Some(Attendance {
            rate,
            band: None,
            text: format!("attendance {rate}%"),
        });
    }
    let band = if rate < low {
        Band::Below
    } else if rate > high {
        Band::Above
    } else {
        Band::Within
    };
    let word = match band {
        Band::Below => "below",
        Band::Within => "within",
        Band::Above => "above",
    };
    Some(Attendance {
        rate,
        band: Some(band),
        text: format!("attendance {rate}% — {word} the {low}-{high}% benchmark"),
    })
}

/// The funnel in one line: `registrants 120 · attendees 46 · demo requests 9 · …`.
#[must_use]
pub fn funnel(r: &super::book::CampaignResults) -> String {
    format!(
        "registrants {} · attendees {} · demo requests {} · SQLs {} · opportunities {} · closed-won {}",
        r.registrants, r.attendees, r.demo_requests, r.sqls, r.opportunities, r.closed_won
    )
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
    fn other_types_show_the_rate_without_the_webinar_benchmark() {
        let a = attendance(
            &held(CampaignType::CoSponsoredEvent, 30, 20),
            after(),
            [40, 50],
        );
        assert_eq!(a.map(|a| a.text), Some("attendance 66%".to_string()));
    }

    #[test]
    fn there_is_no_rate_until_the_launch_day_is_over() {
        let c = held(CampaignType::JointWebinar, 59, 0);
        assert_eq!(attendance(&c, date(2026, 11, 10), [40, 50]), None);
        assert!(attendance(&c, after(), [40, 50]).is_some());
    }
}
