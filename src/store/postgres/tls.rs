//! TLS to a team book's server, read from the address as libpq reads it
//! (`sslmode`, `sslrootcert`), with one safer default: a server on another
//! machine is reached over TLS that checks the server's certificate and name
//! unless the address says otherwise. See docs/architecture.md, "Two
//! engines, one book".

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};

/// `sslmode`, as libpq names its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(value: &str) -> Result<SslMode, String> {
        Ok(match value {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(format!(
                    "sslmode={other} is not one of disable, allow, prefer, require, verify-ca, verify-full"
                ));
            }
        })
    }
}

/// The TLS settings an address carries, taken off it (the driver knows
/// neither `verify-*` nor `sslrootcert`).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Settings {
    pub mode: Option<SslMode>,
    /// A PEM file of CA certificates, or `system` for the system's.
    pub root_cert: Option<String>,
}

/// `url` without its `sslmode` and `sslrootcert` parameters, and those
/// settings.
///
/// # Errors
/// An `sslmode` libpq does not know, said in one line.
pub(super) fn split(url: &str) -> Result<(String, Settings), String> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), Settings::default()));
    };
    let mut settings = Settings::default();
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "sslmode" => settings.mode = Some(SslMode::parse(&value)?),
            "sslrootcert" => settings.root_cert = Some(value),
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((url, settings))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Plan {
    /// No TLS: a server on this machine, or `sslmode=disable`.
    Plain,
    /// TLS, falling back to none where the server has none (`allow`,
    /// `prefer`); the certificate is not checked, as libpq does not.
    Opportunistic,
    /// TLS or no connection, checking as much as `check` says.
    Required(Check),
}

/// What of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    /// Nothing: encrypted, but anyone could be at the other end.
    Nothing,
    /// Signed by a trusted CA (`verify-ca`).
    Chain,
    /// Signed by a trusted CA and issued for the host's name (`verify-full`).
    ChainAndName,
}

/// The plan for a connection: libpq's meaning of each `sslmode`, except
/// that with none given a server elsewhere gets `verify-full` (libpq's
/// `prefer` would let anyone on the path read the book) and one on this
/// machine none. Like libpq, `require` with a CA file at hand checks the
/// chain.
pub(super) fn plan(settings: &Settings, local: bool, ca_file_at_hand: bool) -> Plan {
    match settings.mode {
        None if local => Plan::Plain,
        None | Some(SslMode::VerifyFull) => Plan::Required(Check::ChainAndName),
        Some(SslMode::Disable) => Plan::Plain,
        Some(SslMode::Allow | SslMode::Prefer) => Plan::Opportunistic,
        Some(SslMode::Require) if ca_file_at_hand => Plan::Required(Check::Chain),
        Some(SslMode::Require) => Plan::Required(Check::Nothing),
        Some(SslMode::VerifyCa) => Plan::Required(Check::Chain),
    }
}

/// libpq's default CA file, `~/.postgresql/root.crt`.
pub(super) fn default_root_cert() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    let path = Path::new(&home).join(".postgresql").join("root.crt");
    path.is_file().then_some(path)
}

/// The rustls client for `check`, trusting the CAs of `root_cert` (a PEM
/// file, or `system`), else of `~/.postgresql/root.crt`, else the system's.
///
/// # Errors
/// A CA file that cannot be read or holds no certificate, or no CA at all.
pub(super) fn client_config(check: Check, root_cert: Option<&str>) -> Result<ClientConfig, String> {
    // ring rather than aws-lc-rs keeps the build free of a large C library;
    // rustls marks it deprecated only for lacking post-quantum key exchange.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?;
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::Nothing => Arc::new(Unchecked(provider)),
        Check::Chain | Check::ChainAndName => {
            let roots = Arc::new(roots(root_cert)?);
            let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider)
                .build()
                .map_err(|e| format!("TLS: {e}"))?;
            if check == Check::Chain {
                Arc::new(AnyName(webpki))
            } else {
                webpki
            }
        }
    };
    Ok(builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

fn roots(root_cert: Option<&str>) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    let file = match root_cert {
        Some("system") => None,
        Some(path) => Some(PathBuf::from(path)),
        None => default_root_cert(),
    };
    if let Some(file) = file {
        let certs = CertificateDer::pem_file_iter(&file)
            .and_then(Iterator::collect::<Result<Vec<_>, _>>)
            .map_err(|e| format!("cannot read the CA certificates in {}: {e}", file.display()))?;
        let (added, _) = roots.add_parsable_certificates(certs);
        if added == 0 {
            return Err(format!("{} holds no CA certificate", file.display()));
        }
    } else {
        let found = rustls_native_certs::load_native_certs();
        roots.add_parsable_certificates(found.certs);
        if roots.is_empty() {
            return Err("this machine has no CA certificates to check the server with; give the server's CA with sslrootcert=FILE in the address".into());
        }
    }
    Ok(roots)
}

/// `verify-ca`: the chain is checked, the name is not.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // webpki checks the chain before the name, so a name error means
        // the chain was good.
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `require` without a CA: encrypted, the certificate taken as it comes
/// (the handshake's signatures are still checked).
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// What to do about a failed TLS connection, to add to the driver's error.
pub(super) fn hint(error: &str, check: Check) -> Option<&'static str> {
    if error.contains("does not support TLS") {
        Some(
            "the server has TLS off: turn ssl on there, or add sslmode=disable to the address only on a trusted network",
        )
    } else if check != Check::Nothing && error.contains("certificate") {
        Some(
            "the server's certificate is not trusted here: give its CA with sslrootcert=FILE in the address (sslmode=verify-ca if its name differs), or sslmode=require to encrypt without checking the server",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_settings_are_taken_off_the_address_and_the_rest_kept() {
        let (url, s) = split(
            "postgres://ann@db/team?sslmode=verify-ca&connect_timeout=5&sslrootcert=%2Fhome%2Fann%2Fca.pem",
        )
        .expect("valid");
        assert_eq!(url, "postgres://ann@db/team?connect_timeout=5");
        assert_eq!(s.mode, Some(SslMode::VerifyCa));
        assert_eq!(s.root_cert.as_deref(), Some("/home/ann/ca.pem"));
        let (url, s) = split("postgres://ann@db/team?sslmode=disable").expect("valid");
        assert_eq!(url, "postgres://ann@db/team");
        assert_eq!(s.mode, Some(SslMode::Disable));
        let err = split("postgres://db/team?sslmode=on").expect_err("unknown mode");
        assert!(err.contains("sslmode=on is not one of disable"), "{err}");
    }

    #[test]
    fn each_sslmode_plans_as_libpq_and_a_remote_server_is_checked_by_default() {
        let with = |mode| Settings {
            mode,
            root_cert: None,
        };
        assert_eq!(plan(&with(None), true, false), Plan::Plain);
        assert_eq!(
            plan(&with(None), false, false),
            Plan::Required(Check::ChainAndName)
        );
        assert_eq!(
            plan(&with(Some(SslMode::Disable)), false, false),
            Plan::Plain
        );
        assert_eq!(
            plan(&with(Some(SslMode::Prefer)), false, false),
            Plan::Opportunistic
        );
        assert_eq!(
            plan(&with(Some(SslMode::Require)), false, false),
            Plan::Required(Check::Nothing)
        );
        assert_eq!(
            plan(&with(Some(SslMode::Require)), false, true),
            Plan::Required(Check::Chain)
        );
        assert_eq!(
            plan(&with(Some(SslMode::VerifyCa)), true, false),
            Plan::Required(Check::Chain)
        );
        assert_eq!(
            plan(&with(Some(SslMode::VerifyFull)), true, false),
            Plan::Required(Check::ChainAndName)
        );
    }
}
