//! WebSocket sessions of the mock: an operation that answers `101` opens
//! one, and it answers the events the spec's prose documents
//! ([`crate::session::protocol`]): `session.created` first; text appended
//! is acknowledged and, at the commit, spoken as a tone in audio deltas
//! (16-bit PCM at the protocol's rate), one item per text, then the mock
//! closes the session as the API does; audio appended is counted and, at
//! the commit, transcribed as a partial and a completed transcript. A
//! `*session.updated` event is echoed; an event of no known type, or audio
//! that is not base64, is answered with an error event.

use super::audio::Speech;
use crate::session::protocol;
use crate::wav::PcmEncoding;
use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use hyper::upgrade::OnUpgrade;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tokio_tungstenite::tungstenite::Message;

/// Audio deltas per spoken item.
const DELTAS_PER_ITEM: usize = 4;

/// The `101` answer to a handshake with this `Sec-WebSocket-Key`, and the
/// session served on the upgraded connection: `query` is the handshake's
/// query, `disconnect_after` a fault (the connection dropped, without a
/// close frame, after that many events).
pub(super) fn open(
    key: &str,
    upgrade: OnUpgrade,
    query: Vec<(String, String)>,
    disconnect_after: Option<usize>,
) -> hyper::Response<super::Body> {
    tokio::spawn(async move {
        let Ok(upgraded) = upgrade.await else { return };
        let io = hyper_util::rt::TokioIo::new(upgraded);
        let socket = tokio_tungstenite::WebSocketStream::from_raw_socket(io, Role::Server, None).await;
        serve(socket, query, disconnect_after).await;
    });
    let mut response = super::respond(101, None, super::full(bytes::Bytes::new()));
    let headers = response.headers_mut();
    headers.insert(hyper::header::UPGRADE, hyper::header::HeaderValue::from_static("websocket"));
    headers.insert(hyper::header::CONNECTION, hyper::header::HeaderValue::from_static("Upgrade"));
    let accept = derive_accept_key(key.as_bytes());
    headers.insert(hyper::header::SEC_WEBSOCKET_ACCEPT, accept.parse().expect("base64 is a header value"));
    response
}

async fn serve<S>(socket: tokio_tungstenite::WebSocketStream<S>, query: Vec<(String, String)>, cut: Option<usize>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut session = Served { socket, sent: 0, cut };
    let model = query.iter().find(|(k, _)| k == "model").map(|(_, v)| v.clone());
    let created = json!({
        "type": protocol::SESSION_CREATED,
        "event_id": "evt-mock-1",
        "session": { "id": "session-mock-1", "object": "realtime.session", "model": model },
    });
    if session.send(created).await.is_err() {
        return;
    }
    let (mut texts, mut items, mut heard) = (Vec::<String>::new(), 0usize, 0usize);
    while let Some(Ok(message)) = session.socket.next().await {
        let event: Value = match message {
            Message::Text(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
            Message::Close(_) => break,
            _ => continue,
        };
        let kind = event["type"].as_str().unwrap_or_default().to_string();
        let answered = match kind.as_str() {
            protocol::TEXT_APPEND => {
                let text = event["text"].as_str().unwrap_or_default().to_string();
                texts.push(text.clone());
                session.send(json!({ "type": protocol::TEXT_RECEIVED, "text": text })).await
            }
            protocol::TEXT_COMMIT => {
                let mut spoken = Ok(());
                for _ in texts.drain(..) {
                    items += 1;
                    spoken = session.speak(&format!("tts_{items}")).await;
                    if spoken.is_err() {
                        break;
                    }
                }
                if spoken.is_ok() {
                    let close = CloseFrame { code: 1000.into(), reason: "committed text spoken".into() };
                    let _ = session.socket.close(Some(close)).await;
                    return;
                }
                spoken
            }
            protocol::AUDIO_APPEND => {
                match base64::engine::general_purpose::STANDARD.decode(event["audio"].as_str().unwrap_or_default()) {
                    Ok(audio) => {
                        heard += audio.len();
                        Ok(())
                    }
                    Err(e) => {
                        let failed = "conversation.item.input_audio_transcription.failed";
                        session.fail(failed, &format!("`audio` is not base64: {e}"), "invalid_audio").await
                    }
                }
            }
            protocol::AUDIO_COMMIT => {
                let transcript = format!("the mock heard {heard} bytes of audio");
                heard = 0;
                let partial = transcript.split(' ').take(3).collect::<Vec<_>>().join(" ");
                match session.send(json!({ "type": protocol::TRANSCRIPT_DELTA, "delta": partial })).await {
                    Ok(()) => {
                        let completed = json!({ "type": protocol::TRANSCRIPT_COMPLETED, "transcript": transcript });
                        session.send(completed).await
                    }
                    Err(e) => Err(e),
                }
            }
            "input_text_buffer.clear" => {
                texts.clear();
                Ok(())
            }
            kind if kind.ends_with("session.updated") => {
                session.send(json!({ "type": kind, "session": event["session"] })).await
            }
            other => session.fail("error", &format!("unknown event type `{other}`"), "unknown_event").await,
        };
        if answered.is_err() {
            return;
        }
    }
}

/// The mock's side of one session.
struct Served<S> {
    socket: tokio_tungstenite::WebSocketStream<S>,
    sent: usize,
    cut: Option<usize>,
}

/// The connection is gone (or cut on purpose): the session ends.
struct Gone;

impl<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin> Served<S> {
    async fn send(&mut self, event: Value) -> Result<(), Gone> {
        if self.cut.is_some_and(|cut| self.sent >= cut) {
            return Err(Gone);
        }
        self.sent += 1;
        self.socket.send(Message::text(event.to_string())).await.map_err(|_| Gone)
    }

    /// One item spoken: the tone in deltas, then its `done`.
    async fn speak(&mut self, item: &str) -> Result<(), Gone> {
        let pcm = Speech { encoding: PcmEncoding::S16Le, sample_rate: protocol::SPEECH_SAMPLE_RATE }.pcm();
        // Whole samples in each delta.
        let size = pcm.len().div_ceil(DELTAS_PER_ITEM).next_multiple_of(2);
        for chunk in pcm.chunks(size) {
            let delta = base64::engine::general_purpose::STANDARD.encode(chunk);
            self.send(json!({ "type": protocol::AUDIO_DELTA, "item_id": item, "delta": delta })).await?;
        }
        self.send(json!({ "type": protocol::AUDIO_DONE, "item_id": item })).await
    }

    /// An error event, as the API sends them.
    async fn fail(&mut self, kind: &str, message: &str, code: &str) -> Result<(), Gone> {
        let error = json!({ "message": message, "type": "invalid_request_error", "param": null, "code": code });
        self.send(json!({ "type": kind, "error": error })).await
    }
}
