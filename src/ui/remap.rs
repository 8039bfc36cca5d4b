//! `[ui.keys]` in the config: keys remapped by action name
//! (`undo = ["z"]`). Every binding of the action takes the new keys, and
//! hints and `?` help show them, since they are read from the same table.
//!
//! A key does one thing wherever it works: a key the config gives an
//! action that another action already has where the two are looked up
//! together (`undo = ["x"]`: `x` is "done" on Today; `quit = ["j"]`: `j`
//! moves down in every list, so quit could not be reached) is refused.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::keymap::{Keymap, Scope, same_key};

/// Why `[ui.keys]` cannot be used: the dotted config key it is about
/// (`ui.keys.undo`) and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("config key `{key}`: {message}")]
pub struct RemapError {
    pub key: String,
    pub message: String,
}

impl RemapError {
    fn new(name: &str, message: String) -> RemapError {
        RemapError {
            key: format!("ui.keys.{name}"),
            message,
        }
    }
}

/// A key as the config writes it, and as read.
type Given<'a> = (&'a str, KeyEvent);

/// The scopes one key press is looked up in (`App::scopes`): each screen's
/// own scopes then Global and Always; a modal's scope then Always.
const CHAINS: &[&[Scope]] = {
    use Scope as S;
    &[
        &[S::Today, S::List, S::Global, S::Always],
        &[S::Partners, S::List, S::Global, S::Always],
        &[S::Tiers, S::List, S::Global, S::Always],
        &[S::Qbrs, S::List, S::Global, S::Always],
        &[S::Campaigns, S::List, S::Global, S::Always],
        &[S::Prospects, S::List, S::Global, S::Always],
        &[S::Program, S::Global, S::Always],
        &[S::Detail, S::Global, S::Always],
        &[S::Timeline, S::Global, S::Always],
        &[S::QbrWorkspace, S::Global, S::Always],
        &[S::Help, S::Always],
        &[S::Touch, S::Always],
        &[S::Facets, S::Always],
        &[S::Filter, S::Always],
        &[S::Confirm, S::Always],
        &[S::Form, S::Always],
        &[S::Picker, S::Always],
        &[S::Benefits, S::Always],
    ]
};

/// Actions that can be remapped, by the name the config uses.
pub const ACTIONS: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("back", Action::Back),
    ("help", Action::Help),
    ("next_screen", Action::NextTab),
    ("previous_screen", Action::PrevTab),
    ("up", Action::Up),
    ("down", Action::Down),
    ("left", Action::Left),
    ("right", Action::Right),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("page_up", Action::PageUp),
    ("page_down", Action::PageDown),
    ("open", Action::Open),
    ("next_section", Action::NextSection),
    ("previous_section", Action::PrevSection),
    ("filter", Action::Filter),
    ("sort", Action::SortNext),
    ("reverse_sort", Action::SortReverse),
    ("log_touch", Action::LogTouch),
    ("done", Action::ToggleDone),
    ("matrix", Action::ToggleMatrix),
    ("facets", Action::Facets),
    ("clear_facets", Action::ClearFacets),
    ("undo", Action::Undo),
    ("redo", Action::Redo),
    ("new", Action::New),
    ("edit", Action::Edit),
    ("archive", Action::Archive),
    ("edit_record", Action::EditRecord),
    ("delete_record", Action::DeleteRecord),
    ("save", Action::Save),
    ("cancel", Action::Cancel),
    ("editor", Action::ExternalEdit),
    ("scorecard", Action::Scorecard),
    ("sign", Action::Sign),
    ("company_revenue", Action::CompanyRevenue),
];

/// The keymap with the config's keys in place of the defaults.
///
/// # Errors
/// The config key that is wrong and why: an unknown action, a key that
/// cannot be read, an action given no key, or a key another action has
/// where the two are looked up together.
pub fn remapped(
    mut keymap: Keymap,
    keys: &BTreeMap<String, Vec<String>>,
) -> Result<Keymap, RemapError> {
    let defaults = keymap.clone();
    let mut given: Vec<(&str, Action, Vec<Given>)> = Vec::new();
    for (name, wanted) in keys {
        let Some((_, action)) = ACTIONS.iter().find(|(n, _)| n == name) else {
            let names: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
            return Err(RemapError::new(
                name,
                format!("no such action (one of: {})", names.join(", ")),
            ));
        };
        if wanted.is_empty() {
            return Err(RemapError::new(name, "give at least one key".into()));
        }
        let mut events: Vec<Given> = Vec::new();
        for text in wanted {
            let combo = crokey::parse(text).map_err(|_| {
                RemapError::new(
                    name,
                    format!("'{text}' is not a key (e.g. z, ctrl-r, shift-tab, f5, enter)"),
                )
            })?;
            events.push((text, combo.into()));
        }
        let label = wanted.join("/");
        for b in keymap.bindings.iter_mut().filter(|b| b.action == *action) {
            b.keys = events.iter().map(|(_, k)| *k).collect();
            b.label = Cow::Owned(label.clone());
        }
        given.push((name, *action, events));
    }
    for (name, action, events) in &given {
        clash(&keymap, &defaults, name, *action, events)?;
    }
    Ok(keymap)
}

/// A key the config gives `action` (one its binding did not have by
/// default) that another action has in a scope looked up with it.
fn clash(
    keymap: &Keymap,
    defaults: &Keymap,
    name: &str,
    action: Action,
    events: &[Given],
) -> Result<(), RemapError> {
    for (b, default) in keymap.bindings.iter().zip(&defaults.bindings) {
        if b.action != action {
            continue;
        }
        let new = events
            .iter()
            .filter(|(_, k)| !default.keys.iter().any(|d| same_key(*d, *k)));
        for (text, key) in new {
            for chain in CHAINS.iter().filter(|c| c.contains(&b.scope)) {
                let other = keymap.bindings.iter().find(|o| {
                    o.action != action
                        && chain.contains(&o.scope)
                        && o.keys.iter().any(|k| same_key(*k, *key))
                });
                if let Some(o) = other {
                    return Err(RemapError::new(
                        name,
                        format!(
                            "'{text}' already does \"{}\" on {}: a key does one thing wherever it works (choose another key, or remap that action too)",
                            o.does,
                            chain[0].title()
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn keys(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    (*k).to_string(),
                    v.iter().map(|s| (*s).to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_remapped_key_works_and_the_hints_say_so() {
        let k = remapped(
            Keymap::default(),
            &keys(&[("undo", &["z"]), ("quit", &["ctrl-q"])]),
        )
        .expect("valid");
        let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE);
        let u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(k.action(z, &[Scope::Global]), Some(Action::Undo));
        assert_eq!(k.action(u, &[Scope::Global]), None);
        assert_eq!(k.action(ctrl_q, &[Scope::Global]), Some(Action::Quit));
        assert!(k.hints(&[Scope::Global]).contains(&("ctrl-q", "quit")));
    }

    #[test]
    fn a_bad_remap_names_its_config_key() {
        let e = remapped(Keymap::default(), &keys(&[("undoo", &["z"])]))
            .expect_err("unknown")
            .to_string();
        assert!(
            e.starts_with("config key `ui.keys.undoo`: no such action"),
            "{e}"
        );
        let e = remapped(Keymap::default(), &keys(&[("undo", &["ctrl-zz"])]))
            .expect_err("bad key")
            .to_string();
        assert!(e.contains("'ctrl-zz' is not a key"), "{e}");
    }

    #[test]
    fn a_key_another_action_has_is_refused() {
        let e = remapped(Keymap::default(), &keys(&[("undo", &["x"])])).expect_err("x is done");
        assert_eq!(e.key, "ui.keys.undo");
        assert!(
            e.message
                .starts_with("'x' already does \"done / not done\" on Today"),
            "{e}"
        );
        // Quit on j could never be reached: j moves down in every list.
        let e = remapped(Keymap::default(), &keys(&[("quit", &["j"])])).expect_err("j moves");
        assert_eq!(e.key, "ui.keys.quit");
        assert!(e.message.contains("\"move down\""), "{e}");
        // A modal's keys meet only Always: ctrl-c quits there too.
        let e = remapped(Keymap::default(), &keys(&[("save", &["ctrl-c"])])).expect_err("ctrl-c");
        assert!(e.message.contains("'ctrl-c' already does"), "{e}");
    }

    #[test]
    fn restating_a_default_or_moving_two_actions_together_is_fine() {
        // Tab is also the QBR workspace's pane switch: that is the default.
        assert!(remapped(Keymap::default(), &keys(&[("next_screen", &["tab"])])).is_ok());
        assert!(remapped(Keymap::default(), &keys(&[("open", &["enter"])])).is_ok());
        // Swapping undo and redo is fine: each key does one thing.
        assert!(
            remapped(
                Keymap::default(),
                &keys(&[("undo", &["ctrl-r"]), ("redo", &["u"])])
            )
            .is_ok()
        );
        // A key no other action has where it works.
        assert!(remapped(Keymap::default(), &keys(&[("undo", &["z"])])).is_ok());
    }

    #[test]
    fn the_chains_are_the_scopes_each_screen_is_looked_up_in() {
        for (_, screen) in crate::ui::screens::registry() {
            let mut scopes = screen.scopes();
            scopes.extend([Scope::Global, Scope::Always]);
            assert!(CHAINS.contains(&scopes.as_slice()), "{scopes:?}");
        }
    }
}
