//! TLS end to end with the `rustls` feature (the crate's own configuration:
//! rustls, its crypto provider, the platform's verifier, `src/tls.rs`): a
//! TLS front on 127.0.0.1 with a certificate of a test CA, passing each
//! connection to the mock. A call and a WebSocket session go through it
//! when the platform trusts the CA, and both are refused when it does not.
//!
//! The platform's roots come from `SSL_CERT_FILE` on Linux, which is read
//! when a client is built: the trusting half runs in a child process of
//! this test binary with it set (setting it here would race the other
//! tests). The fixtures (`tests/fixtures/tls/`) were made with openssl: a
//! P-256 CA (`ca.pem`, 100 years), and a server certificate it signed for
//! `IP:127.0.0.1` and `DNS:localhost` (`server.der`, its PKCS#8 key
//! `server.key.der`).

use futures_util::StreamExt;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use togetherai::mock::MockServer;
use togetherai::{Client, Error};

const CHILD: &str = "TOGETHERAI_TLS_TEST_CHILD";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls").join(name)
}

/// A TLS front for `backend` on 127.0.0.1: its `https://` URL, and the
/// protocol ALPN settled on for each connection it accepted.
async fn tls_front(backend: SocketAddr) -> (String, Arc<Mutex<Vec<Option<Vec<u8>>>>>) {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let cert = CertificateDer::from(std::fs::read(fixture("server.der")).unwrap());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(std::fs::read(fixture("server.key.der")).unwrap()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let protocols = Arc::new(Mutex::new(Vec::new()));
    let seen = protocols.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, seen) = (acceptor.clone(), seen.clone());
            tokio::spawn(async move {
                // A handshake the client refuses ends here.
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                seen.lock().unwrap().push(tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec));
                let mut plain = tokio::net::TcpStream::connect(backend).await.unwrap();
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    (url, protocols)
}

/// The mock behind a TLS front, and a client of the front.
async fn behind_tls() -> (MockServer, Client, Arc<Mutex<Vec<Option<Vec<u8>>>>>) {
    let server = MockServer::start().await.unwrap();
    let backend: SocketAddr = server.url().trim_start_matches("http://").parse().unwrap();
    let (url, protocols) = tls_front(backend).await;
    let client = Client::builder().api_key("k").base_url(url).max_retries(0).build().unwrap();
    (server, client, protocols)
}

#[test]
fn a_call_and_a_session_run_over_tls_when_the_platform_trusts_the_server() {
    if std::env::var_os(CHILD).is_none() {
        // This test again, in a process whose platform trusts the test CA.
        let name = "tls::a_call_and_a_session_run_over_tls_when_the_platform_trusts_the_server";
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", name, "--nocapture", "--test-threads", "1"])
            .env(CHILD, "1")
            .env("SSL_CERT_FILE", fixture("ca.pem"))
            .env_remove("SSL_CERT_DIR")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
        assert!(stdout.contains("1 passed"), "the child ran no test: {stdout}");
        return;
    }
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let (_server, client, protocols) = behind_tls().await;
        let models = client.models_list().send().await.unwrap();
        assert_eq!(models.status(), 200);
        let connect = client.realtime_connect().model("openai/whisper-large-v3");
        let mut session = connect.input_audio_format("pcm_s16le_16000").send().await.unwrap();
        let created = session.next().await.unwrap().unwrap();
        assert_eq!(created.kind(), "session.created");
        session.close().await.unwrap();
        // Both negotiated HTTP/1.1 (the call offers h2 too with the `http2` feature; the front has only 1.1).
        assert_eq!(*protocols.lock().unwrap(), [Some(b"http/1.1".to_vec()), Some(b"http/1.1".to_vec())]);
    });
}

#[tokio::test]
async fn a_server_the_platform_does_not_trust_is_refused_for_calls_and_sessions() {
    let (_server, client, protocols) = behind_tls().await;
    let err = client.models_list().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(format!("{err:?}").contains("UnknownIssuer"), "{err:?}");
    let session = client.realtime_connect().model("m").input_audio_format("pcm_s16le_16000").send().await;
    let err = session.expect_err("the handshake is refused");
    assert!(matches!(err, Error::WebSocket { .. }), "{err:?}");
    assert!(format!("{err:?}").contains("UnknownIssuer"), "{err:?}");
    assert!(protocols.lock().unwrap().is_empty(), "a handshake went through");
}
