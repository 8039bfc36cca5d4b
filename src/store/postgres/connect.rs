//! Reaching the server: the connection settings from the URL, the password
//! from the URL, `PGPASSWORD` or `~/.pgpass` (never printed or logged), and
//! TLS as `sslmode` says (checked TLS by default unless every host is this
//! machine; see `tls.rs`).

use std::path::Path;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};

use super::tls::{self, Check, Plan};

use super::super::StoreError;
use crate::store::address::without_password;

/// Connect to the book at `url`.
///
/// # Errors
/// [`StoreError::Unreachable`] when the URL is malformed, the server cannot
/// be reached, refuses the credentials, or its TLS is not what the address
/// asks for.
pub(super) fn connect(url: &str) -> Result<Client, StoreError> {
    let shown = without_password(url);
    let unreachable = |reason: String| StoreError::Unreachable {
        book: shown.clone(),
        reason,
    };
    let (url, settings) = tls::split(url).map_err(&unreachable)?;
    let mut config: Config = url
        .parse()
        .map_err(|e: postgres::Error| unreachable(format!("not a PostgreSQL URL ({e})")))?;
    if config.get_user().is_none() {
        let user = std::env::var("PGUSER")
            .or_else(|_| std::env::var("USER"))
            .map_err(|_| unreachable("the URL names no user (postgres://USER@HOST/DB)".into()))?;
        config.user(&user);
    }
    if config.get_hosts().is_empty() {
        config.host_path("/var/run/postgresql");
    }
    if config.get_password().is_none() {
        if let Ok(password) = std::env::var("PGPASSWORD") {
            config.password(password);
        } else if let Some(password) = pgpass_password(&config) {
            config.password(password);
        }
    }
    config.application_name("partnerdeck");
    let ca_at_hand = settings.root_cert.is_some() || tls::default_root_cert().is_some();
    let (mode, check) = match tls::plan(&settings, is_local(&config), ca_at_hand) {
        Plan::Plain => {
            config.ssl_mode(SslMode::Disable);
            return config
                .connect(NoTls)
                .map_err(|e| unreachable(super::super::error::first_line(&e)));
        }
        Plan::Opportunistic => (SslMode::Prefer, Check::Nothing),
        Plan::Required(check) => (SslMode::Require, check),
    };
    config.ssl_mode(mode);
    let client = tls::client_config(check, settings.root_cert.as_deref()).map_err(&unreachable)?;
    config
        .connect(tokio_postgres_rustls::MakeRustlsConnect::new(client))
        .map_err(|e| {
            let error = with_causes(&e);
            match tls::hint(&error, check) {
                Some(hint) => unreachable(format!("{error} — {hint}")),
                None => unreachable(error),
            }
        })
}

/// The error and what caused it, on one line ("error performing TLS
/// handshake: invalid peer certificate: UnknownIssuer"): the driver's own
/// words for a failed handshake leave out why.
fn with_causes(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = super::super::error::first_line(e);
    let mut cause = e.source();
    while let Some(c) = cause {
        let line = super::super::error::first_line(c);
        if !text.contains(&line) {
            text = format!("{text}: {line}");
        }
        cause = c.source();
    }
    text
}

/// Is every host of `config` this machine (a Unix socket or loopback)?
fn is_local(config: &Config) -> bool {
    config.get_hosts().iter().all(|h| match h {
        Host::Unix(_) => true,
        Host::Tcp(name) => matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1"),
    })
}

/// The password `~/.pgpass` (or `PGPASSFILE`) holds for this connection:
/// lines `host:port:database:user:password`, `*` matching anything, the
/// first match wins, as libpq reads it.
fn pgpass_password(config: &Config) -> Option<String> {
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        Some(Host::Unix(_)) | None => "localhost".into(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or(user);
    pgpass_lookup(&text, &[&host, &port, db, user])
}

fn pgpass_lookup(text: &str, wanted: &[&str; 4]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass(line);
            if fields.len() != 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want);
            matches.then(|| fields[4].clone())
        })
}

/// A `.pgpass` line's fields: `:` separates, `\:` and `\\` escape.
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(f)) = (chars.next(), fields.last_mut()) {
                    f.push(next);
                }
            }
            ':' => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_finds_the_first_matching_line_with_wildcards_and_escapes() {
        let text = "# team\nother:5432:team:ann:nope\n*:5432:team:ann:pa\\:ss\n*:*:*:*:fallback\n";
        assert_eq!(
            pgpass_lookup(text, &["db.example", "5432", "team", "ann"]).as_deref(),
            Some("pa:ss")
        );
        assert_eq!(
            pgpass_lookup(text, &["db", "5433", "x", "bob"]).as_deref(),
            Some("fallback")
        );
        assert_eq!(pgpass_lookup("a:b:c\n", &["a", "b", "c", "d"]), None);
    }

    #[test]
    fn an_unknown_sslmode_is_refused_without_showing_the_password() {
        let Err(err) = connect("postgres://ann:s3cret@db.example.com/team?sslmode=yes") else {
            panic!("an unknown sslmode must be refused");
        };
        let text = err.to_string();
        assert!(text.contains("sslmode=yes is not one of"), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
    }
}
