//! Every `--json` document: one object that starts by saying what it is
//! and which version of its shape it has (`"format": "partnerdeck-today",
//! "version": 1`), so a script can check both before it reads a field.
//! docs/json.md lists every document's fields.
//!
//! The version grows when a field is renamed, removed or changes type;
//! adding a field keeps it.

use std::collections::BTreeMap;
use std::io;
use std::process::ExitCode;

use serde::Serialize;

use super::{Failure, output};

/// The version of every document's shape.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a, T: Serialize> {
    format: &'a str,
    version: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// A list as the one field `key` of a document (`{"partners": [...]}`).
#[must_use]
pub fn list<'a, T: Serialize>(key: &'a str, items: &'a [T]) -> BTreeMap<&'a str, &'a [T]> {
    BTreeMap::from([(key, items)])
}

/// `body` (a struct or map) as the document `partnerdeck-{what}`, pretty
/// printed to stdout as it is serialised (a list in it may be
/// [`crate::streamed::Streamed`], made as it is written).
///
/// # Errors
/// When the JSON cannot be made or stdout cannot take it.
pub fn print<T: Serialize>(what: &str, body: &T) -> Result<ExitCode, Failure> {
    let doc = Document {
        format: &format!("partnerdeck-{what}"),
        version: VERSION,
        body,
    };
    // An error of the JSON itself (not of the output) says so, as before
    // the document was streamed.
    let mut unmade = None;
    let written = output::stream(|out| {
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(|e| {
            if e.is_io() {
                io::Error::from(e)
            } else {
                let shown = io::Error::other(e.to_string());
                unmade = Some(e);
                shown
            }
        })?;
        out.write_all(b"\n")
    });
    match unmade {
        Some(e) => Err(Failure::command(format!("cannot write JSON: {e}"))),
        None => written,
    }
}
