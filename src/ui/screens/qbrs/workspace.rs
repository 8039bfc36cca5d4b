//! A QBR's workspace, opened over the QBRs tab: the checklist with due
//! dates (`x` ticks), the action items, and a preview of the agenda exactly
//! as `qbr export` writes it. `H` marks it held, `C` cancels it (asks
//! first), `N` plans the next quarter's; every change is an undoable edit.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::domain::agenda::{facts_day, markdown};
use crate::domain::book::{PartnerFile, Qbr, QbrPhase, QbrStatus};
use crate::domain::edit::{Change, DoneItem, Edit, PartnerRef, QbrWhen};
use crate::domain::format::{day, day_year};
use crate::domain::qbr::{
    QbrState, held_on, is_open_work, is_satisfied, item_due, new_qbr, next_after, prep,
};
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::modals::confirm::Confirm;
use crate::ui::screen::{Ctx, Effect, Screen};
use crate::ui::theme::Theme;
use crate::ui::widgets::text::{fit, pad};

/// Below this width the checklist and the preview share the body by turns
/// (Tab); at or above it they sit side by side.
const SIDE_BY_SIDE: u16 = 140;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Checklist,
    Preview,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub partner_id: i64,
    pub qbr_id: i64,
    pub pane: Pane,
    /// The selected checklist item (index in the QBR's checklist).
    pub item: usize,
    /// First preview line shown.
    pub scroll: usize,
}

impl Workspace {
    #[must_use]
    pub fn new(partner_id: i64, qbr_id: i64) -> Workspace {
        Workspace {
            partner_id,
            qbr_id,
            pane: Pane::Checklist,
            item: 0,
            scroll: 0,
        }
    }

    fn file<'m>(&self, ctx: &Ctx<'m>) -> Option<(&'m PartnerFile, &'m Qbr)> {
        let file = ctx.model.file(self.partner_id)?;
        let qbr = file.qbrs.iter().find(|q| q.id == self.qbr_id)?;
        Some((file, qbr))
    }

    fn who(file: &PartnerFile) -> PartnerRef {
        PartnerRef {
            id: file.partner.id,
            name: file.partner.name.clone(),
        }
    }

    /// `x`: tick the selected item, or untick it.
    fn tick(&self, ctx: &Ctx) -> Effect {
        let Some((file, qbr)) = self.file(ctx) else {
            return Effect::None;
        };
        let Some(item) = qbr.checklist.get(self.item) else {
            return Effect::None;
        };
        let to = if item.done.is_some() {
            None
        } else {
            Some(ctx.model.today)
        };
        Effect::Edit(Edit {
            partner: Self::who(file),
            change: Change::SetDone {
                item: DoneItem::ChecklistItem {
                    qbr: qbr.id,
                    item: item.id,
                },
                from: item.done,
                to,
            },
        })
    }

    /// A status or date change of this QBR, from how it is now.
    fn set(file: &PartnerFile, qbr: &Qbr, status: QbrStatus, date: NaiveDate) -> Edit {
        Edit {
            partner: Self::who(file),
            change: Change::SetQbr {
                qbr: qbr.id,
                from: QbrWhen {
                    status: qbr.status,
                    date: qbr.date,
                },
                to: QbrWhen { status, date },
            },
        }
    }

    /// `H`: held on its date, or today when it was held before its date.
    fn hold(&self, ctx: &Ctx) -> Effect {
        let Some((file, qbr)) = self.file(ctx) else {
            return Effect::None;
        };
        if qbr.status != QbrStatus::Planned {
            return Effect::Status(format!("this QBR is already {}", qbr.status));
        }
        Effect::Edit(Self::set(
            file,
            qbr,
            QbrStatus::Held,
            held_on(qbr, ctx.model.today),
        ))
    }

    /// `C`: cancel, after asking.
    fn cancel(&self, ctx: &Ctx) -> Effect {
        let Some((file, qbr)) = self.file(ctx) else {
            return Effect::None;
        };
        if qbr.status == QbrStatus::Cancelled {
            return Effect::Status("this QBR is already cancelled".into());
        }
        let edit = Self::set(file, qbr, QbrStatus::Cancelled, qbr.date);
        Confirm::ask(
            format!(
                "Cancel the QBR of {} with {}? (u undoes it)",
                day(qbr.date),
                crate::domain::text::display_safe(&file.partner.name)
            ),
            Effect::Edit(edit),
        )
    }

    /// `N`: plan the next quarter's QBR, unless one is already planned after this.
    fn schedule_next(&self, ctx: &Ctx) -> Effect {
        let Some((file, qbr)) = self.file(ctx) else {
            return Effect::None;
        };
        if let Some(next) = file
            .qbrs
            .iter()
            .find(|q| q.status == QbrStatus::Planned && q.date > qbr.date)
        {
            return Effect::Status(format!(
                "the next QBR is already planned: {}",
                day(next.date)
            ));
        }
        let date = next_after(qbr, ctx.model.today);
        Effect::Edit(Edit {
            partner: Self::who(file),
            change: Change::AddQbr(new_qbr(date, &ctx.model.config)),
        })
    }

    fn preview_lines(&self, ctx: &Ctx) -> Vec<String> {
        self.file(ctx).map_or_else(Vec::new, |(file, qbr)| {
            markdown(file, qbr, ctx.model.today, &ctx.model.config)
                .lines()
                .map(str::to_string)
                .collect()
        })
    }

    fn move_by(&mut self, delta: isize, ctx: &Ctx) {
        match self.pane {
            Pane::Checklist => {
                let n = self.file(ctx).map_or(0, |(_, q)| q.checklist.len());
                self.item = self
                    .item
                    .saturating_add_signed(delta)
                    .min(n.saturating_sub(1));
            }
            Pane::Preview => {
                let n = self.preview_lines(ctx).len();
                self.scroll = self
                    .scroll
                    .saturating_add_signed(delta)
                    .min(n.saturating_sub(1));
            }
        }
    }
}

impl Screen for Workspace {
    fn title(&self, ctx: &Ctx) -> String {
        self.file(ctx).map_or_else(
            || "QBRs".to_string(),
            |(file, qbr)| {
                format!(
                    "{} › QBR {}",
                    crate::domain::text::display_safe(&file.partner.name),
                    day_year(qbr.date)
                )
            },
        )
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::QbrWorkspace]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let page = isize::try_from(ctx.body.height.max(2)).unwrap_or(2) - 1;
        match action {
            Action::Down => self.move_by(1, ctx),
            Action::Up => self.move_by(-1, ctx),
            Action::PageDown => self.move_by(page, ctx),
            Action::PageUp => self.move_by(-page, ctx),
            Action::Top => self.move_by(-isize::MAX, ctx),
            Action::Bottom => self.move_by(isize::MAX, ctx),
            Action::ToggleDone => return self.tick(ctx),
            Action::MarkHeld => return self.hold(ctx),
            Action::CancelQbr => return self.cancel(ctx),
            Action::ScheduleNext => return self.schedule_next(ctx),
            Action::SwitchPane => {
                self.pane = match self.pane {
                    Pane::Checklist => Pane::Preview,
                    Pane::Preview => Pane::Checklist,
                };
            }
            Action::Back => return Effect::Close,
            _ => {}
        }
        Effect::None
    }

    fn partner(&self) -> Option<i64> {
        Some(self.partner_id)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let Some((_, qbr)) = self.file(ctx) else {
            Paragraph::new(" This QBR is no longer in the book.").render(area, buf);
            return;
        };
        let theme = ctx.theme;
        let [top, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        head(qbr, ctx, top, buf);
        if area.width >= SIDE_BY_SIDE {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(body);
            self.checklist(qbr, ctx, left, buf);
            let block = Block::default()
                .borders(Borders::LEFT)
                .border_style(theme.border)
                .title(Span::styled(" Preview (qbr export) ", theme.dim));
            let inner = block.inner(right);
            block.render(right, buf);
            self.preview(ctx, inner, buf);
        } else if self.pane == Pane::Checklist {
            self.checklist(qbr, ctx, body, buf);
        } else {
            self.preview(ctx, body, buf);
        }
    }
}

/// `planned · upcoming in 8d · prep 60% · facts as of Mon 23 Nov 2026`
fn head(qbr: &Qbr, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
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
    fn checklist(&self, qbr: &Qbr, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
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
        for a in &qbr.actions {
            let tick = if a.done.is_some() { "[x]" } else { "[ ]" };
            let due = a.due.map_or("no due date".to_string(), day);
            lines.push(Line::from(vec![
                Span::raw(format!("  {tick} ")),
                Span::styled(pad(&a.owner.to_string(), 8), theme.dim),
                Span::raw(fit(&a.text, width.saturating_sub(8 + 6 + 14))),
                Span::styled(format!("  {due}"), theme.dim),
            ]));
        }
        let height = usize::from(area.height);
        let top = (selected_line + 1).saturating_sub(height);
        let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
        Paragraph::new(shown).render(area, buf);
    }

    /// The agenda's Markdown, line by line from the scroll position.
    fn preview(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
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
