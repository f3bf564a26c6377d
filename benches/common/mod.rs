//! The loopback HTTP/1.1 server both benches talk to.
//!
//! The server runs on its own thread with its own single-threaded runtime, so
//! on a two-core machine it takes one core and the client under test the
//! other. It reads each request's head up to the blank line and its body by
//! `Content-Length`, asks the handler for a response, and writes it with a
//! `Content-Length` through a 64 KiB buffer: large bodies go out in 64 KiB
//! writes, small ones in one write with the head. Connections are kept alive
//! for as many requests as the client sends.

use bytes::Bytes;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufWriter};
use tokio::net::{TcpListener, TcpStream};

/// The size of the server's writes.
pub const WRITE_SIZE: usize = 64 * 1024;

/// A request as the handler sees it.
pub struct Request {
    pub path: String,
    pub body: Vec<u8>,
}

/// A response body: pieces written in order, each a number of times, so that
/// a large body can be served without ever being held whole.
#[derive(Clone, Default)]
pub struct Body {
    parts: Vec<(Bytes, u64)>,
}

impl Body {
    /// `bytes`, `times` times over, after what the body already has.
    pub fn then(mut self, bytes: impl Into<Bytes>, times: u64) -> Self {
        self.parts.push((bytes.into(), times));
        self
    }

    /// The body's length in bytes.
    pub fn len(&self) -> u64 {
        self.parts.iter().map(|(bytes, times)| bytes.len() as u64 * times).sum()
    }
}

/// What the handler answers: `200 OK` with this type and body.
pub struct Response {
    pub content_type: &'static str,
    pub body: Body,
}

type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// A running server; it lives until the process exits.
pub struct Server {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl Server {
    /// Starts a server on 127.0.0.1 (a free port) on a thread of its own.
    pub fn start(handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Server {
        let handler: Handler = Arc::new(handler);
        let connections = Arc::new(AtomicUsize::new(0));
        let accepted = connections.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("loopback-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(async move {
                    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                    tx.send(listener.local_addr().unwrap()).unwrap();
                    loop {
                        let (socket, _) = listener.accept().await.unwrap();
                        socket.set_nodelay(true).unwrap();
                        accepted.fetch_add(1, Ordering::Relaxed);
                        tokio::spawn(serve(socket, handler.clone()));
                    }
                });
            })
            .unwrap();
        Server { addr: rx.recv().unwrap(), connections }
    }

    /// Connections accepted so far: with keep-alive, one per client.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }

    /// The URL to give the client as its base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Serves one connection until the client closes it.
async fn serve(socket: TcpStream, handler: Handler) {
    let (mut reader, writer) = socket.into_split();
    let mut writer = BufWriter::with_capacity(WRITE_SIZE, writer);
    let mut buf = Vec::with_capacity(8192);
    loop {
        let Some(request) = read_request(&mut reader, &mut buf).await else { return };
        let response = handler(&request);
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {}\r\ncontent-length: {}\r\n\r\n",
            response.content_type,
            response.body.len()
        );
        if write_response(&mut writer, head.as_bytes(), &response.body).await.is_err() {
            return; // the client went away mid-body
        }
    }
}

async fn write_response<W: AsyncWriteExt + Unpin>(writer: &mut W, head: &[u8], body: &Body) -> std::io::Result<()> {
    writer.write_all(head).await?;
    for (bytes, times) in &body.parts {
        for _ in 0..*times {
            for piece in bytes.chunks(WRITE_SIZE) {
                writer.write_all(piece).await?;
            }
        }
    }
    writer.flush().await
}

/// Reads the next request of a connection: the head up to `\r\n\r\n`, then
/// `Content-Length` bytes of body. `buf` keeps what was read past it.
async fn read_request<R: AsyncReadExt + Unpin>(reader: &mut R, buf: &mut Vec<u8>) -> Option<Request> {
    let head_end = loop {
        if let Some(at) = memchr::memmem::find(buf, b"\r\n\r\n") {
            break at + 4;
        }
        if reader.read_buf(buf).await.ok()? == 0 {
            return None;
        }
    };
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let path = head.split(' ').nth(1)?.to_owned();
    let length: usize = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map_or(Some(0), |(_, value)| value.trim().parse().ok())?;
    while buf.len() < head_end + length {
        if reader.read_buf(buf).await.ok()? == 0 {
            return None;
        }
    }
    let body = buf[head_end..head_end + length].to_vec();
    buf.drain(..head_end + length);
    Some(Request { path, body })
}

/// Megabytes (10^6 bytes) per second.
pub fn mb_per_s(bytes: u64, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}
