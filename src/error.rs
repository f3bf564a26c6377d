//! The one error type of every operation.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::Deserialize;
use std::fmt;

/// How much of a body an error message quotes.
const EXCERPT_CHARS: usize = 300;

/// Everything that can go wrong calling the API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-2xx status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request never got a complete response: connection, TLS, timeout,
    /// a body cut short.
    #[error("transport error{}: {source}", after(*attempts))]
    Transport {
        /// What reqwest reported for the last attempt.
        #[source]
        source: reqwest::Error,
        /// Attempts made, retries included.
        attempts: u32,
    },
    /// A 2xx response whose body does not match the expected type.
    #[error("cannot decode the `{operation}` response at `{path}`: {message}; body: {excerpt}")]
    Decode {
        /// The operation that was called.
        operation: &'static str,
        /// Where in the JSON decoding failed (`choices[0].message`).
        path: String,
        /// What serde reported.
        message: String,
        /// The start of the body, for the message.
        excerpt: String,
        /// The whole body.
        body: Bytes,
    },
    /// The request could not be built: a required field is missing or a
    /// value is out of range.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client is misconfigured (missing API key, bad base URL...).
    #[error("configuration error: {0}")]
    Config(String),
    /// The server sent an error inside an event stream that had started with
    /// a 2xx status: an `event: error` frame or a `{"error": ...}` payload.
    /// `status` is the stream's HTTP status and `body` the frame's data.
    #[error("the `{}` stream carried an error from the server: {}", .0.operation, .0.message())]
    StreamEvent(Box<ApiError>),
    /// The connection closed before the stream's end marker (`data: [DONE]`):
    /// what was yielded so far is incomplete.
    #[error("the `{operation}` stream closed after {events} events, before its end marker")]
    StreamClosed {
        /// The operation that was called.
        operation: &'static str,
        /// Events received before the close.
        events: u64,
    },
    /// No bytes arrived on a stream for longer than its idle timeout.
    #[error("the `{operation}` stream was idle for {idle:?} after {events} events")]
    StreamIdle {
        /// The operation that was called.
        operation: &'static str,
        /// The idle timeout that elapsed.
        idle: std::time::Duration,
        /// Events received before the timeout.
        events: u64,
    },
    /// A WebSocket session failed: its connection, or a close by the server
    /// with an error code (a refused handshake is [`Error::Api`]).
    #[error("the `{operation}` session failed: {message}")]
    WebSocket {
        /// The operation that opened the session.
        operation: &'static str,
        /// What went wrong.
        message: String,
        /// The WebSocket library's error, when there is one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// Writing a response body to a file or writer failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// The HTTP status, for errors that have one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Transport { source, .. } => source.status(),
            _ => None,
        }
    }

    /// Attempts the call made, retries included, for errors of a completed call.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Api(e) => Some(e.attempts),
            Error::Transport { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// The server's error: a non-2xx answer, or an error sent inside a stream.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) | Error::StreamEvent(e) => Some(e),
            _ => None,
        }
    }
}

/// A non-2xx answer from the server.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The operation that was called.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// The parsed error object, when the body is the API's JSON error.
    pub detail: Option<ErrorDetail>,
    /// The raw body, whatever it is (an HTML page from a proxy, say).
    pub body: Bytes,
    /// The server's id for the request, to quote to support.
    pub request_id: Option<String>,
    /// The response headers.
    pub headers: HeaderMap,
    /// Attempts made, retries included (the last one answered this).
    pub attempts: u32,
    /// The wait the server asked for (`retry-after-ms`, `Retry-After`).
    pub retry_after: Option<std::time::Duration>,
}

/// " after N attempts" when there was more than one.
fn after(attempts: u32) -> String {
    if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    }
}

/// The API's JSON error object (`{"error": {"message": ..., "type": ...}}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// Human-readable message.
    #[serde(default)]
    pub message: String,
    /// Error category (`invalid_request_error`, ...).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The request parameter at fault, when there is one.
    #[serde(default, deserialize_with = "lenient_string")]
    pub param: Option<String>,
    /// Machine-readable code (a string or a number on the wire).
    #[serde(default, deserialize_with = "lenient_string")]
    pub code: Option<String>,
}

fn lenient_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

impl ErrorDetail {
    /// Parses `{"error": {...}}`, `{"error": "message"}` or a bare `{...}` with a `message`.
    pub(crate) fn parse(body: &[u8]) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let inner = value.get("error").unwrap_or(&value);
        match inner {
            serde_json::Value::String(message) => Some(ErrorDetail { message: message.clone(), ..Default::default() }),
            serde_json::Value::Object(o) if o.contains_key("message") => serde_json::from_value(inner.clone()).ok(),
            _ => None,
        }
    }
}

impl ApiError {
    pub(crate) fn new(operation: &'static str, status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        let request_id = crate::headers::request_id(&headers).map(str::to_owned);
        let retry_after = crate::headers::retry_after(&headers);
        ApiError {
            operation,
            status,
            detail: ErrorDetail::parse(&body),
            body,
            request_id,
            headers,
            attempts: 1,
            retry_after,
        }
    }

    pub(crate) fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The server's message, or a readable excerpt of the body when it is not
    /// the API's JSON error (HTML tags stripped, whitespace folded).
    pub fn message(&self) -> String {
        match &self.detail {
            Some(d) => d.message.clone(),
            None => readable_excerpt(&self.body),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` failed with HTTP {}: {}", self.operation, self.status, self.message())?;
        if let Some(kind) = self.detail.as_ref().and_then(|d| d.kind.as_deref()) {
            write!(f, " (type: {kind})")?;
        }
        if let Some(wait) = self.retry_after {
            write!(f, " (the server asked to retry after {wait:?})")?;
        }
        write!(f, "{}", after(self.attempts).replace(" after", "; failed after"))?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id: {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        // reqwest errors carry the URL, never the headers: no API key leaks.
        Error::Transport { source: e, attempts: 1 }
    }
}

/// Errors from inside progenitor's generated builders (a required field not
/// set, a body that fails validation).
impl From<progenitor_client::Error> for Error {
    fn from(e: progenitor_client::Error) -> Self {
        match e {
            progenitor_client::Error::InvalidRequest(msg) => Error::InvalidRequest(msg),
            progenitor_client::Error::CommunicationError(e) => e.into(),
            other => Error::InvalidRequest(other.to_string()),
        }
    }
}

/// A header parameter whose value cannot go on the wire (generated code
/// converts it with `?`).
impl From<reqwest::header::InvalidHeaderValue> for Error {
    fn from(e: reqwest::header::InvalidHeaderValue) -> Self {
        Error::InvalidRequest(format!("invalid header value: {e}"))
    }
}

/// At most [`EXCERPT_CHARS`] of a body as one readable line: markup removed,
/// whitespace folded.
pub(crate) fn readable_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::with_capacity(EXCERPT_CHARS.min(text.len()));
    let mut in_tag = false;
    let mut space = false;
    let mut count = 0;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                space = true;
            }
            _ if in_tag => {}
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                    count += 1;
                }
                space = false;
                if count >= EXCERPT_CHARS {
                    out.push('…');
                    break;
                }
                out.push(c);
                count += 1;
            }
        }
    }
    if out.is_empty() {
        "(empty body)".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_parameter_that_cannot_be_sent_is_an_invalid_request() {
        let bad = reqwest::header::HeaderValue::from_str("line\nbreak").unwrap_err();
        assert!(matches!(Error::from(bad), Error::InvalidRequest(m) if m.starts_with("invalid header value")));
    }

    #[test]
    fn parses_the_api_error_object() {
        let body = br#"{"error":{"message":"bad model","type":"invalid_request_error","param":"model","code":400}}"#;
        let d = ErrorDetail::parse(body).unwrap();
        assert_eq!(d.message, "bad model");
        assert_eq!(d.kind.as_deref(), Some("invalid_request_error"));
        assert_eq!(d.param.as_deref(), Some("model"));
        assert_eq!(d.code.as_deref(), Some("400"));
        assert_eq!(ErrorDetail::parse(br#"{"error":"plain"}"#).unwrap().message, "plain");
        assert!(ErrorDetail::parse(b"<html>").is_none());
    }

    #[test]
    fn html_bodies_read_as_text() {
        let html = b"<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502   Bad Gateway</h1></body></html>";
        assert_eq!(readable_excerpt(html), "502 Bad Gateway 502 Bad Gateway");
        assert_eq!(readable_excerpt(b""), "(empty body)");
        assert_eq!(readable_excerpt("x".repeat(1000).as_bytes()).chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn display_names_operation_status_and_request_id() {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", "req-1".parse().unwrap());
        let e = ApiError::new("models_list", StatusCode::BAD_GATEWAY, headers, Bytes::from_static(b"<h1>down</h1>"));
        assert_eq!(e.to_string(), "`models_list` failed with HTTP 502 Bad Gateway: down [request id: req-1]");
    }
}
