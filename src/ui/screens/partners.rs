//! Partners: the health dashboard. KPI header, facet and text filters, a
//! sortable table, and the Partner Value Matrix on `m`.

use std::cmp::Ordering;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::book::{PartnerType, Tier};
use crate::domain::format::{day, money};
use crate::domain::health::Band;
use crate::domain::search::matches_words;
use crate::ui::cursor::Cursor;
use crate::ui::model::Model;
use crate::ui::theme::Theme;
use crate::ui::widgets::bars::{bar_spans, health_spans};
use crate::ui::widgets::text::{pad, pad_left};

/// Columns the table sorts by, in `s` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Health,
    Delta,
    Progress,
    LastTouch,
    Name,
    Type,
    Tier,
    Owner,
    NextQbr,
}

impl SortKey {
    pub const ALL: [SortKey; 9] = [
        SortKey::Health,
        SortKey::Delta,
        SortKey::Progress,
        SortKey::LastTouch,
        SortKey::Name,
        SortKey::Type,
        SortKey::Tier,
        SortKey::Owner,
        SortKey::NextQbr,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            SortKey::Health => "health",
            SortKey::Delta => "30d change",
            SortKey::Progress => "tier progress",
            SortKey::LastTouch => "last touch",
            SortKey::Name => "name",
            SortKey::Type => "type",
            SortKey::Tier => "tier",
            SortKey::Owner => "owner",
            SortKey::NextQbr => "next QBR",
        }
    }

    #[must_use]
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// Facet filters; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub tier: Option<Tier>,
    pub kind: Option<PartnerType>,
    pub band: Option<Band>,
    pub owner: Option<String>,
}

/// Rows of the facet popup.
pub const FACET_ROWS: [&str; 4] = ["Tier", "Type", "Band", "Owner"];

impl Facets {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }

    /// `tier=gold owner=Dana`
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.tier {
            parts.push(format!("tier={t}"));
        }
        if let Some(k) = self.kind {
            parts.push(format!("type={k}"));
        }
        if let Some(b) = self.band {
            parts.push(format!("band={b}"));
        }
        if let Some(o) = &self.owner {
            parts.push(format!("owner={o}"));
        }
        parts.join(" ")
    }

    /// The value shown for a facet row.
    #[must_use]
    pub fn value(&self, row: usize) -> String {
        let any = || "any".to_string();
        match row {
            0 => self.tier.map_or_else(any, |t| t.title().to_string()),
            1 => self.kind.map_or_else(any, |k| k.as_str().to_string()),
            2 => self.band.map_or_else(any, |b| b.title().to_string()),
            _ => self.owner.clone().unwrap_or_else(any),
        }
    }

    /// Step a facet row through `any` and its values.
    pub fn cycle(&mut self, row: usize, step: isize, owners: &[String]) {
        fn turn<T: Clone>(
            current: Option<&T>,
            all: &[T],
            step: isize,
            same: impl Fn(&T, &T) -> bool,
        ) -> Option<T> {
            // Position 0 is "any", 1.. are the values.
            let n = all.len() + 1;
            let at = current
                .and_then(|c| all.iter().position(|v| same(v, c)))
                .map_or(0, |i| i + 1);
            let next = (at.cast_signed() + step)
                .rem_euclid(n.cast_signed())
                .cast_unsigned();
            next.checked_sub(1).map(|i| all[i].clone())
        }
        match row {
            0 => self.tier = turn(self.tier.as_ref(), Tier::ALL, step, |a, b| a == b),
            1 => self.kind = turn(self.kind.as_ref(), PartnerType::ALL, step, |a, b| a == b),
            2 => self.band = turn(self.band.as_ref(), Band::ALL, step, |a, b| a == b),
            _ => self.owner = turn(self.owner.as_ref(), owners, step, |a, b| a == b),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PartnersState {
    pub cursor: Cursor,
    pub filter: String,
    pub sort: SortKey,
    pub reverse: bool,
    pub facets: Facets,
    pub facet_row: usize,
    /// Book indices of the rows shown, filtered and sorted.
    pub visible: Vec<usize>,
    /// Show the Partner Value Matrix instead of the table.
    pub matrix: bool,
}

impl PartnersState {
    /// The id of the selected partner.
    #[must_use]
    pub fn selected_id(&self, model: &Model) -> Option<i64> {
        let i = *self.visible.get(self.cursor.selected)?;
        Some(model.book.partners.get(i)?.partner.id)
    }

    /// Refilter and resort; the selected partner stays selected if still shown.
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        let keep = self.selected_id(model);
        let parts = &model.book.partners;
        let sums = &model.analysis.partners;
        self.visible = (0..parts.len())
            .filter(|&i| {
                let (f, s) = (&parts[i], &sums[i]);
                let p = &f.partner;
                !p.archived
                    && self.facets.tier.is_none_or(|t| p.tier == t)
                    && self.facets.kind.is_none_or(|k| p.kind == k)
                    && self.facets.band.is_none_or(|b| s.health.band == b)
                    && self.facets.owner.as_ref().is_none_or(|o| &p.owner == o)
                    && (self.filter.is_empty() || matches_words(&p.name, &self.filter))
            })
            .collect();
        let key = self.sort;
        let cmp = |a: &usize, b: &usize| compare(model, key, *a, *b);
        self.visible.sort_by(cmp);
        if self.reverse {
            self.visible.reverse();
        }
        let at = keep
            .and_then(|id| self.visible.iter().position(|&i| parts[i].partner.id == id))
            .unwrap_or(self.cursor.selected);
        self.cursor.select(at, self.visible.len(), height);
    }

    /// Rows of the table view (for paging and clicks).
    #[must_use]
    pub fn table_height(area_height: u16) -> usize {
        usize::from(area_height.saturating_sub(HEADER_LINES + 1))
    }
}

/// KPI lines + facet line above the table.
const HEADER_LINES: u16 = 3;

/// Natural order per column: "worst first" for health, "most stale first" for touches.
fn compare(model: &Model, key: SortKey, a: usize, b: usize) -> Ordering {
    let (fa, fb) = (&model.book.partners[a], &model.book.partners[b]);
    let (sa, sb) = (&model.analysis.partners[a], &model.analysis.partners[b]);
    let by = match key {
        SortKey::Health => sa.health.score.cmp(&sb.health.score),
        SortKey::Delta => sa.trend.delta.cmp(&sb.trend.delta),
        SortKey::Progress => sb.tier.progress.percent.cmp(&sa.tier.progress.percent),
        SortKey::LastTouch => sb
            .touch
            .days_since
            .unwrap_or(i64::MAX)
            .cmp(&sa.touch.days_since.unwrap_or(i64::MAX)),
        SortKey::Name => fa
            .partner
            .name
            .to_lowercase()
            .cmp(&fb.partner.name.to_lowercase()),
        SortKey::Type => fa.partner.kind.cmp(&fb.partner.kind),
        SortKey::Tier => fb.partner.tier.cmp(&fa.partner.tier),
        SortKey::Owner => fa.partner.owner.cmp(&fb.partner.owner),
        SortKey::NextQbr => {
            let date = |s: &crate::domain::analysis::PartnerSummary| {
                s.next_qbr.map_or(chrono::NaiveDate::MAX, |q| q.0)
            };
            date(sa).cmp(&date(sb))
        }
    };
    by.then_with(|| fa.partner.name.cmp(&fb.partner.name))
}

/// Draw the dashboard into `area`.
pub fn render(state: &PartnersState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(HEADER_LINES),
        Constraint::Min(0),
    ]));
    render_kpis(state, model, theme, head, buf);
    if state.matrix {
        super::matrix::render(state, model, theme, body, buf);
    } else {
        render_table(state, model, theme, body, buf);
    }
}

fn render_kpis(state: &PartnersState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let k = &model.kpis;
    let cur = &model.config.currency;
    let qbr = match k.qbr.percent {
        Some(p) => format!(
            "QBRs held {}/{} ({p}%)",
            k.qbr.held,
            k.qbr.held + k.qbr.missed
        ),
        None => "no QBRs due yet".to_string(),
    };
    let first = Line::from(vec![
        Span::styled(
            format!(" Sourced T12M {}", money(k.sourced_t12m, cur)),
            theme.title,
        ),
        Span::raw(format!(
            " · active {}/{} ({}%, target {}%) · avg health {} · {qbr}",
            k.active_partners,
            k.total_partners,
            k.activation_pct,
            k.activation_target_pct,
            k.average_health
        )),
    ]);
    let mut bands: Vec<Span<'_>> = vec![Span::raw(" ")];
    for (i, (band, n)) in k.bands.iter().enumerate() {
        if i > 0 {
            bands.push(Span::styled(" · ", theme.dim));
        }
        bands.push(Span::styled(
            format!("{} {n}", band.title()),
            theme.band(*band),
        ));
    }
    let mut filters = Vec::new();
    if !state.facets.is_empty() {
        filters.push(state.facets.describe());
    }
    if !state.filter.is_empty() {
        filters.push(format!("/{}", state.filter));
    }
    let third = Line::from(vec![
        Span::styled(
            format!(
                " {} of {} · sort: {}{}",
                state.visible.len(),
                model.partner_count(),
                state.sort.title(),
                if state.reverse { " (reversed)" } else { "" }
            ),
            theme.dim,
        ),
        Span::styled(
            if filters.is_empty() {
                String::new()
            } else {
                format!(" · filter: {}", filters.join(" "))
            },
            theme.warn,
        ),
    ]);
    Paragraph::new(vec![first, Line::from(bands), third]).render(area, buf);
}

/// Column widths; columns drop from the right when the screen is narrow.
const COLUMNS: [(&str, usize); 9] = [
    ("Partner", 22),
    ("Type", 10),
    ("Tier", 10),
    ("Health", 17),
    ("30d", 4),
    ("Tier progress", 26),
    ("Touch", 6),
    ("Owner", 8),
    ("Next QBR", 10),
];

fn render_table(state: &PartnersState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    // Keep columns while they fit (after a 1-column margin and separators).
    let mut shown = 0;
    let mut used = 1;
    for (_, w) in COLUMNS {
        if used + w > width && shown > 0 {
            break;
        }
        used += w + 1;
        shown += 1;
    }
    let mut header = vec![Span::raw(" ")];
    for (i, (name, w)) in COLUMNS.iter().take(shown).enumerate() {
        let title = if SortKey::ALL
            .iter()
            .any(|k| column_of(*k) == i && *k == state.sort)
        {
            format!("{name}{}", if state.reverse { "▲" } else { "▼" })
        } else {
            (*name).to_string()
        };
        header.push(Span::styled(pad(&title, *w), theme.header));
        header.push(Span::raw(" "));
    }
    let mut lines = vec![Line::from(header)];
    let height = usize::from(area.height - 1);
    let offset = state.cursor.view_offset(state.visible.len(), height);
    for (pos, &i) in state.visible.iter().enumerate().skip(offset).take(height) {
        let mut line = row(model, i, shown, theme);
        if pos == state.cursor.selected {
            line = line.patch_style(theme.selected);
        }
        lines.push(line);
    }
    if state.visible.is_empty() {
        lines.push(Line::from(Span::styled(
            " no partners match — Esc clears the filter, F clears facets",
            theme.dim,
        )));
    }
    Paragraph::new(lines).render(area, buf);
}

/// Which column a sort key sorts (index into `COLUMNS`).
fn column_of(key: SortKey) -> usize {
    match key {
        SortKey::Name => 0,
        SortKey::Type => 1,
        SortKey::Tier => 2,
        SortKey::Health => 3,
        SortKey::Delta => 4,
        SortKey::Progress => 5,
        SortKey::LastTouch => 6,
        SortKey::Owner => 7,
        SortKey::NextQbr => 8,
    }
}

fn row(model: &Model, index: usize, shown: usize, theme: &Theme) -> Line<'static> {
    let p = &model.book.partners[index].partner;
    let s = &model.analysis.partners[index];
    let mut spans = vec![Span::raw(" ")];
    for (col, &(_, w)) in COLUMNS.iter().enumerate().take(shown) {
        match col {
            0 => spans.push(Span::raw(pad(&p.name, w))),
            1 => spans.push(Span::raw(pad(p.kind.as_str(), w))),
            2 => spans.push(Span::raw(pad(p.tier.title(), w))),
            3 => {
                spans.extend(health_spans(s.health.score, s.health.band, theme));
                spans.push(Span::raw(" "));
                spans.extend(bar_spans(s.health.score, w.saturating_sub(13), theme));
            }
            4 => {
                let style = match s.trend.delta {
                    d if d < 0 => theme.late,
                    d if d > 0 => theme.good,
                    _ => theme.dim,
                };
                spans.push(Span::styled(
                    pad_left(&format!("{:+}", s.trend.delta), w),
                    style,
                ));
            }
            5 => {
                let short = s.tier.progress.short();
                spans.extend(bar_spans(s.tier.progress.percent, 8, theme));
                spans.push(Span::raw(pad(&format!(" {short}"), w.saturating_sub(8))));
            }
            6 => {
                let text = s
                    .touch
                    .days_since
                    .map_or("never".into(), |d| format!("{d}d"));
                let style = if s.touch.overdue {
                    theme.warn
                } else {
                    theme.base
                };
                spans.push(Span::styled(pad_left(&text, w), style));
            }
            7 => spans.push(Span::raw(pad(&p.owner, w))),
            _ => spans.push(Span::raw(pad(
                &s.next_qbr.map_or("—".into(), |q| day(q.0)),
                w,
            ))),
        }
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}
