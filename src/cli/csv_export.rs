//! `partnerdeck export --csv partners|deals|activities FILE`: one table in
//! the columns `import --csv` reads, so the file goes back in unchanged.
//! Text cells a spreadsheet would run as a formula are neutralised.

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::process::ExitCode;

use super::{Failure, output};
use crate::domain::import::{Table, neutralise};
use crate::store::transfer::WriteError;
use crate::store::{BookStore, Store};

/// How many partners' files are read at once for their deals or activities.
const PARTNERS_AT_ONCE: usize = 500;

/// Write one table as CSV to a file (atomically) or stdout ("-"), as it is
/// read, in one snapshot of the book.
///
/// # Errors
/// A table that cannot be exported, a file that cannot be written, or a
/// book that cannot be read.
pub fn export(store: &Store, table: &str, file: &Path) -> Result<ExitCode, Failure> {
    let table: Table = table.parse().map_err(Failure::command)?;
    if !matches!(table, Table::Partners | Table::Deals | Table::Activities) {
        return Err(Failure::command(format!(
            "{} are not exported as CSV; export partners, deals or activities",
            table.as_str()
        )));
    }
    let code = output::produce(file, store.path(), "export", |out| {
        store.snapshot(|book| Ok(write(book, table, out)))?
    })?;
    if file.as_os_str() != "-" {
        output::note(&format!(
            "exported {} to {}",
            table.as_str(),
            file.display()
        ));
    }
    Ok(code)
}

/// The table as CSV: a header of the table's own columns (without
/// `first_name`/`last_name`), then one row per record, partners by name,
/// written as each few hundred partners are read.
fn write(book: &dyn BookStore, table: Table, out: &mut dyn io::Write) -> Result<(), WriteError> {
    let ext = book.external_ids()?;
    let mut partners = book.load_partners()?;
    partners.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let mut out = csv::Writer::from_writer(out);
    let id = |map: &HashMap<i64, String>, id: i64| {
        map.get(&id)
            .map_or_else(String::new, |e| neutralise(e).into_owned())
    };
    let text = |s: &str| neutralise(s).into_owned();
    out.write_record(table.exported_columns())
        .map_err(io::Error::from)?;
    if table == Table::Partners {
        for p in &partners {
            out.write_record([
                text(&p.name),
                p.kind
                    .map(crate::domain::book::PartnerType::as_str)
                    .unwrap_or_default()
                    .into(),
                p.tier.as_str().into(),
                text(&p.owner),
                p.lifecycle.as_str().into(),
                p.fit.as_str().into(),
                text(&p.region),
                text(&p.website),
                text(&p.notes),
                id(&ext.partners, p.id),
                if p.archived { "yes" } else { "no" }.into(),
                p.tier_since.to_string(),
                p.provisional_until
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                p.joined.map(|d| d.to_string()).unwrap_or_default(),
            ])
            .map_err(io::Error::from)?;
        }
        out.flush()?;
        return Ok(());
    }
    let ids: Vec<i64> = partners.iter().map(|p| p.id).collect();
    drop(partners);
    for run in ids.chunks(PARTNERS_AT_ONCE) {
        for f in book.load_files(run)? {
            let partner = text(&f.partner.name);
            if table == Table::Deals {
                for d in &f.deals {
                    out.write_record([
                        partner.clone(),
                        text(&d.name),
                        d.value.map(|v| v.to_string()).unwrap_or_default(),
                        d.registered.to_string(),
                        d.stage.as_str().into(),
                        d.closed.map(|c| c.to_string()).unwrap_or_default(),
                        d.attribution.as_str().into(),
                        id(&ext.deals, d.id),
                    ])
                    .map_err(io::Error::from)?;
                }
            } else {
                for a in &f.activities {
                    out.write_record([
                        partner.clone(),
                        a.date.to_string(),
                        a.kind.as_str().into(),
                        text(&a.summary),
                        id(&ext.activities, a.id),
                    ])
                    .map_err(io::Error::from)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
