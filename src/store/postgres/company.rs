//! The company's revenue by month on a team book (schema v4): read with
//! the book, one month set or cleared in its own write, every month written
//! by a whole-book write or a CSV import.

use postgres::{Client, GenericClient};

use super::engine_error;
use super::files::{begin_write, note_change};
use crate::domain::book::{CompanyMonth, YearMonth};
use crate::store::StoreError;

/// Every month the book holds, oldest first.
pub(super) fn load(client: &mut impl GenericClient) -> Result<Vec<CompanyMonth>, StoreError> {
    let rows = client
        .query(
            "SELECT month, amount FROM company_revenue ORDER BY month",
            &[],
        )
        .map_err(|e| engine_error(&e))?;
    rows.iter()
        .map(|r| {
            let month: YearMonth =
                r.get::<_, &str>(0)
                    .parse()
                    .map_err(|reason| StoreError::BadValue {
                        table: "company_revenue",
                        column: "month",
                        reason,
                    })?;
            Ok(CompanyMonth {
                month,
                amount: r.get(1),
            })
        })
        .collect()
}

/// Write one month, replacing what the book held for it.
pub(super) fn put(client: &mut impl GenericClient, m: &CompanyMonth) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO company_revenue (month, amount) VALUES ($1, $2) \
             ON CONFLICT (month) DO UPDATE SET amount = excluded.amount",
            &[&m.month.to_string(), &m.amount],
        )
        .map_err(|e| engine_error(&e))?;
    Ok(())
}

/// Set `month` to `amount` (None clears it) in one write; what the book
/// held for it before.
pub(super) fn set(
    client: &mut Client,
    month: YearMonth,
    amount: Option<i64>,
    who: &str,
    session: &str,
) -> Result<Option<i64>, StoreError> {
    let (mut tx, _) = begin_write(client)?;
    let key = month.to_string();
    let before: Option<i64> = tx
        .query_opt(
            "SELECT amount FROM company_revenue WHERE month = $1 FOR UPDATE",
            &[&key],
        )
        .map_err(|e| engine_error(&e))?
        .map(|r| r.get(0));
    let what = if let Some(amount) = amount {
        put(&mut tx, &CompanyMonth { month, amount })?;
        format!("company revenue of {key} set to {amount}")
    } else {
        tx.execute("DELETE FROM company_revenue WHERE month = $1", &[&key])
            .map_err(|e| engine_error(&e))?;
        format!("company revenue of {key} cleared")
    };
    tx.execute(
        "DELETE FROM meta WHERE key = $1",
        &[&super::files::DEMO_MARK],
    )
    .map_err(|e| engine_error(&e))?;
    note_change(&mut tx, session, who, None, &what)?;
    tx.commit().map_err(|e| engine_error(&e))?;
    Ok(before)
}
