//! A request as the server received it, read off the connection.

use std::time::Instant;
use tokio::io::{AsyncRead, AsyncReadExt};

/// One request, as received.
#[derive(Clone, Debug)]
pub struct Request {
    /// Its place among the server's requests, from 0 (over all connections).
    pub index: usize,
    /// `GET`, `POST`, ... as sent.
    pub method: String,
    /// The request target as sent: path and query (`/files?limit=2`).
    pub target: String,
    /// The headers in the order sent, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body, by its `content-length`.
    pub body: Vec<u8>,
    /// When its head and body had arrived.
    pub at: Instant,
}

impl Request {
    /// The target's path, without the query.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(path, _)| path)
    }

    /// The first value of the header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_values(name).next()
    }

    /// Every value of the header `name` (any case), in the order sent.
    pub fn header_values<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON; panics, quoting it, when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{} {}: the body is not JSON ({e}): {}",
                self.method,
                self.target,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// Reads the next request of a connection: the head up to the blank line,
/// then `content-length` bytes of body (chunked request bodies are not
/// read: the SDK sends none). `buf` keeps what was read past it, for the
/// next request. `None` when the client closes first or sends no HTTP.
/// The index is the server's to set, when it records the request.
pub(crate) async fn read<R: AsyncRead + Unpin>(reader: &mut R, buf: &mut Vec<u8>) -> Option<Request> {
    let head_end = loop {
        if let Some(at) = memchr::memmem::find(buf, b"\r\n\r\n") {
            break at + 4;
        }
        if reader.read_buf(buf).await.ok()? == 0 {
            return None;
        }
    };
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let (method, target) = (request_line.next()?.to_owned(), request_line.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = match headers.iter().find(|(name, _)| name == "content-length") {
        Some((_, value)) => value.parse().ok()?,
        None => 0,
    };
    while buf.len() < head_end + length {
        if reader.read_buf(buf).await.ok()? == 0 {
            return None;
        }
    }
    let body = buf[head_end..head_end + length].to_vec();
    buf.drain(..head_end + length);
    Some(Request { index: 0, method, target, headers, body, at: Instant::now() })
}
