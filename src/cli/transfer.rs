//! `partnerdeck export FILE` / `import FILE`: the whole book as JSON.

use std::io::Read as _;
use std::path::Path;
use std::process::ExitCode;

use super::{Failure, output};
use crate::domain::book::Book;
use crate::store::Store;
use crate::store::transfer::{from_json, write_json};

/// Write the book as JSON to a file (atomically, never over the book
/// itself) or stdout ("-"), as it is read: a few hundred partners at a
/// time, in one snapshot of the book.
///
/// # Errors
/// When the file is the book or one of its companions, or cannot be written
/// (a previous file at that path is then unchanged), or the book cannot be
/// read.
pub fn export(store: &Store, file: &Path) -> Result<ExitCode, Failure> {
    let mut partners = 0;
    let code = output::produce(file, store.path(), "export", |out| {
        partners = store.snapshot(|book| Ok(write_json(book, out)))??;
        Ok(())
    })?;
    if file.as_os_str() != "-" {
        output::note(&format!(
            "exported {partners} partners to {}",
            file.display()
        ));
    }
    Ok(code)
}

/// Read and check a JSON book from a file or stdin ("-"); nothing is written.
///
/// # Errors
/// Every problem in the file, one per line.
pub fn read(file: &Path) -> Result<Book, Failure> {
    let name = file.display().to_string();
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::command(format!("cannot read standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::command(format!("cannot read {name}: {e}")))?
    };
    from_json(&name, &text).map_err(|e| Failure::command(e.to_string()))
}

/// Write a checked book in one transaction; a book that already has
/// partners is only replaced with `replace`.
///
/// # Errors
/// A book that is not empty without `--replace`, or a failed write (the book
/// is then unchanged).
pub fn import(store: &mut Store, book: &Book, replace: bool) -> Result<ExitCode, Failure> {
    if !replace && !store.is_empty()? {
        return Err(Failure::command(format!(
            "{} already has partners; use `import --replace` to replace them (nothing was changed)",
            store.address()
        )));
    }
    if replace && !store.is_empty()? {
        super::backup::automatic(store.path(), "import-replace")?;
    }
    store.replace_book(book)?;
    output::note(&format!(
        "imported {} partners into {}",
        book.partners.len(),
        store.address()
    ));
    Ok(ExitCode::SUCCESS)
}
