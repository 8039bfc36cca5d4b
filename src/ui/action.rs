//! What a key press means, independent of which key it was.

use super::screens::Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Close a popup, clear a filter, or leave a detail screen.
    Back,
    Help,
    NextTab,
    PrevTab,
    GoTo(Tab),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    NextSection,
    PrevSection,
    Filter,
    SortNext,
    SortReverse,
    LogTouch,
    ToggleDone,
    ToggleMatrix,
    Facets,
    ClearFacets,
    Undo,
}
