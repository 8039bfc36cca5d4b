//! The keymap: one table that handles keys, writes the footer hints and the
//! `?` help, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::screens::Tab;

/// Where a binding applies. A screen lists the scopes it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere.
    Global,
    /// Any screen showing a list.
    List,
    /// Today.
    Today,
    /// Partners (the health dashboard).
    Partners,
    /// Partner detail.
    Detail,
}

impl Scope {
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::List => "Lists",
            Scope::Today => "Today",
            Scope::Partners => "Partners",
            Scope::Detail => "Partner detail",
        }
    }
}

/// One key (or a few equivalent keys) bound to an action.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<KeyEvent>,
    /// How the keys are written in hints: `j/↓`.
    pub label: &'static str,
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
        label,
        action,
        scope,
        does,
        footer,
    }
}

/// Keys of the screens (Today, Partners, detail).
#[rustfmt::skip] // a table: one binding per line
fn screen_bindings() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Scope as S;
    vec![
        bind(vec![ch('t')], "t", A::LogTouch, S::Today, "log a touch", true),
        bind(vec![ch('x')], "x", A::ToggleDone, S::Today, "done / not done", true),
        bind(vec![ch(']')], "]/[", A::NextSection, S::Today, "next / previous section", true),
        bind(vec![ch('[')], "[", A::PrevSection, S::Today, "previous section", false),
        bind(vec![ch('s')], "s", A::SortNext, S::Partners, "sort by next column", true),
        bind(vec![ch('S')], "S", A::SortReverse, S::Partners, "reverse sort", false),
        bind(vec![ch('f')], "f", A::Facets, S::Partners, "facet filters", true),
        bind(vec![ch('F')], "F", A::ClearFacets, S::Partners, "clear facets", false),
        bind(vec![ch('m')], "m", A::ToggleMatrix, S::Partners, "value matrix", true),
        bind(vec![ch('t')], "t", A::LogTouch, S::Partners, "log a touch", true),
        bind(vec![ch('t')], "t", A::LogTouch, S::Detail, "log a touch", true),
        bind(vec![ch('j'), code(K::Down)], "j/k", A::Down, S::Detail, "scroll", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::Detail, "scroll up", false),
        bind(vec![ch('g'), code(K::Home)], "g", A::Top, S::Detail, "top", false),
        bind(vec![ch('G'), code(K::End)], "G", A::Bottom, S::Detail, "bottom", false),
        bind(vec![code(K::PageDown), ctrl('d')], "PgDn", A::PageDown, S::Detail, "page down", false),
        bind(vec![code(K::PageUp), ctrl('u')], "PgUp", A::PageUp, S::Detail, "page up", false),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::Detail, "back", true),
    ]
}

/// Keys of every list, then keys that work everywhere.
#[rustfmt::skip] // a table: one binding per line
fn list_and_global_bindings() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Scope as S;
    let mut bindings = vec![
        bind(vec![ch('j'), code(K::Down)], "j/k", A::Down, S::List, "move", true),
        bind(vec![ch('k'), code(K::Up)], "k/↑", A::Up, S::List, "move up", false),
        bind(vec![ch('g'), code(K::Home)], "g/G", A::Top, S::List, "first / last", false),
        bind(vec![ch('G'), code(K::End)], "G", A::Bottom, S::List, "last", false),
        bind(vec![code(K::PageDown), ctrl('d')], "PgDn", A::PageDown, S::List, "page down", false),
        bind(vec![code(K::PageUp), ctrl('u')], "PgUp", A::PageUp, S::List, "page up", false),
        bind(vec![code(K::Enter)], "Enter", A::Open, S::List, "open", true),
        bind(vec![ch('/')], "/", A::Filter, S::List, "filter", true),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::List, "clear filter", false),
        bind(vec![ch('u')], "u", A::Undo, S::Global, "undo last edit", false),
        bind(vec![code(K::Tab)], "Tab", A::NextTab, S::Global, "next screen", false),
        bind(vec![code(K::BackTab)], "S-Tab", A::PrevTab, S::Global, "previous screen", false),
        bind(vec![code(K::Esc)], "Esc", A::Back, S::Global, "back / close", false),
        bind(vec![ch('?')], "?", A::Help, S::Global, "help", true),
        bind(vec![ch('q')], "q", A::Quit, S::Global, "quit", true),
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

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = screen_bindings();
        bindings.extend(list_and_global_bindings());
        Keymap { bindings }
    }
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
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
    /// The action of a key in the given scopes (searched in order, then Global).
    #[must_use]
    pub fn action(&self, key: KeyEvent, scopes: &[Scope]) -> Option<Action> {
        let pressed = normalize(key);
        scopes
            .iter()
            .chain(std::iter::once(&Scope::Global))
            .find_map(|scope| {
                self.bindings
                    .iter()
                    .filter(|b| b.scope == *scope)
                    .find(|b| b.keys.iter().any(|k| normalize(*k) == pressed))
                    .map(|b| b.action)
            })
    }

    /// Footer hints for the scopes, screen-specific first: `(label, does)`.
    #[must_use]
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(&'static str, &'static str)> {
        scopes
            .iter()
            .chain(std::iter::once(&Scope::Global))
            .flat_map(|scope| {
                self.bindings
                    .iter()
                    .filter(move |b| b.scope == *scope && b.footer)
                    .map(|b| (b.label, b.does))
            })
            .collect()
    }

    /// Every binding of the scopes, grouped by scope, for the help overlay.
    #[must_use]
    pub fn help(&self, scopes: &[Scope]) -> Vec<(Scope, Vec<(&'static str, &'static str)>)> {
        scopes
            .iter()
            .chain(std::iter::once(&Scope::Global))
            .map(|scope| {
                let rows = self
                    .bindings
                    .iter()
                    .filter(|b| b.scope == *scope)
                    .map(|b| (b.label, b.does))
                    .collect();
                (*scope, rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_scopes_win_over_global_and_shift_letters_match() {
        let k = Keymap::default();
        assert_eq!(
            k.action(ch('t'), &[Scope::Today, Scope::List]),
            Some(Action::LogTouch)
        );
        assert_eq!(
            k.action(
                KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT),
                &[Scope::Partners]
            ),
            Some(Action::SortReverse)
        );
        assert_eq!(k.action(ch('q'), &[Scope::List]), Some(Action::Quit));
        assert_eq!(k.action(ch('2'), &[]), Some(Action::GoTo(Tab::Partners)));
        assert_eq!(k.action(ch('s'), &[Scope::Today]), None);
    }

    #[test]
    fn footer_hints_come_from_the_same_bindings() {
        let k = Keymap::default();
        let hints = k.hints(&[Scope::Today, Scope::List]);
        assert_eq!(hints.first(), Some(&("t", "log a touch")));
        assert!(hints.contains(&("/", "filter")));
        assert!(hints.contains(&("q", "quit")));
        assert!(!hints.iter().any(|(l, _)| *l == "s"));
    }
}
