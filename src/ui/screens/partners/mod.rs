//! Partners: the health dashboard. KPI header, facet and text filters, a
//! sortable table, and the Partner Value Matrix on `m`.

mod header;
pub mod matrix;
mod table;

pub use table::render;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::domain::search::Query;
use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
pub use crate::ui::facets::{FACET_ROWS, Facets};
use crate::ui::keymap::Scope;
use crate::ui::modals::facets::FacetsModal;
use crate::ui::modals::filter::FilterLine;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::modals::form::partner::{self as partner_form, PartnerForm};
use crate::ui::model::Model;
use crate::ui::screen::{Ctx, Effect, Msg, Screen};

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
    Segment,
    Revenue,
}

impl SortKey {
    pub const ALL: [SortKey; 11] = [
        SortKey::Health,
        SortKey::Delta,
        SortKey::Progress,
        SortKey::LastTouch,
        SortKey::Name,
        SortKey::Type,
        SortKey::Tier,
        SortKey::Owner,
        SortKey::NextQbr,
        SortKey::Segment,
        SortKey::Revenue,
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
            SortKey::Segment => "segment",
            SortKey::Revenue => "revenue",
        }
    }

    /// What the order means, said the same way on every column (the ▼ on
    /// the sorted column is this order; ▲ is it reversed).
    #[must_use]
    pub fn order_words(self) -> &'static str {
        match self {
            SortKey::Health => "worst first",
            SortKey::Delta => "biggest fall first",
            SortKey::Progress => "closest to the next tier first",
            SortKey::LastTouch => "most days first",
            SortKey::Name | SortKey::Owner => "A to Z",
            SortKey::Type => "by type",
            SortKey::Tier => "highest first",
            SortKey::NextQbr => "soonest first",
            SortKey::Segment => "strategic first",
            SortKey::Revenue => "most first",
        }
    }

    #[must_use]
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

#[derive(Debug, Clone, Default)]
pub struct PartnersState {
    pub cursor: Cursor,
    pub filter: String,
    pub sort: SortKey,
    pub reverse: bool,
    pub facets: Facets,
    /// Every book index in the current sort order (re-sorted only when the
    /// sort or the book changes, not while a filter is typed).
    pub order: Vec<usize>,
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
        Some(model.partners.get(i)?.id)
    }

    /// Resort and refilter (after the sort or the book changed).
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        self.resort(model);
        self.refilter(model, height);
    }

    /// Put every partner in the current sort order. Each partner gets an
    /// integer key once, so sorting 10,000 partners compares integers, not
    /// summaries.
    pub fn resort(&mut self, model: &Model) {
        let key = self.sort;
        let mut keyed: Vec<(i64, u32, usize)> = (0..model.partners.len())
            .map(|i| {
                (
                    sort_key(model, key, i),
                    model.name_rank.get(i).copied().unwrap_or(0),
                    i,
                )
            })
            .collect();
        keyed.sort_unstable();
        if self.reverse {
            keyed.reverse();
        }
        self.order = keyed.into_iter().map(|(_, _, i)| i).collect();
    }

    /// Apply the facets and the text filter to the sorted order; the
    /// selected partner stays selected if it is still shown.
    pub fn refilter(&mut self, model: &Model, height: usize) {
        let keep = self.selected_id(model);
        let parts = &model.partners;
        let sums = &model.summaries;
        let query = Query::new(&self.filter);
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| {
                let (p, s) = (&parts[i], &sums[i]);
                (self.facets.archived || !p.archived)
                    && self.facets.tier.is_none_or(|t| p.tier == t)
                    && self.facets.kind.is_none_or(|k| p.kind == k)
                    && self.facets.band.is_none_or(|b| s.health.band == b)
                    && self.facets.owner.as_ref().is_none_or(|o| &p.owner == o)
                    && model.in_scope(&p.owner)
                    && (self.filter.is_empty() || query.matches(&model.search_keys[i]))
            })
            .collect();
        let at = keep
            .and_then(|id| self.visible.iter().position(|&i| parts[i].id == id))
            .unwrap_or(self.cursor.selected);
        self.cursor.select(at, self.visible.len(), height);
    }

    /// Rows of the table view (for paging and clicks).
    #[must_use]
    pub fn table_height(area_height: u16) -> usize {
        usize::from(area_height.saturating_sub(HEADER_LINES + 1))
    }
}

/// KPI lines above the table.
pub const HEADER_LINES: u16 = 3;

/// A partner's sort key for a column, smallest first: "worst first" for
/// health, "most stale first" for touches, biggest first for progress,
/// tier and revenue. Ties go by name.
fn sort_key(model: &Model, key: SortKey, i: usize) -> i64 {
    let p = &model.partners[i];
    let s = &model.summaries[i];
    let ordinal = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    match key {
        SortKey::Health => i64::from(s.health.score),
        SortKey::Delta => i64::from(s.trend.delta),
        SortKey::Progress => -i64::from(s.tier.progress.percent),
        SortKey::LastTouch => -s.touch.days_since.unwrap_or(i64::MAX / 2),
        SortKey::Name => 0,
        SortKey::Type => ordinal(p.kind as usize),
        SortKey::Tier => -ordinal(p.tier.index()),
        SortKey::Owner => ordinal(model.owner_rank.get(i).copied().unwrap_or(0) as usize),
        SortKey::NextQbr => s.next_qbr.map_or(i64::MAX, |q| {
            i64::from(chrono::Datelike::num_days_from_ce(&q.0))
        }),
        SortKey::Segment => ordinal(s.segment as usize),
        SortKey::Revenue => s.t12m_revenue().saturating_neg(),
    }
}

impl PartnersState {
    fn list_height(ctx: &Ctx) -> usize {
        PartnersState::table_height(ctx.body.height)
    }

    /// A new order starts at its top: the first row selected and shown.
    fn show_top(&mut self, height: usize) {
        self.cursor.offset = 0;
        self.cursor.select(0, self.visible.len(), height);
    }
}

impl Screen for PartnersState {
    fn title(&self, ctx: &Ctx) -> String {
        ctx.model.scoped_title("Partners")
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Partners, Scope::List]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        if self.cursor.navigate(action, self.visible.len(), h) {
            return Effect::None;
        }
        match action {
            Action::Filter => return Effect::Push(Box::new(FilterLine::new(&self.filter))),
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.refilter(ctx.model, h);
            }
            Action::Back => self.matrix = false,
            Action::SortNext => {
                self.sort = self.sort.next();
                self.reverse = false;
                self.rebuild(ctx.model, h);
                self.show_top(h);
            }
            Action::SortReverse => {
                self.reverse = !self.reverse;
                self.rebuild(ctx.model, h);
                self.show_top(h);
            }
            Action::ToggleMatrix => self.matrix = !self.matrix,
            Action::Facets => {
                let modal = FacetsModal::new(self.facets.clone(), ctx.model.owners());
                return Effect::Push(Box::new(modal));
            }
            Action::ClearFacets => {
                self.facets = Facets::default();
                self.refilter(ctx.model, h);
            }
            Action::Open => {
                if let Some(id) = self.selected_id(ctx.model) {
                    return Effect::Open {
                        partner: id,
                        section: None,
                    };
                }
            }
            Action::LogTouch => {
                if let Some(id) = self.selected_id(ctx.model) {
                    return TouchForm::open(ctx, id);
                }
            }
            Action::New => return Effect::Push(Box::new(PartnerForm::create(ctx))),
            Action::Edit => {
                if let Some(id) = self.selected_id(ctx.model) {
                    return partner_form::edit(ctx, id);
                }
            }
            Action::Archive => {
                if let Some((p, _)) = self
                    .selected_id(ctx.model)
                    .and_then(|id| ctx.model.partner(id))
                {
                    return partner_form::archive(p);
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        if self.matrix {
            return Effect::None;
        }
        // The KPI lines and the column header sit above the rows.
        if let Some(r) = usize::from(y).checked_sub(usize::from(HEADER_LINES + 1)) {
            self.cursor
                .click(r, self.visible.len(), Self::list_height(ctx));
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
            Msg::Choices(_) => {}
        }
        self.refilter(ctx.model, Self::list_height(ctx));
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        render(self, ctx.model, ctx.theme, area, buf);
    }
}
