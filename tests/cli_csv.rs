//! CSV import and export as a user runs them: real CRM exports (companies,
//! contacts and deals from one CRM; accounts and opportunities from
//! another, with their own header names, BOM, CRLF, quoted commas and
//! newlines) into temporary books.

mod common;

use std::path::PathBuf;

use common::csv::{export, fixture, ok, pd, refused};

/// `import --csv TABLE FILE`: what it prints on stdout.
fn import(db: &std::path::Path, table: &str, file: &std::path::Path) -> String {
    common::csv::import(db, table, file).0
}

fn hubspot_book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    import(&db, "partners", &fixture("hubspot-companies.csv"));
    import(&db, "deals", &fixture("hubspot-deals.csv"));
    (dir, db)
}

#[test]
fn a_hubspot_export_comes_in_with_its_amounts_dates_and_stages() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let (out, err) = ok(pd(&db)
        .args(["import", "--csv", "partners"])
        .arg(fixture("hubspot-companies.csv")));
    assert!(
        out.contains("→ partners: added 3, updated 0, unchanged 0\n"),
        "{out}"
    );
    assert!(
        err.contains("ignored columns: 'Number of Employees'"),
        "{err}"
    );
    // HubSpot's "Vendor" is no type of the book's: it comes in without one.
    assert!(
        err.contains("1 partner of type 'Vendor' came in without a type (line 5) — classify them with the Type facet"),
        "{err}"
    );
    let out = import(&db, "deals", &fixture("hubspot-deals.csv"));
    assert!(
        out.contains("→ deals: added 3, updated 0, unchanged 0\n"),
        "{out}"
    );
    // What the book now scores with, and what to bring in next.
    assert!(
        out.contains("health is scored over 3 of 5 dimensions: revenue (from won deals), deal activity, strategic fit\n"),
        "{out}"
    );
    // `muller systeme gmbh` and `CONTOSO LTD` found their partners; money
    // and dates as HubSpot writes them; an open deal keeps no close date.
    assert_eq!(
        export(&db, "deals"),
        "partner,name,value,registered,stage,closed,attribution,external_id\n\
         Contoso Ltd,Contoso pilot,1251,2026-03-01,lost,2026-04-01,sourced,9003\n\
         Müller Systeme GmbH,Müller DACH rollout,62000,2026-02-10,qualified,,sourced,9002\n\
         Northwind Traders,\"Northwind, retail bundle\",99500,2026-01-05,won,2026-03-14,sourced,9001\n"
    );
    let partners = export(&db, "partners");
    assert!(
        partners.contains(
            "Müller Systeme GmbH,referral,registered,Fox Mulder,grow,moderate,Germany,mueller.example,\"Integration partner.\nRuns our DACH webinars.\",5102,no,2026-11-25,,2025-03-11\n"
        ),
        "{partners}"
    );
    let out = import(&db, "contacts", &fixture("hubspot-contacts.csv"));
    assert!(out.contains("added 2, updated 0, unchanged 0\n"), "{out}");
    let json = ok(pd(&db).args(["export", "-"])).0;
    assert!(json.contains("\"name\": \"Jörg Keller\""), "{json}");
}

#[test]
fn salesforce_accounts_update_partners_by_name_and_add_opportunities() {
    let (_dir, db) = hubspot_book();
    let out = import(&db, "partners", &fixture("salesforce-accounts.csv"));
    assert!(out.contains("added 1, updated 1, unchanged 0\n"), "{out}");
    let out = import(&db, "deals", &fixture("salesforce-opportunities.csv"));
    assert!(out.contains("added 2, updated 0, unchanged 0\n"), "{out}");
    let partners = export(&db, "partners");
    assert_eq!(
        partners.matches("Northwind Traders").count(),
        1,
        "{partners}"
    );
    assert!(partners.contains("Fabrikam Inc,technology,"), "{partners}");
    assert!(
        partners
            .contains("Northwind Traders,reseller,registered,Dana Scully,grow,moderate,Canada,"),
        "{partners}"
    );
    let deals = export(&db, "deals");
    assert!(
        deals.contains("Fabrikam Inc,Fabrikam renewal,12000,2026-01-15,won,2026-02-27,sourced,0065g00000XyZ02\n"),
        "{deals}"
    );
    assert!(
        deals
            .contains("Fabrikam Inc,Fabrikam platform deal,45000,2026-03-14,negotiation,,sourced,"),
        "{deals}"
    );
}

#[test]
fn importing_the_same_files_again_changes_nothing() {
    let (_dir, db) = hubspot_book();
    import(&db, "contacts", &fixture("hubspot-contacts.csv"));
    let before = ok(pd(&db).args(["export", "-"])).0;
    let bytes = std::fs::read(&db).expect("book");
    for (table, file, rows) in [
        ("partners", "hubspot-companies.csv", 3),
        ("deals", "hubspot-deals.csv", 3),
        ("contacts", "hubspot-contacts.csv", 2),
    ] {
        let out = import(&db, table, &fixture(file));
        assert!(
            out.ends_with(&format!("added 0, updated 0, unchanged {rows}\n")),
            "{out}"
        );
    }
    assert_eq!(ok(pd(&db).args(["export", "-"])).0, before);
    assert_eq!(
        std::fs::read(&db).expect("book"),
        bytes,
        "not written at all"
    );
}

#[test]
fn a_broken_file_lists_every_bad_row_and_leaves_the_book_byte_identical() {
    let (dir, db) = hubspot_book();
    let bytes = std::fs::read(&db).expect("book");
    let backups = std::fs::read_dir(dir.path().join("backups")).map_or(0, Iterator::count);
    let file = fixture("broken-deals.csv");
    let err = refused(pd(&db).args(["import", "--csv", "deals"]).arg(&file));
    let f = file.display();
    let config = dir.path().join("partnerdeck").join("config.toml");
    let config = config.display();
    assert_eq!(
        err,
        format!(
            "partnerdeck: {f}:3: column 'Close Date': '31/02/2026' is not a date\n\
             {f}:4: column 'Amount': 'a lot' is not an amount (e.g. 62000, 62,000.00 or 62.000,00)\n\
             {f}:5: column 'Deal Name': a deal name is needed\n\
             {f}:5: column 'Deal Stage': 'Signed' is not a deal stage (the book's: registered, qualified, proposal, negotiation, won, lost; map it with --map stage:'Signed'=VALUE, or under [import.stages] in {config})\n\
             {f}:6: column 'Associated Company': no partner named 'Nobody Inc' in the book (import partners first)\n\
             nothing was imported\n"
        )
    );
    assert_eq!(std::fs::read(&db).expect("book"), bytes);
    let after = std::fs::read_dir(dir.path().join("backups")).map_or(0, Iterator::count);
    assert_eq!(after, backups, "no backup for an import that wrote nothing");
}

#[test]
fn dry_run_says_what_would_change_and_writes_nothing() {
    let (_dir, db) = hubspot_book();
    let bytes = std::fs::read(&db).expect("book");
    let (out, _) = ok(pd(&db)
        .args(["import", "--csv", "partners", "--dry-run"])
        .arg(fixture("salesforce-accounts.csv")));
    assert!(
        out.ends_with(
            "→ partners: would add 1, update 1, leave unchanged 0 (dry run: nothing was written)\n"
        ),
        "{out}"
    );
    assert_eq!(std::fs::read(&db).expect("book"), bytes);
    let fresh = db.with_file_name("none.db");
    ok(pd(&fresh)
        .args(["import", "--csv", "partners", "--dry-run"])
        .arg(fixture("hubspot-companies.csv")));
    assert!(!fresh.exists(), "a dry run makes no book");
}

#[test]
fn exported_csv_goes_back_in_unchanged_and_formulas_are_neutralised() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let file = dir.path().join("evil.csv");
    std::fs::write(
        &file,
        "Company name,Description,Company owner\n\
         \"=HYPERLINK(\"\"http://x\"\",\"\"go\"\")\",@SUM(A1),+1 Dana\n\
         Plain Co,-2 notes,Dana\n",
    )
    .expect("write");
    import(&db, "partners", &file);
    let csv = export(&db, "partners");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"go\"\")\",,registered,'+1 Dana,"),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(csv.contains(",'-2 notes,"), "{csv}");
    let out_file = dir.path().join("partners.csv");
    ok(pd(&db).args(["export", "--csv", "partners"]).arg(&out_file));
    let out = import(&db, "partners", &out_file);
    assert!(out.ends_with("added 0, updated 0, unchanged 2\n"), "{out}");
    let json = ok(pd(&db).args(["export", "-"])).0;
    assert!(json.contains("\"notes\": \"@SUM(A1)\""), "{json}");
}

#[test]
fn bad_text_missing_columns_repeats_and_huge_files_say_what_is_wrong() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, b"Company name\nGood\nBad \x00\xff name\n").expect("write");
    let err = refused(pd(&db).args(["import", "--csv", "partners"]).arg(&bad));
    assert!(
        err.contains("bad.csv:1: not a text file in UTF-8, UTF-16 or Windows-1252 (save the export as UTF-8 CSV)"),
        "{err}"
    );
    std::fs::write(&bad, "Website,Region\nx.example,EMEA\n").expect("write");
    let err = refused(pd(&db).args(["import", "--csv", "partners"]).arg(&bad));
    assert!(
        err.contains("bad.csv:1: no 'name' column (nor 'Account Name', 'Company', 'Company name')"),
        "{err}"
    );
    std::fs::write(&bad, "Company name\nAcme\nACME \n").expect("write");
    let err = refused(pd(&db).args(["import", "--csv", "partners"]).arg(&bad));
    assert!(
        err.contains("bad.csv:3: column 'Company name': the same row as line 2"),
        "{err}"
    );
    let big = std::fs::File::create(&bad).expect("create");
    big.set_len(50 * 1024 * 1024).expect("grow");
    let err = refused(pd(&db).args(["import", "--csv", "partners"]).arg(&bad));
    assert!(
        err.contains("bad.csv is 52.4 MB; partnerdeck reads CSV files up to 32 MB"),
        "{err}"
    );
    let err = refused(pd(&db).args(["import", "--csv", "invoices"]).arg(&bad));
    assert!(
        err.contains("'invoices' is not a table (partners, contacts, deals, activities, revenue, referrals, certifications, nps, company_revenue)"),
        "{err}"
    );
    assert!(!db.exists(), "no book made by a refused import");
}

#[test]
fn revenue_referrals_certifications_and_nps_come_in_and_stay_put_on_a_second_run() {
    let (dir, db) = hubspot_book();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let files = [
        (
            "revenue",
            write(
                "rev.csv",
                "Company,Period,Sourced Revenue,Influenced Revenue\r\nNorthwind Traders,2026-03,\"$12,000.00\",500\r\nnorthwind traders,2026-04-15,9000,\r\n",
            ),
            2,
        ),
        (
            "referrals",
            write(
                "ref.csv",
                "Company,Referral Date,Lead Name,Qualified Lead\nNorthwind Traders,3/14/2026,Ana Lima,Yes\nContoso Ltd,2026-04-01,Bob,no\n",
            ),
            2,
        ),
        (
            "certifications",
            write(
                "cert.csv",
                "Company,Learner,Certification,Completion Date,Expiration Date\nNorthwind Traders,Ana Lima,Sales Pro,2026-01-10,2027-01-10\n",
            ),
            1,
        ),
        (
            "nps",
            write(
                "nps.csv",
                "Company,Response Date,NPS Score\nNorthwind Traders,2026-05-01,42\n",
            ),
            1,
        ),
    ];
    for (table, file, rows) in &files {
        let out = import(&db, table, file);
        assert!(
            out.contains(&format!("added {rows}, updated 0, unchanged 0\n")),
            "{out}"
        );
    }
    let json = ok(pd(&db).args(["export", "-"])).0;
    for (table, file, rows) in &files {
        let out = import(&db, table, file);
        assert!(
            out.ends_with(&format!("added 0, updated 0, unchanged {rows}\n")),
            "{out}"
        );
    }
    assert_eq!(ok(pd(&db).args(["export", "-"])).0, json);
    assert!(
        json.contains(
            "\"month\": \"2026-03\",\n          \"sourced\": 12000,\n          \"influenced\": 500"
        ),
        "{json}"
    );
    assert!(
        json.contains("\"lead\": \"Ana Lima\",\n          \"qualified\": true"),
        "{json}"
    );
    let bad = write(
        "nps-bad.csv",
        "Company,Response Date,NPS Score\nContoso Ltd,2026-05-01,140\n",
    );
    let err = refused(pd(&db).args(["import", "--csv", "nps"]).arg(&bad));
    assert!(
        err.contains("nps-bad.csv:2: column 'NPS Score': 140 is outside -100..100"),
        "{err}"
    );
}

#[test]
fn partners_as_csv_neutralise_formula_cells_as_export_does() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let csv = dir.path().join("p.csv");
    std::fs::write(
        &csv,
        "Company name,Company owner\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'@Dana\n'+Plus Ltd,'-Leo\n",
    )
    .expect("csv");
    import(&db, "partners", &csv);
    let table = ok(pd(&db).args(["partners", "--csv"])).0;
    let mut rows = csv::Reader::from_reader(table.as_bytes());
    let mut cells: Vec<(String, String)> = rows
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[1].to_string(), r[4].to_string())
        })
        .collect();
    cells.sort();
    assert_eq!(
        cells,
        [
            ("'+Plus Ltd".to_string(), "'-Leo".to_string()),
            (
                "'=HYPERLINK(\"http://evil\",\"x\")".to_string(),
                "'@Dana".to_string()
            ),
        ],
        "{table}"
    );
}

#[test]
fn an_unbalanced_quote_is_reported_as_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    let csv = dir.path().join("p.csv");
    std::fs::write(
        &csv,
        "Company name,Region\nAcme \"Big\" Inc,EU\n\"Unclosed, Inc,EU\nFoo Ltd,US\n",
    )
    .expect("csv");
    let err = refused(pd(&db).args(["import", "--csv", "partners"]).arg(&csv));
    let name = csv.display();
    assert_eq!(
        err,
        format!(
            "partnerdeck: {name}:3: unbalanced quote: the quoted field that starts here is never closed\nnothing was imported\n"
        )
    );
    assert!(!db.exists(), "no book was made");
}
