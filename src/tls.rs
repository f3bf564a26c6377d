//! TLS, the one place that depends on the TLS feature. With the `rustls`
//! features: one rustls configuration, made when the client is built, for
//! its HTTP calls (reqwest) and its WebSocket sessions (tokio-tungstenite),
//! so both trust the same certificates and use the same crypto provider.
//! With `native-tls` alone: nothing of the crate's own (reqwest's and
//! tokio-tungstenite's defaults).
//!
//! Certificates are checked by the platform's verifier (as reqwest's own
//! rustls configuration does). The crypto provider is the one the process
//! installed (`rustls::crypto::CryptoProvider::install_default`), else
//! *ring*, or aws-lc-rs with the `rustls-aws-lc` feature (post-quantum key
//! exchange first). *ring* is the default because it builds in a few
//! seconds where aws-lc-rs's C library takes about 40 s of CPU, on every
//! clean build of every user.

use crate::Error;

/// The client's TLS configuration.
#[cfg(feature = "__rustls")]
pub(crate) type Tls = std::sync::Arc<rustls::ClientConfig>;
/// The client's TLS configuration: none of the crate's own.
#[cfg(not(feature = "__rustls"))]
#[derive(Clone)]
pub(crate) struct Tls;

/// The client's configuration: ALPN offers HTTP/1.1, and HTTP/2 first
/// when the `http2` feature is on.
#[cfg(feature = "__rustls")]
pub(crate) fn config() -> Result<Tls, Error> {
    use std::sync::Arc;
    let provider = rustls::crypto::CryptoProvider::get_default().cloned().unwrap_or_else(|| Arc::new(provider()));
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|e| Error::Config(format!("cannot set up the platform's certificate verifier: {e}")))?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("the TLS crypto provider supports no safe TLS version: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = [cfg!(feature = "http2").then_some(&b"h2"[..]), Some(b"http/1.1")]
        .into_iter()
        .flatten()
        .map(<[u8]>::to_vec)
        .collect();
    Ok(Arc::new(config))
}

/// The client's configuration: reqwest's and tokio-tungstenite's own.
#[cfg(not(feature = "__rustls"))]
pub(crate) fn config() -> Result<Tls, Error> {
    Ok(Tls)
}

/// A reqwest builder with the configuration and nothing else set.
pub(crate) fn reqwest_builder(tls: &Tls) -> reqwest::ClientBuilder {
    #[cfg(feature = "__rustls")]
    return reqwest::Client::builder().tls_backend_preconfigured(rustls::ClientConfig::clone(tls));
    #[cfg(not(feature = "__rustls"))]
    {
        let Tls = tls;
        reqwest::Client::builder()
    }
}

/// How a WebSocket handshake (an HTTP/1.1 upgrade) opens TLS: the same
/// configuration offering HTTP/1.1 only, or tokio-tungstenite's default.
pub(crate) fn websocket(tls: &Tls) -> Option<tokio_tungstenite::Connector> {
    #[cfg(feature = "__rustls")]
    {
        let mut config = rustls::ClientConfig::clone(tls);
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Some(tokio_tungstenite::Connector::Rustls(std::sync::Arc::new(config)))
    }
    #[cfg(not(feature = "__rustls"))]
    {
        let Tls = tls;
        None
    }
}

/// The crate's crypto provider: aws-lc-rs when the `rustls-aws-lc`
/// feature asks for it, else *ring*. rustls 0.23.48 deprecates *ring*'s
/// provider for its lack of post-quantum key exchange: that is the trade
/// the `rustls` feature makes for a build 40 s of CPU shorter, and the one
/// `rustls-aws-lc` (or a provider the process installs) undoes.
#[cfg(feature = "__rustls")]
#[allow(deprecated)]
fn provider() -> rustls::crypto::CryptoProvider {
    #[cfg(feature = "rustls-aws-lc")]
    return rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "rustls-aws-lc"))]
    rustls::crypto::ring::default_provider()
}

#[cfg(all(test, feature = "__rustls"))]
mod tests {
    use super::*;

    #[test]
    fn calls_and_sessions_get_their_protocols_and_a_provider() {
        let http = config().unwrap();
        assert_eq!(http.alpn_protocols.last().map(Vec::as_slice), Some(&b"http/1.1"[..]));
        assert_eq!(http.alpn_protocols.first().map(Vec::as_slice) == Some(b"h2"), cfg!(feature = "http2"));
        let Some(tokio_tungstenite::Connector::Rustls(session)) = websocket(&http) else { panic!("not rustls") };
        assert_eq!(session.alpn_protocols, [b"http/1.1".to_vec()]);
        assert!(!http.crypto_provider().cipher_suites.is_empty());
        let first_group = http.crypto_provider().kx_groups[0].name();
        #[cfg(not(feature = "rustls-aws-lc"))]
        assert_eq!(first_group, rustls::NamedGroup::X25519);
        #[cfg(feature = "rustls-aws-lc")]
        assert_eq!(first_group, rustls::NamedGroup::X25519MLKEM768);
    }
}
