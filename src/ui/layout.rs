//! Where things go on the screen. Render and mouse handling both ask here,
//! so a click lands on the row that was drawn there.

use ratatui::layout::{Constraint, Layout, Rect};

use super::tab::Tab;

/// The frame every screen shares: tab bar, bordered body, footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameAreas {
    pub header: Rect,
    /// Inside the body's border.
    pub body: Rect,
    /// The body with its border.
    pub body_frame: Rect,
    pub footer: Rect,
}

#[must_use]
pub fn frame(area: Rect) -> FrameAreas {
    let [header, body_frame, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    let body = Rect {
        x: body_frame.x.saturating_add(1),
        y: body_frame.y.saturating_add(1),
        width: body_frame.width.saturating_sub(2),
        height: body_frame.height.saturating_sub(2),
    };
    FrameAreas {
        header,
        body,
        body_frame,
        footer,
    }
}

/// A centred popup of at most `width` x `height` inside `area`.
#[must_use]
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Width of " partnerdeck " before the tabs.
const BRAND: u16 = 13;

/// How the header's tab bar is drawn at a width: the brand first and each
/// tab ` 1 Today `, else ` 1 Today` (compact), else compact without the
/// brand — the first that leaves room for the longest of the right-hand
/// sides (`rights`, longest first: the day, the book and its partners)
/// that can fit at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabBar {
    pub brand: bool,
    pub compact: bool,
}

impl TabBar {
    #[must_use]
    pub fn at(width: u16, rights: &[u16]) -> TabBar {
        let [full, compact, bare] = [(true, false), (true, true), (false, true)]
            .map(|(brand, compact)| TabBar { brand, compact });
        let fits = |bar: TabBar, room: u16| bar.used() + room < width;
        rights
            .iter()
            .find_map(|&r| [full, compact, bare].into_iter().find(|b| fits(*b, r)))
            .or_else(|| [full, compact].into_iter().find(|b| b.used() <= width))
            .unwrap_or(bare)
    }

    /// Columns the brand and the tabs take.
    fn used(self) -> u16 {
        let tabs: u16 = Tab::ALL.iter().map(|t| label_width(*t, self.compact)).sum();
        self.start() + tabs
    }

    /// Column where the first tab starts.
    #[must_use]
    pub fn start(self) -> u16 {
        if self.brand { BRAND } else { 0 }
    }

    /// A tab's label: ` 1 Today `, or ` 1 Today` when compact.
    #[must_use]
    pub fn label(self, tab: Tab) -> String {
        let tail = if self.compact { "" } else { " " };
        format!(" {} {}{tail}", tab.key_label(), tab.title())
    }
}

fn label_width(tab: Tab, compact: bool) -> u16 {
    u16::try_from(tab.title().len() + 4 - usize::from(compact)).unwrap_or(0)
}

/// The tab drawn at `column` of a header drawn as `bar`, if any.
#[must_use]
pub fn tab_at(column: u16, bar: TabBar) -> Option<Tab> {
    let mut x = bar.start();
    for tab in Tab::ALL {
        let w = label_width(tab, bar.compact);
        if column >= x && column < x + w {
            return Some(tab);
        }
        x += w;
    }
    None
}
