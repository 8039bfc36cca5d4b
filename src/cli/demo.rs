//! `partnerdeck demo` and `--demo`: a realistic, deterministic demo book.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;

use super::{Context, Create, Failure};
use crate::demo::{DemoOptions, generate};
use crate::domain::analysis::Analysis;
use crate::domain::config::ProgramConfig;

/// `meta` key marking a book as a demo, with the day it was generated for.
const DEMO_FOR: &str = "demo_generated_for";

/// Write a demo book at `path`. A book holding real partners (not a demo) is
/// only replaced with `replace`.
///
/// # Errors
/// When the book cannot be opened or written, or holds real partners.
pub fn write(
    path: &Path,
    config: ProgramConfig,
    today: NaiveDate,
    opts: &DemoOptions,
    replace: bool,
) -> Result<Context, Failure> {
    let mut ctx = Context::open_at(path, config, today, Create::Yes)?;
    let is_demo = ctx.store.meta(DEMO_FOR)?.is_some();
    if !replace && !is_demo && !ctx.store.is_empty()? {
        return Err(Failure::command(format!(
            "{} already holds partners that are not a demo book; use `demo --replace` to overwrite them (nothing was changed)",
            path.display()
        )));
    }
    let book = generate(opts, today, &ctx.config);
    ctx.store.replace_book(&book)?;
    ctx.store.set_meta(DEMO_FOR, &today.to_string())?;
    // The book is in memory: score it here rather than read it back.
    let summaries = Analysis::of(&book, today, &ctx.config).partners;
    ctx.store.cache_summaries(today, &ctx.config, &summaries)?;
    ctx.reload()?;
    Ok(ctx)
}

/// `partnerdeck demo`: write the book and say what is in it.
///
/// # Errors
/// As [`write`].
pub fn run(
    path: &Path,
    config: ProgramConfig,
    today: NaiveDate,
    opts: &DemoOptions,
    replace: bool,
) -> Result<ExitCode, Failure> {
    let started = Instant::now();
    let ctx = write(path, config, today, opts, replace)?;
    eprintln!(
        "wrote a demo book of {} partners (seed {}) as of {} to {} in {:.1}s",
        ctx.analysed.partners.len(),
        opts.seed,
        today,
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// The demo book for `--demo`: regenerated when missing or made for another
/// day, so its QBRs and campaigns are always current.
///
/// # Errors
/// When the demo book cannot be opened or written.
pub fn for_cockpit(
    path: &Path,
    config: ProgramConfig,
    today: NaiveDate,
) -> Result<Context, Failure> {
    if path.exists() {
        let ctx = Context::open_at(path, config.clone(), today, Create::No)?;
        if ctx.store.meta(DEMO_FOR)?.as_deref() == Some(today.to_string().as_str()) {
            return Ok(ctx);
        }
    }
    write(path, config, today, &DemoOptions::default(), false)
}
