//! The book on disk: persistence only.
//!
//! What a book engine must do (open, read, write in transactions, keep the
//! summary cache) lives in its own folder; `SQLite` is the one engine today
//! (`store/sqlite/`), and a second one would sit beside it. Errors are
//! engine-neutral ([`StoreError`]); deciding *what* to compute and when
//! (chunks, threads, cache policy) is the analysis layer's job
//! (`crate::analyse`), not the store's.

mod error;
pub mod facts_codec;
pub mod sqlite;

pub use error::{Cause, StoreError};
pub use sqlite::{Edited, Store, StoredDraft, backup, schema, summaries, transfer};
