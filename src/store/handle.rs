//! [`Store`]: an open book, whatever its engine — what callers hold. It is
//! a [`BookStore`] (every method of the trait is callable on it) chosen
//! from the book's address, plus the generic conveniences a trait object
//! cannot carry.

use std::ops::{Deref, DerefMut};
use std::path::Path;

use super::address::BookAddress;
use super::book_store::BookStore;
use super::sqlite::SqliteStore;
use super::{StoreError, postgres};

/// An open book.
#[derive(Debug)]
pub struct Store {
    inner: Box<dyn BookStore>,
}

impl Store {
    /// Open (or create) the book file at `path`, upgrading its schema if
    /// needed.
    ///
    /// # Errors
    /// A [`StoreError`] when the file is not a book, is newer than this
    /// build, is read-only or locked, or cannot be upgraded.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store::from_engine(SqliteStore::open(path)?))
    }

    /// Open (or create) the book at `address`, on the engine it names.
    ///
    /// # Errors
    /// As [`Store::open`], or the server cannot be reached.
    pub fn open_at(address: &BookAddress) -> Result<Store, StoreError> {
        match address {
            BookAddress::File(path) => Store::open(path),
            BookAddress::Memory => Store::open_in_memory(),
            BookAddress::Postgres(url) => Ok(Store::from_engine(postgres::PgStore::open(url)?)),
        }
    }

    /// Open an existing book file only to read it: nothing is migrated or
    /// written (the summaries are computed but not cached).
    ///
    /// # Errors
    /// When the file is missing, is not a book, or its schema is older or
    /// newer than this build's.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        Ok(Store::from_engine(SqliteStore::open_read_only(path)?))
    }

    /// Could the file at `path` be a book (see [`SqliteStore::check_file`])?
    ///
    /// # Errors
    /// [`StoreError::NotAFile`], [`StoreError::NotABookFile`], or the file
    /// cannot be read.
    pub fn check_file(path: &Path) -> Result<(), StoreError> {
        SqliteStore::check_file(path)
    }

    /// A book in memory (tests, benchmarks, planning an import).
    ///
    /// # Errors
    /// Only if the engine itself fails.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Ok(Store::from_engine(SqliteStore::open_in_memory()?))
    }

    /// An engine's open book as a `Store`.
    #[must_use]
    pub fn from_engine(engine: impl BookStore + 'static) -> Store {
        Store {
            inner: Box::new(engine),
        }
    }

    /// The book file, for a book kept in one (`SQLite`); None on a server.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.inner.address().file()
    }

    /// Another connection to the same book for reading on another thread,
    /// where the engine has one ([`BookStore::second_reader`]).
    ///
    /// # Errors
    /// When the book cannot be opened again.
    pub fn second_reader(&self) -> Result<Option<Store>, StoreError> {
        Ok(self.inner.second_reader()?.map(|inner| Store { inner }))
    }

    /// Run `read` inside one read transaction: everything it reads is one
    /// snapshot of the book even while another program writes.
    ///
    /// # Errors
    /// What `read` returns, or the engine's failure to begin.
    pub fn snapshot<T>(
        &self,
        read: impl FnOnce(&dyn BookStore) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut read = Some(read);
        let mut out = None;
        self.inner.read_snapshot(&mut |book| {
            if let Some(read) = read.take() {
                out = Some(read(book)?);
            }
            Ok(())
        })?;
        out.ok_or(StoreError::Busy)
    }
}

impl Deref for Store {
    type Target = dyn BookStore;

    fn deref(&self) -> &Self::Target {
        self.inner.as_ref()
    }
}

impl DerefMut for Store {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.inner.as_mut()
    }
}
