//! `partnerdeck export --csv partners|deals|activities FILE`: one table in
//! the columns `import --csv` reads, so the file goes back in unchanged.
//! Text cells a spreadsheet would run as a formula are neutralised.

use std::path::Path;
use std::process::ExitCode;

use super::{Failure, output};
use crate::domain::import::{Table, neutralise};
use crate::store::Store;

/// Write one table as CSV to a file (atomically) or stdout ("-").
///
/// # Errors
/// A table that cannot be exported, or a file that cannot be written.
pub fn export(store: &Store, table: &str, file: &Path) -> Result<ExitCode, Failure> {
    let table: Table = table.parse().map_err(Failure::command)?;
    if !matches!(table, Table::Partners | Table::Deals | Table::Activities) {
        return Err(Failure::command(format!(
            "{} are not exported as CSV; export partners, deals or activities",
            table.as_str()
        )));
    }
    let bytes =
        render(store, table).map_err(|e| Failure::command(format!("cannot write CSV: {e}")))?;
    if file.as_os_str() == "-" {
        return output::print(&String::from_utf8_lossy(&bytes));
    }
    output::write_file(file, store.path(), "export", &bytes)?;
    output::note(&format!(
        "exported {} to {}",
        table.as_str(),
        file.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// The table as CSV bytes: a header of the table's own columns (without
/// `first_name`/`last_name`), then one row per record, partners by name.
fn render(store: &Store, table: Table) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let book = store.load()?;
    let ext = store.external_ids()?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(table.exported_columns())?;
    let id = |map: &std::collections::HashMap<i64, String>, id: i64| {
        map.get(&id)
            .map_or_else(String::new, |e| neutralise(e).into_owned())
    };
    let text = |s: &str| neutralise(s).into_owned();
    let mut files: Vec<_> = book.partners.iter().collect();
    files.sort_by(|a, b| {
        a.partner
            .name
            .cmp(&b.partner.name)
            .then(a.partner.id.cmp(&b.partner.id))
    });
    for f in files {
        let p = &f.partner;
        let partner = text(&p.name);
        match table {
            Table::Partners => out.write_record([
                partner,
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
            ])?,
            Table::Deals => {
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
                    ])?;
                }
            }
            Table::Activities => {
                for a in &f.activities {
                    out.write_record([
                        partner.clone(),
                        a.date.to_string(),
                        a.kind.as_str().into(),
                        text(&a.summary),
                        id(&ext.activities, a.id),
                    ])?;
                }
            }
            _ => {}
        }
    }
    Ok(out.into_inner()?)
}
