//! How a QBR's workspace draws: the head line, the checklist by phase
//! with the action items, and the agenda preview.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::workspace::Workspace;
use crate::domain::agenda::facts_day;
use crate::domain::book::{Qbr, QbrPhase};
use crate::domain::format::day;
use crate::domain::qbr::{QbrState, is_open_work, is_satisfied, item_due, prep};
use crate::ui::screen::Ctx;
use crate::ui::theme::Theme;
use crate::ui::widgets::text::{fit, pad};

/// `planned · upcoming in 8d · prep 60% · facts as of Mon 23 Nov 2026`
pub(super) fn head(qbr: &Qbr, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let today = ctx.model.today;
    let state = QbrState::of(qbr.status, qbr.date, today, &ctx.model.config);
    let p = prep(qbr);
    let style = match state {
        QbrState::Missed => ctx.theme.late,
        QbrState::Held => ctx.theme.good,
        _ => ctx.theme.key,
    };
    let line = Line::from(vec![
        Span::styled(format!(" {}", state.title()), style),
        Span::styled(
            format!(
                " · {} · prep {}% · facts as of {}",
                crate::domain::format::due(qbr.date, today),
                p.percent,
                day(facts_day(qbr, today))
            ),
            ctx.theme.dim,
        ),
    ]);
    Paragraph::new(line).render(area, buf);
}

impl Workspace {
    /// The checklist by phase, then the action items.
    pub(super) fn checklist(&self, qbr: &Qbr, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let width = usize::from(area.width);
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        let mut phase = None;
        for (i, item) in qbr.checklist.iter().enumerate() {
            if phase != Some(item.phase) {
                phase = Some(item.phase);
                lines.push(Line::from(Span::styled(
                    format!(" {}", phase_title(item.phase)),
                    theme.section,
                )));
            }
            if i == self.item {
                selected_line = lines.len();
            }
            let late = is_open_work(qbr, item, ctx.model.today, &ctx.model.config)
                && item_due(qbr, item) < ctx.model.today;
            lines.push(item_line(qbr, i, late, theme, width, i == self.item));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(" Action items", theme.section)));
        if qbr.actions.is_empty() {
            lines.push(Line::from(Span::styled("   none yet", theme.dim)));
        }
        for (j, a) in qbr.actions.iter().enumerate() {
            let selected = qbr.checklist.len() + j == self.item;
            if selected {
                selected_line = lines.len();
            }
            let tick = if a.done.is_some() { "[x]" } else { "[ ]" };
            let mark = if selected { ">" } else { " " };
            let due = a.due.map_or("no due date".to_string(), day);
            let line = Line::from(vec![
                Span::raw(format!(" {mark}{tick} ")),
                Span::styled(pad(&a.owner.to_string(), 8), theme.dim),
                Span::raw(fit(&a.text, width.saturating_sub(8 + 6 + 14))),
                Span::styled(format!("  {due}"), theme.dim),
            ]);
            lines.push(if selected {
                line.patch_style(theme.selected)
            } else {
                line
            });
        }
        let height = usize::from(area.height);
        let top = (selected_line + 1).saturating_sub(height);
        let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
        Paragraph::new(shown).render(area, buf);
    }

    /// The agenda's Markdown, line by line from the scroll position.
    pub(super) fn preview(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width.saturating_sub(1));
        let lines: Vec<Line> = self
            .preview_lines(ctx)
            .iter()
            .skip(self.scroll)
            .take(usize::from(area.height))
            .map(|l| {
                let style = if l.starts_with('#') {
                    ctx.theme.section
                } else {
                    ctx.theme.base
                };
                Line::from(Span::styled(format!(" {}", fit(l, width)), style))
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}

fn phase_title(phase: QbrPhase) -> &'static str {
    match phase {
        QbrPhase::Before => "Before",
        QbrPhase::During => "During",
        QbrPhase::After => "After",
    }
}

/// `  [x] D-7  Mon 16 Nov  Pull performance data   done Fri 13 Nov`
fn item_line(
    qbr: &Qbr,
    i: usize,
    late: bool,
    theme: &Theme,
    width: usize,
    selected: bool,
) -> Line<'static> {
    let item = &qbr.checklist[i];
    let due = item_due(qbr, item);
    let satisfied = is_satisfied(qbr, item);
    let tick = match (item.done.is_some(), satisfied) {
        (true, _) => "[x]",
        (false, true) => "[~]",
        (false, false) => "[ ]",
    };
    let offset = match item.offset_days {
        0 => "D".to_string(),
        n => format!("D{n:+}"),
    };
    let state = match item.done {
        Some(d) => format!("done {}", day(d)),
        None if satisfied => "every action item has a due date".to_string(),
        None => String::new(),
    };
    let title_width = width.saturating_sub(2 + 4 + 5 + 11 + state.len().min(34) + 2);
    // A marker as well as the highlight, so the selection shows without colour.
    let mark = if selected { ">" } else { " " };
    let line = Line::from(vec![
        Span::raw(format!(" {mark}{tick} ")),
        Span::styled(pad(&offset, 4), theme.dim),
        Span::styled(
            format!(" {}  ", day(due)),
            if late { theme.late } else { theme.dim },
        ),
        Span::raw(pad(&item.title, title_width)),
        Span::styled(format!(" {}", fit(&state, 34)), theme.dim),
    ]);
    if selected {
        line.patch_style(theme.selected)
    } else {
        line
    }
}
