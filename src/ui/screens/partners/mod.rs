//! Partners: the health dashboard. KPI header, facet and text filters, a
//! sortable table, and the Partner Value Matrix on `m`.

mod header;
mod table;

pub use table::render;

use std::cmp::Ordering;

use crate::domain::book::{PartnerType, Tier};
use crate::domain::health::Band;
use crate::domain::search::matches_words;
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

    /// Refilter and resort; the selected partner stays selected if still shown.
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        let keep = self.selected_id(model);
        let parts = &model.partners;
        let sums = &model.summaries;
        self.visible = (0..parts.len())
            .filter(|&i| {
                let (p, s) = (&parts[i], &sums[i]);
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

/// Natural order per column: "worst first" for health, "most stale first" for touches.
fn compare(model: &Model, key: SortKey, a: usize, b: usize) -> Ordering {
    let (fa, fb) = (&model.partners[a], &model.partners[b]);
    let (sa, sb) = (&model.summaries[a], &model.summaries[b]);
    let by = match key {
        SortKey::Health => sa.health.score.cmp(&sb.health.score),
        SortKey::Delta => sa.trend.delta.cmp(&sb.trend.delta),
        SortKey::Progress => sb.tier.progress.percent.cmp(&sa.tier.progress.percent),
        SortKey::LastTouch => sb
            .touch
            .days_since
            .unwrap_or(i64::MAX)
            .cmp(&sa.touch.days_since.unwrap_or(i64::MAX)),
        SortKey::Name => fa.name.to_lowercase().cmp(&fb.name.to_lowercase()),
        SortKey::Type => fa.kind.cmp(&fb.kind),
        SortKey::Tier => fb.tier.cmp(&fa.tier),
        SortKey::Owner => fa.owner.cmp(&fb.owner),
        SortKey::NextQbr => {
            let date = |s: &crate::domain::analysis::PartnerSummary| {
                s.next_qbr.map_or(chrono::NaiveDate::MAX, |q| q.0)
            };
            date(sa).cmp(&date(sb))
        }
        SortKey::Segment => sa.segment.cmp(&sb.segment),
        SortKey::Revenue => {
            (sb.t12m_sourced + sb.t12m_influenced).cmp(&(sa.t12m_sourced + sa.t12m_influenced))
        }
    };
    by.then_with(|| fa.name.cmp(&fb.name))
}
