//! What a key press means, independent of which key it was.

use super::tab::Tab;

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
    /// Tiers: promote, demote, confirm a provisional tier (each asks first).
    Promote,
    Demote,
    ConfirmTier,
    /// Tiers: the benefits matrix.
    Benefits,
    /// Show my partners / everyone's (when `me` or `--owner` is set).
    ToggleMine,
    Facets,
    ClearFacets,
    Undo,
    Redo,
    /// Add a record (a partner on the lists).
    New,
    /// Edit the selected record.
    Edit,
    /// Archive or unarchive the selected partner (asks first).
    Archive,
    /// Edit one of the partner's records (picked from a list).
    EditRecord,
    /// Delete one of the partner's records (picked, then asks).
    DeleteRecord,
    /// A campaign's launch a week later / earlier (open tasks move with it).
    LaunchLater,
    LaunchEarlier,
    /// A campaign's next status.
    NextStatus,
    /// Delete the selected row (asks first).
    Delete,
    /// A campaign's results (registrants … closed-won).
    Results,
    /// Write a campaign's calendar file.
    ExportCalendar,
    /// In a form: the next / previous choice.
    NextChoice,
    PrevChoice,
    /// Save a form, keep a filter.
    Save,
    /// Close a form or popup without saving (asks if text was typed).
    Cancel,
    /// Clear what a modal holds (a filter, the facets).
    Clear,
    /// Open a multi-line field in `$EDITOR`.
    ExternalEdit,
    /// QBRs: plan one about a quarter ahead, mark held, cancel, plan the
    /// next quarter's, switch the workspace's pane.
    PlanQbr,
    /// QBR workspace: change its date or status (reschedule, held on a day).
    Reschedule,
    MarkHeld,
    CancelQbr,
    ScheduleNext,
    SwitchPane,
    /// Prospects: score the selected prospect; sign it (asks the day).
    Scorecard,
    Sign,
    /// Program: enter or change the company's revenue for a month.
    CompanyRevenue,
    /// Answer a Confirm.
    Yes,
    No,
}
