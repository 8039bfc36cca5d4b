//! `partnerdeck demo` and `--demo`: a realistic, deterministic demo book.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;

use super::context::open_store;
use super::{Create, Failure, ScreensContext, output};
use crate::analyse::facts_stamp;
use crate::demo::{CompanyRevenue, DemoOptions, partners};
use crate::domain::analysis::summarize;
use crate::domain::config::ProgramConfig;
use crate::domain::facts::facts;
use crate::store::{Bulk, Store, facts_codec};

/// Write a demo book at `path` and return it with the number of partners.
/// A book holding real partners (not a demo) is only replaced with `replace`,
/// and is not touched otherwise.
///
/// # Errors
/// When the book cannot be opened or written, or holds real partners.
pub fn write(
    path: &Path,
    config: &ProgramConfig,
    today: NaiveDate,
    opts: &DemoOptions,
    replace: bool,
) -> Result<(Store, usize), Failure> {
    let mut store = open_store(path, Create::Yes)?;
    let is_demo = store.demo_made_for()?.is_some();
    if !replace && !is_demo && !store.is_empty()? {
        return Err(Failure::command(format!(
            "{} already holds partners that are not a demo book; use `demo --replace` to overwrite them (nothing was changed)",
            path.display()
        )));
    }
    if replace && !is_demo && !store.is_empty()? {
        super::backup::automatic(store.path(), "demo-replace")?;
    }
    let partners = write_partners(&mut store, config, today, opts)?;
    Ok((store, partners))
}

/// Stream the demo's partners into the book, each scored as it is made
/// rather than read back later, in one transaction; each file is dropped
/// once written, so a book of any size takes the memory of one partner.
fn write_partners(
    store: &mut Store,
    config: &ProgramConfig,
    today: NaiveDate,
    opts: &DemoOptions,
) -> Result<usize, Failure> {
    let stamp = facts_stamp();
    let mut writer = store.replace_partners(
        Bulk::new(Some(today))
            .scored(today, config)
            .with_facts(&stamp),
    )?;
    let mut company = CompanyRevenue::default();
    for file in partners(opts, today, config) {
        company.see(&file);
        writer.add(&file, Some(summarize(&file, today, config)))?;
        // Its facts too, so the first open of another day need not read
        // the history back.
        let id = file.partner.id;
        writer.add_facts(id, &facts_codec::encode(&facts(file)))?;
    }
    writer.company_revenue(&company.months(today))?;
    Ok(writer.finish()?)
}

/// `partnerdeck demo`: write the book and say what is in it.
///
/// # Errors
/// As [`write`].
pub fn run(
    path: &Path,
    config: &ProgramConfig,
    today: NaiveDate,
    opts: &DemoOptions,
    replace: bool,
) -> Result<ExitCode, Failure> {
    let started = Instant::now();
    let (_, partners) = write(path, config, today, opts, replace)?;
    output::note(&format!(
        "wrote a demo book of {partners} partners (seed {}) as of {today} to {} in {:.1}s",
        opts.seed,
        path.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}

/// What `--demo` says when it keeps a demo book the user has edited.
pub const KEPT_EDITED: &str = "the demo book holds your edits, so it was kept as it is; `partnerdeck --demo demo --replace` makes a fresh one";

/// The demo book for `--demo`, with the note to show when it was kept
/// rather than made fresh (see [`open`]).
///
/// # Errors
/// When the demo book cannot be opened or written.
pub fn for_cockpit(
    path: &Path,
    config: ProgramConfig,
    today: NaiveDate,
) -> Result<(ScreensContext, Option<&'static str>), Failure> {
    let (store, note) = open(path, &config, today)?;
    // The cockpit opens on Today.
    let first = super::context::Opened::WithToday;
    Ok((ScreensContext::open(store, config, today, first)?, note))
}

/// The demo book for `--demo` with any command: made when missing, made
/// fresh when it was made for another day so its QBRs and campaigns are
/// current — unless the user has edited it (an edit clears the demo mark):
/// then it is kept, with a note saying how to refresh it.
///
/// # Errors
/// When the demo book cannot be opened or written.
pub fn open(
    path: &Path,
    config: &ProgramConfig,
    today: NaiveDate,
) -> Result<(Store, Option<&'static str>), Failure> {
    if path.exists() {
        let store = open_store(path, Create::Yes)?;
        match store.demo_made_for()? {
            Some(day) if day == today.to_string() => return Ok((store, None)),
            None if !store.is_empty()? => return Ok((store, Some(KEPT_EDITED))),
            _ => {}
        }
    }
    let (store, _) = write(path, config, today, &DemoOptions::default(), false)?;
    Ok((store, None))
}
