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
    Left,
    Right,
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
    /// Show my partners / everyone's (when `me` or `--owner` is set).
    ToggleMine,
    Facets,
    ClearFacets,
    Undo,
    Redo,
    /// In a form: the next / previous choice.
    NextChoice,
    PrevChoice,
    /// Save a form, keep a filter.
    Save,
    /// Close a form or popup without saving (asks if text was typed).
    Cancel,
    /// Clear what a modal holds (a filter, the facets).
    Clear,
    /// Answer a Confirm.
    Yes,
    No,
}
