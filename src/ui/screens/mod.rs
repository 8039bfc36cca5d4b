//! The screens: the tabs and the partner detail opened over them. Each
//! is a [`Screen`]; `registry` lists them.

pub mod campaigns;
pub mod partner;
pub mod partners;
pub mod program;
pub mod prospects;
pub mod qbrs;
pub mod tiers;
pub mod today;

use crate::ui::screen::Screen;
use crate::ui::tab::Tab;

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
        (Tab::Program, Box::new(program::ProgramState::default())),
        (
            Tab::Prospects,
            Box::new(prospects::ProspectsState::default()),
        ),
    ]
}
