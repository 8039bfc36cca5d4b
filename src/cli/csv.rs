//! `partnerdeck import --csv TABLE FILE [--dry-run]` and `export --csv
//! TABLE FILE` (README, "CSV import"): a CRM's export into one table,
//! checked whole before the book is opened for writing, and one table out
//! in the same columns.

use std::io::IsTerminal as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::context::open_store;
use super::{Create, Failure, output};
use crate::domain::config::ProgramConfig;
use crate::domain::import::{CellProblem, Columns, Plan, Record, Table, plan, read_row};
use crate::domain::text::display_safe;
use crate::store::Store;

/// The largest CSV file read (a CRM export of a book is far smaller).
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Files from this size on show a progress bar (on a terminal).
const PROGRESS_FROM: usize = 1024 * 1024;

/// A checked CSV file: its columns and records.
pub struct Checked {
    pub table: Table,
    pub columns: Columns,
    pub records: Vec<Record>,
    /// Rows that cannot be read; listed with the book's own problems
    /// (unknown partners) so every bad row is named at once.
    pub problems: Vec<CellProblem>,
    pub name: String,
}

/// Read and check a CSV file whole; nothing is opened but the file.
///
/// # Errors
/// Every problem in the file, one per line (`file:line: column 'X': …`).
pub fn read(table: &str, file: &Path, config: &ProgramConfig) -> Result<Checked, Failure> {
    let table: Table = table.parse().map_err(Failure::command)?;
    let name = file.display().to_string();
    let size = std::fs::metadata(file)
        .map_err(|e| Failure::command(format!("cannot read {name}: {}", output::plain(&e))))?
        .len();
    if size > MAX_BYTES {
        return Err(Failure::command(format!(
            "{name} is {:.1} MB; partnerdeck reads CSV files up to {} MB (split the export; nothing was changed)",
            size_mb(size),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(file)
        .map_err(|e| Failure::command(format!("cannot read {name}: {}", output::plain(&e))))?;
    let checked = read_bytes(table, &name, &bytes, config)?;
    if !checked.columns.ignored.is_empty() {
        let list: Vec<String> = checked
            .columns
            .ignored
            .iter()
            .map(|h| format!("'{}'", display_safe(h)))
            .collect();
        output::note(&format!(
            "{}: ignored columns: {}",
            display_safe(&checked.name),
            list.join(", ")
        ));
    }
    Ok(checked)
}

/// Check the bytes of a CSV file named `name` (also the fuzz target's way in).
///
/// # Errors
/// A file whose header cannot be read or lacks a required column.
pub fn read_bytes(
    table: Table,
    name: &str,
    bytes: &[u8],
    config: &ProgramConfig,
) -> Result<Checked, Failure> {
    let name = name.to_string();
    let refused = |problems: Vec<String>| {
        Failure::command(format!("{}\nnothing was imported", problems.join("\n")))
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .byte_headers()
        .map_err(|e| refused(vec![format!("{name}: {e}")]))?
        .clone();
    let headers: Vec<String> = match headers
        .iter()
        .map(std::str::from_utf8)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(h) => h.into_iter().map(str::to_string).collect(),
        Err(_) => return Err(refused(vec![not_utf8(&name, 1)])),
    };
    let columns = Columns::match_headers(table, &headers, &config.import)
        .map_err(|missing| refused(missing.iter().map(|m| format!("{name}:1: {m}")).collect()))?;
    let (records, problems) = read_rows(&mut reader, bytes, table, &columns, config);
    Ok(Checked {
        table,
        columns,
        records,
        problems,
        name,
    })
}

/// Every row after the header: the records read and the problems found.
fn read_rows(
    reader: &mut csv::Reader<&[u8]>,
    bytes: &[u8],
    table: Table,
    columns: &Columns,
    config: &ProgramConfig,
) -> (Vec<Record>, Vec<CellProblem>) {
    let bar = progress(bytes.len());
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut row = csv::ByteRecord::new();
    let mut lines = LineCount::default();
    loop {
        match reader.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(CellProblem::new(lines.line, "", format!("{e}")));
                break;
            }
        }
        let at = row.position().map_or(0, csv::Position::byte);
        let line = lines.at(bytes, usize::try_from(at).unwrap_or(usize::MAX));
        if let Some(bar) = &bar {
            bar.set_position(at);
        }
        let Ok(cells) = row
            .iter()
            .map(std::str::from_utf8)
            .collect::<Result<Vec<_>, _>>()
        else {
            problems.push(CellProblem::new(line, "", NOT_UTF8));
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match read_row(
            table,
            columns,
            &cells,
            line,
            &config.import,
            &config.currency,
        ) {
            Ok(r) => records.push(r),
            Err(ps) => problems.extend(ps),
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    (records, problems)
}

/// Line numbers from byte offsets: the csv crate's own count is off after
/// CRLF, where its offset is that of the `\n`.
struct LineCount {
    counted_to: usize,
    line: u64,
}

impl Default for LineCount {
    fn default() -> Self {
        LineCount {
            counted_to: 0,
            line: 1,
        }
    }
}

impl LineCount {
    /// The line a record starting at byte `at` is on (after any line ends).
    fn at(&mut self, bytes: &[u8], at: usize) -> u64 {
        let mut at = at.min(bytes.len());
        while bytes.get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            at += 1;
        }
        if at > self.counted_to {
            let newlines = bytes[self.counted_to..at].split(|b| *b == b'\n').count() - 1;
            self.line += u64::try_from(newlines).unwrap_or(0);
            self.counted_to = at;
        }
        self.line
    }
}

#[allow(clippy::cast_precision_loss)]
fn size_mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

const NOT_UTF8: &str = "not UTF-8 text (save the export as UTF-8 CSV)";

fn not_utf8(name: &str, line: u64) -> String {
    format!("{name}:{line}: {NOT_UTF8}")
}

/// A progress bar on stderr for a long file, when stderr is a terminal.
fn progress(len: usize) -> Option<ProgressBar> {
    if len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(len).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        ProgressStyle::with_template("reading {bar:40} {percent:>3}% {bytes}/{total_bytes}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Rows from which writing shows a spinner (on a terminal).
const SPINNER_FROM: usize = 10_000;

/// A spinner on stderr while many rows are written, when stderr is a terminal.
fn writing(rows: usize) -> Option<ProgressBar> {
    if rows < SPINNER_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        spinner.set_style(style);
    }
    spinner.set_message(format!("writing {rows} rows"));
    spinner.enable_steady_tick(std::time::Duration::from_millis(100));
    Some(spinner)
}

/// Plan a checked file against the book at `book` and write it (unless
/// `dry_run`), backing the book up first when it holds partners. A book
/// that does not exist yet is only made when there is something to write.
///
/// # Errors
/// Rows the book cannot take (unknown partners, repeated rows), or a
/// failed write; the book is then unchanged.
pub fn import(
    book: &Path,
    checked: &Checked,
    today: NaiveDate,
    dry_run: bool,
) -> Result<ExitCode, Failure> {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let make = |book: &_, ext: &_| {
        plan(
            checked.table,
            &checked.columns,
            &checked.records,
            book,
            ext,
            today,
            &now,
        )
    };
    let exists = std::fs::metadata(book).is_ok_and(|m| m.len() > 0);
    let store = if exists {
        open_store(book, Create::Yes)?
    } else {
        Store::open_in_memory()?
    };
    let first = make(&store.load()?, &store.external_ids()?);
    refuse_problems(&checked.problems, &first, &checked.name)?;
    if dry_run {
        return output::print(&summary(
            &first,
            checked,
            "would add",
            " (dry run: nothing was written)",
        ));
    }
    if first.writes.is_empty() {
        return output::print(&summary(&first, checked, "added", ""));
    }
    let mut store = if exists {
        store
    } else {
        open_store(book, Create::Yes)?
    };
    if !store.is_empty()? {
        super::backup::automatic(store.path(), "import-csv")?;
    }
    let spinner = writing(first.writes.len());
    let done = store.import_planned(make);
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    let done = done?;
    refuse_problems(&[], &done, &checked.name)?;
    output::print(&summary(&done, checked, "added", ""))
}

/// Every problem, the file's and the plan's, by line.
fn refuse_problems(read: &[CellProblem], plan: &Plan, name: &str) -> Result<(), Failure> {
    if read.is_empty() && plan.problems.is_empty() {
        return Ok(());
    }
    let mut all: Vec<&CellProblem> = read.iter().chain(&plan.problems).collect();
    all.sort_by_key(|p| p.line);
    let lines: Vec<String> = all
        .iter()
        .map(|p| display_safe(&p.show(name)).into_owned())
        .collect();
    Err(Failure::command(format!(
        "{}\nnothing was imported",
        lines.join("\n")
    )))
}

/// `deals.csv → deals: added 3, updated 1, unchanged 2`.
fn summary(plan: &Plan, checked: &Checked, added: &str, tail: &str) -> String {
    let updated = if added == "added" {
        "updated"
    } else {
        "update"
    };
    let unchanged = if added == "added" {
        "unchanged"
    } else {
        "leave unchanged"
    };
    format!(
        "{} → {}: {added} {}, {updated} {}, {unchanged} {}{tail}\n",
        display_safe(&checked.name),
        checked.table.as_str(),
        plan.added,
        plan.updated,
        plan.unchanged,
    )
}
