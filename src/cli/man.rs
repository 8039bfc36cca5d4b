//! `partnerdeck man`: the manual page. Only one page is shipped, so the
//! commands are listed in it by name (`partnerdeck demo`), never as pages
//! of their own (`partnerdeck-demo(1)`, which `man` could not find), and
//! the examples are set as written: no filling, no hyphenation.

use std::fmt::Write as _;

use clap::CommandFactory as _;

use super::{Cli, Failure};
use crate::ui::keymap::{Keymap, Scope};
use crate::ui::remap::ACTIONS;

/// The manual page as roff.
///
/// # Errors
/// Only if the page cannot be rendered.
pub fn page() -> Result<String, Failure> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    let rendered = man
        .render_title(&mut out)
        .and_then(|()| man.render_name_section(&mut out))
        .and_then(|()| man.render_synopsis_section(&mut out))
        .and_then(|()| man.render_description_section(&mut out))
        .and_then(|()| man.render_options_section(&mut out));
    rendered.map_err(|e| Failure::command(format!("cannot write the manual: {e}")))?;
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(".SH COMMANDS\n");
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        let _ = write!(
            text,
            ".TP\n\\fBpartnerdeck {}\\fR\n{}\n",
            escape(sub.get_name()),
            escape(&about)
        );
    }
    text.push_str(".PP\n\\fBpartnerdeck\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR shows a command's own options.\n");
    text.push_str(&cockpit_keys());
    if let Some(after) = cmd.get_after_help() {
        text.push_str(&as_written(&after.to_string()));
    }
    let mut version = Vec::new();
    man.render_version_section(&mut version)
        .map_err(|e| Failure::command(format!("cannot write the manual: {e}")))?;
    text.push_str(&String::from_utf8_lossy(&version));
    Ok(text)
}

/// The cockpit's default keys, from the same keymap that handles them and
/// writes the `?` help, one subsection per screen or popup; each key names
/// the action `[ui.keys]` remaps it by.
fn cockpit_keys() -> String {
    let keymap = Keymap::default();
    let mut text = String::from(
        ".SH COCKPIT KEYS\nThe defaults; \\fB[ui.keys]\\fR in the config remaps a key by the action name in brackets (\\fBundo = [\"z\"]\\fR).\n",
    );
    for scope in Scope::ALL {
        let bindings: Vec<_> = keymap
            .bindings
            .iter()
            .filter(|b| b.scope == scope)
            .collect();
        if bindings.is_empty() {
            continue;
        }
        let _ = writeln!(text, ".SS {}", escape(scope.title()));
        for b in bindings {
            let name = ACTIONS
                .iter()
                .find(|(_, action)| *action == b.action)
                .map_or(String::new(), |(name, _)| format!(" [{name}]"));
            let _ = write!(
                text,
                ".TP\n\\fB{}\\fR\n{}{}\n",
                escape(&b.label),
                escape(b.does),
                escape(&name)
            );
        }
    }
    text
}

/// The help's closing text (`Examples:`, `Environment:`, `Exit codes:`):
/// each heading a section, each body set line for line without filling or
/// hyphenation.
fn as_written(after: &str) -> String {
    let mut text = String::from(".nh\n");
    let mut open = false;
    for line in after.lines() {
        if let Some(heading) = line.strip_suffix(':').filter(|_| !line.starts_with(' ')) {
            if open {
                text.push_str(".fi\n");
            }
            let _ = write!(text, ".SH {}\n.nf\n", escape(&heading.to_uppercase()));
            open = true;
        } else {
            let _ = writeln!(text, "\\&{}", escape(line));
        }
    }
    if open {
        text.push_str(".fi\n");
    }
    text.push_str(".hy\n");
    text
}

/// Text for roff: backslashes and hyphen-minus escaped (so `--db` stays two
/// ASCII hyphens), a quote as `\(aq`.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\'', "\\(aq")
}
