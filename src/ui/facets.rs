//! Facet filters (tier, type, band, owner, kind of line): what the facets
//! modal edits and Partners (the first four) and Today (owner and kind of
//! line) filter by.

use crate::domain::book::{Lifecycle, PartnerType, Tier};
use crate::domain::health::Band;

/// Facet filters; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub tier: Option<Tier>,
    /// `Some(None)` shows the partners with no type yet (to classify them).
    pub kind: Option<Option<PartnerType>>,
    pub band: Option<Band>,
    pub owner: Option<String>,
    /// Show archived partners too.
    pub archived: bool,
    /// Kind of Today line (`campaign_task`, `qbr`, `band_drop`, …).
    pub line: Option<&'static str>,
    /// Lifecycle stage; None shows the signed partners (all but
    /// prospects, who have their own list).
    pub stage: Option<Lifecycle>,
}

/// Rows of the facet popup.
pub const FACET_ROWS: [&str; 7] = ["Tier", "Type", "Band", "Owner", "Archived", "Line", "Stage"];
/// The rows Partners offers, and the rows Today offers.
pub const PARTNER_ROWS: [usize; 6] = [0, 1, 2, 3, 4, 6];
pub const TODAY_ROWS: [usize; 2] = [3, 5];

/// Every kind of Today line, as `today --json` names them.
pub const LINE_KINDS: [&str; 15] = [
    "campaign_task",
    "qbr_checklist_item",
    "action_item",
    "qbr",
    "band_drop",
    "touch_overdue",
    "tier_event",
    "stage_over_plan",
    "no_first_deal",
    "prospect_revisit",
    "single_threaded",
    "no_executive",
    "nps_due",
    "mdf_without_results",
    "focus",
];

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
            parts.push(format!("type={}", PartnerType::name_of(k)));
        }
        if let Some(b) = self.band {
            parts.push(format!("band={b}"));
        }
        if let Some(o) = &self.owner {
            parts.push(format!("owner={o}"));
        }
        if let Some(s) = self.stage {
            parts.push(format!("stage={s}"));
        }
        if self.archived {
            parts.push("+archived".into());
        }
        if let Some(l) = self.line {
            parts.push(format!("line={l}"));
        }
        parts.join(" ")
    }

    /// The value shown for a facet row.
    #[must_use]
    pub fn value(&self, row: usize) -> String {
        let any = || "any".to_string();
        match row {
            0 => self.tier.map_or_else(any, |t| t.title().to_string()),
            1 => self.kind.map_or_else(any, |k| {
                k.map_or("none yet", PartnerType::as_str).to_string()
            }),
            2 => self.band.map_or_else(any, |b| b.title().to_string()),
            3 => self.owner.clone().unwrap_or_else(any),
            4 if self.archived => "shown".into(),
            4 => "hidden".into(),
            6 => self
                .stage
                .map_or_else(|| "signed".to_string(), |s| s.to_string()),
            _ => self.line.map_or_else(any, str::to_string),
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
            1 => {
                let types: Vec<Option<PartnerType>> = std::iter::once(None)
                    .chain(PartnerType::ALL.iter().copied().map(Some))
                    .collect();
                self.kind = turn(self.kind.as_ref(), &types, step, |a, b| a == b);
            }
            2 => self.band = turn(self.band.as_ref(), Band::ALL, step, |a, b| a == b),
            3 => self.owner = turn(self.owner.as_ref(), owners, step, |a, b| a == b),
            4 => self.archived = !self.archived,
            6 => self.stage = turn(self.stage.as_ref(), Lifecycle::ALL, step, |a, b| a == b),
            _ => self.line = turn(self.line.as_ref(), &LINE_KINDS, step, |a, b| a == b),
        }
    }
}
