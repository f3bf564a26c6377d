//! Typed event streams: the body of a `text/event-stream` response, decoded
//! by [`crate::sse`], each event's `data` as the operation's chunk type.
//!
//! Generated `send_stream()` methods return an [`EventStream`]; which chunk
//! type, and which response [`EventStream::accumulate`] folds it into, comes
//! from the spec. Nothing here names a generated type.

use crate::error::{ApiError, Error};
use crate::meta::ResponseMeta;
use crate::request::RequestOptions;
use crate::retry::{Effect, Failure};
use crate::sse::{Decoder, Event};
use crate::transport::{self, Budget, Opened};
use crate::Client;
use bytes::Bytes;
use futures_core::Stream;
use progenitor_client::{ClientInfo, OperationInfo};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// The `data` of the event that ends a stream.
const DONE: &str = "[DONE]";

type Body = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;
type Opening = Pin<Box<dyn Future<Output = Result<Opened, Error>> + Send>>;

/// What it takes to send a stream's request again, until its first event.
struct Reopen {
    client: Client,
    request: reqwest::Request,
    options: RequestOptions,
    effect: Effect,
    /// The call's deadline: the stream's attempts share it.
    deadline: Option<tokio::time::Instant>,
}

/// Sends a streaming request (generated `send_stream()` calls this): the
/// retry policy covers the request, and the stream until its first event,
/// all within one budget of attempts and time.
pub(crate) async fn open<T>(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<EventStream<T>, Error> {
    let again = request.try_clone();
    let opened = transport::open(client, request, info, options, effect, None).await?;
    let deadline = opened.deadline;
    let mut stream = EventStream::new(opened, info.operation_id, client.inner().stream_idle_timeout());
    stream.again =
        again.map(|request| Reopen { client: client.clone(), request, options: options.clone(), effect, deadline });
    Ok(stream)
}

/// The chunks of a streamed response, each yielded as soon as its event is
/// complete.
///
/// The stream ends (`None`) only after the server's `data: [DONE]`. Anything
/// else that ends it is an error item first: a connection closed early
/// ([`Error::StreamClosed`]), an error the server sent as an event
/// ([`Error::StreamEvent`]), a transport failure, or the idle timeout
/// ([`Error::StreamIdle`]). A chunk that does not decode is an
/// [`Error::Decode`] item and the stream goes on. Dropping the stream closes
/// the connection, which cancels the generation.
#[must_use = "a stream does nothing unless polled"]
pub struct EventStream<T> {
    operation: &'static str,
    meta: ResponseMeta,
    body: Body,
    decoder: Decoder,
    idle: crate::idle::Idle,
    events: u64,
    finished: bool,
    /// The chunks folded so far, when accumulating.
    fold: Option<Fold>,
    /// The event behind the last item yielded.
    last: Option<Event>,
    /// How to send the request again while no event has come.
    again: Option<Reopen>,
    /// The request being sent again.
    opening: Option<Opening>,
    chunk: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("operation", &self.operation)
            .field("status", &self.meta.status())
            .field("events", &self.events)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

impl<T> EventStream<T> {
    /// The events of an opened call's body.
    fn new(opened: Opened, operation: &'static str, idle: Option<Duration>) -> Self {
        EventStream {
            operation,
            meta: opened.meta,
            body: Box::pin(opened.body.bytes_stream()),
            decoder: Decoder::new(),
            idle: crate::idle::Idle::new(idle),
            events: 0,
            finished: false,
            fold: None,
            last: None,
            again: None,
            opening: None,
            chunk: PhantomData,
        }
    }

    /// Fails the stream with [`Error::StreamIdle`] when no bytes arrive for
    /// `idle` (overrides [`crate::ClientBuilder::stream_idle_timeout`]).
    /// Servers send `: keep-alive` comments while a model is busy, and those
    /// count as bytes.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle.set(idle);
        self
    }

    /// The operation that opened the stream (`chat_completions`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status the stream started with.
    pub fn status(&self) -> StatusCode {
        self.meta.status()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.meta.headers()
    }

    /// The server's id for the request, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// One `x-ratelimit-*` header by its suffix: `rate_limit("remaining")`
    /// is `x-ratelimit-remaining`.
    pub fn rate_limit(&self, name: &str) -> Option<&str> {
        self.meta.rate_limit(name)
    }

    /// Every `x-ratelimit-*` header, as (full name, value).
    pub fn rate_limits(&self) -> impl Iterator<Item = (&str, &str)> {
        self.meta.rate_limits()
    }

    /// Attempts it took to open the stream (1, plus the retries before any
    /// event; once an event is yielded, nothing is retried).
    pub fn attempts(&self) -> u32 {
        self.meta.attempts()
    }

    /// Chunk events received so far.
    pub fn events_received(&self) -> u64 {
        self.events
    }

    /// The event behind the item last yielded, as received: its `data` holds
    /// every field the server sent, those no spec lists included
    /// (`serde_json::from_str(&event.data)`).
    pub fn last_event(&self) -> Option<&Event> {
        self.last.as_ref()
    }

    /// Starts sending the request again when the stream failed before its
    /// first event and the policy, the attempts left and the call's deadline
    /// allow it; otherwise `failure`.
    fn reopen(&mut self, failure: Error) -> Result<(), Error> {
        let Some(again) = self.again.as_ref().filter(|_| self.events == 0) else { return Err(failure) };
        let attempts = self.meta.attempts();
        let policy = again.options.policy(again.client.inner().retry_policy());
        let decision = policy.decide(again.effect, attempts, &Failure::Interrupted);
        let Some(wait) = transport::wait(decision, again.deadline, attempts) else { return Err(failure) };
        let Some(request) = again.request.try_clone() else { return Err(failure) };
        tracing::info!(operation = self.operation, attempt = attempts, error = %failure, "stream failed before its first event");
        let (client, effect, operation, options) =
            (again.client.clone(), again.effect, self.operation, again.options.clone());
        let budget = Budget { deadline: again.deadline, attempts };
        self.opening = Some(Box::pin(async move {
            tokio::time::sleep(wait).await;
            let info = OperationInfo { operation_id: operation };
            transport::open(&client, request, &info, &options, effect, Some(budget)).await
        }));
        Ok(())
    }

    /// An error the server sent as an event.
    fn server_error(&self, data: String) -> Error {
        let (status, headers) = (self.meta.status(), self.meta.headers().clone());
        Error::StreamEvent(Box::new(ApiError::new(self.operation, status, headers, data.into())))
    }

    /// What one event means: a chunk, the end, or the server's error.
    fn item(&mut self, event: Event) -> Option<Result<T, Error>>
    where
        T: DeserializeOwned,
    {
        if event.data == DONE {
            self.finished = true;
            return None;
        }
        if event.kind() == "error" || starts_with_error_key(&event.data) {
            self.finished = true;
            let error = self.server_error(event.data.clone());
            self.last = Some(event);
            return Some(Err(error));
        }
        self.events += 1;
        let item = match serde_json::from_str(&event.data) {
            Ok(chunk) => Ok(chunk),
            Err(_) if is_error_object(&event.data) => {
                self.finished = true;
                Err(self.server_error(event.data.clone()))
            }
            Err(_) => crate::response::decode(&Bytes::from(event.data.clone()), self.operation),
        };
        // Folded from the JSON, whether or not it fits the typed chunk:
        // fields no spec lists, and a chunk that failed to decode, reach
        // the response too.
        if let (Some(fold), false) = (&mut self.fold, self.finished) {
            if let Ok(Value::Object(json)) = serde_json::from_str::<Value>(&event.data) {
                fold.chunk(json);
            }
        }
        self.last = Some(event);
        Some(item)
    }
}

/// `{"error": ...}` as the payload's first key: checked before decoding,
/// because a chunk type whose fields are all optional would accept it.
fn starts_with_error_key(data: &str) -> bool {
    let rest = data.trim_start();
    rest.strip_prefix('{').is_some_and(|r| r.trim_start().starts_with("\"error\""))
}

fn is_error_object(data: &str) -> bool {
    serde_json::from_str::<Map<String, Value>>(data).is_ok_and(|o| o.get("error").is_some_and(|e| !e.is_null()))
}

impl<T: DeserializeOwned> Stream for EventStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.finished {
                return Poll::Ready(None);
            }
            if let Some(opening) = this.opening.as_mut() {
                let response = match opening.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(response) => response,
                };
                this.opening = None;
                match response {
                    Ok(opened) => {
                        // Attempts are counted over the whole call.
                        this.meta = opened.meta;
                        this.body = Box::pin(opened.body.bytes_stream());
                        this.decoder = Decoder::new();
                        this.idle.restart();
                    }
                    Err(e) => {
                        this.finished = true;
                        return Poll::Ready(Some(Err(e)));
                    }
                }
            }
            if let Some(event) = this.decoder.next_event() {
                match this.item(event) {
                    Some(item) => return Poll::Ready(Some(item)),
                    None => continue,
                }
            }
            match this.body.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(bytes))) => {
                    this.decoder.push(&bytes);
                    this.idle.reset();
                }
                Poll::Ready(Some(Err(e))) => {
                    let failure = Error::Transport { source: e, attempts: this.meta.attempts() };
                    if let Err(failure) = this.reopen(failure) {
                        this.finished = true;
                        return Poll::Ready(Some(Err(failure)));
                    }
                }
                Poll::Ready(None) => {
                    let failure = Error::StreamClosed { operation: this.operation, events: this.events };
                    if let Err(failure) = this.reopen(failure) {
                        this.finished = true;
                        return Poll::Ready(Some(Err(failure)));
                    }
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

/// A chunk type that folds into its operation's non-streamed response
/// (generated for every streaming operation that also answers with JSON).
pub trait Accumulate: Serialize {
    /// What the same request returns without streaming.
    type Response: DeserializeOwned;
    /// The one `object` value the spec gives that response
    /// (`text.completion`); the folded response takes it. Without one, the
    /// chunks' `object` loses its `.chunk` suffix.
    const OBJECT: Option<&'static str> = None;
    /// The response's choices hold a `message` (chat), which each streamed
    /// choice's `delta` folds into; the choice's `text`, which repeats the
    /// delta's content, is then left out. Otherwise (text completions) the
    /// choice's `text` is the answer and its delta only feeds `logprobs`.
    const MESSAGE: bool = true;
}

impl<T: Accumulate + DeserializeOwned> EventStream<T> {
    /// Reads the whole stream and returns what the call would have returned
    /// without streaming.
    pub async fn collect_response(self) -> Result<T::Response, Error> {
        let mut stream = self.accumulate();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            chunk?;
        }
        stream.response()
    }

    /// Yields the chunks as before and folds them as they pass, so a UI can
    /// print tokens and still get the whole response from
    /// [`Accumulating::response`] at the end.
    pub fn accumulate(mut self) -> Accumulating<T> {
        self.fold.get_or_insert(Fold { acc: Map::new(), object: T::OBJECT, message: T::MESSAGE });
        Accumulating(self)
    }
}

/// An [`EventStream`] that also folds its chunks into the non-streamed
/// response, from their JSON (so fields no spec lists are kept):
///
/// - `choices` are matched by `index` and kept in index order; when the
///   response's choices hold a `message` ([`Accumulate::MESSAGE`], chat), a
///   choice's `delta` folds into it, otherwise (text completions) the
///   choice's `text` is the answer;
/// - text is appended (`content`, `text`, tool-call `arguments`...);
///   identifying strings (`id`, `name`, `role`, `type`, `model`, `object`)
///   are kept when repeated and appended only when they differ;
/// - lists of objects with an `index` (tool calls) merge by index, in index
///   order; other lists are appended;
/// - numbers and `finish_reason` take the last value; `null` is kept where
///   nothing else came, and replaces nothing;
/// - a number `logprobs` is appended to the choice's `logprobs.token_logprobs`,
///   with the delta's content (or the choice's `text`) in `tokens` and its
///   `token_id` in `token_ids`;
/// - `object` is the response's ([`Accumulate::OBJECT`]), or the chunk's
///   without its `.chunk` suffix;
/// - every event is folded, a chunk that failed to decode (an
///   [`Error::Decode`] item) included.
#[must_use = "a stream does nothing unless polled"]
#[derive(Debug)]
pub struct Accumulating<T>(EventStream<T>);

impl<T: Accumulate> Accumulating<T> {
    /// The response the chunks received so far add up to.
    pub fn response(&self) -> Result<T::Response, Error> {
        let body = Bytes::from(serde_json::to_vec(self.json()).expect("JSON values serialise"));
        crate::response::decode(&body, self.0.operation)
    }

    /// The same response as JSON, with every field the chunks carried,
    /// those no spec lists included.
    pub fn json(&self) -> &Map<String, Value> {
        &self.0.fold.as_ref().expect("accumulate() starts the fold").acc
    }

    /// The stream underneath (status, headers, counts).
    pub fn get_ref(&self) -> &EventStream<T> {
        &self.0
    }
}

impl<T: DeserializeOwned> Stream for Accumulating<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.0).poll_next(cx)
    }
}

/// Strings that name something: repeated in several chunks, not appended.
const IDENTIFYING: &[&str] = &["id", "name", "role", "type", "model", "object", "system_fingerprint"];
/// Values each chunk replaces.
const LAST_WINS: &[&str] = &["finish_reason"];

/// A stream being folded into its response.
struct Fold {
    acc: Map<String, Value>,
    object: Option<&'static str>,
    message: bool,
}

impl Fold {
    fn chunk(&mut self, chunk: Map<String, Value>) {
        let acc = &mut self.acc;
        for (key, value) in chunk {
            match (key.as_str(), value) {
                ("object", Value::String(s)) => {
                    let object = self.object.unwrap_or_else(|| s.strip_suffix(".chunk").unwrap_or(&s)).to_owned();
                    acc.insert(key, Value::String(object));
                }
                ("choices", Value::Array(choices)) => {
                    let list = acc.entry(key).or_insert_with(|| Value::Array(Vec::new()));
                    if !list.is_array() {
                        *list = Value::Array(Vec::new());
                    }
                    let Value::Array(list) = list else { unreachable!() };
                    for choice in choices {
                        let Value::Object(choice) = choice else { continue };
                        fold_choice(by_index(list, choice.get("index")), choice, self.message);
                    }
                }
                (_, value) => merge(acc, key, value),
            }
        }
    }
}

/// The element of `list` with this `index`, appended when missing.
/// A numeric index goes in order, as in a non-streamed response, whatever
/// order the chunks came in.
fn by_index<'a>(list: &'a mut Vec<Value>, index: Option<&Value>) -> &'a mut Map<String, Value> {
    let at = list.iter().position(|v| v.get("index") == index && index.is_some());
    let at = at.unwrap_or_else(|| {
        let mut fresh = Map::new();
        if let Some(index) = index {
            fresh.insert("index".into(), index.clone());
        }
        let number = index.and_then(Value::as_f64);
        let after = |v: &Value| number.zip(v.get("index").and_then(Value::as_f64)).is_some_and(|(n, i)| i > n);
        let at = list.iter().position(after).unwrap_or(list.len());
        list.insert(at, Value::Object(fresh));
        at
    });
    match &mut list[at] {
        Value::Object(o) => o,
        _ => unreachable!("only objects are pushed"),
    }
}

/// Folds one streamed choice into the response's choice; `message`: the
/// response's choices hold a message ([`Accumulate::MESSAGE`]).
fn fold_choice(acc: &mut Map<String, Value>, mut choice: Map<String, Value>, message: bool) {
    let delta = match choice.remove("delta") {
        Some(Value::Object(delta)) => Some(delta),
        _ => None,
    };
    if let Some(logprob @ Value::Number(_)) = choice.remove("logprobs") {
        let logprobs = acc.entry("logprobs").or_insert(Value::Null);
        if !logprobs.is_object() {
            *logprobs = Value::Object(Map::new());
        }
        if let Value::Object(logprobs) = logprobs {
            let content = delta.as_ref().and_then(|d| d.get("content")).filter(|c| c.is_string());
            let token = content.or_else(|| choice.get("text")).cloned();
            append(logprobs, "token_logprobs", logprob);
            append(logprobs, "tokens", token.unwrap_or_else(|| Value::String(String::new())));
            if let Some(id) = delta.as_ref().and_then(|d| d.get("token_id")).filter(|id| !id.is_null()) {
                append(logprobs, "token_ids", id.clone());
            }
        }
    }
    if let (Some(mut delta), true) = (delta, message) {
        // The choice's `text` repeats the delta's content.
        choice.remove("text");
        delta.remove("token_id");
        let message = acc.entry("message").or_insert(Value::Null);
        if !message.is_object() {
            *message = Value::Object(Map::new());
        }
        if let Value::Object(message) = message {
            for (k, v) in delta {
                merge(message, k, v);
            }
        }
    }
    for (key, value) in choice {
        merge(acc, key, value);
    }
}

fn append(map: &mut Map<String, Value>, key: &str, value: Value) {
    match map.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(list) => list.push(value),
        other => *other = Value::Array(vec![value]),
    }
}

/// Merges one field of a chunk into the accumulated object.
fn merge(acc: &mut Map<String, Value>, key: String, value: Value) {
    if value.is_null() {
        // Sent as null: null in the response too, unless a value came.
        acc.entry(key).or_insert(Value::Null);
        return;
    }
    let Some(current) = acc.get_mut(&key).filter(|c| !c.is_null()) else {
        acc.insert(key, value);
        return;
    };
    match (current, value) {
        (Value::String(current), Value::String(next)) => {
            if LAST_WINS.contains(&key.as_str()) {
                *current = next;
            } else if !(IDENTIFYING.contains(&key.as_str()) && *current == next) {
                current.push_str(&next);
            }
        }
        (Value::Object(current), Value::Object(next)) => {
            for (k, v) in next {
                merge(current, k, v);
            }
        }
        (Value::Array(current), Value::Array(next)) => {
            for item in next {
                match item {
                    Value::Object(o) if o.contains_key("index") => {
                        let slot = by_index(current, o.get("index"));
                        for (k, v) in o {
                            merge(slot, k, v);
                        }
                    }
                    other => current.push(other),
                }
            }
        }
        (current, next) => *current = next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fold(chunks: &[Value]) -> Value {
        let mut fold = Fold { acc: Map::new(), object: None, message: true };
        for c in chunks {
            let Value::Object(c) = c.clone() else { panic!() };
            fold.chunk(c);
        }
        Value::Object(fold.acc)
    }

    #[test]
    fn content_tool_calls_usage_and_finish_reason() {
        let head = json!({"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m"});
        let chunk = |choice: Value, usage: Value| {
            let mut c = head.clone();
            c["choices"] = json!([choice]);
            c["usage"] = usage;
            c
        };
        let chunks = [
            chunk(
                json!({"index": 0, "delta": {"role": "assistant", "content": "Hel"}, "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"role": "assistant", "content": "lo"}, "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                    "function": {"name": "get_weather", "arguments": "{\"ci"}}]}, "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"tool_calls": [
                    {"index": 0, "function": {"arguments": "ty\": \"Oslo\"}"}},
                    {"index": 1, "id": "call_2", "type": "function", "function": {"name": "now", "arguments": "{}"}}]},
                    "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"content": null}, "finish_reason": "tool_calls"}),
                json!({"prompt_tokens": 3, "completion_tokens": 9, "total_tokens": 12}),
            ),
        ];
        assert_eq!(
            fold(&chunks),
            json!({"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
                "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                    "role": "assistant", "content": "Hello", "tool_calls": [
                        {"index": 0, "id": "call_1", "type": "function",
                         "function": {"name": "get_weather", "arguments": "{\"city\": \"Oslo\"}"}},
                        {"index": 1, "id": "call_2", "type": "function", "function": {"name": "now", "arguments": "{}"}}]}}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 9, "total_tokens": 12}})
        );
    }

    #[test]
    fn choices_merge_by_index_and_logprobs_collect() {
        let chunks = [
            json!({"choices": [{"index": 1, "delta": {"content": "b", "token_id": 5}, "logprobs": -0.5}]}),
            json!({"choices": [{"index": 0, "delta": {"content": "a", "token_id": 4}, "logprobs": -0.25}]}),
            json!({"choices": [{"index": 1, "delta": {"content": "c", "token_id": 6}, "logprobs": -1.0}]}),
        ];
        let v = fold(&chunks);
        // In index order, as a non-streamed response lists them.
        assert_eq!(v["choices"][1]["index"], 1);
        assert_eq!(v["choices"][1]["message"]["content"], "bc");
        assert_eq!(
            v["choices"][1]["logprobs"],
            json!({"token_logprobs": [-0.5, -1.0], "tokens": ["b", "c"], "token_ids": [5, 6]})
        );
        assert_eq!(v["choices"][0]["index"], 0);
        assert_eq!(v["choices"][0]["message"]["content"], "a");
        assert!(v["choices"][0]["message"].get("token_id").is_none());
    }

    #[test]
    fn text_completions_keep_their_text_and_nulls_stay_null() {
        let chunks = [
            json!({"object": "completion.chunk", "choices": [{"index": 0, "text": "Once", "logprobs": -0.5,
                "delta": {"content": "Once", "token_id": 9}, "finish_reason": null}]}),
            json!({"object": "completion.chunk", "choices": [{"index": 0, "text": " upon", "logprobs": null,
                "delta": {"content": " upon"}, "finish_reason": "length", "seed": null}], "usage": null}),
        ];
        let mut fold = Fold { acc: Map::new(), object: Some("text.completion"), message: false };
        for c in chunks {
            let Value::Object(c) = c else { panic!() };
            fold.chunk(c);
        }
        assert_eq!(
            Value::Object(fold.acc),
            json!({"object": "text.completion", "usage": null, "choices": [{"index": 0, "text": "Once upon",
                "logprobs": {"token_logprobs": [-0.5], "tokens": ["Once"], "token_ids": [9]},
                "finish_reason": "length", "seed": null}]})
        );
    }

    #[test]
    fn identifying_strings_are_not_doubled_but_pieces_join() {
        let mut acc = Map::new();
        merge(&mut acc, "name".into(), json!("get_"));
        merge(&mut acc, "name".into(), json!("weather"));
        merge(&mut acc, "role".into(), json!("assistant"));
        merge(&mut acc, "role".into(), json!("assistant"));
        merge(&mut acc, "content".into(), json!("ha"));
        merge(&mut acc, "content".into(), json!("ha"));
        assert_eq!(Value::Object(acc), json!({"name": "get_weather", "role": "assistant", "content": "haha"}));
    }

    #[test]
    fn error_payloads_are_recognised() {
        assert!(starts_with_error_key(r#" { "error": {"message": "x"}}"#));
        assert!(!starts_with_error_key(r#"{"id": "x", "error": null}"#));
        assert!(is_error_object(r#"{"id": "x", "error": {"message": "late"}}"#));
        assert!(!is_error_object(r#"{"id": "x", "error": null}"#));
        assert!(!is_error_object("[DONE]"));
    }
}
