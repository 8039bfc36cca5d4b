//! `[ui.keys]` in the config: keys remapped by action name
//! (`undo = ["z"]`). Every binding of the action takes the new keys, and
//! hints and `?` help show them, since they are read from the same table.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::keymap::Keymap;

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
];

/// The keymap with the config's keys in place of the defaults.
///
/// # Errors
/// One line naming the config key that is wrong: an unknown action, a
/// key that cannot be read, or an action given no key.
pub fn remapped(
    mut keymap: Keymap,
    keys: &BTreeMap<String, Vec<String>>,
) -> Result<Keymap, String> {
    for (name, wanted) in keys {
        let Some((_, action)) = ACTIONS.iter().find(|(n, _)| n == name) else {
            let names: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
            return Err(format!(
                "config key `ui.keys.{name}`: no such action (one of: {})",
                names.join(", ")
            ));
        };
        if wanted.is_empty() {
            return Err(format!(
                "config key `ui.keys.{name}`: give at least one key"
            ));
        }
        let mut events: Vec<KeyEvent> = Vec::new();
        for text in wanted {
            let combo = crokey::parse(text).map_err(|_| {
                format!("config key `ui.keys.{name}`: '{text}' is not a key (e.g. z, ctrl-r, shift-tab, f5, enter)")
            })?;
            events.push(combo.into());
        }
        let label = wanted.join("/");
        for b in keymap.bindings.iter_mut().filter(|b| b.action == *action) {
            b.keys.clone_from(&events);
            b.label = Cow::Owned(label.clone());
        }
    }
    Ok(keymap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keymap::Scope;
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
        let e = remapped(Keymap::default(), &keys(&[("undoo", &["z"])])).expect_err("unknown");
        assert!(
            e.starts_with("config key `ui.keys.undoo`: no such action"),
            "{e}"
        );
        let e = remapped(Keymap::default(), &keys(&[("undo", &["ctrl-zz"])])).expect_err("bad key");
        assert!(e.contains("'ctrl-zz' is not a key"), "{e}");
    }
}
