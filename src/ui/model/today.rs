//! Today's sections as the model holds them: put in order from every
//! partner's lines once they are read, and moved by one partner's lines
//! alone when an edit changes only that partner (at 50,000 partners,
//! ordering every line again took most of an edit's time).

use std::cell::OnceCell;

use crate::analyse::PackedLines;
use crate::domain::list_row::ListRow;
use crate::domain::today::{SectionKind, TriageEntry};
use crate::domain::triage::{name_places, order};

use super::{LineAt, Model, TodaySection};

impl Model {
    /// Today's sections, once its lines are read.
    pub(super) fn derive_today(&mut self) {
        self.triage_text = OnceCell::new();
        let Some(today_lines) = &self.today_lines else {
            self.triage = Vec::new();
            self.decoded = Vec::new();
            return;
        };
        self.decoded = std::iter::repeat_with(OnceCell::new)
            .take(today_lines.len())
            .collect();
        let rows = &self.rows;
        let places = self.name_places.get_or_init(|| {
            let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
            name_places(&names)
        });
        let sections = ordered(today_lines, rows, places, &self.config, None);
        self.triage = SectionKind::ALL
            .iter()
            .zip(sections)
            .map(|(kind, items)| TodaySection {
                kind: *kind,
                title: kind.title().to_string(),
                window: kind.window(&self.config),
                items,
            })
            .collect();
    }

    /// Partner `partner`'s Today lines are now `entries` (an edit that
    /// kept its name and owner, so every other line keeps its place): its
    /// old lines leave their sections and the new ones go where Today's
    /// order puts them. Focus, which keeps only its first few lines, is
    /// put in order again from every candidate when this partner held one
    /// of them (the next one in line is not kept).
    pub(super) fn set_today_partner(&mut self, partner: usize, entries: &[TriageEntry]) {
        let Some(lines) = &mut self.today_lines else {
            return;
        };
        let old = lines.lines_of(partner);
        if lines
            .set_partner(partner, &self.rows[partner], entries)
            .is_none()
        {
            self.today_lines = None; // read again when shown
            self.derive_today();
            return;
        }
        let Some(places) = self.name_places.get() else {
            return self.derive_today();
        };
        let lines = &*lines;
        let new = lines.lines_of(partner);
        // Lines after the partner's move by as many as it gained or lost.
        let moved = |line: u32| {
            if line as usize >= old.end {
                u32::try_from(line as usize + new.len() - old.len()).unwrap_or(u32::MAX)
            } else {
                line
            }
        };
        let mut focus_held = false;
        for section in &mut self.triage {
            let before = section.items.len();
            section.items.retain(|at| at.partner as usize != partner);
            focus_held |= section.kind == SectionKind::Focus && section.items.len() != before;
            if new.len() != old.len() {
                section
                    .items
                    .iter_mut()
                    .for_each(|at| at.line = moved(at.line));
            }
        }
        let sort_key = |at: &LineAt| {
            let rank = lines
                .line_key(at.line as usize)
                .map_or(i64::MAX, |(_, r)| r);
            (rank, places[at.partner as usize], at.line)
        };
        if !self.rows[partner].archived {
            for line in new.clone() {
                let Some((kind, _)) = lines.line_key(line) else {
                    continue;
                };
                if kind == SectionKind::Focus && focus_held {
                    continue; // Focus is put in order again below
                }
                let at = LineAt {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    partner: u32::try_from(partner).unwrap_or(u32::MAX),
                };
                if let Some(section) = self.triage.iter_mut().find(|s| s.kind == kind) {
                    let place = section
                        .items
                        .partition_point(|x| sort_key(x) < sort_key(&at));
                    section.items.insert(place, at);
                }
            }
        }
        let focus = SectionKind::ALL
            .iter()
            .position(|k| *k == SectionKind::Focus);
        if let Some(section) = focus.and_then(|f| self.triage.get_mut(f)) {
            if focus_held {
                let all = ordered(
                    lines,
                    &self.rows,
                    places,
                    &self.config,
                    Some(SectionKind::Focus),
                );
                section.items = all.into_iter().nth(focus.unwrap_or(0)).unwrap_or_default();
            } else {
                section.items.truncate(self.config.focus.count);
            }
        }
        self.decoded
            .splice(old, std::iter::repeat_with(OnceCell::new).take(new.len()));
        self.triage_text = OnceCell::new();
    }
}

/// Every line of partners not archived (of section `only`, if given),
/// sorted into Today's sections (`triage::order`).
fn ordered(
    lines: &PackedLines,
    rows: &[ListRow],
    places: &[u32],
    cfg: &crate::domain::config::ProgramConfig,
    only: Option<SectionKind>,
) -> Vec<Vec<LineAt>> {
    let lines = lines
        .keys(|p| places[p])
        .filter(|(_, p, key)| !rows[*p].archived && only.is_none_or(|k| key.section == k))
        .map(|(n, p, key)| {
            let at = LineAt {
                line: u32::try_from(n).unwrap_or(u32::MAX),
                partner: u32::try_from(p).unwrap_or(u32::MAX),
            };
            (at, key)
        });
    order(lines, cfg)
}
