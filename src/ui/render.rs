//! Drawing the app: frame, tab bar, footer and popups. Pure: reads the app,
//! changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::layout;
use super::popup::{Popup, TOUCH_KINDS, TouchForm};
use super::screens::partners::FACET_ROWS;
use super::screens::{Tab, coming, partner, partners, today};
use crate::domain::format::{day, day_year};

/// Column where the first tab starts (after " partnerdeck ").
pub const TABS_START: u16 = 13;

/// Width of a tab label in the bar: ` 1 Today `.
#[must_use]
pub fn tab_width(tab: Tab) -> u16 {
    u16::try_from(tab.title().len() + 4).unwrap_or(0)
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let a = layout::frame(area);
        render_header(self, a.header, buf);
        let title = self
            .detail
            .as_ref()
            .and_then(|d| self.model.partner(d.partner_id))
            .map_or_else(
                || self.tab.title().to_string(),
                |(p, _)| format!("{} › {}", self.tab.title(), p.name),
            );
        Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border)
            .title(Span::styled(format!(" {title} "), self.theme.title))
            .render(a.body_frame, buf);
        render_body(self, a.body, buf);
        render_footer(self, a.footer, buf);
        if let Some(popup) = &self.popup {
            render_popup(self, popup, area, buf);
        }
    }
}

fn render_body(app: &App, area: Rect, buf: &mut Buffer) {
    let (m, t) = (&app.model, &app.theme);
    if let Some(d) = &app.detail {
        partner::render(d, m, t, area, buf);
        return;
    }
    match app.tab {
        Tab::Today => today::render(&app.today, m, t, area, buf),
        Tab::Partners => partners::render(&app.partners, m, t, area, buf),
        tab => coming::render(tab, m, t, area, buf),
    }
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut spans = vec![Span::styled(" partnerdeck ", t.title)];
    for tab in Tab::ALL {
        let style = if tab == app.tab { t.tab_active } else { t.tab };
        spans.push(Span::styled(
            format!(" {} {} ", tab.key_label(), tab.title()),
            style,
        ));
    }
    // Date and book on the right, shortened until they fit.
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = usize::from(area.width).saturating_sub(used + 1);
    let count = app.model.partner_count();
    let right = [
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
    ]
    .into_iter()
    .find(|r| r.width() <= room);
    if let Some(right) = right {
        spans.push(Span::raw(
            " ".repeat(usize::from(area.width) - used - right.width()),
        ));
        spans.push(Span::styled(right, t.dim));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let line = if app.filter_editing {
        let filter = match app.tab {
            Tab::Partners => &app.partners.filter,
            _ => &app.today.filter,
        };
        Line::from(vec![
            Span::styled(" filter: ", t.key),
            Span::raw(format!("{filter}▏")),
            Span::styled("   Enter keep · Esc clear", t.dim),
        ])
    } else if let Some(status) = &app.status {
        Line::from(Span::styled(format!(" {status} "), t.status))
    } else {
        // Whole hints only: the ones that do not fit are left to `?`.
        let mut spans = Vec::new();
        let mut used = 0;
        for (key, does) in app.keymap.hints(&app.scopes()) {
            let w = key.width() + does.width() + 3;
            if used + w > usize::from(area.width) {
                break;
            }
            used += w;
            spans.push(Span::styled(format!(" {key}"), t.key));
            spans.push(Span::styled(format!(" {does} "), t.dim));
        }
        Line::from(spans)
    };
    Paragraph::new(line).render(area, buf);
}

fn render_popup(app: &App, popup: &Popup, area: Rect, buf: &mut Buffer) {
    match popup {
        Popup::Help { scroll } => render_help(app, *scroll, area, buf),
        Popup::LogTouch(form) => render_touch(app, form, area, buf),
        Popup::Facets { row } => render_facets(app, *row, area, buf),
    }
}

fn popup_block<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.title)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

/// Help generated from the keymap: what is on screen first, then everywhere.
fn render_help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines = Vec::new();
    for (scope, rows) in app.keymap.help(&app.scopes()) {
        lines.push(Line::from(Span::styled(scope.title(), t.section)));
        for (key, does) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<8}"), t.key),
                Span::raw(does),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        "Every number has its reason on the partner detail (Enter).",
        t.dim,
    )));
    let rect = layout::popup(area, 64, u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    // Say so when the list is taller than the popup.
    let title = if usize::from(rect.height.saturating_sub(2)) < lines.len() {
        "Keys · j/k scroll · any other key closes"
    } else {
        "Keys · any key closes"
    };
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(popup_block(app, title))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(rect, buf);
}

fn render_touch(app: &App, form: &TouchForm, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let rect = layout::popup(area, 60, 7);
    Clear.render(rect, buf);
    let block = popup_block(app, "Log a touch");
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut kinds = vec![Span::raw(" kind ")];
    for (i, k) in TOUCH_KINDS.iter().enumerate() {
        let style = if i == form.kind { t.tab_active } else { t.tab };
        kinds.push(Span::styled(format!(" {k} "), style));
    }
    let lines = vec![
        Line::from(Span::styled(
            format!(" with {} today", form.partner_name),
            t.section,
        )),
        Line::from(kinds),
    ];
    let [top, input, hint] = inner.layout(&ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(2),
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Length(1),
    ]));
    Paragraph::new(lines).render(top, buf);
    let input = Rect {
        x: input.x.saturating_add(1),
        width: input.width.saturating_sub(2),
        ..input
    };
    form.summary.render(input, buf);
    Paragraph::new(Span::styled(" Tab kind · Enter save · Esc cancel", t.dim)).render(hint, buf);
}

fn render_facets(app: &App, row: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let rect = layout::popup(area, 46, 8);
    Clear.render(rect, buf);
    let mut lines: Vec<Line<'_>> = FACET_ROWS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let value = app.partners.facets.value(i);
            let style = if i == row { t.selected } else { t.base };
            Line::from(Span::styled(format!(" {name:<6} ◂ {value} ▸"), style))
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " j/k row · h/l change · F clear · Esc done",
        t.dim,
    )));
    Paragraph::new(lines)
        .block(popup_block(app, "Facets"))
        .render(rect, buf);
}
