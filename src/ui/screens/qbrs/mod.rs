//! QBRs (tab 4): upcoming QBRs with prep, missed ones, the partners due a
//! QBR (`n` plans one a quarter ahead), then held and cancelled ones of the
//! completion window, under the completion KPI (docs/rules.md, "QBRs").
//! Enter opens a QBR's workspace; `/` filters the lists by partner name.

mod rows;
mod view;
pub mod workspace;

use crate::ui::modals::form::activity::TouchForm;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::config::QbrRules;
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::qbr::{new_qbr, quarter_after};
use crate::domain::qbr_board::{Board, DueQbr, QbrLine, board};
use crate::domain::search::{Query, name_key};
use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
use crate::ui::keymap::Scope;
use crate::ui::modals::filter::FilterLine;
use crate::ui::model::{Model, Need};
use crate::ui::screen::{Ctx, Effect, Msg, Screen};
use workspace::Workspace;

/// The lists of the screen, in the order drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Upcoming,
    Missed,
    Due,
    Held,
    Cancelled,
}

impl List {
    const ALL: [List; 5] = [
        List::Upcoming,
        List::Missed,
        List::Due,
        List::Held,
        List::Cancelled,
    ];

    /// The list's heading, with the cadence and the completion window as
    /// configured (`qbr.cadence_days`, `qbr.kpi_quarters`).
    pub(super) fn title(self, cfg: &QbrRules) -> String {
        let quarters = || {
            let n = cfg.kpi_quarters;
            format!("last {n} quarter{}", if n == 1 { "" } else { "s" })
        };
        match self {
            List::Upcoming => "Upcoming".to_string(),
            List::Missed => "Missed".to_string(),
            List::Due => {
                let n = cfg.cadence_days;
                let s = if n == 1 { "" } else { "s" };
                format!("Due a QBR (none planned in the next {n} day{s})")
            }
            List::Held => format!("Held, {}", quarters()),
            List::Cancelled => format!("Cancelled, {}", quarters()),
        }
    }
}

/// One drawn row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(List),
    /// A QBR or a partner due one: (list, index in it).
    Item(List, usize),
    Empty(List),
}

/// The summary line above the list.
const SUMMARY_LINES: u16 = 1;

/// A QBR on the board: its place in `Model::qbr_lines` (not a copy: at
/// 50,000 partners the copies were 12 MB) and what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    index: u32,
    qbr_id: i64,
    partner_id: i64,
}

/// A line of the model while the board is sorted, with its place.
struct Placed<'a>(usize, &'a QbrLine);

impl std::borrow::Borrow<QbrLine> for Placed<'_> {
    fn borrow(&self) -> &QbrLine {
        self.1
    }
}

#[derive(Debug, Clone)]
pub struct QbrsState {
    /// Rebuilt whenever the model changes, before it is drawn again, so
    /// its places always point into the model's lines of now.
    pub board: Board<At>,
    pub rows: Vec<Row>,
    pub cursor: Cursor,
    /// Partner-name filter (`/`).
    pub filter: String,
    /// The partner a QBR was just planned for (`n`): the next rebuild puts
    /// the cursor on its newest QBR.
    planned_for: Option<i64>,
}

impl Default for QbrsState {
    fn default() -> Self {
        let cfg = crate::domain::config::ProgramConfig::default();
        let today = chrono::NaiveDate::default();
        QbrsState {
            // An empty board: there is no line to map.
            board: board(Vec::<QbrLine>::new(), Vec::new(), today, &cfg).map(|_| At {
                index: 0,
                qbr_id: 0,
                partner_id: 0,
            }),
            rows: Vec::new(),
            cursor: Cursor::default(),
            filter: String::new(),
            planned_for: None,
        }
    }
}

impl QbrsState {
    pub(super) fn items(&self, list: List) -> usize {
        let b = &self.board;
        match list {
            List::Upcoming => b.upcoming.len(),
            List::Missed => b.missed.len(),
            List::Due => b.due.len(),
            List::Held => b.held.len(),
            List::Cancelled => b.cancelled.len(),
        }
    }

    fn at(&self, list: List, i: usize) -> Option<&At> {
        let b = &self.board;
        match list {
            List::Upcoming => b.upcoming.get(i),
            List::Missed => b.missed.get(i),
            List::Held => b.held.get(i),
            List::Cancelled => b.cancelled.get(i),
            List::Due => None,
        }
    }

    /// The QBR line at item `i` of `list`.
    pub(super) fn line<'m>(&self, model: &'m Model, list: List, i: usize) -> Option<&'m QbrLine> {
        let at = self.at(list, i)?;
        model.qbr_lines.get(at.index as usize)
    }

    /// Rebuild the board and rows from the model, keeping the selection
    /// on the same QBR or partner when it is still there.
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        // Nothing to show until the QBR lines are read (the first time the
        // screen is shown); then it starts at the top.
        if !model.qbr_lines_loaded {
            return;
        }
        let keep = self.selected_key();
        let query = Query::new(&self.filter);
        let wanted = |name: &str| self.filter.is_empty() || query.matches(&name_key(name));
        let due = model
            .rows
            .iter()
            .filter(|p| !p.archived && p.qbr_needed && wanted(&p.name))
            .map(|p| DueQbr {
                partner_id: p.id,
                partner: p.name.clone(),
                segment: p.segment,
            })
            .collect();
        let placed = model
            .qbr_lines
            .iter()
            .enumerate()
            .map(|(i, l)| Placed(i, l));
        let mut b = board(placed, due, model.today, &model.config);
        if !self.filter.is_empty() {
            // The KPI stays the program's; only the lists are filtered.
            for list in [
                &mut b.upcoming,
                &mut b.missed,
                &mut b.held,
                &mut b.cancelled,
            ] {
                list.retain(|l| wanted(&l.1.partner));
            }
        }
        self.board = b.map(|Placed(i, l)| At {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            qbr_id: l.qbr_id,
            partner_id: l.partner_id,
        });
        self.rows.clear();
        for list in List::ALL {
            self.rows.push(Row::Header(list));
            let n = self.items(list);
            if n == 0 {
                self.rows.push(Row::Empty(list));
            }
            self.rows.extend((0..n).map(|i| Row::Item(list, i)));
        }
        // After `n`, the partner's newest QBR (the one just planned has the
        // highest id); else the same QBR or partner as before.
        let planned = self.planned_for.take().and_then(|partner| {
            (0..self.rows.len())
                .filter_map(|r| Some((r, self.key_of(r)?)))
                .filter(|(_, (qbr, p))| *qbr != 0 && *p == partner)
                .max_by_key(|(_, (qbr, _))| *qbr)
                .map(|(r, _)| r)
        });
        let at = planned
            .or_else(|| {
                keep.and_then(|k| (0..self.rows.len()).find(|&r| self.key_of(r) == Some(k)))
            })
            .or_else(|| self.first_item_from(self.cursor.selected, 1))
            .or_else(|| self.first_item_from(0, 1))
            .unwrap_or(0);
        self.cursor.select(at, self.rows.len(), height);
    }

    /// What a row is about: (QBR id or 0, partner id).
    fn key_of(&self, row: usize) -> Option<(i64, i64)> {
        match self.rows.get(row)? {
            Row::Item(List::Due, i) => self.board.due.get(*i).map(|d| (0, d.partner_id)),
            Row::Item(list, i) => self.at(*list, *i).map(|a| (a.qbr_id, a.partner_id)),
            _ => None,
        }
    }

    fn selected_key(&self) -> Option<(i64, i64)> {
        self.key_of(self.cursor.selected)
    }

    /// The first item row at or after (`step` 1) or before (`step` -1) `row`.
    fn first_item_from(&self, row: usize, step: isize) -> Option<usize> {
        let mut r = row;
        loop {
            if matches!(self.rows.get(r), Some(Row::Item(..))) {
                return Some(r);
            }
            r = r
                .checked_add_signed(step)
                .filter(|r| *r < self.rows.len())?;
        }
    }

    /// Move by `delta` item rows, skipping headers.
    fn move_by(&mut self, delta: isize, height: usize) {
        let step = delta.signum();
        let mut at = self.cursor.selected;
        for _ in 0..delta.unsigned_abs() {
            match at
                .checked_add_signed(step)
                .and_then(|r| self.first_item_from(r, step))
            {
                Some(r) => at = r,
                None => break,
            }
        }
        self.cursor.select(at, self.rows.len(), height);
        self.show_header(height);
    }

    /// Keep the header above the first item of a list in view.
    fn show_header(&mut self, height: usize) {
        let r = self.cursor.selected;
        if self.cursor.offset == r && r > 0 && matches!(self.rows[r - 1], Row::Header(_)) {
            self.cursor.offset = r - 1;
        }
        let _ = height;
    }

    /// Jump to the first item of the next (`1`) or previous (`-1`) list.
    fn jump(&mut self, direction: isize, height: usize) {
        let list_of = |row: &Row| match row {
            Row::Header(l) | Row::Item(l, _) | Row::Empty(l) => *l,
        };
        let Some(here) = self.rows.get(self.cursor.selected).map(list_of) else {
            return;
        };
        let firsts: Vec<usize> = (0..self.rows.len())
            .filter(|&r| matches!(self.rows[r], Row::Item(_, 0)))
            .collect();
        let pos = |l: List| List::ALL.iter().position(|x| *x == l).unwrap_or(0);
        let target = if direction > 0 {
            firsts
                .iter()
                .find(|&&r| pos(list_of(&self.rows[r])) > pos(here))
        } else {
            firsts
                .iter()
                .rev()
                .find(|&&r| pos(list_of(&self.rows[r])) < pos(here))
        };
        if let Some(&r) = target {
            self.cursor.select(r, self.rows.len(), height);
            self.show_header(height);
        }
    }

    fn list_height(ctx: &Ctx) -> usize {
        usize::from(ctx.body.height.saturating_sub(SUMMARY_LINES))
    }

    /// `n`: plan a QBR for the selected partner a quarter from today.
    fn plan(&mut self, ctx: &Ctx) -> Effect {
        let Some((_, partner)) = self.selected_key() else {
            return Effect::Status("select a partner to plan a QBR for".into());
        };
        let Some(p) = ctx.model.partner(partner) else {
            return Effect::None;
        };
        let date = quarter_after(ctx.model.today);
        self.planned_for = Some(p.id);
        Effect::Edit(Edit {
            partner: PartnerRef {
                id: p.id,
                name: p.name.clone(),
            },
            change: Change::AddQbr(new_qbr(date, &ctx.model.config)),
        })
    }
}

impl Screen for QbrsState {
    fn title(&self, _ctx: &Ctx) -> String {
        "QBRs".into()
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Qbrs, Scope::List]
    }

    fn needs(&self) -> &'static [Need] {
        &[Need::QbrLines]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        let page = isize::try_from(h.max(1)).unwrap_or(1);
        match action {
            Action::Down => self.move_by(1, h),
            Action::Up => self.move_by(-1, h),
            Action::PageDown => self.move_by(page, h),
            Action::PageUp => self.move_by(-page, h),
            Action::Top => self.move_by(-isize::MAX, h),
            Action::Bottom => self.move_by(isize::MAX, h),
            Action::NextSection => self.jump(1, h),
            Action::PrevSection => self.jump(-1, h),
            Action::PlanQbr => return self.plan(ctx),
            Action::LogTouch => {
                if let Some((_, partner)) = self.selected_key() {
                    return TouchForm::open(ctx, partner);
                }
            }
            Action::Open => match self.selected_key() {
                Some((0, partner)) => {
                    return Effect::Open {
                        partner,
                        section: Some("QBRs"),
                    };
                }
                Some((qbr, partner)) => {
                    return Effect::Over {
                        partner,
                        screen: Box::new(Workspace::new(partner, qbr)),
                    };
                }
                None => {}
            },
            Action::Filter => return Effect::Push(Box::new(FilterLine::new(&self.filter))),
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.rebuild(ctx.model, h);
            }
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        if let Some(row) = usize::from(y).checked_sub(usize::from(SUMMARY_LINES)) {
            let r = self.cursor.row_at(row, self.rows.len(), h);
            if let Some(r) = r.filter(|&r| matches!(self.rows[r], Row::Item(..))) {
                self.cursor.select(r, self.rows.len(), h);
            }
        }
        Effect::None
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn receive(&mut self, msg: Msg, ctx: &Ctx) {
        if let Msg::Filter(text) = msg {
            self.filter = text;
            self.rebuild(ctx.model, Self::list_height(ctx));
        }
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let [top, list] =
            Layout::vertical([Constraint::Length(SUMMARY_LINES), Constraint::Fill(1)]).areas(area);
        rows::summary(&self.board, &self.filter, ctx.theme, top, buf);
        let height = usize::from(list.height);
        let first = self.cursor.view_offset(self.rows.len(), height);
        let lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(r, row)| {
                let line = self.row_line(*row, ctx.model, ctx.theme, list.width);
                if r == self.cursor.selected && matches!(row, Row::Item(..)) {
                    line.patch_style(ctx.theme.selected)
                } else {
                    line
                }
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::List;
    use crate::domain::config::ProgramConfig;

    #[test]
    fn headings_read_the_cadence_and_the_window_from_the_config() {
        let mut cfg = ProgramConfig::default().qbr;
        assert_eq!(
            List::Due.title(&cfg),
            "Due a QBR (none planned in the next 92 days)"
        );
        assert_eq!(List::Held.title(&cfg), "Held, last 4 quarters");
        cfg.cadence_days = 60;
        cfg.kpi_quarters = 1;
        assert_eq!(
            List::Due.title(&cfg),
            "Due a QBR (none planned in the next 60 days)"
        );
        assert_eq!(List::Held.title(&cfg), "Held, last 1 quarter");
        assert_eq!(List::Cancelled.title(&cfg), "Cancelled, last 1 quarter");
    }
}
