//! A selection in a list drawn in titled sections where only item rows can
//! be selected (Today, Tiers): moves go from item to item, a section's
//! title stays in view above its first item, and `[`/`]` jump between the
//! sections that have items.

use super::action::Action;
use super::cursor::Cursor;

#[derive(Debug, Clone, Default)]
pub struct ItemCursor {
    /// Over all the screen's rows; the selected row is always an item when
    /// there are any.
    pub cursor: Cursor,
    items: Vec<Item>,
    /// How many rows the screen draws (items, titles and empty lines).
    rows: usize,
}

#[derive(Debug, Clone, Copy)]
struct Item {
    row: usize,
    section: usize,
    /// A section title is drawn just above it.
    under_title: bool,
}

impl ItemCursor {
    /// Forget the items, before the screen lays its rows out again.
    pub fn clear(&mut self) {
        self.items.clear();
        self.rows = 0;
    }

    /// Room for `more` items (a list of 140,000 lines laid out at once).
    pub fn reserve(&mut self, more: usize) {
        self.items.reserve(more);
    }

    /// Row `row` of the screen is an item of section `section` (items
    /// come in the order of their rows).
    pub fn push_item(&mut self, row: usize, section: usize, under_title: bool) {
        self.items.push(Item {
            row,
            section,
            under_title,
        });
    }

    /// The screen now draws `rows` rows: select the `pos`-th item (clamped).
    pub fn laid_out(&mut self, rows: usize, pos: usize, height: usize) {
        self.rows = rows;
        self.select_item(pos, height);
    }

    /// The selected row, when it is an item.
    #[must_use]
    pub fn selected_row(&self) -> Option<usize> {
        self.selected_item().map(|_| self.cursor.selected)
    }

    /// Index of the selected item among the items (0 when none is).
    #[must_use]
    pub fn item_pos(&self) -> usize {
        self.selected_item().unwrap_or(0)
    }

    /// Index of the selected item among the items, found by its row (the
    /// items are in the order of their rows: every frame asks, and Today
    /// can hold 140,000 lines).
    fn selected_item(&self) -> Option<usize> {
        let at = self
            .items
            .partition_point(|it| it.row < self.cursor.selected);
        self.items
            .get(at)
            .is_some_and(|it| it.row == self.cursor.selected)
            .then_some(at)
    }

    /// Index of the first item whose row satisfies `wanted`.
    pub fn find(&self, wanted: impl Fn(usize) -> bool) -> Option<usize> {
        self.items.iter().position(|it| wanted(it.row))
    }

    /// Apply a moving action (items, a page of them, first, last, the
    /// next or previous section); false when the action is not a move.
    pub fn navigate(&mut self, action: Action, height: usize) -> bool {
        let page = isize::try_from(height.max(1)).unwrap_or(1);
        match action {
            Action::Down => self.move_by(1, height),
            Action::Up => self.move_by(-1, height),
            Action::PageDown => self.move_by(page, height),
            Action::PageUp => self.move_by(-page, height),
            Action::Top => {
                self.cursor.offset = 0;
                self.select_item(0, height);
            }
            Action::Bottom => self.select_item(usize::MAX, height),
            Action::NextSection => self.jump_section(1, height),
            Action::PrevSection => self.jump_section(-1, height),
            _ => return false,
        }
        true
    }

    /// Select the item drawn `view_row` rows below the top of the list (a
    /// mouse click); a title or an empty line selects nothing.
    pub fn click(&mut self, view_row: usize, height: usize) {
        let row = self.cursor.row_at(view_row, self.rows, height);
        if let Some(pos) = self.items.iter().position(|it| Some(it.row) == row) {
            self.select_item(pos, height);
        }
    }

    fn move_by(&mut self, delta: isize, height: usize) {
        let pos = self.item_pos().saturating_add_signed(delta);
        self.select_item(pos, height);
    }

    /// Select the `pos`-th item (clamped), showing its section title when
    /// it is the first item under it.
    fn select_item(&mut self, pos: usize, height: usize) {
        let Some(item) = self
            .items
            .get(pos.min(self.items.len().saturating_sub(1)))
            .copied()
        else {
            self.cursor = Cursor::default();
            return;
        };
        self.cursor.select(item.row, self.rows, height);
        if self.cursor.offset == item.row && item.under_title {
            self.cursor.offset = item.row - 1;
        }
    }

    /// Jump to the first item of the next (`1`) or previous (`-1`) section
    /// that has items.
    fn jump_section(&mut self, direction: isize, height: usize) {
        let here = self.item_pos();
        let starts: Vec<usize> = (0..self.items.len())
            .filter(|&i| i == 0 || self.items[i - 1].section != self.items[i].section)
            .collect();
        let target = if direction > 0 {
            starts.iter().find(|&&i| i > here)
        } else {
            let current = starts
                .iter()
                .rev()
                .find(|&&i| i <= here)
                .copied()
                .unwrap_or(0);
            starts.iter().rev().find(|&&i| i < current)
        };
        if let Some(&pos) = target {
            self.select_item(pos, height);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows: 0 title, 1-3 items of section 0, 4 title, 5 empty line,
    /// 6 title, 7-8 items of section 2.
    fn sample() -> ItemCursor {
        let mut c = ItemCursor::default();
        for (row, section) in [(1, 0), (2, 0), (3, 0), (7, 2), (8, 2)] {
            c.push_item(row, section, row == 1 || row == 7);
        }
        c.laid_out(9, 0, 4);
        c
    }

    #[test]
    fn moves_skip_titles_and_empty_lines() {
        let mut c = sample();
        assert_eq!(c.cursor.selected, 1);
        assert_eq!(c.cursor.offset, 0, "the first title stays in view");
        c.navigate(Action::Down, 4);
        c.navigate(Action::Down, 4);
        c.navigate(Action::Down, 4);
        assert_eq!(c.cursor.selected, 7);
        assert_eq!(c.selected_row(), Some(7));
        c.navigate(Action::Bottom, 4);
        assert_eq!(c.cursor.selected, 8);
    }

    #[test]
    fn sections_are_jumped_by_their_first_item() {
        let mut c = sample();
        c.navigate(Action::Down, 4);
        c.navigate(Action::NextSection, 4);
        assert_eq!(c.cursor.selected, 7);
        assert!(c.cursor.offset <= 6, "its title shows above it");
        c.navigate(Action::PrevSection, 4);
        assert_eq!(c.cursor.selected, 1);
        assert_eq!(c.cursor.offset, 0, "scrolled back up to its title");
    }

    #[test]
    fn a_click_on_a_title_selects_nothing() {
        let mut c = sample();
        c.click(2, 4);
        assert_eq!(c.cursor.selected, 2);
        c.click(0, 4);
        assert_eq!(c.cursor.selected, 2);
    }

    #[test]
    fn no_items_selects_nothing_and_never_panics() {
        let mut c = ItemCursor::default();
        c.laid_out(3, 5, 4);
        assert!(c.navigate(Action::Down, 4));
        assert_eq!(c.selected_row(), None);
    }
}
