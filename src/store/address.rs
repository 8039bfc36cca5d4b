//! Where a book lives, chosen by the `--db` value as a database URL picks
//! its engine: `postgres://…` (or `postgresql://…`) is a team book on a
//! PostgreSQL server, anything else is a book file (`SQLite`).
//!
//! An address is shown without its password, always: it is what `paths`,
//! the header and every error print.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a book lives.
#[derive(Clone, PartialEq, Eq)]
pub enum BookAddress {
    /// A book file (`SQLite`).
    File(PathBuf),
    /// A book in memory (tests, planning an import): gone when closed.
    Memory,
    /// A team book on a PostgreSQL server, by its connection URL.
    Postgres(String),
}

impl BookAddress {
    /// The address a `--db` value names.
    #[must_use]
    pub fn parse(value: &Path) -> BookAddress {
        match value.to_str() {
            Some(text) if is_postgres_url(text) => BookAddress::Postgres(text.to_string()),
            _ => BookAddress::File(value.to_path_buf()),
        }
    }

    /// The book file, for a file book.
    #[must_use]
    pub fn file(&self) -> Option<&Path> {
        match self {
            BookAddress::File(path) => Some(path),
            _ => None,
        }
    }

    /// The engine's name, as the header and `paths` show it.
    #[must_use]
    pub fn engine(&self) -> &'static str {
        match self {
            BookAddress::File(_) | BookAddress::Memory => "SQLite",
            BookAddress::Postgres(_) => "PostgreSQL",
        }
    }

    /// A short name for the header: the file's stem, or the database's name.
    #[must_use]
    pub fn short_name(&self) -> String {
        match self {
            BookAddress::File(path) => path.file_stem().map_or_else(
                || path.display().to_string(),
                |s| s.to_string_lossy().into_owned(),
            ),
            BookAddress::Memory => "memory".into(),
            BookAddress::Postgres(url) => {
                let shown = without_password(url);
                let path = shown.split(['?', '#']).next().unwrap_or_default();
                path.rsplit('/').next().unwrap_or_default().to_string()
            }
        }
    }
}

/// Is `text` a PostgreSQL connection URL?
#[must_use]
pub fn is_postgres_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// `url` with any password replaced by `***`: `postgres://ann:s3cret@db/team`
/// shows as `postgres://ann:***@db/team`; a `password=` query parameter too.
#[must_use]
pub fn without_password(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority_end, tail) = match rest.find(['/', '?', '#']) {
        Some(i) => (i, &rest[i..]),
        None => (rest.len(), ""),
    };
    let authority = &rest[..authority_end];
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    let tail = hide_query_password(tail);
    if scheme.is_empty() {
        format!("{authority}{tail}")
    } else {
        format!("{scheme}://{authority}{tail}")
    }
}

fn hide_query_password(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else {
        return tail.to_string();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

impl fmt::Display for BookAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BookAddress::File(path) => write!(f, "{}", path.display()),
            BookAddress::Memory => f.write_str(":memory:"),
            BookAddress::Postgres(url) => f.write_str(&without_password(url)),
        }
    }
}

/// Debug shows no password either: addresses end up in logs.
impl fmt::Debug for BookAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BookAddress({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_picks_postgres_and_anything_else_is_a_file() {
        for url in [
            "postgres://db/team",
            "POSTGRESQL://ann@db:5433/team?sslmode=require",
        ] {
            assert_eq!(BookAddress::parse(Path::new(url)).engine(), "PostgreSQL");
        }
        for file in ["book.db", "./postgres/book.db", "postgres:/x"] {
            assert_eq!(
                BookAddress::parse(Path::new(file)),
                BookAddress::File(file.into())
            );
        }
    }

    #[test]
    fn a_password_is_never_shown() {
        let cases = [
            (
                "postgres://ann:s3cret@db/team",
                "postgres://ann:***@db/team",
            ),
            (
                "postgres://ann:p%40ss@db:5432/team?sslmode=require",
                "postgres://ann:***@db:5432/team?sslmode=require",
            ),
            (
                "postgres://db/team?user=ann&password=s3cret",
                "postgres://db/team?user=ann&password=***",
            ),
            ("postgres://ann@db/team", "postgres://ann@db/team"),
            (
                "postgresql:///team?host=/tmp",
                "postgresql:///team?host=/tmp",
            ),
        ];
        for (url, shown) in cases {
            let address = BookAddress::Postgres(url.into());
            assert_eq!(address.to_string(), shown);
            assert!(!format!("{address:?}").contains("s3cret"));
        }
        assert_eq!(
            BookAddress::Postgres("postgres://ann:x@db/team?a=1".into()).short_name(),
            "team"
        );
    }
}
