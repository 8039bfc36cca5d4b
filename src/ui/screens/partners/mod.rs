//! Partners: the health dashboard. KPI header, facet and text filters, a
//! sortable table, and the Partner Value Matrix on `m`.

mod header;
pub mod matrix;
mod order;
mod table;

pub use table::render;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
pub use crate::ui::facets::{FACET_ROWS, Facets};
use crate::ui::keymap::Scope;
use crate::ui::modals::facets::FacetsModal;
use crate::ui::modals::filter::FilterLine;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::modals::form::partner::{self as partner_form, PartnerForm};
use crate::ui::model::Model;
use crate::ui::quick_match::Filter;
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
    Stage,
}

impl SortKey {
    pub const ALL: [SortKey; 12] = [
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
        SortKey::Stage,
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
            SortKey::Stage => "stage",
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
            SortKey::Stage => "longest past plan first",
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
    /// Orders and matches already made, until the model changes.
    pub made: Made,
    /// Show the Partner Value Matrix instead of the table.
    pub matrix: bool,
}

/// What the table has made of the model since it last changed.
#[derive(Debug, Clone, Default)]
pub struct Made {
    /// Each column's order (not reversed): `s` through the columns sorts
    /// each once.
    sorted: Vec<(SortKey, Vec<usize>)>,
    /// Which partners the facets and the latest filters let through, the
    /// newest last: a letter typed narrows the filter's matches, a letter
    /// deleted finds the earlier ones.
    passed: Vec<Passed>,
    /// Buffers of orders and matches forgotten, and the room a sort works
    /// in, used again: the allocator returns a large buffer's pages as it
    /// is freed, and faulting them in again for every rebuild cost more
    /// than the sorting and filtering did.
    spare_orders: Vec<Vec<usize>>,
    spare_shown: Vec<Vec<bool>>,
    keys: Vec<u64>,
    scratch: order::Scratch,
    /// The model's revision these were made at (`Model::changes`).
    at: u64,
}

/// The partners (by book index) a filter and facets let through.
#[derive(Debug, Clone)]
struct Passed {
    filter: String,
    facets: Facets,
    shown: Vec<bool>,
}

/// How many filters' matches are kept.
const PASSED_KEPT: usize = 8;

impl PartnersState {
    /// The id of the selected partner.
    #[must_use]
    pub fn selected_id(&self, model: &Model) -> Option<i64> {
        let i = *self.visible.get(self.cursor.selected)?;
        Some(model.rows.get(i)?.id)
    }

    /// Resort and refilter (after the sort or the book changed).
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        self.resort(model);
        self.refilter(model, height);
    }

    /// Put every partner in the current sort order: by the column, then by
    /// name, then by place in the book. Each partner gets an integer key
    /// once, read in book order, and a stable radix sort of the name order
    /// by it keeps a new order of 50,000 partners well inside a keystroke.
    pub fn resort(&mut self, model: &Model) {
        let sort = self.sort;
        let made = &mut self.made;
        let at = if let Some(at) = made.sorted.iter().position(|(k, _)| *k == sort) {
            at
        } else {
            let mut order = made.spare_orders.pop().unwrap_or_default();
            order.clear();
            order.extend_from_slice(&model.name_order);
            sort_keys(model, sort, &mut made.keys);
            let keys = &made.keys;
            order::stable_sort_in(&mut order, |i| keys[i], &mut made.scratch);
            made.sorted.push((sort, order));
            made.sorted.len() - 1
        };
        self.order.clear();
        self.order.extend_from_slice(&made.sorted[at].1);
        if self.reverse {
            self.order.reverse();
        }
    }

    /// Bring the orders and matches made up to the model: when only some
    /// rows changed in place, each moves to its new place in every order
    /// kept and is tested again against every filter kept; else they are
    /// forgotten (their buffers kept for the next ones).
    fn catch_up<'m>(&mut self, model: &'m Model) -> Option<&'m [usize]> {
        let made = &mut self.made;
        let changes = model.changes();
        let rows = changes.rows_since(made.at);
        if let Some(rows) = rows {
            for (sort, kept) in &mut made.sorted {
                for &i in rows {
                    order::reposition(kept, i, |j| {
                        (row_key(model, *sort, j), model.name_rank[j], j)
                    });
                }
            }
            for passed in &mut made.passed {
                let text = Filter::new(&passed.filter);
                for &i in rows {
                    let Some(row) = model.rows.get(i) else {
                        continue;
                    };
                    let through =
                        lets_through(model, &passed.facets, &text, i) && model.in_scope(&row.owner);
                    if let Some(shown) = passed.shown.get_mut(i) {
                        *shown = through;
                    }
                }
            }
        } else {
            made.spare_orders
                .extend(made.sorted.drain(..).map(|(_, order)| order));
            made.spare_shown
                .extend(made.passed.drain(..).map(|passed| passed.shown));
        }
        made.at = changes.now();
        rows
    }

    /// Move `rows` (changed in place, the orders and matches made caught
    /// up with them) to their places in the rows shown: the rest keep
    /// theirs, so neither the order nor the filter is made again.
    fn move_rows(&mut self, rows: &[usize], model: &Model, height: usize) {
        let keep = self.selected_index(model);
        let sort = self.sort;
        let key = |j: usize| (row_key(model, sort, j), model.name_rank[j], j);
        let shown = self.made.passed.last().map_or(&[][..], |p| &p.shown[..]);
        for &i in rows {
            order::remove(&mut self.order, i);
            order::remove(&mut self.visible, i);
            let through = shown.get(i).copied().unwrap_or(false);
            if self.reverse {
                let key = |j| std::cmp::Reverse(key(j));
                order::insert(&mut self.order, i, key);
                if through {
                    order::insert(&mut self.visible, i, key);
                }
            } else {
                order::insert(&mut self.order, i, key);
                if through {
                    order::insert(&mut self.visible, i, key);
                }
            }
        }
        self.keep_selected(keep, height);
    }

    /// The selected partner by its place in the book, which is what
    /// `selected_id` reads (ids are unique: the same partner).
    fn selected_index(&self, model: &Model) -> Option<usize> {
        self.visible
            .get(self.cursor.selected)
            .copied()
            .filter(|&i| i < model.rows.len())
    }

    /// Select `keep` again if it is still shown, else the same line.
    fn keep_selected(&mut self, keep: Option<usize>, height: usize) {
        let at = keep
            .and_then(|kept| self.visible.iter().position(|&i| i == kept))
            .unwrap_or(self.cursor.selected);
        self.cursor.select(at, self.visible.len(), height);
    }

    /// Apply the facets and the text filter to the sorted order; the
    /// selected partner stays selected if it is still shown.
    pub fn refilter(&mut self, model: &Model, height: usize) {
        let keep = self.selected_index(model);
        self.pass(model);
        let shown = self.made.passed.last().map_or(&[][..], |p| &p.shown[..]);
        self.visible.clear();
        self.visible.extend(
            self.order
                .iter()
                .copied()
                .filter(|&i| shown.get(i).copied().unwrap_or(false)),
        );
        self.keep_selected(keep, height);
    }

    /// Make which partners the facets and the filter let through the
    /// last of `passed`: kept from before when this filter and these
    /// facets were, else narrowed from a wider filter's (every word of it
    /// in a word of this one: only its matches can match), else tested
    /// afresh.
    fn pass(&mut self, model: &Model) {
        let same = |p: &Passed| p.facets == self.facets;
        if let Some(at) = self
            .made
            .passed
            .iter()
            .position(|p| same(p) && p.filter == self.filter)
        {
            let found = self.made.passed.remove(at);
            self.made.passed.push(found);
            return;
        }
        let text = Filter::new(&self.filter);
        let wider = self
            .made
            .passed
            .iter()
            .rev()
            .find(|p| same(p) && text.narrows(&Filter::new(&p.filter)));
        let mut shown = self.made.spare_shown.pop().unwrap_or_default();
        shown.clear();
        match wider {
            Some(wider) => {
                let search = model.search_index();
                shown.extend(wider.shown.iter().enumerate().map(|(i, &was)| {
                    was && search
                        .keys
                        .get(i)
                        .zip(search.masks.get(i))
                        .is_some_and(|(key, mask)| text.matches(key, *mask))
                }));
            }
            None => self.shown(model, &mut shown),
        }
        if self.made.passed.len() == PASSED_KEPT {
            let oldest = self.made.passed.remove(0);
            self.made.spare_shown.push(oldest.shown);
        }
        self.made.passed.push(Passed {
            filter: self.filter.clone(),
            facets: self.facets.clone(),
            shown,
        });
    }

    /// Which partners (by book index) the facets, the scope and the text
    /// filter let through. Tested in book order, so a large book is read
    /// front to back rather than in the jumps of the sort order, and the
    /// scope once per owner rather than once per partner. Into `shown`.
    fn shown(&self, model: &Model, shown: &mut Vec<bool>) {
        let text = Filter::new(&self.filter);
        let scoped = model.scope().is_some();
        let mut owners: Vec<Option<bool>> =
            vec![None; if scoped { model.owner_rank.len() } else { 0 }];
        let mut in_scope = |i: usize, owner: &str| {
            let rank = model.owner_rank.get(i).map(|&r| r as usize);
            !scoped
                || match rank.and_then(|r| owners.get_mut(r)) {
                    Some(known) => *known.get_or_insert_with(|| model.in_scope(owner)),
                    None => model.in_scope(owner),
                }
        };
        shown.extend(
            model
                .rows
                .iter()
                .enumerate()
                .map(|(i, p)| lets_through(model, &self.facets, &text, i) && in_scope(i, &p.owner)),
        );
    }

    /// Rows of the table view (for paging and clicks).
    #[must_use]
    pub fn table_height(area_height: u16) -> usize {
        usize::from(area_height.saturating_sub(HEADER_LINES + 1))
    }
}

/// KPI lines above the table.
pub const HEADER_LINES: u16 = 3;

/// Do the facets and the text filter let partner `i` through (the scope
/// aside, which the caller tests once per owner)?
fn lets_through(model: &Model, facets: &Facets, text: &Filter, i: usize) -> bool {
    let Some(p) = model.rows.get(i) else {
        return false;
    };
    (facets.archived || !p.archived)
        && facets.tier.is_none_or(|t| p.tier == t)
        && facets.kind.is_none_or(|k| p.kind == k)
        && facets.band.is_none_or(|b| p.band == b)
        && facets
            .stage
            .map_or(p.stage != crate::domain::book::Lifecycle::Recruit, |s| {
                p.stage == s
            })
        && facets.owner.as_ref().is_none_or(|o| {
            crate::domain::owners::same_person(&p.owner, o, &model.config.owners)
        })
        // The search keys are made on the first filter (none is needed
        // without one).
        && (text.is_empty() || {
            let search = model.search_index();
            text.matches(&search.keys[i], search.masks[i])
        })
}

/// Every partner's sort key for a column (same index as `partners`),
/// smallest first: "worst first" for health, "most stale first" for
/// touches, biggest first for progress, tier and revenue. Ties go by name.
/// One tight loop per column, reading only what the column needs.
fn sort_keys(model: &Model, key: SortKey, keys: &mut Vec<u64>) {
    keys.clear();
    keys.extend((0..model.rows.len()).map(|i| row_key(model, key, i)));
}

/// Partner `i`'s key for a column (see `sort_keys`).
fn row_key(model: &Model, key: SortKey, i: usize) -> u64 {
    let ordinal = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    // "Never" and "none planned" sort past every real day count or date
    // (both fit in an i32), and no further: the narrower the keys, the
    // fewer passes the sort makes.
    let past_any_day = i64::from(i32::MAX) + 1;
    let Some(r) = model.rows.get(i) else {
        return u64::MAX;
    };
    order::unsigned(match key {
        SortKey::Health => i64::from(r.score),
        SortKey::Delta => i64::from(r.delta),
        SortKey::Progress => crate::domain::tiers::progress_order(r.next_tier, r.progress),
        SortKey::LastTouch => -r.days_since_touch.unwrap_or(past_any_day),
        SortKey::Name => 0,
        SortKey::Type => ordinal(r.kind.map_or(usize::MAX, |k| k as usize)),
        SortKey::Tier => -ordinal(r.tier.index()),
        SortKey::Owner => ordinal(model.owner_rank.get(i).copied().unwrap_or(0) as usize),
        SortKey::NextQbr => r.next_qbr.map_or(past_any_day, |q| {
            i64::from(chrono::Datelike::num_days_from_ce(&q.0))
        }),
        SortKey::Segment => ordinal(r.segment as usize),
        SortKey::Revenue => r.t12m_revenue().saturating_neg(),
        // Longest past its stage's plan first.
        SortKey::Stage => {
            if r.stage_over_plan {
                -r.stage_days
            } else {
                ordinal(r.stage.index_of())
            }
        }
    })
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
                if let Some(id) = self.selected_id(ctx.model) {
                    return partner_form::archive_by_id(id);
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
        let height = Self::list_height(ctx);
        match self.catch_up(ctx.model) {
            Some(rows) => self.move_rows(rows, ctx.model, height),
            None => self.rebuild(ctx.model, height),
        }
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
