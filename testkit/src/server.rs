//! The server: accepts connections on 127.0.0.1, records each request, and
//! writes the reply its responder gives, step by step.

use crate::reply::{End, Framing, Part};
use crate::{request, Reply, Request};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncWrite, AsyncWriteExt, BufWriter};
use tokio::net::{TcpListener, TcpStream};

/// The size of the server's writes: bodies go out through a buffer this
/// large, so a large body leaves in writes of this size and a small one in
/// one write with the head.
pub const WRITE_SIZE: usize = 64 * 1024;

type Respond = dyn Fn(&Request) -> Reply + Send + Sync;

struct Shared {
    respond: Box<Respond>,
    /// Every request received, when the server keeps them (not a bench's:
    /// hundreds of thousands of copies would be work and memory the
    /// numbers then include).
    requests: Option<Mutex<Vec<Request>>>,
    /// Requests received, for their indexes when they are not kept.
    received: AtomicUsize,
    connections: AtomicUsize,
}

/// A running server. It answers as long as the runtime it was started on
/// lives (the test's), or, [`Server::on_own_thread`], until the process exits.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Starts a server on the current tokio runtime that answers each
    /// request with `respond`'s reply for it.
    pub fn start(respond: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let (listener, server) = Server::bind(respond, true);
        tokio::spawn(accept(listener, server.shared.clone()));
        server
    }

    /// Starts a server that answers request number n with `replies[n]`;
    /// the last reply repeats.
    pub fn script(replies: impl IntoIterator<Item = Reply>) -> Server {
        let replies: Vec<Reply> = replies.into_iter().collect();
        assert!(!replies.is_empty(), "a script needs a reply");
        Server::start(move |request| replies[request.index.min(replies.len() - 1)].clone())
    }

    /// Starts a server on a thread of its own with its own single-threaded
    /// runtime, for benches: on a two-core machine it takes one core and
    /// the client under test the other. It keeps no requests
    /// ([`Server::requests`] is empty).
    pub fn on_own_thread(respond: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let (listener, server) = Server::bind(respond, false);
        let shared = server.shared.clone();
        std::thread::Builder::new()
            .name("testkit-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(accept(listener, shared));
            })
            .expect("a server thread");
        server
    }

    fn bind(
        respond: impl Fn(&Request) -> Reply + Send + Sync + 'static,
        keep: bool,
    ) -> (std::net::TcpListener, Server) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let shared = Shared {
            respond: Box::new(respond),
            requests: keep.then(Mutex::default),
            received: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
        };
        let addr = listener.local_addr().expect("a bound address");
        (listener, Server { addr, shared: Arc::new(shared) })
    }

    /// The URL to give a client as its base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.as_ref().map(|r| r.lock().unwrap().clone()).unwrap_or_default()
    }

    /// Connections accepted so far: with keep-alive, one per client.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::Relaxed)
    }
}

async fn accept(listener: std::net::TcpListener, shared: Arc<Shared>) {
    let listener = TcpListener::from_std(listener).expect("a listener on this runtime");
    loop {
        let (socket, _) = listener.accept().await.expect("a connection");
        socket.set_nodelay(true).expect("TCP_NODELAY");
        shared.connections.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(serve(socket, shared.clone()));
    }
}

/// Answers the requests of one connection until a reply ends it or the
/// client closes it.
async fn serve(mut socket: TcpStream, shared: Arc<Shared>) {
    let mut buf = Vec::with_capacity(8192);
    while let Some(mut request) = request::read(&mut socket, &mut buf).await {
        match &shared.requests {
            // Under the lock, so the list is in the order of the indexes.
            Some(requests) => {
                let mut requests = requests.lock().unwrap();
                request.index = requests.len();
                requests.push(request.clone());
            }
            None => request.index = shared.received.fetch_add(1, Ordering::Relaxed),
        }
        let reply = (shared.respond)(&request);
        match write(&mut socket, &reply).await {
            Ok(End::KeepAlive) => {}
            Ok(End::Reset) => return reset(&socket),
            Ok(End::Cut) => return,
            Err(_) => {
                if let Some(hung_up) = &reply.hung_up {
                    hung_up.fire();
                }
                return;
            }
        }
    }
}

/// Writes `reply` and says how the connection ends; an error means the
/// client went away.
async fn write(socket: &mut TcpStream, reply: &Reply) -> std::io::Result<End> {
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let Some(status) = reply.status else { return Ok(End::Reset) };
    let mut out = BufWriter::with_capacity(WRITE_SIZE, socket);
    out.write_all(head(status, reply).as_bytes()).await?;
    for part in &reply.parts {
        match part {
            Part::Bytes(bytes, times) => {
                for _ in 0..*times {
                    piece(&mut out, reply.framing, bytes).await?;
                }
            }
            Part::Pause(length) => {
                out.flush().await?;
                tokio::time::sleep(*length).await;
            }
            Part::Wait(go) => {
                out.flush().await?;
                go.fired().await;
            }
            Part::Trickle { bytes, every, lasting } => {
                let until = lasting.map(|lasting| Instant::now() + lasting);
                while until.is_none_or(|until| Instant::now() < until) {
                    piece(&mut out, reply.framing, bytes).await?;
                    out.flush().await?;
                    tokio::time::sleep(*every).await;
                }
            }
        }
    }
    if matches!(reply.framing, Framing::Chunked) && reply.end == End::KeepAlive {
        out.write_all(b"0\r\n\r\n").await?;
    }
    out.flush().await?;
    Ok(reply.end)
}

/// The status line and headers; no reason phrase (the client reads none).
fn head(status: u16, reply: &Reply) -> String {
    let mut head = format!("HTTP/1.1 {status} \r\n");
    match reply.framing {
        // No body, and so no length, for these.
        _ if status == 204 || status == 304 => {}
        Framing::Chunked => head.push_str("transfer-encoding: chunked\r\n"),
        Framing::Length => head.push_str(&format!("content-length: {}\r\n", reply.content_length())),
        Framing::Declared(length) => head.push_str(&format!("content-length: {length}\r\n")),
    }
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// Writes one piece of the body: as one flushed chunk when chunked (none
/// when empty: an empty chunk would end the body), else in writes of at
/// most [`WRITE_SIZE`].
async fn piece<W: AsyncWrite + Unpin>(out: &mut BufWriter<W>, framing: Framing, bytes: &[u8]) -> std::io::Result<()> {
    if let Framing::Chunked = framing {
        if bytes.is_empty() {
            return Ok(());
        }
        out.write_all(format!("{:x}\r\n", bytes.len()).as_bytes()).await?;
        out.write_all(bytes).await?;
        out.write_all(b"\r\n").await?;
        return out.flush().await;
    }
    for piece in bytes.chunks(WRITE_SIZE) {
        out.write_all(piece).await?;
    }
    Ok(())
}

/// A zero linger makes the close that follows a reset (RST); it does not
/// block, since nothing is left to send.
fn reset(socket: &TcpStream) {
    let _ = socket2::SockRef::from(socket).set_linger(Some(Duration::ZERO));
}
