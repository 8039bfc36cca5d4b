//! How the QBRs screen draws: the KPI line and one line per row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{List, QbrsState, Row};
use crate::domain::book::QbrStatus;
use crate::domain::format::{day, due};
use crate::domain::qbr_board::{Board, QbrLine};
use crate::domain::segments::segment_title;
use crate::ui::model::Model;
use crate::ui::theme::Theme;
use crate::ui::widgets::bars::bar_spans;
use crate::ui::widgets::text::{fit, pad, pad_left};

/// `QBR completion 98% (72 held, 1 missed) · target 90% · 24 upcoming · 9 due a QBR`,
/// shorter when narrow.
pub(super) fn summary<L>(b: &Board<L>, filter: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let c = &b.completion;
    let (rate, style) = match c.percent {
        Some(p) if p >= c.target_percent => (format!("{p}%"), theme.good),
        Some(p) => (format!("{p}%"), theme.late),
        None => ("no rate yet".to_string(), theme.dim),
    };
    let full = format!(
        " ({} held, {} missed) · target {}% · {} upcoming · {} due a QBR",
        c.held,
        c.missed,
        c.target_percent,
        b.upcoming.len(),
        b.due.len()
    );
    let terse = format!(
        " ({}/{}) · target {}% · {} upcoming · {} due",
        c.held,
        c.held + c.missed,
        c.target_percent,
        b.upcoming.len(),
        b.due.len()
    );
    let head = " QBR completion ";
    let fits = head.len() + rate.len() + full.chars().count() <= usize::from(area.width);
    let mut spans = vec![
        Span::raw(head),
        Span::styled(rate, style),
        Span::styled(if fits { full } else { terse }, theme.dim),
    ];
    if !filter.is_empty() {
        spans.push(Span::styled(
            format!(" · filter: {}", fit(filter, 20)),
            theme.key,
        ));
    }
    let line = Line::from(spans);
    Paragraph::new(line).render(area, buf);
}

impl QbrsState {
    pub(super) fn row_line(
        &self,
        row: Row,
        model: &Model,
        theme: &Theme,
        width: u16,
    ) -> Line<'static> {
        let width = usize::from(width);
        match row {
            Row::Header(list) => Line::from(vec![
                Span::styled(
                    format!(" {} ", list.title(&model.config.qbr)),
                    theme.section,
                ),
                Span::styled(format!("({})", self.items(list)), theme.dim),
            ]),
            Row::Empty(_) => Line::from(Span::styled("   none", theme.dim)),
            Row::Item(List::Due, i) => {
                let Some(d) = self.board.due.get(i) else {
                    return Line::default();
                };
                let name_width = width.saturating_sub(2 + 12 + 20).clamp(8, 40);
                Line::from(vec![
                    Span::raw("  "),
                    Span::raw(pad(&d.partner, name_width)),
                    Span::styled(format!(" {}", pad(segment_title(d.segment), 11)), theme.dim),
                    Span::styled(" n plans one", theme.key),
                ])
            }
            Row::Item(list, i) => {
                let Some(l) = self.line(model, list, i) else {
                    return Line::default();
                };
                qbr_line(l, model, theme, width)
            }
        }
    }
}

/// `  Tue 01 Dec  Quartz AI Pty        in 8d   60%  Identify opportunities`
fn qbr_line(l: &QbrLine, model: &Model, theme: &Theme, width: usize) -> Line<'static> {
    let planned = l.status == QbrStatus::Planned;
    let when = if planned {
        due(l.date, model.today)
    } else {
        String::new()
    };
    let date = if width >= 100 {
        crate::domain::format::day_year(l.date)
    } else {
        day(l.date)
    };
    // A prep bar when there is room for it.
    let bar_width = if planned && width >= 100 { 13 } else { 0 };
    let rest = width.saturating_sub(2 + date.len() + 2 + 10 + 6 + 2 + bar_width);
    let name_width = if planned {
        (rest / 2).clamp(10, 36)
    } else {
        rest
    };
    let next_width = rest.saturating_sub(name_width);
    let mut spans = vec![
        Span::raw("  "),
        Span::raw(format!("{date}  ")),
        Span::raw(pad(&l.partner, name_width)),
        Span::styled(
            pad_left(&when, 10),
            if l.days_to_go(model.today) < 0 {
                theme.late
            } else {
                theme.dim
            },
        ),
    ];
    if planned {
        let pct = l.prep_percent();
        let style = if pct == 100 { theme.good } else { theme.warn };
        if bar_width > 0 {
            spans.push(Span::raw("  "));
            spans.extend(bar_spans(pct, bar_width - 1, theme));
        }
        spans.push(Span::styled(pad_left(&format!("{pct}%"), 6), style));
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            fit(l.next_item.as_deref().unwrap_or("prep done"), next_width),
            theme.dim,
        ));
    }
    Line::from(spans)
}
