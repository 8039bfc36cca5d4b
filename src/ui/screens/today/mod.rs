//! Today: the morning triage, every section most urgent first.

mod line;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::edit::{Change, DoneItem, Edit, PartnerRef};
use crate::domain::search::Query;
use crate::domain::today::{Subject, TriageItem};
use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
use crate::ui::facets::{Facets, TODAY_ROWS};
use crate::ui::keymap::Scope;
use crate::ui::modals::facets::FacetsModal;
use crate::ui::modals::filter::FilterLine;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::model::Model;
use crate::ui::screen::{Ctx, Effect, Msg, Screen};
use crate::ui::theme::Theme;

/// One drawn row of Today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Section header (index into the triage).
    Header(usize),
    /// An item: (section, item).
    Item(usize, usize),
    /// "nothing here" under an empty section.
    Empty(usize),
}

/// The summary line above the list.
pub const SUMMARY_LINES: u16 = 1;

#[derive(Debug, Clone, Default)]
pub struct TodayState {
    /// Over `rows`; the selected row is always an item when there are any.
    pub cursor: Cursor,
    pub filter: String,
    /// Owner and kind-of-line facets (`f`).
    pub facets: Facets,
    /// Rows after filtering; rebuilt when the triage or the filter changes.
    pub rows: Vec<Row>,
    /// Positions in `rows` that can be selected (items).
    pub items: Vec<usize>,
    /// Lines shown per section, after the filter.
    pub counts: Vec<usize>,
    /// Lines per section of the partners in scope (mine or everyone's),
    /// before the filter.
    pub totals: Vec<usize>,
}

impl TodayState {
    /// Rebuild rows from the triage, keeping the selected subject if it is still there.
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        let keep = self.selected(model).map(|i| i.subject);
        let keep_pos = self.item_pos();
        self.rows.clear();
        self.items.clear();
        self.counts.clear();
        self.totals.clear();
        let query = Query::new(&self.filter);
        for (s, section) in model.triage.iter().enumerate() {
            self.rows.push(Row::Header(s));
            let before = self.rows.len();
            let mut total = 0;
            for (i, item) in section.items.iter().enumerate() {
                if !model.in_scope(&item.partner_owner) {
                    continue;
                }
                total += 1;
                let faceted = self
                    .facets
                    .owner
                    .as_ref()
                    .is_none_or(|o| *o == item.partner_owner)
                    && self
                        .facets
                        .line
                        .is_none_or(|k| k == item.kind(section.kind));
                if !faceted {
                    continue;
                }
                if self.filter.is_empty()
                    || model.triage_text(s, i).is_some_and(|t| query.matches(t))
                {
                    self.items.push(self.rows.len());
                    self.rows.push(Row::Item(s, i));
                }
            }
            self.counts.push(self.rows.len() - before);
            self.totals.push(total);
            if self.rows.len() == before {
                self.rows.push(Row::Empty(s));
            }
        }
        let pos = keep
            .and_then(|subject| {
                self.items.iter().position(|&r| match self.rows[r] {
                    Row::Item(s, i) => model.triage[s].items[i].subject == subject,
                    _ => false,
                })
            })
            .unwrap_or(keep_pos);
        self.select_item(pos, height);
    }

    /// Index of the selected row among the items.
    fn item_pos(&self) -> usize {
        self.items
            .iter()
            .position(|&r| r == self.cursor.selected)
            .unwrap_or(0)
    }

    /// Select the `pos`-th item (clamped), showing its section header when
    /// it is the first item under it.
    fn select_item(&mut self, pos: usize, height: usize) {
        let Some(&row) = self.items.get(pos.min(self.items.len().saturating_sub(1))) else {
            self.cursor = Cursor::default();
            return;
        };
        self.cursor.select(row, self.rows.len(), height);
        if self.cursor.offset == row && row > 0 && matches!(self.rows[row - 1], Row::Header(_)) {
            self.cursor.offset = row - 1;
        }
    }

    /// Move the selection by `delta` items.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let pos = self.item_pos().saturating_add_signed(delta);
        self.select_item(pos, height);
    }

    pub fn top(&mut self, height: usize) {
        self.cursor.offset = 0;
        self.select_item(0, height);
    }

    pub fn bottom(&mut self, height: usize) {
        self.select_item(usize::MAX, height);
    }

    /// Jump to the first item of the next (`1`) or previous (`-1`) section
    /// that has items.
    pub fn jump_section(&mut self, direction: isize, height: usize) {
        let section_of = |row: usize| match self.rows.get(row) {
            Some(Row::Header(s) | Row::Item(s, _) | Row::Empty(s)) => *s,
            None => 0,
        };
        let here = section_of(self.cursor.selected);
        let mut firsts = self
            .items
            .iter()
            .enumerate()
            .filter(|(i, r)| *i == 0 || section_of(self.items[i - 1]) != section_of(**r));
        let target = if direction > 0 {
            firsts.clone().find(|(_, r)| section_of(**r) > here)
        } else {
            firsts.rfind(|(_, r)| section_of(**r) < here)
        };
        if let Some((pos, _)) = target {
            self.select_item(pos, height);
        }
    }

    /// The selected triage item.
    #[must_use]
    pub fn selected<'m>(&self, model: &'m Model) -> Option<&'m TriageItem> {
        match self.rows.get(self.cursor.selected)? {
            Row::Item(s, i) => model.triage.get(*s)?.items.get(*i),
            _ => None,
        }
    }

    /// Select the item drawn at `view_row` of the list (mouse click).
    pub fn click_row(&mut self, view_row: usize, height: usize) {
        let row = self.cursor.row_at(view_row, self.rows.len(), height);
        if let Some(pos) = self.items.iter().position(|&r| Some(r) == row) {
            self.select_item(pos, height);
        }
    }
}

/// Draw Today into `area`.
pub fn render(state: &TodayState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    if model.partners.is_empty() {
        first_run(theme, area, buf);
        return;
    }
    let [summary, area] = area.layout(&Layout::vertical([
        Constraint::Length(SUMMARY_LINES),
        Constraint::Min(0),
    ]));
    Paragraph::new(line::summary(state, model, theme, summary.width)).render(summary, buf);
    let height = usize::from(area.height);
    let first = state.cursor.view_offset(state.rows.len(), height);
    let selected_row = state
        .items
        .contains(&state.cursor.selected)
        .then_some(state.cursor.selected);
    let lines: Vec<Line<'_>> = state
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(r, row)| {
            let line = line::row_line(*row, state, model, theme, area.width);
            if Some(r) == selected_row {
                line.patch_style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

fn first_run(theme: &Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new(first_run_lines(theme)).render(area, buf);
}

/// What an empty book says, on Today and on Partners: how to load the demo
/// or bring in partners.
#[must_use]
pub fn first_run_lines(theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::from(Span::styled(" Your book is empty.", theme.section)),
        Line::from(""),
        Line::from(" To look around with a realistic demo book (kept apart from yours):"),
        Line::from(Span::styled("     partnerdeck --demo", theme.key)),
        Line::from(""),
        Line::from(" To bring in your partners from a partnerdeck JSON export:"),
        Line::from(Span::styled("     partnerdeck import FILE", theme.key)),
        Line::from(""),
        Line::from(Span::styled(" Press q to quit, ? for help.", theme.dim)),
    ]
}

impl TodayState {
    /// Rows the list shows in a body this tall.
    fn list_height(ctx: &Ctx) -> usize {
        usize::from(ctx.body.height.saturating_sub(SUMMARY_LINES))
    }

    /// `x` on a line: mark its task done (a line on Today is open work).
    fn mark_done(&self, ctx: &Ctx) -> Effect {
        let Some(subject) = self.selected(ctx.model).map(|i| i.subject) else {
            return Effect::None;
        };
        let (Some(item), Some((p, _))) =
            (DoneItem::of(subject), ctx.model.partner(subject.partner()))
        else {
            return Effect::Status("x marks tasks, checklist items and action items done".into());
        };
        Effect::Edit(Edit {
            partner: PartnerRef {
                id: p.id,
                name: p.name.clone(),
            },
            change: Change::SetDone {
                item,
                from: None,
                to: Some(ctx.model.today),
            },
        })
    }
}

impl Screen for TodayState {
    fn title(&self, ctx: &Ctx) -> String {
        ctx.model.scoped_title("Today")
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Today, Scope::List]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        let page = isize::try_from(h.max(1)).unwrap_or(1);
        match action {
            Action::Down => self.move_by(1, h),
            Action::Up => self.move_by(-1, h),
            Action::PageDown => self.move_by(page, h),
            Action::PageUp => self.move_by(-page, h),
            Action::Top => self.top(h),
            Action::Bottom => self.bottom(h),
            Action::NextSection => self.jump_section(1, h),
            Action::PrevSection => self.jump_section(-1, h),
            Action::Filter => return Effect::Push(Box::new(FilterLine::new(&self.filter))),
            Action::Facets => {
                return Effect::Push(Box::new(FacetsModal::with_rows(
                    self.facets.clone(),
                    ctx.model.owners(),
                    &TODAY_ROWS,
                )));
            }
            Action::ClearFacets => {
                self.facets = Facets::default();
                self.rebuild(ctx.model, h);
            }
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.rebuild(ctx.model, h);
            }
            Action::Open => {
                if let Some(subject) = self.selected(ctx.model).map(|i| i.subject) {
                    // Land on what the line is about.
                    let section = match subject {
                        Subject::Qbr { .. }
                        | Subject::ChecklistItem { .. }
                        | Subject::ActionItem { .. } => Some("QBRs"),
                        Subject::CampaignTask { .. } => Some("Campaigns"),
                        Subject::Partner { .. } => None,
                    };
                    return Effect::Open {
                        partner: subject.partner(),
                        section,
                    };
                }
            }
            Action::LogTouch => {
                if let Some(item) = self.selected(ctx.model) {
                    return TouchForm::open(ctx, item.subject.partner());
                }
            }
            Action::ToggleDone => return self.mark_done(ctx),
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        if let Some(row) = usize::from(y).checked_sub(usize::from(SUMMARY_LINES)) {
            self.click_row(row, Self::list_height(ctx));
        }
        Effect::None
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn receive(&mut self, msg: Msg, ctx: &Ctx) {
        match msg {
            Msg::Filter(text) => self.filter = text,
            Msg::Facets(facets) => self.facets = facets,
            Msg::Choices(_) => return,
        }
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        render(self, ctx.model, ctx.theme, area, buf);
    }
}
