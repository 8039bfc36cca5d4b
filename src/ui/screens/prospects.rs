//! Prospects (tab 7): the partners at `recruit`, best scorecard first
//! (unscored last), with the total and its reading, the red flags seen, when
//! a prospect not ready comes back and how long it has been in recruit. `c`
//! scores the selected prospect, `o` signs it (docs/rules.md, "Prospects
//! and the scorecard").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::book::Lifecycle;
use crate::domain::format::day;
use crate::domain::lifecycle::{Reading, short_span};
use crate::domain::list_row::ListRow;
use crate::domain::search::{Query, name_key};
use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
use crate::ui::keymap::Scope;
use crate::ui::modals::filter::FilterLine;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::modals::form::prospect::{scorecard, sign_up};
use crate::ui::model::Model;
use crate::ui::screen::{Ctx, Effect, Msg, Screen};
use crate::ui::widgets::text::{pad, pad_left};

#[derive(Debug, Clone, Default)]
pub struct ProspectsState {
    pub cursor: Cursor,
    pub filter: String,
    /// Indices into `model.rows` shown, in list order.
    pub visible: Vec<usize>,
}

/// Lines above the rows: the summary and the column header.
const HEADER_LINES: u16 = 2;

impl ProspectsState {
    fn list_height(ctx: &Ctx) -> usize {
        usize::from(ctx.body.height.saturating_sub(HEADER_LINES))
    }

    fn selected<'m>(&self, model: &'m Model) -> Option<&'m ListRow> {
        model.rows.get(*self.visible.get(self.cursor.selected)?)
    }

    /// The prospects, best scorecard first, keeping the selection.
    fn rebuild(&mut self, model: &Model, height: usize) {
        let keep = self.selected(model).map(|r| r.id);
        let query = Query::new(&self.filter);
        let mut visible: Vec<usize> = model
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.stage == Lifecycle::Recruit && !r.archived)
            .filter(|(_, r)| {
                self.filter.is_empty()
                    || query.matches(&name_key(&format!("{} {}", r.name, r.owner)))
            })
            .map(|(i, _)| i)
            .collect();
        visible.sort_by_key(|&i| {
            let r = &model.rows[i];
            (
                std::cmp::Reverse(r.scorecard.map(|c| c.0)),
                name_key(&r.name),
            )
        });
        self.visible = visible;
        let at = keep
            .and_then(|id| self.visible.iter().position(|&i| model.rows[i].id == id))
            .unwrap_or(self.cursor.selected);
        self.cursor.select(at, self.visible.len(), height);
    }
}

fn row_line(r: &ListRow, ctx: &Ctx, name_w: usize, wide: bool) -> Line<'static> {
    let t = ctx.theme;
    let rules = &ctx.model.config.lifecycle;
    let mut spans = vec![
        Span::raw(" "),
        Span::raw(pad(&r.name, name_w)),
        Span::raw(" "),
    ];
    if let Some((total, flags, scored)) = r.scorecard {
        let reading = Reading::of(total, rules);
        let style = match reading {
            Reading::PlatinumPotential | Reading::GoldPotential => t.good,
            Reading::SilverPotential => t.base,
            Reading::NotReady => t.dim,
        };
        spans.push(Span::styled(pad_left(&format!("{total}/35"), 5), style));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(pad(reading.title(), 18), style));
        let flags = match flags {
            0 => String::new(),
            1 => "⚑ 1 red flag".into(),
            n => format!("⚑ {n} red flags"),
        };
        spans.push(Span::styled(pad(&flags, 15), t.warn));
        if wide {
            let when = match r.revisit {
                Some(d) if d <= ctx.model.today => format!("revisit since {}", day(d)),
                Some(d) => format!("revisit {}", day(d)),
                None => format!("scored {}", day(scored)),
            };
            let style = if r.revisit.is_some_and(|d| d <= ctx.model.today) {
                t.warn
            } else {
                t.dim
            };
            spans.push(Span::styled(pad(&when, 30), style));
        }
    } else {
        spans.push(Span::styled(
            pad("  —   not scored — c scores it", 39),
            t.dim,
        ));
        if wide {
            spans.push(Span::raw(pad("", 30)));
        }
    }
    let style = if r.stage_over_plan { t.warn } else { t.base };
    spans.push(Span::styled(pad_left(&short_span(r.stage_days), 10), style));
    spans.push(Span::raw("  "));
    spans.push(Span::raw(
        crate::domain::owners::person(&r.owner, &ctx.model.config.owners).to_string(),
    ));
    Line::from(spans)
}

impl Screen for ProspectsState {
    fn title(&self, _ctx: &Ctx) -> String {
        "Prospects".into()
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Prospects, Scope::List]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        if self.cursor.navigate(action, self.visible.len(), h) {
            return Effect::None;
        }
        let id = self.selected(ctx.model).map(|r| r.id);
        match (action, id) {
            (Action::Filter, _) => return Effect::Push(Box::new(FilterLine::new(&self.filter))),
            (Action::Back, _) if !self.filter.is_empty() => {
                self.filter.clear();
                self.rebuild(ctx.model, h);
            }
            (Action::Scorecard, Some(id)) => return scorecard(id),
            (Action::Sign, Some(id)) => return sign_up(id),
            (Action::LogTouch, Some(id)) => return TouchForm::open(ctx, id),
            (Action::Open, Some(id)) => {
                return Effect::Open {
                    partner: id,
                    section: None,
                };
            }
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        if let Some(r) = usize::from(y).checked_sub(usize::from(HEADER_LINES)) {
            self.cursor
                .click(r, self.visible.len(), Self::list_height(ctx));
        }
        Effect::None
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn receive(&mut self, msg: Msg, ctx: &Ctx) {
        if let Msg::Filter(text) = msg {
            self.filter = text;
        }
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let width = usize::from(area.width);
        let wide = width >= 100;
        let fixed = 1 + 1 + 5 + 1 + 18 + 15 + if wide { 30 } else { 0 } + 10 + 2 + 8;
        let name_w = width.saturating_sub(fixed).clamp(10, 32);
        let scored = self
            .visible
            .iter()
            .filter(|&&i| ctx.model.rows[i].scorecard.is_some())
            .count();
        let filter = if self.filter.is_empty() {
            String::new()
        } else {
            format!(" · filter: {}", self.filter)
        };
        let mut lines = vec![
            Line::from(Span::styled(
                format!(
                    " {} prospects · {scored} scored · best first · c scorecard · o sign{filter}",
                    self.visible.len()
                ),
                t.dim,
            )),
            Line::from(Span::styled(
                format!(
                    " {} {} {}{}{}{}  Owner",
                    pad("Prospect", name_w),
                    pad_left("Score", 5),
                    pad("Reading", 18),
                    pad("Red flags", 15),
                    if wide {
                        pad("Scored / revisit", 30)
                    } else {
                        String::new()
                    },
                    pad_left("In recruit", 10)
                ),
                t.header,
            )),
        ];
        let height = usize::from(area.height.saturating_sub(HEADER_LINES));
        let offset = self.cursor.view_offset(self.visible.len(), height);
        for (pos, &i) in self.visible.iter().enumerate().skip(offset).take(height) {
            let mut line = row_line(&ctx.model.rows[i], ctx, name_w, wide);
            if pos == self.cursor.selected {
                line = line.patch_style(t.selected);
            }
            lines.push(line);
        }
        if self.visible.is_empty() {
            lines.push(Line::from(Span::styled(
                " no prospects — a partner at lifecycle recruit is one (n on Partners adds one)",
                t.dim,
            )));
        }
        Paragraph::new(lines).render(area, buf);
    }
}
