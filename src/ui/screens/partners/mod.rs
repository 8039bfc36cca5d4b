//! Partners: the health dashboard. KPI header, facet and text filters, a
//! sortable table, and the Partner Value Matrix on `m`.

mod header;
mod table;

pub use table::render;

use crate::domain::book::{PartnerType, Tier};
use crate::domain::health::Band;
use crate::domain::search::Query;
use crate::ui::cursor::Cursor;
use crate::ui::model::Model;

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
                !p.archived
                    && self.facets.tier.is_none_or(|t| p.tier == t)
                    && self.facets.kind.is_none_or(|k| p.kind == k)
                    && self.facets.band.is_none_or(|b| s.health.band == b)
                    && self.facets.owner.as_ref().is_none_or(|o| &p.owner == o)
                    && (self.filter.is_empty() || query.matches(&model.name_keys[i]))
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
