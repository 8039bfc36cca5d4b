//! `partnerdeck owners [--json]`: every owner spelling in the book with its
//! partner count and the person `[owners]` maps it to, and the spellings
//! that look like one person, as the config lines that would merge them
//! (docs/rules.md, "Owners").

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::{Failure, output};
use crate::domain::config::ProgramConfig;
use crate::domain::owners::spellings;
use crate::domain::text::display_safe;
use crate::store::Store;

/// Print the owners of the book's partners (archived ones too).
///
/// # Errors
/// When the book cannot be read or the output written.
pub fn run(
    store: &Store,
    config: &ProgramConfig,
    config_path: &Path,
    json: bool,
) -> Result<ExitCode, Failure> {
    let partners = store.load_partners()?;
    let (listed, merges) = spellings(partners.iter().map(|p| p.owner.as_str()), &config.owners);
    if json {
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            owners: &'a [crate::domain::owners::Spelling],
            merges: &'a [crate::domain::owners::Merge],
        }
        let doc = Doc {
            owners: &listed,
            merges: &merges,
        };
        return super::json::print("owners", &doc);
    }
    let mut out = String::new();
    if listed.is_empty() {
        out.push_str("No partner has an owner yet.\n");
        return output::print(&out);
    }
    let width = listed
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(s.spelling.as_str()))
        .max()
        .unwrap_or(0)
        .min(40);
    let _ = writeln!(out, "Owners as the book spells them (partners):");
    for s in &listed {
        let name = display_safe(&s.spelling);
        let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_ref()));
        let person = if s.person == s.spelling {
            String::new()
        } else {
            format!("  → {}", display_safe(&s.person))
        };
        let _ = writeln!(out, "  {name}{} {:>5}{person}", " ".repeat(pad), s.partners);
    }
    if merges.is_empty() {
        let _ = writeln!(out, "No spellings look like the same person.");
    } else {
        let _ = writeln!(
            out,
            "Likely the same person — add under [owners] in {} (then `me`, --owner and the owner facet match every spelling, and imports store the person):",
            config_path.display()
        );
        for m in &merges {
            let _ = writeln!(out, "  {}", display_safe(&m.toml()));
        }
    }
    output::print(&out)
}
