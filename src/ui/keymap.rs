//! The keymap: one table that handles keys, writes the footer hints and the
//! `?` help, for screens and modals alike, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::tab::Tab;

/// Where a binding applies. A screen lists the scopes it is in; a modal has
/// one scope of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Under every screen (not inside modals).
    Global,
    /// Everywhere, modals included.
    Always,
    /// Any screen showing a list.
    List,
    /// Today.
    Today,
    /// Partners (the health dashboard).
    Partners,
    /// Tiers.
    Tiers,
    /// Partner detail.
    Detail,
    /// The campaigns list.
    Campaigns,
    /// Prospects.
    Prospects,
    /// The Program screen.
    Program,
    /// A campaign's timeline.
    Timeline,
    /// The QBRs screen.
    Qbrs,
    /// A QBR's workspace.
    QbrWorkspace,
    /// The help popup.
    Help,
    /// The log-a-touch form.
    Touch,
    /// The facet filters popup.
    Facets,
    /// Typing a filter.
    Filter,
    /// A yes / no question.
    Confirm,
    /// A form.
    Form,
    /// A list to pick from.
    Picker,
    /// The tier benefits matrix.
    Benefits,
}

impl Scope {
    /// Every scope, in the order help and the manual list them.
    pub const ALL: [Scope; 20] = [
        Scope::Global,
        Scope::Always,
        Scope::List,
        Scope::Today,
        Scope::Partners,
        Scope::Tiers,
        Scope::Detail,
        Scope::Campaigns,
        Scope::Prospects,
        Scope::Timeline,
        Scope::Qbrs,
        Scope::QbrWorkspace,
        Scope::Help,
        Scope::Touch,
        Scope::Facets,
        Scope::Filter,
        Scope::Confirm,
        Scope::Form,
        Scope::Picker,
        Scope::Benefits,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Always => "Always",
            Scope::List => "Lists",
            Scope::Today => "Today",
            Scope::Partners => "Partners",
            Scope::Tiers => "Tiers",
            Scope::Detail => "Partner detail",
            Scope::Campaigns => "Campaigns",
            Scope::Prospects => "Prospects",
            Scope::Program => "Program",
            Scope::Timeline => "Campaign timeline",
            Scope::Qbrs => "QBRs",
            Scope::QbrWorkspace => "QBR workspace",
            Scope::Help => "Help",
            Scope::Touch => "Log a touch",
            Scope::Facets => "Facets",
            Scope::Filter => "Filter",
            Scope::Confirm => "Confirm",
            Scope::Form => "Forms",
            Scope::Picker => "Pick",
            Scope::Benefits => "Tier benefits",
        }
    }
}

/// One key (or a few equivalent keys) bound to an action.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<KeyEvent>,
    /// How the keys are written in hints: `j/↓` (or as remapped).
    pub label: std::borrow::Cow<'static, str>,
    pub action: Action,
    pub scope: Scope,
    /// What it does, in a few words.
    pub does: &'static str,
    /// Show in the footer (the rest only in `?` help).
    pub footer: bool,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn bind(
    keys: Vec<KeyEvent>,
    label: &'static str,
    action: Action,
    scope: Scope,
    does: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        keys,
        label: std::borrow::Cow::Borrowed(label),
        action,
        scope,
        does,
        footer,
    }
}

/// Keys of the screens (Today, Partners, Tiers, detail).
#[rustfmt::skip] // a table: one binding per line
fn screen_bindings() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Scope as S;
    vec![
        bind(vec![ch('t')], "t", A::LogTouch, S::Today, "log a touch", true),
        bind(vec![ch('a')], "a", A::ToggleMine, S::Today, "mine / everyone's", false),
        bind(vec![ch('f')], "f", A::Facets, S::Today, "facets (owner, kind of line)", false),
        bind(vec![ch('F')], "F", A::ClearFacets, S::Today, "clear facets", false),
        bind(vec![ch('x')], "x", A::ToggleDone, S::Today, "done / not done", true),
        bind(vec![ch(']')], "]", A::NextSection, S::Today, "next section", true),
        bind(vec![ch('[')], "[", A::PrevSection, S::Today, "previous section", false),
        bind(vec![ch('s')], "s", A::SortNext, S::Partners, "sort by next column", true),
        bind(vec![ch('S')], "S", A::SortReverse, S::Partners, "reverse sort", false),
        bind(vec![ch('f')], "f", A::Facets, S::Partners, "facet filters", true),
        bind(vec![ch('F')], "F", A::ClearFacets, S::Partners, "clear facets", false),
        bind(vec![ch('m')], "m", A::ToggleMatrix, S::Partners, "value matrix", true),
        bind(vec![ch('a')], "a", A::ToggleMine, S::Partners, "mine / everyone's", false),
        bind(vec![ch('t')], "t", A::LogTouch, S::Partners, "log a touch", true),
        bind(vec![ch('n')], "n", A::New, S::Partners, "new partner", true),
        bind(vec![ch('e')], "e", A::Edit, S::Partners, "edit partner", false),
        bind(vec![ch('A')], "A", A::Archive, S::Partners, "archive / unarchive (asks)", false),
        bind(vec![ch('p')], "p", A::Promote, S::Tiers, "promote", true),
        bind(vec![ch('d')], "d", A::Demote, S::Tiers, "demote", true),
        bind(vec![ch('c')], "c", A::ConfirmTier, S::Tiers, "confirm provisional", true),
        bind(vec![ch('b')], "b", A::Benefits, S::Tiers, "benefits", true),
        bind(vec![ch('t')], "t", A::LogTouch, S::Tiers, "log a touch", false),
        bind(vec![ch('t')], "t", A::LogTouch, S::Qbrs, "log a touch", false),
        bind(vec![ch('t')], "t", A::LogTouch, S::QbrWorkspace, "log a touch", false),
        bind(vec![ch('t')], "t", A::LogTouch, S::Campaigns, "log a touch", false),
        bind(vec![ch('t')], "t", A::LogTouch, S::Timeline, "log a touch", false),
        bind(vec![ch(']')], "]/[", A::NextSection, S::Tiers, "next / previous section", false),
        bind(vec![ch('[')], "[", A::PrevSection, S::Tiers, "previous section", false),
        bind(vec![ch('t')], "t", A::LogTouch, S::Detail, "log a touch", true),
        bind(vec![ch('e')], "e", A::Edit, S::Detail, "edit partner", false),
        bind(vec![ch('A')], "A", A::Archive, S::Detail, "archive / unarchive (asks)", false),
        bind(vec![ch('a')], "a", A::New, S::Detail, "add a record", true),
        bind(vec![ch('E')], "E", A::EditRecord, S::Detail, "edit a record", false),
        bind(vec![ch('D')], "D", A::DeleteRecord, S::Detail, "delete a record (asks)", false),
        bind(vec![ch('j'), code(K::Down)], "j/↓", A::Down, S::Detail, "scroll down", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::Detail, "scroll up", false),
        bind(vec![ch('g'), code(K::Home)], "g/Home", A::Top, S::Detail, "top", false),
        bind(vec![ch('G'), code(K::End)], "G/End", A::Bottom, S::Detail, "bottom", false),
        bind(vec![code(K::PageDown), ctrl('d')], "PgDn/Ctrl-d", A::PageDown, S::Detail, "page down", false),
        bind(vec![code(K::PageUp), ctrl('u')], "PgUp/Ctrl-u", A::PageUp, S::Detail, "page up", false),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::Detail, "back", true),
        bind(vec![ch('n')], "n", A::New, S::Campaigns, "new campaign", true),
        bind(vec![ch('f')], "f", A::Facets, S::Campaigns, "facet filters", true),
        bind(vec![ch('F')], "F", A::ClearFacets, S::Campaigns, "clear facets", false),
        bind(vec![ch('x')], "x", A::ToggleDone, S::Timeline, "done", true),
        bind(vec![ch('a')], "a", A::New, S::Timeline, "add task", true),
        bind(vec![ch('R')], "R", A::Results, S::Timeline, "results", false),
        bind(vec![code(K::Enter), ch('e')], "Enter", A::Edit, S::Timeline, "edit task", true),
        bind(vec![ch('>')], ">/<", A::LaunchLater, S::Timeline, "launch ±1 week", true),
        bind(vec![ch('<')], "<", A::LaunchEarlier, S::Timeline, "launch a week earlier", false),
        bind(vec![ch('s')], "s", A::NextStatus, S::Timeline, "status", true),
        bind(vec![ch('d'), code(K::Delete)], "d", A::Delete, S::Timeline, "delete", true),
        bind(vec![ch('i')], "i", A::ExportCalendar, S::Timeline, "write .ics", true),
        bind(vec![ch('j'), code(K::Down)], "j/k", A::Down, S::Timeline, "move", false),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::Timeline, "move up", false),
        bind(vec![ch('g'), code(K::Home)], "g", A::Top, S::Timeline, "first task", false),
        bind(vec![ch('G'), code(K::End)], "G", A::Bottom, S::Timeline, "last task", false),
        bind(vec![code(K::PageDown), ctrl('d')], "PgDn", A::PageDown, S::Timeline, "page down", false),
        bind(vec![code(K::PageUp), ctrl('u')], "PgUp", A::PageUp, S::Timeline, "page up", false),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::Timeline, "back", true),
        bind(vec![ch('c')], "c", A::Scorecard, S::Prospects, "scorecard", true),
        bind(vec![ch('j'), code(K::Down)], "j/k", A::Down, S::Program, "move", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::Program, "move up", false),
        bind(vec![ch('g'), code(K::Home)], "g/Home", A::Top, S::Program, "first", false),
        bind(vec![ch('G'), code(K::End)], "G/End", A::Bottom, S::Program, "last", false),
        bind(vec![code(K::PageDown), ctrl('d')], "PgDn/Ctrl-d", A::PageDown, S::Program, "page down", false),
        bind(vec![code(K::PageUp), ctrl('u')], "PgUp/Ctrl-u", A::PageUp, S::Program, "page up", false),
        bind(vec![code(K::Enter)], "Enter", A::Open, S::Program, "explain / open partner", true),
        bind(vec![ch('/')], "/", A::Filter, S::Program, "filter the partners listed", false),
        bind(vec![ch('c')], "c", A::CompanyRevenue, S::Program, "company revenue", true),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::Program, "back", true),
        bind(vec![ch('o')], "o", A::Sign, S::Prospects, "sign: onboard (asks the day)", true),
        bind(vec![ch('t')], "t", A::LogTouch, S::Prospects, "log a touch", false),
        bind(vec![ch('n')], "n", A::PlanQbr, S::Qbrs, "plan a QBR", true),
        bind(vec![ch(']')], "]/[", A::NextSection, S::Qbrs, "section", true),
        bind(vec![ch('[')], "[", A::PrevSection, S::Qbrs, "previous section", false),
        bind(vec![ch('x')], "x", A::ToggleDone, S::QbrWorkspace, "tick", true),
        bind(vec![ch('e')], "e", A::Edit, S::QbrWorkspace, "notes", true),
        bind(vec![ch('a')], "a", A::New, S::QbrWorkspace, "add action item", true),
        bind(vec![code(K::Enter)], "Enter", A::Open, S::QbrWorkspace, "edit action item", false),
        bind(vec![ch('r')], "r", A::Reschedule, S::QbrWorkspace, "date / held on", false),
        bind(vec![ch('H')], "H", A::MarkHeld, S::QbrWorkspace, "held", true),
        bind(vec![ch('C')], "C", A::CancelQbr, S::QbrWorkspace, "cancel", true),
        bind(vec![ch('N')], "N", A::ScheduleNext, S::QbrWorkspace, "schedule next", true),
        bind(vec![code(K::Tab)], "Tab", A::SwitchPane, S::QbrWorkspace, "preview", true),
        bind(vec![ch('j'), code(K::Down)], "j/k", A::Down, S::QbrWorkspace, "move", false),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::QbrWorkspace, "move up", false),
        bind(vec![ch('g'), code(K::Home)], "g", A::Top, S::QbrWorkspace, "top", false),
        bind(vec![ch('G'), code(K::End)], "G", A::Bottom, S::QbrWorkspace, "bottom", false),
        bind(vec![code(K::PageDown), ctrl('d')], "PgDn", A::PageDown, S::QbrWorkspace, "page down", false),
        bind(vec![code(K::PageUp), ctrl('u')], "PgUp", A::PageUp, S::QbrWorkspace, "page up", false),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::QbrWorkspace, "back", true),
    ]
}

/// Keys of every list, then keys that work everywhere.
#[rustfmt::skip] // a table: one binding per line
fn list_and_global_bindings() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Scope as S;
    let mut bindings = vec![
        bind(vec![ch('j'), code(K::Down)], "j/↓", A::Down, S::List, "move down", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::List, "move up", false),
        bind(vec![ch('g'), code(K::Home)], "g/Home", A::Top, S::List, "first", false),
        bind(vec![ch('G'), code(K::End)], "G/End", A::Bottom, S::List, "last", false),
        bind(vec![code(K::PageDown), ctrl('d')], "PgDn/Ctrl-d", A::PageDown, S::List, "page down", false),
        bind(vec![code(K::PageUp), ctrl('u')], "PgUp/Ctrl-u", A::PageUp, S::List, "page up", false),
        bind(vec![code(K::Enter)], "Enter", A::Open, S::List, "open", true),
        bind(vec![ch('/')], "/", A::Filter, S::List, "filter", true),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::List, "clear filter / back", false),
        bind(vec![ch('u')], "u", A::Undo, S::Global, "undo last edit", false),
        bind(vec![ctrl('r')], "Ctrl-r", A::Redo, S::Global, "redo", false),
        bind(vec![code(K::Tab)], "Tab", A::NextTab, S::Global, "next screen", false),
        bind(vec![code(K::BackTab)], "S-Tab", A::PrevTab, S::Global, "previous screen", false),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::Global, "back / close", false),
        bind(vec![ch('?')], "?", A::Help, S::Global, "help", true),
        bind(vec![ch('q')], "q", A::Quit, S::Global, "quit", true),
        bind(vec![ctrl('c')], "Ctrl-c", A::Quit, S::Always, "quit (asks if typed text is unsaved)", false),
    ];
    for tab in Tab::ALL {
        let digit = tab.key_label().chars().next().unwrap_or('1');
        bindings.push(bind(vec![ch(digit)], tab.key_label(),
            A::GoTo(tab),
            S::Global,
            tab.title(),
            false,
        ));
    }
    bindings
}

/// Keys of the modals: help, the touch form, facets, the filter line,
/// Confirm, the benefits matrix.
#[rustfmt::skip] // a table: one binding per line
fn modal_bindings() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Scope as S;
    vec![
        bind(vec![ch('j'), code(K::Down)], "j/↓", A::Down, S::Help, "scroll down", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::Help, "scroll up", false),
        bind(vec![code(K::Esc), ch('q'), ch('?')], "Esc/q/?", A::Cancel, S::Help, "close (any other key too)", true),
        bind(vec![code(K::Enter)], "Enter", A::Save, S::Touch, "save", true),
        bind(vec![code(K::Tab)], "Tab", A::NextChoice, S::Touch, "next kind", true),
        bind(vec![code(K::BackTab)], "S-Tab", A::PrevChoice, S::Touch, "previous kind", false),
        bind(vec![code(K::Esc)], "Esc", A::Cancel, S::Touch, "cancel", true),
        bind(vec![ch('j'), code(K::Down)], "j/↓", A::Down, S::Facets, "next row", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::Facets, "previous row", false),
        bind(vec![ch('l'), ch(' '), code(K::Right)], "l/→/Space", A::Right, S::Facets, "change", true),
        bind(vec![ch('h'), code(K::Left)], "h/←", A::Left, S::Facets, "change back", false),
        bind(vec![ch('F'), ch('x'), code(K::Backspace)], "F/x/BS", A::Clear, S::Facets, "clear", true),
        bind(vec![code(K::Esc), code(K::Enter), ch('f'), ch('q')], "Esc/Enter/f/q", A::Cancel, S::Facets, "done", true),
        bind(vec![code(K::Enter)], "Enter", A::Save, S::Filter, "keep", true),
        bind(vec![code(K::Esc)], "Esc", A::Clear, S::Filter, "clear", true),
        bind(vec![code(K::Enter), ctrl('s')], "Enter/^s", A::Save, S::Form, "save", true),
        bind(vec![code(K::Tab)], "Tab", A::NextChoice, S::Form, "next field", true),
        bind(vec![code(K::BackTab)], "S-Tab", A::PrevChoice, S::Form, "previous field", false),
        bind(vec![code(K::Esc)], "Esc", A::Cancel, S::Form, "cancel", true),
        bind(vec![ctrl('e')], "Ctrl-e", A::ExternalEdit, S::Form, "edit notes in $EDITOR", false),
        bind(vec![ch('j'), code(K::Down)], "j/k", A::Down, S::Picker, "move", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::Picker, "move up", false),
        bind(vec![code(K::Enter)], "Enter", A::Save, S::Picker, "pick", true),
        bind(vec![code(K::Esc), ch('q')], "Esc", A::Cancel, S::Picker, "close", true),
        bind(vec![ch('y'), code(K::Enter)], "y/Enter", A::Yes, S::Confirm, "yes", true),
        bind(vec![code(K::Esc), ch('b'), ch('q'), code(K::Enter)], "Esc", A::Cancel, S::Benefits, "close", true),
        bind(vec![ch('n'), code(K::Esc)], "n/Esc", A::No, S::Confirm, "no", true),
    ]
}

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = screen_bindings();
        bindings.extend(list_and_global_bindings());
        bindings.extend(modal_bindings());
        Keymap { bindings }
    }
}

/// Are `a` and `b` the same key press, as [`Keymap::action`] compares them?
#[must_use]
pub fn same_key(a: KeyEvent, b: KeyEvent) -> bool {
    normalize(a) == normalize(b)
}

/// Shift is part of the character for letters (`S`), so it is ignored there.
fn normalize(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    match key.code {
        KeyCode::Char(_) => (key.code, key.modifiers - KeyModifiers::SHIFT),
        KeyCode::BackTab => (key.code, KeyModifiers::NONE),
        _ => (key.code, key.modifiers),
    }
}

impl Keymap {
    /// The action of a key in the given scopes, searched in order.
    #[must_use]
    pub fn action(&self, key: KeyEvent, scopes: &[Scope]) -> Option<Action> {
        let pressed = normalize(key);
        scopes.iter().find_map(|scope| {
            self.bindings
                .iter()
                .filter(|b| b.scope == *scope)
                .find(|b| b.keys.iter().any(|k| normalize(*k) == pressed))
                .map(|b| b.action)
        })
    }

    /// How the keys of `action` are written (`u`, or as remapped), for a
    /// status line that names them; `?` when nothing is bound to it.
    #[must_use]
    pub fn label_of(&self, action: Action) -> &str {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map_or("?", |b| b.label.as_ref())
    }

    /// Footer hints for the scopes, in order: `(label, does)`.
    #[must_use]
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(&str, &'static str)> {
        scopes
            .iter()
            .flat_map(|scope| {
                self.bindings
                    .iter()
                    .filter(move |b| b.scope == *scope && b.footer)
                    .map(|b| (b.label.as_ref(), b.does))
            })
            .collect()
    }

    /// Every binding of the scopes, grouped by scope, for the help overlay.
    /// A key is listed once, under the first scope that handles it (the one
    /// [`Keymap::action`] finds), so help never shows a key twice.
    #[must_use]
    pub fn help(&self, scopes: &[Scope]) -> Vec<(Scope, Vec<(&str, &'static str)>)> {
        let mut seen: Vec<(KeyCode, KeyModifiers)> = Vec::new();
        scopes
            .iter()
            .map(|scope| {
                let mut rows = Vec::new();
                for b in self.bindings.iter().filter(|b| b.scope == *scope) {
                    let keys: Vec<_> = b.keys.iter().map(|k| normalize(*k)).collect();
                    if keys.iter().all(|k| seen.contains(k)) {
                        continue;
                    }
                    seen.extend(keys);
                    rows.push((b.label.as_ref(), b.does));
                }
                (*scope, rows)
            })
            .filter(|(_, rows)| !rows.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: [Scope; 4] = [Scope::Today, Scope::List, Scope::Global, Scope::Always];

    #[test]
    fn screen_scopes_win_over_global_and_shift_letters_match() {
        let k = Keymap::default();
        assert_eq!(k.action(ch('t'), &TODAY), Some(Action::LogTouch));
        assert_eq!(
            k.action(
                KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT),
                &[Scope::Partners]
            ),
            Some(Action::SortReverse)
        );
        assert_eq!(k.action(ch('q'), &TODAY), Some(Action::Quit));
        assert_eq!(
            k.action(ch('2'), &[Scope::Global]),
            Some(Action::GoTo(Tab::Partners))
        );
        assert_eq!(k.action(ch('s'), &TODAY), None);
    }

    #[test]
    fn a_text_modal_leaves_letters_to_its_field_but_ctrl_c_still_quits() {
        let k = Keymap::default();
        let touch = [Scope::Touch, Scope::Always];
        assert_eq!(k.action(ch('q'), &touch), None);
        assert_eq!(k.action(ch('m'), &touch), None);
        assert_eq!(k.action(ctrl('c'), &touch), Some(Action::Quit));
        assert_eq!(
            k.action(code(KeyCode::Tab), &touch),
            Some(Action::NextChoice)
        );
    }

    #[test]
    fn footer_hints_come_from_the_same_bindings() {
        let k = Keymap::default();
        let hints = k.hints(&TODAY);
        assert_eq!(hints.first(), Some(&("t", "log a touch")));
        assert!(hints.contains(&("/", "filter")));
        assert!(hints.contains(&("q", "quit")));
        assert!(!hints.iter().any(|(l, _)| *l == "s"));
        assert_eq!(
            k.hints(&[Scope::Confirm]),
            vec![("y/Enter", "yes"), ("n/Esc", "no")]
        );
    }

    #[test]
    fn help_lists_every_key_once_with_ctrl_d_and_ctrl_u() {
        let k = Keymap::default();
        let labels: Vec<&str> = k
            .help(&TODAY)
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|(l, _)| *l))
            .collect();
        let mut unique = labels.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), labels.len(), "{labels:?}");
        for label in ["PgDn/Ctrl-d", "PgUp/Ctrl-u", "]", "[", "g/Home", "G/End"] {
            assert!(labels.contains(&label), "{label} missing from {labels:?}");
        }
        let esc = labels.iter().filter(|l| l.split('/').any(|k| k == "Esc"));
        assert_eq!(esc.count(), 1, "Esc once: {labels:?}");
    }
}
