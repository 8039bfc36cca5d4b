//! Each table's own columns, and which column of a file is which: headers
//! match ignoring case, spaces, `_` and `-`, directly or through the
//! config's aliases.

use std::collections::BTreeMap;

use crate::domain::config::ImportRules;

/// A table a CSV file can bring in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Partners,
    Contacts,
    Deals,
    Activities,
    Revenue,
    Referrals,
    Certifications,
    Nps,
    /// The company's whole revenue by month (not a partner's).
    CompanyRevenue,
}

impl Table {
    pub const ALL: [Table; 9] = [
        Table::Partners,
        Table::Contacts,
        Table::Deals,
        Table::Activities,
        Table::Revenue,
        Table::Referrals,
        Table::Certifications,
        Table::Nps,
        Table::CompanyRevenue,
    ];

    /// As typed on the command line and in the config.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Partners => "partners",
            Table::Contacts => "contacts",
            Table::Deals => "deals",
            Table::Activities => "activities",
            Table::Revenue => "revenue",
            Table::Referrals => "referrals",
            Table::Certifications => "certifications",
            Table::Nps => "nps",
            Table::CompanyRevenue => "company_revenue",
        }
    }

    /// The table's own columns, in export order.
    #[must_use]
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Partners => &[
                "name",
                "type",
                "tier",
                "owner",
                "lifecycle",
                "fit",
                "region",
                "website",
                "notes",
                "external_id",
                "archived",
                "tier_since",
                "provisional_until",
                "joined",
                "last_activity",
            ],
            Table::Contacts => &[
                "partner",
                "name",
                "first_name",
                "last_name",
                "role",
                "email",
                "phone",
                "external_id",
            ],
            Table::Deals => &[
                "partner",
                "name",
                "value",
                "registered",
                "stage",
                "closed",
                "attribution",
                "external_id",
            ],
            Table::Activities => &["partner", "date", "kind", "summary", "external_id"],
            Table::Revenue => &["partner", "month", "sourced", "influenced"],
            Table::Referrals => &["partner", "date", "lead", "qualified"],
            Table::Certifications => &["partner", "person", "name", "passed", "expires"],
            Table::Nps => &["partner", "date", "score"],
            Table::CompanyRevenue => &["month", "amount"],
        }
    }

    /// The columns `export --csv` writes: the table's own, less those only
    /// an import reads (a contact's first and last name, a partner's CRM
    /// last activity, which comes in as a touch).
    #[must_use]
    pub fn exported_columns(self) -> Vec<&'static str> {
        self.columns()
            .iter()
            .copied()
            .filter(|c| !matches!(*c, "first_name" | "last_name" | "last_activity"))
            .collect()
    }

    /// Columns holding money: their decimal mark is decided from the file.
    #[must_use]
    pub fn amount_columns(self) -> &'static [&'static str] {
        match self {
            Table::Deals => &["value"],
            Table::Revenue => &["sourced", "influenced"],
            Table::CompanyRevenue => &["amount"],
            _ => &[],
        }
    }

    /// Columns holding dates: the order of day and month is decided from the file.
    #[must_use]
    pub fn date_columns(self) -> &'static [&'static str] {
        match self {
            Table::Partners => &["tier_since", "provisional_until", "joined", "last_activity"],
            Table::Deals => &["registered", "closed"],
            Table::Activities | Table::Referrals | Table::Nps => &["date"],
            Table::Revenue | Table::CompanyRevenue => &["month"],
            Table::Certifications => &["passed", "expires"],
            Table::Contacts => &[],
        }
    }

    /// Columns a file must have (contacts need `name`, or first and last name).
    #[must_use]
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Table::Partners => &["name"],
            Table::Contacts => &["partner"],
            Table::Deals => &["partner", "name", "registered", "stage"],
            Table::Activities => &["partner", "date", "kind"],
            Table::Revenue => &["partner", "month"],
            Table::Referrals => &["partner", "date"],
            Table::Certifications => &["partner", "person", "name", "passed", "expires"],
            Table::Nps => &["partner", "date", "score"],
            Table::CompanyRevenue => &["month", "amount"],
        }
    }

    /// The config's aliases for this table.
    #[must_use]
    pub fn aliases(self, rules: &ImportRules) -> &BTreeMap<String, String> {
        match self {
            Table::Partners => &rules.aliases.partners,
            Table::Contacts => &rules.aliases.contacts,
            Table::Deals => &rules.aliases.deals,
            Table::Activities => &rules.aliases.activities,
            Table::Revenue => &rules.aliases.revenue,
            Table::Referrals => &rules.aliases.referrals,
            Table::Certifications => &rules.aliases.certifications,
            Table::Nps => &rules.aliases.nps,
            Table::CompanyRevenue => &rules.aliases.company_revenue,
        }
    }
}

impl std::str::FromStr for Table {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Table::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("'{s}' is not a table (partners, contacts, deals, activities, revenue, referrals, certifications, nps, company_revenue)")
            })
    }
}

/// The first alias in the config naming a column its table does not have:
/// (`import.aliases.TABLE.ALIAS`, the message).
#[must_use]
pub fn unknown_alias(rules: &ImportRules) -> Option<(String, String)> {
    Table::ALL.into_iter().find_map(|table| {
        table
            .aliases(rules)
            .iter()
            .find(|(_, column)| !table.columns().contains(&column.as_str()))
            .map(|(alias, column)| {
                (
                    format!("import.aliases.{}.{alias}", table.as_str()),
                    format!(
                        "'{column}' is not a column of {} (one of: {})",
                        table.as_str(),
                        table.columns().join(", ")
                    ),
                )
            })
    })
}

/// A header or a CRM's name compared: lowercase, without spaces, `_`, `-`
/// or a byte-order mark.
#[must_use]
pub fn header_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which file columns hold which of the table's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Per own column (in `Table::columns` order), the file's columns
    /// holding it, first one first.
    pub at: Vec<Vec<usize>>,
    /// The file's headers, as written.
    pub headers: Vec<String>,
    /// Headers matching no column, in file order (ignored).
    pub ignored: Vec<String>,
}

impl Columns {
    /// Match a file's headers.
    ///
    /// # Errors
    /// The required columns the file lacks, one message each.
    pub fn match_headers(
        table: Table,
        headers: &[String],
        rules: &ImportRules,
    ) -> Result<Columns, Vec<String>> {
        let own = table.columns();
        let aliases: BTreeMap<String, &str> = table
            .aliases(rules)
            .iter()
            .map(|(alias, column)| (header_key(alias), column.as_str()))
            .collect();
        let mut at = vec![Vec::new(); own.len()];
        let mut ignored = Vec::new();
        for (i, header) in headers.iter().enumerate() {
            let key = header_key(header);
            let column = own.iter().position(|c| header_key(c) == key).or_else(|| {
                let target = aliases.get(&key)?;
                own.iter().position(|c| c == target)
            });
            match column {
                Some(c) => at[c].push(i),
                None if header.trim().is_empty() => {}
                None => ignored.push(header.clone()),
            }
        }
        let columns = Columns {
            at,
            headers: headers.to_vec(),
            ignored,
        };
        let mut missing: Vec<String> = table
            .required()
            .iter()
            .filter(|c| !columns.has(table, c))
            .map(|c| missing_message(table, c, rules))
            .collect();
        if table == Table::Contacts
            && !columns.has(table, "name")
            && !(columns.has(table, "first_name") || columns.has(table, "last_name"))
        {
            missing.push(missing_message(table, "name", rules));
        }
        if missing.is_empty() {
            Ok(columns)
        } else {
            Err(missing)
        }
    }

    /// The header a problem about an own column is reported under: the
    /// file's first column holding it, else the column's own name.
    #[must_use]
    pub fn header_of(&self, table: Table, column: &str) -> String {
        let i = table.columns().iter().position(|c| *c == column);
        i.and_then(|i| self.at[i].first())
            .and_then(|&at| self.headers.get(at))
            .map_or_else(
                || column.to_string(),
                |h| h.trim_start_matches('\u{feff}').to_string(),
            )
    }

    /// Does the file have this own column?
    #[must_use]
    pub fn has(&self, table: Table, column: &str) -> bool {
        table
            .columns()
            .iter()
            .position(|c| *c == column)
            .is_some_and(|i| !self.at[i].is_empty())
    }
}

fn missing_message(table: Table, column: &str, rules: &ImportRules) -> String {
    let names: Vec<String> = table
        .aliases(rules)
        .iter()
        .filter(|(_, c)| c.as_str() == column)
        .map(|(alias, _)| format!("'{alias}'"))
        .collect();
    if names.is_empty() {
        format!("no '{column}' column")
    } else {
        format!("no '{column}' column (nor {})", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::ProgramConfig;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn crm_headers_match_through_aliases_ignoring_case_and_spaces() {
        let rules = ProgramConfig::default().import;
        let found = Columns::match_headers(
            Table::Deals,
            &headers(&[
                "\u{feff}Deal Name",
                "DEAL STAGE",
                "amount",
                "Create Date",
                "Associated Company",
                "Pipeline",
            ]),
            &rules,
        )
        .expect("columns");
        assert_eq!(found.ignored, ["Pipeline"]);
        assert!(found.has(Table::Deals, "stage"));
        assert!(!found.has(Table::Deals, "closed"));
    }

    #[test]
    fn a_missing_required_column_names_its_aliases() {
        let rules = ProgramConfig::default().import;
        let missing = Columns::match_headers(Table::Partners, &headers(&["Website"]), &rules)
            .expect_err("no name");
        assert_eq!(
            missing,
            ["no 'name' column (nor 'Account Name', 'Company', 'Company name')"]
        );
    }
}
