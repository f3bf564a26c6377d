//! A scripted HTTP/1.1 server on 127.0.0.1: the server the SDK's tests and
//! benches talk to, wherever they do not test the crate's own mock.
//!
//! Each request is recorded ([`Request`]: method, target, headers, body,
//! arrival) and answered with a [`Reply`] the test wrote out step by step:
//! status and headers, then body pieces, pauses, waits on a [`Signal`] from
//! the test, trickles of keep-alive bytes, and an ending (kept alive, cut
//! short, or reset). A real server is never this obliging, which is the
//! point: the tests see exactly what the client does with each case.

mod reply;
mod request;
mod server;

pub use reply::{Reply, Signal};
pub use request::Request;
pub use server::{Server, WRITE_SIZE};

/// A base URL on 127.0.0.1 where nothing listens: a port that was free a
/// moment ago, so a connection to it is refused.
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    format!("http://{}", listener.local_addr().expect("a bound address"))
}
