//! The screens: five tabs and the partner detail opened over them. Each
//! is a [`Screen`]; `registry` lists them.

pub mod campaigns;
pub mod partner;
pub mod partners;
pub mod qbrs;
pub mod tiers;
pub mod today;

use crate::ui::screen::Screen;

/// Every tab's screen, in tab order. A new screen is its own file plus its
/// line here.
#[must_use]
pub fn registry() -> Vec<(Tab, Box<dyn Screen>)> {
    vec![
        (Tab::Today, Box::new(today::TodayState::default())),
        (Tab::Partners, Box::new(partners::PartnersState::default())),
        (Tab::Tiers, Box::new(tiers::TiersState::default())),
        (Tab::Qbrs, Box::new(qbrs::QbrsState::default())),
        (
            Tab::Campaigns,
            Box::new(campaigns::CampaignsState::default()),
        ),
    ]
}

/// The tabs, in order; `1`-`5` jump to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Today,
    Partners,
    Tiers,
    Qbrs,
    Campaigns,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Today,
        Tab::Partners,
        Tab::Tiers,
        Tab::Qbrs,
        Tab::Campaigns,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Tab::Today => "Today",
            Tab::Partners => "Partners",
            Tab::Tiers => "Tiers",
            Tab::Qbrs => "QBRs",
            Tab::Campaigns => "Campaigns",
        }
    }

    /// The digit that jumps here, for hints.
    #[must_use]
    pub fn key_label(self) -> &'static str {
        match self {
            Tab::Today => "1",
            Tab::Partners => "2",
            Tab::Tiers => "3",
            Tab::Qbrs => "4",
            Tab::Campaigns => "5",
        }
    }

    #[must_use]
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    #[must_use]
    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    #[must_use]
    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// Parse a `snapshot --screen` name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Tab> {
        Tab::ALL
            .into_iter()
            .find(|t| t.title().eq_ignore_ascii_case(name.trim()))
    }
}
