//! The book on disk or on a server: persistence only.
//!
//! What a book engine must do (open, read, write in transactions, keep the
//! summary cache) is the [`BookStore`] trait; callers hold a [`Store`],
//! chosen by the book's [`BookAddress`]. Each engine lives in its own
//! folder (`store/sqlite/`, `store/postgres/`) and holds only what differs;
//! what is the same for both (cache keys and entries, the JSON transfer,
//! the facts codec) lives here. Errors are engine-neutral ([`StoreError`]);
//! deciding *what* to compute and when (chunks, threads, cache policy) is
//! the analysis layer's job (`crate::analyse`), not the store's.

pub mod address;
pub mod book_store;
pub mod cache;
pub(crate) mod error;
pub mod facts_codec;
mod handle;
pub mod import_files;
pub mod kept;
pub mod postgres;
pub mod sqlite;
pub mod transfer;

pub use address::BookAddress;
pub use book_store::{BookStore, Bulk, Capabilities, Edited, PartnerWriter, Planner, StoredDraft};
pub use error::{Cause, StoreError};
pub use handle::Store;
pub use sqlite::{SqliteStore, backup, schema};
