//! TLS to the team book's server, on a throwaway cluster with TLS on and a
//! certificate for `localhost` signed by a CA made for the test: each
//! `sslmode` connects or refuses as libpq's would, the server says the
//! session is encrypted, and a refusal says what to add to the address.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::pg::{Cluster, cluster, fresh_book};

/// The CA, the server's certificate (for `localhost`) and key, made with
/// the `openssl` command.
fn certificates(cluster: &Cluster) -> PathBuf {
    let dir = cluster.dir.join("tls");
    std::fs::create_dir_all(&dir).expect("tls dir");
    let ext = dir.join("server.ext");
    std::fs::write(&ext, "subjectAltName=DNS:localhost\n").expect("ext");
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .current_dir(&dir)
            .args(args)
            .output()
            .expect("run openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    openssl(
        &[
            &["req", "-x509", "-nodes", "-days", "2"][..],
            &ec,
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-subj",
                "/CN=partnerdeck test CA",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req", "-nodes"][..],
            &ec,
            &[
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
        ]
        .concat(),
    );
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.crt",
    ]);
    if let Some(user) = cluster.run_as {
        let chown = Command::new("chown")
            .args(["-R", user])
            .arg(&dir)
            .status()
            .expect("chown");
        assert!(chown.success());
    }
    let key = dir.join("server.key");
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("key mode");
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// partnerdeck on the team book at `url`, with `home` as HOME (where
/// libpq's `~/.postgresql/root.crt` would be).
fn pd(url: &str, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .args(["--db", url, "--today", "2026-11-23"])
        .args(args)
        .env("HOME", home)
        .env_remove("PARTNERDECK_CONFIG")
        .env_remove("PGPASSWORD")
        .env("XDG_CONFIG_HOME", "/nonexistent/partnerdeck-test")
        .output()
        .expect("run partnerdeck")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn encrypted_sessions(cluster: &Cluster) -> usize {
    std::fs::read_to_string(cluster.dir.join("server.log"))
        .unwrap_or_default()
        .matches("application_name=partnerdeck SSL enabled")
        .count()
}

/// The cluster restarted with TLS on and listening on `localhost` at a
/// free port, a fresh database on it: (cluster, certificates, port, database).
fn tls_server() -> Option<(&'static Cluster, PathBuf, u16, String)> {
    let socket_url = fresh_book()?;
    let cluster = cluster()?;
    let db = socket_url.rsplit('/').next()?.to_owned();
    let tls = certificates(cluster);
    let port = free_port();
    cluster.stop();
    cluster.start_with(&format!(
        "-c listen_addresses=127.0.0.1 -p {port} -c ssl=on -c ssl_cert_file={crt} -c ssl_key_file={key} -c log_connections=on",
        crt = tls.join("server.crt").display(),
        key = tls.join("server.key").display(),
    ));
    Some((cluster, tls, port, db))
}

#[test]
fn each_sslmode_connects_or_refuses_as_libpq_with_checked_tls_by_default() {
    let Some((cluster, tls, port, db)) = tls_server() else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let ca = tls.join("ca.pem");
    let ca_arg = ca.to_string_lossy().replace('/', "%2F");
    let at =
        |host: &str, query: &str| format!("postgresql://partnerdeck@{host}:{port}/{db}?{query}");

    // Checked TLS: the CA given, the name matches; a book is pushed there.
    let file = home.path().join("demo.db");
    let made = pd(
        &file.to_string_lossy(),
        home.path(),
        &["demo", "--partners", "60"],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let before = encrypted_sessions(cluster);
    let out = pd(
        &file.to_string_lossy(),
        home.path(),
        &[
            "push",
            "--to",
            &at(
                "localhost",
                &format!("sslmode=verify-full&sslrootcert={ca_arg}"),
            ),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        encrypted_sessions(cluster) > before,
        "the server logs an encrypted session"
    );

    // The certificate is for localhost, not 127.0.0.1: verify-full refuses
    // and says what would do; verify-ca checks only the chain.
    let out = pd(
        &at(
            "127.0.0.1",
            &format!("sslmode=verify-full&sslrootcert={ca_arg}"),
        ),
        home.path(),
        &["partners"],
    );
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(text.contains("sslmode=verify-ca"), "{text}");
    assert_eq!(text.trim().lines().count(), 1, "one line: {text}");
    let out = pd(
        &at(
            "127.0.0.1",
            &format!("sslmode=verify-ca&sslrootcert={ca_arg}"),
        ),
        home.path(),
        &["partners"],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    // No CA given and none in ~/.postgresql: the system's CAs do not know
    // this server, so it is refused with the fix named.
    let out = pd(
        &at("localhost", "sslmode=verify-full"),
        home.path(),
        &["partners"],
    );
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(text.contains("sslrootcert=FILE"), "{text}");

    // libpq's default CA file is read.
    let pg_dir = home.path().join(".postgresql");
    std::fs::create_dir_all(&pg_dir).expect("~/.postgresql");
    std::fs::copy(&ca, pg_dir.join("root.crt")).expect("root.crt");
    let out = pd(
        &at("localhost", "sslmode=verify-full"),
        home.path(),
        &["partners"],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    // require without a CA at hand: encrypted, the server not checked.
    let bare = tempfile::tempdir().expect("home without a CA");
    let before = encrypted_sessions(cluster);
    let out = pd(
        &at("127.0.0.1", "sslmode=require"),
        bare.path(),
        &["partners"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(encrypted_sessions(cluster) > before);

    // A CA file that is not one is named.
    let out = pd(
        &at(
            "localhost",
            "sslmode=verify-full&sslrootcert=%2Fnonexistent%2Fca.pem",
        ),
        bare.path(),
        &["partners"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("/nonexistent/ca.pem"),
        "{}",
        stderr(&out)
    );

    cluster.stop();
    cluster.start();
}
