//! The tabs of the cockpit. Their own module, below the screens: the
//! actions, the keymap, the layout and the screens all name a tab, and
//! none of them needs the screen registry for it.

/// The tabs, in order; their digits jump to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Today,
    Partners,
    Tiers,
    Qbrs,
    Campaigns,
    /// The playbook's program metrics.
    Program,
    /// Partners at recruit.
    Prospects,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Today,
        Tab::Partners,
        Tab::Tiers,
        Tab::Qbrs,
        Tab::Campaigns,
        Tab::Program,
        Tab::Prospects,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Tab::Today => "Today",
            Tab::Partners => "Partners",
            Tab::Tiers => "Tiers",
            Tab::Qbrs => "QBRs",
            Tab::Campaigns => "Campaigns",
            Tab::Program => "Program",
            Tab::Prospects => "Prospects",
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
            Tab::Program => "6",
            Tab::Prospects => "7",
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
