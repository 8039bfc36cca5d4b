//! A QBR's workspace, opened over the QBRs tab: the checklist with due
//! dates and the action items (`x` ticks either), and a preview of the
//! agenda exactly as `qbr export` writes it. `H` marks it held, `C` cancels it (asks
//! first), `N` plans the next quarter's; every change is an undoable edit.

use crate::ui::modals::form::Form;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::modals::form::qbr::{ActionForm, NotesForm, WhenForm};
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::domain::agenda::markdown;
use crate::domain::book::{PartnerFile, Qbr, QbrStatus};
use crate::domain::edit::{Change, DoneItem, Edit, PartnerRef, QbrWhen};
use crate::domain::format::{day, day_year};
use crate::domain::qbr::{held_on, new_qbr, next_after};
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::modals::confirm::Confirm;
use crate::ui::screen::{Ctx, Effect, Screen};

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
    /// The selected row: a checklist item (index in the checklist), or
    /// past them an action item.
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

    pub(super) fn file<'m>(&self, ctx: &Ctx<'m>) -> Option<(&'m PartnerFile, &'m Qbr)> {
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

    /// Open a form about this QBR.
    fn form(&self, ctx: &Ctx, make: impl FnOnce(PartnerRef, &Qbr, &Ctx) -> Form) -> Effect {
        match self.file(ctx) {
            Some((file, qbr)) => Effect::Push(Box::new(make(Self::who(file), qbr, ctx))),
            None => Effect::None,
        }
    }

    /// `x`: tick the selected item, or untick it.
    fn tick(&self, ctx: &Ctx) -> Effect {
        let Some((file, qbr)) = self.file(ctx) else {
            return Effect::None;
        };
        let n = qbr.checklist.len();
        let (item, from) = if let Some(c) = qbr.checklist.get(self.item) {
            let item = DoneItem::ChecklistItem {
                qbr: qbr.id,
                item: c.id,
            };
            (item, c.done)
        } else if let Some(a) = qbr.actions.get(self.item - n) {
            let item = DoneItem::ActionItem {
                qbr: qbr.id,
                item: a.id,
            };
            (item, a.done)
        } else {
            return Effect::None;
        };
        let to = if from.is_some() {
            None
        } else {
            Some(ctx.model.today)
        };
        Effect::Edit(Edit {
            partner: Self::who(file),
            change: Change::SetDone { item, from, to },
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
                "Cancel the QBR of {} with {}? ({} undoes it)",
                day(qbr.date),
                crate::domain::text::display_safe(&file.partner.name),
                ctx.keymap.label_of(crate::ui::action::Action::Undo)
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

    pub(super) fn preview_lines(&self, ctx: &Ctx) -> Vec<String> {
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
                let n = self
                    .file(ctx)
                    .map_or(0, |(_, q)| q.checklist.len() + q.actions.len());
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
            Action::LogTouch => return TouchForm::open(ctx, self.partner_id),
            Action::Edit => return self.form(ctx, |who, qbr, _| NotesForm::form(who, qbr)),
            Action::New => {
                return self.form(ctx, |who, qbr, _| ActionForm::form(who, qbr.id, None));
            }
            Action::Reschedule => return self.form(ctx, |who, qbr, _| WhenForm::form(who, qbr)),
            Action::Open => {
                let n = self.file(ctx).map_or(0, |(_, q)| q.checklist.len());
                if let Some(i) = self.item.checked_sub(n) {
                    return self.form(ctx, |who, qbr, _| {
                        ActionForm::form(who, qbr.id, qbr.actions.get(i).cloned())
                    });
                }
            }
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
        super::view::head(qbr, ctx, top, buf);
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
