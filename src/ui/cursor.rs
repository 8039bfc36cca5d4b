//! A selection in a scrolling list: which row is selected and which row is
//! at the top of the view. Moved in `update`, read (never changed) in render.

use super::action::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Move by `delta` rows within `len` rows, keeping the selection in a
    /// view `height` rows tall.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = self.selected.saturating_add_signed(delta).min(len - 1);
        self.select(target, len, height);
    }

    /// Select row `index` (clamped) and scroll just enough to show it.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.offset = visible_offset(self.selected, self.offset, len, height);
    }

    pub fn top(&mut self, len: usize, height: usize) {
        self.select(0, len, height);
    }

    pub fn bottom(&mut self, len: usize, height: usize) {
        self.select(len.saturating_sub(1), len, height);
    }

    /// Apply a moving action (down, up, a page, first, last) to a list of `len`
    /// rows shown `height` at a time; false when the action is not a move.
    pub fn navigate(&mut self, action: Action, len: usize, height: usize) -> bool {
        let page = isize::try_from(height.max(1)).unwrap_or(1);
        match action {
            Action::Down => self.move_by(1, len, height),
            Action::Up => self.move_by(-1, len, height),
            Action::PageDown => self.move_by(page, len, height),
            Action::PageUp => self.move_by(-page, len, height),
            Action::Top => self.top(len, height),
            Action::Bottom => self.bottom(len, height),
            _ => return false,
        }
        true
    }

    /// The index of the row drawn `view_row` rows below the top of a view of
    /// `height` rows (a mouse click), or None past the list or the view.
    #[must_use]
    pub fn row_at(&self, view_row: usize, len: usize, height: usize) -> Option<usize> {
        let index = self.view_offset(len, height) + view_row;
        (view_row < height && index < len).then_some(index)
    }

    /// Select the row drawn at `view_row` (a mouse click); false when there
    /// is none there.
    pub fn click(&mut self, view_row: usize, len: usize, height: usize) -> bool {
        let Some(index) = self.row_at(view_row, len, height) else {
            return false;
        };
        self.select(index, len, height);
        true
    }

    /// The offset to draw with in a view of `height` rows: the stored one,
    /// adjusted if the view shrank, without changing the cursor.
    #[must_use]
    pub fn view_offset(&self, len: usize, height: usize) -> usize {
        visible_offset(
            self.selected.min(len.saturating_sub(1)),
            self.offset,
            len,
            height,
        )
    }
}

/// Smallest change to `offset` that shows `selected` in `height` rows.
fn visible_offset(selected: usize, offset: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut offset = offset.min(len.saturating_sub(height));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_down_scrolls_only_at_the_edge() {
        let mut c = Cursor::default();
        c.move_by(4, 100, 5);
        assert_eq!((c.selected, c.offset), (4, 0));
        c.move_by(1, 100, 5);
        assert_eq!((c.selected, c.offset), (5, 1));
        c.move_by(-2, 100, 5);
        assert_eq!((c.selected, c.offset), (3, 1));
        c.bottom(100, 5);
        assert_eq!((c.selected, c.offset), (99, 95));
        c.move_by(10, 100, 5);
        assert_eq!(c.selected, 99);
    }

    #[test]
    fn a_click_selects_the_row_drawn_there_and_nothing_past_the_list() {
        let mut c = Cursor::default();
        c.bottom(100, 5); // rows 95..100 are drawn
        assert_eq!(c.row_at(2, 100, 5), Some(97));
        assert_eq!(c.row_at(5, 100, 5), None, "below the view");
        assert!(c.click(0, 100, 5));
        assert_eq!((c.selected, c.offset), (95, 95));
        let mut short = Cursor::default();
        assert!(!short.click(3, 2, 5), "below the last row");
        assert_eq!(short.selected, 0);
    }

    #[test]
    fn an_empty_list_has_nothing_selected_and_never_panics() {
        let mut c = Cursor::default();
        c.move_by(3, 0, 0);
        c.bottom(0, 0);
        assert_eq!(c, Cursor::default());
        assert_eq!(c.view_offset(0, 0), 0);
    }
}
