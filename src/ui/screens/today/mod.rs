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
use crate::ui::facets::{Facets, TODAY_ROWS};
use crate::ui::item_cursor::ItemCursor;
use crate::ui::keymap::Scope;
use crate::ui::modals::facets::FacetsModal;
use crate::ui::modals::filter::FilterLine;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::model::{Model, Need};
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
    pub nav: ItemCursor,
    pub filter: String,
    /// Owner and kind-of-line facets (`f`).
    pub facets: Facets,
    /// Rows after filtering; rebuilt when the triage or the filter changes.
    pub rows: Vec<Row>,
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
        let keep_pos = self.nav.item_pos();
        self.rows.clear();
        self.nav.clear();
        self.counts.clear();
        self.totals.clear();
        let query = Query::new(&self.filter);
        // Room for every line at once (the first frame lays out 140,000
        // at 50,000 partners), not grown by doubling.
        let lines: usize = model.triage.iter().map(|s| s.items.len()).sum();
        self.rows.reserve(lines + 2 * model.triage.len());
        self.nav.reserve(lines);
        for (s, section) in model.triage.iter().enumerate() {
            self.rows.push(Row::Header(s));
            let before = self.rows.len();
            let mut total = 0;
            // A line is decoded here only for a facet of its kind or a
            // filter: the first frame reads the owners from the rows.
            for i in 0..section.items.len() {
                let Some(owner) = model.triage_owner(s, i) else {
                    continue;
                };
                if !model.in_scope(owner) {
                    continue;
                }
                total += 1;
                let faceted = self.facets.owner.as_ref().is_none_or(|o| o == owner)
                    && self.facets.line.is_none_or(|k| {
                        model
                            .triage_item(s, i)
                            .is_some_and(|item| k == item.kind(section.kind))
                    });
                if !faceted {
                    continue;
                }
                if self.filter.is_empty()
                    || model.triage_text(s, i).is_some_and(|t| query.matches(t))
                {
                    self.nav
                        .push_item(self.rows.len(), s, self.rows.len() == before);
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
                self.nav.find(|r| match self.rows[r] {
                    Row::Item(s, i) => model
                        .triage_item(s, i)
                        .is_some_and(|t| t.subject == subject),
                    _ => false,
                })
            })
            .unwrap_or(keep_pos);
        self.nav.laid_out(self.rows.len(), pos, height);
    }

    /// The selected triage item.
    #[must_use]
    pub fn selected<'m>(&self, model: &'m Model) -> Option<&'m TriageItem> {
        match self.rows.get(self.nav.cursor.selected)? {
            Row::Item(s, i) => model.triage_item(*s, *i),
            _ => None,
        }
    }
}

/// Draw Today into `area`.
pub fn render(state: &TodayState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    if model.rows.is_empty() {
        first_run(theme, area, buf);
        return;
    }
    let [summary, area] = area.layout(&Layout::vertical([
        Constraint::Length(SUMMARY_LINES),
        Constraint::Min(0),
    ]));
    Paragraph::new(line::summary(state, model, theme, summary.width)).render(summary, buf);
    let height = usize::from(area.height);
    let first = state.nav.cursor.view_offset(state.rows.len(), height);
    let selected_row = state.nav.selected_row();
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
        Line::from(" To bring in your partners from a CRM export (HubSpot, Salesforce, any CSV):"),
        Line::from(Span::styled(
            "     partnerdeck import --csv partners FILE",
            theme.key,
        )),
        Line::from(" then deals, activities, NPS to score them (`--csv deals FILE`, …)."),
        Line::from(""),
        Line::from(" To add one by hand: 2 for Partners, then n."),
        Line::from(" From a partnerdeck JSON export: partnerdeck import FILE"),
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
        let (Some(item), Some(p)) = (DoneItem::of(subject), ctx.model.partner(subject.partner()))
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

    fn needs(&self) -> &'static [Need] {
        &[Need::TodayLines]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        if self.nav.navigate(action, h) {
            return Effect::None;
        }
        match action {
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
            self.nav.click(row, Self::list_height(ctx));
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
