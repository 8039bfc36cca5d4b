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

/// Column where the first tab starts (after " partnerdeck ").
pub const TABS_START: u16 = 13;

/// Width of a tab label in the bar: ` 1 Today `.
#[must_use]
pub fn tab_width(tab: Tab) -> u16 {
    u16::try_from(tab.title().len() + 4).unwrap_or(0)
}

/// The tab drawn at `column` of the header, if any.
#[must_use]
pub fn tab_at(column: u16) -> Option<Tab> {
    let mut x = TABS_START;
    for tab in Tab::ALL {
        let w = tab_width(tab);
        if column >= x && column < x + w {
            return Some(tab);
        }
        x += w;
    }
    None
}
