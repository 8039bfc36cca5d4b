//! Program (tab 6): the playbook's metrics, each with its value now and a
//! year ago, target and ✓/✗ (`domain::program`; docs/rules.md, "Program
//! numbers"). j/k move over the metrics and the selected one's reason
//! shows below the table; Enter explains it and lists the partners it
//! counts (Enter on one opens it, Esc comes back); `c` enters the company's
//! revenue for a month.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr as _;

use crate::domain::format::money;
use crate::domain::program::{Counted, Metric, Report};
use crate::domain::search::{Query, name_key};
use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
use crate::ui::keymap::Scope;
use crate::ui::modals::filter::FilterLine;
use crate::ui::modals::form::company as form;
use crate::ui::model::Need;
use crate::ui::screen::{Ctx, Effect, Msg, Screen};
use crate::ui::theme::Theme;
use crate::ui::widgets::text::{fit, pad};

#[derive(Debug, Clone, Default)]
pub struct ProgramState {
    /// Over the metrics.
    pub cursor: Cursor,
    /// The metric explained (Enter), with the selection over its partners.
    pub explained: Option<Explained>,
}

#[derive(Debug, Clone, Default)]
pub struct Explained {
    pub metric: usize,
    /// Over the partners of every group, in order.
    pub cursor: Cursor,
    pub filter: String,
}

/// The table's lines above the metrics: its title.
const TABLE_TOP: u16 = 1;

/// The partners of a metric as listed (filtered), with their group.
fn listed<'r>(m: &'r Metric, filter: &str) -> Vec<(usize, &'r Counted)> {
    let query = Query::new(filter);
    m.groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.partners.iter().map(move |p| (g, p)))
        .filter(|(_, p)| filter.is_empty() || query.matches(&name_key(&p.name)))
        .collect()
}

impl ProgramState {
    fn report<'m>(ctx: &Ctx<'m>) -> Option<&'m Report> {
        ctx.model.program.as_ref()
    }

    /// Rows the explanation's partner list gets: the body less its title,
    /// reason and formula lines.
    fn list_height(ctx: &Ctx) -> usize {
        usize::from(ctx.body.height.saturating_sub(6))
    }

    fn update_explained(&mut self, action: Action, ctx: &Ctx, report: &Report) -> Effect {
        let Some(ex) = self.explained.as_mut() else {
            return Effect::None;
        };
        let Some(m) = report.metrics.get(ex.metric) else {
            self.explained = None;
            return Effect::None;
        };
        let partners = listed(m, &ex.filter);
        let h = Self::list_height(ctx);
        if ex.cursor.navigate(action, partners.len(), h) {
            return Effect::None;
        }
        match action {
            Action::Open => {
                if let Some((_, p)) = partners.get(ex.cursor.selected) {
                    return Effect::Open {
                        partner: p.id,
                        section: None,
                    };
                }
            }
            Action::Filter => return Effect::Push(Box::new(FilterLine::new(&ex.filter))),
            Action::Back if !ex.filter.is_empty() => {
                ex.filter.clear();
                ex.cursor.select(0, listed(m, "").len(), h);
            }
            Action::Back => self.explained = None,
            Action::CompanyRevenue => return form::open(ctx),
            _ => {}
        }
        Effect::None
    }
}

impl Screen for ProgramState {
    fn title(&self, ctx: &Ctx) -> String {
        match (Self::report(ctx), &self.explained) {
            (Some(r), Some(ex)) => r
                .metrics
                .get(ex.metric)
                .map_or_else(|| "Program".into(), |m| format!("Program · {}", m.title)),
            _ => "Program".into(),
        }
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Program]
    }

    fn needs(&self) -> &'static [Need] {
        if self.explained.is_some() {
            &[Need::Program, Need::ProgramGroups]
        } else {
            &[Need::Program]
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let Some(report) = Self::report(ctx) else {
            return Effect::None;
        };
        if self.explained.is_some() {
            return self.update_explained(action, ctx, report);
        }
        let n = report.metrics.len();
        if self.cursor.navigate(action, n, n) {
            return Effect::None;
        }
        match action {
            Action::Open => {
                let metric = self.cursor.selected.min(n.saturating_sub(1));
                self.explained = Some(Explained {
                    metric,
                    ..Explained::default()
                });
            }
            Action::CompanyRevenue => return form::open(ctx),
            Action::Filter => {
                return Effect::Status(
                    "Enter on a metric lists its partners; / there filters them".into(),
                );
            }
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        let Some(report) = Self::report(ctx) else {
            return Effect::None;
        };
        if self.explained.is_none()
            && let Some(row) = usize::from(y).checked_sub(usize::from(TABLE_TOP))
        {
            let n = report.metrics.len();
            self.cursor.click(row, n, n);
        }
        Effect::None
    }

    fn refresh(&mut self, ctx: &Ctx) {
        let Some(report) = Self::report(ctx) else {
            return;
        };
        let n = report.metrics.len();
        self.cursor.select(self.cursor.selected, n, n);
        if let Some(ex) = self.explained.as_mut() {
            match report.metrics.get(ex.metric) {
                Some(m) => {
                    let len = listed(m, &ex.filter).len();
                    ex.cursor
                        .select(ex.cursor.selected, len, Self::list_height(ctx));
                }
                None => self.explained = None,
            }
        }
    }

    fn receive(&mut self, msg: Msg, ctx: &Ctx) {
        if let (Msg::Filter(text), Some(ex)) = (msg, self.explained.as_mut()) {
            ex.filter = text;
            ex.cursor.selected = 0;
        }
        self.refresh(ctx);
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let Some(report) = Self::report(ctx) else {
            let line = " working out the program's numbers from every partner…";
            Paragraph::new(Line::from(Span::styled(line, t.dim))).render(area, buf);
            return;
        };
        match &self.explained {
            Some(ex) => match report.metrics.get(ex.metric) {
                Some(m) => render_explained(m, ex, ctx, area, buf),
                None => render_table(report, self.cursor.selected, ctx, area, buf),
            },
            None => render_table(report, self.cursor.selected, ctx, area, buf),
        }
    }
}

fn mark_style(m: &Metric, t: &Theme) -> Style {
    match m.met {
        Some(true) => t.good,
        Some(false) => t.warn,
        None => t.dim,
    }
}

/// Column widths: metric, now, a year ago, target, mark; the basis takes
/// what is left (up to 30), the note the rest.
const METRIC_W: usize = 27;
const NOW_W: usize = 8;
const AGO_W: usize = 11;
const TARGET_W: usize = 9;
const MARK_W: usize = 2;

fn render_table(report: &Report, selected: usize, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let cur = &ctx.model.config.currency;
    let width = usize::from(area.width);
    let fixed = 1 + METRIC_W + NOW_W + AGO_W + TARGET_W + MARK_W;
    let basis_w = width.saturating_sub(fixed + 1).clamp(8, 30);
    let note_w = width.saturating_sub(fixed + basis_w + 1);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            " {}{}{}{}",
            pad(&format!("Program · {}", report.window), METRIC_W + basis_w),
            pad("now", NOW_W),
            pad("a year ago", AGO_W),
            pad("target", TARGET_W),
        ),
        t.header,
    ))];
    for (i, m) in report.metrics.iter().enumerate() {
        let note = if m.note == crate::domain::program::ENTER_COMPANY_REVENUE {
            "enter company revenue (c)".to_string()
        } else {
            m.note.clone()
        };
        let mut line = Line::from(vec![
            Span::raw(" "),
            Span::styled(pad(&m.title, METRIC_W), t.base),
            Span::styled(format!("{} ", pad(&m.basis, basis_w - 1)), t.dim),
            Span::styled(pad(&m.shown(m.now, cur), NOW_W), mark_style(m, t)),
            Span::raw(pad(&m.shown(m.year_ago, cur), AGO_W)),
            Span::raw(pad(&m.target, TARGET_W)),
            Span::styled(pad(m.mark(), MARK_W), mark_style(m, t)),
            Span::styled(
                if note.is_empty() || note_w < 4 {
                    String::new()
                } else {
                    fit(&format!(" · {note}"), note_w)
                },
                if m.met == Some(false) || m.note.is_empty() {
                    t.warn
                } else {
                    t.dim
                },
            ),
        ]);
        if i == selected {
            line = line.patch_style(t.selected);
        }
        lines.push(line);
    }
    let tiers: Vec<String> = report
        .per_tier
        .iter()
        .rev()
        .filter_map(|r| {
            r.per_active
                .map(|v| format!("{} {}", r.tier.title(), money(v, cur)))
        })
        .collect();
    if !tiers.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(
                &format!(" Revenue per active partner by tier: {}", tiers.join(" · ")),
                width,
            ),
            t.dim,
        )));
    }
    lines.push(Line::raw(""));
    let used = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    Paragraph::new(lines).render(area, buf);
    // The selected metric's reason and formula, wrapped, under the table.
    if let Some(m) = report.metrics.get(selected) {
        let below = Rect {
            y: area.y + used.min(area.height),
            height: area.height.saturating_sub(used),
            ..area
        };
        let mark = if m.mark().is_empty() { "·" } else { m.mark() };
        let mut why = Vec::new();
        for (i, text) in wrap(&m.reason, width.saturating_sub(4))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                format!(" {mark} ")
            } else {
                "   ".into()
            };
            why.push(Line::from(vec![
                Span::styled(lead, mark_style(m, t)),
                Span::raw(text),
            ]));
        }
        for text in wrap(&format!("formula: {}", m.formula), width.saturating_sub(4)) {
            why.push(Line::from(Span::styled(format!("   {text}"), t.dim)));
        }
        why.push(Line::from(Span::styled(
            "   Enter lists its partners · c enters company revenue",
            t.dim,
        )));
        Paragraph::new(why).render(below, buf);
    }
}

fn render_explained(m: &Metric, ex: &Explained, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let cur = &ctx.model.config.currency;
    let width = usize::from(area.width);
    let mut head = vec![Line::from(vec![
        Span::styled(format!(" {} ", m.title), t.title),
        Span::styled(m.shown(m.now, cur), mark_style(m, t)),
        Span::raw(format!(
            " · a year ago {} · target {} ",
            m.shown(m.year_ago, cur),
            m.target
        )),
        Span::styled(m.mark(), mark_style(m, t)),
    ])];
    for text in wrap(&m.reason, width.saturating_sub(3)) {
        head.push(Line::raw(format!(" {text}")));
    }
    for text in wrap(&format!("formula: {}", m.formula), width.saturating_sub(3)) {
        head.push(Line::from(Span::styled(format!(" {text}"), t.dim)));
    }
    let head_h = u16::try_from(head.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    Paragraph::new(head).render(
        Rect {
            height: head_h,
            ..area
        },
        buf,
    );
    let list_area = Rect {
        y: area.y + head_h,
        height: area.height.saturating_sub(head_h),
        ..area
    };
    let partners = listed(m, &ex.filter);
    let mut rows: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    let mut last_group = None;
    let name_w = (width / 3).clamp(10, 32);
    for (i, (g, p)) in partners.iter().enumerate() {
        if last_group != Some(*g) {
            let title = m.groups.get(*g).map_or("", |gr| gr.title.as_str());
            rows.push(Line::from(Span::styled(format!(" {title}"), t.section)));
            last_group = Some(*g);
        }
        let mut line = Line::from(vec![
            Span::raw("   "),
            Span::raw(pad(&p.name, name_w)),
            Span::raw(" "),
            Span::styled(fit(&p.note, width.saturating_sub(name_w + 4)), t.dim),
        ]);
        if i == ex.cursor.selected {
            line = line.patch_style(t.selected);
            selected_row = rows.len();
        }
        rows.push(line);
    }
    // Groups with nobody in them still say so.
    for (g, group) in m.groups.iter().enumerate() {
        if !partners.iter().any(|(pg, _)| *pg == g) && ex.filter.is_empty() {
            rows.push(Line::from(Span::styled(
                format!(" {}", group.title),
                t.section,
            )));
            rows.push(Line::from(Span::styled("   nobody", t.dim)));
        }
    }
    let filter = if ex.filter.is_empty() {
        " Enter opens a partner · / filters · Esc back".to_string()
    } else {
        format!(" filter: {} · Esc clears", ex.filter)
    };
    let height = usize::from(list_area.height.saturating_sub(1));
    let offset = (selected_row + 1).saturating_sub(height);
    let mut lines = vec![Line::from(Span::styled(filter, t.dim))];
    lines.extend(rows.into_iter().skip(offset).take(height));
    Paragraph::new(lines).render(list_area, buf);
}

/// `text` in rows of at most `width` columns, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        let wanted = row.width() + usize::from(!row.is_empty()) + word.width();
        if !row.is_empty() && wanted > width {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(word);
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}
