//! What the server answers one request with, written out step by step.

use bytes::Bytes;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// A signal between a test and the server, in either direction: the test
/// releases a held-back body with it, or learns that the client hung up.
/// Firing before anyone waits is remembered, so the order does not matter.
#[derive(Clone, Default)]
pub struct Signal(Arc<Notify>);

impl Signal {
    pub fn new() -> Signal {
        Signal::default()
    }

    /// Wakes the one waiting (or the next one to wait).
    pub fn fire(&self) {
        self.0.notify_one();
    }

    /// Returns once the signal has fired.
    pub async fn fired(&self) {
        self.0.notified().await;
    }
}

/// How the body's length is told.
#[derive(Clone, Copy)]
pub(crate) enum Framing {
    /// `content-length`: the bytes the parts send.
    Length,
    /// `content-length: n`, whatever the parts send: more than they send
    /// makes a body cut short.
    Declared(u64),
    /// `transfer-encoding: chunked`: each piece the parts send is one chunk,
    /// written and flushed on its own, so the client sees the boundaries the
    /// script draws.
    Chunked,
}

/// One step of the body.
#[derive(Clone)]
pub(crate) enum Part {
    /// These bytes, this many times over (a large body without holding it whole).
    Bytes(Bytes, u64),
    /// Everything so far is flushed, then nothing for this long.
    Pause(Duration),
    /// Everything so far is flushed, then nothing until the signal fires.
    Wait(Signal),
    /// These bytes every `every`, for `lasting` (or until the client hangs up).
    Trickle { bytes: Bytes, every: Duration, lasting: Option<Duration> },
}

/// What happens to the connection once the parts are sent.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// The body is ended properly and the connection kept for the next request.
    KeepAlive,
    /// The connection is closed where the parts stop: no last chunk, and a
    /// declared length left unmet.
    Cut,
    /// The connection is reset (RST) where the parts stop.
    Reset,
}

/// One answer. Built as `Reply::new(200).header(..).send(..).pause(..)`;
/// by default the body's length is sent as `content-length` and the
/// connection is kept alive.
#[derive(Clone)]
pub struct Reply {
    /// `None`: no byte at all, the connection is reset at once.
    pub(crate) status: Option<u16>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) delay: Duration,
    pub(crate) framing: Framing,
    pub(crate) parts: Vec<Part>,
    pub(crate) end: End,
    pub(crate) hung_up: Option<Signal>,
}

impl Reply {
    /// A `status` answer with no header and no body yet.
    pub fn new(status: u16) -> Reply {
        Reply {
            status: Some(status),
            headers: Vec::new(),
            delay: Duration::ZERO,
            framing: Framing::Length,
            parts: Vec::new(),
            end: End::KeepAlive,
            hung_up: None,
        }
    }

    /// A JSON answer: `content-type: application/json` and `body`.
    pub fn json(status: u16, body: &serde_json::Value) -> Reply {
        Reply::new(status).header("content-type", "application/json").send(body.to_string())
    }

    /// No answer: the request is read, then the connection is reset before
    /// any byte of a response.
    pub fn reset_at_once() -> Reply {
        Reply { status: None, end: End::Reset, ..Reply::new(0) }
    }

    /// Adds a header (after the server's own framing headers).
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Waits this long before the status line.
    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// Sends the body as `transfer-encoding: chunked`, each piece one chunk.
    pub fn chunked(mut self) -> Reply {
        self.framing = Framing::Chunked;
        self
    }

    /// Declares `content-length: length` whatever the body is.
    pub fn declared_length(mut self, length: u64) -> Reply {
        self.framing = Framing::Declared(length);
        self
    }

    /// Sends these bytes.
    pub fn send(self, bytes: impl Into<Bytes>) -> Reply {
        self.send_repeated(bytes, 1)
    }

    /// Sends these bytes `times` times over.
    pub fn send_repeated(mut self, bytes: impl Into<Bytes>, times: u64) -> Reply {
        self.parts.push(Part::Bytes(bytes.into(), times));
        self
    }

    /// Flushes what was sent, then sends nothing for this long.
    pub fn pause(mut self, length: Duration) -> Reply {
        self.parts.push(Part::Pause(length));
        self
    }

    /// Flushes what was sent, then sends nothing until `go` fires.
    pub fn wait(mut self, go: &Signal) -> Reply {
        self.parts.push(Part::Wait(go.clone()));
        self
    }

    /// Sends `bytes` every `every` for `lasting`, or until the client hangs
    /// up when `None` (a chunked body's keep-alive comments, say).
    pub fn trickle(mut self, bytes: impl Into<Bytes>, every: Duration, lasting: Option<Duration>) -> Reply {
        self.parts.push(Part::Trickle { bytes: bytes.into(), every, lasting });
        self
    }

    /// Fires `hung_up` when the client goes away while this reply is written.
    pub fn on_hang_up(mut self, hung_up: &Signal) -> Reply {
        self.hung_up = Some(hung_up.clone());
        self
    }

    /// Closes the connection where the parts stop, the body unfinished.
    pub fn cut(mut self) -> Reply {
        self.end = End::Cut;
        self
    }

    /// Resets the connection where the parts stop.
    pub fn reset(mut self) -> Reply {
        self.end = End::Reset;
        self
    }

    /// The bytes the parts send (trickles aside): the `content-length` sent
    /// unless one is declared.
    pub fn content_length(&self) -> u64 {
        let bytes = |part: &Part| match part {
            Part::Bytes(bytes, times) => bytes.len() as u64 * times,
            _ => 0,
        };
        self.parts.iter().map(bytes).sum()
    }
}
