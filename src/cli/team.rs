//! The team book from the command line: `push` a book to a server, `pull`
//! one down, `backup` a team book into a book file, and `log` a touch (the
//! write teams script), on either engine.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::context::{self, Create, find_name};
use super::{Failure, output};
use crate::domain::book::{Activity, ActivityKind};
use crate::domain::config::ProgramConfig;
use crate::domain::text::display_safe;
use crate::store::{BookAddress, Store};

/// Sign a team book's writes with the config's `me` (else the OS user).
pub fn sign(store: &mut Store, config: &ProgramConfig) {
    store.sign_as(&config.me);
}

/// `push --to URL`: copy the whole book to the team book at `url`, all or
/// nothing. A team book that already has partners is replaced only with
/// `--replace`.
///
/// # Errors
/// The server cannot be reached, holds partners without `--replace`, or
/// the copy fails (the team book is then unchanged).
pub fn push(
    from: &Path,
    url: &str,
    replace: bool,
    config: &ProgramConfig,
) -> Result<ExitCode, Failure> {
    let to = BookAddress::parse(Path::new(url));
    if to.file().is_some() {
        return Err(Failure::setup(format!(
            "push --to takes a team book's URL (postgres://…), not {}",
            display_safe(url)
        )));
    }
    let book = context::open_for_reading(from)?.load()?;
    let mut team = Store::open_at(&to)?;
    sign(&mut team, config);
    copy_into(&mut team, &book, replace)?;
    output::note(&format!(
        "pushed {} partners to {to} (PostgreSQL)",
        book.partners.len()
    ));
    Ok(ExitCode::SUCCESS)
}

/// `pull --from URL`: copy the whole team book at `url` into the book file,
/// all or nothing (the file is backed up first when it holds partners).
///
/// # Errors
/// As [`push`], the other way round.
pub fn pull(to: &Path, url: &str, replace: bool) -> Result<ExitCode, Failure> {
    let from = BookAddress::parse(Path::new(url));
    if from.file().is_some() {
        return Err(Failure::setup(format!(
            "pull --from takes a team book's URL (postgres://…), not {}",
            display_safe(url)
        )));
    }
    let book = Store::open_at(&from)?.load()?;
    let mut store = context::open_store(to, Create::Yes)?;
    if replace && !store.is_empty()? {
        super::backup::automatic(store.path(), "pull")?;
    }
    copy_into(&mut store, &book, replace)?;
    output::note(&format!(
        "pulled {} partners from {from} into {}",
        book.partners.len(),
        to.display()
    ));
    Ok(ExitCode::SUCCESS)
}

fn copy_into(
    store: &mut Store,
    book: &crate::domain::book::Book,
    replace: bool,
) -> Result<(), Failure> {
    if !replace && !store.is_empty()? {
        return Err(Failure::command(format!(
            "{} already has partners; add --replace to replace them (nothing was changed)",
            store.address()
        )));
    }
    store.replace_book(book)?;
    Ok(())
}

/// `backup` of a team book: the whole book into a new book file (`SQLite`),
/// which `pull` or `--db FILE` can open.
///
/// # Errors
/// The server cannot be reached, or the file exists or cannot be written.
pub fn backup(url: &str, to: &Path) -> Result<ExitCode, Failure> {
    if to.exists() {
        return Err(Failure::command(format!(
            "{} already exists; name a new file (nothing was written)",
            to.display()
        )));
    }
    let book = Store::open_at(&BookAddress::parse(Path::new(url)))?.load()?;
    let partial = to.with_extension("db.partial");
    let _ = std::fs::remove_file(&partial);
    let written = Store::open(&partial).and_then(|mut copy| copy.replace_book(&book));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    std::fs::rename(&partial, to)
        .map_err(|e| Failure::command(format!("cannot write {}: {e}", to.display())))?;
    output::print(&format!("{}\n", to.display()))
}

/// What `log` records.
#[derive(Debug, Clone)]
pub struct Touch<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub date: NaiveDate,
    pub summary: &'a str,
    pub contact: Option<&'a str>,
}

/// `log NAME --kind K`: record one touch with a partner, in one
/// transaction, on either engine; prints the new activity's id.
///
/// # Errors
/// An unknown kind, partner or contact (nothing is written), or the book
/// cannot be written.
pub fn log(book: &Path, touch: &Touch<'_>, config: &ProgramConfig) -> Result<ExitCode, Failure> {
    let kind: ActivityKind = touch.kind.parse().map_err(|_| {
        let kinds: Vec<&str> = ActivityKind::ALL.iter().map(|k| k.as_str()).collect();
        Failure::setup(format!(
            "unknown kind '{}'; use one of {} (nothing was written)",
            display_safe(touch.kind),
            kinds.join(", ")
        ))
    })?;
    let mut store = context::open_store(book, Create::No)?;
    sign(&mut store, config);
    let partners = store.load_partners()?;
    let names: Vec<&str> = partners.iter().map(|p| p.name.as_str()).collect();
    let partner = &partners[find_name(&names, touch.name)?];
    let contact = match touch.contact {
        None => None,
        Some(wanted) => {
            let file = store.load_file(partner.id)?;
            let names: Vec<&str> = file.contacts.iter().map(|c| c.name.as_str()).collect();
            let i = find_name(&names, wanted).map_err(|e| {
                Failure::command(format!("contact of {}: {}", partner.name, e.message))
            })?;
            Some(file.contacts[i].id)
        }
    };
    let activity = Activity {
        id: 0,
        date: touch.date,
        kind,
        summary: touch.summary.to_string(),
        contact,
    };
    let id = store.log_activity(partner.id, &activity)?;
    output::note(&format!(
        "logged {} with {} on {} (activity {id})",
        kind.as_str(),
        display_safe(&partner.name),
        touch.date
    ));
    Ok(ExitCode::SUCCESS)
}
