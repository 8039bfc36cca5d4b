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
use crate::domain::import::{
    CellProblem, Columns, Detector, Formats, Plan, Reading, Record, Table, decode, grouped, plan,
    read_row, report_footer, separator, separator_name, unclosed_quote,
};
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
/// Every problem in the file, one line per kind (`file:line: column 'X': …`).
pub fn read(
    table: &str,
    file: &Path,
    config: &ProgramConfig,
    config_file: &Path,
) -> Result<Checked, Failure> {
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
    let shown = config_file.display().to_string();
    let checked = read_bytes(table, &name, &bytes, config, &shown)?;
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

/// Check the bytes of a CSV file named `name` (also the fuzz target's way
/// in): its encoding and separator, then its number and date format from
/// every cell, then each row in that format.
///
/// # Errors
/// A file whose header cannot be read or lacks a required column, or whose
/// amounts or dates read two ways.
pub fn read_bytes(
    table: Table,
    name: &str,
    bytes: &[u8],
    config: &ProgramConfig,
    config_file: &str,
) -> Result<Checked, Failure> {
    let name = name.to_string();
    let refused = |problems: Vec<String>| {
        Failure::command(format!("{}\nnothing was imported", problems.join("\n")))
    };
    if let Some(kind) = spreadsheet(bytes) {
        return Err(refused(vec![format!(
            "{name}: this is {kind}, not a CSV file; export CSV from the CRM (or save the sheet as \"CSV UTF-8\")"
        )]));
    }
    let Some(decoded) = decode(bytes) else {
        return Err(refused(vec![not_utf8(&name, 1)]));
    };
    if let Some(encoding) = decoded.encoding {
        output::note(&format!(
            "{}: read as {encoding} (it is not UTF-8)",
            display_safe(&name)
        ));
    }
    let (sep, start) = separator(&decoded.text, table, &config.import);
    let mut body = &decoded.text.as_bytes()[start..];
    if let Some((at, lines)) = report_footer(body, sep) {
        output::note(&format!(
            "{}: left out the report's footer ({} lines: copyright, who generated it)",
            display_safe(&name),
            lines
        ));
        body = &body[..at];
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .from_reader(body);
    let headers = reader
        .headers()
        .map_err(|e| refused(vec![format!("{name}: {e}")]))?
        .iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    let columns = Columns::match_headers(table, &headers, &config.import).map_err(|missing| {
        let split = format!(
            "; the header, split at {}, has {}",
            separator_name(sep),
            shown_headers(&headers)
        );
        refused(
            missing
                .iter()
                .map(|m| format!("{name}:1: {m}{split}"))
                .collect(),
        )
    })?;
    let skipped = u64::try_from(bytecount_lines(&decoded.text.as_bytes()[..start])).unwrap_or(0);
    let formats = formats(&mut reader, body, skipped, table, &columns, config)
        .map_err(|problems| refused(problems.iter().map(|p| format!("{name}: {p}")).collect()))?;
    let how = Reading {
        rules: &config.import,
        currency: &config.currency,
        owners: &config.owners,
        formats,
        config_file,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .from_reader(body);
    let _ = reader.byte_headers();
    let (records, problems) = read_rows(&mut reader, (body, sep), skipped, table, &columns, &how);
    Ok(Checked {
        table,
        columns,
        records,
        problems,
        name,
    })
}

/// An Excel workbook by its first bytes: `.xlsx` (a zip) or `.xls`.
fn spreadsheet(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("an Excel workbook (.xlsx)")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("an Excel workbook (.xls)")
    } else {
        None
    }
}

/// The headers as a message lists them: `'Deal Name;Amount'` (one column).
fn shown_headers(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .take(6)
        .map(|h| format!("'{}'", display_safe(h.trim_start_matches('\u{feff}'))))
        .collect();
    let more = if headers.len() > 6 { ", …" } else { "" };
    match headers.len() {
        1 => format!("one column: {}", shown.join(", ")),
        n => format!("{n} columns: {}{more}", shown.join(", ")),
    }
}

/// Line ends in `bytes`.
fn bytecount_lines(bytes: &[u8]) -> usize {
    bytes.split(|b| *b == b'\n').count().saturating_sub(1)
}

/// The file's number and date format, from every amount and date cell
/// (`domain::import::Detector`), under the config's (or flags') settings.
fn formats(
    reader: &mut csv::Reader<&[u8]>,
    bytes: &[u8],
    skipped: u64,
    table: Table,
    columns: &Columns,
    config: &ProgramConfig,
) -> Result<Formats, Vec<String>> {
    let mut detector = Detector::new(table, columns);
    let mut row = csv::ByteRecord::new();
    let mut lines = LineCount {
        counted_to: 0,
        line: 1 + skipped,
    };
    while let Ok(true) = reader.read_byte_record(&mut row) {
        let at = row.position().map_or(0, csv::Position::byte);
        let line = lines.at(bytes, usize::try_from(at).unwrap_or(usize::MAX));
        let cells: Vec<&str> = row
            .iter()
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        detector.see(&cells, line);
    }
    detector.decide(config.import.decimal, config.import.date_order)
}

/// Every row after the header: the records read and the problems found.
fn read_rows(
    reader: &mut csv::Reader<&[u8]>,
    (bytes, sep): (&[u8], u8),
    skipped: u64,
    table: Table,
    columns: &Columns,
    how: &Reading<'_>,
) -> (Vec<Record>, Vec<CellProblem>) {
    let bar = progress(bytes.len());
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut row = csv::ByteRecord::new();
    let mut lines = LineCount {
        counted_to: 0,
        line: 1 + skipped,
    };
    let unclosed = unclosed_quote(bytes, sep);
    loop {
        match reader.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(CellProblem::new(lines.line, "", csv_error(&e)));
                break;
            }
        }
        let at = row.position().map_or(0, csv::Position::byte);
        let line = lines.at(bytes, usize::try_from(at).unwrap_or(usize::MAX));
        // The record holding a quote never closed runs to the end of the
        // file: report the quote, not the cell it swallowed.
        let last = usize::try_from(reader.position().byte()).is_ok_and(|end| end >= bytes.len());
        if let Some(open) = unclosed.filter(|&o| last && u64::try_from(o).is_ok_and(|o| o >= at)) {
            problems.push(CellProblem::new(
                lines.at(bytes, open),
                "",
                "unbalanced quote: the quoted field that starts here is never closed",
            ));
            break;
        }
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
        match read_row(table, columns, &cells, line, how) {
            Ok(r) => records.push(r),
            Err(ps) => problems.extend(ps),
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    (records, problems)
}

/// A CSV error as one line.
fn csv_error(e: &csv::Error) -> String {
    format!("{e}")
}

/// Line numbers from byte offsets: the csv crate's own count is off after
/// CRLF, where its offset is that of the `\n`.
struct LineCount {
    counted_to: usize,
    line: u64,
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

const NOT_UTF8: &str =
    "not a text file in UTF-8, UTF-16 or Windows-1252 (save the export as UTF-8 CSV)";

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
    config: &Path,
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
    // A team book is always there (its server made it); a file only once
    // it holds something.
    let exists = crate::store::BookAddress::parse(book).file().is_none()
        || std::fs::metadata(book).is_ok_and(|m| m.len() > 0);
    let store = if exists {
        open_store(book, Create::Yes)?
    } else {
        Store::open_in_memory()?
    };
    let first = make(&store.load()?, &store.external_ids()?);
    refuse_problems(&checked.problems, &first, &checked.name)?;
    for note in unmapped_notes(checked, config, dry_run) {
        output::note(&note);
    }
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
    let done = store.import_planned(Box::new(make));
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    let done = done?;
    refuse_problems(&[], &done, &checked.name)?;
    let mut text = summary(&done, checked, "added", "");
    // What health is scored on; company revenue is no partner's record.
    if checked.table != Table::CompanyRevenue {
        for line in store.coverage()?.report() {
            text.push_str(&line);
            text.push('\n');
        }
    }
    output::print(&text)
}

/// Values no mapping knew, one note per field and value: how many rows,
/// their first lines, and how to classify or map them.
fn unmapped_notes(checked: &Checked, config: &Path, dry_run: bool) -> Vec<String> {
    let mut groups: Vec<(&str, &str, Vec<u64>)> = Vec::new();
    for record in &checked.records {
        let Record::Partner(p) = record else { continue };
        for u in &p.unmapped {
            match groups
                .iter_mut()
                .find(|(f, v, _)| *f == u.field && *v == u.value)
            {
                Some((_, _, lines)) => lines.push(p.line),
                None => groups.push((u.field, &u.value, vec![p.line])),
            }
        }
    }
    let came = if dry_run { "would come in" } else { "came in" };
    let config = config.display();
    groups
        .iter()
        .map(|(field, value, lines)| {
            let n = lines.len();
            let partners = if n == 1 { "partner" } else { "partners" };
            let shown: Vec<String> = lines.iter().take(5).map(u64::to_string).collect();
            let more = if n > 5 { ", …" } else { "" };
            let at = format!(
                "line{} {}{more}",
                if n == 1 { "" } else { "s" },
                shown.join(", ")
            );
            let value = display_safe(value);
            let file = display_safe(&checked.name);
            if *field == "type" {
                format!(
                    "{file}: {n} {partners} of type '{value}' {came} without a type ({at}) — classify them with the Type facet (f on Partners), or map it: --map type:'{value}'=referral or [import.types] in {config}"
                )
            } else {
                format!(
                    "{file}: {n} {partners} with lifecycle '{value}' {came} keeping their stage (new ones at grow) ({at}) — map it: --map lifecycle:'{value}'=grow or [import.lifecycles] in {config}"
                )
            }
        })
        .collect()
}

/// Every problem, the file's and the plan's, by line, one line per kind.
fn refuse_problems(read: &[CellProblem], plan: &Plan, name: &str) -> Result<(), Failure> {
    if read.is_empty() && plan.problems.is_empty() {
        return Ok(());
    }
    let mut all: Vec<&CellProblem> = read.iter().chain(&plan.problems).collect();
    all.sort_by_key(|p| p.line);
    let lines: Vec<String> = grouped(&all, name)
        .iter()
        .map(|line| display_safe(line).into_owned())
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
