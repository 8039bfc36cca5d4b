//! Drawing the app: frame, tab bar, footer, then the screen on show and the
//! modals over it. Pure: reads the app, changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::layout;
use super::tab::Tab;
use crate::domain::format::{day, day_year};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let a = layout::frame(area);
        let ctx = super::screen::Ctx {
            body: a.body,
            ..self.ctx()
        };
        render_header(self, a.header, buf);
        if let Some(pending) = &self.pending {
            render_scoring(self, &pending.line(), a.body_frame, buf);
            render_footer(self, a.footer, buf);
            return;
        }
        let screen = self.screen();
        let title = if self.detail_open() {
            format!("{} › {}", self.tab().title(), screen.title(&ctx))
        } else {
            screen.title(&ctx)
        };
        Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border)
            .title(Span::styled(format!(" {title} "), self.theme.title))
            .render(a.body_frame, buf);
        screen.render(&ctx, a.body, buf);
        render_footer(self, a.footer, buf);
        for modal in self.modals() {
            modal.render(&ctx, area, buf);
        }
    }
}

/// The body while the book is still being scored: its progress, and no
/// number that is not current.
fn render_scoring(app: &App, line: &str, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border);
    let inner = block.inner(area);
    block.render(area, buf);
    let middle = Rect {
        y: inner.y + inner.height / 2,
        height: inner.height.min(1),
        ..inner
    };
    Paragraph::new(line)
        .alignment(ratatui::layout::Alignment::Center)
        .render(middle, buf);
}

/// How the header's tabs are drawn at `width`, given what it shows on the
/// right (the app's clicks read the same).
#[must_use]
pub fn tab_bar(app: &App, width: u16) -> super::layout::TabBar {
    let rights = header_right(app).map(|r| u16::try_from(r.width()).unwrap_or(u16::MAX));
    super::layout::TabBar::at(width, &rights)
}

/// The header's right-hand side, longest first: day and book, shorter.
fn header_right(app: &App) -> [String; 4] {
    let live = app.model.partner_count();
    let archived = app.model.rows.len() - live;
    let count = if app.pending.is_some() {
        "…".to_string()
    } else if archived > 0 {
        format!("{live} +{archived} archived")
    } else {
        live.to_string()
    };
    [
        format!(
            "{} · book: {} ({count}) ",
            day_year(app.model.today),
            app.model.book_name
        ),
        format!(
            "{} · {} ({count}) ",
            day(app.model.today),
            app.model.book_name
        ),
        format!("{} ", day(app.model.today)),
        // Narrowest: the same style without the weekday.
        format!("{} ", app.model.today.format("%d %b %Y")),
    ]
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let bar = tab_bar(app, area.width);
    let mut spans = Vec::new();
    if bar.brand {
        spans.push(Span::styled(" partnerdeck ", t.title));
    }
    for tab in Tab::ALL {
        let style = if tab == app.tab() {
            t.tab_active
        } else {
            t.tab
        };
        spans.push(Span::styled(bar.label(tab), style));
    }
    // Date and book on the right, shortened until they fit.
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = usize::from(area.width).saturating_sub(used + 1);
    let right = header_right(app).into_iter().find(|r| r.width() <= room);
    if let Some(right) = right {
        spans.push(Span::raw(
            " ".repeat(usize::from(area.width) - used - right.width()),
        ));
        spans.push(Span::styled(right, t.dim));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The footer: an input line if the top modal has one, else the status,
/// else the hints of whatever receives keys, from the keymap.
fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let input = app.modals().last().and_then(|m| m.footer(&app.ctx()));
    let line = if let Some(line) = input {
        line
    } else if let Some(status) = &app.status {
        Line::from(Span::styled(format!(" {status} "), t.status))
    } else {
        // Whole hints only: the ones that do not fit are left to `?`. Help
        // and quit are always shown, last.
        let mut hints = app.keymap.hints(&app.scopes());
        if app.pending.is_some() {
            // Only quitting works while the book is scored.
            hints.retain(|(_, does)| *does == "quit");
        }
        let pinned = |does: &str| matches!(does, "help" | "quit");
        let width = |(key, does): &(&str, &str)| key.width() + does.width() + 3;
        let mut used: usize = hints.iter().filter(|h| pinned(h.1)).map(width).sum();
        let mut shown: Vec<(&str, &str)> = Vec::new();
        for h in hints.iter().filter(|h| !pinned(h.1)) {
            if used + width(h) > usize::from(area.width) {
                break;
            }
            used += width(h);
            shown.push(*h);
        }
        shown.extend(hints.iter().filter(|h| pinned(h.1)));
        let mut spans = Vec::new();
        for (key, does) in shown {
            spans.push(Span::styled(format!(" {key}"), t.key));
            spans.push(Span::styled(format!(" {does} "), t.dim));
        }
        Line::from(spans)
    };
    Paragraph::new(line).render(area, buf);
}
