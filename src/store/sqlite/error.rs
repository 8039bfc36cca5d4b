//! `SQLite`'s errors as the store's engine-neutral [`StoreError`]s.

use super::StoreError;

impl From<rusqlite::Error> for StoreError {
    /// A lock held past the busy timeout is the user's situation, not a bug:
    /// say so plainly. A damaged file is named by the store that met it
    /// (see [`StoreError::in_book`]).
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Damaged {
                    path: String::new(),
                    engine: "SQLite",
                    source: Box::new(e),
                }
            }
            _ => StoreError::Engine(Box::new(e)),
        }
    }
}
