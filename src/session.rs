//! WebSocket sessions: the operations a spec describes as a `GET` that
//! answers `101 Switching Protocols` (real-time speech and transcription).
//!
//! The generated builder takes the operation's typed query parameters; its
//! `send()` opens the session with the client's API key, user agent and
//! default headers, and returns a [`Session`]: send events with
//! [`Session::send`] (any `Serialize`, usually `serde_json::json!`), read
//! them as a `Stream` of [`SessionEvent`]s, and [`Session::close`] it. An
//! event whose `type` ends in `.failed`, or that carries an `error`, is an
//! [`Error::StreamEvent`] item with the API's error. [`Session::split`]
//! gives a sender and the events, to send while receiving.
//!
//! Two helpers follow the protocol the spec's prose gives ([`protocol`]):
//! [`Session::speak`] turns text into the same [`ByteStream`] of audio as
//! `into_audio()` on streamed speech, and [`Session::transcribe`] sends
//! audio from any `AsyncRead` in chunks and yields the transcription events.

use crate::binary::ByteStream;
use crate::error::{ApiError, Error};
use crate::Client;
use base64::Engine;
use bytes::Bytes;
use futures_core::Stream;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{Sink, SinkExt, StreamExt};
use progenitor_client::{ClientInfo, OperationInfo};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{self, Message};

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The event names of Together's real-time protocol, as the spec's prose
/// describes them (the spec gives the messages no schema). The helpers and
/// the mock server use these; [`Session::send`] takes any event.
pub mod protocol {
    /// Server: the session is open (the first event).
    pub const SESSION_CREATED: &str = "session.created";
    /// Client: text to speak.
    pub const TEXT_APPEND: &str = "input_text_buffer.append";
    /// Client: the end of the text; the server speaks what is left.
    pub const TEXT_COMMIT: &str = "input_text_buffer.commit";
    /// Server: the text of a `TEXT_APPEND` was received.
    pub const TEXT_RECEIVED: &str = "conversation.item.input_text.received";
    /// Server: base64 audio of one item (`item_id`) in `delta`.
    pub const AUDIO_DELTA: &str = "conversation.item.audio_output.delta";
    /// Server: the audio of one item is complete.
    pub const AUDIO_DONE: &str = "conversation.item.audio_output.done";
    /// Client: base64 audio in `audio`.
    pub const AUDIO_APPEND: &str = "input_audio_buffer.append";
    /// Client: the end of the audio; the server transcribes what is buffered.
    pub const AUDIO_COMMIT: &str = "input_audio_buffer.commit";
    /// Server: part of a transcript, in `delta`.
    pub const TRANSCRIPT_DELTA: &str = "conversation.item.input_audio_transcription.delta";
    /// Server: a whole transcript, in `transcript`.
    pub const TRANSCRIPT_COMPLETED: &str = "conversation.item.input_audio_transcription.completed";
    /// Speech the server sends: 16-bit little-endian mono PCM at this rate.
    pub const SPEECH_SAMPLE_RATE: u32 = 24_000;
    /// Bytes of audio per `AUDIO_APPEND` the transcription helper sends
    /// (the size the spec's examples use).
    pub const AUDIO_CHUNK: usize = 8192;
}

/// One event the server sent: a JSON object with its `type`.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionEvent(Value);

impl SessionEvent {
    /// The event's `type` (`session.created`), empty when it has none.
    pub fn kind(&self) -> &str {
        self.0.get("type").and_then(Value::as_str).unwrap_or_default()
    }

    /// A field of the event (`event.get("delta")`).
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.0.get(field)
    }

    /// A text field of the event (`event.text("transcript")`).
    pub fn text(&self, field: &str) -> Option<&str> {
        self.0.get(field).and_then(Value::as_str)
    }

    /// The whole event.
    pub fn json(&self) -> &Value {
        &self.0
    }

    /// The whole event, owned.
    pub fn into_json(self) -> Value {
        self.0
    }
}

/// Opens the session of a generated WebSocket operation: `request` is the
/// `GET` the builder made (URL with its query), signed as every call.
pub(crate) async fn connect(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &crate::request::RequestOptions,
) -> Result<Session, Error> {
    let operation = info.operation_id;
    let mut url = request.url().clone();
    let scheme = if url.scheme() == "https" { "wss" } else { "ws" };
    url.set_scheme(scheme).map_err(|()| Error::Config(format!("cannot open a WebSocket on `{url}`")))?;
    let mut handshake = url
        .as_str()
        .into_client_request()
        .map_err(|e| Error::InvalidRequest(format!("the `{operation}` session URL: {e}")))?;
    options.check()?;
    let headers = handshake.headers_mut();
    headers.extend(request.headers().clone());
    options.set_headers(headers);
    client.inner().sign(headers);
    let span = tracing::debug_span!("togetherai.session", operation);
    let opening = async {
        tracing::debug!("opening");
        let tls = client.inner().websocket_tls();
        let opening = tokio_tungstenite::connect_async_tls_with_config(handshake, None, false, tls);
        let opened = match client.inner().timeout() {
            Some(limit) => tokio::time::timeout(limit, opening).await.map_err(|_| Error::WebSocket {
                operation,
                message: format!("no handshake within {limit:?}"),
                source: None,
            })?,
            None => opening.await,
        };
        let opened = opened.map_err(|e| handshake_error(operation, e))?;
        tracing::debug!(status = opened.1.status().as_u16(), "open");
        Ok::<_, Error>(opened)
    };
    let (socket, response) = tracing::Instrument::instrument(opening, span).await?;
    let (sink, stream) = socket.split();
    let events = SessionEvents {
        operation,
        stream,
        idle: crate::idle::Idle::new(client.inner().stream_idle_timeout()),
        events: 0,
        finished: false,
    };
    Ok(Session { sender: SessionSender { operation, sink }, events, headers: response.headers().clone() })
}

/// A handshake the server refused is the API's error (a `401` with its
/// JSON body, say); anything else is the connection's.
fn handshake_error(operation: &'static str, e: tungstenite::Error) -> Error {
    match e {
        tungstenite::Error::Http(response) => {
            let (parts, body) = response.into_parts();
            let body = Bytes::from(body.unwrap_or_default());
            Error::Api(Box::new(ApiError::new(operation, parts.status, parts.headers, body)))
        }
        other => socket_error(operation, other),
    }
}

fn socket_error(operation: &'static str, e: tungstenite::Error) -> Error {
    Error::WebSocket { operation, message: e.to_string(), source: Some(Box::new(e)) }
}

/// An open WebSocket session. Events arrive as a `Stream`; the API key is
/// never shown by `Debug`. See the [module](self) docs.
#[must_use = "a session does nothing unless its events are read"]
pub struct Session {
    sender: SessionSender,
    events: SessionEvents,
    headers: HeaderMap,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("operation", &self.events.operation)
            .field("events", &self.events.events)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The operation that opened the session.
    pub fn operation(&self) -> &'static str {
        self.events.operation
    }

    /// The headers of the handshake's answer.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The server's id for the handshake, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        crate::headers::request_id(&self.headers)
    }

    /// Ends the stream of events with [`Error::StreamIdle`] when none
    /// arrives for `idle` (the client's
    /// [`stream_idle_timeout`](crate::ClientBuilder::stream_idle_timeout)
    /// by default).
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.events.idle.set(idle);
        self
    }

    /// Sends one event, as JSON text (`json!({"type": "input_text_buffer.append", "text": "Hi"})`).
    pub async fn send(&mut self, event: impl Serialize) -> Result<(), Error> {
        self.sender.send(event).await
    }

    /// Closes the session: a close frame, then the server's answer to it.
    pub async fn close(self) -> Result<(), Error> {
        let Session { mut sender, mut events, .. } = self;
        sender.close().await?;
        // The server's close frame ends the stream; what came before is dropped.
        while let Some(event) = events.next().await {
            if let Err(e @ Error::WebSocket { .. }) = event {
                return Err(e);
            }
        }
        Ok(())
    }

    /// The sender and the events, apart: send from one task while another
    /// reads.
    pub fn split(self) -> (SessionSender, SessionEvents) {
        (self.sender, self.events)
    }

    /// Speaks `texts`: sends each as [`protocol::TEXT_APPEND`], then
    /// [`protocol::TEXT_COMMIT`], and returns the audio the server sends
    /// (the `delta`s of [`protocol::AUDIO_DELTA`], decoded) as a
    /// [`ByteStream`]: 16-bit mono PCM at [`protocol::SPEECH_SAMPLE_RATE`],
    /// so `save_wav(path, WavFormat::new(PcmEncoding::S16Le, SPEECH_SAMPLE_RATE))`
    /// writes a playable file. The audio ends when the server closes the
    /// session after the commit, as the API does; a close before it, or
    /// with an item's audio unfinished, is [`Error::StreamClosed`], and an
    /// error event an error item. For a session of a speech operation.
    pub fn speak<I>(self, texts: I) -> ByteStream
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let texts: Vec<String> = texts.into_iter().map(Into::into).collect();
        let (mut sender, events) = self.split();
        let sending = async move {
            for text in texts {
                sender.send(serde_json::json!({ "type": protocol::TEXT_APPEND, "text": text })).await?;
            }
            sender.send(serde_json::json!({ "type": protocol::TEXT_COMMIT })).await?;
            Ok(sender)
        };
        ByteStream::new(Speech { exchange: Exchange::new(sending, events), open: Default::default() })
    }

    /// Transcribes `audio` (raw PCM in the session's `input_audio_format`):
    /// sends it in chunks of [`protocol::AUDIO_CHUNK`] bytes as
    /// [`protocol::AUDIO_APPEND`], then [`protocol::AUDIO_COMMIT`], while
    /// yielding every event the server sends (partial transcripts,
    /// completed ones). The stream ends after the first
    /// [`protocol::TRANSCRIPT_COMPLETED`] that arrives once all the audio
    /// and the commit are sent, or when the server closes the session.
    /// With voice activity detection on, a long recording gives a
    /// completed event per segment: read the session's own events for all
    /// of them. For a session of a transcription operation.
    pub fn transcribe<R>(self, audio: R) -> impl Stream<Item = Result<SessionEvent, Error>> + Send + Unpin
    where
        R: AsyncRead + Send + Unpin + 'static,
    {
        let (mut sender, events) = self.split();
        let sending = async move {
            let mut audio = audio;
            let mut chunk = vec![0; protocol::AUDIO_CHUNK];
            loop {
                let n = read_full(&mut audio, &mut chunk).await?;
                if n == 0 {
                    break;
                }
                let data = base64::engine::general_purpose::STANDARD.encode(&chunk[..n]);
                sender.send(serde_json::json!({ "type": protocol::AUDIO_APPEND, "audio": data })).await?;
            }
            sender.send(serde_json::json!({ "type": protocol::AUDIO_COMMIT })).await?;
            Ok(sender)
        };
        Transcription(Exchange::new(sending, events))
    }
}

/// Fills `buf` from `reader` as far as it goes: the byte count, 0 at the end.
async fn read_full<R: AsyncRead + Unpin>(reader: &mut R, buf: &mut [u8]) -> Result<usize, Error> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = reader.read(&mut buf[filled..]).await?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

impl Stream for Session {
    type Item = Result<SessionEvent, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.events).poll_next(cx)
    }
}

/// The sending half of a [`Session`].
pub struct SessionSender {
    operation: &'static str,
    sink: SplitSink<Socket, Message>,
}

impl std::fmt::Debug for SessionSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionSender").field("operation", &self.operation).finish_non_exhaustive()
    }
}

impl SessionSender {
    /// Sends one event, as JSON text.
    pub async fn send(&mut self, event: impl Serialize) -> Result<(), Error> {
        let text = serde_json::to_string(&event)
            .map_err(|e| Error::InvalidRequest(format!("the `{}` event does not encode: {e}", self.operation)))?;
        self.sink.send(Message::text(text)).await.map_err(|e| socket_error(self.operation, e))
    }

    /// Sends the close frame (the events end when the server answers it).
    pub async fn close(&mut self) -> Result<(), Error> {
        match self.sink.close().await {
            Ok(()) | Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => Ok(()),
            Err(e) => Err(socket_error(self.operation, e)),
        }
    }
}

/// The events of a [`Session`], as a `Stream`: each text message parsed as
/// JSON; error events as [`Error::StreamEvent`]; the server's normal close
/// ends it, any other close is an error item.
#[must_use = "a stream does nothing unless polled"]
pub struct SessionEvents {
    operation: &'static str,
    stream: SplitStream<Socket>,
    idle: crate::idle::Idle,
    events: u64,
    finished: bool,
}

impl std::fmt::Debug for SessionEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionEvents")
            .field("operation", &self.operation)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

impl SessionEvents {
    /// Events received so far.
    pub fn events_received(&self) -> u64 {
        self.events
    }

    /// One message as an item: `None` for what is no event (ping, pong).
    fn item(&mut self, message: Message) -> Option<Result<SessionEvent, Error>> {
        let data: Bytes = match message {
            Message::Text(text) => Bytes::from(text),
            Message::Binary(data) => data,
            Message::Close(frame) => {
                self.finished = true;
                let frame = frame.filter(|f| f.code != CloseCode::Normal && f.code != CloseCode::Away)?;
                return Some(Err(Error::WebSocket {
                    operation: self.operation,
                    message: format!("closed by the server: {} {}", u16::from(frame.code), frame.reason),
                    source: None,
                }));
            }
            _ => return None,
        };
        self.events += 1;
        let value: Value = match serde_json::from_slice(&data) {
            Ok(value @ Value::Object(_)) => value,
            Ok(_) | Err(_) => {
                return Some(Err(Error::Decode {
                    operation: self.operation,
                    path: String::new(),
                    message: "a session event is not a JSON object".into(),
                    excerpt: crate::error::readable_excerpt(&data),
                    body: data,
                }))
            }
        };
        let event = SessionEvent(value);
        let failed = event.kind().ends_with(".failed") || event.get("error").is_some_and(|e| !e.is_null());
        if failed {
            let error = ApiError::new(self.operation, StatusCode::SWITCHING_PROTOCOLS, HeaderMap::new(), data);
            return Some(Err(Error::StreamEvent(Box::new(error))));
        }
        Some(Ok(event))
    }
}

impl Stream for SessionEvents {
    type Item = Result<SessionEvent, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.finished {
                return Poll::Ready(None);
            }
            match this.stream.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(message))) => {
                    this.idle.reset();
                    if let Some(item) = this.item(message) {
                        return Poll::Ready(Some(item));
                    }
                }
                Poll::Ready(Some(Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed)))
                | Poll::Ready(None) => {
                    this.finished = true;
                    return Poll::Ready(None);
                }
                Poll::Ready(Some(Err(tungstenite::Error::Protocol(
                    tungstenite::error::ProtocolError::ResetWithoutClosingHandshake,
                )))) => {
                    this.finished = true;
                    return Poll::Ready(Some(Err(Error::StreamClosed {
                        operation: this.operation,
                        events: this.events,
                    })));
                }
                Poll::Ready(Some(Err(e))) => {
                    this.finished = true;
                    return Poll::Ready(Some(Err(socket_error(this.operation, e))));
                }
                Poll::Pending => {
                    let expired = std::task::ready!(this.idle.poll_expired(cx, this.operation, this.events));
                    this.finished = true;
                    return Poll::Ready(Some(Err(expired)));
                }
            }
        }
    }
}

type Sending = Pin<Box<dyn Future<Output = Result<SessionSender, Error>> + Send>>;

/// Sending while receiving, in one stream: the helpers' sending future is
/// polled beside the events until it is done; then the sender is kept (a
/// dropped one would cut the connection) and closed at the end.
struct Exchange {
    sending: Option<Sending>,
    sender: Option<SessionSender>,
    events: SessionEvents,
    closing: bool,
}

impl Exchange {
    fn new(
        sending: impl Future<Output = Result<SessionSender, Error>> + Send + 'static,
        events: SessionEvents,
    ) -> Self {
        Exchange { sending: Some(Box::pin(sending)), sender: None, events, closing: false }
    }

    /// Whether everything was sent.
    fn sent(&self) -> bool {
        self.sending.is_none()
    }

    /// The next event, or a failure to send.
    fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<SessionEvent, Error>>> {
        if let Some(sending) = self.sending.as_mut() {
            if let Poll::Ready(sent) = sending.as_mut().poll(cx) {
                self.sending = None;
                match sent {
                    Ok(sender) => self.sender = Some(sender),
                    Err(e) => return Poll::Ready(Some(Err(e))),
                }
            }
        }
        Pin::new(&mut self.events).poll_next(cx)
    }

    /// Sends the close frame, then ends.
    fn poll_close(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<SessionEvent, Error>>> {
        self.closing = true;
        if let Some(sender) = self.sender.as_mut() {
            if Pin::new(&mut sender.sink).poll_close(cx).is_pending() {
                return Poll::Pending;
            }
            self.sender = None;
        }
        Poll::Ready(None)
    }
}

/// [`Session::speak`]'s audio.
struct Speech {
    exchange: Exchange,
    /// Items whose audio has started and not ended.
    open: std::collections::BTreeSet<String>,
}

impl Stream for Speech {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            let event = match std::task::ready!(this.exchange.poll_event(cx)) {
                Some(Ok(event)) => event,
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None if this.exchange.sent() && this.open.is_empty() => return Poll::Ready(None),
                None => {
                    let (operation, events) = (this.exchange.events.operation, this.exchange.events.events);
                    return Poll::Ready(Some(Err(Error::StreamClosed { operation, events })));
                }
            };
            let item = event.text("item_id").unwrap_or_default().to_string();
            match event.kind() {
                protocol::AUDIO_DELTA => {
                    this.open.insert(item);
                    let b64 = event.text("delta").unwrap_or_default();
                    let audio = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| Error::Decode {
                        operation: this.exchange.events.operation,
                        path: "delta".into(),
                        message: format!("invalid base64: {e}"),
                        excerpt: b64.chars().take(80).collect(),
                        body: Bytes::copy_from_slice(b64.as_bytes()),
                    });
                    return Poll::Ready(Some(audio.map(Bytes::from)));
                }
                protocol::AUDIO_DONE => {
                    this.open.remove(&item);
                }
                _ => {}
            }
        }
    }
}

/// [`Session::transcribe`]'s events.
struct Transcription(Exchange);

impl Stream for Transcription {
    type Item = Result<SessionEvent, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let exchange = &mut self.0;
        if exchange.closing {
            return exchange.poll_close(cx);
        }
        let item = std::task::ready!(exchange.poll_event(cx));
        if let Some(Ok(event)) = &item {
            if exchange.sent() && event.kind() == protocol::TRANSCRIPT_COMPLETED {
                exchange.closing = true;
            }
        }
        Poll::Ready(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_their_type_and_fields() {
        let event = SessionEvent(serde_json::json!({ "type": "session.created", "session": { "id": "s-1" } }));
        assert_eq!(event.kind(), "session.created");
        assert_eq!(event.get("session").unwrap()["id"], "s-1");
        assert_eq!(event.text("type"), Some("session.created"));
        assert_eq!(SessionEvent(serde_json::json!({})).kind(), "");
    }
}
